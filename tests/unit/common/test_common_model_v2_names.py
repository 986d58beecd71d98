"""The pydantic v2 names of the Model methods (what 3.x scripts on pydantic v2 call)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, cast

import pytest

from dnastack.client.data_connect.models import Error, TableInfo
from dnastack.client.drs.models import DrsObject
from dnastack.client.models import EndpointSource, ServiceEndpoint
from dnastack.client.service_registry.models import ServiceType
from dnastack.common.model import FieldInfo, Model, Undefined, field, model
from dnastack.exceptions import ModelValidationError
from tests.unit.common.test_common_model import Kind, Thing, sample

# -- real facade models ----------------------------------------------------------------------


def drs_object() -> DrsObject:
    return DrsObject.parse_obj(
        {
            "id": "obj-1",
            "self_uri": "drs://example.org/obj-1",
            "size": 1024,
            "created_time": "2024-05-01T10:00:00Z",
            "checksums": [{"type": "sha-256", "checksum": "ab" * 32}],
            "name": "reads é.bam",
            "access_methods": [
                {"type": "https", "access_url": {"url": "https://x/o", "headers": ["A: b"]}},
                {"type": "s3", "access_id": "s3-1", "region": "ca"},
            ],
            "aliases": ["a1"],
        }
    )


def table_info() -> TableInfo:
    return TableInfo.parse_obj(
        {
            "name": "samples",
            "description": "all samples",
            "data_model": {"properties": {"id": {"type": "string"}}},
            "errors": [{"title": "slow", "detail": "partial", "extra_key": 1}],
        }
    )


def service_endpoint() -> ServiceEndpoint:
    return ServiceEndpoint(
        model_version=2.0,
        id="dc-1",
        url="https://dc.example.org/",
        type=ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0"),
        authentication={"type": "oauth2", "client_id": "c", "scope": "read"},
        fallback_authentications=[{"type": "bearer", "token": "t"}],
        source=EndpointSource(source_id="reg", external_id="e1"),
    )


FACADE_MODELS: list[Callable[[], Model]] = [drs_object, table_info, service_endpoint, sample]


@pytest.mark.parametrize("build", FACADE_MODELS, ids=lambda b: b.__name__)
def test_model_validate_of_model_dump_round_trips(build: Callable[[], Model]) -> None:
    original = build()
    cls = type(original)
    assert cls.model_validate(original.model_dump()) == original
    assert cls.model_validate(original.model_dump(by_alias=True)) == original
    assert cls.model_validate(original.model_dump(mode="json")) == original
    assert cls.model_validate_json(original.model_dump_json()) == original


@pytest.mark.parametrize("build", FACADE_MODELS, ids=lambda b: b.__name__)
def test_model_dump_and_model_dump_json_are_dict_and_json(build: Callable[[], Model]) -> None:
    original = build()
    assert original.model_dump() == original.dict()
    assert original.model_dump(exclude_none=True) == original.dict(exclude_none=True)
    assert original.model_dump_json() == original.json()
    assert original.model_dump_json(by_alias=True) == original.json(by_alias=True)
    assert original.model_dump(mode="json") == json.loads(original.model_dump_json())
    assert original.model_dump(mode="json", by_alias=True) == original.to_dict()


@pytest.mark.parametrize("build", FACADE_MODELS, ids=lambda b: b.__name__)
def test_model_copy_update_leaves_the_original_alone(build: Callable[[], Model]) -> None:
    original = build()
    before = original.model_dump()
    first = next(iter(type(original).model_fields))
    changed = original.model_copy(update={first: "changed"})
    assert getattr(changed, first) == "changed"
    assert first in changed.model_fields_set
    assert original.model_dump() == before
    assert original.model_copy() == original


def test_model_copy_deep_copies_nested_values_only_on_request() -> None:
    original = drs_object()
    shallow = original.model_copy()
    deep = original.model_copy(deep=True)
    assert shallow.checksums is original.checksums
    assert deep.checksums is not original.checksums
    assert deep.access_methods is not None and original.access_methods is not None
    deep.access_methods.pop()
    deep.checksums.clear()
    assert len(original.access_methods) == 2 and len(original.checksums) == 1
    assert deep != original


def test_model_copy_deep_keeps_extra_values_independent() -> None:
    original = table_info()
    assert original.errors
    copied = original.model_copy(deep=True)
    assert copied.errors and copied.errors[0].model_extra == {"extra_key": 1}
    assert copied.errors[0] is not original.errors[0]


def test_service_endpoint_content_hash_survives_a_round_trip() -> None:
    endpoint = service_endpoint()
    again = ServiceEndpoint.model_validate(endpoint.model_dump(exclude_none=True))
    assert again.get_content_hash() == endpoint.get_content_hash()


# -- model_dump ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"by_alias": True},
        {"include": {"name", "kind"}},
        {"exclude": {"children": {"__all__": {"group"}}}},
        {"exclude_none": True},
        {"exclude_unset": True},
        {"exclude_defaults": True},
    ],
)
def test_model_dump_takes_the_options_of_dict(options: dict[str, Any]) -> None:
    thing = sample()
    assert thing.model_dump(**options) == thing.dict(**options)
    assert thing.model_dump_json(**options) == thing.json(**options)


def test_model_dump_by_alias_none_means_field_names() -> None:
    data = sample().model_dump(by_alias=None)
    assert "schema_version" in data and "model_version" not in data


def test_model_dump_mode_json_converts_values() -> None:
    data = sample().model_dump(mode="json", include={"when", "colour", "kind"})
    assert data == {
        "when": "2024-05-01T10:00:00+00:00",
        "colour": "red",
        "kind": {"group": "g", "artifact": "a"},
    }


def test_model_dump_accepts_round_trip_and_warnings() -> None:
    thing = sample()
    assert thing.model_dump(round_trip=True, warnings="error") == thing.model_dump()


def test_model_dump_rejects_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="'python' or 'json'"):
        sample().model_dump(mode=cast(Any, "xml"))


# -- JSON text -------------------------------------------------------------------------------


def test_model_dump_json_is_json_with_indent_and_ensure_ascii() -> None:
    kind = Kind(group="é", artifact="a")
    assert kind.model_dump_json() == kind.json() == '{"group":"é","artifact":"a"}'
    assert kind.model_dump_json(indent=2) == '{\n  "group": "é",\n  "artifact": "a"\n}'
    assert kind.model_dump_json(ensure_ascii=True) == '{"group":"\\u00e9","artifact":"a"}'
    assert kind.json(indent=2) == kind.model_dump_json(indent=2)


# -- validation and construction -------------------------------------------------------------


def test_model_validate_is_parse_obj() -> None:
    data = {"name": "n", "kind": {"group": "g", "artifact": "a"}, "other": 1}
    assert Thing.model_validate(data) == Thing.parse_obj(data)
    thing = Thing(name="n")
    assert Thing.model_validate(thing) is thing
    with pytest.raises(ModelValidationError) as caught:
        Thing.model_validate({"name": 1})
    assert caught.value.path == ("name",)


def test_model_validate_json_reads_text_and_bytes() -> None:
    assert Thing.model_validate_json('{"name": "n"}') == Thing(name="n")
    assert Thing.model_validate_json(b'{"name": "n"}') == Thing(name="n")
    assert Thing.model_validate_json(bytearray(b'{"name": "n"}')) == Thing(name="n")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"name": "s3cr3t', "invalid JSON"),
        (b"\xff\xfe\x00", "invalid JSON"),
        ("[1, 2]", "expected an object"),
        ('{"count": 1}', "field required"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_model_validate_json_errors_are_model_validation_errors(
    text: str | bytes, problem: str
) -> None:
    with pytest.raises(ModelValidationError, match=problem) as caught:
        Thing.model_validate_json(text)
    assert "s3cr3t" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_model_construct_is_construct() -> None:
    built = Thing.model_construct(name=123, extra_key="e")
    assert built == Thing.construct(name=123, extra_key="e")
    assert built.model_extra == {"extra_key": "e"}
    assert Thing.model_construct({"name", "count"}, name="n").model_fields_set == {"name", "count"}


# -- model_fields ----------------------------------------------------------------------------


def test_model_fields_maps_field_names_to_field_infos() -> None:
    fields = Thing.model_fields
    assert list(fields)[:3] == ["schema_version", "name", "kind"]
    assert all(isinstance(info, FieldInfo) for info in fields.values())
    name, version, tags, kind = (fields[n] for n in ("name", "schema_version", "tags", "kind"))
    assert name.annotation is str and name.is_required() and name.default is Undefined
    assert version.alias == "model_version" and version.default == 1.0
    assert version.get_default() == 1.0 and not version.is_required()
    assert tags.default_factory is list and tags.get_default() is None
    assert tags.get_default(call_default_factory=True) == []
    assert kind.annotation == Kind | None and kind.default is None and kind.alias is None
    assert repr(name) == "FieldInfo(annotation=str, required=True)"


def test_model_fields_on_an_instance_and_on_real_models() -> None:
    assert sample().model_fields == Thing.model_fields
    assert set(DrsObject.model_fields) >= {"id", "self_uri", "size", "checksums"}
    assert ServiceEndpoint.model_fields["dnastack_schema_version"].alias == "model_version"
    assert "name" in TableInfo.model_fields and "title" in Error.model_fields
    assert Model.model_fields == {}


def test_model_fields_returns_a_new_dict_each_time() -> None:
    Thing.model_fields.pop("name")
    assert "name" in Thing.model_fields


def test_model_fields_follow_update_forward_refs() -> None:
    @model
    class Node(Model):
        label: str = field(default="x")
        child: Leaf | None = None

    @model
    class Leaf(Model):
        value: int

    assert Node.model_fields["child"].annotation == "Leaf | None"  # not resolvable yet
    Node.update_forward_refs(Leaf=Leaf)
    assert Node.model_fields["child"].annotation == Leaf | None


# -- keyword arguments these models do not implement -----------------------------------------


def loose(value: object) -> Any:
    """``value`` untyped: mypy rejects these calls already, the test checks run time."""
    return value


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: loose(sample()).model_dump(context={"x": 1}), "context"),
        (lambda: loose(sample()).model_dump(serialize_as_any=True), "serialize_as_any"),
        (lambda: loose(sample()).model_dump_json(fallback=str), "fallback"),
        (lambda: loose(Thing).model_validate({"name": "n"}, strict=True), "strict"),
        (lambda: loose(Thing).model_validate({}, from_attributes=True), "from_attributes"),
        (lambda: loose(Thing).model_validate_json('{"name": "n"}', context={}), "context"),
        (lambda: loose(sample()).model_copy(include={"name"}), "include"),
    ],
)
def test_unsupported_keywords_raise_a_type_error_naming_them(
    call: Callable[[], object], name: str
) -> None:
    with pytest.raises(TypeError, match=name):
        call()


def test_the_type_error_lists_what_is_supported() -> None:
    with pytest.raises(TypeError) as caught:
        loose(sample()).model_dump(context={})
    assert "Thing.model_dump() does not support context" in str(caught.value)
    assert "mode, include, exclude, by_alias" in str(caught.value)


def test_times_are_kept_as_datetimes_in_python_mode() -> None:
    created = drs_object().model_dump()["created_time"]
    assert created == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
