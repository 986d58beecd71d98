"""GA4GH DRS: resolving data objects and bundles, and downloading them verified.

``DrsClient`` is the entry point; downloads report one :class:`DownloadResult` (with a
:class:`DownloadStatus`) per object and progress as :class:`DownloadProgress`.
"""

from __future__ import annotations

from dnastack.client.drs.client import DrsClient
from dnastack.client.drs.errors import (
    ChecksumMismatchError,
    DrsDownloadError,
    DrsError,
    DrsObjectNotFoundError,
    IncompleteDownloadError,
    InvalidDrsUriError,
    NoAccessMethodError,
    UnresolvedDrsObjectsError,
)
from dnastack.client.drs.models import AccessMethod, AccessURL, Checksum, ContentsObject, DrsObject
from dnastack.client.drs.progress import DownloadProgress, ProgressHook
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.uri import DrsLocation

__all__ = [
    "AccessMethod",
    "AccessURL",
    "Checksum",
    "ChecksumMismatchError",
    "ContentsObject",
    "DownloadProgress",
    "DownloadResult",
    "DownloadStatus",
    "DrsClient",
    "DrsDownloadError",
    "DrsError",
    "DrsLocation",
    "DrsObject",
    "DrsObjectNotFoundError",
    "IncompleteDownloadError",
    "InvalidDrsUriError",
    "NoAccessMethodError",
    "ProgressHook",
    "UnresolvedDrsObjectsError",
]
