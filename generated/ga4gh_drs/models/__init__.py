# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .access_method import AccessMethod
from .access_method_type import AccessMethodType
from .access_url import AccessURL
from .access_url_request import AccessUrlRequest
from .authorization_type import AuthorizationType
from .authorizations import Authorizations
from .bulk_access_url import BulkAccessURL
from .bulk_access_urls_response import BulkAccessUrlsResponse
from .bulk_authorizations_response import BulkAuthorizationsResponse
from .bulk_object_access_id import BulkObjectAccessId
from .bulk_object_id import BulkObjectId
from .bulk_object_id_no_passport import BulkObjectIdNoPassport
from .bulk_objects_response import BulkObjectsResponse
from .checksum import Checksum
from .contents_object import ContentsObject
from .drs_object import DrsObject
from .drs_object_request import DrsObjectRequest
from .drs_service import DrsService
from .drs_service_details import DrsServiceDetails
from .drs_service_info import DrsServiceInfo
from .error import Error
from .object_access_ids import ObjectAccessIds
from .service import Service
from .service_organization import ServiceOrganization
from .service_type import ServiceType
from .summary import Summary
from .unresolved_drs_object import UnresolvedDrsObject

__all__ = (
    "AccessMethod",
    "AccessMethodType",
    "AccessURL",
    "AccessUrlRequest",
    "AuthorizationType",
    "Authorizations",
    "BulkAccessURL",
    "BulkAccessUrlsResponse",
    "BulkAuthorizationsResponse",
    "BulkObjectAccessId",
    "BulkObjectId",
    "BulkObjectIdNoPassport",
    "BulkObjectsResponse",
    "Checksum",
    "ContentsObject",
    "DrsObject",
    "DrsObjectRequest",
    "DrsService",
    "DrsServiceDetails",
    "DrsServiceInfo",
    "Error",
    "ObjectAccessIds",
    "Service",
    "ServiceOrganization",
    "ServiceType",
    "Summary",
    "UnresolvedDrsObject",
)
