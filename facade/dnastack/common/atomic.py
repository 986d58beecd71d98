"""Crash-safe file writes and a portable inter-process lock.

* :func:`atomic_write_text` writes a sibling temporary file, flushes and fsyncs it, renames
  it over the target and fsyncs the directory: readers see the old content or the new
  content, never a half-written file, whatever fails and wherever.
* Temporary files are named ``.<name>.<host>-<pid>.<random>.tmp``. A writer killed
  mid-write (SIGKILL, power loss) leaves one behind; the next write of the same file
  removes those of dead writers (same host, pid no longer running), and those of another
  host or of an older SDK (no pid) once they are older than :data:`STALE_TEMPORARY_SECONDS`.
  A live writer's temporary file is never touched.
* :func:`file_lock` holds an exclusive lock on ``<path>.lock`` (the ``filelock`` package:
  ``flock`` on POSIX, ``msvcrt`` on Windows) for a read-modify-write across processes. It
  is re-entrant within a thread and gives up with
  :class:`~dnastack.exceptions.LockTimeoutError` after ``timeout`` seconds.
* Every ``OSError`` (read-only folder, full disk, a file where a folder is expected...)
  becomes a :class:`~dnastack.exceptions.ConfigurationFileError` naming the path and
  the cause; the target keeps its previous content.

Directories this module creates are 0700; files it writes default to 0600.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import ConfigurationFileError, LockTimeoutError

__all__ = [
    "DEFAULT_LOCK_TIMEOUT_SECONDS",
    "LOCK_POLL_INTERVAL_SECONDS",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "STALE_TEMPORARY_SECONDS",
    "atomic_write_text",
    "ensure_private_dir",
    "file_lock",
    "remove_stale_temporaries",
]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0
LOCK_POLL_INTERVAL_SECONDS = 0.02
STALE_TEMPORARY_SECONDS = 3600.0
"""Age after which a temporary file whose writer cannot be checked (another host, no pid)
is taken as abandoned."""

_logger = sdk_logger("dnastack.common.atomic")
_held = threading.local()
_TEMPORARY_MIDDLE = re.compile(r"^(?:(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})\.)?[a-z0-9_]{8}$")
_HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _file_error(path: str | os.PathLike[str], action: str, exc: OSError) -> ConfigurationFileError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return ConfigurationFileError(os.fspath(path), action, reason, exc.errno)


def ensure_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` and any missing parents with mode 0700; return it.

    An existing directory is left as it is (it may be shared, e.g. ``$HOME``).

    Raises:
        ConfigurationFileError: a parent is a file, or the folder cannot be created.
    """
    directory = Path(path)
    missing: list[Path] = []
    current = directory
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if not missing and not directory.is_dir():
        raise ConfigurationFileError(str(directory), "use folder", "it is a file, not a folder")
    for item in reversed(missing):
        try:
            os.mkdir(item, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not item.is_dir():
                raise ConfigurationFileError(
                    str(item), "create folder", "a file is in the way"
                ) from None
            continue
        except OSError as exc:
            raise _file_error(item, "create folder", exc) from None
        try:
            os.chmod(item, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
        except OSError as exc:
            raise _file_error(item, "create folder", exc) from None
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
    removed and ``path`` keeps its previous content. Temporary files left by dead writers
    of ``path`` are removed afterwards.

    Raises:
        ConfigurationFileError: the file cannot be written (e.g. read-only folder, full
            disk, a folder where the file is expected); the message names the path.
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise ConfigurationFileError(str(target), "write", "it is a folder, a file was expected")
    directory = ensure_private_dir(target.parent)
    data = text.encode(encoding)
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{_HOST_TAG}-{os.getpid()}.", suffix=".tmp", dir=directory
        )
    except OSError as exc:
        raise _file_error(target, "write", exc) from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # pragma: no cover - Windows: the file's ACL decides
                os.chmod(temporary, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _file_error(target, "write", exc) from None
        raise
    _fsync_directory(directory)
    remove_stale_temporaries(target)


def remove_stale_temporaries(
    path: str | os.PathLike[str], *, now: float | None = None
) -> list[Path]:
    """Remove the temporary files of ``path`` left by writers that are gone; return them.

    A temporary file of this host whose pid is not running is removed at once; one of
    another host, or without a pid (older SDKs), once older than
    :data:`STALE_TEMPORARY_SECONDS`. Best effort: failures are logged at debug level.
    """
    target = Path(path)
    prefix, suffix = f".{target.name}.", ".tmp"
    current = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        if _is_stale(name[len(prefix) : -len(suffix)], entry, current):
            try:
                os.unlink(entry.path)
            except OSError as exc:
                _logger.debug("could not remove %s (%s)", entry.path, exc.strerror)
                continue
            removed.append(Path(entry.path))
            _logger.info("removed %s, left by an interrupted write", entry.path)
    return removed


def _is_stale(middle: str, entry: os.DirEntry[str], now: float) -> bool:
    match = _TEMPORARY_MIDDLE.match(middle)
    if match is None:
        return False  # not one of ours
    if match["host"] == _HOST_TAG:
        pid = int(match["pid"])
        return pid != os.getpid() and not _pid_running(pid)
    try:
        modified = entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    return now - modified > STALE_TEMPORARY_SECONDS


def _pid_running(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process (or an absurd number): leave it alone
    return True


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
        ConfigurationFileError: the lock file cannot be created (e.g. read-only folder).
    """
    from filelock import FileLock, Timeout

    # next to the real file (a symlinked target shares its lock); the lock file itself is
    # never followed if it is a link (filelock opens it O_NOFOLLOW)
    target = Path(os.path.realpath(path))
    lock_path = target.with_name(f"{target.name}.lock")
    held: dict[Path, int] = _held.__dict__.setdefault("counts", {})
    if held.get(lock_path):
        held[lock_path] += 1
        try:
            yield lock_path
        finally:
            held[lock_path] -= 1
        return

    ensure_private_dir(lock_path.parent)
    lock = FileLock(lock_path, mode=PRIVATE_FILE_MODE, thread_local=False)
    deadline = clock() + timeout
    while True:
        try:
            lock.acquire(blocking=False)
            break
        except Timeout:
            if clock() >= deadline:
                raise LockTimeoutError(str(lock_path), timeout) from None
            sleep(poll_interval)
        except OSError as exc:
            raise _file_error(lock_path, "lock", exc) from None
    held[lock_path] = 1
    _logger.debug("locked %s", lock_path)
    try:
        yield lock_path
    finally:
        held.pop(lock_path, None)
        lock.release()
        _logger.debug("unlocked %s", lock_path)
