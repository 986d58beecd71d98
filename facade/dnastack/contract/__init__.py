"""Contract testing of any server against the SDK's OpenAPI documents.

``run_contract("drs", "http://127.0.0.1:8080/ga4gh/drs/v1", params={"object_id": ["x"]})``
runs schemathesis with our spec for the API against the live URL and returns a
:class:`ContractReport`; ``python -m dnastack.contract --api drs --url ...`` does the same from
a shell. Importing this package is cheap: schemathesis loads on the first ``run_contract``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dnastack.contract.errors import ContractUsageError
from dnastack.contract.report import (
    ContractReport,
    OperationResult,
    Outcome,
    RequestInfo,
    Violation,
)
from dnastack.contract.specs import API_NAMES

if TYPE_CHECKING:
    from dnastack.contract.checks import DEFAULT_CHECKS, THOROUGH_CHECKS
    from dnastack.contract.junit import junit_xml
    from dnastack.contract.report import format_report
    from dnastack.contract.runner import run_contract

__all__ = [
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

_LAZY: dict[str, str] = {
    "run_contract": "dnastack.contract.runner",
    "DEFAULT_CHECKS": "dnastack.contract.checks",
    "THOROUGH_CHECKS": "dnastack.contract.checks",
    "format_report": "dnastack.contract.report",
    "junit_xml": "dnastack.contract.junit",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dnastack.contract' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
