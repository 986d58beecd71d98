"""Values are checked; bad ones name the setting and where they came from."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from dnastack.exceptions import (
    ConfigurationError,
    MissingEndpointError,
    UnknownClientShortTypeError,
)
from dnastack.http.session_info import FileSessionStorage
from dnastack.settings import SessionOverrides, resolve_settings
from dnastack.settings.resolver import Settings

DRS_TYPE = {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"}


def resolve(environ: dict[str, str] | None = None, **kwargs: Any) -> Settings:
    return resolve_settings(
        environ={"HOME": "/nonexistent-home", **(environ or {})},
        overrides=SessionOverrides(),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("variable", "text", "problem"),
    [
        ("DNASTACK_TIMEOUT", "soon", "expected a number of seconds"),
        ("DNASTACK_TIMEOUT", "-1", "expected a positive number"),
        ("DNASTACK_TIMEOUT", "nan", "expected a positive number"),
        ("DNASTACK_MAX_RETRIES", "three", "expected a whole number"),
        ("DNASTACK_MAX_RETRIES", "-2", "out of range (0 to 100)"),
        ("DNASTACK_MAX_RETRIES", "1" + "0" * 5000, "expected a whole number"),
        ("DNASTACK_TIMEOUT", "1e999", "expected a positive number"),
        ("DNASTACK_TIMEOUT", "90000", "out of range (at most 86400 seconds)"),
        ("DNASTACK_LOG_LEVEL", "LOUD", "expected one of"),
        ("DNASTACK_CA_CERT", "/no/such/ca.pem", "file not found"),
        ("DNASTACK_DRS_URL", "ftp://x/", "expected an http:// or https:// URL"),
        ("DNASTACK_DATA_CONNECT_URL", "not a url", "expected an http:// or https:// URL"),
        ("DNASTACK_SESSION_FILE", "/no/such/session.json", "file not found"),
        ("DNASTACK_DOWNLOAD_STALL_BYTES", "-1", "out of range (0 to 1099511627776)"),
        ("DNASTACK_DOWNLOAD_STALL_BYTES", "1KiB", "expected a whole number"),
        ("DNASTACK_DOWNLOAD_STALL_SECONDS", "0", "expected a positive number"),
    ],
)
def test_bad_environment_values_name_the_setting_and_the_variable(
    variable: str, text: str, problem: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve({variable: text})
    message = str(caught.value)
    assert f"from environment:{variable}" in message
    assert problem in message


@pytest.mark.parametrize(
    "text",
    [
        "{not json s3cr3t",
        '["s3cr3t"]',
        '{"auth_token_type": "Bearer"}',
        '{"auth_token": ""}',
        '{"auth_token": "s3cr3t", "auth_token_type": "Basic"}',
    ],
)
def test_a_bad_security_context_never_echoes_the_value(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve({"DNASTACK_SECURITY_CONTEXT": text})
    message = str(caught.value)
    assert "setting 'security_context' from environment:DNASTACK_SECURITY_CONTEXT" in message
    assert "s3cr3t" not in "".join(traceback.format_exception(caught.value))


@pytest.mark.parametrize("text", ["{oops s3cr3t", '{"refresh_token": "s3cr3t"}'])
def test_a_bad_static_session_never_echoes_the_value(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve({"DNASTACK_SESSION": text})
    assert "from environment:DNASTACK_SESSION" in str(caught.value)
    assert "s3cr3t" not in str(caught.value)


def test_bad_arguments_and_overrides_name_their_source() -> None:
    with pytest.raises(ConfigurationError, match="setting 'timeout' from argument"):
        resolve(timeout=cast(Any, "x"))
    with pytest.raises(ConfigurationError, match="setting 'max_retries' from session"):
        SessionOverrides().set("max_retries", "many")
    with pytest.raises(ConfigurationError, match="unknown setting 'colour'"):
        SessionOverrides().set("colour", "blue")


def test_an_unknown_short_type_in_arguments(tmp_path: Path) -> None:
    with pytest.raises(UnknownClientShortTypeError) as caught:
        resolve(endpoint_urls={"beacon": "http://h/"})
    assert "setting 'endpoint_urls' from argument" in str(caught.value)
    assert isinstance(caught.value, ConfigurationError)


def test_bad_values_in_the_config_file_name_the_file_line_and_field(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"settings": {"timeout": "slow"}}))
    with pytest.raises(ConfigurationError) as caught:
        resolve({"DNASTACK_CONFIG_FILE": str(config)})
    assert str(caught.value) == f"{config}, line 2: settings.timeout: expected a number of seconds"


def test_a_broken_config_file_stops_resolution(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("contexts: [\n")
    with pytest.raises(ConfigurationError, match=str(config)):
        resolve(config_file=config)


def test_a_missing_config_file_is_fine(tmp_path: Path) -> None:
    settings = resolve(config_file=tmp_path / "none.yaml")
    assert settings.configured_endpoints == ()
    assert settings.known_contexts == ()


def test_lowercase_proxy_variables_win_like_urllib() -> None:
    settings = resolve({"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:1"})
    assert settings.https_proxy == "http://lower:1"
    assert settings.source_of("https_proxy") == "environment:https_proxy"
    settings = resolve({"NO_PROXY": "localhost,127.0.0.1"})
    assert settings.no_proxy == "localhost,127.0.0.1"


def test_empty_environment_values_count_as_unset() -> None:
    settings = resolve({"DNASTACK_TIMEOUT": "  ", "DNASTACK_CONTEXT": ""})
    assert settings.source_of("timeout") == "default"
    assert settings.context == "default"


def test_verify_follows_ca_cert(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("cert")
    assert resolve().verify is True
    assert resolve({"DNASTACK_CA_CERT": "noverify"}).verify is False
    assert resolve(ca_cert=str(bundle)).verify == str(bundle)


def test_log_level_accepts_numbers_and_warn() -> None:
    assert resolve(log_level=10).log_level == "DEBUG"
    assert resolve({"DNASTACK_LOG_LEVEL": "warn"}).log_level == "WARNING"


def test_the_stall_rule_accepts_large_byte_counts() -> None:
    settings = resolve({"DNASTACK_DOWNLOAD_STALL_BYTES": str(64 * 1024 * 1024)})
    assert settings.download_stall_bytes == 64 * 1024 * 1024
    assert settings.source_of("download_stall_bytes") == "environment:DNASTACK_DOWNLOAD_STALL_BYTES"
    assert resolve().download_stall_seconds == 30.0


def test_settings_are_immutable() -> None:
    settings = resolve()
    with pytest.raises(AttributeError):
        settings.timeout = 3.0  # type: ignore[misc]


# -- endpoints ---------------------------------------------------------------------------


def write_config(path: Path) -> Path:
    path.write_text(
        yaml.safe_dump(
            {
                "current_context": "prod",
                "contexts": {
                    "prod": {
                        "endpoints": [
                            {
                                "id": "drs-1",
                                "url": "http://drs.prod/",
                                "type": DRS_TYPE,
                                "authentication": {
                                    "type": "oauth2",
                                    "client_id": "c",
                                    "client_secret": "csecret",
                                },
                            },
                            {"id": "other", "url": "http://other/"},
                        ],
                        "defaults": {"drs": "drs-1"},
                    },
                    "dev": {"endpoints": []},
                },
            }
        )
    )
    return path


def test_a_configured_endpoint_keeps_its_authentication(tmp_path: Path) -> None:
    settings = resolve(config_file=write_config(tmp_path / "c.yaml"))
    endpoint = settings.endpoint("drs")
    assert endpoint.id == "drs-1"
    assert endpoint.authentication == {
        "type": "oauth2",
        "client_id": "c",
        "client_secret": "csecret",
    }
    assert set(settings.known_contexts) == {"prod", "dev"}
    assert settings.endpoint("drs", endpoint_id="other").url == "http://other/"


def test_an_overridden_url_gets_a_fresh_endpoint_without_the_configured_credentials(
    tmp_path: Path,
) -> None:
    settings = resolve(
        {"DNASTACK_DRS_URL": "http://elsewhere/"}, config_file=write_config(tmp_path / "c.yaml")
    )
    endpoint = settings.endpoint("drs")
    assert endpoint.url == "http://elsewhere/"
    assert endpoint.authentication is None
    assert endpoint.type is not None and endpoint.type.artifact == "drs"


def test_an_override_equal_to_the_configured_url_keeps_the_endpoint(tmp_path: Path) -> None:
    settings = resolve(
        {"DNASTACK_DRS_URL": "http://drs.prod/"}, config_file=write_config(tmp_path / "c.yaml")
    )
    assert settings.endpoint("drs").id == "drs-1"


def test_a_security_context_replaces_every_endpoint_authentication(tmp_path: Path) -> None:
    settings = resolve(
        {"DNASTACK_SECURITY_CONTEXT": '{"auth_token": "static"}'},
        config_file=write_config(tmp_path / "c.yaml"),
        endpoint_urls={"data_connect": "http://dc/"},
    )
    for endpoint in (settings.endpoint("drs"), settings.endpoint("data_connect")):
        assert endpoint.authentication == {"type": "bearer", "token": "static"}
        assert endpoint.fallback_authentications is None


def test_endpoint_errors_say_what_to_do(tmp_path: Path) -> None:
    settings = resolve(config_file=write_config(tmp_path / "c.yaml"), context="dev")
    with pytest.raises(MissingEndpointError) as caught:
        settings.endpoint("explorer")
    message = str(caught.value)
    assert "DNASTACK_EXPLORER_URL" in message and "set_endpoint_url('explorer', url)" in message
    assert "context 'dev' (argument)" in message
    with pytest.raises(MissingEndpointError, match="no endpoint 'nope'"):
        settings.endpoint("drs", endpoint_id="nope")
    with pytest.raises(UnknownClientShortTypeError):
        settings.endpoint("beacon")


def test_a_default_naming_a_missing_endpoint_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump({"contexts": {"default": {"defaults": {"drs": "ghost"}}}}))
    with pytest.raises(ConfigurationError, match=r"defaults\.drs names endpoint 'ghost'"):
        resolve(config_file=config)


def test_session_manager_uses_the_session_dir_and_static_session(tmp_path: Path) -> None:
    manager = resolve(session_dir=tmp_path / "s").session_manager()
    assert isinstance(manager.storage, FileSessionStorage)
    assert manager.storage.dir_path == tmp_path / "s"
    assert not manager.is_static
    static = resolve({"DNASTACK_SESSION": '{"access_token": "st"}'}).session_manager()
    restored = static.restore("any")
    assert restored is not None and restored.access_token == "st"


@pytest.mark.parametrize(
    ("variable", "text", "value"),
    [
        ("DNASTACK_MAX_PARTITIONS", "1024", 1024),
        ("DNASTACK_MAX_PARTITIONS", "100000", 100000),
        ("DNASTACK_DOWNLOAD_STALL_BYTES", "1048576", 1048576),
        ("DNASTACK_MAX_CONCURRENCY", "500", 500),
        ("DNASTACK_POLLING_MAX_WAIT", "172800", 172800.0),
        ("DNASTACK_MAX_RETRIES", "100", 100),
    ],
)
def test_large_sane_values_are_accepted(variable: str, text: str, value: object) -> None:
    name = variable.removeprefix("DNASTACK_").lower()
    settings = resolve_settings(environ={"HOME": "/nonexistent", variable: text})
    assert settings.value_of(name) == value


@pytest.mark.parametrize(
    ("variable", "text"),
    [
        ("DNASTACK_MAX_PARTITIONS", "0"),
        ("DNASTACK_MAX_PARTITIONS", str(2**31)),
        ("DNASTACK_MAX_CONCURRENCY", "1e999"),
        ("DNASTACK_DOWNLOAD_STALL_BYTES", str(2**63)),
        ("DNASTACK_POLLING_MAX_WAIT", "1e12"),
        ("DNASTACK_DOWNLOAD_STALL_SECONDS", "inf"),
        ("DNASTACK_PARTITION_RETRIES", "101"),
    ],
)
def test_numbers_out_of_range_are_refused(variable: str, text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={"HOME": "/nonexistent", variable: text})
    assert f"environment:{variable}" in str(caught.value)
