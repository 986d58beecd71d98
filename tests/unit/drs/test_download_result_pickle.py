"""DownloadResult crosses process boundaries: an error that cannot unpickle as itself
(a keyword-only constructor) comes back as a RemoteDownloadError with its message."""

from __future__ import annotations

import pickle
import threading

from dnastack.client.drs.errors import ChecksumMismatchError, DrsDownloadError
from dnastack.client.drs.results import DownloadResult, DownloadStatus, RemoteDownloadError


class HoldsALock(DrsDownloadError):
    """An error no pickler can send (a lock inside), whatever helpers are installed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, object_id="o")
        self.lock = threading.Lock()


def test_a_result_with_an_unpicklable_error_pickles_with_a_stand_in() -> None:
    error = HoldsALock("transfer failed")
    result = DownloadResult("o", DownloadStatus.FAILED, error=str(error), exception=error)
    again = pickle.loads(pickle.dumps(result))
    assert again == result  # exception is not compared
    assert isinstance(again.exception, RemoteDownloadError)
    assert again.exception.type_name == "HoldsALock"
    assert str(again.exception) == str(error)
    assert result.exception is error  # the original result is untouched


def test_a_checksum_mismatch_travels_with_its_message() -> None:
    error = ChecksumMismatchError(object_id="o", expected={"md5": "a"}, actual={"md5": "b"})
    result = DownloadResult("o", DownloadStatus.FAILED, error=str(error), exception=error)
    again = pickle.loads(pickle.dumps(result))
    assert str(again.exception) == str(error)
    assert type(again.exception).__name__ in ("ChecksumMismatchError", "RemoteDownloadError")


def test_a_picklable_error_is_kept_as_itself() -> None:
    error = OSError(28, "No space left on device")
    result = DownloadResult("o", DownloadStatus.FAILED, exception=error)
    again = pickle.loads(pickle.dumps(result))
    assert type(again.exception) is OSError and again.exception.errno == 28
    assert isinstance(DrsDownloadError("x", object_id="o"), Exception)
