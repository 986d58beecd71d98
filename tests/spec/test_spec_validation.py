"""Every document in ``specs/`` is valid OpenAPI 3.0.3 and follows the house rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.spec import spec_rules
from tests.spec.spec_files import api_spec_paths, load_yaml

SPEC_PATHS = api_spec_paths()
EXPECTED_SPECS = {
    "collections",
    "data-connect",
    "drs",
    "explorer",
    "service-info",
    "service-registry",
}


@pytest.fixture(params=SPEC_PATHS, ids=[p.stem for p in SPEC_PATHS])
def spec_path(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture
def spec(spec_path: Path) -> Any:
    return load_yaml(spec_path)


def test_every_api_named_in_contributing_has_a_spec() -> None:
    assert {p.stem for p in SPEC_PATHS} >= EXPECTED_SPECS


def test_spec_is_valid_openapi(spec: Any, spec_path: Path) -> None:
    validate(spec, base_uri=spec_path.as_uri())


def test_spec_declares_openapi_3_0_3(spec: Any) -> None:
    assert spec["openapi"] == "3.0.3"


def test_spec_declares_servers(spec: Any) -> None:
    assert spec_rules.server_problems(spec) == []


def test_every_operation_has_a_unique_operation_id(spec: Any) -> None:
    assert spec_rules.operation_id_problems(spec) == []


def test_every_body_schema_is_a_named_component(spec: Any) -> None:
    assert spec_rules.body_schema_problems(spec) == []


def test_no_allof_wrapper_only_annotates_a_ref(spec: Any) -> None:
    assert spec_rules.allof_wrapper_problems(spec) == []


def test_every_named_object_schema_has_an_example(spec: Any) -> None:
    assert spec_rules.missing_example_problems(spec) == []


def test_every_example_matches_its_schema(spec: Any) -> None:
    assert spec_rules.example_problems(spec) == []
