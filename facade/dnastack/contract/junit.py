"""JUnit XML for a contract run: one testcase per operation, one failure per violation.

An UNTESTED operation is a ``<skipped>`` testcase, or a ``<failure type="untested">`` when the
run is strict, so CI dashboards show it either way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from dnastack.contract.report import (
    ContractReport,
    OperationResult,
    Outcome,
    Violation,
    format_statuses,
    scrub,
)

__all__ = ["junit_xml", "write_junit"]

UNTESTED_MESSAGE = "UNTESTED: no request got a 2xx response; success responses were not checked"


def junit_xml(report: ContractReport, *, strict: bool = False) -> str:
    """The JUnit XML document for ``report`` (UTF-8 text with an XML declaration)."""
    suite_name = f"dnastack.contract.{report.api}"
    failures = sum(len(op.violations) for op in report.operations)
    skipped = 0
    if strict:
        failures += len(report.untested)
    else:
        skipped = len(report.untested)
    root = ET.Element(
        "testsuites",
        name="dnastack.contract",
        tests=str(len(report.operations)),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
        time=f"{report.seconds:.3f}",
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name=suite_name,
        tests=str(len(report.operations)),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
        time=f"{report.seconds:.3f}",
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("api", report.api),
        ("base_url", report.base_url),
        ("spec", report.spec_path),
        ("mode", "thorough" if report.thorough else "default"),
        ("seed", str(report.seed)),
        ("checks", ",".join(report.checks)),
    ):
        ET.SubElement(properties, "property", name=name, value=scrub(value))
    for operation in report.operations:
        _add_testcase(suite, suite_name, operation, strict=strict)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_junit(report: ContractReport, path: str | Path, *, strict: bool = False) -> Path:
    """Write :func:`junit_xml` to ``path`` (parent folders are created)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(junit_xml(report, strict=strict), encoding="utf-8")
    return target


def _add_testcase(
    suite: ET.Element, classname: str, operation: OperationResult, *, strict: bool
) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=classname,
        name=operation.operation,
        time=f"{operation.seconds:.3f}",
    )
    for violation in operation.violations:
        failure = ET.SubElement(
            case,
            "failure",
            type=violation.check,
            message=scrub(f"{violation.check}: {violation.title}"),
        )
        failure.text = _violation_text(violation)
    if operation.outcome is Outcome.UNTESTED:
        tag = "failure" if strict else "skipped"
        attrs = {"message": UNTESTED_MESSAGE}
        if strict:
            attrs["type"] = "untested"
        ET.SubElement(case, tag, attrs)
    out = ET.SubElement(case, "system-out")
    out.text = f"cases: {operation.cases}; statuses: {format_statuses(operation.status_counts)}"
    if operation.notes:
        out.text += "\n" + "\n".join(f"note: {note}" for note in operation.notes)


def _violation_text(violation: Violation) -> str:
    request = violation.request
    lines = [
        f"request: {request.method} {request.url}",
        f"request body: {request.body_excerpt or '-'}",
        f"response: {violation.status_code} {violation.response_excerpt or ''}".rstrip(),
        f"occurrences: {violation.occurrences}",
        "",
        violation.message,
    ]
    return scrub("\n".join(lines))
