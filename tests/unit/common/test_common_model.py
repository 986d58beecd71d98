"""The Model base: construction, validation, copies and serialisation."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import pickle
from typing import Any, cast

import attrs
import pytest

from dnastack.common.model import Model, field, json_default, model
from dnastack.exceptions import DnastackError, ModelValidationError


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@model(frozen=True)
class Kind(Model):
    group: str
    artifact: str


@model(extra="allow")
class Thing(Model):
    schema_version: float = field(default=1.0, alias="model_version")
    name: str
    kind: Kind | None = None
    tags: list[str] = field(factory=list)
    labels: dict[str, int] = field(factory=dict)
    children: list[Kind] = field(factory=list)
    colour: Colour | None = None
    when: dt.datetime | None = None
    count: int = 0
    ratio: float | None = None
    flag: bool = False


@model
class Strict(Model):
    name: str


@model(extra="forbid")
class Forbidding(Model):
    name: str


def sample() -> Thing:
    return Thing.parse_obj(
        {
            "model_version": 2.0,
            "name": "x",
            "kind": {"group": "g", "artifact": "a"},
            "tags": ["t1", "t2"],
            "labels": {"a": 1},
            "children": [{"group": "g1", "artifact": "a1"}, {"group": "g2", "artifact": "a2"}],
            "colour": "red",
            "when": "2024-05-01T10:00:00Z",
            "unknown": {"kept": True},
        }
    )


# -- construction ---------------------------------------------------------------------------


def test_constructor_is_keyword_only_and_uses_the_alias() -> None:
    thing = Thing(model_version=3.0, name="n")
    assert thing.schema_version == 3.0
    with pytest.raises(TypeError):
        cast(Any, Thing)("n")


def test_models_are_slotted_so_no_instance_dict() -> None:
    thing = Thing(name="n")
    assert not hasattr(thing, "__dict__")
    with pytest.raises(AttributeError):
        thing.not_a_field = 1  # type: ignore[attr-defined]


def test_frozen_model_is_hashable_and_immutable() -> None:
    kind = Kind(group="g", artifact="a")
    assert {kind, Kind(group="g", artifact="a")} == {kind}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kind.group = "other"  # type: ignore[misc]


def test_fields_set_records_the_given_fields_by_field_name() -> None:
    assert Thing(model_version=1.0, name="n").model_fields_set == {"schema_version", "name"}


def test_models_given_the_same_fields_share_one_fields_set_object() -> None:
    first = Thing(model_version=1.0, name="a")
    second = Thing(name="b", model_version=2.0)
    constructed = Thing.construct(name="c", model_version=3.0)
    assert first.model_fields_set is second.model_fields_set
    assert constructed.model_fields_set is first.model_fields_set
    assert Thing(name="d").model_fields_set == {"name"}
    assert Thing(name="d").model_fields_set is not first.model_fields_set


def test_fields_sets_past_the_sharing_bound_are_still_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dnastack.common import model as model_module

    monkeypatch.setattr(model_module, "_SHARED_FIELDS_SETS", {})
    monkeypatch.setattr(model_module, "SHARED_FIELDS_SETS_LIMIT", 1)
    kept = Thing(name="a").model_fields_set
    unshared = [Thing(name="b", count=i).model_fields_set for i in range(3)]
    assert kept == {"name"} and all(s == {"name", "count"} for s in unshared)
    assert len(model_module._SHARED_FIELDS_SETS) == 1
    assert Thing(name="c").model_fields_set is kept


def test_construct_skips_validation_fills_defaults_and_keeps_extra_values() -> None:
    thing = Thing.construct(name=123, extra_key="e")
    name: object = thing.name
    assert name == 123
    assert thing.tags == []
    assert thing.schema_version == 1.0
    assert thing.model_extra == {"extra_key": "e"}
    assert thing.model_fields_set == {"name"}


def test_construct_accepts_an_explicit_fields_set() -> None:
    thing = Thing.construct(_fields_set={"name", "count"}, name="n")
    assert thing.model_fields_set == {"name", "count"}


def test_construct_works_for_frozen_models() -> None:
    assert Kind.construct(group="g", artifact="a") == Kind(group="g", artifact="a")


# -- validation ------------------------------------------------------------------------------


def test_parse_obj_builds_nested_models_and_converts_values() -> None:
    thing = sample()
    assert thing.kind == Kind(group="g", artifact="a")
    assert thing.children[1] == Kind(group="g2", artifact="a2")
    assert thing.colour is Colour.RED
    assert thing.when == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert thing.model_extra == {"unknown": {"kept": True}}


def test_parse_obj_accepts_field_name_or_alias() -> None:
    assert Thing.parse_obj({"schema_version": 5, "name": "n"}).schema_version == 5.0
    assert Thing.parse_obj({"model_version": 6, "name": "n"}).schema_version == 6.0


def test_parse_obj_returns_an_instance_unchanged() -> None:
    thing = Thing(name="n")
    assert Thing.parse_obj(thing) is thing


def test_from_dict_is_parse_obj() -> None:
    assert Thing.from_dict({"name": "n"}) == Thing.parse_obj({"name": "n"})


@pytest.mark.parametrize(
    ("data", "path", "problem"),
    [
        ({}, ("name",), "field required"),
        ({"name": 1}, ("name",), "expected a string, got int"),
        ({"name": "n", "tags": "x"}, ("tags",), "expected a list"),
        ({"name": "n", "tags": ["a", 2]}, ("tags", 1), "expected a string"),
        ({"name": "n", "labels": {"a": "b"}}, ("labels", "a"), "expected an integer"),
        ({"name": "n", "kind": {"group": "g"}}, ("kind", "artifact"), "field required"),
        ({"name": "n", "children": [{}, 3]}, ("children", 0, "group"), "field required"),
        ({"name": "n", "colour": "green"}, ("colour",), "expected one of"),
        ({"name": "n", "count": True}, ("count",), "expected an integer"),
        ({"name": "n", "count": 1.5}, ("count",), "expected an integer"),
        ({"name": "n", "ratio": "0.5"}, ("ratio",), "expected a number"),
        ({"name": "n", "flag": "yes"}, ("flag",), "expected a boolean"),
        ({"name": "n", "when": "yesterday"}, ("when",), "ISO 8601"),
        ({"name": None}, ("name",), "expected a string, got null"),
    ],
)
def test_parse_obj_errors_name_the_field_path(
    data: dict[str, Any], path: tuple[Any, ...], problem: str
) -> None:
    with pytest.raises(ModelValidationError) as caught:
        Thing.parse_obj(data)
    assert caught.value.path == path
    assert problem in caught.value.problem
    assert isinstance(caught.value, DnastackError)
    assert isinstance(caught.value, ValueError)


def test_validation_errors_never_echo_the_value() -> None:
    with pytest.raises(ModelValidationError) as caught:
        Thing.parse_obj({"name": "n", "count": "s3cr3t-value"})
    assert "s3cr3t-value" not in str(caught.value)
    assert "Thing.count" in str(caught.value)


def test_parse_obj_rejects_a_non_mapping() -> None:
    with pytest.raises(ModelValidationError, match="expected an object"):
        Thing.parse_obj(["name"])


def test_integral_floats_become_ints_and_ints_become_floats() -> None:
    thing = Thing.parse_obj({"name": "n", "count": 2.0, "ratio": 1})
    assert thing.count == 2 and isinstance(thing.count, int)
    assert thing.ratio == 1.0 and isinstance(thing.ratio, float)


def test_extra_policies() -> None:
    assert Strict.parse_obj({"name": "n", "other": 1}).model_extra == {}
    assert Thing.parse_obj({"name": "n", "other": 1}).model_extra == {"other": 1}
    with pytest.raises(ModelValidationError) as caught:
        Forbidding.parse_obj({"name": "n", "other": 1})
    assert caught.value.path == ("other",)


# -- copy ------------------------------------------------------------------------------------


def test_copy_is_shallow_by_default_and_deep_on_request() -> None:
    thing = sample()
    shallow = thing.copy()
    deep = thing.copy(deep=True)
    assert shallow == thing and deep == thing
    assert shallow.tags is thing.tags
    assert deep.tags is not thing.tags
    assert deep.model_extra == thing.model_extra


def test_copy_update_changes_values_without_validation() -> None:
    changed = sample().copy(update={"name": "y", "count": "not validated"})
    assert changed.name == "y"
    count: object = changed.count
    assert count == "not validated"
    assert "count" in changed.model_fields_set


def test_copy_include_and_exclude() -> None:
    thing = sample()
    only = thing.copy(include={"name", "tags"})
    assert only.name == "x" and only.tags == ["t1", "t2"]
    assert only.labels == {}  # default
    assert only.model_extra == {}
    without = thing.copy(exclude={"tags", "unknown"})
    assert without.tags == [] and without.name == "x"
    assert without.model_extra == {}


# -- dict and json ---------------------------------------------------------------------------


def test_dict_converts_nested_models_and_keeps_extra_values() -> None:
    data = sample().dict()
    assert data["kind"] == {"group": "g", "artifact": "a"}
    assert data["children"][0] == {"group": "g1", "artifact": "a1"}
    assert data["schema_version"] == 2.0
    assert data["unknown"] == {"kept": True}
    assert data["colour"] is Colour.RED


def test_dict_by_alias() -> None:
    data = sample().dict(by_alias=True)
    assert "model_version" in data and "schema_version" not in data


def test_dict_include_exclude_including_nested_specs() -> None:
    thing = sample()
    assert set(thing.dict(include={"name", "count"})) == {"name", "count"}
    assert "tags" not in thing.dict(exclude={"tags"})
    nested = thing.dict(include={"kind": {"group"}, "children": {0: {"artifact"}}})
    assert nested == {"kind": {"group": "g"}, "children": [{"artifact": "a1"}]}
    excluded = thing.dict(exclude={"children": {"__all__": {"group"}}}, include={"children"})
    assert excluded == {"children": [{"artifact": "a1"}, {"artifact": "a2"}]}


def test_dict_exclude_none_unset_and_defaults() -> None:
    thing = Thing(name="n", count=0, ratio=None)
    assert "ratio" not in thing.dict(exclude_none=True)
    assert set(thing.dict(exclude_unset=True)) == {"name", "count", "ratio"}
    assert set(thing.dict(skip_defaults=True)) == {"name", "count", "ratio"}
    assert set(thing.dict(exclude_defaults=True)) == {"name"}


def test_exclude_none_does_not_drop_extra_values_or_plain_dict_content() -> None:
    thing = Thing.parse_obj({"name": "n", "labels": {}, "odd": None})
    assert thing.dict(exclude_none=True)["odd"] is None


def test_json_uses_the_default_encoder_for_datetimes_and_enums() -> None:
    text = sample().json(by_alias=True, sort_keys=True)
    data = json.loads(text)
    assert data["when"] == "2024-05-01T10:00:00+00:00"
    assert data["colour"] == "red"
    assert data["model_version"] == 2.0
    assert text.index('"children"') < text.index('"colour"')  # dumps_kwargs honoured


def test_json_is_compact_and_unescaped_as_3x_on_pydantic_v2_wrote_it() -> None:
    kind = Kind(group="g é", artifact="a")
    assert kind.json() == '{"group":"g é","artifact":"a"}'
    assert kind.json(indent=2) == '{\n  "group": "g é",\n  "artifact": "a"\n}'
    assert kind.json(ensure_ascii=True, separators=(", ", ": ")) == (
        '{"group": "g \\u00e9", "artifact": "a"}'
    )


def test_json_with_a_custom_encoder_and_models_not_as_dict() -> None:
    seen: list[Any] = []

    def encoder(value: Any) -> Any:
        seen.append(value)
        return json_default(value)

    Thing(name="n", kind=Kind(group="g", artifact="a")).json(encoder=encoder, models_as_dict=False)
    assert Kind(group="g", artifact="a") in seen


def test_json_default_rejects_unknown_objects() -> None:
    with pytest.raises(TypeError):
        json_default(object())


def test_to_dict_is_json_ready_and_round_trips_through_parse_obj() -> None:
    thing = sample()
    data = thing.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["when"] == "2024-05-01T10:00:00+00:00"
    assert Thing.parse_obj(data) == thing


# -- forward references, pickling ------------------------------------------------------------


def test_update_forward_refs_resolves_late_types() -> None:
    @model
    class Node(Model):
        label: str
        child: Later | None = None

    @model
    class Later(Model):
        value: int

    with pytest.raises(TypeError, match="update_forward_refs"):
        Node.parse_obj({"label": "a", "child": {"value": 1}})
    Node.update_forward_refs(Later=Later)
    assert Node.parse_obj({"label": "a", "child": {"value": 1}}).child == Later(value=1)


def test_pickle_and_deepcopy_keep_fields_extra_values_and_fields_set() -> None:
    thing = sample()
    for clone in (pickle.loads(pickle.dumps(thing)), copy.deepcopy(thing), copy.copy(thing)):
        assert clone == thing
        assert clone.model_extra == thing.model_extra
        assert clone.model_fields_set == thing.model_fields_set


def test_model_decorator_requires_a_model_subclass() -> None:
    with pytest.raises(TypeError):

        @model
        class NotAModel:
            x: int
