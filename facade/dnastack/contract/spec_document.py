"""Response schemas of an OpenAPI 3.0 document as JSON Schema, and validation with formats.

Used where schemathesis does not look: pages reached through ``next_page_url``, responses
fetched by the runner's own consistency checks, and ``format`` (see :mod:`formats`).
``nullable: true`` becomes a ``null`` alternative; local ``$ref``s resolve against the
document's ``components``. Formats are checked by a second validator that knows the
runner's format checkers, and only when the structure is right (schemathesis reports that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from dnastack.contract.formats import FORMAT_CHECKS, INTEGER_FORMATS

__all__ = ["SchemaProblems", "SpecDocument"]

MAX_PROBLEMS = 5
_JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json", re.IGNORECASE)


def _jsonschema(node: Any, *, formats: bool) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema Draft 4 (``nullable``; integer formats as bounds)."""
    if isinstance(node, list):
        return [_jsonschema(item, formats=formats) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _jsonschema(value, formats=formats) for key, value in node.items()}
    bounds = INTEGER_FORMATS.get(str(converted.get("format")))
    if formats and bounds is not None and converted.get("type") in ("integer", "number"):
        converted.setdefault("minimum", bounds[0])
        converted.setdefault("maximum", bounds[1])
    if converted.pop("nullable", False) is True:
        kind = converted.get("type")
        if isinstance(kind, str) and "$ref" not in converted:
            converted["type"] = [kind, "null"]
            if isinstance(converted.get("enum"), list) and None not in converted["enum"]:
                converted["enum"] = [*converted["enum"], None]
        else:
            return {"anyOf": [{"type": "null"}, converted]}
    return converted


def _where(error: jsonschema_rs.ValidationError) -> str:
    return "/" + "/".join(str(part) for part in error.instance_path)


def _explain(error: jsonschema_rs.ValidationError) -> str:
    """The message, or for an ``anyOf``/``oneOf`` the format failure behind it."""
    for branch in getattr(error.kind, "context", None) or []:
        for sub in branch:
            if type(sub.kind).__name__ == "Format":
                return f"{_where(sub)}: {sub.message}"
    return f"{_where(error)}: {error.message}"


@dataclass(frozen=True)
class SchemaProblems:
    """What is wrong with one JSON document: structure, and formats."""

    structure: list[str]
    formats: list[str]


class SpecDocument:
    """One loaded OpenAPI document."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        components = raw.get("components") or {}
        self._components = _jsonschema(components, formats=False)
        self._format_components = _jsonschema(components, formats=True)
        self._cache: dict[
            int, tuple[dict[str, Any], jsonschema_rs.Validator, jsonschema_rs.Validator]
        ] = {}

    @classmethod
    def from_path(cls, path: str | Path) -> SpecDocument:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        return cls(raw if isinstance(raw, dict) else {})

    def _deref(self, node: Any) -> Any:
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 20:
            ref: str = node["$ref"]
            if not ref.startswith("#/"):
                return None
            target: Any = self.raw
            for part in ref[2:].split("/"):
                target = target.get(part) if isinstance(target, dict) else None
            node, hops = target, hops + 1
        return node

    def methods(self, path: str) -> set[str]:
        """The methods the document declares for ``path`` (upper case)."""
        item = (self.raw.get("paths") or {}).get(path) or {}
        verbs = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
        return {m.upper() for m in item if m in verbs}

    def is_registry(self) -> bool:
        """Whether the document describes a GA4GH Service Registry (``/services``...)."""
        paths = self.raw.get("paths") or {}
        return "/services" in paths and "/services/types" in paths

    def credential_header_names(self) -> frozenset[str]:
        """Lower-case names of the headers the security schemes read (Authorization...)."""
        schemes = ((self.raw.get("components") or {}).get("securitySchemes")) or {}
        names = set()
        for scheme in schemes.values():
            if not isinstance(scheme, dict):
                continue
            if scheme.get("type") in ("http", "oauth2", "openIdConnect"):
                names.add("authorization")
            elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                names.add(str(scheme.get("name", "")).lower())
        return frozenset(names)

    def response_schema(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        """The OpenAPI schema documented for ``status`` (exact, ``2XX``, ``default``), if any."""
        operation = ((self.raw.get("paths") or {}).get(path) or {}).get(method.lower())
        if not isinstance(operation, dict):
            return None
        responses = operation.get("responses") or {}
        response = None
        for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
            if key in responses:
                response = self._deref(responses[key])
                break
        content = response.get("content") if isinstance(response, dict) else None
        if not isinstance(content, dict):
            return None
        for media, entry in content.items():
            if _JSON_MEDIA.match(media) and isinstance(entry, dict) and "schema" in entry:
                schema = entry["schema"]
                return schema if isinstance(schema, dict) else None
        return None

    def _validators(
        self, schema: dict[str, Any]
    ) -> tuple[jsonschema_rs.Validator, jsonschema_rs.Validator]:
        """(structure, formats) validators of ``schema``, built once per schema object."""
        key = id(schema)
        cached = self._cache.get(key)
        if cached is None or cached[0] is not schema:
            plain = {**_jsonschema(schema, formats=False), "components": self._components}
            strict = {**_jsonschema(schema, formats=True), "components": self._format_components}
            cached = (
                schema,
                jsonschema_rs.Draft4Validator(plain, validate_formats=False),
                jsonschema_rs.Draft4Validator(
                    strict, formats=dict(FORMAT_CHECKS), validate_formats=True
                ),
            )
            self._cache[key] = cached
        return cached[1], cached[2]

    def check(self, instance: Any, schema: dict[str, Any]) -> SchemaProblems:
        """Structural and format problems of ``instance`` (at most a few of each)."""
        structure_validator, format_validator = self._validators(schema)
        structure = [
            f"{_where(e)}: {e.message}"[:300] for e in structure_validator.iter_errors(instance)
        ]
        formats: list[str] = []
        if not structure:
            formats = [_explain(e)[:300] for e in format_validator.iter_errors(instance)]
        return SchemaProblems(structure[:MAX_PROBLEMS], formats[:MAX_PROBLEMS])
