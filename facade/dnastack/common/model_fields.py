"""Introspection of the attrs classes behind :class:`~dnastack.common.model.Model`.

Used by :mod:`dnastack.common.model` and its helpers (:mod:`.model_dump`,
:mod:`.model_parse`): fields, defaults, aliases and slots of a model class, cached per
class. Knows nothing of ``Model`` itself, so every model module can import it. The public
names, :class:`FieldInfo` and :data:`Undefined` (what ``Model.model_fields`` describes a
field with), are re-exported by :mod:`dnastack.common.model`.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

__all__ = ["FieldInfo", "Undefined"]


class _UndefinedType(enum.Enum):
    UNDEFINED = "Undefined"

    def __repr__(self) -> str:
        return "Undefined"


Undefined: Final = _UndefinedType.UNDEFINED
"""The :attr:`FieldInfo.default` of a field without a default (pydantic's ``PydanticUndefined``)."""


@attrs.frozen(repr=False)
class FieldInfo:
    """One field of a model, as ``Model.model_fields`` lists it (pydantic v2's ``FieldInfo``).

    Attributes:
        annotation: the field's type (its annotation string if it cannot be resolved yet).
        default: the default value; :data:`Undefined` when there is none or a factory.
        default_factory: the callable building the default, or None.
        alias: the name used by the constructor and the serialised form, or None.
    """

    annotation: Any
    default: Any = Undefined
    default_factory: Callable[[], Any] | None = None
    alias: str | None = None

    def __repr__(self) -> str:
        annotation = self.annotation
        shown = annotation.__name__ if isinstance(annotation, type) else repr(annotation)
        parts = [f"annotation={shown.replace('typing.', '')}", f"required={self.is_required()}"]
        if self.default_factory is not None:
            parts.append(f"default_factory={getattr(self.default_factory, '__name__', '?')}")
        elif self.default is not Undefined:
            parts.append(f"default={self.default!r}")
        if self.alias is not None:
            parts.append(f"alias={self.alias!r}")
        return f"FieldInfo({', '.join(parts)})"

    def is_required(self) -> bool:
        """True when the field has neither a default nor a default factory."""
        return self.default is Undefined and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = False) -> Any:
        """The default value (a factory is called only with ``call_default_factory``)."""
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else None
        return None if self.default is Undefined else self.default


_FACTORY_TYPE: Any = type(attrs.Factory(list))


def _fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(typing.cast(Any, cls)))


def _default_of(attribute: attrs.Attribute[Any]) -> Any:
    default: Any = attribute.default
    if isinstance(default, _FACTORY_TYPE):
        return default.factory() if not default.takes_self else None
    return default


def _present_key(values: Mapping[str, Any], attribute: attrs.Attribute[Any]) -> str | None:
    if attribute.alias and attribute.alias in values:
        return attribute.alias
    if attribute.name in values:
        return attribute.name
    return None


_FIELD_INFOS: dict[type[Any], dict[str, FieldInfo]] = {}


def _field_infos(cls: type[Any], hints: Callable[[], Mapping[str, Any]]) -> dict[str, FieldInfo]:
    """Field name -> :class:`FieldInfo` of ``cls`` (cached; a new dict each call).

    ``hints`` resolves the annotations; a ``NameError`` (an unresolved forward reference)
    leaves them as written, and nothing is cached until they resolve.
    """
    infos = _FIELD_INFOS.get(cls)
    if infos is None:
        if not attrs.has(cls):
            return {}
        try:
            resolved, complete = hints(), True
        except NameError:
            resolved, complete = {}, False
        infos = {a.name: _field_info(a, resolved.get(a.name, a.type)) for a in _fields(cls)}
        if complete:
            _FIELD_INFOS[cls] = infos
    return dict(infos)


def _field_info(attribute: attrs.Attribute[Any], annotation: Any) -> FieldInfo:
    default: Any = attribute.default
    factory: Callable[[], Any] | None = None
    if isinstance(default, _FACTORY_TYPE):
        factory = default.factory if not default.takes_self else None
        default = Undefined if factory is not None else None
    elif default is attrs.NOTHING:
        default = Undefined
    alias = attribute.alias if attribute.alias and attribute.alias != attribute.name else None
    return FieldInfo(annotation=annotation, default=default, default_factory=factory, alias=alias)


_SLOT_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _slot_names(cls: type[Any]) -> tuple[str, ...]:
    """Every slot of ``cls`` and its bases (``__weakref__`` excluded), cached."""
    names = _SLOT_NAMES.get(cls)
    if names is None:
        found: list[str] = []
        for klass in reversed(cls.__mro__):
            slots = klass.__dict__.get("__slots__", ())
            for name in (slots,) if isinstance(slots, str) else slots:
                if name not in ("__weakref__", "__dict__") and name not in found:
                    found.append(name)
        names = _SLOT_NAMES[cls] = tuple(found)
    return names


_FIELD_NAMES: dict[type[Any], frozenset[str]] = {}


def _field_names(cls: type[Any]) -> frozenset[str]:
    """Field names and aliases of ``cls`` (cached)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        found: set[str] = set()
        for attribute in _fields(cls):
            found.add(attribute.name)
            if attribute.alias:
                found.add(attribute.alias)
        names = _FIELD_NAMES[cls] = frozenset(found)
    return names
