"""Redaction helpers keep nothing recoverable."""

from __future__ import annotations

import pytest

from dnastack.common.redact import (
    REDACTED,
    fingerprint,
    is_secret_key,
    mask,
    redact_mapping,
    redact_text,
    redact_url,
    redacted_mapping_repr,
    redacted_repr,
    redacted_url_repr,
)


@pytest.mark.parametrize(
    "key",
    [
        "access_token",
        "refresh_token",
        "client_secret",
        "token",
        "auth_token",
        "subject_token",
        "password",
        "clientSecret",
        "Refresh-Token",
        "x-api-key",
        "my_custom_token",
        "Authorization",
    ],
)
def test_secret_keys_are_recognised(key: str) -> None:
    assert is_secret_key(key)


@pytest.mark.parametrize(
    "key", ["token_type", "token_endpoint", "client_id", "scope", "accessTokenUrl", "url", 3]
)
def test_ordinary_keys_are_not_secret(key: object) -> None:
    assert not is_secret_key(key)


def test_mask_hides_the_value_but_keeps_none_and_empty() -> None:
    assert mask("abc") == REDACTED
    assert mask(None) is None
    assert mask("") == ""


def test_fingerprint_is_short_stable_and_different_per_value() -> None:
    assert fingerprint("token-a") == fingerprint("token-a")
    assert fingerprint("token-a") != fingerprint("token-b")
    assert fingerprint("token-a").startswith("sha256:")
    assert "token-a" not in fingerprint("token-a")
    assert len(fingerprint("token-a")) == len("sha256:") + 8


def test_redact_mapping_is_deep_and_does_not_change_the_input() -> None:
    data = {
        "type": "oauth2",
        "client_id": "cli",
        "client_secret": "s3cret",
        "nested": {"refresh_token": "rt", "scope": "openid"},
        "fallbacks": [{"token": "tk", "type": "bearer"}],
        "url": "https://user:pw@host/x?access_token=qs&a=1",
        "password": None,
    }
    redacted = redact_mapping(data)
    text = repr(redacted)
    for secret in ("s3cret", "rt", "tk", "pw", "qs"):
        assert f"'{secret}'" not in text and f":{secret}@" not in text and f"={secret}" not in text
    assert redacted["client_id"] == "cli"
    assert redacted["nested"]["scope"] == "openid"
    assert redacted["password"] is None
    assert data["client_secret"] == "s3cret"


def test_redact_mapping_extra_keys() -> None:
    assert redact_mapping({"otp": "123456"}, extra_keys=["otp"]) == {"otp": REDACTED}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://u:p@h/x", "https://u:***@h/x"),
        ("https://tok@h/x", "https://***@h/x"),
        ("https://h/x?access_token=t&a=1", "https://h/x?access_token=***&a=1"),
        ("https://h/x?a=1", "https://h/x?a=1"),
        ("not a url", "not a url"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_text_replaces_known_secret_values() -> None:
    text = "sending abcdef123 and xyz to host"
    assert redact_text(text, ["abcdef123", None, "xyz"]) == "sending *** and xyz to host"


def test_repr_helpers() -> None:
    assert redacted_repr("tok") == "'***'"
    assert redacted_repr(None) == "None"
    assert redacted_repr("") == "''"
    assert "xyzzy" not in redacted_mapping_repr({"client_secret": "xyzzy"})
    assert "xyzzy" not in redacted_mapping_repr([{"client_secret": "xyzzy"}])
    assert redacted_mapping_repr(None) == "None"
    assert redacted_url_repr("https://u:pw@h") == "'https://u:***@h'"
