"""SessionInfo, SessionInfoHandler and the session id."""

from __future__ import annotations

import inspect
import json
import logging

import pytest

from dnastack.exceptions import ModelValidationError
from dnastack.http.session_info import (
    SESSION_SCHEMA_VERSION,
    SessionInfo,
    SessionInfoHandler,
    sanitize_auth_info,
    session_id_for,
)

AUTH = {
    "type": "oauth2",
    "grant_type": "client_credentials",
    "token_endpoint": "http://127.0.0.1:9000/token",
    "client_id": "sdk-test",
    "client_secret": "sdk-secret",
    "resource_url": "http://127.0.0.1:8080/",
    "scope": "openid",
}


def session(**values: object) -> SessionInfo:
    base: dict[str, object] = {
        "access_token": "at-123456",
        "refresh_token": "rt-123456",
        "issued_at": 1000,
        "valid_until": 2000,
    }
    base.update(values)
    return SessionInfo.parse_obj(base)


def test_documented_constructor_parameters() -> None:
    parameters = inspect.signature(SessionInfo).parameters
    assert list(parameters) == [
        "model_version",
        "config_hash",
        "access_token",
        "refresh_token",
        "scope",
        "token_type",
        "handler",
        "issued_at",
        "valid_until",
    ]
    assert parameters["model_version"].default == 3.0
    assert list(inspect.signature(SessionInfoHandler).parameters) == ["auth_info"]


def test_schema_version_field_and_alias() -> None:
    info = session()
    assert info.dnastack_schema_version == info.model_version == SESSION_SCHEMA_VERSION
    assert info.to_dict()["model_version"] == SESSION_SCHEMA_VERSION


@pytest.mark.parametrize(
    ("now", "skew", "valid"),
    [(1000, 60, True), (1939, 60, True), (1940, 60, False), (1999, 0, True), (2000, 0, False)],
)
def test_is_valid_applies_the_skew(now: float, skew: float, valid: bool) -> None:
    assert session().is_valid(skew, now=now) is valid


def test_without_access_token_a_session_is_not_valid() -> None:
    assert not session(access_token=None).is_valid(0, now=0)


def test_refreshable_and_expires_in() -> None:
    assert session().refreshable()
    assert not session(refresh_token=None).refreshable()
    assert session().expires_in(now=1500) == 500


def test_handler_drops_secrets() -> None:
    handler = SessionInfoHandler(
        auth_info={**AUTH, "subject_token": "subj", "nested": {"password": "pw", "keep": 1}}
    )
    assert "client_secret" not in handler.auth_info
    assert "subject_token" not in handler.auth_info
    assert handler.auth_info["nested"] == {"keep": 1}
    assert handler.auth_info["client_id"] == "sdk-test"
    parsed = SessionInfoHandler.parse_obj({"auth_info": AUTH})
    assert "client_secret" not in parsed.auth_info
    assert sanitize_auth_info(AUTH) == {k: v for k, v in AUTH.items() if k != "client_secret"}


def test_repr_shows_no_token() -> None:
    info = session(handler={"auth_info": AUTH})
    text = repr(info)
    assert "at-123456" not in text and "rt-123456" not in text and "sdk-secret" not in text
    assert "access_token='***'" in text


def test_from_token_response() -> None:
    info = SessionInfo.from_token_response(
        {"access_token": "new-at", "expires_in": 600, "token_type": "Bearer", "scope": "openid"},
        auth_info=AUTH,
        previous=session(),
        now=5000,
    )
    assert info.access_token == "new-at"
    assert info.refresh_token == "rt-123456"  # not rotated: the previous one is kept
    assert (info.issued_at, info.valid_until) == (5000, 5600)
    assert info.config_hash == session_id_for(AUTH)
    assert info.handler is not None and "client_secret" not in info.handler.auth_info


def test_from_token_response_rotates_refresh_tokens_and_defaults_the_lifetime() -> None:
    info = SessionInfo.from_token_response(
        {"access_token": "a", "refresh_token": "rotated"}, previous=session(), now=0
    )
    assert info.refresh_token == "rotated"
    assert info.valid_until == 300
    assert info.config_hash is None and info.handler is None


def test_from_token_response_needs_an_access_token() -> None:
    with pytest.raises(ModelValidationError, match="access_token"):
        SessionInfo.from_token_response({"error": "invalid_grant"})


def test_session_id_is_a_sha256_of_the_canonical_auth_config() -> None:
    session_id = session_id_for(AUTH)
    assert len(session_id) == 64 and int(session_id, 16) >= 0
    assert session_id_for(dict(reversed(list(AUTH.items())))) == session_id  # key order
    assert session_id_for({**AUTH, "device_code_endpoint": None}) == session_id  # None ignored


@pytest.mark.parametrize(
    "change",
    [
        {"client_id": "other"},
        {"token_endpoint": "http://127.0.0.1:9001/token"},
        {"resource_url": "http://127.0.0.1:8081/"},
        {"scope": "openid offline_access"},
        {"grant_type": "urn:ietf:params:oauth:grant-type:device_code"},
        {"audience": "x"},
        {"subject_token": "subject-a"},
    ],
)
def test_a_changed_auth_config_changes_the_session_id(change: dict[str, str]) -> None:
    assert session_id_for({**AUTH, **change}) != session_id_for(AUTH)


def test_client_secret_values_do_not_enter_the_session_id() -> None:
    assert session_id_for({**AUTH, "client_secret": "rotated"}) == session_id_for(AUTH)


def test_different_subject_tokens_get_different_sessions() -> None:
    a = session_id_for({**AUTH, "subject_token": "subject-a"})
    b = session_id_for({**AUTH, "subject_token": "subject-b"})
    assert a != b


def test_json_form_round_trips() -> None:
    info = session(scope="openid", handler={"auth_info": AUTH}, config_hash="abc")
    assert SessionInfo.parse_obj(json.loads(json.dumps(info.to_dict()))) == info


def test_debug_logging_of_models_never_shows_tokens(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="dnastack")
    logging.getLogger("dnastack.test").debug("session %r", session())
    assert "at-123456" not in caplog.text
