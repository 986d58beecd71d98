"""Pure parts of the runner's own checks: data models, rows, self_uri, versions, false alarms."""

from __future__ import annotations

import pytest

from dnastack.contract.consistency import type_problems
from dnastack.contract.data_model import model_problems, row_problems
from dnastack.contract.drs_checks import self_uri_problem
from dnastack.contract.runner import _invalid_header_names

MODEL = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string", "format": "varchar"}},
}


def test_a_sql_type_name_in_a_data_model_is_a_problem() -> None:
    broken = {"type": "object", "properties": {"name": {"type": "varchar"}}}
    assert model_problems(MODEL) == []
    (problem,) = model_problems(broken)
    assert "'varchar' is not a JSON Schema type" in problem
    assert model_problems([1]) == ["data_model is not a JSON object: list"]


def test_rows_are_checked_against_the_model_with_sql_null_allowed() -> None:
    wrong, undeclared = row_problems(
        [{"id": 1, "name": None}, {"id": "2", "name": "b"}, {"id": 3, "extra": True}], MODEL
    )
    assert len(wrong) == 1 and wrong[0].startswith('row 1: /id: "2" is not of type')
    assert undeclared == ["row 2: column(s) extra not in data_model"]


def test_a_model_that_allows_extra_columns_has_no_undeclared_ones() -> None:
    model = {**MODEL, "additionalProperties": True}
    assert row_problems([{"id": 1, "extra": 2}], model) == ([], [])


@pytest.mark.parametrize(
    ("self_uri", "problem"),
    [
        ("drs://127.0.0.1:8080/abc", None),
        ("drs://127.0.0.1:8080/a%2Fb", "names object 'a/b'"),
        ("drs://elsewhere.example/abc", "names host 'elsewhere.example'"),
        ("drs://127.0.0.1:8080/other", "names object 'other'"),
        ("https://127.0.0.1:8080/abc", "is not a drs:// URI"),
        ("drs://prefix:abc", None),
        ("drs://prefix:zzz", "does not name object 'abc'"),
    ],
)
def test_self_uri_must_name_the_object_on_this_host(self_uri: str, problem: str | None) -> None:
    found = self_uri_problem(self_uri, "abc", "http://127.0.0.1:8080/ga4gh/drs/v1")
    assert (found is None) if problem is None else (problem in (found or ""))


def test_self_uri_of_a_default_port_server() -> None:
    assert self_uri_problem("drs://drs.example.org/abc", "abc", "https://drs.example.org") is None


@pytest.mark.parametrize("version", ["1.0.0", "1.5", "2.0.0-beta.1", "10.2.3+build"])
def test_versions_are_versions(version: str) -> None:
    assert type_problems({"id": "x", "type": {"version": version}}) is None


@pytest.mark.parametrize("version", ["latest", "", "v", None, "1..0"])
def test_anything_else_is_not_a_version(version: object) -> None:
    assert "is not a version" in (type_problems({"id": "x", "type": {"version": version}}) or "")


def test_only_a_missing_credential_header_is_told_apart() -> None:
    only_auth = (
        "Invalid data should have been rejected\nExpected: 400\n"
        "Invalid component: parameter `Authorization` in header - violates `required`"
    )
    with_body = only_auth + "\nin body - passports: Incorrect type"
    assert _invalid_header_names(Exception(only_auth)) == {"Authorization"}
    assert _invalid_header_names(Exception(with_body)) == set()
    assert _invalid_header_names(Exception("Invalid component: in body - x")) == set()
