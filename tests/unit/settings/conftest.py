"""Settings tests never leak session overrides into each other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dnastack.settings import clear_session_overrides


@pytest.fixture(autouse=True)
def _no_session_overrides() -> Iterator[None]:
    clear_session_overrides()
    yield
    clear_session_overrides()
