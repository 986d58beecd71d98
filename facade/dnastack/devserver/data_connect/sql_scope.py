"""Which tables a SQL query reads, from DuckDB's own parse tree (``json_serialize_sql``).

Used to restrict a collection's Data Connect view to the collection's tables: every base
table reference must be an allowed table (or a CTE of the query), and table functions other
than pure generators (``range``, ``unnest``...) are refused, so files cannot be read directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import orjson

__all__ = ["SAFE_TABLE_FUNCTIONS", "QueryRelations", "parse_relations"]

SAFE_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest"})


@dataclass
class QueryRelations:
    tables: set[tuple[str, str]] = field(default_factory=set)  # (schema, table), lower case
    table_functions: set[str] = field(default_factory=set)
    ctes: set[str] = field(default_factory=set)
    error: str | None = None

    def outside(self, allowed: frozenset[str]) -> list[str]:
        """Names read by the query that ``allowed`` (lower-case table names) does not cover."""
        names = []
        for schema, table in sorted(self.tables):
            if schema in ("", "main") and (table in allowed or table in self.ctes):
                continue
            names.append(f"{schema}.{table}" if schema else table)
        names.extend(
            f"{fn}()" for fn in sorted(self.table_functions) if fn not in SAFE_TABLE_FUNCTIONS
        )
        return names


def _walk(node: Any, found: QueryRelations) -> None:
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "BASE_TABLE":
            schema = str(node.get("schema_name") or "").lower()
            found.tables.add((schema, str(node.get("table_name") or "").lower()))
        elif kind == "TABLE_FUNCTION":
            function = node.get("function")
            if isinstance(function, dict):
                found.table_functions.add(str(function.get("function_name") or "").lower())
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            for entry in cte_map.get("map") or []:
                if isinstance(entry, dict):
                    found.ctes.add(str(entry.get("key") or "").lower())
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def parse_relations(cursor: duckdb.DuckDBPyConnection, sql: str) -> QueryRelations:
    """The relations ``sql`` reads; ``error`` is set when DuckDB cannot parse it."""
    row = cursor.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()
    tree = orjson.loads(row[0]) if row else {}
    found = QueryRelations()
    if tree.get("error"):
        found.error = str(tree.get("error_message") or "syntax error")
        return found
    _walk(tree.get("statements"), found)
    return found
