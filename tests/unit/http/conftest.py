"""Fixtures for the dnastack.http unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from http_unit_support import FakeClock, ScriptedAuthenticator


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scripted() -> Iterator[ScriptedAuthenticator]:
    yield ScriptedAuthenticator()
