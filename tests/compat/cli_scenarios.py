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


def _succeeded(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    return result.returncode == 0


def _stdout(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    return [result.returncode, result.stdout.replace("\r\n", "\n").strip()]


def _yaml(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    try:
        return [result.returncode, yaml.safe_load(result.stdout)]
    except yaml.YAMLError:
        return [result.returncode, f"not YAML: {result.stdout[:200]!r}"]


def _table_name(result: subprocess.CompletedProcess[str], config: dict[str, Any]) -> Any:
    code, document = _json(result, config)
    if not isinstance(document, dict):
        return [code, document]
    properties = (document.get("data_model") or {}).get("properties") or {}
    return [code, document.get("name"), sorted(properties)]


MY_DC = ("config", "endpoints", "add", "my-dc", "-t", "data_connect")
MY_DC_URL = ("config", "endpoints", "set", "my-dc", "url", "{node}data-connect/")

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
    # the reference CLI's other spellings (second compatibility pass)
    "i12_cli_dataconnect_alias": CliScenario(
        (USE, ("dataconnect", "query", "SELECT 1 AS one")), _json
    ),
    "i12_cli_cs_alias": CliScenario((USE, ("cs", "list")), _names),
    "i12_cli_query_no_auth": CliScenario(
        (USE, ("dc", "query", "--no-auth", "SELECT 4 AS four")), _json
    ),
    "i12_cli_tables_list_no_auth": CliScenario(
        (USE, ("dc", "tables", "list", "--no-auth")), _names
    ),
    "i12_cli_collections_query_dash_c": CliScenario(
        (USE, ("collections", "query", "-c", "cohort-a", "SELECT COUNT(*) AS n FROM variants")),
        _json,
    ),
    "i12_cli_contexts_add_and_rename": CliScenario(
        (
            ("config", "contexts", "add", "first"),
            ("config", "contexts", "rename", "first", "second"),
        ),
        _contexts,
    ),
    "i12_cli_top_level_contexts_group": CliScenario((USE, ("contexts", "add", "third")), _contexts),
    "i12_cli_endpoint_added_then_set": CliScenario(
        (
            MY_DC,
            MY_DC_URL,
            ("dc", "query", "--endpoint-id", "my-dc", "SELECT 5 AS five"),
        ),
        _json,
    ),
    "i12_cli_files_download_quiet": CliScenario(
        (USE, ("files", "download", "-q", "-o", "out", "hello.json")), _succeeded
    ),
    "i12_cli_files_download_no_auth": CliScenario(
        (USE, ("files", "download", "--no-auth", "-o", "out", "hello.json")), _succeeded
    ),
    "i12_cli_auth_login_on_a_public_node": CliScenario((USE, ("auth", "login")), _succeeded),
    "i12_cli_bad_query_fails": CliScenario((USE, ("dc", "query", "SELEC 1")), _succeeded),
    "i12_cli_missing_table_fails": CliScenario(
        (USE, ("dc", "tables", "get", "no_such_table")), _succeeded
    ),
    "i12_cli_unknown_command_fails": CliScenario((("no-such-command",),), _succeeded),
    "i12_cli_unknown_endpoint_id_fails": CliScenario(
        (USE, ("dc", "query", "--endpoint-id", "no-such-endpoint", "SELECT 1")), _succeeded
    ),
    "i12_cli_tables_get_json": CliScenario(
        (USE, ("dc", "tables", "get", "samples", "-o", "json")), _table_name
    ),
    "i12_cli_query_csv": CliScenario(
        (USE, ("dc", "query", "-o", "csv", "SELECT 1 AS one, 'x' AS s")), _stdout
    ),
    "i12_cli_query_yaml": CliScenario(
        (USE, ("dc", "query", "-o", "yaml", "SELECT 1 AS one, 'x' AS s")), _yaml
    ),
    "i12_cli_files_download_missing_object_fails": CliScenario(
        (USE, ("files", "download", "-q", "-o", "out", "no-such-object")), _succeeded
    ),
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
