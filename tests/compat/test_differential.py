"""The same scenarios through dnastack-client-library 3.1.240 and through this SDK, compared.

Every scenario either matches, or is a deliberate difference (``differences.DELIBERATE``,
with the reason; the test then checks that it still differs and that our side did not
fail), or is pending another change (``differences.PENDING``: strict xfail). Anything else
is broken and fails. The terminal summary prints the count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.compat.cli_scenarios import CLI_SCENARIOS
from tests.compat.conftest import OUTCOMES
from tests.compat.differences import DELIBERATE, PENDING
from tests.compat.scenarios import SCENARIOS

# the session fixtures (reference venv install, every scenario run through both libraries)
# run in the first test's setup: the default per-test timeout is too short for them
pytestmark = pytest.mark.timeout(1800)


def _params(names: list[str]) -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=PENDING[name]))
        if name in PENDING
        else name
        for name in names
    ]


def _compare(name: str, reference: dict[str, Any], ours: dict[str, Any]) -> None:
    shown = (
        f"\nreference: {json.dumps(reference, sort_keys=True)[:1500]}"
        f"\nours:      {json.dumps(ours, sort_keys=True)[:1500]}"
    )
    if name in DELIBERATE:
        OUTCOMES[name] = "deliberate"
        assert reference != ours, f"{name} is listed as a deliberate difference but matches"
        assert "error" not in ours, f"{name}: our side failed{shown}"
        return
    OUTCOMES[name] = "pending" if name in PENDING else "broken"
    assert reference == ours, f"{name} differs from the reference{shown}"
    OUTCOMES[name] = "match"


@pytest.mark.parametrize("name", _params(sorted(SCENARIOS)))
def test_python_scenario(name: str, python_results: dict[str, dict[str, Any]]) -> None:
    _compare(name, python_results["reference"][name], python_results["ours"][name])


@pytest.mark.parametrize("name", _params(sorted(CLI_SCENARIOS)))
def test_cli_scenario(name: str, cli_results: dict[str, dict[str, Any]]) -> None:
    _compare(name, cli_results["reference"][name], cli_results["ours"][name])


def test_every_listed_difference_names_a_scenario() -> None:
    known = set(SCENARIOS) | set(CLI_SCENARIOS)
    assert set(DELIBERATE) <= known and set(PENDING) <= known
    assert not set(DELIBERATE) & set(PENDING)
    assert all(reason.strip() for reason in [*DELIBERATE.values(), *PENDING.values()])


def test_migrating_guide_lists_every_deliberate_difference() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "migrating.md").read_text()
    missing = [name for name in DELIBERATE if f"| `{name}` |" not in guide]
    assert not missing, f"docs/migrating.md does not list: {missing}"
