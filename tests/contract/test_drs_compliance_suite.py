"""GA4GH's own ``drs-compliance-suite`` (PyPI 1.0.3) against the devserver.

The suite is installed by ``tests/servers/drs-compliance/install.sh`` into the git-ignored
``tests/servers/.venv-dcs`` and run with the one-line ``supported_drs_versions`` shim on
PYTHONPATH. It always exits 0, so the verdict is the report's ``status``. ``--serve`` (a Flask
debug server on 0.0.0.0) is never passed.

The suite only knows DRS **1.2.0**, and its service-info and access-method schemas forbid
additional properties. DRS 1.5 *requires* ``maxBulkRequestLength`` in service-info and adds
``drs`` there, and ``authorizations``/``available``/``cloud`` to access methods, so a faithful
DRS 1.5 server cannot get PASS as such. Hence two runs:

1. against the default devserver (DRS 1.5): every failed case must be one of those
   additional-property rejections (anything else fails this test);
2. against a devserver started with ``--drs-compat 1.2`` (the server's documented DRS 1.2
   compatibility mode): PASS with no failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.contract.support import REPO_ROOT, DrsSamples, drs_samples
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = [pytest.mark.contract, pytest.mark.slow]

SUITE_DIR = REPO_ROOT / "tests" / "servers" / "drs-compliance"
SUITE_VENV = REPO_ROOT / "tests" / "servers" / ".venv-dcs"
INSTALL_TIMEOUT_SECONDS = 600
RUN_TIMEOUT_SECONDS = 180
KNOWN_1_5_REJECTION = re.compile(
    r"^Additional properties are not allowed \((?P<names>.+) (?:was|were) unexpected\)$"
)
DRS_1_5_ADDITIONS = frozenset(
    {"drs", "maxBulkRequestLength", "authorizations", "available", "cloud"}
)


@pytest.fixture(scope="module")
def suite_executable() -> Path:
    completed = subprocess.run(
        ["bash", str(SUITE_DIR / "install.sh")],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_SECONDS,
        env={**os.environ, "DCS_VENV": str(SUITE_VENV)},
        check=False,
    )
    assert completed.returncode == 0, (
        f"install.sh failed:\n{completed.stdout}\n{completed.stderr[-3000:]}"
    )
    executable = SUITE_VENV / "bin" / "drs-compliance-suite"
    assert executable.is_file()
    return executable


def _config(samples: DrsSamples) -> dict[str, Any]:
    none = {"auth_type": "none", "auth_token": ""}
    objects = [{"drs_id": i, **none, "is_bundle": False} for i in samples.blobs[:3]]
    objects += [{"drs_id": i, **none, "is_bundle": True} for i in samples.bundles[:1]]
    return {
        "service_info": none,
        "drs_object_info": objects,
        "drs_object_access": [{"drs_id": i, **none} for i in samples.blobs[:3]],
    }


def _run_suite(
    executable: Path, base_url: str, samples: DrsSamples, workdir: Path
) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "out").mkdir(exist_ok=True)  # the suite does not create the report's folder
    config = workdir / "config.json"
    config.write_text(json.dumps(_config(samples), indent=2))
    report_path = workdir / "out" / "report.json"
    completed = subprocess.run(
        [
            str(executable),
            "--server_base_url", base_url.rstrip("/"),
            "--platform_name", "dnastack-sdk devserver",
            "--platform_description", "local GA4GH node of the dnastack SDK",
            "--drs_version", "1.2.0",
            "--config_file", str(config),
            "--report_path", str(report_path),
        ],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(SUITE_DIR / "shim")},
        check=False,
    )  # fmt: skip
    assert report_path.is_file(), f"no report:\n{completed.stdout}\n{completed.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(report_path.read_text())
    return report


def _failed_cases(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (test["test_name"], case["case_name"], case.get("message") or "")
        for phase in report["phases"]
        for test in phase["tests"]
        for case in test["cases"]
        if case["status"] == "FAIL"
    ]


def _only_1_5_additions(message: str) -> bool:
    match = KNOWN_1_5_REJECTION.match(message)
    if match is None:
        return False
    names = set(re.findall(r"'([^']+)'", match.group("names")))
    return bool(names) and names <= DRS_1_5_ADDITIONS


def test_suite_finds_nothing_but_the_drs_1_5_additions_on_the_devserver(
    suite_executable: Path,
    devserver: DevServer,
    devserver_drs: DrsSamples,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    report = _run_suite(suite_executable, devserver.drs_url, devserver_drs, tmp_path)
    record_property("dcs_raw_summary", json.dumps(report["summary"]))
    unexpected = [case for case in _failed_cases(report) if not _only_1_5_additions(case[2])]
    assert unexpected == [], json.dumps(report["summary"])
    assert report["summary"]["passed"] >= 15
    print(f"drs-compliance-suite 1.0.3 on DRS 1.5: {report['status']} {report['summary']}")


def test_suite_passes_on_a_devserver_in_drs_1_2_compatibility_mode(
    suite_executable: Path,
    devserver_factory: DevServerFactory,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    server = devserver_factory.start("--drs-compat", "1.2", "--rows", "100")
    report = _run_suite(
        suite_executable, server.drs_url, drs_samples(server.data_dir), tmp_path / "suite"
    )

    record_property("dcs_summary", json.dumps(report["summary"]))
    assert report["status"] == "PASS", json.dumps(_failed_cases(report), indent=1)
    summary = report["summary"]
    assert summary["failed"] == 0
    assert summary["passed"] >= 20
    print(f"drs-compliance-suite 1.0.3 on --drs-compat 1.2: {summary}")
