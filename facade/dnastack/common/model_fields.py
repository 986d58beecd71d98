"""Introspection of the attrs classes behind :class:`~dnastack.common.model.Model`.

Internal to :mod:`dnastack.common.model` and its helpers (:mod:`.model_dump`,
:mod:`.model_parse`): fields, defaults, aliases and slots of a model class, cached per
class. Knows nothing of ``Model`` itself, so every model module can import it.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

import attrs

__all__: list[str] = []  # internal helpers, no public names

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
