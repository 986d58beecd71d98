# Generated from specs/service-registry.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .external_service import ExternalService
from .service import Service
from .service_organization import ServiceOrganization
from .service_type import ServiceType

__all__ = (
    "Error",
    "ExternalService",
    "Service",
    "ServiceOrganization",
    "ServiceType",
)
