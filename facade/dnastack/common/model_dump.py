"""Dumping a :class:`~dnastack.common.model.Model` to a dict or JSON-ready values.

Internal to :mod:`dnastack.common.model` (``Model.dict``, ``json``, ``to_dict`` and
``copy``): the dump options, the recursive dump of models, lists and mappings, and the
pydantic-style ``include``/``exclude`` specs. The ``Model`` class is passed in
(:attr:`_DumpOptions.model_type`), so this module does not import it at run time.
"""

from __future__ import annotations

import datetime as _dt
import enum
import uuid
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import attrs

from dnastack.common.model_fields import _default_of, _fields

if TYPE_CHECKING:
    from dnastack.common.model import DictStrAny, IncEx, Model

__all__: list[str] = []  # internal helpers, no public names


@attrs.frozen
class _DumpOptions:
    by_alias: bool
    exclude_unset: bool
    exclude_defaults: bool
    exclude_none: bool
    models_as_dict: bool
    jsonable: bool
    model_type: type[Model]
    """The ``Model`` base: values of this type are dumped as nested models."""


def _json_scalar(value: Any) -> Any:
    """A JSON-ready form of a datetime, enum, set, path or UUID (models aside)."""
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return list(value)
    if isinstance(value, PurePath | uuid.UUID):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _dump_model(
    obj: Model, include: IncEx | None, exclude: IncEx | None, options: _DumpOptions
) -> DictStrAny:
    out: DictStrAny = {}
    fields_set = obj.__fields_set__
    for attribute in _fields(type(obj)):
        name = attribute.name
        if not _selected(name, include, exclude) or not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        if options.exclude_none and value is None:
            continue
        if options.exclude_unset and name not in fields_set:
            continue
        if (
            options.exclude_defaults
            and attribute.default is not attrs.NOTHING
            and value == _default_of(attribute)
        ):
            continue
        key = attribute.alias if options.by_alias and attribute.alias else name
        out[key] = _dump_value(value, _sub(include, name), _sub(exclude, name), options)
    for key, value in (obj.__extra__ or {}).items():
        if key in out or not _selected(key, include, exclude):
            continue
        out[key] = _dump_value(value, _sub(include, key), _sub(exclude, key), options)
    return out


def _dump_value(value: Any, include: Any, exclude: Any, options: _DumpOptions) -> Any:
    if isinstance(value, options.model_type):
        if not options.models_as_dict:
            return value
        return _dump_model(value, _as_spec(include), _as_spec(exclude), options)
    if isinstance(value, list | tuple):
        items = [
            _dump_value(v, _sub(include, i), _sub(exclude, i), options)
            for i, v in enumerate(value)
            if _selected(i, _as_spec(include), _as_spec(exclude))
        ]
        return items if isinstance(value, list) or options.jsonable else tuple(items)
    if isinstance(value, Mapping):
        return {
            k: _dump_value(v, _sub(include, k), _sub(exclude, k), options)
            for k, v in value.items()
            if _selected(k, _as_spec(include), _as_spec(exclude))
        }
    if options.jsonable and not isinstance(value, str | int | float | bool | type(None)):
        return _json_scalar(value)
    return value


def _as_spec(spec: Any) -> IncEx | None:
    """A nested include/exclude spec; ``True``/``...`` (the whole value) means no filter."""
    if spec is None or spec is True or spec is Ellipsis:
        return None
    if isinstance(spec, Mapping | AbstractSet):
        return spec
    return None


def _selected(key: int | str, include: IncEx | None, exclude: IncEx | None) -> bool:
    if include is not None and key not in include and "__all__" not in include:
        return False
    if exclude is not None:
        if isinstance(exclude, Mapping):
            sub = exclude.get(key, exclude.get("__all__"))
            return not (sub is True or sub is Ellipsis)
        return key not in exclude
    return True


def _sub(spec: Any, key: int | str) -> Any:
    """The part of an include/exclude spec that applies inside ``key``."""
    if isinstance(spec, Mapping):
        sub = spec.get(key, spec.get("__all__"))
        return sub if isinstance(sub, Mapping | AbstractSet) else None
    return None
