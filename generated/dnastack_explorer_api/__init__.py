# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.

"""A client library for accessing DNAstack Explorer federated questions"""

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
