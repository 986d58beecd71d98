"""Data Connect ``data_model`` checks: the model itself, and rows against it (pure functions).

A ``data_model`` is a JSON Schema describing one row. Problems found:

- a ``type`` that is not a JSON Schema type (``varchar``, ``int``: SQL names belong in
  ``format``);
- a row that does not validate against the model (a string in an integer column);
- a row with a column the model does not declare (unless the model allows extra
  properties explicitly with ``additionalProperties``);
- a page with rows but no ``data_model`` (checked by the walker).

``format`` in a data model names the SQL type (Data Connect SPEC.md) and is not enforced.
``null`` is accepted wherever a type is declared: it is how SQL ``NULL`` travels, and data
models in the wild (the devserver's too) keep the plain type for nullable columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import jsonschema_rs

__all__ = ["JSON_SCHEMA_TYPES", "model_problems", "row_problems"]

JSON_SCHEMA_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
MAX_ROW_PROBLEMS = 3
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "definitions", "$defs")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMAS = ("items", "additionalProperties", "additionalItems", "not", "contains")


def _children(schema: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    for key in _SUBSCHEMA_MAPS:
        value = schema.get(key)
        if isinstance(value, dict):
            yield from ((f"{key}/{name}", sub) for name, sub in value.items())
    for key in _SUBSCHEMA_LISTS:
        value = schema.get(key)
        if isinstance(value, list):
            yield from ((f"{key}/{i}", sub) for i, sub in enumerate(value))
    for key in _SUBSCHEMAS:
        value = schema.get(key)
        if isinstance(value, list):  # draft-04 tuple items
            yield from ((f"{key}/{i}", sub) for i, sub in enumerate(value))
        elif value is not None:
            yield key, value


def _no_remote(uri: str) -> Any:
    """Remote ``$ref``s are never fetched (the runner talks to the server under test only)."""
    return {}


def model_problems(model: object) -> list[str]:
    """What is wrong with a ``data_model`` as a JSON Schema (empty when nothing)."""
    if not isinstance(model, dict):
        return [f"data_model is not a JSON object: {type(model).__name__}"]
    problems: list[str] = []
    pending: list[tuple[str, Any]] = [("", model)]
    while pending and len(problems) < MAX_ROW_PROBLEMS:
        where, schema = pending.pop(0)
        if isinstance(schema, bool):
            continue
        if not isinstance(schema, dict):
            problems.append(f"{where or '/'}: a subschema is not an object")
            continue
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind] if kind is not None else []
        for name in kinds:
            if name not in JSON_SCHEMA_TYPES:
                problems.append(
                    f"{where or '/'}: type {name!r} is not a JSON Schema type "
                    f"(one of {', '.join(sorted(JSON_SCHEMA_TYPES))}; SQL types go in format)"
                )
        pending.extend((f"{where}/{key}", sub) for key, sub in _children(schema))
    if not problems:
        try:
            jsonschema_rs.Draft7Validator(model, validate_formats=False, retriever=_no_remote)
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            problems.append(f"data_model is not a valid JSON Schema: {first}"[:300])
    return problems


def _sql_nullable(schema: Any) -> Any:
    """``schema`` with ``null`` added to every ``type`` (SQL NULL is allowed in any column)."""
    if isinstance(schema, list):
        return [_sql_nullable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copied = {key: _sql_nullable(value) for key, value in schema.items()}
    kind = copied.get("type")
    if isinstance(kind, str) and kind != "null":
        copied["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        copied["type"] = [*kind, "null"]
    if isinstance(copied.get("enum"), list) and None not in copied["enum"]:
        copied["enum"] = [*copied["enum"], None]
    return copied


def _declared(model: Mapping[str, Any]) -> set[str] | None:
    """Column names the model declares; None when it allows any (no closed object)."""
    properties = model.get("properties")
    if not isinstance(properties, dict):
        return None
    extra = model.get("additionalProperties")
    if (extra is not None and extra is not False) or model.get("patternProperties"):
        return None
    return set(properties)


def row_problems(rows: Sequence[object], model: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """``(type problems, undeclared-column problems)`` of ``rows`` under ``model``."""
    try:
        validator = jsonschema_rs.Draft7Validator(
            _sql_nullable(dict(model)), validate_formats=False
        )
    except Exception:  # noqa: BLE001 - a broken model is reported by model_problems
        return [], []
    declared = _declared(model)
    wrong: list[str] = []
    undeclared: list[str] = []
    for index, row in enumerate(rows):
        if len(wrong) < MAX_ROW_PROBLEMS:
            for error in validator.iter_errors(row):
                where = "/" + "/".join(str(p) for p in error.instance_path)
                wrong.append(f"row {index}: {where}: {error.message}"[:300])
                break
        if declared is not None and isinstance(row, dict) and len(undeclared) < MAX_ROW_PROBLEMS:
            extra = sorted(set(row) - declared)
            if extra:
                undeclared.append(f"row {index}: column(s) {', '.join(extra)} not in data_model")
        if len(wrong) >= MAX_ROW_PROBLEMS and len(undeclared) >= MAX_ROW_PROBLEMS:
            break
    return wrong, undeclared
