"""The result of a contract run, and its text rendering.

A :class:`ContractReport` holds one :class:`OperationResult` per operation of the spec. An
operation is ``FAILED`` when any check found a violation, ``UNTESTED`` when no request ever got
a 2xx answer (so its success responses were never checked), and ``PASSED`` otherwise.

Exit status (:meth:`ContractReport.exit_code`): 1 when there is any violation; an UNTESTED
operation alone keeps the status 0 (it is listed prominently) unless ``strict`` is set, which
turns it into 1. Usage errors and an unreachable server are exit status 2 (see ``cli``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from dnastack.common.redact import REDACTED, redact_text, redact_url

__all__ = [
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VIOLATIONS",
    "ContractReport",
    "OperationResult",
    "Outcome",
    "RequestInfo",
    "Violation",
    "excerpt",
    "format_report",
    "format_statuses",
    "scrub",
]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2

EXCERPT_CHARS = 300
# "Authorization: Bearer x", "'authorization': 'x'", "authorization=x" anywhere in printed text
_HEADER_CREDENTIAL = re.compile(
    r"(?i)(['\"]?(?:proxy-)?authorization['\"]?\s*[:=]\s*['\"]?)"
    r"(?:(?:bearer|basic|token)\s+)?[^\s'\",}]+"
)
# a bare "Bearer eyJ..." / "Basic dXNlcjpwYXNz": tokens contain a digit or punctuation, words do not
_SCHEME_CREDENTIAL = re.compile(
    r"(?i)\b(bearer|basic)\s+(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/=])[A-Za-z0-9\-._~+/]{6,}=*"
)

# signed URLs in response excerpts (DRS access URLs): the signature is a credential
_SIGNED_QUERY = re.compile(
    r"(?i)([?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|"
    r"x-goog-credential|signature|sig|token|access_token|api_key|apikey|key)=)[^&\s\"'<>]+"
)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the given secret values and anything shaped like credentials masked.

    Masks: the ``secrets`` themselves, ``Authorization: ...`` values, bare ``Bearer``/``Basic``
    credentials, and signature/token query parameters of URLs.
    """
    text = redact_text(text, secrets)
    text = _HEADER_CREDENTIAL.sub(lambda m: m.group(1) + REDACTED, text)
    text = _SCHEME_CREDENTIAL.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    return _SIGNED_QUERY.sub(lambda m: m.group(1) + REDACTED, text)


def excerpt(text: str | None, limit: int = EXCERPT_CHARS) -> str | None:
    """The first ``limit`` characters of ``text`` on one line (``None`` stays ``None``)."""
    if text is None:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Outcome(StrEnum):
    """Verdict for one operation."""

    PASSED = "PASSED"
    FAILED = "FAILED"
    UNTESTED = "UNTESTED"


@dataclass(frozen=True)
class RequestInfo:
    """What was sent, as printed in a report: never headers, so never credentials."""

    method: str
    url: str
    body_excerpt: str | None = None


@dataclass
class Violation:
    """One distinct way a response broke the spec; ``occurrences`` counts repeats."""

    operation: str
    check: str
    title: str
    message: str
    request: RequestInfo
    status_code: int | None
    response_excerpt: str | None
    occurrences: int = 1

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity used to merge repeats of the same violation."""
        return (self.operation, self.check, self.title, self.message)


@dataclass
class OperationResult:
    """Everything the run learned about one operation."""

    operation: str
    operation_id: str | None = None
    cases: int = 0
    status_counts: dict[int, int] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def reached_2xx(self) -> bool:
        return any(200 <= status < 300 for status in self.status_counts)

    @property
    def outcome(self) -> Outcome:
        if self.violations:
            return Outcome.FAILED
        if not self.reached_2xx:
            return Outcome.UNTESTED
        return Outcome.PASSED

    def record_status(self, status: int) -> None:
        self.cases += 1
        self.status_counts[status] = self.status_counts.get(status, 0) + 1

    def add_violation(self, violation: Violation) -> None:
        """Add ``violation``, or count it again when an identical one is already there."""
        for known in self.violations:
            if known.key == violation.key:
                known.occurrences += 1
                return
        self.violations.append(violation)


@dataclass
class ContractReport:
    """The outcome of :func:`dnastack.contract.run_contract`."""

    api: str
    base_url: str
    spec_path: str
    thorough: bool
    seed: int
    checks: tuple[str, ...]
    operations: list[OperationResult] = field(default_factory=list)
    discovered: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    bounds: str = ""
    cut_short: list[str] = field(default_factory=list)
    """Walks a bound stopped before the end (pages, ids, bytes, time, downloads)."""

    @property
    def violations(self) -> list[Violation]:
        return [v for op in self.operations for v in op.violations]

    @property
    def untested(self) -> list[OperationResult]:
        return [op for op in self.operations if op.outcome is Outcome.UNTESTED]

    @property
    def cases(self) -> int:
        return sum(op.cases for op in self.operations)

    @property
    def passed(self) -> bool:
        """No violation (UNTESTED operations do not count against it; see ``exit_code``)."""
        return not self.violations

    def operation(self, label: str) -> OperationResult:
        """The result for ``label`` (``"GET /objects/{object_id}"``)."""
        for op in self.operations:
            if op.operation == label:
                return op
        raise KeyError(label)

    def exit_code(self, *, strict: bool = False) -> int:
        """1 on any violation (or, with ``strict``, any UNTESTED operation), else 0."""
        if self.violations or (strict and self.untested):
            return EXIT_VIOLATIONS
        return EXIT_OK


def format_statuses(counts: dict[int, int]) -> str:
    """``{404: 7, 200: 3}`` -> ``"200x3 404x7"``."""
    return " ".join(f"{status}x{n}" for status, n in sorted(counts.items())) or "-"


def format_report(report: ContractReport, *, strict: bool = False) -> str:
    """The human-readable report: summary table, UNTESTED list, every violation, verdict."""
    mode = "thorough" if report.thorough else "default"
    lines = [
        f"Contract test of {report.api} at {redact_url(report.base_url)}",
        f"spec {report.spec_path} | mode {mode} | seed {report.seed}",
        f"checks: {', '.join(report.checks)}",
    ]
    if report.discovered:
        found = ", ".join(
            f"{name} ({len(vals)})" for name, vals in sorted(report.discovered.items())
        )
        lines.append(f"known values: {found}")
    if report.bounds:
        lines.append(f"bounds: {report.bounds}")
    lines.extend(f"note: {note}" for note in report.notes)
    lines.extend(f"cut short: {cut}" for cut in report.cut_short)
    lines.append("")
    lines.extend(_summary_table(report.operations))
    untested = report.untested
    if untested:
        label = "UNTESTED (counts as a failure with --strict)" if not strict else "UNTESTED"
        lines += [
            "",
            f"{label}: no request got a 2xx response, so success responses were not checked.",
        ]
        lines.append("Pass known values with --param NAME=VALUE (repeatable).")
        lines.extend(f"  {op.operation}  [{format_statuses(op.status_counts)}]" for op in untested)
    violations = report.violations
    if violations:
        lines += ["", f"VIOLATIONS ({len(violations)}):"]
        for number, violation in enumerate(violations, 1):
            lines.extend(_violation_lines(number, violation))
    lines += ["", _verdict(report, strict=strict)]
    return scrub("\n".join(lines)) + "\n"


def _summary_table(operations: list[OperationResult]) -> list[str]:
    width = max([len("OPERATION"), *(len(op.operation) for op in operations)])
    header = (
        f"{'OPERATION':<{width}}  {'CASES':>5}  {'2XX':<3}  {'VIOL':>4}  {'RESULT':<8}  STATUSES"
    )
    rows = [header]
    for op in operations:
        rows.append(
            f"{op.operation:<{width}}  {op.cases:>5}  {'yes' if op.reached_2xx else 'no':<3}  "
            f"{len(op.violations):>4}  {op.outcome.value:<8}  {format_statuses(op.status_counts)}"
        )
        rows.extend(f"{'':<{width}}  note: {note}" for note in op.notes)
    return rows


def _violation_lines(number: int, violation: Violation) -> list[str]:
    repeat = f" (x{violation.occurrences})" if violation.occurrences > 1 else ""
    request = violation.request
    lines = [
        f"{number}. {violation.operation}: {violation.check}: {violation.title}{repeat}",
        f"   request:  {request.method} {request.url}",
    ]
    if request.body_excerpt:
        lines.append(f"   body:     {request.body_excerpt}")
    status = violation.status_code if violation.status_code is not None else "no response"
    lines.append(f"   response: {status} {violation.response_excerpt or ''}".rstrip())
    if violation.message:
        detail = violation.message.strip().splitlines()
        lines.append(f"   detail:   {detail[0]}")
        lines.extend(f"             {line}" for line in detail[1:12])
        if len(detail) > 12:
            lines.append("             ...")
    return lines


def _verdict(report: ContractReport, *, strict: bool) -> str:
    ops = report.operations
    failed = sum(1 for op in ops if op.outcome is Outcome.FAILED)
    untested = len(report.untested)
    verdict = "FAILED" if report.exit_code(strict=strict) else "PASSED"
    cut = f"; {len(report.cut_short)} walk(s) cut short by a bound" if report.cut_short else ""
    return (
        f"{verdict}: {len(report.violations)} violation(s) in {failed} of {len(ops)} operation(s); "
        f"{untested} untested; {report.cases} cases in {report.seconds:.1f} s{cut}"
    )
