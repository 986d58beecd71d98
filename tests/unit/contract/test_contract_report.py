"""Report verdicts, text rendering, JUnit XML shape and redaction of credentials."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dnastack.contract.checks import secret_header_values
from dnastack.contract.junit import junit_xml, write_junit
from dnastack.contract.report import (
    ContractReport,
    OperationResult,
    Outcome,
    RequestInfo,
    Violation,
    excerpt,
    format_report,
    format_statuses,
    scrub,
)

TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-payload.sig"


def _violation(
    check: str = "response_schema_conformance", message: str = "'checksums' is required"
) -> Violation:
    return Violation(
        operation="GET /objects/{object_id}",
        check=check,
        title="Response violates schema",
        message=message,
        request=RequestInfo("GET", "http://h/ga4gh/drs/v1/objects/o1", None),
        status_code=200,
        response_excerpt='application/json {"id": "o1"}',
    )


def _report() -> ContractReport:
    passed = OperationResult("GET /service-info", "GetServiceInfo", cases=1, status_counts={200: 1})
    failed = OperationResult(
        "GET /objects/{object_id}", "GetObject", cases=4, status_counts={200: 1, 404: 3}
    )
    failed.add_violation(_violation())
    failed.add_violation(_violation())
    untested = OperationResult("POST /objects", "GetBulkObjects", cases=3, status_counts={404: 3})
    return ContractReport(
        api="drs",
        base_url="http://h/ga4gh/drs/v1",
        spec_path="specs/drs.yaml",
        thorough=False,
        seed=42,
        checks=("not_a_server_error", "response_schema_conformance"),
        operations=[passed, failed, untested],
        discovered={"object_id": ["o1"]},
        seconds=1.25,
    )


def test_outcome_of_each_operation() -> None:
    report = _report()
    assert [op.outcome for op in report.operations] == [
        Outcome.PASSED,
        Outcome.FAILED,
        Outcome.UNTESTED,
    ]
    assert report.operation("POST /objects").reached_2xx is False
    with pytest.raises(KeyError):
        report.operation("GET /nope")


def test_identical_violations_are_merged_and_counted() -> None:
    report = _report()
    [violation] = report.violations
    assert violation.occurrences == 2


def test_exit_code_is_1_on_violations_and_untested_counts_only_when_strict() -> None:
    report = _report()
    assert report.exit_code() == 1
    report.operations[1].violations.clear()
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 1
    report.operations.pop()
    assert report.exit_code(strict=True) == 0


def test_text_report_has_the_summary_table_untested_list_and_every_violation() -> None:
    text = format_report(_report())
    rows = {
        line.split()[0] + " " + line.split()[1]: line
        for line in text.splitlines()
        if line.startswith(("GET ", "POST "))
    }
    assert rows["GET /service-info"].split()[2:6] == ["1", "yes", "0", "PASSED"]
    assert rows["GET /objects/{object_id}"].split()[2:7] == ["4", "yes", "1", "FAILED", "200x1"]
    assert rows["POST /objects"].split()[2:6] == ["3", "no", "0", "UNTESTED"]
    assert "UNTESTED (counts as a failure with --strict)" in text
    assert "  POST /objects  [404x3]" in text
    assert (
        "1. GET /objects/{object_id}: response_schema_conformance: Response violates schema (x2)"
        in text
    )
    assert "request:  GET http://h/ga4gh/drs/v1/objects/o1" in text
    assert 'response: 200 application/json {"id": "o1"}' in text
    assert "detail:   'checksums' is required" in text
    assert "known values: object_id (1)" in text
    assert (
        text.rstrip()
        .splitlines()[-1]
        .startswith("FAILED: 1 violation(s) in 1 of 3 operation(s); 1 untested; 8 cases")
    )


def test_statuses_and_excerpts() -> None:
    assert format_statuses({404: 7, 200: 3}) == "200x3 404x7"
    assert format_statuses({}) == "-"
    assert excerpt("a\n  b") == "a b"
    assert excerpt("x" * 10, limit=5) == "xxxx…"
    assert excerpt(None) is None


@pytest.mark.parametrize(
    "text",
    [
        f"Authorization: Bearer {TOKEN}",
        f"'Authorization': 'Bearer {TOKEN}'",
        f"curl -H 'authorization: {TOKEN}' http://h",
        f"sent bearer {TOKEN} to the server",
        "Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==",
    ],
)
def test_scrub_masks_credentials_wherever_they_appear(text: str) -> None:
    cleaned = scrub(text)
    assert TOKEN not in cleaned
    assert "dXNlcjpwYXNzd29yZA" not in cleaned
    assert "***" in cleaned


def test_scrub_masks_signatures_of_signed_urls_in_response_excerpts() -> None:
    text = scrub(
        '{"url": "https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIA1&X-Amz-Signature=abc123&a=1",'
        ' "other": "http://h/bytes/x?expires=1&signature=deadbeef"}'
    )
    assert "AKIA1" not in text and "abc123" not in text and "deadbeef" not in text
    assert "a=1" in text and "expires=1" in text


def test_scrub_masks_given_secret_values_and_leaves_plain_words() -> None:
    assert scrub("key abcd1234 used", ["abcd1234"]) == "key *** used"
    assert scrub("Basic authentication is not supported") == "Basic authentication is not supported"


def test_secret_header_values_cover_credential_headers_and_their_token_part() -> None:
    values = secret_header_values(
        {
            "Authorization": f"Bearer {TOKEN}",
            "X-API-Key": "k-12345",
            "Cookie": "s=abcdef",
            "Accept": "a/b",
        }
    )
    assert f"Bearer {TOKEN}" in values and TOKEN in values
    assert "k-12345" in values and "s=abcdef" in values
    assert "a/b" not in values


def test_report_never_prints_a_credential_that_reached_a_violation_message() -> None:
    report = _report()
    report.operations[1].violations[0].message = f"replay with Authorization: Bearer {TOKEN}"
    assert TOKEN not in format_report(report)
    assert TOKEN not in junit_xml(report)


def test_junit_has_one_testcase_per_operation_and_one_failure_per_violation(tmp_path: Path) -> None:
    path = write_junit(_report(), tmp_path / "nested" / "contract.xml")
    root = ET.parse(path).getroot()
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("skipped")) == (
        "dnastack.contract.drs",
        "3",
        "1",
        "1",
    )
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["GET /service-info", "GET /objects/{object_id}", "POST /objects"]
    assert cases["GET /service-info"].find("failure") is None
    [failure] = cases["GET /objects/{object_id}"].findall("failure")
    assert failure.get("type") == "response_schema_conformance"
    assert "request: GET http://h/ga4gh/drs/v1/objects/o1" in (failure.text or "")
    assert "occurrences: 2" in (failure.text or "")
    skipped = cases["POST /objects"].find("skipped")
    assert skipped is not None and "UNTESTED" in (skipped.get("message") or "")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["seed"] == "42" and properties["api"] == "drs"


def test_strict_junit_turns_untested_into_a_failure() -> None:
    root = ET.fromstring(junit_xml(_report(), strict=True))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "2" and suite.get("skipped") == "0"
    untested = next(c for c in suite.findall("testcase") if c.get("name") == "POST /objects")
    failure = untested.find("failure")
    assert failure is not None and failure.get("type") == "untested"
