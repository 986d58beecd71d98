"""The house-rule checks catch what they are meant to catch (tiny in-memory documents)."""

from __future__ import annotations

from typing import Any

from tests.spec import spec_rules


def _doc(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "http://127.0.0.1:8080/"}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def _get(schema: dict[str, Any], operation_id: str | None = "getThing") -> dict[str, Any]:
    operation: dict[str, Any] = {
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": schema}}}
        }
    }
    if operation_id:
        operation["operationId"] = operation_id
    return {"get": operation}


THING = {"type": "object", "properties": {"n": {"type": "integer"}}, "example": {"n": 1}}


def test_missing_servers_is_reported() -> None:
    doc = _doc({})
    del doc["servers"]
    assert spec_rules.server_problems(doc) == ["no `servers` entry"]


def test_operation_without_id_and_duplicate_ids_are_reported() -> None:
    ref = {"$ref": "#/components/schemas/Thing"}
    doc = _doc({"/a": _get(ref, None), "/b": _get(ref), "/c": _get(ref)}, {"Thing": THING})
    assert spec_rules.operation_id_problems(doc) == [
        "GET /a: no operationId",
        "GET /c: operationId 'getThing' also used by GET /b",
    ]


def test_inline_response_body_is_reported_and_named_ref_is_accepted() -> None:
    inline = {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
    doc = _doc({"/a": _get(inline, "a"), "/b": _get({"$ref": "#/components/schemas/Thing"}, "b")})
    doc["components"]["schemas"]["Thing"] = THING
    assert spec_rules.body_schema_problems(doc) == [
        "GET /a 200 application/json: body schema is not a $ref to a named schema"
    ]


def test_inline_request_body_behind_a_component_ref_is_reported() -> None:
    doc = _doc(
        {
            "/a": {
                "post": {
                    "operationId": "a",
                    "requestBody": {"$ref": "#/components/requestBodies/B"},
                    "responses": {"204": {"description": "ok"}},
                }
            }
        }
    )
    doc["components"]["requestBodies"] = {
        "B": {"content": {"application/json": {"schema": {"type": "object"}}}}
    }
    assert spec_rules.body_schema_problems(doc) == [
        "POST /a requestBody application/json: body schema is not a $ref to a named schema"
    ]


def test_description_only_allof_part_is_reported() -> None:
    wrapper = {"allOf": [{"$ref": "#/components/schemas/Thing"}, {"description": "why"}]}
    doc = _doc(
        {},
        {"Thing": THING, "Holder": {"type": "object", "properties": {"t": wrapper}, "example": {}}},
    )
    assert spec_rules.allof_wrapper_problems(doc) == [
        "Holder.t: allOf[1] only annotates; use a plain $ref"
    ]


def test_object_schema_without_example_is_reported_but_a_string_enum_is_not() -> None:
    doc = _doc({}, {"Bare": {"type": "object"}, "Kind": {"type": "string", "enum": ["a"]}})
    assert spec_rules.missing_example_problems(doc) == ["Bare: no example"]


def test_examples_that_break_their_schema_are_reported() -> None:
    schemas = {
        "Thing": {
            "type": "object",
            "required": ["n"],
            "properties": {
                "n": {"type": "integer", "example": "500"},
                "at": {"type": "string", "format": "date-time"},
            },
            "example": {"at": "yesterday"},
        },
        "Things": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Thing"},
            "example": [{"n": 1.5}],
        },
    }
    problems = spec_rules.example_problems(_doc({}, schemas))
    assert problems == [
        "Thing example: .: 'n' is a required property",
        "Thing example: at: 'yesterday' is not a 'date-time'",
        "Thing.n example: .: '500' is not of type 'integer'",
        "Things example: 0/n: 1.5 is not of type 'integer'",
    ]


def test_valid_examples_and_nullable_nulls_pass() -> None:
    schemas = {
        "Thing": {
            "type": "object",
            "properties": {"n": {"type": "integer", "nullable": True}},
            "example": {"n": None},
        }
    }
    assert spec_rules.example_problems(_doc({}, schemas)) == []
