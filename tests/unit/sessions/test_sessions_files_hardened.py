"""Session files: private or refused, typed filesystem failures, hostile content bounded.

Faults that root cannot meet on a real filesystem (EROFS, ENOSPC, "not the owner") are
injected at the os-call boundary; the others are real (a file where the folder is).
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from dnastack.exceptions import ConfigurationError, ConfigurationFileError, InsecureFileWarning
from dnastack.http.session_info import (
    MAX_TOKEN_LIFETIME_SECONDS,
    NO_EXPIRY,
    FileSessionStorage,
    InMemorySessionStorage,
    SessionInfo,
    SessionManager,
)

SID = "a" * 64


def info(token: str = "at-1") -> SessionInfo:
    return SessionInfo(access_token=token, issued_at=1, valid_until=2)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_session_file_open_to_others_is_made_private_with_a_warning(tmp_path: Path) -> None:
    storage = FileSessionStorage(tmp_path / "sessions")
    storage[SID] = info()
    path = tmp_path / "sessions" / f"{SID}.json"
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)

    with pytest.warns(InsecureFileWarning) as caught:
        restored = storage[SID]

    assert restored.access_token == "at-1"
    assert mode_of(path) == 0o600
    assert mode_of(path.parent) == 0o700
    assert sorted(str(w.message) for w in caught) == [
        f"{path.parent} was open to others (mode 0755); changed to 0700",
        f"{path} was readable by others (mode 0644); changed to 0600",
    ]


def test_a_session_file_whose_mode_cannot_be_fixed_is_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = FileSessionStorage(tmp_path / "sessions")
    storage[SID] = info()
    path = tmp_path / "sessions" / f"{SID}.json"
    os.chmod(path, 0o644)

    def not_owner(fd: int, mode: int) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "fchmod", not_owner)
    with caplog.at_level(logging.WARNING, logger="dnastack"):
        restored = SessionManager(storage).restore(SID)

    assert restored is None  # a new login replaces it
    assert any(str(path) in w and "readable by others" in w for w in warnings_of(caplog))


def test_a_static_session_file_open_to_others_is_made_private(tmp_path: Path) -> None:
    static = tmp_path / "session.json"
    static.write_text('{"access_token": "t"}')
    os.chmod(static, 0o664)
    with pytest.warns(InsecureFileWarning, match=f"{static} was readable by others"):
        restored = SessionManager(InMemorySessionStorage(), static_session_file=static).restore(SID)
    assert restored is not None and restored.access_token == "t"
    assert mode_of(static) == 0o600


def test_a_file_where_the_session_folder_is_expected(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "sessions"
    blocker.write_text("precious")
    storage = FileSessionStorage(blocker)

    with pytest.raises(ConfigurationFileError) as caught:
        storage[SID] = info()
    with caplog.at_level(logging.WARNING, logger="dnastack"):
        assert storage.get(SID) is None

    assert str(blocker) in str(caught.value)
    assert blocker.read_text() == "precious"


def test_a_folder_where_a_session_file_is_expected(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / f"{SID}.json").mkdir()
    storage = FileSessionStorage(tmp_path)
    with caplog.at_level(logging.WARNING, logger="dnastack"):
        assert storage.get(SID) is None
    with pytest.raises(ConfigurationFileError, match="folder"):
        storage[SID] = info()
    assert any("it is a folder" in w for w in warnings_of(caplog))


def inject(monkeypatch: pytest.MonkeyPatch, name: str, selected: Any, code: int) -> None:
    real = getattr(os, name)

    def faulty(first: Any, *args: Any, **kwargs: Any) -> Any:
        if selected(first):
            raise OSError(code, os.strerror(code))
        return real(first, *args, **kwargs)

    monkeypatch.setattr(os, name, faulty)


def test_a_full_disk_while_saving_a_session_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = FileSessionStorage(tmp_path)
    storage[SID] = info("old")
    inject(monkeypatch, "write", lambda fd: True, errno.ENOSPC)

    with pytest.raises(ConfigurationFileError) as caught:
        storage[SID] = info("new")

    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.path == str(tmp_path / f"{SID}.json")
    assert "No space left on device" in str(caught.value)
    assert storage[SID].access_token == "old"
    assert "new" not in str(caught.value) and "old" not in str(caught.value)


def test_a_read_only_session_folder_on_the_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = str(tmp_path / f"{SID}.json.lock")
    inject(monkeypatch, "open", lambda p: os.fspath(p) == lock, errno.EROFS)
    with pytest.raises(ConfigurationFileError) as caught:
        SessionManager(FileSessionStorage(tmp_path)).save(SID, info())
    assert caught.value.path == lock
    assert "Read-only file system" in str(caught.value)


HOSTILE_SESSIONS = {
    "deeply nested JSON": "[" * 100_000 + "]" * 100_000,
    "an integer of 5000 digits": '{"issued_at": 1, "valid_until": ' + "9" * 5000 + "}",
    "an infinite time": '{"access_token": "t", "issued_at": 1e999, "valid_until": 5}',
    "a time beyond 2**53": '{"access_token": "t", "issued_at": 1, "valid_until": 1e300}',
    "a negative time": '{"access_token": "t", "issued_at": -1, "valid_until": 5}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SESSIONS))
def test_a_hostile_stored_session_is_ignored_with_a_warning(
    name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / f"{SID}.json"
    path.write_text(HOSTILE_SESSIONS[name])
    os.chmod(path, 0o600)
    with caplog.at_level(logging.WARNING, logger="dnastack"):
        assert SessionManager(FileSessionStorage(tmp_path)).restore(SID) is None
    assert any(str(path) in w for w in warnings_of(caplog))


@pytest.mark.parametrize("name", sorted(HOSTILE_SESSIONS))
def test_a_hostile_static_session_is_a_configuration_error(name: str) -> None:
    manager = SessionManager(InMemorySessionStorage(), static_session=HOSTILE_SESSIONS[name])
    with pytest.raises(ConfigurationError, match="static session"):
        manager.restore(SID)


@pytest.mark.parametrize(
    ("expires_in", "lifetime"),
    [
        (1e999, 300),
        ("1e999", 300),
        (float("nan"), 300),
        (-5, 300),
        (True, 300),
        (10**30, MAX_TOKEN_LIFETIME_SECONDS),
        ("3600", 3600),
        (59.9, 59),
    ],
)
def test_absurd_expires_in_gives_a_bounded_lifetime(expires_in: Any, lifetime: int) -> None:
    session = SessionInfo.from_token_response(
        {"access_token": "t", "expires_in": expires_in}, now=1000
    )
    assert session.valid_until - session.issued_at == lifetime
    assert session.valid_until < NO_EXPIRY
