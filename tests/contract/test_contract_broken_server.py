"""The runner can fail: a devserver broken on purpose is reported, with a non-zero exit.

The real devserver app runs in-process, wrapped by a small ASGI middleware that breaks one
thing: a required field dropped from DRS objects, or JSON served as ``text/plain``.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dnastack.contract import run_contract
from dnastack.contract.cli import main
from dnastack.devserver.app import create_app
from dnastack.devserver.config import DevServerConfig
from tests.contract.support import DropJsonField, JsonAsTextPlain, drs_samples, serve_in_thread

pytestmark = pytest.mark.contract

DRS = "/ga4gh/drs/v1"


def _cli(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return code, out.getvalue()


def test_drs_object_without_its_required_checksums_is_a_schema_violation(
    node_config: DevServerConfig, tmp_path: Path
) -> None:
    samples = drs_samples(node_config.data_dir)
    app = DropJsonField(create_app(node_config), f"{DRS}/objects/", "checksums")
    junit = tmp_path / "broken.xml"
    with serve_in_thread(app) as base:
        code, text = _cli(
            [
                "--api", "drs", "--url", base + DRS, "--seed", "1", "--junit", str(junit),
                *(f"--param=object_id={object_id}" for object_id in samples.all),
            ]
        )  # fmt: skip

    assert code == 1, text
    assert "GET /objects/{object_id}: response_schema_conformance: Response violates schema" in text
    assert '"checksums" is a required property' in text
    assert "FAILED:" in text.splitlines()[-1]
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    failures = {
        (case.get("name"), failure.get("type"))
        for case in suite.findall("testcase")
        for failure in case.findall("failure")
    }
    assert ("GET /objects/{object_id}", "response_schema_conformance") in failures
    assert ("POST /objects/{object_id}", "response_schema_conformance") in failures
    # the rest of the API is still fine
    assert ("GET /service-info", "response_schema_conformance") not in failures


def test_json_served_as_text_plain_is_a_content_type_violation(
    node_config: DevServerConfig,
) -> None:
    samples = drs_samples(node_config.data_dir)
    app = JsonAsTextPlain(create_app(node_config), DRS + "/")
    with serve_in_thread(app) as base:
        report = run_contract("drs", base + DRS, params={"object_id": samples.blobs[:2]}, seed=2)

    assert report.exit_code() == 1
    flagged = {(v.operation, v.check) for v in report.violations}
    assert ("GET /service-info", "content_type_conformance") in flagged
    assert ("GET /objects/{object_id}", "content_type_conformance") in flagged
    violation = next(v for v in report.violations if v.operation == "GET /service-info")
    assert violation.status_code == 200
    assert violation.response_excerpt is not None
    assert violation.response_excerpt.startswith("text/plain")
    assert violation.request.method == "GET"
    assert violation.request.url == base + DRS + "/service-info"


def test_the_unbroken_in_process_app_passes(node_config: DevServerConfig) -> None:
    samples = drs_samples(node_config.data_dir)
    with serve_in_thread(create_app(node_config)) as base:
        report = run_contract("drs", base + DRS, params={"object_id": samples.all}, seed=1)
    assert report.violations == []
    assert report.untested == []
