"""Shared helpers for the configuration tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.configuration.manager import ConfigurationManager


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".dnastack" / "config.yaml"


@pytest.fixture
def manager(config_path: Path) -> ConfigurationManager:
    return ConfigurationManager(config_path)
