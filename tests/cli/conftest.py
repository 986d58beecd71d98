"""Fixtures for the command line tests: a private configuration per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.support import DnastackCli


@pytest.fixture
def cli(tmp_path: Path) -> DnastackCli:
    """The ``dnastack`` command line with its own configuration file and session directory."""
    return DnastackCli(tmp_path)
