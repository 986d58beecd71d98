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
    NoAccessMethodError,
    NoUsableAccessMethodError,
    UnresolvedDrsObjectsError,
)
from dnastack.client.drs.models import AccessMethod, AccessURL, Checksum, ContentsObject, DrsObject
from dnastack.client.drs.progress import DownloadProgress, ProgressHook
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.uri import DrsLocation

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
    "DownloadProgress",
    "DownloadResult",
    "DownloadStalledError",
    "DownloadStatus",
    "DrsApiError",
    "DrsClient",
    "DrsDownloadError",
    "DrsError",
    "DrsLocation",
    "DrsObject",
    "DrsObjectNotFoundError",
    "IncompleteDownloadError",
    "InvalidDrsUriError",
    "InvalidDrsUrlError",
    "NoAccessMethodError",
    "NoUsableAccessMethodError",
    "ProgressHook",
    "UnresolvedDrsObjectsError",
]
