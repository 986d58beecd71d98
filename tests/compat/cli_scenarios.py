"""Command-line scenarios: the same ``dnastack`` invocations through both libraries' CLIs.

Each scenario runs its steps in a fresh home folder (so a fresh configuration) and turns
what the last step printed into an observation. ``{host}`` in an argument is the node's
``host:port``; ``{node}`` its URL.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["CLI_SCENARIOS", "CliScenario"]

DC_ID = "com.dnastack.devserver.data-connect"
USE = ("use", "{host}", "--no-auth")


@dataclass(frozen=True)
class CliScenario:
    """``steps`` (argument lists) run in order; ``observe`` reads the last result."""

    steps: tuple[tuple[str, ...], ...]
    observe: Callable[[subprocess.CompletedProcess[str], dict[str, Any]], Any]


def _json(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    try:
        return [result.returncode, json.loads(result.stdout)]
    except ValueError:
        return [result.returncode, f"not JSON: {result.stdout[:200]!r}"]


def _ran(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    return [result.returncode, bool((result.stdout + result.stderr).strip())]


def _contexts(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    contexts = config.get("contexts") or {}
    return [result.returncode, config.get("current_context"), sorted(contexts)]


def _names(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    code, document = _json(result, config)
    if not isinstance(document, list):
        return [code, document]
    return [code, sorted(str(item.get("name")) for item in document if isinstance(item, dict))]


CLI_SCENARIOS: dict[str, CliScenario] = {
    "i8_cli_version": CliScenario((("version",),), _ran),
    "i8_cli_use_names_the_context_host_port": CliScenario((USE,), _contexts),
    "i8_cli_query_prints_json_off_a_terminal": CliScenario(
        (USE, ("dc", "query", "SELECT 1 AS one, 'x' AS s")), _json
    ),
    "i8_cli_query_decimals_as_strings_by_default": CliScenario(
        (USE, ("dc", "query", "SELECT CAST(1.5 AS DECIMAL(4,2)) AS d")), _json
    ),
    "i8_cli_query_decimal_as_float": CliScenario(
        (USE, ("dc", "query", "--decimal-as", "float", "SELECT CAST(1.5 AS DECIMAL(4,2)) AS d")),
        _json,
    ),
    "i8_cli_query_endpoint_id": CliScenario(
        (USE, ("dc", "query", "--endpoint-id", DC_ID, "SELECT 2 AS two")), _json
    ),
    "i8_cli_query_context_host_port": CliScenario(
        (USE, ("dc", "query", "--context", "{host}", "SELECT 3 AS three")), _json
    ),
    "core_cli_tables_list": CliScenario((USE, ("dc", "tables", "list")), _names),
    "core_cli_collections_list": CliScenario((USE, ("collections", "list")), _names),
}


def expand(steps: Sequence[Sequence[str]], host: str, node: str) -> list[list[str]]:
    """The steps with ``{host}`` and ``{node}`` filled in."""
    return [[arg.format(host=host, node=node) for arg in step] for step in steps]


def read_config(text: str) -> dict[str, Any]:
    """The configuration file as a dict (empty when missing or unreadable)."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
