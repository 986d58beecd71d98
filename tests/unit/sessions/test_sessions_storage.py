"""Session storages: file and in-memory."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from dnastack.http.session_info import (
    BaseSessionStorage,
    FileSessionStorage,
    InMemorySessionStorage,
    SessionInfo,
    SessionInfoHandler,
    UnknownSessionError,
)

SECRET_AUTH = {"type": "oauth2", "client_id": "c", "client_secret": "csecret"}


def info(token: str = "at-1") -> SessionInfo:
    return SessionInfo(
        access_token=token,
        refresh_token="rt-1",
        handler=SessionInfoHandler(auth_info=SECRET_AUTH),
        issued_at=1,
        valid_until=2,
    )


@pytest.fixture(params=["file", "memory"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> BaseSessionStorage:
    if request.param == "file":
        return FileSessionStorage(tmp_path / "sessions")
    return InMemorySessionStorage()


def test_dict_like_api(storage: BaseSessionStorage) -> None:
    assert "s1" not in storage
    with pytest.raises(UnknownSessionError):
        storage["s1"]
    storage["s1"] = info()
    assert "s1" in storage
    assert storage["s1"] == info()
    assert list(storage) == ["s1"]
    del storage["s1"]
    assert "s1" not in storage
    with pytest.raises(UnknownSessionError):
        del storage["s1"]
    assert storage.get("s1") is None


def test_unknown_session_error_is_a_key_error_with_a_clear_message(
    storage: BaseSessionStorage,
) -> None:
    with pytest.raises(KeyError) as caught:
        storage["nope"]
    assert str(caught.value) == "unknown session 'nope'"


def test_update_is_a_locked_read_modify_write(storage: BaseSessionStorage) -> None:
    storage.update("s", lambda current: info("first") if current is None else None)
    stored = storage["s"]
    assert stored.access_token == "first"
    storage.update("s", lambda current: None)
    assert "s" not in storage


def test_stored_sessions_are_copies(storage: BaseSessionStorage) -> None:
    original = info()
    storage["s"] = original
    original.access_token = "changed"
    assert storage["s"].access_token == "at-1"


def test_files_are_private_and_hold_no_client_secret(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "sessions"
    storage = FileSessionStorage(directory)
    assert not directory.exists()  # nothing is created before the first write
    storage["s1"] = info()
    path = directory / "s1.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    text = path.read_text()
    assert "csecret" not in text
    data = json.loads(text)
    assert data["model_version"] == 3.0
    assert data["handler"]["auth_info"] == {"type": "oauth2", "client_id": "c"}


def test_a_handler_built_without_validation_still_loses_its_secrets_on_disk(
    tmp_path: Path,
) -> None:
    storage = FileSessionStorage(tmp_path)
    leaky = info().copy(update={"handler": SessionInfoHandler.construct(auth_info=SECRET_AUTH)})
    storage["s"] = leaky
    assert "csecret" not in (tmp_path / "s.json").read_text()


def test_a_corrupt_session_file_reads_as_unknown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    storage = FileSessionStorage(tmp_path)
    (tmp_path / "bad.json").write_text('{"access_token": "leaky-token", "issued_at": "x"')
    with pytest.raises(UnknownSessionError):
        storage["bad"]
    (tmp_path / "bad.json").write_text('{"access_token": "leaky-token", "issued_at": "x"}')
    assert storage.get("bad") is None
    assert "leaky-token" not in caplog.text


@pytest.mark.parametrize("session_id", ["../escape", "a/b", "", ".hidden", "x" * 200])
def test_unsafe_session_ids_are_refused(tmp_path: Path, session_id: str) -> None:
    storage = FileSessionStorage(tmp_path)
    with pytest.raises(ValueError):
        storage[session_id] = info()
    assert session_id not in storage


def test_listing_a_missing_directory_is_empty(tmp_path: Path) -> None:
    assert list(FileSessionStorage(tmp_path / "none")) == []


def test_reprs(tmp_path: Path) -> None:
    assert repr(FileSessionStorage(tmp_path)) == f"FileSessionStorage(dir_path={str(tmp_path)!r})"
    memory = InMemorySessionStorage()
    memory["s"] = info()
    assert repr(memory) == "InMemorySessionStorage(sessions=1)"
