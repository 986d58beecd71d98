"""What a download reports: one :class:`DownloadResult` per object, with a
:class:`DownloadStatus`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from dnastack.exceptions import DnastackError

__all__ = ["DownloadResult", "DownloadStatus", "RemoteDownloadError"]


class DownloadStatus(Enum):
    """The outcome of one object's download."""

    SUCCESS = 0
    """Downloaded, checked (size and checksum) and renamed into place."""
    FAILED = 1
    """Not downloaded; no final file was written (see ``DownloadResult.error``)."""
    SKIPPED = 2
    """Not downloaded: already present and verified, or requested twice."""
    FAIL = 1
    """The reference library's name: the same member as :attr:`FAILED` (an alias, so
    ``for status in DownloadStatus`` still lists three)."""


@dataclass(frozen=True)
class DownloadResult:
    """The outcome of one object's download.

    Attributes:
        object_id: the DRS object id (a bundle member's own id for bundle downloads).
        status: SUCCESS, FAILED or SKIPPED.
        path: the final file (None when FAILED).
        size: bytes in the final file (None when FAILED).
        bytes_transferred: bytes received over the network for it in this run.
        resumed_from: bytes reused from an earlier ``.part`` file.
        checksum_verified: whether a checksum was computed and matched.
        expected_checksums: ``{type: checksum}`` the object declares, for the types checked.
        actual_checksums: ``{type: hex}`` computed from the bytes received.
        error: why it failed (None on success); never contains a secret.
        exception: the underlying error (None on success).
        source_url: where the bytes came from (query string removed).
        bundle_id: the bundle this object was downloaded as part of, if any.
        requested: the id or URI as the caller gave it.
    """

    object_id: str
    status: DownloadStatus
    path: Path | None = None
    size: int | None = None
    bytes_transferred: int = 0
    resumed_from: int = 0
    checksum_verified: bool = False
    expected_checksums: Mapping[str, str] = field(default_factory=dict)
    actual_checksums: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None
    exception: BaseException | None = field(default=None, repr=False, compare=False)
    source_url: str | None = None
    bundle_id: str | None = None
    requested: str | None = None

    @property
    def ok(self) -> bool:
        """True for SUCCESS and SKIPPED."""
        return self.status is not DownloadStatus.FAILED

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (e.g. sent back by an executor's worker) with an ``exception`` that
        unpickles: one that would not becomes a :class:`RemoteDownloadError`."""
        state = dict(self.__dict__)
        state["exception"] = _portable(self.exception)
        return state


class RemoteDownloadError(DnastackError):
    """Stands for an error raised in another process that could not be sent as itself.

    Attributes:
        type_name: the class name of the original error.
    """

    def __init__(self, message: str, type_name: str) -> None:
        self.type_name = type_name
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.type_name))


def _portable(exception: BaseException | None) -> BaseException | None:
    import pickle

    if exception is None:
        return None
    try:
        pickle.loads(pickle.dumps(exception))
    except Exception:  # noqa: BLE001 - any failure means: send a stand-in
        return RemoteDownloadError(str(exception), type(exception).__name__)
    return exception
