"""The constructor ``@model`` writes per class: same keywords and values as attrs' own,
plus the record of the fields the caller gave (``model_fields_set``)."""

from __future__ import annotations

import inspect
import itertools
from typing import Any, cast

import attrs
import pytest

from dnastack.common import model_init
from dnastack.common.model import Model, field, model


@model(extra="allow")
class Sample(Model):
    schema_version: float = field(default=1.0, alias="model_version")
    name: str
    tags: list[str] = field(factory=list)
    count: int = 0
    note: str | None = None


def _upper(value: str) -> str:
    return value.upper()


def _positive(_instance: object, _attribute: object, value: int) -> None:
    if value <= 0:
        raise ValueError(f"size must be positive, got {value}")


@model
class Hooked(Model):
    """Converters and validators make attrs write a ``__setattr__`` for the class."""

    code: str = field(converter=_upper)
    size: int = field(default=1, validator=_positive)


@model(frozen=True)
class Frozen(Model):
    group: str
    version: str = "1"


OPTIONAL = {"model_version": 2.0, "tags": ["t"], "count": 0, "note": None}
FIELD_NAME = {"model_version": "schema_version"}


@pytest.mark.parametrize(
    "given",
    [
        dict(chosen)
        for size in range(len(OPTIONAL) + 1)
        for chosen in itertools.combinations(OPTIONAL.items(), size)
    ],
)
def test_fields_set_is_exactly_the_given_keywords_even_when_they_equal_the_default(
    given: dict[str, Any],
) -> None:
    sample = Sample(name="n", **given)
    assert sample.model_fields_set == {"name"} | {FIELD_NAME.get(k, k) for k in given}
    assert sample.schema_version == given.get("model_version", 1.0)
    assert sample.tags == given.get("tags", [])
    assert sample.count == 0 and sample.note is None
    assert sample.model_extra == {}


def test_factories_run_per_model_and_a_given_value_is_kept_as_is() -> None:
    first, second = Sample(name="a"), Sample(name="b")
    assert first.tags == [] and first.tags is not second.tags
    mine = ["x"]
    assert Sample(name="c", tags=mine).tags is mine


def test_converters_and_validators_still_run() -> None:
    hooked = Hooked(code="abc")
    assert hooked.code == "ABC" and hooked.size == 1
    assert hooked.model_fields_set == {"code"}
    assert Hooked(code="x", size=3).model_fields_set == {"code", "size"}
    with pytest.raises(ValueError, match="size must be positive, got 0"):
        Hooked(code="x", size=0)


def test_frozen_models_are_built_and_stay_frozen() -> None:
    frozen = Frozen(group="g")
    assert (frozen.group, frozen.version) == ("g", "1")
    assert frozen.model_fields_set == {"group"}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        frozen.group = "other"  # type: ignore[misc]


def test_a_missing_or_unknown_keyword_is_the_type_error_attrs_gives() -> None:
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'name'"):
        cast(Any, Sample)()
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        cast(Any, Sample)(name="n", colour="red")
    with pytest.raises(TypeError):
        cast(Any, Sample)("n")


def test_the_signature_shown_is_attrs_one_with_its_defaults() -> None:
    parameters = inspect.signature(Sample).parameters
    assert list(parameters) == ["model_version", "name", "tags", "count", "note"]
    assert parameters["model_version"].default == 1.0
    assert parameters["count"].default == 0
    assert parameters["name"].default is inspect.Parameter.empty


def test_a_field_alias_the_constructor_uses_for_itself_is_refused() -> None:
    with pytest.raises(TypeError, match="field alias '_mask_' is reserved"):

        @model
        class Clashing(Model):
            mask: int = field(default=0, alias="_mask_")


def test_fields_sets_past_the_per_class_bound_are_still_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(model_init, "FIELDS_SETS_PER_CLASS_LIMIT", 1)

    @model
    class Fresh(Model):
        a: int = 0
        b: int = 0
        c: int = 0

    kept = Fresh(a=1).model_fields_set
    others = [Fresh(b=1), Fresh(a=1, c=2), Fresh(), Fresh(a=1, b=1, c=1)]
    assert [o.model_fields_set for o in others] == [{"b"}, {"a", "c"}, set(), {"a", "b", "c"}]
    assert Fresh(a=5).model_fields_set is kept


def test_fields_not_in_the_constructor_are_left_to_attrs() -> None:
    @model
    class WithDerived(Model):
        name: str
        derived: int = field(init=False, default=7)

    built = WithDerived(name="n")
    assert built.derived == 7 and built.model_fields_set == {"name"}
    assert list(inspect.signature(WithDerived).parameters) == ["name"]
