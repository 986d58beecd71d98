"""Case building: known values reach the path, writes never touch pre-existing resources."""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.core.result import Ok

from dnastack.contract.cases import DEFAULT_BUDGET, THOROUGH_BUDGET, Budget, CasePlan, build_cases
from dnastack.contract.knowledge import SeedRequest

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "servers": [{"url": "http://127.0.0.1:9/base"}],
    "paths": {
        "/things/{thing_id}": {
            "parameters": [
                {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "parameters": [
                    {
                        "name": "verbose",
                        "in": "query",
                        "schema": {"type": "boolean"},
                        "example": True,
                    }
                ],
                "responses": {"200": {"description": "ok"}},
            },
            "delete": {"responses": {"204": {"description": "gone"}}},
        },
        "/search": {
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
}


def _operation(label: str) -> Any:
    schema = schemathesis.openapi.from_dict(SPEC)
    for result in schema.get_all_operations():
        assert isinstance(result, Ok)
        operation = result.ok()
        if operation.label == label:
            return operation
    raise KeyError(label)


def _plan(**overrides: Any) -> CasePlan:
    values: dict[str, Any] = {
        "seeds": [],
        "combos": [],
        "protected": {},
        "budget": DEFAULT_BUDGET,
        "seed": 1,
    }
    values.update(overrides)
    return CasePlan(**values)


def test_known_values_are_sent_percent_encoded_alongside_fuzzed_ones() -> None:
    cases, notes = build_cases(
        _operation("GET /things/{thing_id}"),
        _plan(combos=[{"thing_id": "a b/c"}, {"thing_id": "t2"}]),
    )
    assert notes == []
    paths = [case.formatted_path for case in cases]
    assert paths[0] == "/things/a%20b%2Fc"
    assert "/things/t2" in paths
    assert cases[0].query == {"verbose": "true"}  # the spec's example is the template
    fuzzed = [p for p in paths if p not in ("/things/a%20b%2Fc", "/things/t2")]
    assert fuzzed, "random values are fuzzed too"
    assert len(cases) <= DEFAULT_BUDGET.known + DEFAULT_BUDGET.examples + DEFAULT_BUDGET.fuzz


def test_seeds_come_first_with_their_json_body() -> None:
    seed = SeedRequest("POST /search", body={"query": "SELECT 1"})
    cases, _ = build_cases(_operation("POST /search"), _plan(seeds=[seed]))
    assert cases[0].body == {"query": "SELECT 1"}
    assert cases[0].media_type == "application/json"
    assert len({repr(c.body) for c in cases}) == len(cases), "no duplicate requests"


def test_write_operations_never_target_protected_values() -> None:
    budget = Budget(examples=5, known=10, fuzz=30, negative=0, coverage=0, combos=4)
    operation = _operation("DELETE /things/{thing_id}")
    cases, _ = build_cases(
        operation,
        _plan(combos=[{"thing_id": "mine"}], protected={"thing_id": {"existing"}}, budget=budget),
    )
    assert cases[0].path_parameters == {"thing_id": "mine"}
    assert all(case.path_parameters.get("thing_id") != "existing" for case in cases)


def test_generation_is_reproducible_for_a_seed() -> None:
    operation = _operation("GET /things/{thing_id}")
    first, _ = build_cases(operation, _plan(seed=5))
    again, _ = build_cases(operation, _plan(seed=5))
    assert [c.formatted_path for c in first] == [c.formatted_path for c in again]


def test_thorough_budget_adds_coverage_and_negative_cases() -> None:
    operation = _operation("GET /things/{thing_id}")
    default, _ = build_cases(operation, _plan())
    thorough, notes = build_cases(operation, _plan(budget=THOROUGH_BUDGET))
    assert notes == []
    assert len(thorough) > len(default)
    assert any(
        case.meta is not None and not case.meta.generation.mode.is_positive for case in thorough
    )


def test_max_examples_sets_the_fuzz_budget() -> None:
    assert DEFAULT_BUDGET.with_fuzz(3).fuzz == 3
    assert DEFAULT_BUDGET.with_fuzz(3).negative == 0
    assert THOROUGH_BUDGET.with_fuzz(8).negative == 4
    assert DEFAULT_BUDGET.with_fuzz(None) is DEFAULT_BUDGET
