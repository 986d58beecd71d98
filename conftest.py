"""Root pytest configuration: fixture plugins that start real servers, and test hygiene."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

pytest_plugins = [
    "tests.fixtures.devserver",
    "tests.fixtures.oidc",
    "tests.fixtures.engines",
]


@pytest.fixture(autouse=True)
def _restore_dnastack_logger() -> Iterator[None]:
    """Undo what an in-process CLI run does to the ``dnastack`` logger (level, handlers)."""
    logger = logging.getLogger("dnastack")
    saved = (logger.level, list(logger.handlers), logger.propagate)
    yield
    logger.setLevel(saved[0])
    logger.handlers[:] = saved[1]
    logger.propagate = saved[2]
