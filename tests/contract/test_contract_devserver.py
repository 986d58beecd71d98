"""Proof that the devserver is faithful to our specs: the contract runner finds nothing.

For each of the six APIs, the runner (default mode, fixed seed) must report zero violations
and every operation must have reached a 2xx response (no UNTESTED operation), so success
responses were actually checked. The DRS sample object ids are given as ``--param`` values;
everything else is discovered by the runner itself. Data Connect runs against the default
devserver, whose ``next_page_url``s are absolute (our spec allows ``uri-reference``).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from dnastack.contract import API_NAMES, format_report, run_contract
from tests.contract.support import DrsSamples, api_urls
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.contract

SEED = 20240101


def _params(api: str, drs: DrsSamples) -> dict[str, list[str]]:
    return {"object_id": drs.all} if api == "drs" else {}


@pytest.mark.parametrize("api", API_NAMES)
def test_devserver_has_no_violation_and_every_operation_reaches_a_2xx(
    api: str,
    devserver: DevServer,
    devserver_drs: DrsSamples,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    url = api_urls(devserver)[api]
    collections_before = httpx.get(devserver.collections_url + "collections").json()

    report = run_contract(
        api, url, params=_params(api, devserver_drs), seed=SEED, junit_path=tmp_path / "junit.xml"
    )

    text = format_report(report)
    record_property("contract_summary", text.rstrip().splitlines()[-1])
    assert report.violations == [], text
    assert [op.operation for op in report.untested] == [], text
    assert report.exit_code(strict=True) == 0
    assert len(report.operations) >= 1
    assert all(op.cases >= 1 for op in report.operations)
    # the run deleted what it created and nothing else
    assert httpx.get(devserver.collections_url + "collections").json() == collections_before


def test_command_line_run_passes_strict_and_writes_junit(
    devserver: DevServer, devserver_drs: DrsSamples, tmp_path: Path
) -> None:
    junit = tmp_path / "drs.xml"
    params = [f"--param=object_id={object_id}" for object_id in devserver_drs.all]
    completed = subprocess.run(
        [
            sys.executable, "-m", "dnastack.contract", "--api", "drs", "--url", devserver.drs_url,
            *params, "--seed", str(SEED), "--strict", "--junit", str(junit),
            "--header", "Authorization: Bearer contract-test-token-123",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "PASSED: 0 violation(s)" in completed.stdout
    assert "contract-test-token-123" not in completed.stdout + completed.stderr
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("9", "0", "0")


def test_collection_scoped_data_connect_conforms_too(devserver: DevServer) -> None:
    server = devserver
    slug = httpx.get(server.collections_url + "collections").json()[0]["slugName"]
    report = run_contract("data-connect", server.collection_data_connect_url(slug), seed=SEED)
    assert report.violations == [], format_report(report)
    assert report.untested == [], format_report(report)


@pytest.mark.parametrize("api", ["service-info", "service-registry", "explorer"])
def test_thorough_mode_finds_nothing_either(api: str, devserver: DevServer) -> None:
    report = run_contract(api, api_urls(devserver)[api], thorough=True, seed=SEED)
    assert "negative_data_rejection" in report.checks
    assert report.violations == [], format_report(report)
    assert report.untested == [], format_report(report)


def test_a_param_that_matches_no_path_parameter_is_pointed_out(devserver: DevServer) -> None:
    report = run_contract(
        "service-registry", devserver.registry_url, params={"objct_id": "x"}, seed=SEED
    )
    assert any(
        note.startswith("--param objct_id matches no path parameter") for note in report.notes
    )
    assert "(known: serviceId)" in format_report(report)
