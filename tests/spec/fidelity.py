"""Compare the interface facts of two OpenAPI 3.0 documents (pure functions, no I/O).

``compare_documents(published, ours)`` lists every :class:`Deviation` of ``ours`` from
``published``: operations (method + path), operationIds, parameters (name, in, required,
schema), status codes, request/response media types, and schemas (property names, types,
formats, nullable, enums, required sets, array items, map values).

Schemas are compared after resolving local ``$ref`` and merging ``allOf``. When both sides
refer to the same named component, the walk stops there: every published named component is
compared once, under its own name, by :func:`compare_named_schemas`. Published *inline*
schemas (bodies, nested objects) are compared with whatever our document has at the same
place (operation + status + media type, property path), named or not.

A deviation is located by ``where`` and classified by ``what`` (one of :data:`KINDS`); the
allowlist (``specs/fidelity-allowlist.yaml``) names deviations by the same two strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HTTP_METHODS",
    "KINDS",
    "Deviation",
    "compare_documents",
    "compare_named_schemas",
    "compare_operations",
    "compare_schemas",
    "merged_schema",
    "operations",
    "resolve",
    "type_label",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_PREFIX = "#/components/schemas/"

KINDS = frozenset(
    {
        "missing-operation",
        "extra-operation",
        "operation-id",
        "missing-parameter",
        "extra-parameter",
        "parameter-required",
        "missing-status",
        "extra-status",
        "missing-request-body",
        "extra-request-body",
        "request-body-required",
        "missing-media-type",
        "extra-media-type",
        "missing-schema",
        "renamed-schema",
        "missing-property",
        "extra-property",
        "type",
        "enum",
        "required",
        "additional-properties",
    }
)

Schema = Mapping[str, Any]
Document = Mapping[str, Any]


@dataclass(frozen=True, order=True)
class Deviation:
    """One difference of our document from the published one."""

    where: str
    what: str
    detail: str = field(default="", compare=False)

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.what} ({self.detail})"
            if self.detail
            else f"{self.where}: {self.what}"
        )


def resolve(doc: Document, node: Any) -> Any:
    """Follow local ``$ref`` chains (``#/a/b``) until a node without ``$ref``."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise ValueError(f"unsupported or circular $ref: {ref!r}")
        seen.add(ref)
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def schema_ref_name(node: Any) -> str | None:
    """The component name when ``node`` is exactly a ``$ref`` to ``#/components/schemas/X``."""
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref: str = node["$ref"]
        if ref.startswith(SCHEMA_PREFIX):
            return ref[len(SCHEMA_PREFIX) :]
    return None


def merged_schema(doc: Document, schema: Any) -> dict[str, Any]:
    """``schema`` with ``$ref`` resolved and ``allOf`` parts merged into one object schema.

    Properties and required names are united; a property declared by two parts becomes the
    ``allOf`` of both declarations (both constraints apply). Other keywords: first one wins.
    """
    node = resolve(doc, schema)
    if not isinstance(node, Mapping):
        return {}
    result = {key: value for key, value in node.items() if key != "allOf"}
    properties: dict[str, Any] = dict(result.pop("properties", {}) or {})
    required: list[str] = list(result.pop("required", []) or [])
    for part in node.get("allOf", []) or []:
        part_merged = merged_schema(doc, part)
        for name, prop in (part_merged.pop("properties", {}) or {}).items():
            properties[name] = {"allOf": [properties[name], prop]} if name in properties else prop
        required.extend(n for n in part_merged.pop("required", []) or [] if n not in required)
        for key, value in part_merged.items():
            result.setdefault(key, value)
    if properties:
        result["properties"] = properties
    if required:
        result["required"] = required
    return result


def type_label(schema: Mapping[str, Any]) -> str:
    """``type[/format][ nullable]`` of a merged schema; ``any`` when nothing constrains it."""
    kind = schema.get("type")
    if kind is None:
        kind = "object" if "properties" in schema or "additionalProperties" in schema else "any"
    label = f"{kind}/{schema['format']}" if schema.get("format") else str(kind)
    if schema.get("nullable"):
        label += " nullable"
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            label += f" {combinator}[{len(schema[combinator])}]"
    return label


def _additional(schema: Mapping[str, Any]) -> Any:
    value = schema.get("additionalProperties", True)
    return True if value == {} else value


@dataclass
class _Walk:
    published: Document
    ours: Document
    renames: Mapping[str, str]
    out: list[Deviation] = field(default_factory=list)
    visiting: set[tuple[str | None, str | None]] = field(default_factory=set)

    def add(self, where: str, what: str, detail: str = "") -> None:
        self.out.append(Deviation(where, what, detail))

    def schemas(self, pub: Any, our: Any, where: str) -> None:
        pub_name, our_name = schema_ref_name(pub), schema_ref_name(our)
        if pub_name is not None and self.renames.get(pub_name, pub_name) == our_name:
            return  # the same named component: compared once, under its own name
        key = (pub_name, our_name)
        if pub_name is not None or our_name is not None:
            if key in self.visiting:
                return
            self.visiting.add(key)
        try:
            self.resolved(merged_schema(self.published, pub), merged_schema(self.ours, our), where)
        finally:
            self.visiting.discard(key)

    def resolved(self, pub: Mapping[str, Any], our: Mapping[str, Any], where: str) -> None:
        if type_label(pub) != type_label(our):
            self.add(where, "type", f"published {type_label(pub)}, ours {type_label(our)}")
        if pub.get("enum") != our.get("enum"):
            self.add(where, "enum", f"published {pub.get('enum')}, ours {our.get('enum')}")
        pub_props, our_props = pub.get("properties", {}), our.get("properties", {})
        for name in pub_props:
            if name not in our_props:
                self.add(f"{where}.{name}", "missing-property")
            else:
                self.schemas(pub_props[name], our_props[name], f"{where}.{name}")
        for name in our_props:
            if name not in pub_props:
                self.add(f"{where}.{name}", "extra-property")
        pub_req, our_req = set(pub.get("required", [])), set(our.get("required", []))
        for name in sorted(pub_req ^ our_req):
            state = "required" if name in pub_req else "optional"
            self.add(f"{where}.{name}", "required", f"published {state}")
        if "items" in pub or "items" in our:
            self.schemas(pub.get("items", {}), our.get("items", {}), f"{where}[]")
        pub_add, our_add = _additional(pub), _additional(our)
        if isinstance(pub_add, Mapping) and isinstance(our_add, Mapping):
            self.schemas(pub_add, our_add, f"{where}{{}}")
        elif pub_add != our_add:
            self.add(where, "additional-properties", f"published {pub_add}, ours {our_add}")
        for combinator in ("oneOf", "anyOf"):
            for index, (p, o) in enumerate(
                zip(pub.get(combinator, []), our.get(combinator, []), strict=False)
            ):
                self.schemas(p, o, f"{where}<{combinator}{index}>")


def compare_schemas(
    published: Document,
    ours: Document,
    pub_schema: Any,
    our_schema: Any,
    where: str,
    renames: Mapping[str, str] | None = None,
) -> list[Deviation]:
    """Deviations between two schemas (either may be a ``$ref`` or inline)."""
    walk = _Walk(published, ours, renames or {})
    walk.schemas(pub_schema, our_schema, where)
    return walk.out


def compare_named_schemas(
    published: Document, ours: Document, renames: Mapping[str, str] | None = None
) -> list[Deviation]:
    """Each published ``components/schemas`` entry against ours of the same (or renamed) name."""
    renames = renames or {}
    pub_schemas = published.get("components", {}).get("schemas", {})
    our_schemas = ours.get("components", {}).get("schemas", {})
    walk = _Walk(published, ours, renames)
    for name, schema in pub_schemas.items():
        our_name = renames.get(name, name)
        if our_name not in our_schemas or (our_name != name and name in our_schemas):
            walk.add(name, "missing-schema")
            continue
        if our_name != name:
            walk.add(name, "renamed-schema", f"ours {our_name}")
        walk.resolved(
            merged_schema(published, schema), merged_schema(ours, our_schemas[our_name]), name
        )
    return walk.out


def operations(doc: Document) -> dict[str, dict[str, Any]]:
    """``"METHOD /path"`` -> operation, with path-level parameters folded in."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in (doc.get("paths") or {}).items():
        item = resolve(doc, item)
        shared = item.get("parameters", []) or []
        for method in HTTP_METHODS:
            if method in item:
                operation = dict(item[method])
                own = operation.get("parameters", []) or []
                by_key = {_param_key(doc, p): p for p in [*shared, *own]}
                operation["parameters"] = list(by_key.values())
                found[f"{method.upper()} {path}"] = operation
    return found


def _param_key(doc: Document, param: Any) -> tuple[str, str]:
    resolved = resolve(doc, param)
    return (resolved["name"], resolved["in"])


def _content(doc: Document, holder: Any) -> Mapping[str, Any]:
    return resolve(doc, holder).get("content", {}) or {}


def _compare_contents(walk: _Walk, pub_holder: Any, our_holder: Any, where: str) -> None:
    pub_content = _content(walk.published, pub_holder)
    our_content = _content(walk.ours, our_holder)
    for media in pub_content:
        if media not in our_content:
            walk.add(f"{where} {media}", "missing-media-type")
        else:
            walk.schemas(
                pub_content[media].get("schema", {}),
                our_content[media].get("schema", {}),
                f"{where} {media}",
            )
    for media in our_content:
        if media not in pub_content:
            walk.add(f"{where} {media}", "extra-media-type")


def _compare_parameters(walk: _Walk, pub_op: Any, our_op: Any, where: str) -> None:
    pub_params = {_param_key(walk.published, p): resolve(walk.published, p) for p in pub_op}
    our_params = {_param_key(walk.ours, p): resolve(walk.ours, p) for p in our_op}
    for key, pub in pub_params.items():
        label = f"{where} {key[1]}:{key[0]}"
        if key not in our_params:
            walk.add(label, "missing-parameter")
            continue
        our = our_params[key]
        if bool(pub.get("required")) != bool(our.get("required")):
            walk.add(label, "parameter-required", f"published {bool(pub.get('required'))}")
        walk.schemas(pub.get("schema", {}), our.get("schema", {}), label)
    for key in our_params:
        if key not in pub_params:
            walk.add(f"{where} {key[1]}:{key[0]}", "extra-parameter")


def _compare_operation(
    walk: _Walk, key: str, pub: Mapping[str, Any], our: Mapping[str, Any]
) -> None:
    if pub.get("operationId") != our.get("operationId"):
        walk.add(key, "operation-id", f"published {pub.get('operationId')}")
    _compare_parameters(walk, pub["parameters"], our["parameters"], key)
    pub_body, our_body = pub.get("requestBody"), our.get("requestBody")
    if pub_body is not None and our_body is None:
        walk.add(f"{key} requestBody", "missing-request-body")
    elif pub_body is None and our_body is not None:
        walk.add(f"{key} requestBody", "extra-request-body")
    elif pub_body is not None:
        pub_required = bool(resolve(walk.published, pub_body).get("required"))
        if pub_required != bool(resolve(walk.ours, our_body).get("required")):
            walk.add(f"{key} requestBody", "request-body-required", f"published {pub_required}")
        _compare_contents(walk, pub_body, our_body, f"{key} requestBody")
    pub_responses, our_responses = pub.get("responses", {}), our.get("responses", {})
    for status in pub_responses:
        if str(status) not in {str(s) for s in our_responses}:
            walk.add(f"{key} {status}", "missing-status")
    for status in our_responses:
        if str(status) not in {str(s) for s in pub_responses}:
            walk.add(f"{key} {status}", "extra-status")
            continue
        pub_response = next(r for s, r in pub_responses.items() if str(s) == str(status))
        _compare_contents(walk, pub_response, our_responses[status], f"{key} {status}")


def compare_operations(
    published: Document, ours: Document, renames: Mapping[str, str] | None = None
) -> list[Deviation]:
    """Operations, their ids, parameters, request bodies, statuses and response bodies."""
    walk = _Walk(published, ours, renames or {})
    pub_ops, our_ops = operations(published), operations(ours)
    for key, pub in pub_ops.items():
        if key not in our_ops:
            walk.add(key, "missing-operation")
        else:
            _compare_operation(walk, key, pub, our_ops[key])
    for key in our_ops:
        if key not in pub_ops:
            walk.add(key, "extra-operation")
    return walk.out


def compare_documents(
    published: Document, ours: Document, renames: Mapping[str, str] | None = None
) -> list[Deviation]:
    """Every deviation of ``ours`` from ``published``, sorted and without duplicates."""
    found: Iterable[Deviation] = [
        *compare_operations(published, ours, renames),
        *compare_named_schemas(published, ours, renames),
    ]
    return sorted(set(found))
