"""House rules for ``specs/*.yaml`` as pure functions: each returns a list of problems."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests.spec.fidelity import merged_schema, operations, resolve, schema_ref_name

__all__ = [
    "ANNOTATION_KEYS",
    "allof_wrapper_problems",
    "body_schema_problems",
    "example_problems",
    "iter_schemas",
    "missing_example_problems",
    "operation_id_problems",
    "server_problems",
]

Document = Mapping[str, Any]
# Keywords that say something about a schema without constraining it.
ANNOTATION_KEYS = frozenset({"description", "title", "example", "deprecated", "externalDocs"})
_SUBSCHEMA_LISTS = ("allOf", "oneOf", "anyOf")


def server_problems(doc: Document) -> list[str]:
    servers = doc.get("servers")
    if not isinstance(servers, list) or not servers:
        return ["no `servers` entry"]
    return [f"servers[{i}] has no url" for i, s in enumerate(servers) if not s.get("url")]


def operation_id_problems(doc: Document) -> list[str]:
    """Operations without an operationId, and ids used twice."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for key, operation in operations(doc).items():
        operation_id = operation.get("operationId")
        if not operation_id:
            problems.append(f"{key}: no operationId")
        elif operation_id in seen:
            problems.append(
                f"{key}: operationId {operation_id!r} also used by {seen[operation_id]}"
            )
        else:
            seen[operation_id] = key
    return problems


def _bodies(doc: Document) -> Iterator[tuple[str, Any]]:
    """(location, schema) of every request and response body of every operation."""
    for key, operation in operations(doc).items():
        if "requestBody" in operation:
            content = resolve(doc, operation["requestBody"]).get("content", {}) or {}
            for media, media_object in content.items():
                yield f"{key} requestBody {media}", media_object.get("schema")
        for status, response in (operation.get("responses") or {}).items():
            content = resolve(doc, response).get("content", {}) or {}
            for media, media_object in content.items():
                yield f"{key} {status} {media}", media_object.get("schema")


def body_schema_problems(doc: Document) -> list[str]:
    """Bodies whose schema is not exactly a ``$ref`` to an existing named component.

    An inline body schema makes the generator invent a class named after the endpoint
    (``GetServicesResponse200``, ``SearchBody``): generator note P3.
    """
    named = doc.get("components", {}).get("schemas", {})
    problems: list[str] = []
    for where, schema in _bodies(doc):
        name = schema_ref_name(schema)
        if name is None or set(schema) != {"$ref"}:
            problems.append(f"{where}: body schema is not a $ref to a named schema")
        elif name not in named:
            problems.append(f"{where}: $ref to missing schema {name!r}")
    return problems


def iter_schemas(node: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """``node`` and every schema nested in it (properties, items, maps, combinators)."""
    if not isinstance(node, Mapping):
        return
    yield where, node
    for name, prop in (node.get("properties") or {}).items():
        yield from iter_schemas(prop, f"{where}.{name}")
    if isinstance(node.get("items"), Mapping):
        yield from iter_schemas(node["items"], f"{where}[]")
    if isinstance(node.get("additionalProperties"), Mapping):
        yield from iter_schemas(node["additionalProperties"], f"{where}{{}}")
    for combinator in _SUBSCHEMA_LISTS:
        for index, part in enumerate(node.get(combinator) or []):
            yield from iter_schemas(part, f"{where}<{combinator}{index}>")
    if isinstance(node.get("not"), Mapping):
        yield from iter_schemas(node["not"], f"{where}<not>")


def _all_schemas(doc: Document) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for name, schema in (doc.get("components", {}).get("schemas") or {}).items():
        yield from iter_schemas(schema, name)
    for where, schema in _bodies(doc):
        if schema_ref_name(schema) is None:
            yield from iter_schemas(schema, where)


def allof_wrapper_problems(doc: Document) -> list[str]:
    """``allOf`` parts that only annotate (``allOf: [$ref, {description}]``): note P2."""
    problems: list[str] = []
    for where, schema in _all_schemas(doc):
        for index, part in enumerate(schema.get("allOf") or []):
            if isinstance(part, Mapping) and set(part) <= ANNOTATION_KEYS:
                problems.append(f"{where}: allOf[{index}] only annotates; use a plain $ref")
    return problems


def missing_example_problems(doc: Document) -> list[str]:
    """Named object schemas without a schema-level example."""
    problems: list[str] = []
    for name, schema in (doc.get("components", {}).get("schemas") or {}).items():
        merged = merged_schema(doc, schema)
        is_object = merged.get("type") == "object" or "properties" in merged
        if is_object and "example" not in schema:
            problems.append(f"{name}: no example")
    return problems


def _invalid(doc: Document, schema: Mapping[str, Any], value: Any) -> list[str]:
    root = {**schema, "components": doc.get("components", {})}
    validator = OAS30Validator(root, format_checker=oas30_format_checker)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message}"
        for e in validator.iter_errors(value)
    ]


def _parameters(doc: Document) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for name, param in (doc.get("components", {}).get("parameters") or {}).items():
        yield f"parameters/{name}", param
    for key, operation in operations(doc).items():
        for param in operation["parameters"]:
            if "$ref" not in param:
                yield f"{key} {param['in']}:{param['name']}", param


def _media_examples(doc: Document) -> Iterator[tuple[str, Mapping[str, Any], Any]]:
    holders: list[tuple[str, Any]] = []
    components = doc.get("components", {})
    for kind in ("responses", "requestBodies"):
        holders += [(f"{kind}/{n}", h) for n, h in (components.get(kind) or {}).items()]
    for key, operation in operations(doc).items():
        if "requestBody" in operation:
            holders.append((f"{key} requestBody", operation["requestBody"]))
        holders += [(f"{key} {s}", r) for s, r in (operation.get("responses") or {}).items()]
    for where, holder in holders:
        if "$ref" in holder:
            continue
        for media, media_object in (holder.get("content") or {}).items():
            schema = media_object.get("schema") or {}
            if "example" in media_object:
                yield f"{where} {media}", schema, media_object["example"]
            for name, example in (media_object.get("examples") or {}).items():
                if "value" in example:
                    yield f"{where} {media} examples/{name}", schema, example["value"]


def example_problems(doc: Document) -> list[str]:
    """Examples (schema, property, parameter, media type) that do not match their schema."""
    problems: list[str] = []
    for where, schema in _all_schemas(doc):
        if "example" in schema:
            problems += [f"{where} example: {m}" for m in _invalid(doc, schema, schema["example"])]
    for where, param in _parameters(doc):
        if "example" in param:
            schema = param.get("schema") or {}
            problems += [f"{where} example: {m}" for m in _invalid(doc, schema, param["example"])]
    for where, schema, value in _media_examples(doc):
        problems += [f"{where} example: {m}" for m in _invalid(doc, schema, value)]
    return problems
