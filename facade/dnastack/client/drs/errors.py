"""DRS errors, in the SDK's one exception tree (:mod:`dnastack.exceptions`).

The reference library's names are kept: ``DrsApiError`` (base of
:class:`DrsObjectNotFoundError`), ``NoUsableAccessMethodError`` (= :class:`NoAccessMethodError`),
``InvalidDrsUrlError`` (= :class:`InvalidDrsUriError`), ``DRSException`` and
``DRSDownloadException``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from dnastack.client.drs.uri import InvalidDrsUriError
from dnastack.exceptions import DnastackError, NotFoundError, TransportError

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span

__all__ = [
    "ChecksumMismatchError",
    "DRSDownloadException",
    "DRSException",
    "DownloadCancelledError",
    "DownloadStalledError",
    "DrsApiError",
    "DrsDownloadError",
    "DrsError",
    "DrsObjectNotFoundError",
    "IncompleteDownloadError",
    "InvalidDrsUriError",
    "InvalidDrsUrlError",
    "InvalidFileStreamingResponse",
    "InvalidObjectMetadataError",
    "MissingOptionalRequirementError",
    "NoAccessMethodError",
    "NoUsableAccessMethodError",
    "UnresolvedDrsObjectsError",
]


class DrsError(DnastackError):
    """A DRS-specific failure."""


class DrsApiError(DrsError, RuntimeError):
    """The DRS service answered an error (the reference library's name)."""


class DrsObjectNotFoundError(NotFoundError, DrsApiError):
    """The DRS service answered 404 for an object (``object_id``, ``url``)."""

    def __init__(
        self, object_id: str, response: httpx.Response, trace_context: Span | None = None
    ) -> None:
        self.object_id = object_id
        super().__init__(response, trace_context)

    def _describe(self) -> str:
        return f"DRS object {self.object_id!r} not found: {super()._describe()}"


class UnresolvedDrsObjectsError(DrsError):
    """A bulk request left some objects unresolved (``object_ids``, ``error_codes``)."""

    def __init__(self, object_ids: Iterable[str], error_codes: Mapping[str, int]) -> None:
        self.object_ids = list(object_ids)
        self.error_codes = dict(error_codes)
        shown = ", ".join(
            f"{i!r} (HTTP {self.error_codes[i]})" if i in self.error_codes else repr(i)
            for i in self.object_ids[:10]
        )
        more = f" and {len(self.object_ids) - 10} more" if len(self.object_ids) > 10 else ""
        super().__init__(f"unresolved DRS objects: {shown}{more}")


class DrsDownloadError(DrsError):
    """An object could not be downloaded (``object_id``)."""

    def __init__(self, message: str, *, object_id: str) -> None:
        self.object_id = object_id
        super().__init__(message)


class NoAccessMethodError(DrsDownloadError, RuntimeError):
    """The object offers no access method this client can use (http/https); also known
    by the reference library's name, ``NoUsableAccessMethodError``."""


class IncompleteDownloadError(DrsDownloadError):
    """The bytes received do not add up to the object's size (after every retry)."""

    def __init__(self, message: str, *, object_id: str, expected: int, received: int) -> None:
        self.expected = expected
        self.received = received
        super().__init__(message, object_id=object_id)


class InvalidObjectMetadataError(DrsDownloadError):
    """The object's metadata rules a download out before any byte is fetched: a ``size``
    that is not a byte count, a checksum that cannot be a digest of its type. Nothing was
    requested or written for it.

    ``object_id``; ``field`` (``size``, ``checksums[sha-256]``...); ``url``: the object's
    URL (query string removed), when known.
    """

    def __init__(self, problem: str, *, object_id: str, field: str, url: str | None = None) -> None:
        self.field = field
        self.url = url
        where = f" at {url}" if url else ""
        super().__init__(
            f"DRS object {object_id!r}{where}: {field}: {problem}; nothing downloaded",
            object_id=object_id,
        )


class ChecksumMismatchError(DrsDownloadError):
    """The bytes received do not match the object's checksum; nothing was kept."""

    def __init__(
        self, *, object_id: str, expected: Mapping[str, str], actual: Mapping[str, str]
    ) -> None:
        self.expected = dict(expected)
        self.actual = dict(actual)
        details = "; ".join(
            f"{kind}: expected {self.expected[kind]}, got {self.actual.get(kind, '?')}"
            for kind in self.expected
        )
        super().__init__(f"checksum mismatch for {object_id!r} ({details})", object_id=object_id)


# -- the reference library's names ------------------------------------------------------------

InvalidDrsUrlError = InvalidDrsUriError
"""The reference library's name for :class:`InvalidDrsUriError` (also a ``ValueError``)."""

NoUsableAccessMethodError = NoAccessMethodError
"""The reference library's name for :class:`NoAccessMethodError`."""


class DRSException(DrsDownloadError, RuntimeError):
    """One failed download (``msg``, ``url``, ``object_id``), as the reference reports it."""

    def __init__(
        self, msg: str | None = None, url: str | None = None, object_id: str | None = None
    ) -> None:
        self.msg = msg
        self.url = url
        where = (
            f" with url [{url}]" if url else f" with object ID [{object_id}]" if object_id else ""
        )
        super().__init__(
            f"Failure downloading DRS object{where}" + (f": {msg}" if msg else ""),
            object_id=object_id or url or "",
        )


class DRSDownloadException(DrsError, RuntimeError):
    """Several downloads failed (``errors``: one :class:`DRSException` each)."""

    def __init__(self, errors: list[DRSException] | None = None) -> None:
        self.errors = list(errors or [])
        super().__init__("Downloads failed:\n" + "".join(f"{e}\n" for e in self.errors))


class InvalidFileStreamingResponse(DrsDownloadError, RuntimeError):
    """The reference library's name for an access URL that answered no usable byte stream;
    here such a response is retried, then reported in a FAILED result (not raised)."""

    def __init__(self, message: str = "", *, object_id: str = "") -> None:
        super().__init__(message, object_id=object_id)


class MissingOptionalRequirementError(DrsError, RuntimeError):
    """The reference library's name for a missing optional requirement (the SDK raises
    :class:`~dnastack.exceptions.MissingExtraError`, a ``DependencyError``)."""


class DownloadCancelledError(DrsDownloadError):
    """The download was cancelled (Ctrl-C, ``KeyboardInterrupt``, the caller's event).

    Its ``.part`` file is kept: the next download of the object resumes from it.
    """

    def __init__(self, object_id: str, where: str = "") -> None:
        kept = f"; {where} kept for resume" if where else ""
        super().__init__(f"download of {object_id!r} cancelled{kept}", object_id=object_id)


class DownloadStalledError(TransportError):
    """A byte download received too few bytes over a whole window (the stall rule).

    ``url`` (query string removed), ``min_bytes``, ``window_seconds``.
    """

    def __init__(self, url: str, *, min_bytes: int, window_seconds: float) -> None:
        self.min_bytes = min_bytes
        self.window_seconds = window_seconds
        super().__init__(
            f"download stalled: fewer than {min_bytes} bytes in {window_seconds:g} s "
            "(settings download_stall_bytes, download_stall_seconds)",
            method="GET",
            url=url,
        )
