"""Validating and parsing data into a :class:`~dnastack.common.model.Model`.

Internal to :mod:`dnastack.common.model` (``Model.parse_obj``): one plan per model class
(a converter per field, built from the field's annotation and cached), the converters for
scalars, enums, unions, literals, sequences, mappings and nested models, and
:class:`_Invalid`, the failure that ``parse_obj`` turns into a ``ModelValidationError``.
The ``Model`` class is passed in (``model_type``), so this module does not import it at
run time.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import math
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from dnastack.common.model_fields import _FIELD_INFOS, _fields

if TYPE_CHECKING:
    from dnastack.common.model import DictStrAny, Model

__all__: list[str] = []  # internal helpers, no public names

_M = TypeVar("_M", bound="Model")


class _Invalid(Exception):
    """Internal: a conversion failure at ``path`` (turned into ModelValidationError)."""

    def __init__(self, problem: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path


_Converter = Callable[[Any, tuple[str | int, ...]], Any]


@attrs.frozen
class _FieldPlan:
    name: str
    init_name: str
    alias: str | None
    convert: _Converter
    required: bool


_PLANS: dict[type[Any], tuple[_FieldPlan, ...]] = {}
_LOCALNS: dict[type[Any], DictStrAny] = {}


def _update_forward_refs(cls: type[Model], localns: DictStrAny) -> None:
    """Resolve ``cls``'s string annotations with ``localns`` (kept for later plans)."""
    _LOCALNS[cls] = {**_LOCALNS.get(cls, {}), **localns}
    attrs.resolve_types(typing.cast(Any, cls), localns=_LOCALNS[cls])
    _PLANS.pop(cls, None)
    _FIELD_INFOS.pop(cls, None)


def _type_hints(cls: type[Model]) -> DictStrAny:
    """``cls``'s resolved annotations; ``NameError`` while a forward reference is unresolved."""
    return typing.get_type_hints(cls, localns=_LOCALNS.get(cls))


def _plan(cls: type[Model], model_type: type[Model]) -> tuple[_FieldPlan, ...]:
    cached = _PLANS.get(cls)
    if cached is not None:
        return cached
    try:
        hints = _type_hints(cls)
    except NameError as exc:
        raise TypeError(
            f"{cls.__name__} has an unresolved annotation ({exc}); "
            f"call {cls.__name__}.update_forward_refs(...)"
        ) from exc
    plans = []
    for attribute in _fields(cls):
        hint = hints.get(attribute.name, Any)
        plans.append(
            _FieldPlan(
                name=attribute.name,
                init_name=attribute.alias or attribute.name,
                alias=attribute.alias if attribute.alias != attribute.name else None,
                convert=_converter_for(hint, model_type),
                required=attribute.default is attrs.NOTHING,
            )
        )
    result = tuple(plans)
    _PLANS[cls] = result
    return result


def _parse_model(
    cls: type[_M], data: Any, path: tuple[str | int, ...], model_type: type[Model]
) -> _M:
    """Validate ``data`` into ``cls``; ``model_type`` is the ``Model`` base (nested models)."""
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise _Invalid(f"expected an object, got {_type_name(data)}", path)
    kwargs: DictStrAny = {}
    known: set[str] = set()
    for plan in _plan(cls, model_type):
        key = plan.alias if plan.alias is not None and plan.alias in data else plan.name
        known.add(plan.name)
        if plan.alias is not None:
            known.add(plan.alias)
        if key not in data:
            if plan.required:
                raise _Invalid("field required", (*path, plan.alias or plan.name))
            continue
        kwargs[plan.init_name] = plan.convert(data[key], (*path, key))
    extra = {k: v for k, v in data.items() if k not in known}
    policy = cls.__model_extra__
    if extra and policy == "forbid":
        raise _Invalid("unexpected field", (*path, str(next(iter(extra)))))
    obj = cls(**kwargs)
    if extra and policy == "allow":
        object.__setattr__(obj, "__extra__", dict(extra))
    return obj


def _converter_for(hint: Any, model_type: type[Model]) -> _Converter:
    if hint is Any or hint is object:
        return _identity
    if hint is type(None):
        return _none_only
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union_converter(args, model_type)
    if origin is Literal:
        return _literal_converter(args)
    if hint is str:
        return _to_str
    if hint is bool:
        return _to_bool
    if hint is int:
        return _to_int
    if hint is float:
        return _to_float
    if hint is _dt.datetime:
        return _to_datetime
    if hint is _dt.date:
        return _to_date
    if origin in (list, typing.List, tuple, set, frozenset) or (  # noqa: UP006
        origin is not None and _is_abc_sequence(origin)
    ):
        return _sequence_converter(origin, args, model_type)
    if origin in (dict, typing.Dict) or (origin is not None and _is_abc_mapping(origin)):  # noqa: UP006
        key_type, value_type = args if len(args) == 2 else (Any, Any)
        return _mapping_converter(key_type, value_type, model_type)
    if hint in (list, tuple, set, frozenset):
        return _sequence_converter(hint, (), model_type)
    if hint is dict:
        return _mapping_converter(Any, Any, model_type)
    if isinstance(hint, type) and issubclass(hint, model_type):
        return functools.partial(_parse_nested, hint, model_type)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(_to_enum, hint)
    if isinstance(hint, type):
        return functools.partial(_instance_of, hint)
    return _identity


def _is_abc_sequence(origin: Any) -> bool:
    import collections.abc as abc

    return origin in (abc.Sequence, abc.MutableSequence, abc.Iterable, abc.Collection)


def _is_abc_mapping(origin: Any) -> bool:
    import collections.abc as abc

    return origin in (abc.Mapping, abc.MutableMapping)


def _identity(value: Any, path: tuple[str | int, ...]) -> Any:
    return value


def _none_only(value: Any, path: tuple[str | int, ...]) -> Any:
    if value is not None:
        raise _Invalid(f"expected null, got {_type_name(value)}", path)
    return None


def _to_str(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid(f"expected a string, got {_type_name(value)}", path)


def _to_bool(value: Any, path: tuple[str | int, ...]) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid(f"expected a boolean, got {_type_name(value)}", path)


def _to_int(value: Any, path: tuple[str | int, ...]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _Invalid(f"expected an integer, got {_type_name(value)}", path)


def non_finite(value: int | float) -> str | None:
    """What ``value`` is when it is not a finite float ("an integer out of range", "NaN",
    "infinity", "-infinity"; YAML's ``.nan``/``.inf`` or a huge integer), else None."""
    try:
        number = float(value)
    except OverflowError:  # an integer beyond the range of a float
        return "an integer out of range"
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "-infinity" if number < 0 else "infinity"
    return None


def _to_float(value: Any, path: tuple[str | int, ...]) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _Invalid(f"expected a number, got {_type_name(value)}", path)
    problem = non_finite(value)
    if problem is not None:
        raise _Invalid(f"expected a finite number, got {problem}", path)
    return float(value)


def _to_datetime(value: Any, path: tuple[str | int, ...]) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _Invalid(f"expected an ISO 8601 date-time, got {_type_name(value)}", path)


def _to_date(value: Any, path: tuple[str | int, ...]) -> _dt.date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _Invalid(f"expected an ISO 8601 date, got {_type_name(value)}", path)


def _to_enum(enum_type: type[enum.Enum], value: Any, path: tuple[str | int, ...]) -> enum.Enum:
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum_type)
        raise _Invalid(f"expected one of {allowed}", path) from None


def _instance_of(expected: type[Any], value: Any, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, expected):
        return value
    raise _Invalid(f"expected {expected.__name__}, got {_type_name(value)}", path)


def _parse_nested(
    cls: type[Model], model_type: type[Model], value: Any, path: tuple[str | int, ...]
) -> Model:
    return _parse_model(cls, value, path, model_type)


def _union_converter(args: tuple[Any, ...], model_type: type[Model]) -> _Converter:
    allows_none = type(None) in args
    converters = [_converter_for(a, model_type) for a in args if a is not type(None)]

    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if value is None:
            if allows_none:
                return None
            raise _Invalid("must not be null", path)
        failure: _Invalid | None = None
        for converter in converters:
            try:
                return converter(value, path)
            except _Invalid as exc:
                # an error deeper inside the value is more useful than a type mismatch here
                if failure is None or len(exc.path) > len(failure.path):
                    failure = exc
        assert failure is not None
        raise failure

    return convert


def _literal_converter(args: tuple[Any, ...]) -> _Converter:
    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if value in args:
            return value
        raise _Invalid(f"expected one of {', '.join(repr(a) for a in args)}", path)

    return convert


def _sequence_converter(origin: Any, args: tuple[Any, ...], model_type: type[Model]) -> _Converter:
    if origin is tuple and args and args[-1] is not Ellipsis:
        item_converters = [_converter_for(a, model_type) for a in args]

        def convert_fixed(value: Any, path: tuple[str | int, ...]) -> Any:
            if not isinstance(value, list | tuple) or len(value) != len(item_converters):
                raise _Invalid(f"expected a list of {len(item_converters)} items", path)
            return tuple(
                c(v, (*path, i))
                for i, (c, v) in enumerate(zip(item_converters, value, strict=True))
            )

        return convert_fixed
    item = _converter_for(args[0], model_type) if args else _identity
    build: Callable[[Any], Any] = {tuple: tuple, set: set, frozenset: frozenset}.get(origin, list)

    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            raise _Invalid(f"expected a list, got {_type_name(value)}", path)
        return build(item(v, (*path, i)) for i, v in enumerate(value))

    return convert


def _mapping_converter(key_type: Any, value_type: Any, model_type: type[Model]) -> _Converter:
    convert_key = _converter_for(key_type, model_type)
    convert_value = _converter_for(value_type, model_type)

    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, Mapping):
            raise _Invalid(f"expected an object, got {_type_name(value)}", path)
        return {
            convert_key(k, (*path, str(k))): convert_value(v, (*path, str(k)))
            for k, v in value.items()
        }

    return convert


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__
