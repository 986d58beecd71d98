"""Hostile configuration documents end in a ConfigurationError naming the file, quickly.

No RecursionError, OverflowError or raw ValueError; no hang; no memory blow-up. A number
that is NaN, infinite or out of range (the layout version, a timeout, a limit) is refused
at its line, naming the field.
"""

from __future__ import annotations

import math
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from dnastack.configuration.manager import (
    ConfigurationManager,
    InvalidExistingConfigurationError,
)
from dnastack.configuration.models import CONFIGURATION_VERSION, Configuration
from dnastack.configuration.yaml_document import MAX_DEPTH, MAX_NODES
from dnastack.exceptions import ConfigurationError
from dnastack.settings import SessionOverrides, resolve_settings

# each case must fail within this (generous on a shared machine; they take ~0.2 s)
SECONDS = 10.0
MEGABYTES = 50


def billion_laughs(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text + f"settings: {{x: *{previous}}}\n"


HOSTILE = {
    "billion laughs": (billion_laughs(), f"more than {MAX_NODES} values"),
    "deep flow nesting": ("settings: " + "[" * 20000 + "]" * 20000 + "\n", "nested deeper"),
    "deep block nesting": (
        "settings:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400)),
        "nested deeper",
    ),
    "deep sequences": ("settings:\n" + "- " * 300 + "x\n", "nested deeper"),
    "an integer of 5000 digits": ("version: " + "9" * 5000 + "\n", "number out of range"),
    "a duplicate key": ("version: 4\nversion: 4\n", "line 2: invalid YAML: found duplicate key"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_document_is_refused_quickly_and_small(
    name: str, manager: ConfigurationManager, config_path: Path
) -> None:
    text, problem = HOSTILE[name]
    config_path.parent.mkdir(parents=True)
    config_path.write_text(text)
    os.chmod(config_path, 0o600)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ConfigurationError) as caught:
            manager.load()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert str(config_path) in str(caught.value)
    assert problem in str(caught.value)
    assert elapsed < SECONDS
    assert peak < MEGABYTES * 1024 * 1024
    # the read-modify-write path reads through the same limits
    with pytest.raises(ConfigurationError):
        manager.update(lambda c: None)
    assert config_path.read_text() == text


def test_nesting_up_to_the_limit_is_read(manager: ConfigurationManager, config_path: Path) -> None:
    depth = MAX_DEPTH - 4
    config_path.parent.mkdir(parents=True)
    config_path.write_text("settings: {x: " + "[" * depth + "]" * depth + "}\n")
    os.chmod(config_path, 0o600)
    value = manager.load().settings["x"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


def test_a_small_alias_is_fine(manager: ConfigurationManager, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        "x-auth: &auth {type: bearer, token: t}\n"
        "contexts:\n  default:\n    endpoints:\n"
        "    - {id: a, url: 'http://h/a/', authentication: *auth}\n"
        "    - {id: b, url: 'http://h/b/', authentication: *auth}\n"
    )
    os.chmod(config_path, 0o600)
    endpoints = manager.load().contexts["default"].endpoints
    assert [e.authentication for e in endpoints] == [{"type": "bearer", "token": "t"}] * 2


def test_a_file_larger_than_the_cap_is_not_read(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    with open(config_path, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MiB of zeros, no disk used
    os.chmod(config_path, 0o600)
    with pytest.raises(ConfigurationError, match="larger than"):
        manager.load()


@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [
        ("timeout", "1e999", "expected a positive number of seconds"),
        ("timeout", "1e12", "out of range"),
        ("timeout", ".nan", "expected a positive number of seconds"),
        ("max_retries", "1e999", "expected a whole number"),
        ("max_retries", "100000000000000000000", "out of range"),
    ],
)
def test_numbers_out_of_range_in_settings_name_the_file_line_and_field(
    tmp_path: Path, setting: str, value: str, problem: str
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"settings:\n  {setting}: {value}\n")
    os.chmod(config, 0o600)
    with pytest.raises(InvalidExistingConfigurationError) as caught:
        resolve_settings(environ={"HOME": str(tmp_path), "DNASTACK_CONFIG_FILE": str(config)})
    assert str(caught.value).startswith(f"{config}, line 2: settings.{setting}: ")
    assert problem in str(caught.value)


_ENDPOINT = "contexts:\n  default:\n    endpoints:\n    - id: e\n      url: http://127.0.0.1:1/\n"
_HUGE = "9" * 400  # fewer digits than Python's int limit, far beyond a float's range

BAD_NUMBERS = {
    "version NaN": ("version: .nan\n", 1, "version: expected a layout version number, got NaN"),
    "version infinity": (
        "version: .inf\n",
        1,
        "version: expected a layout version number, got infinity",
    ),
    "version -infinity": ("version: -.inf\n", 1, "got infinity"),
    "version 1e400": ("version: 1e400\n", 1, "got infinity"),
    "version huge int": (
        f"version: {_HUGE}\n",
        1,
        "version: expected a layout version number, got an integer out of range",
    ),
    "version negative": (
        "# c\nversion: -3\n",
        2,
        "version: expected a positive layout version number",
    ),
    "version zero": ("version: 0\n", 1, "version: expected a positive layout version number"),
    "timeout NaN": (
        "version: 4\nsettings:\n  timeout: .nan\n",
        3,
        "settings.timeout: expected a positive number of seconds",
    ),
    "deadline infinity": (
        "settings:\n  request_deadline: .inf\n",
        2,
        "settings.request_deadline: expected a positive number of seconds",
    ),
    "stall window NaN": (
        "settings:\n  download_stall_seconds: .nan\n",
        2,
        "settings.download_stall_seconds: expected a positive",
    ),
    "polling wait boolean": (
        "settings:\n  polling_max_wait: true\n",
        2,
        "settings.polling_max_wait: expected a number of seconds",
    ),
    "timeout huge int": (f"settings:\n  timeout: {_HUGE}\n", 2, "settings.timeout: out of range"),
    "response cap -infinity": (
        "settings:\n  max_response_bytes: -.inf\n",
        2,
        "settings.max_response_bytes: expected a whole number",
    ),
    "concurrency NaN": (
        "settings:\n  max_concurrency: .nan\n",
        2,
        "settings.max_concurrency: expected a whole number",
    ),
    "retries huge int": (
        f"settings:\n  max_retries: {_HUGE}\n",
        2,
        "settings.max_retries: out of range (0 to 100)",
    ),
    "contract bound infinity": (
        "settings:\n  contract_max_walk_seconds: .inf\n",
        2,
        "settings.contract_max_walk_seconds: expected a positive",
    ),
    "endpoint model_version NaN": (
        _ENDPOINT + "      model_version: .nan\n",
        6,
        "contexts.default.endpoints[0].model_version: expected a finite number, got NaN",
    ),
    "endpoint model_version huge int": (
        _ENDPOINT + f"      model_version: {_HUGE}\n",
        6,
        "model_version: expected a finite number, got an integer out of range",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_NUMBERS))
def test_a_number_that_is_nan_infinite_or_out_of_range_is_refused_at_its_line(
    name: str, manager: ConfigurationManager, config_path: Path
) -> None:
    text, line, problem = BAD_NUMBERS[name]
    config_path.parent.mkdir(parents=True)
    config_path.write_text(text)
    os.chmod(config_path, 0o600)

    with pytest.raises(InvalidExistingConfigurationError) as caught:
        manager.load()

    assert str(caught.value).startswith(f"{config_path}, line {line}: ")
    assert problem in str(caught.value)
    # every reader of the file refuses it the same way (no OverflowError, no NaN accepted)
    with pytest.raises(InvalidExistingConfigurationError):
        resolve_settings(config_file=config_path, environ={}, overrides=SessionOverrides())
    with pytest.raises(InvalidExistingConfigurationError):
        manager.update(lambda c: None)
    assert config_path.read_text() == text


def test_good_numbers_and_unknown_settings_still_load(
    manager: ConfigurationManager, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        "version: 3\nsettings:\n  timeout: '2.5'\n  max_retries: 2.0\n  colour: .nan\n"
    )
    os.chmod(config_path, 0o600)
    configuration = manager.load()
    assert configuration.version == CONFIGURATION_VERSION  # an older layout, migrated
    assert configuration.settings["timeout"] == "2.5"
    assert math.isnan(configuration.settings["colour"])  # not a setting: kept, not judged
    settings = resolve_settings(config_file=config_path, environ={}, overrides=SessionOverrides())
    assert (settings.timeout, settings.max_retries) == (2.5, 2)


def test_a_configuration_with_a_nan_version_is_not_saved(
    manager: ConfigurationManager, config_path: Path
) -> None:
    with pytest.raises(ConfigurationError, match="version: expected a finite number, got NaN"):
        manager.save(Configuration(version=math.nan))
    assert not config_path.exists()
