"""Crash-safe file writes and an inter-process lock (POSIX).

* :func:`atomic_write_text` writes a sibling temporary file, flushes and fsyncs it, renames
  it over the target and fsyncs the directory: readers see the old content or the new
  content, never a half-written file, whatever fails and wherever.
* :func:`file_lock` holds an exclusive ``fcntl.flock`` on ``<path>.lock`` for a
  read-modify-write across processes. It is re-entrant within a thread and gives up
  with :class:`~dnastack.exceptions.LockTimeoutError` after ``timeout`` seconds.

Directories this module creates are 0700; files it writes default to 0600.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dnastack.exceptions import LockTimeoutError

__all__ = [
    "DEFAULT_LOCK_TIMEOUT_SECONDS",
    "LOCK_POLL_INTERVAL_SECONDS",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "atomic_write_text",
    "ensure_private_dir",
    "file_lock",
]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0
LOCK_POLL_INTERVAL_SECONDS = 0.02

_logger = logging.getLogger("dnastack.common.atomic")
_held = threading.local()


def ensure_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` and any missing parents with mode 0700; return it.

    An existing directory is left as it is (it may be shared, e.g. ``$HOME``).
    """
    directory = Path(path)
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for item in reversed(missing):
        try:
            os.mkdir(item, PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(item, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return directory


def atomic_write_text(
    path: str | os.PathLike[str],
    text: str,
    mode: int = PRIVATE_FILE_MODE,
    *,
    encoding: str = "utf-8",
) -> None:
    """Replace the content of ``path`` with ``text`` atomically and durably.

    A symlinked ``path`` keeps its link: the file it points to is replaced. The parent
    directory is created (0700) when missing. On any failure the temporary file is
    removed and ``path`` keeps its previous content.
    """
    target = Path(os.path.realpath(path))
    directory = ensure_private_dir(target.parent)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        try:
            os.fchmod(fd, mode)
            data = text.encode(encoding)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:  # pragma: no cover - platforms that cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse directory fsync
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(
    path: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    poll_interval: float = LOCK_POLL_INTERVAL_SECONDS,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Path]:
    """Hold an exclusive inter-process lock for ``path`` (on the file ``<path>.lock``).

    Re-entrant within a thread: a nested ``file_lock`` on the same path returns at once.
    Other threads and processes wait, polling every ``poll_interval`` seconds.

    Yields:
        The path of the lock file.

    Raises:
        LockTimeoutError: the lock was not free within ``timeout`` seconds.
    """
    import fcntl

    lock_path = Path(os.path.realpath(f"{os.fspath(path)}.lock"))
    held: dict[Path, int] = _held.__dict__.setdefault("counts", {})
    if held.get(lock_path):
        held[lock_path] += 1
        try:
            yield lock_path
        finally:
            held[lock_path] -= 1
        return

    ensure_private_dir(lock_path.parent)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        deadline = clock() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if clock() >= deadline:
                    raise LockTimeoutError(str(lock_path), timeout) from None
                sleep(poll_interval)
        held[lock_path] = 1
        _logger.debug("locked %s", lock_path)
        try:
            yield lock_path
        finally:
            held.pop(lock_path, None)
            fcntl.flock(fd, fcntl.LOCK_UN)
            _logger.debug("unlocked %s", lock_path)
    finally:
        os.close(fd)
