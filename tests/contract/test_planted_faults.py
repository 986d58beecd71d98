"""Planted-fault servers: the runner exits 1 naming the right operation and check, per fault.

Each API has a wrapper around the devserver app (``tests/contract/planted/``) with a clean
mode, clean variants (``501`` to unsupported methods as RFC 9110 allows; bearer-secured)
and one mode per fault class. Every mode runs in the default and the thorough mode; a fault
must be reported (exit 1, ``N. OPERATION: CHECK:`` in the report), a clean mode must pass
(exit 0, no violation). Fuzzing is bounded (``--max-examples``) and so are the walks.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.types import ASGIApp

from dnastack.contract.cli import main
from dnastack.devserver.app import create_app
from dnastack.devserver.config import DevServerConfig
from dnastack.devserver.sample_data import ensure_sample_data
from tests.contract.planted import data_connect, drs, registry
from tests.contract.planted.base import TOKEN, Mode
from tests.contract.support import drs_samples, serve_in_thread

pytestmark = pytest.mark.contract

PLANTED: dict[str, tuple[str, dict[str, Mode], Callable[[ASGIApp, str], ASGIApp]]] = {
    "data-connect": (data_connect.BASE, data_connect.MODES, data_connect.planted_data_connect),
    "service-registry": (registry.BASE, registry.MODES, registry.planted_registry),
    "drs": (drs.BASE, drs.MODES, drs.planted_drs),
}
CASES = [(api, mode) for api, (_b, modes, _p) in PLANTED.items() for mode in modes]
BOUNDS = ["--max-pages", "6"]


@pytest.fixture(scope="module")
def planted_config(tmp_path_factory: pytest.TempPathFactory) -> DevServerConfig:
    """Sample data with pages of 3 rows (and tables), so every walk sees several pages."""
    data_dir: Path = tmp_path_factory.mktemp("planted-node")
    ensure_sample_data(data_dir, 12)
    return DevServerConfig(data_dir=data_dir, rows=12, page_size=3)


@pytest.fixture(scope="module")
def planted_servers(planted_config: DevServerConfig) -> Iterator[dict[tuple[str, str], str]]:
    """Every planted server of every API, started once; (api, mode) -> base URL of the API."""
    urls: dict[tuple[str, str], str] = {}
    contexts = []
    try:
        for api, mode in CASES:
            base, _modes, plant = PLANTED[api]
            context = serve_in_thread(plant(create_app(planted_config), mode))
            urls[(api, mode)] = context.__enter__() + base
            contexts.append(context)
        yield urls
    finally:
        for context in reversed(contexts):
            context.__exit__(None, None, None)


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    assert err.getvalue() == "", err.getvalue()
    return code, out.getvalue()


@pytest.mark.parametrize("thorough", [False, True], ids=["default", "thorough"])
@pytest.mark.parametrize(("api", "mode"), CASES, ids=[f"{a}:{m}" for a, m in CASES])
def test_planted_fault_is_reported_and_clean_servers_pass(
    api: str,
    mode: str,
    thorough: bool,
    planted_servers: dict[tuple[str, str], str],
    planted_config: DevServerConfig,
) -> None:
    planted = PLANTED[api][1][mode]
    argv = ["--api", api, "--url", planted_servers[(api, mode)], "--seed", "3", *BOUNDS]
    argv += ["--thorough", "--max-examples", "1"] if thorough else ["--max-examples", "2"]
    if api == "drs":
        argv += [f"--param=object_id={i}" for i in drs_samples(planted_config.data_dir).all]
    if planted.secured:
        argv += ["--header", f"Authorization: Bearer {TOKEN}"]

    code, text = _run(argv)

    assert TOKEN not in text
    if planted.expected is None:
        assert code == 0, text
        assert "PASSED: 0 violation(s)" in text
        return
    operation, check = planted.expected
    assert code == 1, text
    assert f". {operation}: {check}: " in text, text
