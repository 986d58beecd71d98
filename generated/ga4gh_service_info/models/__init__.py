# Generated from specs/service-info.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .service import Service
from .service_organization import ServiceOrganization
from .service_type import ServiceType

__all__ = (
    "Service",
    "ServiceOrganization",
    "ServiceType",
)
