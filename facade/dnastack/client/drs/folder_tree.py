"""The output folder and the folders below it, opened without following links.

The output folder is opened once (the caller's path, links in it included: the caller chose
it). Every folder below it is created and opened one component at a time relative to its
parent's descriptor (``mkdir``/``open`` with ``dir_fd``, ``O_DIRECTORY | O_NOFOLLOW``): a
symbolic link anywhere below the output folder is refused, never followed. A folder's
descriptor is held while a download uses it; at most :data:`MAX_OPEN_FOLDERS` idle ones stay
open (a bundle of thousands of folders cannot exhaust the process's descriptors).

The files in these folders: :mod:`~dnastack.client.drs.local_files`. POSIX only: where
``O_NOFOLLOW``/``dir_fd`` are missing, :class:`FolderTree` refuses to start.
"""

from __future__ import annotations

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
from dnastack.exceptions import LocalFileError, UnsafePathError

__all__ = ["MAX_OPEN_FOLDERS", "FolderTree"]

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
            fd = os.open(root, os.O_RDONLY | DIRECTORY | CLOEXEC)
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
