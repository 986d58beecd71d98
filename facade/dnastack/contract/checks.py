"""Which schemathesis checks a contract run applies.

Default: a response must not be a server error, its status code, ``Content-Type``, body and
headers must be the ones the spec documents; plus the runner's own checks
(:data:`RUNNER_CHECKS`: formats, every page, rows against their data model, listed ids,
consistency, DRS bytes). Thorough adds that schema-violating requests are
rejected, undeclared methods refused and required headers enforced; with credentials given,
also that the server refuses requests without them (``ignored_auth``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dnastack.common.redact import is_secret_key
from dnastack.contract.errors import ContractUsageError

if TYPE_CHECKING:
    from schemathesis import CheckFunction

__all__ = [
    "CREDENTIAL_CHECKS",
    "DEFAULT_CHECKS",
    "RUNNER_CHECKS",
    "THOROUGH_CHECKS",
    "check_functions",
    "secret_header_values",
    "select_checks",
]

RUNNER_CHECKS: tuple[str, ...] = (
    "format_conformance",
    "data_model_conformance",
    "pagination",
    "listed_id_resolves",
    "consistency",
    "drs_bytes",
)
"""The runner's own checks (not schemathesis'): formats, pages, rows, ids, consistency, bytes
(see ``docs/contract-checks.md``)."""

DEFAULT_CHECKS: tuple[str, ...] = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    *RUNNER_CHECKS,
)
"""Checks run by default: schemathesis' response checks on every response, and the runner's
own checks."""

THOROUGH_CHECKS: tuple[str, ...] = (
    *DEFAULT_CHECKS,
    "negative_data_rejection",
    "missing_required_header",
    "unsupported_method",
)
"""Checks run with ``thorough=True``: besides the defaults, schema-violating requests must be
rejected, and so must undeclared methods and requests missing a required header.

``positive_data_acceptance`` is left out: bodies such as SQL queries or question inputs are
"schema-valid" without making sense to the server, so it mostly reports expected 400s. Ask
for it with ``checks=`` / ``--check`` when wanted."""

CREDENTIAL_CHECKS: tuple[str, ...] = ("ignored_auth",)
"""Added to the thorough checks when credential headers are given: the server must refuse
requests without them (or with broken ones)."""


def secret_header_values(headers: Mapping[str, str]) -> list[str]:
    """Values of the headers that carry credentials (Authorization, cookies, API keys...)."""
    found = []
    for name, value in headers.items():
        lowered = name.lower()
        if is_secret_key(name) or "auth" in lowered or "cookie" in lowered or "key" in lowered:
            found.append(value)
            # "Bearer abc": mask the credential on its own too
            found.extend(part for part in value.split() if len(part) >= 4)
    return found


def check_functions(names: Sequence[str]) -> list[CheckFunction]:
    """The schemathesis check functions named ``names`` (the runner's own are skipped).

    Raises:
        ContractUsageError: a name schemathesis does not know.
    """
    import schemathesis  # loaded only when a run starts

    functions = []
    for name in names:
        if name in RUNNER_CHECKS:
            continue
        try:
            functions.append(getattr(schemathesis.checks, name))
        except AttributeError:
            raise ContractUsageError(f"unknown schemathesis check {name!r}") from None
    return functions


def select_checks(
    checks: Sequence[str] | None, *, thorough: bool, headers: Mapping[str, str]
) -> tuple[str, ...]:
    """The checks of a run: ``checks`` when given, else the mode's set (see module constants)."""
    if checks:
        return tuple(dict.fromkeys(checks))
    if not thorough:
        return DEFAULT_CHECKS
    if secret_header_values(headers):
        return (*THOROUGH_CHECKS, *CREDENTIAL_CHECKS)
    return THOROUGH_CHECKS
