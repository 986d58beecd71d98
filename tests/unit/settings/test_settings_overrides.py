"""Session overrides: process-local, checked when set, cleared on request."""

from __future__ import annotations

import os
import threading

import pytest

import dnastack.settings as settings_module
from dnastack.exceptions import ConfigurationError, UnknownClientShortTypeError
from dnastack.settings import (
    SESSION_OVERRIDES,
    SecurityContext,
    clear_session_overrides,
    get_session_overrides,
    resolve_settings,
    set_context,
    set_endpoint_url,
    set_security_context,
    set_setting,
)


def resolve() -> settings_module.Settings:
    return resolve_settings(environ={"HOME": "/nonexistent-home"})


def test_set_functions_feed_the_session_layer() -> None:
    set_security_context({"auth_token_type": "Bearer", "auth_token": "tok"})
    set_endpoint_url("service_registry", "http://registry/")
    set_context("staging")
    set_setting("timeout", 7)
    settings = resolve()
    assert settings.security_context == SecurityContext(auth_token="tok")
    assert settings.endpoint_urls == {"registry": "http://registry/"}
    assert settings.context == "staging"
    assert settings.timeout == 7.0
    for name in ("security_context", "service_registry_url", "context", "timeout"):
        assert settings.source_of(name) == "session"


def test_overrides_do_not_touch_the_environment() -> None:
    before = dict(os.environ)
    set_context("staging")
    set_security_context({"auth_token": "tok"})
    assert dict(os.environ) == before


def test_none_removes_one_override_and_clear_removes_all() -> None:
    set_context("a")
    set_endpoint_url("drs", "http://drs/")
    set_context(None)
    assert resolve().source_of("context") == "default"
    assert resolve().endpoint_urls == {"drs": "http://drs/"}
    set_endpoint_url("drs", None)
    assert resolve().endpoint_urls == {}
    set_setting("max_retries", 9)
    clear_session_overrides()
    assert SESSION_OVERRIDES.snapshot() == {}


def test_bad_values_fail_at_the_call_that_set_them() -> None:
    with pytest.raises(UnknownClientShortTypeError, match="from session"):
        set_endpoint_url("beacon", "http://h/")
    with pytest.raises(ConfigurationError, match="setting 'drs_url' from session"):
        set_endpoint_url("drs", "nope")
    with pytest.raises(ConfigurationError, match="setting 'security_context' from session"):
        set_security_context({"auth_token_type": "Bearer"})
    assert SESSION_OVERRIDES.snapshot() == {}


def test_overrides_are_shown_redacted() -> None:
    set_security_context({"auth_token": "very-secret"})
    set_setting("https_proxy", "http://user:pw@proxy:3128")
    shown = get_session_overrides()
    assert shown == {"security_context": "Bearer ***", "https_proxy": "http://user:***@proxy:3128"}
    assert "very-secret" not in repr(SESSION_OVERRIDES)


def test_overrides_are_visible_to_every_thread() -> None:
    set_context("shared")
    seen: list[str] = []
    thread = threading.Thread(target=lambda: seen.append(resolve().context))
    thread.start()
    thread.join()
    assert seen == ["shared"]


def test_the_names_the_package_root_re_exports_exist() -> None:
    for name in (
        "set_security_context",
        "set_endpoint_url",
        "set_context",
        "clear_session_overrides",
        "describe_settings",
    ):
        assert callable(getattr(settings_module, name))
        assert name in settings_module.__all__
