"""The events a ``DrsClient`` dispatches while downloading, with the reference library's
(3.x) attribute names.

``client.events.on("download-ok" | "download-progress" | "download-failure", handler)``:
the handler receives a :class:`DownloadOkEvent`, :class:`DownloadProgressEvent` or
:class:`DownloadFailureEvent`. Their payload holds both the SDK's keys (``object_id``,
``status``, ``path``, ``message``; ``name``, ``bytes_done``, ``bytes_total``, ``done``) and
3.x's (``drs_url``, ``output_file_path``; ``read_byte_count``, ``total_byte_count``;
``reason``, ``error``), which the properties read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dnastack.client.drs.errors import DrsApiError, NoAccessMethodError
from dnastack.client.drs.progress import DownloadProgress
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.uri import InvalidDrsUriError
from dnastack.common.events import Event

__all__ = [
    "DOWNLOAD_EVENTS",
    "DownloadFailureEvent",
    "DownloadOkEvent",
    "DownloadProgressEvent",
    "failure_reason",
    "progress_event",
    "result_event",
]

DOWNLOAD_EVENTS = ("download-ok", "download-progress", "download-failure")


class _DownloadEvent(Event):
    @property
    def drs_url(self) -> str | None:
        """The id or ``drs://`` URI as requested (the object id for progress reports)."""
        return self._text("drs_url")

    def _text(self, key: str) -> str | None:
        value = self.payload.get(key)
        return None if value is None else str(value)

    @classmethod
    def make(cls, details: Any = None, **kwargs: Any) -> Event:
        """The reference library's constructor: ``DownloadOkEvent.make(drs_url=...)``."""
        return cls("", dict(details or {}) | kwargs)


class DownloadOkEvent(_DownloadEvent):
    """An object downloaded (or already present, verified): ``drs_url``, ``output_file_path``."""

    @property
    def output_file_path(self) -> str | None:
        return self._text("output_file_path")

    @property
    def content(self) -> bytes | None:
        """Always None: downloads go to files (3.x never set it either)."""
        value = self.payload.get("content")
        return value if isinstance(value, bytes) else None


class DownloadProgressEvent(_DownloadEvent):
    """Bytes of one object on disk so far: ``read_byte_count`` of ``total_byte_count``."""

    @property
    def read_byte_count(self) -> int:
        return int(self.payload.get("read_byte_count") or 0)

    @property
    def total_byte_count(self) -> int:
        return int(self.payload.get("total_byte_count") or 0)


class DownloadFailureEvent(_DownloadEvent):
    """An object that could not be downloaded: ``reason`` (3.x's words) and ``error``."""

    @property
    def reason(self) -> str | None:
        return self._text("reason")

    @property
    def error(self) -> BaseException | None:
        value = self.payload.get("error")
        return value if isinstance(value, BaseException) else None


def failure_reason(error: BaseException | None) -> str:
    """The reference library's ``reason`` for a failed download."""
    if isinstance(error, InvalidDrsUriError):
        return "Invalid DRS URL"
    if isinstance(error, NoAccessMethodError):
        return "No access method"
    if isinstance(error, DrsApiError):
        return "Unexpected error while communicating with DRS API"
    return "Unexpected error"


def progress_event(report: DownloadProgress) -> DownloadProgressEvent:
    """The ``download-progress`` event of one progress report."""
    total = report.bytes_total or 0
    return DownloadProgressEvent(
        "download-progress",
        {
            "object_id": report.object_id,
            "name": report.name,
            "bytes_done": report.bytes_done,
            "bytes_total": report.bytes_total,
            "done": report.done,
            "drs_url": report.object_id,
            "read_byte_count": report.bytes_done,
            "total_byte_count": total,
        },
    )


def result_event(
    result: DownloadResult, endpoint_url: str | None = None
) -> DownloadOkEvent | DownloadFailureEvent:
    """The ``download-ok`` or ``download-failure`` event of one object's result.

    ``drs_url`` is the id or URI as requested; for ``download-ok`` a plain id becomes
    ``drs://<host of endpoint_url>/<id>``, as the reference reports it.
    """
    requested = result.requested or result.object_id
    payload: dict[str, Any] = {
        "object_id": result.object_id,
        "status": result.status.name,
        "path": str(result.path) if result.path else None,
        "message": result.error,
        "drs_url": requested,
    }
    if result.status is DownloadStatus.FAILED:
        payload["reason"] = failure_reason(result.exception)
        payload["error"] = result.exception
        return DownloadFailureEvent("download-failure", payload)
    payload["output_file_path"] = payload["path"]
    if endpoint_url and result.bundle_id is None and "://" not in requested:
        host = urlsplit(endpoint_url).netloc
        payload["drs_url"] = f"drs://{host}/{requested}"
    return DownloadOkEvent("download-ok", payload)
