"""Session (token) storages: where :class:`~dnastack.http.session_info.SessionInfo` is kept.

* :class:`BaseSessionStorage`: the dict-like interface (``in``, ``[]``, ``del``, ``iter``)
  plus :meth:`~BaseSessionStorage.lock` and :meth:`~BaseSessionStorage.update`.
* :class:`InMemorySessionStorage`: for tests and processes that must not touch the disk.
* :class:`FileSessionStorage` keeps one JSON file per session (``<dir>/<id>.json``, 0600,
  directory 0700), written atomically; :meth:`BaseSessionStorage.lock` is an
  inter-process lock per session, to hold while checking/refreshing/saving a token so
  that two processes never both spend a rotating refresh token.

The documented paths of these classes are in :mod:`dnastack.http.session_info`, which
re-exports them. Client secrets are never written: the stored ``auth_info`` is sanitised.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from dnastack.common.atomic import atomic_write_text, file_lock
from dnastack.common.logs import sdk_logger
from dnastack.common.private_files import make_private_dir, read_private_text
from dnastack.exceptions import ConfigurationError, ConfigurationFileError, ModelValidationError
from dnastack.http.session_info import (
    SessionInfo,
    UnknownSessionError,
    parse_session_json,
    sanitize_auth_info,
)

__all__ = [
    "BaseSessionStorage",
    "FileSessionStorage",
    "InMemorySessionStorage",
]

# the logger of the module these storages come from, so existing log filters keep working
_logger = sdk_logger("dnastack.http.session_info")

_SESSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def _session_to_json(info: SessionInfo) -> str:
    data = info.to_dict(by_alias=True)
    handler = data.get("handler")
    if isinstance(handler, dict) and isinstance(handler.get("auth_info"), Mapping):
        handler["auth_info"] = sanitize_auth_info(handler["auth_info"])
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def _session_from_json(text: str, source: str) -> SessionInfo:
    """Parse a stored session; errors name ``source``, never the content."""
    data = parse_session_json(text, source)
    try:
        return SessionInfo.parse_obj(data)
    except ModelValidationError as exc:
        raise ConfigurationError(f"{source}: {exc}") from None


# -- storages -----------------------------------------------------------------------------


class BaseSessionStorage(ABC):
    """Base Storage Adapter for Session Information Manager

    It requires the implementations of ``__contains__`` for ``in`` operand,
    ``__getitem__``, ``__setitem__``, and ``__delitem__`` for dictionary-like API.
    ``__getitem__`` and ``__delitem__`` raise :class:`UnknownSessionError` for an
    unknown id.
    """

    @abstractmethod
    def __contains__(self, session_id: object) -> bool: ...

    @abstractmethod
    def __getitem__(self, session_id: str) -> SessionInfo: ...

    @abstractmethod
    def __setitem__(self, session_id: str, info: SessionInfo) -> None: ...

    @abstractmethod
    def __delitem__(self, session_id: str) -> None: ...

    @abstractmethod
    def __iter__(self) -> Iterator[str]: ...

    def get(self, session_id: str, default: SessionInfo | None = None) -> SessionInfo | None:
        """The session, or ``default`` when unknown."""
        try:
            return self[session_id]
        except UnknownSessionError:
            return default

    @contextlib.contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Exclusive access to one session (this base version: within the process)."""
        with self._thread_lock:
            yield

    @property
    def _thread_lock(self) -> threading.RLock:
        lock: threading.RLock | None = self.__dict__.get("_rlock")
        if lock is None:
            lock = self.__dict__.setdefault("_rlock", threading.RLock())
        return lock

    def update(
        self, session_id: str, change: Callable[[SessionInfo | None], SessionInfo | None]
    ) -> SessionInfo | None:
        """Read-modify-write one session under :meth:`lock`; a None result deletes it."""
        with self.lock(session_id):
            result = change(self.get(session_id))
            if result is None:
                with contextlib.suppress(UnknownSessionError):
                    del self[session_id]
            else:
                self[session_id] = result
            return result


class InMemorySessionStorage(BaseSessionStorage):
    """In-memory Storage Adapter for Session Information Manager

    This is for testing (and for processes that must not touch the disk).
    """

    def __init__(self) -> None:
        self._sessions: dict[str, SessionInfo] = {}

    def __repr__(self) -> str:
        return f"InMemorySessionStorage(sessions={len(self._sessions)})"

    def __contains__(self, session_id: object) -> bool:
        return session_id in self._sessions

    def __getitem__(self, session_id: str) -> SessionInfo:
        try:
            return self._sessions[session_id].copy(deep=True)
        except KeyError:
            raise UnknownSessionError(f"unknown session {session_id!r}") from None

    def __setitem__(self, session_id: str, info: SessionInfo) -> None:
        self._sessions[session_id] = info.copy(deep=True)

    def __delitem__(self, session_id: str) -> None:
        try:
            del self._sessions[session_id]
        except KeyError:
            raise UnknownSessionError(f"unknown session {session_id!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._sessions))


class FileSessionStorage(BaseSessionStorage):
    """Filesystem Storage Adapter for Session Information Manager

    This is used by default. One JSON file per session (``<dir_path>/<id>.json``, 0600;
    the directory is created 0700 on the first write), atomic writes, and an
    inter-process lock per session (``<id>.json.lock``) for :meth:`lock`/:meth:`update`.
    A corrupt session file reads as unknown (a new login replaces it), with a warning.
    Session files open to others are made private (0600, the folder 0700) with a warning,
    or ignored when their mode cannot be changed. Filesystem failures on writes raise
    :class:`~dnastack.exceptions.ConfigurationFileError` naming the path and the cause.
    """

    def __init__(self, dir_path: str | os.PathLike[str]) -> None:
        self.dir_path = Path(dir_path).expanduser()

    def __repr__(self) -> str:
        return f"FileSessionStorage(dir_path={str(self.dir_path)!r})"

    def _path(self, session_id: str) -> Path:
        if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
            raise ValueError("session ids are 1-128 characters from [A-Za-z0-9._-]")
        return self.dir_path / f"{session_id}.json"

    def __contains__(self, session_id: object) -> bool:
        if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
            return False
        return self._path(session_id).is_file()

    def __getitem__(self, session_id: str) -> SessionInfo:
        path = self._path(session_id)
        try:
            make_private_dir(self.dir_path)
            text = read_private_text(path)
        except ConfigurationFileError as exc:
            _logger.warning("ignoring session file: %s", exc)
            raise UnknownSessionError(f"unreadable session {session_id!r}") from None
        if text is None:
            raise UnknownSessionError(f"unknown session {session_id!r}")
        try:
            return _session_from_json(text, str(path))
        except ConfigurationError as exc:
            _logger.warning("ignoring corrupt session file: %s", exc)
            raise UnknownSessionError(f"corrupt session {session_id!r}") from None

    def __setitem__(self, session_id: str, info: SessionInfo) -> None:
        path = self._path(session_id)
        text = _session_to_json(info)
        with self.lock(session_id):
            atomic_write_text(path, text)

    def __delitem__(self, session_id: str) -> None:
        path = self._path(session_id)
        with self.lock(session_id):
            try:
                path.unlink()
            except FileNotFoundError:
                raise UnknownSessionError(f"unknown session {session_id!r}") from None
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                raise ConfigurationFileError(str(path), "delete", reason, exc.errno) from None

    def __iter__(self) -> Iterator[str]:
        if not self.dir_path.is_dir():
            return iter(())
        ids = sorted(p.stem for p in self.dir_path.glob("*.json") if _SESSION_ID.match(p.stem))
        return iter(ids)

    @contextlib.contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Inter-process (and inter-thread) lock for one session; re-entrant per thread.

        Raises:
            ConfigurationFileError: the lock file cannot be created (e.g. read-only folder).
        """
        path = self._path(session_id)
        make_private_dir(self.dir_path)
        with file_lock(path):
            yield
