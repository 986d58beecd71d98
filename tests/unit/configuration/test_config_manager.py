"""ConfigurationManager: round trips, permissions, broken files, read-modify-write."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml

from dnastack.client.models import ServiceEndpoint
from dnastack.configuration.exceptions import (
    ConfigurationError,
    UnsupportedModelVersionError,
)
from dnastack.configuration.manager import ConfigurationManager, default_config_file
from dnastack.configuration.models import CONFIGURATION_VERSION, Configuration, Context
from dnastack.configuration.wrapper import UnsupportedModelVersionError as FromWrapper

FULL = """\
version: 4.0
current_context: prod
contexts:
  prod:
    endpoints:
    - model_version: 2.0
      id: drs-1
      url: http://127.0.0.1:8080/ga4gh/drs/v1/
      type:
        group: org.ga4gh
        artifact: drs
        version: 1.5.0
      authentication:
        type: oauth2
        grant_type: urn:ietf:params:oauth:grant-type:device_code
        token_endpoint: http://127.0.0.1:9000/token
        device_code_endpoint: http://127.0.0.1:9000/device/auth
        client_id: sdk-cli
        scope: openid offline_access
        resource_url: http://127.0.0.1:8080/
        vendor_option: kept
      fallback_authentications:
      - type: bearer
        token: static-token
      source:
        source_id: registry-1
        external_id: drs
        note: kept too
      mode: explorer
      custom_endpoint_key: 42
    defaults:
      drs: drs-1
    platform_credentials:
      anything: kept
  dev:
    endpoints: []
    defaults: {}
settings:
  timeout: 12.5
  max_retries: 2
future_top_level_key:
- a
- b
"""


def test_default_file_is_in_the_home_directory() -> None:
    assert default_config_file() == Path.home() / ".dnastack" / "config.yaml"
    assert ConfigurationManager().file_path == default_config_file()
    assert ConfigurationManager(None).file_path == default_config_file()


def test_a_missing_file_loads_with_a_current_default_context(
    manager: ConfigurationManager,
) -> None:
    configuration = manager.load()
    assert configuration == Configuration()
    # as in dnastack-client-library 3.x: a `default` context, empty, and current
    assert configuration.current_context == "default"
    assert configuration.contexts == {"default": Context()}
    assert configuration.version == CONFIGURATION_VERSION
    assert manager.load_raw() == ""
    assert not manager.file_path.exists()


def test_every_key_written_is_read_back(manager: ConfigurationManager, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(FULL)
    loaded = manager.load()
    manager.save(loaded)
    assert yaml.safe_load(config_path.read_text()) == yaml.safe_load(FULL)
    assert manager.load() == loaded


def test_the_version_round_trips(manager: ConfigurationManager, config_path: Path) -> None:
    manager.save(Configuration(version=3.0, current_context="x"))
    assert yaml.safe_load(config_path.read_text())["version"] == 3.0
    # loading migrates to the current layout, and saving writes that version
    reloaded = manager.load()
    assert reloaded.version == CONFIGURATION_VERSION
    manager.save(reloaded)
    assert manager.load().version == CONFIGURATION_VERSION


def test_loaded_models_are_typed(manager: ConfigurationManager, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(FULL)
    configuration = manager.load()
    context = configuration.contexts["prod"]
    assert isinstance(context, Context)
    endpoint = context.endpoints[0]
    assert isinstance(endpoint, ServiceEndpoint)
    assert endpoint.type is not None and endpoint.type.artifact == "drs"
    assert endpoint.model_extra == {"custom_endpoint_key": 42}
    assert context.model_extra == {"platform_credentials": {"anything": "kept"}}
    assert configuration.model_extra == {"future_top_level_key": ["a", "b"]}
    assert configuration.settings == {"timeout": 12.5, "max_retries": 2}


def test_saving_creates_a_private_directory_and_file(
    manager: ConfigurationManager, config_path: Path
) -> None:
    manager.save(Configuration())
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(config_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(config_path.parent.parent.stat().st_mode) == 0o700


def test_saving_tightens_a_world_readable_file(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(FULL)
    config_path.chmod(0o644)
    manager.save(manager.load())
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600


def test_saving_leaves_no_temporary_files(manager: ConfigurationManager, config_path: Path) -> None:
    manager.save(Configuration())
    manager.save(Configuration(current_context="x"))
    assert sorted(p.name for p in config_path.parent.iterdir()) == [
        "config.yaml",
        "config.yaml.lock",
    ]


def test_empty_settings_are_not_written(manager: ConfigurationManager, config_path: Path) -> None:
    manager.save(Configuration())
    assert "settings" not in yaml.safe_load(config_path.read_text())


BROKEN = [
    pytest.param(
        "version: 4\ncontexts:\n  a: b: c\n",
        3,
        "invalid YAML: mapping values are not allowed here",
        ConfigurationError,
        id="bad-yaml",
    ),
    pytest.param(
        "version: 4\ncontexts:\n  a: [1,\n",
        4,
        "invalid YAML",
        ConfigurationError,
        id="truncated-yaml",
    ),
    pytest.param(
        "version: 4\ncontexts:\n  a:\n    endpoints:\n    - id: e\n      url: 5\n",
        6,
        "contexts.a.endpoints[0].url: expected a string, got int",
        ConfigurationError,
        id="wrong-type",
    ),
    pytest.param(
        "version: 4\ncontexts:\n  a:\n    endpoints:\n    - id: e\n",
        5,
        "contexts.a.endpoints[0].url: field required",
        ConfigurationError,
        id="missing-field",
    ),
    pytest.param(
        "version: 4\ncontexts: [a, b]\n",
        2,
        "contexts: expected an object",
        ConfigurationError,
        id="contexts-is-a-list",
    ),
    pytest.param(
        "# comment\nversion: 99\n",
        2,
        "unsupported configuration version 99",
        UnsupportedModelVersionError,
        id="unknown-version",
    ),
    pytest.param(
        "version: four\n", 1, "version: expected a number", ConfigurationError, id="bad-version"
    ),
    pytest.param(
        "- just\n- a list\n", 1, "expected a mapping", ConfigurationError, id="top-level-list"
    ),
    pytest.param(
        "contexts:\n  a:\n    defaults:\n      drs: 7\n",
        4,
        "contexts.a.defaults.drs: expected a string",
        ConfigurationError,
        id="bad-default",
    ),
]


@pytest.mark.parametrize(("text", "line", "problem", "error"), BROKEN)
def test_a_broken_file_names_file_line_and_problem_and_is_left_untouched(
    manager: ConfigurationManager,
    config_path: Path,
    text: str,
    line: int,
    problem: str,
    error: type[Exception],
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_bytes(text.encode())
    before = config_path.stat()
    with pytest.raises(error) as caught:
        manager.load()
    message = str(caught.value)
    assert message.startswith(f"{config_path}, line {line}: ")
    assert problem in message
    with pytest.raises(error):
        manager.update(lambda c: None)
    assert config_path.read_bytes() == text.encode()
    assert config_path.stat().st_mtime_ns == before.st_mtime_ns


def test_unsupported_version_error_is_importable_from_the_documented_modules() -> None:
    assert FromWrapper is UnsupportedModelVersionError
    assert issubclass(UnsupportedModelVersionError, ConfigurationError)


def test_type_errors_do_not_echo_the_value(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        "contexts:\n  a:\n    endpoints:\n    - url: http://h/\n"
        "      authentication: supersecretvalue\n"
    )
    with pytest.raises(ConfigurationError) as caught:
        manager.load()
    assert "supersecretvalue" not in str(caught.value)
    assert "line 5" in str(caught.value)


def test_a_non_utf8_file_is_a_configuration_error(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_bytes(b"version: 4\n\xff\xfe")
    with pytest.raises(ConfigurationError, match="not UTF-8"):
        manager.load()


def test_an_unreadable_file_is_a_configuration_error(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.mkdir(parents=True)  # a directory where the file should be
    with pytest.raises(ConfigurationError, match="cannot read"):
        manager.load()


def test_an_empty_or_comment_only_file_is_an_empty_configuration(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    for text in ("", "\n\n", "# nothing yet\n"):
        config_path.write_text(text)
        assert manager.load() == Configuration()


def test_save_refuses_an_invalid_configuration_and_keeps_the_file(
    manager: ConfigurationManager, config_path: Path
) -> None:
    manager.save(Configuration(current_context="ok"))
    before = config_path.read_bytes()
    broken = Configuration(contexts={"a": Context(endpoints=[ServiceEndpoint(url="http://h/")])})
    broken.contexts["a"].endpoints[0].url = 5  # type: ignore[assignment]
    with pytest.raises(ConfigurationError, match=r"contexts\.a\.endpoints\[0\]\.url"):
        manager.save(broken)
    assert config_path.read_bytes() == before


def test_update_reloads_applies_and_saves(manager: ConfigurationManager) -> None:
    manager.save(Configuration(current_context="a"))

    def add_context(configuration: Configuration) -> None:
        configuration.contexts["b"] = Context()

    result = manager.update(add_context)
    assert set(result.contexts) == {"default", "b"}
    assert set(manager.load().contexts) == {"default", "b"}
    replaced = manager.update(lambda c: c.copy(update={"current_context": "b"}))
    assert replaced.current_context == "b"
    assert manager.load().current_context == "b"


def test_update_writes_nothing_when_the_change_fails(
    manager: ConfigurationManager, config_path: Path
) -> None:
    manager.save(Configuration(current_context="a"))
    before = config_path.read_bytes()

    def fail(configuration: Configuration) -> None:
        configuration.current_context = "changed"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        manager.update(fail)
    assert config_path.read_bytes() == before


def test_repr_names_the_file_only(manager: ConfigurationManager) -> None:
    assert repr(manager) == f"ConfigurationManager(file_path={str(manager.file_path)!r})"


def test_secrets_never_appear_in_the_configuration_repr(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        FULL.replace("client_id: sdk-cli", "client_id: sdk-cli\n        client_secret: csecret")
    )
    text = repr(manager.load())
    assert "csecret" not in text and "static-token" not in text
