"""Safe local paths: the words the download's local rules are written in.

:class:`LocalFolder` (an open folder: descriptor and path), the open flags that keep a link
from being followed or a FIFO from blocking (0 where the platform lacks one;
:data:`SAFE_FILES_SUPPORTED` says whether it has them all), :func:`entry_stat` (``lstat``
relative to a folder descriptor), ``fcntl`` where the platform has it (None elsewhere; the
one import guard, used for the part files' locks), and how failures become typed errors
naming the path:
every ``OSError`` a :class:`~dnastack.exceptions.LocalFileError`
(:func:`local_file_error`, :func:`os_errors_named`), a link or a wrong kind of entry an
:class:`~dnastack.exceptions.UnsafePathError` (:func:`refusal`).

Used by :mod:`~dnastack.client.drs.folder_tree` (the folders) and
:mod:`~dnastack.client.drs.local_files` (the files in them).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dnastack.exceptions import LocalFileError, UnsafePathError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "BINARY",
    "CLOEXEC",
    "DIRECTORY",
    "NOFOLLOW",
    "NONBLOCK",
    "SAFE_FILES_SUPPORTED",
    "LocalFolder",
    "entry_stat",
    "fcntl",
    "local_file_error",
    "os_errors_named",
    "refusal",
]

NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
BINARY: Final = getattr(os, "O_BINARY", 0)
SAFE_FILES_SUPPORTED: Final = bool(
    NOFOLLOW and DIRECTORY and os.open in os.supports_dir_fd and fcntl is not None
)
"""Whether this platform can open files without following links (POSIX)."""
_REASONS: Final = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EISDIR: "is a folder where a file is expected",
    errno.ENOTDIR: "a file is where a folder is expected",
    errno.ENAMETOOLONG: "file name too long",
    errno.ENOENT: "no such file or folder",
}


@dataclass(frozen=True)
class LocalFolder:
    """An open folder: its descriptor and its path (for messages only)."""

    fd: int
    path: Path


def local_file_error(exc: OSError, path: Path | str) -> LocalFileError:
    """``exc`` as a :class:`LocalFileError` naming ``path`` (already typed ones pass)."""
    if isinstance(exc, LocalFileError):  # pragma: no cover - never an OSError subclass
        return exc
    code = exc.errno
    reason = _REASONS.get(code or -1) or exc.strerror or type(exc).__name__
    if code == errno.ELOOP:
        return UnsafePathError(str(path), "is a symbolic link (not followed)", errno=code)
    return LocalFileError(str(path), reason, errno=code)


@contextmanager
def os_errors_named(path: Path | str) -> Iterator[None]:
    """Turn an ``OSError`` raised inside into a :class:`LocalFileError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise local_file_error(exc, path) from exc


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def entry_stat(folder: LocalFolder, name: str) -> os.stat_result | None:
    """``lstat`` of ``name`` in ``folder`` (a link is not followed); None if it is missing.

    Raises:
        LocalFileError: it cannot be looked at.
    """
    try:
        return os.stat(name, dir_fd=folder.fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise local_file_error(exc, folder.path / name) from exc


def refusal(path: Path, info: os.stat_result, expected: str) -> UnsafePathError:
    """The error refusing ``path``, which is not ``expected`` (a link, a folder, a FIFO...)."""
    what = _kind(info.st_mode)
    tail = " (not followed)" if stat.S_ISLNK(info.st_mode) else ""
    return UnsafePathError(str(path), f"is {what}{tail}, not {expected}; refused")
