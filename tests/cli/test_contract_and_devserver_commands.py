"""``dnastack contract-test`` (wraps dnastack.contract) and ``dnastack devserver``."""

from __future__ import annotations

import signal
import subprocess
import xml.etree.ElementTree as ElementTree

import httpx
import pytest

from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


def test_contract_test_passes_on_the_devserver_and_writes_junit(
    cli: DnastackCli, devserver: DevServer
) -> None:
    junit = cli.workdir / "report.xml"

    result = cli(
        "contract-test",
        "--api",
        "service-info",
        "--url",
        devserver.base_url,
        "--junit",
        str(junit),
        "--seed",
        "1",
    )

    assert result.exit_code == 0, result
    assert "GET /service-info" in result.stdout and "PASSED" in result.stdout
    assert ElementTree.parse(junit).getroot().tag in ("testsuites", "testsuite")


def test_contract_test_against_nothing_is_exit_code_3_on_one_line(cli: DnastackCli) -> None:
    result = cli("contract-test", "--api", "drs", "--url", "http://127.0.0.1:9/ga4gh/drs/v1")

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("dnastack contract-test: ") and "http://127.0.0.1:9" in line


def test_contract_test_usage_errors_are_exit_code_1_or_2(cli: DnastackCli) -> None:
    bad_header = cli(
        "contract-test", "--api", "drs", "--url", "http://127.0.0.1:9/", "--header", "no colon here"
    )
    bad_api = cli("contract-test", "--api", "ftp", "--url", "http://127.0.0.1:9/")

    assert bad_header.exit_code == 1 and "--header needs" in bad_header.stderr
    assert "no colon here" not in bad_header.stderr  # a header value may be a secret
    assert bad_api.exit_code == 2


@pytest.mark.parametrize(
    ("extra", "drs_version"), [((), "1.5.0"), (("--drs-compat", "1.2"), "1.2.0")]
)
def test_devserver_command_serves_the_node_and_stops_cleanly_on_sigterm(
    cli: DnastackCli, extra: tuple[str, ...], drs_version: str
) -> None:
    process = subprocess.Popen(
        cli.process_command(
            "devserver", "--port", "0", "--data", str(cli.workdir / "data"), "--rows", "50", *extra
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=cli.process_env(),
        cwd=cli.workdir,
    )
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        assert ready.startswith("devserver ready at http://127.0.0.1:"), process.stderr
        base_url = ready.split(" at ", 1)[1].strip()

        services = httpx.get(f"{base_url}/services", timeout=10).json()

        assert {s["type"]["artifact"] for s in services} >= {"data-connect", "drs"}
        drs = next(s for s in services if s["type"]["artifact"] == "drs")
        assert drs["type"]["version"] == drs_version
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=20)
    assert status == 0
