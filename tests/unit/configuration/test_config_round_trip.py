"""A write keeps the user's comments, key order and spelling (round-trip YAML)."""

from __future__ import annotations

import os
from pathlib import Path

from dnastack.client.models import ServiceEndpoint
from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import Configuration
from dnastack.configuration.wrapper import ConfigurationWrapper

USER_FILE = """\
# my node settings -- keep me
version: 4.0   # layout version
settings:
  timeout: 30   # seconds, the VPN is slow
current_context: prod
contexts:
  # production, do not touch
  prod:
    endpoints:
    - id: drs-1   # the main DRS
      url: 'http://127.0.0.1:8080/ga4gh/drs/v1/'
      type: {group: org.ga4gh, artifact: drs, version: 1.5.0}
    defaults:
      drs: drs-1
"""


def user_file(config_path: Path) -> Path:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(USER_FILE)
    os.chmod(config_path, 0o600)
    return config_path


def test_adding_an_endpoint_keeps_comments_and_key_order(
    manager: ConfigurationManager, config_path: Path
) -> None:
    user_file(config_path)

    def add(configuration: Configuration) -> None:
        ConfigurationWrapper(configuration).add_endpoint(
            ServiceEndpoint(id="dc", url="http://127.0.0.1:8080/data-connect/")
        )

    manager.update(add)
    text = config_path.read_text()

    for comment in (
        "# my node settings -- keep me",
        "# layout version",
        "# seconds, the VPN is slow",
        "# production, do not touch",
        "# the main DRS",
    ):
        assert comment in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["version", "settings", "current_context", "contexts"]
    assert "url: 'http://127.0.0.1:8080/ga4gh/drs/v1/'" in text  # quoting kept
    assert "id: dc" in text
    assert {e.id for e in manager.load().contexts["prod"].endpoints} == {"drs-1", "dc"}


def test_a_removed_key_goes_and_the_other_comments_stay(
    manager: ConfigurationManager, config_path: Path
) -> None:
    user_file(config_path)
    manager.update(lambda c: ConfigurationWrapper(c).unset_default("drs"))
    text = config_path.read_text()
    assert "drs: drs-1" not in text
    assert "# the main DRS" in text
    assert "# production, do not touch" in text


def test_save_of_a_loaded_configuration_changes_nothing_the_user_wrote(
    manager: ConfigurationManager, config_path: Path
) -> None:
    user_file(config_path)
    manager.save(manager.load())
    text = config_path.read_text()
    for line in USER_FILE.splitlines():
        assert line in text


def test_a_file_with_shared_anchors_is_written_correctly(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        "contexts:\n  default:\n    endpoints:\n"
        "    - {id: a, url: 'http://h/a/', authentication: &auth {type: bearer, token: t}}\n"
        "    - {id: b, url: 'http://h/b/', authentication: *auth}\n"
    )
    os.chmod(config_path, 0o600)

    def change_b(configuration: Configuration) -> None:
        endpoint = ConfigurationWrapper(configuration).get_endpoint("b")
        endpoint.authentication = {"type": "bearer", "token": "other"}

    manager.update(change_b)
    endpoints = manager.load().contexts["default"].endpoints
    assert [e.authentication for e in endpoints] == [
        {"type": "bearer", "token": "t"},
        {"type": "bearer", "token": "other"},
    ]
