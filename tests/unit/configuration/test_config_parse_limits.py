"""Hostile configuration documents end in a ConfigurationError naming the file, quickly.

No RecursionError, OverflowError or raw ValueError; no hang; no memory blow-up.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.yaml_document import MAX_DEPTH, MAX_NODES
from dnastack.exceptions import ConfigurationError
from dnastack.settings import resolve_settings

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
def test_numbers_out_of_range_in_settings_name_the_file(
    tmp_path: Path, setting: str, value: str, problem: str
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"settings:\n  {setting}: {value}\n")
    os.chmod(config, 0o600)
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={"HOME": str(tmp_path), "DNASTACK_CONFIG_FILE": str(config)})
    assert f"config:{config}" in str(caught.value)
    assert problem in str(caught.value)
    assert setting in str(caught.value)
