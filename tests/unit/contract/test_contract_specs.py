"""Which OpenAPI document the runner uses, and the package's public surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dnastack.contract as contract
from dnastack.contract.errors import ContractUsageError
from dnastack.contract.specs import API_NAMES, api_spec, resolve_spec
from dnastack.exceptions import ConfigurationError

REPO = Path(__file__).resolve().parents[3]


def test_every_api_resolves_to_our_spec_in_a_checkout() -> None:
    assert API_NAMES == (
        "drs",
        "data-connect",
        "service-registry",
        "service-info",
        "collections",
        "explorer",
    )
    for api in API_NAMES:
        assert resolve_spec(api) == REPO / "specs" / f"{api}.yaml"


def test_an_explicit_spec_path_wins(tmp_path: Path) -> None:
    spec = tmp_path / "mine.yaml"
    spec.write_text("openapi: 3.0.3\n")
    assert resolve_spec("drs", spec) == spec


def test_installed_sdk_falls_back_to_the_spec_shipped_in_the_generated_package(
    tmp_path: Path,
) -> None:
    shipped = REPO / "generated" / api_spec("drs").package / "openapi.yaml"
    if not shipped.is_file():
        pytest.skip("generated/ga4gh_drs has no openapi.yaml yet")
    resolved = resolve_spec("drs", repo_specs=tmp_path)
    assert resolved.read_bytes() == shipped.read_bytes()


def test_missing_spec_and_unknown_api_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(ContractUsageError, match="spec file not found"):
        resolve_spec("drs", tmp_path / "absent.yaml")
    with pytest.raises(ContractUsageError, match="unknown API 'nope'"):
        resolve_spec("nope")
    assert issubclass(ContractUsageError, ConfigurationError)


def test_exported_names_are_the_documented_ones_and_all_resolve() -> None:
    assert sorted(contract.__all__) == sorted(
        [
            "API_NAMES",
            "DEFAULT_CHECKS",
            "THOROUGH_CHECKS",
            "ContractReport",
            "ContractUsageError",
            "OperationResult",
            "Outcome",
            "RequestInfo",
            "Violation",
            "format_report",
            "junit_xml",
            "run_contract",
        ]
    )
    for name in contract.__all__:
        assert getattr(contract, name) is not None
    assert "response_schema_conformance" in contract.DEFAULT_CHECKS
    assert set(contract.DEFAULT_CHECKS) < set(contract.THOROUGH_CHECKS)


def test_importing_the_package_does_not_load_schemathesis() -> None:
    code = "import sys, dnastack.contract; print('schemathesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
