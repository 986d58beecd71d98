"""The fidelity comparator finds each kind of deviation (tiny in-memory documents)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.spec.fidelity import (
    Deviation,
    compare_documents,
    merged_schema,
    operations,
    type_label,
)

PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "born": {"type": "string", "format": "date-time"},
        "kind": {"type": "string", "enum": ["cat", "dog"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "owner": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}},
        },
    },
}


def _published() -> dict[str, Any]:
    """A tiny published API: one GET with a path and a query parameter, one inline POST body."""
    return {
        "openapi": "3.0.2",
        "info": {"title": "pets", "version": "1"},
        "paths": {
            "/pets/{pet_id}": {
                "parameters": [{"$ref": "#/components/parameters/PetId"}],
                "get": {
                    "operationId": "getPet",
                    "parameters": [
                        {"name": "expand", "in": "query", "schema": {"type": "boolean"}}
                    ],
                    "responses": {
                        "200": {"$ref": "#/components/responses/OnePet"},
                        "404": {"description": "no such pet"},
                    },
                },
            },
            "/pets": {
                "post": {
                    "operationId": "addPets",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "pets": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Pet"},
                                        }
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"204": {"description": "added"}},
                }
            },
        },
        "components": {
            "parameters": {
                "PetId": {
                    "name": "pet_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            },
            "responses": {
                "OnePet": {
                    "description": "a pet",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                    },
                }
            },
            "schemas": {"Pet": copy.deepcopy(PET)},
        },
    }


def _ours() -> dict[str, Any]:
    """The same interface, written our way: inline body named, refs inlined, 3.0.3."""
    doc = _published()
    doc["openapi"] = "3.0.3"
    body = doc["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"]
    doc["components"]["schemas"]["AddPetsRequest"] = body["schema"]
    body["schema"] = {"$ref": "#/components/schemas/AddPetsRequest"}
    get = doc["paths"]["/pets/{pet_id}"]
    get["get"]["parameters"].append(doc["components"]["parameters"]["PetId"])
    del get["parameters"]
    return doc


def _pet(doc: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = doc["components"]["schemas"]["Pet"]
    return schema


def _kinds(deviations: list[Deviation]) -> list[tuple[str, str]]:
    return [(d.where, d.what) for d in deviations]


def test_same_interface_written_differently_has_no_deviation() -> None:
    assert compare_documents(_published(), _ours()) == []


def test_removed_property_is_detected() -> None:
    ours = _ours()
    del _pet(ours)["properties"]["born"]
    assert _kinds(compare_documents(_published(), ours)) == [("Pet.born", "missing-property")]


def test_added_property_is_detected() -> None:
    ours = _ours()
    _pet(ours)["properties"]["age"] = {"type": "integer"}
    assert _kinds(compare_documents(_published(), ours)) == [("Pet.age", "extra-property")]


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"type": "integer"}, "published string/date-time, ours integer"),
        ({"type": "string", "format": "date"}, "published string/date-time, ours string/date"),
        (
            {"type": "string", "format": "date-time", "nullable": True},
            "published string/date-time, ours string/date-time nullable",
        ),
    ],
)
def test_changed_type_format_or_nullability_is_detected(
    change: dict[str, Any], detail: str
) -> None:
    ours = _ours()
    _pet(ours)["properties"]["born"] = change
    [deviation] = compare_documents(_published(), ours)
    assert (deviation.where, deviation.what, deviation.detail) == ("Pet.born", "type", detail)


def test_changed_required_set_is_detected_in_both_directions() -> None:
    ours = _ours()
    _pet(ours)["required"] = ["id", "born"]
    assert _kinds(compare_documents(_published(), ours)) == [
        ("Pet.born", "required"),
        ("Pet.name", "required"),
    ]


def test_changed_enum_and_array_item_type_and_nested_property_are_detected() -> None:
    ours = _ours()
    props = _pet(ours)["properties"]
    props["kind"]["enum"] = ["cat"]
    props["tags"]["items"] = {}
    props["owner"]["properties"]["name"]["type"] = "integer"
    assert _kinds(compare_documents(_published(), ours)) == [
        ("Pet.kind", "enum"),
        ("Pet.owner.name", "type"),
        ("Pet.tags[]", "type"),
    ]


def test_extra_and_missing_status_codes_are_detected() -> None:
    ours = _ours()
    responses = ours["paths"]["/pets/{pet_id}"]["get"]["responses"]
    responses["500"] = {"description": "boom"}
    del responses["404"]
    assert _kinds(compare_documents(_published(), ours)) == [
        ("GET /pets/{pet_id} 404", "missing-status"),
        ("GET /pets/{pet_id} 500", "extra-status"),
    ]


def test_missing_and_extra_operations_and_changed_operation_id_are_detected() -> None:
    ours = _ours()
    ours["paths"]["/pets"]["get"] = {
        "operationId": "listPets",
        "responses": {"200": {"description": "ok"}},
    }
    ours["paths"]["/pets/{pet_id}"]["get"]["operationId"] = "fetchPet"
    ours["paths"]["/pets/{pet_id}"]["delete"] = ours["paths"]["/pets/{pet_id}"].pop("get")
    assert _kinds(compare_documents(_published(), ours)) == [
        ("DELETE /pets/{pet_id}", "extra-operation"),
        ("GET /pets", "extra-operation"),
        ("GET /pets/{pet_id}", "missing-operation"),
    ]
    ours = _ours()
    ours["paths"]["/pets/{pet_id}"]["get"]["operationId"] = "fetchPet"
    assert _kinds(compare_documents(_published(), ours)) == [("GET /pets/{pet_id}", "operation-id")]


def test_parameter_changes_are_detected() -> None:
    ours = _ours()
    params = ours["paths"]["/pets/{pet_id}"]["get"]["parameters"]
    params[0] = {**params[0], "required": True, "schema": {"type": "integer"}}
    params.append({"name": "X-Trace", "in": "header", "schema": {"type": "string"}})
    params.pop(1)  # pet_id
    assert _kinds(compare_documents(_published(), ours)) == [
        ("GET /pets/{pet_id} header:X-Trace", "extra-parameter"),
        ("GET /pets/{pet_id} path:pet_id", "missing-parameter"),
        ("GET /pets/{pet_id} query:expand", "parameter-required"),
        ("GET /pets/{pet_id} query:expand", "type"),
    ]


def test_published_inline_body_is_compared_with_our_named_component() -> None:
    ours = _ours()
    ours["components"]["schemas"]["AddPetsRequest"]["properties"]["pets"]["nullable"] = True
    ours["paths"]["/pets"]["post"]["requestBody"]["required"] = False
    assert _kinds(compare_documents(_published(), ours)) == [
        ("POST /pets requestBody", "request-body-required"),
        ("POST /pets requestBody application/json.pets", "type"),
    ]


def test_a_published_ref_met_by_an_inline_schema_is_compared_property_by_property() -> None:
    ours = _ours()
    pets = ours["components"]["schemas"]["AddPetsRequest"]["properties"]["pets"]
    pets["items"] = copy.deepcopy(PET)
    assert compare_documents(_published(), ours) == []
    del pets["items"]["properties"]["kind"]
    assert _kinds(compare_documents(_published(), ours)) == [
        ("POST /pets requestBody application/json.pets[].kind", "missing-property")
    ]


def test_media_type_changes_and_bodies_on_bodiless_responses_are_detected() -> None:
    ours = _ours()
    ours["components"]["responses"]["OnePet"]["content"] = {
        "application/x-pet": {"schema": {"$ref": "#/components/schemas/Pet"}}
    }
    ours["paths"]["/pets/{pet_id}"]["get"]["responses"]["404"]["content"] = {
        "application/json": {"schema": {"type": "object"}}
    }
    assert _kinds(compare_documents(_published(), ours)) == [
        ("GET /pets/{pet_id} 200 application/json", "missing-media-type"),
        ("GET /pets/{pet_id} 200 application/x-pet", "extra-media-type"),
        ("GET /pets/{pet_id} 404 application/json", "extra-media-type"),
    ]


def test_allof_is_merged_before_comparing() -> None:
    published = _published()
    pet = _pet(published)
    published["components"]["schemas"]["Named"] = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": pet["properties"].pop("id")},
    }
    pet["required"] = ["name"]
    published["components"]["schemas"]["Pet"] = {
        "allOf": [{"$ref": "#/components/schemas/Named"}, pet]
    }
    ours = _ours()
    ours["components"]["schemas"]["Named"] = published["components"]["schemas"]["Named"]
    assert compare_documents(published, ours) == []


def test_allof_parts_declaring_the_same_property_both_apply() -> None:
    """The DRS service-info case: Service.type and DrsService.type (artifact enum) merge."""
    kind = {"type": "object", "properties": {"artifact": {"type": "string"}}}
    pinned = {"type": "object", "properties": {"artifact": {"type": "string", "enum": ["drs"]}}}
    published = {
        "allOf": [
            {"type": "object", "properties": {"type": kind}},
            {"properties": {"type": pinned}},
        ]
    }
    merged_type = merged_schema({}, merged_schema({}, published)["properties"]["type"])
    assert merged_schema({}, merged_type["properties"]["artifact"])["enum"] == ["drs"]
    doc: dict[str, Any] = {"components": {"schemas": {"X": published}}}
    ours: dict[str, Any] = {
        "components": {"schemas": {"X": {"type": "object", "properties": {"type": kind}}}}
    }
    assert _kinds(compare_documents(doc, ours)) == [("X.type.artifact", "enum")]


def _single_get(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    ok = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    get = {"operationId": "getTree", "responses": {"200": ok}}
    return {"paths": {"/tree": {"get": get}}, "components": {"schemas": schemas}}


def test_recursive_schemas_terminate() -> None:
    children = {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
    node: dict[str, Any] = {"type": "object", "properties": {"children": children}}
    tree = copy.deepcopy(node)
    tree["properties"]["children"]["items"] = {"$ref": "#/components/schemas/Tree"}
    published = _single_get(node, {"Node": node})
    ours = _single_get({"$ref": "#/components/schemas/Tree"}, {"Node": node, "Tree": tree})
    assert compare_documents(published, ours) == []
    tree["properties"]["children"]["nullable"] = True
    # Reported where the types part (and once more one level down, where the walk stops).
    assert _kinds(compare_documents(published, ours)) == [
        ("GET /tree 200 application/json.children", "type"),
        ("GET /tree 200 application/json.children[].children", "type"),
    ]


def _rename_pet(doc: dict[str, Any], new_name: str) -> None:
    schemas = doc["components"]["schemas"]
    schemas[new_name] = schemas.pop("Pet")
    ref = {"$ref": f"#/components/schemas/{new_name}"}
    doc["components"]["responses"]["OnePet"]["content"]["application/json"]["schema"] = ref
    schemas["AddPetsRequest"]["properties"]["pets"]["items"] = dict(ref)


def test_a_missing_published_schema_is_detected() -> None:
    ours = _ours()
    _rename_pet(ours, "Animal")
    assert _kinds(compare_documents(_published(), ours)) == [("Pet", "missing-schema")]


def test_a_renamed_schema_is_reported_as_such_and_still_compared() -> None:
    ours = _ours()
    _rename_pet(ours, "Animal")
    animal_renames = {"Pet": "Animal"}
    assert _kinds(compare_documents(_published(), ours, animal_renames)) == [
        ("Pet", "renamed-schema")
    ]
    del ours["components"]["schemas"]["Animal"]["properties"]["born"]
    assert _kinds(compare_documents(_published(), ours, animal_renames)) == [
        ("Pet", "renamed-schema"),
        ("Pet.born", "missing-property"),
    ]


def test_path_level_parameters_are_folded_into_each_operation() -> None:
    operation = operations(_published())["GET /pets/{pet_id}"]
    names = sorted(p.get("name", p.get("$ref")) for p in operation["parameters"])
    assert names == ["#/components/parameters/PetId", "expand"]


@pytest.mark.parametrize(
    ("schema", "label"),
    [
        ({}, "any"),
        ({"properties": {}}, "object"),
        ({"type": "string", "format": "uri", "nullable": True}, "string/uri nullable"),
        ({"oneOf": [{}, {}]}, "any oneOf[2]"),
    ],
)
def test_type_label(schema: dict[str, Any], label: str) -> None:
    assert type_label(schema) == label
