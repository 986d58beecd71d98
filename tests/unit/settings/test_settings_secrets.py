"""No secret in any repr, report or DEBUG log line of a resolve."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from dnastack.settings import (
    SessionOverrides,
    describe_settings,
    get_session_overrides,
    resolve_settings,
)

SECRETS = ("env-token-1234", "session-json-token", "proxypass", "csecret-value", "urlpass")


def environ(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "contexts": {
                    "default": {
                        "endpoints": [
                            {
                                "id": "drs",
                                "url": "http://drs/",
                                "type": {"group": "org.ga4gh", "artifact": "drs", "version": "1"},
                                "authentication": {"client_secret": "csecret-value"},
                            }
                        ]
                    }
                }
            }
        )
    )
    return {
        "HOME": str(tmp_path),
        "DNASTACK_CONFIG_FILE": str(config),
        "DNASTACK_SECURITY_CONTEXT": '{"auth_token": "env-token-1234"}',
        "DNASTACK_SESSION": '{"access_token": "session-json-token"}',
        "HTTPS_PROXY": "http://user:proxypass@proxy:3128",
        "DNASTACK_DATA_CONNECT_URL": "https://user:urlpass@dc.example/",
    }


def test_describe_reports_every_setting_with_its_source_and_no_secret(tmp_path: Path) -> None:
    reports = describe_settings(environ=environ(tmp_path), overrides=SessionOverrides())
    by_name = {r.name: r for r in reports}
    assert by_name["security_context"].value == "Bearer ***"
    assert by_name["security_context"].source == "environment:DNASTACK_SECURITY_CONTEXT"
    assert by_name["session"].value == "***"
    assert by_name["https_proxy"].value == "http://user:***@proxy:3128"
    assert by_name["data_connect_url"].value == "https://user:***@dc.example/"
    assert by_name["drs_url"].source.startswith("config:")
    assert by_name["timeout"].source == "default"
    text = "\n".join(str(r) for r in reports)
    for secret in SECRETS:
        assert secret not in text


def test_settings_repr_has_no_secret(tmp_path: Path) -> None:
    settings = resolve_settings(environ=environ(tmp_path), overrides=SessionOverrides())
    text = repr(settings) + repr(settings.security_context) + str(settings.describe())
    text += repr(settings.configured_endpoints) + repr(settings.endpoint("drs"))
    for secret in SECRETS:
        assert secret not in text


def test_debug_logging_of_a_resolve_contains_no_secret(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    overrides = SessionOverrides()
    overrides.set("session", '{"access_token": "session-json-token"}')
    settings = resolve_settings(environ=environ(tmp_path), overrides=overrides)
    settings.endpoint("drs")
    settings.session_manager().restore("x")
    assert "setting security_context = Bearer ***" in caplog.text
    for secret in SECRETS:
        assert secret not in caplog.text


def test_describe_accepts_a_resolved_settings(tmp_path: Path) -> None:
    settings = resolve_settings(environ=environ(tmp_path), overrides=SessionOverrides())
    assert describe_settings(settings) == settings.describe()
    assert get_session_overrides() == {}
