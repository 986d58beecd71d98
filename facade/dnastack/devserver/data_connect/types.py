"""DuckDB column types -> Data Connect JSON Schema, and the SQL that renders values as JSON.

The Data Connect specification (SPEC.md, "Correspondence Between SQL and JSON Data Types
in the Search Result") fixes how SQL values appear in JSON. Every property of a
``data_model`` carries a JSON ``type`` and, as in the specification's examples, a
``format`` naming the SQL type (Trino/Data Connect spelling):

=========================  ==========================  =====================================
DuckDB type                data_model property         JSON value
=========================  ==========================  =====================================
BOOLEAN                    boolean, format boolean     true / false
TINYINT, UTINYINT          integer, format tinyint /   number
SMALLINT, USMALLINT        smallint / integer
INTEGER                    integer, format integer     number
BIGINT, UINTEGER           string, format bigint       "9007199254740993"
UBIGINT, HUGEINT, ...      string, format decimal(..)  "18446744073709551615"
FLOAT / DOUBLE             number, format real/double  1.5 (NaN and infinities -> null)
DECIMAL(p,s)               string, format decimal(p,s) "12345.678"
VARCHAR                    string, format varchar      "text"
JSON                       (any), format json          the JSON value itself
BLOB                       string, format varbinary,   base64 text
                           contentEncoding base64
UUID                       string, format uuid         "123e4567-..."
DATE                       string, format date         "2024-02-29"
TIME                       string, format time         "13:45:30.123456"
TIME WITH TIME ZONE        string, format time with    "12:00:00+02"
                           time zone
TIMESTAMP (_S/_MS/_NS)     string, format timestamp    "2024-02-29T13:45:30.5"
TIMESTAMP WITH TIME ZONE   string, format timestamp    "2024-02-29T11:45:30Z" (always UTC)
                           with time zone
INTERVAL                   string, format interval     ISO 8601 duration "P1Y2M3DT4H5M6.5S"
LIST / ARRAY               array, format array, items  [ ... ]
STRUCT                     object, format row,         { "field": ... }
                           properties
MAP                        object, format map,         { "key": value } (keys as text)
                           additionalProperties
anything else              string, format <duckdb>     CAST(value AS VARCHAR)
=========================  ==========================  =====================================

Values are converted inside DuckDB: `row_json_sql` wraps a query so that every row comes
back as one JSON text produced by DuckDB's vectorised ``to_json``; the page envelope is
then assembled with orjson. `MACROS_SQL` must be run once on the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "MACROS_SQL",
    "column_schema",
    "data_model",
    "json_value_sql",
    "row_json_sql",
    "unique_names",
]

JSON_SCHEMA_DRAFT_07 = "http://json-schema.org/draft-07/schema#"

MACROS_SQL = r"""
CREATE OR REPLACE MACRO __dc_iso_seconds(us) AS
  (CASE WHEN us < 0 THEN '-' ELSE '' END)
  || CAST(abs(us) // 1000000 AS VARCHAR)
  || CASE WHEN abs(us) % 1000000 = 0 THEN ''
          ELSE '.' || rtrim(lpad(CAST(abs(us) % 1000000 AS VARCHAR), 6, '0'), '0') END;
CREATE OR REPLACE MACRO __dc_iso_interval(iv) AS
  CASE WHEN iv IS NULL THEN NULL
       WHEN iv = INTERVAL 0 SECOND THEN 'PT0S'
       ELSE 'P'
         || CASE WHEN datepart('year', iv) <> 0
                 THEN CAST(datepart('year', iv) AS VARCHAR) || 'Y' ELSE '' END
         || CASE WHEN datepart('month', iv) <> 0
                 THEN CAST(datepart('month', iv) AS VARCHAR) || 'M' ELSE '' END
         || CASE WHEN datepart('day', iv) <> 0
                 THEN CAST(datepart('day', iv) AS VARCHAR) || 'D' ELSE '' END
         || CASE WHEN datepart('hour', iv) <> 0 OR datepart('minute', iv) <> 0
                      OR datepart('microseconds', iv) <> 0
                 THEN 'T'
                   || CASE WHEN datepart('hour', iv) <> 0
                           THEN CAST(datepart('hour', iv) AS VARCHAR) || 'H' ELSE '' END
                   || CASE WHEN datepart('minute', iv) <> 0
                           THEN CAST(datepart('minute', iv) AS VARCHAR) || 'M' ELSE '' END
                   || CASE WHEN datepart('microseconds', iv) <> 0
                           THEN __dc_iso_seconds(datepart('microseconds', iv)) || 'S'
                           ELSE '' END
                 ELSE '' END
  END;
"""

_SMALL_INTEGERS = {
    "tinyint": "tinyint",
    "utinyint": "smallint",
    "smallint": "smallint",
    "usmallint": "integer",
    "integer": "integer",
}
_WIDE_INTEGERS = {
    "bigint": "bigint",
    "uinteger": "bigint",
    "ubigint": "decimal(20,0)",
    "hugeint": "decimal(39,0)",
    "uhugeint": "decimal(39,0)",
    "varint": "decimal",
    "bignum": "decimal",
}
_TIMESTAMPS = {"timestamp", "timestamp_s", "timestamp_ms", "timestamp_ns"}
_AS_IS = frozenset({"boolean", "varchar", "enum", "uuid", "date", "time", "null", *_SMALL_INTEGERS})


def _string(fmt: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "format": fmt, **extra}


def _is_json(duck_type: Any) -> bool:
    return str(duck_type).upper() == "JSON"


def column_schema(duck_type: Any) -> dict[str, Any]:
    """JSON Schema of one column of the given DuckDB type (a ``DuckDBPyType``)."""
    type_id: str = duck_type.id
    if type_id == "boolean":
        return {"type": "boolean", "format": "boolean"}
    if type_id in _SMALL_INTEGERS:
        return {"type": "integer", "format": _SMALL_INTEGERS[type_id]}
    if type_id in _WIDE_INTEGERS:
        return _string(_WIDE_INTEGERS[type_id])
    if type_id == "float":
        return {"type": "number", "format": "real"}
    if type_id == "double":
        return {"type": "number", "format": "double"}
    if type_id == "decimal":
        return _string(str(duck_type).lower().replace(" ", ""))
    if type_id == "varchar":
        return {"format": "json"} if _is_json(duck_type) else _string("varchar")
    if type_id == "enum":
        return _string("varchar")
    if type_id == "blob":
        return _string("varbinary", contentEncoding="base64")
    if type_id in ("uuid", "date", "time", "interval"):
        return _string(type_id)
    if type_id in ("time with time zone", "timestamp with time zone"):
        return _string(type_id)
    if type_id in _TIMESTAMPS:
        return _string("timestamp")
    if type_id in ("list", "array"):
        return {"type": "array", "format": "array", "items": column_schema(_child(duck_type))}
    if type_id == "struct":
        properties = {name: column_schema(child) for name, child in duck_type.children}
        return {"type": "object", "format": "row", "properties": properties}
    if type_id == "map":
        value_type = dict(duck_type.children)["value"]
        return {
            "type": "object",
            "format": "map",
            "additionalProperties": column_schema(value_type),
        }
    if type_id == "null":
        return {}
    return _string(str(duck_type).lower())


def _child(duck_type: Any) -> Any:
    return dict(duck_type.children)["child"]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def json_value_sql(expr: str, duck_type: Any, depth: int = 0) -> str | None:
    """SQL turning ``expr`` into a value whose ``to_json`` follows the mapping; None = as is."""
    type_id: str = duck_type.id
    if type_id in _WIDE_INTEGERS or type_id == "decimal":
        return f"CAST({expr} AS VARCHAR)"
    if type_id == "double":
        return f"CASE WHEN isfinite({expr}) THEN {expr} END"
    if type_id == "float":
        return f"CASE WHEN isfinite({expr}) THEN CAST(CAST({expr} AS VARCHAR) AS JSON) END"
    if type_id == "blob":
        return f"to_base64({expr})"
    if type_id in _TIMESTAMPS:
        return f"replace(CAST({expr} AS VARCHAR), ' ', 'T')"
    if type_id == "timestamp with time zone":
        return f"replace(CAST(({expr} AT TIME ZONE 'UTC') AS VARCHAR), ' ', 'T') || 'Z'"
    if type_id == "time with time zone":
        return f"CAST({expr} AS VARCHAR)"
    if type_id == "interval":
        return f"__dc_iso_interval({expr})"
    if type_id in ("list", "array"):
        var = f"__x{depth}"
        inner = json_value_sql(var, _child(duck_type), depth + 1)
        if inner is None:
            return None
        return f"list_transform({expr}, lambda {var}: {inner})"
    if type_id == "struct":
        fields = []
        changed = False
        for name, child in duck_type.children:
            field_expr = f"struct_extract({expr}, {_literal(name)})"
            converted = json_value_sql(field_expr, child, depth + 1)
            changed = changed or converted is not None
            fields.append(f"{_literal(name)}: {converted or field_expr}")
        if not changed:
            return None
        return f"CASE WHEN {expr} IS NOT NULL THEN {{{', '.join(fields)}}} END"
    if type_id == "map":
        children = dict(duck_type.children)
        var = f"__e{depth}"
        value = json_value_sql(f"{var}.value", children["value"], depth + 1)
        if value is None and children["key"].id == "varchar":
            return None
        entry = f"{{'key': CAST({var}.key AS VARCHAR), 'value': {value or var + '.value'}}}"
        return f"map_from_entries(list_transform(map_entries({expr}), lambda {var}: {entry}))"
    if type_id in _AS_IS:
        return None
    return f"CAST({expr} AS VARCHAR)"


def unique_names(names: Sequence[str]) -> list[str]:
    """Column names made unique (``a``, ``a_2``, ...) so that every row is a valid object."""
    seen: set[str] = set()
    result = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate)
        result.append(candidate)
    return result


def data_model(
    names: Sequence[str], types: Sequence[Any], description: str = "Automatically generated schema"
) -> dict[str, Any]:
    """The ``data_model`` (a draft-07 JSON Schema) of rows with these columns."""
    properties = {name: column_schema(t) for name, t in zip(names, types, strict=True)}
    return {
        "$schema": JSON_SCHEMA_DRAFT_07,
        "description": description,
        "type": "object",
        "properties": properties,
    }


def row_json_sql(query: str, names: Sequence[str], types: Sequence[Any]) -> str:
    """Wrap ``query`` so each result row is one JSON object text (keys = ``names``)."""
    aliases = [f"__c{i}" for i in range(len(names))]
    fields = []
    for name, alias, duck_type in zip(names, aliases, types, strict=True):
        value = json_value_sql(alias, duck_type) or alias
        fields.append(f"{_literal(name)}: {value}")
    body = query.rstrip().rstrip(";").rstrip()
    return (
        f"SELECT CAST(to_json({{{', '.join(fields)}}}) AS VARCHAR) "
        f"FROM (\n{body}\n) AS __dc_q({', '.join(aliases)})"
    )
