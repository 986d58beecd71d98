# Generated from specs/service-registry.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.

"""A client library for accessing GA4GH Service Registry"""

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
