"""Reading credential-bearing files (configuration, sessions) safely.

:func:`read_private_text` reads a small text file the way the configuration and session
stores need it:

* only a regular file is read: a folder, FIFO or device where a file is expected is a
  :class:`~dnastack.exceptions.ConfigurationFileError` naming the path (opened without
  blocking, so a FIFO cannot hang the reader);
* a file readable or writable by others (any of the ``0o077`` bits) is made private
  (0600) with an :class:`~dnastack.exceptions.InsecureFileWarning` naming it (a Python
  warning: visible in a terminal and a notebook whatever the logging setup), or refused
  when its mode cannot be changed;
* at most ``max_bytes`` are read (a larger file is refused, never loaded whole);
* every ``OSError`` becomes a ``ConfigurationFileError`` with the path and the cause.

:func:`make_private_dir` does the same for a folder the SDK owns (0700).
On Windows the POSIX mode checks are skipped (files there are private by their ACLs).
"""

from __future__ import annotations

import os
import stat
import warnings

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import ConfigurationFileError, InsecureFileWarning

__all__ = [
    "MAX_PRIVATE_FILE_BYTES",
    "PRIVATE_MODE_MASK",
    "make_private_dir",
    "read_private_text",
]

PRIVATE_MODE_MASK = 0o077
"""Mode bits (group and others) a private file or folder must not have."""
MAX_PRIVATE_FILE_BYTES = 1024 * 1024
"""Largest configuration or session file read (1 MiB; real ones are a few KiB)."""

_logger = sdk_logger("dnastack.common.private_files")
_POSIX = os.name == "posix"


def _file_error(path: str | os.PathLike[str], action: str, exc: OSError) -> ConfigurationFileError:
    reason = exc.strerror or type(exc).__name__
    return ConfigurationFileError(str(path), action, reason, exc.errno)


def read_private_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_PRIVATE_FILE_BYTES, kind: str = ""
) -> str | None:
    """The UTF-8 text of the private file ``path``, or None when it does not exist.

    ``os.devnull`` reads as an empty file. ``kind`` names the file in errors ("cannot read
    <kind> <path>: ...").

    Raises:
        ConfigurationFileError: not a regular file, unreadable, larger than ``max_bytes``,
            not UTF-8, or readable by others with a mode that cannot be fixed.
    """
    name = os.fspath(path)
    read = f"read {kind}".strip()
    if name == os.devnull:
        return ""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _file_error(name, read, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigurationFileError(name, read, "it is a folder, a file was expected")
        if not stat.S_ISREG(info.st_mode):
            raise ConfigurationFileError(name, read, "not a regular file")
        _ensure_private_fd(fd, name, info.st_mode, f"use {kind}".strip())
        if info.st_size > max_bytes:
            raise _too_large(name, read, max_bytes)
        data = _read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        raise _file_error(name, read, exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _too_large(name, read, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigurationFileError(name, read, f"not UTF-8 text (byte {exc.start})") from None


def _too_large(name: str, action: str, max_bytes: int) -> ConfigurationFileError:
    return ConfigurationFileError(name, action, f"larger than {max_bytes} bytes")


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1024 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _ensure_private_fd(fd: int, name: str, mode: int, action: str) -> None:
    if not _POSIX or not mode & PRIVATE_MODE_MASK:
        return
    old = stat.S_IMODE(mode)
    new = old & ~PRIVATE_MODE_MASK
    try:
        os.fchmod(fd, new)
    except OSError as exc:
        raise ConfigurationFileError(
            name,
            action,
            f"it is readable by others (mode {old:04o}) and its mode cannot be changed "
            f"({exc.strerror or type(exc).__name__}); make it private: chmod 600 {name}",
            exc.errno,
        ) from None
    _say(f"{name} was readable by others (mode {old:04o}); changed to {new:04o}")


def make_private_dir(path: str | os.PathLike[str]) -> None:
    """Make the existing folder ``path`` private (no group/other bits), warning when changed.

    For folders the SDK owns (the session folder); a missing folder is left missing.

    Raises:
        ConfigurationFileError: ``path`` is not a folder, or its mode cannot be changed.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _file_error(name, "use folder", exc) from None
    if not stat.S_ISDIR(info.st_mode):
        raise ConfigurationFileError(name, "use folder", "it is a file, a folder was expected")
    if not _POSIX or not info.st_mode & PRIVATE_MODE_MASK:
        return
    old = stat.S_IMODE(info.st_mode)
    new = old & ~PRIVATE_MODE_MASK
    try:
        os.chmod(name, new)
    except OSError as exc:
        raise ConfigurationFileError(
            name,
            "use folder",
            f"it is open to others (mode {old:04o}) and its mode cannot be changed "
            f"({exc.strerror or type(exc).__name__}); make it private: chmod 700 {name}",
            exc.errno,
        ) from None
    _say(f"{name} was open to others (mode {old:04o}); changed to {new:04o}")


def _say(message: str) -> None:
    _logger.info("%s", message)
    warnings.warn(message, InsecureFileWarning, stacklevel=4)
