"""Download rules for the local side: nothing written outside the output folder, through a
link, or into anything but a regular file this download owns.

- **Folders** are opened by :class:`~dnastack.client.drs.folder_tree.FolderTree`, one
  component at a time, never through a link (re-exported here, as are the names of
  :mod:`~dnastack.client.drs.local_paths`).
- **Part files.** ``.<name>.part`` is created with ``O_CREAT | O_EXCL | O_NOFOLLOW``; a
  leftover one is looked at with ``lstat`` first and opened with ``O_NOFOLLOW``; both opens
  use ``O_NONBLOCK`` (a FIFO cannot block), then ``fstat`` must show a regular file with
  one link. An exclusive ``flock`` keeps a second writer (another process) out
  (:func:`open_part`).
- **Existing files** (skip-existing, resume) are read through the same checks
  (:func:`open_existing`); the final name holding anything but a regular file (a link, a
  folder, a FIFO, a device) refuses the object (:func:`check_final_name`).
- **Placement.** ``link(part, final)`` relative to the folder descriptor, following
  neither name: an existing final name (link or not) is ``EEXIST``, never replaced. The new
  name is checked (``lstat`` inode == ``fstat`` inode of the written descriptor) before the
  part name is removed, and only while it still names our file (:func:`place_file`).
- **Errors.** Every ``OSError`` becomes a :class:`~dnastack.exceptions.LocalFileError`
  naming the path (:class:`~dnastack.exceptions.UnsafePathError` for links and wrong
  kinds, :class:`~dnastack.exceptions.LocalFileInUseError` for a locked part).

Plain functions over file descriptors, no threads and no HTTP: the thread-pool downloader,
an asyncio driver or an executor task apply the same rules. POSIX only: where
``O_NOFOLLOW``/``dir_fd`` are missing, :class:`FolderTree` refuses to start.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Final

from dnastack.client.drs.folder_tree import MAX_OPEN_FOLDERS, FolderTree
from dnastack.client.drs.local_paths import (
    BINARY,
    CLOEXEC,
    NOFOLLOW,
    NONBLOCK,
    SAFE_FILES_SUPPORTED,
    LocalFolder,
    entry_stat,
    fcntl,
    local_file_error,
    os_errors_named,
    refusal,
)
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import LocalFileInUseError, UnsafePathError

__all__ = [
    "MAX_OPEN_FOLDERS",
    "SAFE_FILES_SUPPORTED",
    "FolderTree",
    "LocalFolder",
    "check_final_name",
    "entry_exists",
    "local_file_error",
    "open_existing",
    "open_part",
    "open_part_noting_creation",
    "os_errors_named",
    "place_file",
    "regular_file_size",
    "remove_if_ours",
]

_logger = sdk_logger("dnastack.drs")
_NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
)
_NO_LOCKS: Final = frozenset(
    {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.ENOSYS}
)


def _check_regular(fd: int, path: Path, *, single_link: bool) -> os.stat_result:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise refusal(path, info, "a regular file")
    if single_link and info.st_nlink != 1:
        raise UnsafePathError(
            str(path), f"has {info.st_nlink} hard links (another name shares its bytes); refused"
        )
    return info


def open_part(folder: LocalFolder, name: str) -> int:
    """Open (or create) the part file ``name`` for reading and writing, locked.

    Returns a descriptor the caller closes (closing releases the lock).

    Raises:
        UnsafePathError: ``name`` is a link, not a regular file, or has several links.
        LocalFileInUseError: another process (or download) holds its lock.
        LocalFileError: it cannot be created or opened.
    """
    return open_part_noting_creation(folder, name)[0]


def open_part_noting_creation(folder: LocalFolder, name: str) -> tuple[int, bool]:
    """:func:`open_part`, also saying whether this call created the file (False: a leftover
    part was opened). Raises as :func:`open_part` does."""
    path = folder.path / name
    flags = os.O_RDWR | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY
    created = False
    try:
        fd = os.open(name, flags | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=folder.fd)
        created = True
    except FileExistsError:
        info = entry_stat(folder, name)
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise refusal(path, info, "a regular file") from None
        with os_errors_named(path):
            fd = os.open(name, flags, dir_fd=folder.fd)
    except OSError as exc:
        raise local_file_error(exc, path) from exc
    try:
        with os_errors_named(path):
            _check_regular(fd, path, single_link=True)
            _lock(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd, created


def _lock(fd: int, path: Path) -> None:
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise LocalFileInUseError(
            str(path), "another download is writing this file (it is locked)"
        ) from None
    except OSError as exc:
        if exc.errno not in _NO_LOCKS:
            raise
        # a file system without locks (some network mounts): download unlocked
        _logger.debug("%s: no file locks on this file system (%s)", path, exc.strerror)


def open_existing(folder: LocalFolder, name: str) -> int | None:
    """A read-only descriptor of the regular file ``name``; None for anything else.

    Used to look at a file already under an object's name (skip-existing).
    """
    info = entry_stat(folder, name)
    if info is None or not stat.S_ISREG(info.st_mode):
        return None
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC, dir_fd=folder.fd)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the lstat
        os.close(fd)
        return None
    return fd


def entry_exists(folder: LocalFolder, name: str) -> bool:
    """Whether ``name`` exists in ``folder`` (a dangling link counts: it is not followed)."""
    return entry_stat(folder, name) is not None


def regular_file_size(folder: LocalFolder, name: str) -> int | None:
    """The size of ``name`` if it is a regular file (not followed), else None."""
    info = entry_stat(folder, name)
    return info.st_size if info is not None and stat.S_ISREG(info.st_mode) else None


def check_final_name(folder: LocalFolder, name: str) -> None:
    """Refuse an object whose final name holds a link, folder, FIFO or device.

    A regular file there is fine: it is never replaced (the object gets a suffixed name).

    Raises:
        UnsafePathError: ``name`` exists and is not a regular file.
    """
    info = entry_stat(folder, name)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise refusal(folder.path / name, info, "a regular file")


def place_file(folder: LocalFolder, part_name: str, fd: int, final_name: str) -> bool:
    """Give the part file (open as ``fd``) the name ``final_name``; False if it is taken.

    Never replaces an existing entry and never follows a link (``linkat`` without
    ``AT_SYMLINK_FOLLOW``). Where hard links are not supported, a ``rename`` to a name
    that is free at that moment is used instead.

    Raises:
        UnsafePathError: the part name no longer named the written file.
        LocalFileError: the file system refused.
    """
    final = folder.path / final_name
    try:
        os.link(
            part_name,
            final_name,
            src_dir_fd=folder.fd,
            dst_dir_fd=folder.fd,
            follow_symlinks=False,
        )
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise local_file_error(exc, final) from exc
        return _rename_into_place(folder, part_name, fd, final_name)
    own = os.fstat(fd)
    placed = entry_stat(folder, final_name)
    if placed is None or (placed.st_ino, placed.st_dev) != (own.st_ino, own.st_dev):
        if placed is not None and not stat.S_ISDIR(placed.st_mode):
            os.unlink(final_name, dir_fd=folder.fd)  # the link we just made, to another file
        raise UnsafePathError(
            str(folder.path / part_name), "was replaced while being downloaded; refused"
        )
    remove_if_ours(folder, part_name, fd)
    return True


def _rename_into_place(folder: LocalFolder, part_name: str, fd: int, final_name: str) -> bool:
    if entry_stat(folder, final_name) is not None:
        return False
    if not _names_our_file(folder, part_name, fd):
        raise UnsafePathError(
            str(folder.path / part_name), "was replaced while being downloaded; refused"
        )
    with os_errors_named(folder.path / final_name):
        os.rename(part_name, final_name, src_dir_fd=folder.fd, dst_dir_fd=folder.fd)
    return True


def _names_our_file(folder: LocalFolder, name: str, fd: int) -> bool:
    info = entry_stat(folder, name)
    own = os.fstat(fd)
    return info is not None and (info.st_ino, info.st_dev) == (own.st_ino, own.st_dev)


def remove_if_ours(folder: LocalFolder, name: str, fd: int) -> None:
    """Remove the name ``name`` if it still names the file open as ``fd``."""
    if _names_our_file(folder, name, fd):
        with os_errors_named(folder.path / name):
            os.unlink(name, dir_fd=folder.fd)
