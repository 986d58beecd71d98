"""Download rules for the local side: nothing written outside the output folder, through a
link, or into anything but a regular file this download owns.

- **Folders.** The output folder is opened once (the caller's path, links in it included:
  the caller chose it). Every folder below it is created and opened one component at a
  time relative to its parent's descriptor (``mkdir``/``open`` with ``dir_fd``,
  ``O_DIRECTORY | O_NOFOLLOW``): a symbolic link anywhere below the output folder is
  refused, never followed (:class:`FolderTree`). A folder's descriptor is held while a
  download uses it; at most :data:`MAX_OPEN_FOLDERS` idle ones stay open (a bundle of
  thousands of folders cannot exhaust the process's descriptors).
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
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import LocalFileError, LocalFileInUseError, UnsafePathError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

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
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)
SAFE_FILES_SUPPORTED: Final = bool(
    _NOFOLLOW and _DIRECTORY and os.open in os.supports_dir_fd and fcntl is not None
)
"""Whether this platform can open files without following links (POSIX)."""
_NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
)
_NO_LOCKS: Final = frozenset(
    {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.ENOSYS}
)
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


def _lstat(folder: LocalFolder, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=folder.fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise local_file_error(exc, folder.path / name) from exc


def _refused(path: Path, info: os.stat_result, expected: str) -> UnsafePathError:
    what = _kind(info.st_mode)
    tail = " (not followed)" if stat.S_ISLNK(info.st_mode) else ""
    return UnsafePathError(str(path), f"is {what}{tail}, not {expected}; refused")


MAX_OPEN_FOLDERS: Final = 64
"""Folder descriptors a :class:`FolderTree` keeps open when no download uses them (a bundle
of thousands of folders would otherwise exhaust the process's descriptors: ``EMFILE``)."""


class FolderTree:
    """The output folder and the folders below it, opened without following links.

    Thread-safe. A folder is used through :meth:`opened` (a lease): its descriptor stays
    open while leased; unleased descriptors beyond :data:`MAX_OPEN_FOLDERS` are closed, least
    recently used first, and opened again (walking from the output folder, no link
    followed) when needed. Everything is closed by :meth:`close`.

    Raises:
        UnsafePathError: the platform cannot open files without following links.
        LocalFileError: the output folder cannot be created or opened.
    """

    def __init__(self, root: Path) -> None:
        if not SAFE_FILES_SUPPORTED:
            raise UnsafePathError(
                str(root), "this platform cannot open files without following links"
            )
        with os_errors_named(root):
            root.mkdir(parents=True, exist_ok=True)
            fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        self.root = LocalFolder(fd, root)
        self._folders: OrderedDict[tuple[str, ...], LocalFolder] = OrderedDict({(): self.root})
        self._leases: Counter[tuple[str, ...]] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def opened(self, parts: Sequence[str], *, create: bool) -> Iterator[LocalFolder | None]:
        """The folder ``root/parts...`` (None if missing and not ``create``), open for the
        ``with`` block.

        Raises:
            UnsafePathError: a component is a link or not a folder.
            LocalFileError: a folder cannot be created (read-only, full, ...).
        """
        key = tuple(parts)
        with self._lock:
            folder = self._open(key, create)
            if folder is not None:
                self._leases[key] += 1
        try:
            yield folder
        finally:
            if folder is not None:
                with self._lock:
                    self._leases[key] -= 1
                    if not self._leases[key]:
                        del self._leases[key]
                    self._trim()

    def folder(self, parts: Sequence[str], *, create: bool) -> LocalFolder | None:
        """Like :meth:`opened`, but the folder stays open until :meth:`close`."""
        key = tuple(parts)
        with self._lock:
            folder = self._open(key, create)
            if folder is not None:
                self._leases[key] += 1  # never released
            return folder

    def _open(self, key: tuple[str, ...], create: bool) -> LocalFolder | None:
        found = self._folders.get(key)
        if found is not None:
            self._folders.move_to_end(key)
            return found
        current = self.root
        for depth in range(1, len(key) + 1):
            known = self._folders.get(key[:depth])
            if known is None:
                opened = _open_child(current, key[depth - 1], create)
                if opened is None:
                    return None
                self._folders[key[:depth]] = known = opened
            else:
                self._folders.move_to_end(key[:depth])
            current = known
        return current

    def _trim(self) -> None:
        """Close unleased folders (oldest first) beyond :data:`MAX_OPEN_FOLDERS`."""
        excess = len(self._folders) - MAX_OPEN_FOLDERS
        if excess <= 0:
            return
        for key in [k for k in self._folders if k and k not in self._leases][:excess]:
            os.close(self._folders.pop(key).fd)

    @property
    def open_count(self) -> int:
        """How many folder descriptors are open (the output folder's included)."""
        with self._lock:
            return len(self._folders)

    def close(self) -> None:
        with self._lock:
            for folder in self._folders.values():
                os.close(folder.fd)
            self._folders.clear()
            self._leases.clear()

    def __enter__(self) -> FolderTree:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _open_child(parent: LocalFolder, name: str, create: bool) -> LocalFolder | None:
    path = parent.path / name
    if create:
        try:
            os.mkdir(name, 0o777, dir_fd=parent.fd)  # never follows: a link there is EEXIST
        except FileExistsError:
            pass
        except OSError as exc:
            raise local_file_error(exc, path) from exc
    try:
        fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent.fd)
    except FileNotFoundError:
        if create:
            raise LocalFileError(str(path), "disappeared while being created") from None
        return None
    except OSError as exc:
        info = _lstat(parent, name)
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise _refused(path, info, "a folder") from exc
        raise local_file_error(exc, path) from exc
    return LocalFolder(fd, path)


def _check_regular(fd: int, path: Path, *, single_link: bool) -> os.stat_result:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise _refused(path, info, "a regular file")
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
    flags = os.O_RDWR | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY
    created = False
    try:
        fd = os.open(name, flags | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=folder.fd)
        created = True
    except FileExistsError:
        info = _lstat(folder, name)
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise _refused(path, info, "a regular file") from None
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
    info = _lstat(folder, name)
    if info is None or not stat.S_ISREG(info.st_mode):
        return None
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder.fd)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the lstat
        os.close(fd)
        return None
    return fd


def entry_exists(folder: LocalFolder, name: str) -> bool:
    """Whether ``name`` exists in ``folder`` (a dangling link counts: it is not followed)."""
    return _lstat(folder, name) is not None


def regular_file_size(folder: LocalFolder, name: str) -> int | None:
    """The size of ``name`` if it is a regular file (not followed), else None."""
    info = _lstat(folder, name)
    return info.st_size if info is not None and stat.S_ISREG(info.st_mode) else None


def check_final_name(folder: LocalFolder, name: str) -> None:
    """Refuse an object whose final name holds a link, folder, FIFO or device.

    A regular file there is fine: it is never replaced (the object gets a suffixed name).

    Raises:
        UnsafePathError: ``name`` exists and is not a regular file.
    """
    info = _lstat(folder, name)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _refused(folder.path / name, info, "a regular file")


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
    placed = _lstat(folder, final_name)
    if placed is None or (placed.st_ino, placed.st_dev) != (own.st_ino, own.st_dev):
        if placed is not None and not stat.S_ISDIR(placed.st_mode):
            os.unlink(final_name, dir_fd=folder.fd)  # the link we just made, to another file
        raise UnsafePathError(
            str(folder.path / part_name), "was replaced while being downloaded; refused"
        )
    remove_if_ours(folder, part_name, fd)
    return True


def _rename_into_place(folder: LocalFolder, part_name: str, fd: int, final_name: str) -> bool:
    if _lstat(folder, final_name) is not None:
        return False
    if not _names_our_file(folder, part_name, fd):
        raise UnsafePathError(
            str(folder.path / part_name), "was replaced while being downloaded; refused"
        )
    with os_errors_named(folder.path / final_name):
        os.rename(part_name, final_name, src_dir_fd=folder.fd, dst_dir_fd=folder.fd)
    return True


def _names_our_file(folder: LocalFolder, name: str, fd: int) -> bool:
    info = _lstat(folder, name)
    own = os.fstat(fd)
    return info is not None and (info.st_ino, info.st_dev) == (own.st_ino, own.st_dev)


def remove_if_ours(folder: LocalFolder, name: str, fd: int) -> None:
    """Remove the name ``name`` if it still names the file open as ``fd``."""
    if _names_our_file(folder, name, fd):
        with os_errors_named(folder.path / name):
            os.unlink(name, dir_fd=folder.fd)
