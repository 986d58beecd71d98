# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.

"""A client library for accessing Data Repository Service"""

from ._spec import SPEC_PATH, SPEC_RESOURCE, SPEC_SHA256, SPEC_TITLE, SPEC_VERSION
from .client import AuthenticatedClient, Client

__all__ = (
    "SPEC_PATH",
    "SPEC_RESOURCE",
    "SPEC_SHA256",
    "SPEC_TITLE",
    "SPEC_VERSION",
    "AuthenticatedClient",
    "Client",
)
