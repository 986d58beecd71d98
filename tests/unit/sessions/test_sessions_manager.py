"""SessionManager: stored sessions, static sessions first."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from dnastack.exceptions import ConfigurationError
from dnastack.http.session_info import (
    NO_EXPIRY,
    FileSessionStorage,
    InMemorySessionStorage,
    SessionInfo,
    SessionManager,
    session_id_for,
)

AUTH = {"type": "oauth2", "client_id": "c", "token_endpoint": "http://127.0.0.1:9000/token"}
SID = session_id_for(AUTH)


def info(token: str = "stored-token", **values: object) -> SessionInfo:
    data: dict[str, object] = {"access_token": token, "issued_at": 100, "valid_until": 200}
    data.update(values)
    return SessionInfo.parse_obj(data)


def test_save_restore_delete(tmp_path: Path) -> None:
    manager = SessionManager(FileSessionStorage(tmp_path))
    assert manager.restore(SID) is None
    manager.save(SID, info())
    restored = manager.restore(SID)
    assert restored is not None and restored.access_token == "stored-token"
    assert restored.config_hash == SID  # filled in on save
    manager.delete(SID)
    manager.delete(SID)  # no error the second time
    assert manager.restore(SID) is None


def test_a_session_recorded_for_another_config_forces_a_new_login() -> None:
    storage = InMemorySessionStorage()
    storage[SID] = info(config_hash="something-else")
    assert SessionManager(storage).restore(SID) is None


def test_a_static_session_is_returned_first_for_every_id() -> None:
    storage = InMemorySessionStorage()
    storage[SID] = info()
    static = json.dumps({"access_token": "static-token", "valid_until": 10_000})
    manager = SessionManager(storage, static_session=static, clock=lambda: 50.0)
    for session_id in (SID, "other"):
        restored = manager.restore(session_id)
        assert restored is not None
        assert restored.access_token == "static-token"
        assert restored.issued_at == 50 and restored.valid_until == 10_000
    assert manager.is_static


def test_a_static_session_without_expiry_never_expires() -> None:
    manager = SessionManager(InMemorySessionStorage(), static_session='{"access_token": "t"}')
    restored = manager.restore(SID)
    assert restored is not None and restored.valid_until == NO_EXPIRY
    assert restored.is_valid()


def test_a_static_session_with_expires_in() -> None:
    static = '{"access_token": "t", "issued_at": 1000, "expires_in": 60}'
    restored = SessionManager(InMemorySessionStorage(), static_session=static).restore(SID)
    assert restored is not None and restored.valid_until == 1060


def test_a_static_session_file_is_read_on_every_restore(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text(json.dumps({"access_token": "first"}))
    manager = SessionManager(InMemorySessionStorage(), static_session_file=path)
    first = manager.restore(SID)
    assert first is not None and first.access_token == "first"
    path.write_text(json.dumps({"access_token": "rotated"}))
    second = manager.restore(SID)
    assert second is not None and second.access_token == "rotated"


def test_saving_with_a_static_session_stays_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text(json.dumps({"access_token": "static"}))
    before = path.read_text()
    storage = InMemorySessionStorage()
    manager = SessionManager(storage, static_session_file=path)
    manager.save(SID, info("refreshed"))
    restored = manager.restore(SID)
    assert restored is not None and restored.access_token == "refreshed"
    assert list(storage) == []
    assert path.read_text() == before
    manager.delete(SID)
    again = manager.restore(SID)
    assert again is not None and again.access_token == "static"


@pytest.mark.parametrize(
    ("static", "problem"),
    [
        ("{not json secret-value", "not valid JSON"),
        ('["secret-value"]', "expected a JSON object"),
        ('{"refresh_token": "secret-value"}', "access_token is required"),
        ('{"access_token": "secret-value", "valid_until": "soon"}', "valid_until"),
    ],
)
def test_a_bad_static_session_names_its_source_without_echoing_it(
    static: str, problem: str
) -> None:
    manager = SessionManager(InMemorySessionStorage(), static_session=static)
    with pytest.raises(ConfigurationError) as caught:
        manager.restore(SID)
    assert "DNASTACK_SESSION" in str(caught.value)
    assert problem in str(caught.value)
    assert "secret-value" not in str(caught.value)


def test_a_missing_static_session_file_is_a_configuration_error(tmp_path: Path) -> None:
    manager = SessionManager(InMemorySessionStorage(), static_session_file=tmp_path / "none")
    with pytest.raises(ConfigurationError, match="static session file"):
        manager.restore(SID)


def test_lock_is_a_no_op_for_static_sessions_and_real_otherwise(tmp_path: Path) -> None:
    with SessionManager(InMemorySessionStorage(), static_session='{"access_token":"t"}').lock(SID):
        pass
    manager = SessionManager(FileSessionStorage(tmp_path))
    with manager.lock(SID):
        assert (tmp_path / f"{SID}.json.lock").exists()


def test_repr_and_logs_show_no_token(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="dnastack")
    manager = SessionManager(FileSessionStorage(tmp_path))
    manager.save(SID, info("logged-token", refresh_token="logged-refresh"))
    manager.restore(SID)
    manager.delete(SID)
    static = SessionManager(InMemorySessionStorage(), static_session='{"access_token":"st-tok"}')
    static.save(SID, info("logged-token"))
    text = caplog.text + repr(manager) + repr(static)
    for secret in ("logged-token", "logged-refresh", "st-tok"):
        assert secret not in text
