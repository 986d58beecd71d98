"""GA4GH DRS: resolving data objects and bundles, and downloading them verified.

``DrsClient`` is the entry point; downloads report one :class:`DownloadResult` (with a
:class:`DownloadStatus`) per object and progress as :class:`DownloadProgress`.
"""

from __future__ import annotations

from dnastack.client.drs.blob import Blob
from dnastack.client.drs.client import DRS_TYPE_V1_1, DrsClient
from dnastack.client.drs.errors import (
    ChecksumMismatchError,
    DownloadCancelledError,
    DownloadStalledError,
    DrsApiError,
    DrsDownloadError,
    DRSDownloadException,
    DrsError,
    DRSException,
    DrsObjectNotFoundError,
    IncompleteDownloadError,
    InvalidDrsUriError,
    InvalidDrsUrlError,
    InvalidFileStreamingResponse,
    InvalidObjectMetadataError,
    MissingOptionalRequirementError,
    NoAccessMethodError,
    NoUsableAccessMethodError,
    UnresolvedDrsObjectsError,
)
from dnastack.client.drs.events import DownloadFailureEvent, DownloadOkEvent, DownloadProgressEvent
from dnastack.client.drs.minimal_metadata import DrsMinimalMetadata
from dnastack.client.drs.models import AccessMethod, AccessURL, Checksum, ContentsObject, DrsObject
from dnastack.client.drs.progress import DownloadProgress, ProgressHook
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.uri import DrsLocation

# names the reference library's module also offers (importable, not exported)
from dnastack.common.events import Event as Event
from dnastack.exceptions import HttpError as HttpError

# the reference library's (3.x) model names
DrsObjectAccessMethod = AccessMethod
DrsObjectAccessUrl = AccessURL
DrsObjectChecksum = Checksum

__all__ = [
    "DRS_TYPE_V1_1",
    "AccessMethod",
    "AccessURL",
    "Blob",
    "Checksum",
    "ChecksumMismatchError",
    "ContentsObject",
    "DRSDownloadException",
    "DRSException",
    "DownloadCancelledError",
    "DownloadFailureEvent",
    "DownloadOkEvent",
    "DownloadProgress",
    "DownloadProgressEvent",
    "DownloadResult",
    "DownloadStalledError",
    "DownloadStatus",
    "DrsApiError",
    "DrsClient",
    "DrsDownloadError",
    "DrsError",
    "DrsLocation",
    "DrsMinimalMetadata",
    "DrsObject",
    "DrsObjectAccessMethod",
    "DrsObjectAccessUrl",
    "DrsObjectChecksum",
    "DrsObjectNotFoundError",
    "IncompleteDownloadError",
    "InvalidDrsUriError",
    "InvalidDrsUrlError",
    "InvalidFileStreamingResponse",
    "InvalidObjectMetadataError",
    "MissingOptionalRequirementError",
    "NoAccessMethodError",
    "NoUsableAccessMethodError",
    "ProgressHook",
    "UnresolvedDrsObjectsError",
]
