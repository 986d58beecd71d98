"""Fixtures of the differential suite: the reference library, one https devserver, the runs.

- ``reference_env`` (session): dnastack-client-library 3.1.240 in its own venv
  (``tests/compat/.venv-ref-3.1.240``, git-ignored; made as ``make bench`` makes its own, and
  kept). When it cannot be installed because PyPI is unreachable, every test here is
  skipped with that reason; any other install failure is an error.
- ``compat_node`` (session): one devserver serving https (a throwaway self-signed certificate
  for 127.0.0.1) and publishing the service types DNAstack registries use
  (``--registry-types reference``), as the reference expects.
- ``python_results`` / ``cli_results`` (session): every scenario run through both libraries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bench.reference_env import ReferenceEnv, ensure_reference_env
from tests.compat.cli_scenarios import CLI_SCENARIOS, expand, read_config
from tests.compat.scenarios import ISOLATED
from tests.fixtures.devserver import DevServer, DevServerFactory

HERE = Path(__file__).resolve().parent
REFERENCE_VERSION = "3.1.240"
REFERENCE_VENV = HERE / f".venv-ref-{REFERENCE_VERSION}"
RUNNER = HERE / "run_scenarios.py"
RUN_TIMEOUT_SECONDS = 900
CLI_TIMEOUT_SECONDS = 120
_NETWORK_MARKERS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "Connection refused",
    "ProxyError",
    "Max retries exceeded",
    "Read timed out",
    "Could not fetch URL",
)

ROOT = HERE.parents[1]
OUR_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class CompatNode:
    """The devserver both libraries talk to, and the environment that trusts it."""

    server: DevServer
    cert: Path

    @property
    def url(self) -> str:
        return self.server.base_url + "/"

    @property
    def host(self) -> str:
        return self.server.base_url.split("://", 1)[1]

    def env(self, home: Path) -> dict[str, str]:
        """Environment for either library: a private home, the node's certificate trusted."""
        keep = {k: v for k, v in os.environ.items() if not k.startswith("DNASTACK_")}
        return {
            **keep,
            "HOME": str(home),
            "COMPAT_NODE_URL": self.url,
            "SSL_CERT_FILE": str(self.cert),  # the reference's urllib3 downloads
            "REQUESTS_CA_BUNDLE": str(self.cert),  # the reference's requests
            "DNASTACK_CA_CERT": str(self.cert),  # ours
            "DNASTACK_NO_UPDATE_CHECK": "1",  # the reference's CLI asks PyPI otherwise
            "PYTHONPATH": "",
        }


def _unreachable_pypi(message: str) -> bool:
    return any(marker in message for marker in _NETWORK_MARKERS)


@pytest.fixture(scope="session")
def reference_env() -> ReferenceEnv:
    try:
        return ensure_reference_env(REFERENCE_VENV, version=REFERENCE_VERSION, extra_packages=())
    except RuntimeError as exc:
        if _unreachable_pypi(str(exc)):
            pytest.skip(f"PyPI is unreachable, the reference library cannot be installed: {exc}")
        raise


@pytest.fixture(scope="session")
def compat_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CompatNode]:
    folder = tmp_path_factory.mktemp("compat-node")
    cert, key = folder / "cert.pem", folder / "key.pem"
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("the differential suite needs the openssl command (a throwaway certificate)")
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    factory = DevServerFactory(folder)
    server = factory.start(
        "--tls-cert", str(cert), "--tls-key", str(key), "--registry-types", "reference"
    )
    try:
        yield CompatNode(server, cert)
    finally:
        factory.stop_all()


def _run_python(python: Path, node: CompatNode, home: Path, names: list[str]) -> dict[str, Any]:
    home.mkdir(parents=True, exist_ok=True)
    output = home / "results.json"
    completed = subprocess.run(
        [str(python), str(RUNNER), str(output), *names],
        env=node.env(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    if completed.returncode != 0 or not output.exists():
        raise RuntimeError(f"{python} {RUNNER} failed:\n{completed.stderr[-3000:]}")
    results: dict[str, Any] = json.loads(output.read_text())
    return results


def _run_all(python: Path, node: CompatNode, folder: Path) -> dict[str, Any]:
    results = _run_python(python, node, folder / "batch", [])
    for name in sorted(ISOLATED):
        results.update(_run_python(python, node, folder / name, [name]))
    return results


@pytest.fixture(scope="session")
def python_results(
    reference_env: ReferenceEnv, compat_node: CompatNode, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """``{"reference": {scenario: outcome}, "ours": {...}}``."""
    folder = tmp_path_factory.mktemp("compat-python")
    return {
        "reference": _run_all(reference_env.python, compat_node, folder / "reference"),
        "ours": _run_all(Path(sys.executable), compat_node, folder / "ours"),
    }


def _run_cli(bin_dir: Path, node: CompatNode, home: Path, name: str) -> Any:
    home.mkdir(parents=True, exist_ok=True)
    scenario = CLI_SCENARIOS[name]
    result: subprocess.CompletedProcess[str] | None = None
    for step in expand(scenario.steps, node.host, node.url):
        result = subprocess.run(
            [str(bin_dir / "dnastack"), *step],
            env=node.env(home),
            cwd=home,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=CLI_TIMEOUT_SECONDS,
        )
    assert result is not None
    config_file = home / ".dnastack" / "config.yaml"
    config = read_config(config_file.read_text()) if config_file.exists() else {}
    return {"value": json.loads(json.dumps(scenario.observe(result, config)))}


@pytest.fixture(scope="session")
def cli_results(
    reference_env: ReferenceEnv, compat_node: CompatNode, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("compat-cli")
    return {
        side: {
            name: _run_cli(bin_dir, compat_node, folder / side / name, name)
            for name in CLI_SCENARIOS
        }
        for side, bin_dir in (
            ("reference", reference_env.python.parent),
            ("ours", OUR_BIN),
        )
    }


# -- the count, in the terminal summary --------------------------------------------------------

OUTCOMES: dict[str, str] = {}
"""scenario -> match / deliberate / broken / pending (filled by the differential tests)."""


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not OUTCOMES:
        return
    counts: dict[str, int] = {}
    for outcome in OUTCOMES.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    shown = ", ".join(
        f"{counts.get(k, 0)} {k}" for k in ("match", "deliberate", "broken", "pending")
    )
    terminalreporter.write_line(
        f"differential vs dnastack-client-library {REFERENCE_VERSION}: "
        f"{len(OUTCOMES)} scenarios: {shown}"
    )
