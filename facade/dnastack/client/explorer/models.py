"""Documented Explorer models: ``FederatedQuestion``, ``QuestionParam``, ``QuestionCollection``.

As documented, the constructors take the service's camelCase names (``inputType``,
``defaultValue``, ``questionId``...) while the attributes are snake_case (``input_type``,
``default_value``, ``question_id``); both spellings are accepted by the constructors,
``parse_obj`` and ``construct``, and the camelCase ones also read as properties.
``dict(by_alias=True)`` gives the camelCase (wire) form. Built from the generated
``dnastack_explorer_api`` models at the boundary.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from dnastack.common.model import Model, field, model

__all__ = ["FederatedQuestion", "QuestionCollection", "QuestionParam"]

_C = TypeVar("_C", bound=type[Model])


def _accepts_field_names(cls: _C) -> _C:
    """Let the (alias-named) constructor also take the snake_case field names, and expose
    each alias as a read-only property."""
    fields = attrs.fields(typing.cast(Any, cls))
    aliases = {a.name: a.alias for a in fields if a.alias and a.alias != a.name}
    init: Callable[..., None] = cls.__init__

    @functools.wraps(init)
    def __init__(self: Any, **values: Any) -> None:
        for name, alias in aliases.items():
            if name in values:
                if alias in values:
                    raise TypeError(f"{cls.__name__}() got both {alias!r} and {name!r}")
                values[alias] = values.pop(name)
        init(self, **values)

    setattr(cls, "__init__", __init__)  # noqa: B010 - mypy forbids assigning a method
    for name, alias in aliases.items():
        setattr(cls, alias, property(_getter(name), doc=f"Alias of ``{name}``."))
    return cls


def _getter(name: str) -> Callable[[Any], Any]:
    def get(self: Any) -> Any:
        return getattr(self, name)

    return get


@_accepts_field_names
@model(extra="allow")
class QuestionParam(Model):
    """A parameter definition for a question.

    Based on the Java QuestionParam class from the Explorer service.
    """

    id: str
    name: str
    label: str
    input_type: str = field(alias="inputType")
    description: str | None = None
    required: bool = False
    default_value: str | None = field(default=None, alias="defaultValue")
    test_value: str | None = field(default=None, alias="testValue")
    input_subtype: str | None = field(default=None, alias="inputSubtype")
    allowed_values: str | None = field(default=None, alias="allowedValues")
    table: str | None = None
    column: str | None = None
    values: str | None = None

    @property
    def allowed_value_list(self) -> list[str] | None:
        """``allowedValues`` split on commas (None when any value is allowed)."""
        if not self.allowed_values or not self.allowed_values.strip():
            return None
        return [v.strip() for v in self.allowed_values.split(",") if v.strip()]


@_accepts_field_names
@model(extra="allow")
class QuestionCollection(Model):
    """A collection reference within a federated question."""

    id: str
    slug: str
    name: str
    question_id: str = field(alias="questionId")


@model(extra="allow")
class FederatedQuestion(Model):
    """A federated question that can be asked across multiple collections.

    Based on the Java FederatedQuestion record from the Explorer service.
    """

    id: str
    name: str
    description: str
    params: list[QuestionParam] = field(factory=list)
    collections: list[QuestionCollection] = field(factory=list)

    def param(self, name: str) -> QuestionParam | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)
