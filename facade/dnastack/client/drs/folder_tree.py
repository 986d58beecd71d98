"""The output folder and the folders below it, opened without following links.

The output folder is opened once (the caller's path, links in it included: the caller chose
it). Every folder below it is created and opened one component at a time relative to its
parent's descriptor (``mkdir``/``open`` with ``dir_fd``, ``O_DIRECTORY | O_NOFOLLOW``): a
symbolic link anywhere below the output folder is refused, never followed. A folder's
descriptor is held while a download uses it; at most :data:`MAX_OPEN_FOLDERS` idle ones stay
open (a bundle of thousands of folders cannot exhaust the process's descriptors).

The tree remembers the folders it created; after a failed run,
:meth:`FolderTree.remove_empty_created` removes those still empty (deepest first), so a
bundle member that failed leaves no empty folder behind. A folder that existed before, or
holds anything (a ``.part`` kept for a resume), stays; nothing is followed on the way.

The files in these folders: :mod:`~dnastack.client.drs.local_files`. POSIX only: where
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
from pathlib import Path
from typing import Final

from dnastack.client.drs.local_paths import (
    CLOEXEC,
    DIRECTORY,
    NOFOLLOW,
    SAFE_FILES_SUPPORTED,
    LocalFolder,
    entry_stat,
    local_file_error,
    os_errors_named,
    refusal,
)
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import DnastackError, LocalFileError, UnsafePathError

__all__ = ["MAX_OPEN_FOLDERS", "FolderTree"]

MAX_OPEN_FOLDERS: Final = 64
"""Folder descriptors a :class:`FolderTree` keeps open when no download uses them (a bundle
of thousands of folders would otherwise exhaust the process's descriptors: ``EMFILE``)."""
_NOT_REMOVABLE: Final = frozenset({errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT, errno.ENOTDIR})
"""``rmdir`` failures that mean "keep it" (it holds something, or is gone or replaced)."""

_logger = sdk_logger("dnastack.drs")


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
            fd = os.open(root, os.O_RDONLY | DIRECTORY | CLOEXEC)
        self.root = LocalFolder(fd, root)
        self._folders: OrderedDict[tuple[str, ...], LocalFolder] = OrderedDict({(): self.root})
        self._leases: Counter[tuple[str, ...]] = Counter()
        self._created: dict[tuple[str, ...], tuple[int, int] | None] = {}
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
                made = create and _make_child(current, key[depth - 1])
                opened = _open_child(current, key[depth - 1], create)
                if opened is None:
                    return None
                if made:
                    info = os.fstat(opened.fd)
                    self._created[key[:depth]] = (info.st_dev, info.st_ino)
                self._folders[key[:depth]] = known = opened
            else:
                self._folders.move_to_end(key[:depth])
            current = known
        return current

    def claim_missing(self, parts: Sequence[str]) -> None:
        """Count the folders on the way to ``root/parts`` that are missing now as created by
        this tree (for a run whose folders other trees create: executor tasks). A path that
        cannot be looked at (a link on the way) is not counted."""
        key = tuple(parts)
        with self._lock:
            for depth in range(1, len(key) + 1):
                try:
                    present = self._open(key[:depth], create=False) is not None
                except DnastackError:
                    break
                if not present:
                    for missing in range(depth, len(key) + 1):
                        self._created.setdefault(key[:missing], None)
                    break
            self._trim()

    def remove_empty_created(self) -> None:
        """Remove the folders this tree created that are empty now, deepest first.

        Kept: a folder holding anything, one in use, and one that is no longer the folder
        created (a link or another folder put in its place). Each is reached from the output
        folder without following a link. Never raises (what a failure to remove leaves is
        logged): it runs after a download failed, whose error matters more.
        """
        with self._lock:
            for key in sorted(self._created, key=len, reverse=True):
                created = self._created.pop(key)
                if key in self._leases:
                    continue
                try:
                    self._remove_if_empty(key, created)
                except (OSError, DnastackError) as exc:
                    _logger.warning(
                        "%s: empty folder not removed: %s", self.root.path.joinpath(*key), exc
                    )
                self._trim()

    def _remove_if_empty(self, key: tuple[str, ...], created: tuple[int, int] | None) -> None:
        parent = self._open(key[:-1], create=False)
        if parent is None:
            return
        info = entry_stat(parent, key[-1])
        if info is None or not stat.S_ISDIR(info.st_mode):
            return
        if created is not None and (info.st_dev, info.st_ino) != created:
            return  # another folder there now: not ours
        folder = self._folders.pop(key, None)
        if folder is not None:
            os.close(folder.fd)
        try:
            os.rmdir(key[-1], dir_fd=parent.fd)  # removes an empty folder only; never follows
        except OSError as exc:
            if exc.errno not in _NOT_REMOVABLE:
                raise

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
            self._created.clear()

    def __enter__(self) -> FolderTree:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _make_child(parent: LocalFolder, name: str) -> bool:
    """Create the folder ``name`` in ``parent``; False if something is already there."""
    try:
        os.mkdir(name, 0o777, dir_fd=parent.fd)  # never follows: a link there is EEXIST
    except FileExistsError:
        return False
    except OSError as exc:
        raise local_file_error(exc, parent.path / name) from exc
    return True


def _open_child(parent: LocalFolder, name: str, create: bool) -> LocalFolder | None:
    path = parent.path / name
    try:
        fd = os.open(name, os.O_RDONLY | DIRECTORY | NOFOLLOW | CLOEXEC, dir_fd=parent.fd)
    except FileNotFoundError:
        if create:
            raise LocalFileError(str(path), "disappeared while being created") from None
        return None
    except OSError as exc:
        info = entry_stat(parent, name)
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise refusal(path, info, "a folder") from exc
        raise local_file_error(exc, path) from exc
    return LocalFolder(fd, path)
