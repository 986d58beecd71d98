"""Run schemathesis with our spec for one API against a live server: :func:`run_contract`.

Steps: resolve the spec; check that the server answers at all; discover real identifiers
(see ``discovery``); then, operation by operation (reads first, then creations, deletions
last), build a bounded list of cases (see ``cases``), send each one, learn from the answer
and run every selected check on it. Every distinct violation is kept with the request that
showed it; request headers are never kept, and the values of secret headers are masked in
every string that goes into the report.

Why not ``schemathesis run``'s engine: it does not take per-parameter known values, and it
does not say per operation whether a success response was ever reached. The cases are still
schemathesis' own (examples, hypothesis-driven fuzzing, coverage) and so are the checks.
"""

from __future__ import annotations

import re
import secrets as secrets_module
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import requests
import schemathesis
from schemathesis import CheckFunction
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.schemas import BaseSchema

from dnastack.common.redact import redact_url
from dnastack.contract.bounds import WalkBounds
from dnastack.contract.cases import (
    DEFAULT_BUDGET,
    THOROUGH_BUDGET,
    AnyCase,
    AnyOperation,
    CasePlan,
    build_cases,
    path_names,
)
from dnastack.contract.checks import (
    CREDENTIAL_CHECKS,
    DEFAULT_CHECKS,
    RUNNER_CHECKS,
    THOROUGH_CHECKS,
    check_functions,
    secret_header_values,
    select_checks,
)
from dnastack.contract.consistency import run_api_checks
from dnastack.contract.deep import DeepContext
from dnastack.contract.discovery import ApiDiscovery, discovery_for
from dnastack.contract.errors import ContractUsageError
from dnastack.contract.junit import write_junit
from dnastack.contract.knowledge import Knowledge, is_write_operation
from dnastack.contract.report import (
    ContractReport,
    OperationResult,
    RequestInfo,
    Violation,
    excerpt,
    scrub,
)
from dnastack.contract.server import HttpFetcher, normalise_base_url, probe
from dnastack.contract.spec_document import SpecDocument
from dnastack.contract.specs import resolve_spec
from dnastack.settings import resolve_settings

__all__ = [
    "CREDENTIAL_CHECKS",
    "DEFAULT_CHECKS",
    "THOROUGH_CHECKS",
    "run_contract",
]

REQUEST_TIMEOUT_SECONDS = 15.0
MAX_CONSECUTIVE_NETWORK_ERRORS = 3
_METHOD_ORDER = {"GET": 0, "HEAD": 0, "OPTIONS": 0, "POST": 1, "PUT": 2, "PATCH": 2, "DELETE": 3}
_HEADER_PARAMETER = re.compile(r"^parameters? `([^`]+)` in header\b")
_UNDECLARED_METHOD_CHECKS = frozenset({"not_a_server_error", "unsupported_method"})


def _load_schema(spec: Path, base_url: str) -> BaseSchema:
    try:
        schema = schemathesis.openapi.from_path(str(spec))
        schema.config.update(base_url=base_url, request_timeout=REQUEST_TIMEOUT_SECONDS)
    except Exception as exc:
        raise ContractUsageError(f"cannot load {spec}: {type(exc).__name__}: {exc}") from exc
    return schema


def _operations(schema: BaseSchema, notes: list[str]) -> list[AnyOperation]:
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:
            notes.append(f"operation skipped, the spec could not be read: {result.err()}"[:300])

    def order(op: AnyOperation) -> tuple[int, int, str]:
        method = op.method.upper()
        rank = _METHOD_ORDER.get(method, 1)
        depth = len(op.path) if method != "DELETE" else -len(op.path)
        return (rank, depth, op.label)

    return sorted(operations, key=order)


def _body_text(case: AnyCase, response: Response | None) -> str | None:
    if response is not None and response.request.body:
        body = response.request.body
        return body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    if case.body is NOT_SET:
        return None
    return repr(case.body)


def _request_info(case: AnyCase, response: Response | None, base_url: str) -> RequestInfo:
    url = response.request.url if response is not None else base_url + case.formatted_path
    return RequestInfo(
        method=case.method.upper(),
        url=redact_url(str(url)),
        body_excerpt=excerpt(_body_text(case, response)),
    )


def _response_excerpt(response: Response) -> str | None:
    kind = next(
        (
            values[0]
            for name, values in response.headers.items()
            if name.lower() == "content-type" and values
        ),
        "",
    )
    text = excerpt(response.text_lossy())
    return f"{kind} {text or ''}".strip() or None


def _json_payload(response: Response) -> Any:
    try:
        return response.json()
    except Exception:  # noqa: BLE001 - not JSON is a normal outcome here
        return None


def _invalid_header_names(failure: BaseException) -> set[str]:
    """Names of the headers a negative case made invalid, when only headers were (else empty)."""
    message = failure.message if isinstance(failure, Failure) else str(failure)
    if "Invalid component:" not in message:
        return set()
    lines = [line.strip() for line in message.split("Invalid component:", 1)[1].splitlines()]
    names: set[str] = set()
    for line in filter(None, lines):
        match = _HEADER_PARAMETER.match(line)
        if match is None:
            return set()
        names.add(match.group(1))
    return names


class _Run:
    """State of one contract run (one API, one server)."""

    def __init__(
        self,
        *,
        schema: BaseSchema,
        spec: SpecDocument,
        base_url: str,
        headers: Mapping[str, str],
        checks: list[CheckFunction],
        enabled: frozenset[str],
        discovery: ApiDiscovery,
        knowledge: Knowledge,
        fetcher: HttpFetcher,
        thorough: bool,
        max_examples: int | None,
        seed: int,
    ) -> None:
        self.schema = schema
        self.spec = spec
        self.enabled = enabled
        self.credential_headers = spec.credential_header_names()
        self.base_url = base_url
        self.headers = dict(headers)
        self.secrets = secret_header_values(headers)
        self.checks = checks
        self.discovery = discovery
        self.knowledge = knowledge
        self.fetcher = fetcher
        self.budget = (THOROUGH_BUDGET if thorough else DEFAULT_BUDGET).with_fuzz(max_examples)
        self.seed = seed
        self.session = requests.Session()
        self.network_errors = 0
        self.gone: str | None = None

    def operation(self, operation: AnyOperation) -> OperationResult:
        label = operation.label
        result = OperationResult(
            operation=label, operation_id=operation.definition.raw.get("operationId")
        )
        started = time.monotonic()
        write = is_write_operation(label)
        names = path_names(operation)
        plan = CasePlan(
            seeds=self.discovery.seeds(label, self.fetcher, self.knowledge),
            combos=self.knowledge.combos_for(names, write=write, limit=self.budget.combos),
            protected={name: self.knowledge.protected(name) for name in names} if write else {},
            budget=self.budget,
            seed=self.seed,
        )
        cases, notes = build_cases(operation, plan)
        result.notes.extend(scrub(note, self.secrets) for note in notes)
        for case in cases:
            self._send(case, result)
            if self.gone is not None:
                break
        result.seconds = time.monotonic() - started
        return result

    def _send(self, case: AnyCase, result: OperationResult) -> None:
        try:
            response = case.call(session=self.session, headers=self.headers)
        except requests.RequestException as exc:
            self.network_errors += 1
            result.add_violation(
                self._violation(case, None, "network_error", type(exc).__name__, str(exc))
            )
            if self.network_errors >= MAX_CONSECUTIVE_NETWORK_ERRORS:
                self.gone = f"{type(exc).__name__} on {case.operation.label}"
            return
        self.network_errors = 0
        result.record_status(response.status_code)
        path_values = {k: unquote(v) for k, v in case.path_parameters.items() if isinstance(v, str)}
        self.discovery.observe(
            case.operation.label,
            path_values,
            response.status_code,
            _json_payload(response),
            self.knowledge,
        )
        for check in self.checks:
            try:
                case.validate_response(
                    response,
                    checks=[check],
                    headers=self.headers,
                    transport_kwargs={"headers": self.headers, "session": self.session},
                )
            except FailureGroup as group:
                for failure in group.exceptions:
                    self._add_failure(result, case, response, check.__name__, failure)
            except Failure as failure:
                self._add_failure(result, case, response, check.__name__, failure)
            except Exception as exc:  # noqa: BLE001 - a crashing check is reported, not fatal
                note = f"check {check.__name__} could not run: {type(exc).__name__}: {exc}"
                if note not in result.notes:
                    result.notes.append(scrub(note[:300], self.secrets))
        if "format_conformance" in self.enabled and case.method.upper() != "HEAD":
            self._check_formats(case, response, result)

    def _check_formats(self, case: AnyCase, response: Response, result: OperationResult) -> None:
        """``format`` of every value the documented schema gives one (Draft 4 ignores it)."""
        schema = self.spec.response_schema(case.method, case.operation.path, response.status_code)
        payload = _json_payload(response) if schema is not None else None
        if schema is None or payload is None:
            return
        problems = self.spec.check(payload, schema)
        if problems.formats:
            message = "\n".join(problems.formats)
            result.add_violation(
                self._violation(
                    case,
                    response,
                    "format_conformance",
                    "Response value does not match its format",
                    message,
                )
            )

    def _public_discovery(self, case: AnyCase) -> bool:
        """service-info, and a Service Registry's listings: how clients learn to log in."""
        if case.operation.path.endswith("/service-info"):
            return True
        return self.spec.is_registry() and case.method.upper() == "GET"

    def _false_alarm(
        self, case: AnyCase, response: Response, check: str, failure: BaseException
    ) -> bool:
        """Failures that are right behaviour: 501 to an unknown method (RFC 9110), a public
        service-info, a request without credentials that an open server accepts."""
        method = case.method.upper()
        if (
            check in _UNDECLARED_METHOD_CHECKS
            and response.status_code == 501
            and method not in self.spec.methods(case.operation.path)
        ):
            return True  # RFC 9110 15.6.2: 501 for a method the server does not recognise
        if check == "ignored_auth" and self._public_discovery(case):
            return True  # GA4GH discovery is public on secured servers too
        if check == "negative_data_rejection":
            named = {name.lower() for name in _invalid_header_names(failure)}
            # an open server may accept a request without credentials (DRS passports travel
            # in the body): a missing Authorization header is not schema-violating data
            return bool(named) and named <= self.credential_headers
        return False

    def _add_failure(
        self,
        result: OperationResult,
        case: AnyCase,
        response: Response,
        check: str,
        failure: BaseException,
    ) -> None:
        if self._false_alarm(case, response, check, failure):
            return
        if isinstance(failure, Failure):
            title, message = failure.title, failure.message
        else:
            title, message = type(failure).__name__, str(failure)
        result.add_violation(self._violation(case, response, check, title, message))

    def _violation(
        self, case: AnyCase, response: Response | None, check: str, title: str, message: str
    ) -> Violation:
        request = _request_info(case, response, self.base_url)
        return Violation(
            operation=case.operation.label,
            check=check,
            title=scrub(title, self.secrets),
            message=scrub(message, self.secrets),
            request=RequestInfo(
                method=request.method,
                url=scrub(request.url, self.secrets),
                body_excerpt=scrub(request.body_excerpt, self.secrets)
                if request.body_excerpt
                else None,
            ),
            status_code=response.status_code if response is not None else None,
            response_excerpt=scrub(_response_excerpt(response) or "", self.secrets) or None
            if response is not None
            else None,
        )

    def close(self) -> None:
        self.session.close()


def _run_own_checks(
    api: str,
    client: httpx.Client,
    base_url: str,
    spec: SpecDocument,
    bounds: WalkBounds,
    run: _Run,
    report: ContractReport,
    given: Mapping[str, Sequence[str]],
) -> None:
    """The runner's own checks (walks, listed ids, consistency, bytes) after the cases.

    ``given`` are the values passed with ``--param``: what the server lists (tables,
    services, bundle members...) the checks find themselves, so a listed id that does not
    resolve is told apart from a wrong ``--param``.
    """

    def add(violation: Violation) -> None:
        try:
            result = report.operation(violation.operation)
        except KeyError:
            result = OperationResult(operation=violation.operation)
            report.operations.append(result)
        result.add_violation(violation)

    context = DeepContext(
        client=client,
        base_url=base_url,
        spec=spec,
        bounds=bounds,
        enabled=run.enabled,
        secrets=run.secrets,
        run_headers=dict(run.headers),
        add=add,
    )
    run_api_checks(api, context, given)
    report.notes.extend(context.notes)
    report.cut_short.extend(context.cut_short)


def _params_mapping(params: Mapping[str, str | Sequence[str]] | None) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for name, value in (params or {}).items():
        values: Iterable[str] = [value] if isinstance(value, str) else value
        merged.setdefault(name, []).extend(values)
    return merged


def run_contract(
    api: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str | Sequence[str]] | None = None,
    thorough: bool = False,
    junit_path: str | Path | None = None,
    spec_path: str | Path | None = None,
    max_examples: int | None = None,
    seed: int | None = None,
    checks: Sequence[str] | None = None,
    strict: bool = False,
    bounds: WalkBounds | None = None,
) -> ContractReport:
    """Test the server at ``url`` against our OpenAPI document for ``api``.

    Args:
        api: one of :data:`dnastack.contract.API_NAMES` (``"drs"``, ``"data-connect"``...).
        url: the API's base URL; it replaces the spec's server URL, base path included
            (``http://127.0.0.1:8080/ga4gh/drs/v1``).
        headers: sent with every request (``{"Authorization": "Bearer ..."}``); the values of
            credential headers never appear in the report.
        params: known values per path parameter (``{"object_id": ["a", "b"]}``), used besides
            the values discovered on the server.
        thorough: more cases, the coverage phase, negative data and more checks.
        junit_path: also write JUnit XML there.
        spec_path: test against this document instead of ours.
        max_examples: fuzzed cases per operation (default 10, thorough 40).
        seed: makes case generation reproducible; a random one is chosen (and reported)
            when omitted.
        checks: schemathesis check names replacing the mode's default set.
        strict: JUnit marks UNTESTED operations as failures (see ``ContractReport.exit_code``).
        bounds: limits of the runner's walks (pages, listed ids, bytes, time, downloads);
            when omitted, the ``contract_*`` settings (environment, configuration file,
            defaults: :data:`~dnastack.contract.bounds.DEFAULT_BOUNDS`).

    Returns:
        The report; ``report.exit_code()`` is what the command line exits with.

    Raises:
        ContractUsageError: unknown API or check, bad URL, spec not found or unreadable.
        TransportError: nothing answers at ``url``.
    """
    started = time.monotonic()
    base_url = normalise_base_url(url)
    spec = resolve_spec(api, spec_path)
    sent_headers = dict(headers or {})
    check_names = select_checks(checks, thorough=thorough, headers=sent_headers)
    selected = check_functions(check_names)
    if max_examples is not None and max_examples < 1:
        raise ContractUsageError("max_examples must be at least 1")
    run_seed = seed if seed is not None else secrets_module.randbelow(2**31)
    walk_bounds = bounds or WalkBounds.from_settings(resolve_settings())
    report = ContractReport(
        api=api,
        base_url=base_url,
        spec_path=str(spec),
        thorough=thorough,
        seed=run_seed,
        checks=check_names,
        bounds=walk_bounds.describe(),
    )
    schema = _load_schema(spec, base_url)
    spec_document = SpecDocument.from_path(spec)
    with httpx.Client(headers=sent_headers, timeout=REQUEST_TIMEOUT_SECONDS) as client:
        probe(client, base_url)
        fetcher = HttpFetcher(client, base_url)
        knowledge = Knowledge.from_params(_params_mapping(params))
        discovery = discovery_for(api)
        discovery.discover(fetcher, knowledge)
        run = _Run(
            schema=schema,
            spec=spec_document,
            base_url=base_url,
            headers=sent_headers,
            checks=selected,
            enabled=frozenset(check_names),
            discovery=discovery,
            knowledge=knowledge,
            fetcher=fetcher,
            thorough=thorough,
            max_examples=max_examples,
            seed=run_seed,
        )
        try:
            operations = _operations(schema, report.notes)
            known_names = {name for op in operations for name in path_names(op)}
            report.notes.extend(
                f"--param {name} matches no path parameter of this API "
                f"(known: {', '.join(sorted(known_names)) or 'none'})"
                for name in _params_mapping(params)
                if name not in known_names
            )
            for operation in operations:
                report.operations.append(run.operation(operation))
                if run.gone is not None:
                    report.notes.append(f"the server stopped answering ({run.gone}); run aborted")
                    break
            if run.gone is None and set(check_names) & set(RUNNER_CHECKS):
                given = _params_mapping(params)
                _run_own_checks(
                    api, client, base_url, spec_document, walk_bounds, run, report, given
                )
        finally:
            discovery.cleanup(fetcher, knowledge)
            run.close()
        report.discovered = knowledge.summary()
        report.notes.extend(knowledge.notes)
    report.notes = [scrub(note, run.secrets) for note in report.notes]
    report.seconds = time.monotonic() - started
    if junit_path is not None:
        write_junit(report, junit_path, strict=strict)
    return report
