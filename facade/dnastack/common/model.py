"""``Model``: the base of the documented models, on attrs with slots (no pydantic).

A model is declared with the :func:`model` decorator::

    @model
    class ServiceType(Model):
        group: str
        artifact: str
        version: str

Constructors are keyword-only (as pydantic's are). Fields keep their documented names,
which are often camelCase; :func:`field` (``attrs.field``) gives defaults and aliases
(``field(default=3.0, alias="model_version")``: the constructor and the serialised form use
the alias, the attribute uses the field name).

Every model offers the documented pydantic-v1 style methods: ``construct``, ``copy``,
``dict``, ``json``, ``update_forward_refs``, plus ``parse_obj``/``from_dict`` (validating)
and ``to_dict`` (JSON-ready). ``parse_obj`` converts nested dicts into nested models and
raises :class:`~dnastack.exceptions.ModelValidationError` naming the field path and the
expected type, never the offending value.

Unknown keys follow the class's ``extra`` policy: ``"ignore"`` (default, dropped),
``"allow"`` (kept in :attr:`Model.model_extra` and written back by ``dict``) or
``"forbid"`` (an error). Field annotations must be importable at run time (not only under
``TYPE_CHECKING``): ``parse_obj`` resolves them.
"""

from __future__ import annotations

import copy as _copy
import datetime as _dt
import enum
import functools
import json as _json
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import PurePath
from typing import Any, ClassVar, Literal, TypeVar, dataclass_transform, overload

import attrs
from attrs import field as field  # re-exported: declare defaults, factories and aliases

from dnastack.exceptions import ModelValidationError

__all__ = [
    "DictStrAny",
    "ExtraPolicy",
    "IncEx",
    "Model",
    "field",
    "json_default",
    "model",
]

DictStrAny = dict[str, Any]
IncEx = AbstractSet[int | str] | Mapping[int | str, Any]
ExtraPolicy = Literal["ignore", "allow", "forbid"]

_C = TypeVar("_C", bound=type)
_M = TypeVar("_M", bound="Model")


class _Invalid(Exception):
    """Internal: a conversion failure at ``path`` (turned into ModelValidationError)."""

    def __init__(self, problem: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path


class Model:
    """Base class of the documented models. Declare subclasses with :func:`model`."""

    __slots__ = ("__extra__", "__fields_set__")
    __model_extra__: ClassVar[ExtraPolicy] = "ignore"
    __extra__: DictStrAny | None
    __fields_set__: frozenset[str]

    # -- construction -------------------------------------------------------------------

    @classmethod
    def construct(cls: type[_M], _fields_set: AbstractSet[str] | None = None, **values: Any) -> _M:
        """Create a model from trusted data without validation.

        Defaults fill the fields not given; unknown keys are kept as extra values whatever
        the class's policy (as pydantic's ``construct`` does).
        """
        obj = cls.__new__(cls)
        names = _field_names(cls)
        given: set[str] = set()
        for attribute in _fields(cls):
            key = _present_key(values, attribute)
            if key is not None:
                object.__setattr__(obj, attribute.name, values[key])
                given.add(attribute.name)
            elif attribute.default is not attrs.NOTHING:
                object.__setattr__(obj, attribute.name, _default_of(attribute))
        extra = {k: v for k, v in values.items() if k not in names}
        object.__setattr__(obj, "__extra__", extra or None)
        fields_set = frozenset(_fields_set) if _fields_set is not None else frozenset(given)
        object.__setattr__(obj, "__fields_set__", fields_set)
        return obj

    @classmethod
    def parse_obj(cls: type[_M], obj: Any) -> _M:
        """Validate ``obj`` (a mapping, or an instance) and build the model from it."""
        if isinstance(obj, cls):
            return obj
        try:
            return _parse_model(cls, obj, ())
        except _Invalid as exc:
            raise ModelValidationError(exc.problem, path=exc.path, model=cls.__name__) from None

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        """Alias of :meth:`parse_obj`."""
        return cls.parse_obj(data)

    @classmethod
    def update_forward_refs(cls, **localns: Any) -> None:
        """Resolve string annotations (forward references) using ``localns``."""
        _LOCALNS[cls] = {**_LOCALNS.get(cls, {}), **localns}
        attrs.resolve_types(typing.cast(Any, cls), localns=_LOCALNS[cls])
        _PLANS.pop(cls, None)

    # -- copies and serialisation -------------------------------------------------------

    def copy(
        self: _M,
        *,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        update: DictStrAny | None = None,
        deep: bool = False,
    ) -> _M:
        """Duplicate the model, optionally choosing the fields to keep and changing some.

        Args:
            include: fields to keep (all when None).
            exclude: fields to drop; takes precedence over ``include``. A dropped field gets
                its default (a field without a default is left unset).
            update: values to change or add; not validated.
            deep: deep-copy the values.
        """
        values: DictStrAny = {}
        for attribute in _fields(type(self)):
            name = attribute.name
            if not _selected(name, include, exclude) or not hasattr(self, name):
                continue
            values[name] = getattr(self, name)
        for key, value in (self.__extra__ or {}).items():
            if _selected(key, include, exclude):
                values[key] = value
        if update:
            values.update(update)
        if deep:
            values = _copy.deepcopy(values)
        fields_set = {n for n in self.__fields_set__ if n in values} | set(update or ())
        return type(self).construct(_fields_set=fields_set, **values)

    def dict(
        self,
        *,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool = False,
        skip_defaults: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> DictStrAny:
        """The model as a dict; nested models become dicts.

        ``exclude_none``, ``exclude_unset`` and ``exclude_defaults`` apply to declared
        fields, not to extra values nor to the content of plain dict fields (so unknown
        keys survive a round trip exactly). ``skip_defaults`` is the deprecated name of
        ``exclude_unset``.
        """
        options = _DumpOptions(
            by_alias=by_alias,
            exclude_unset=exclude_unset if skip_defaults is None else skip_defaults,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            models_as_dict=True,
            jsonable=False,
        )
        return _dump_model(self, include, exclude, options)

    def json(
        self,
        *,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool = False,
        skip_defaults: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        encoder: Callable[[Any], Any] | None = None,
        models_as_dict: bool = True,
        **dumps_kwargs: Any,
    ) -> str:
        """The model as JSON; ``include``/``exclude`` as for :meth:`dict`.

        ``encoder`` is passed to ``json.dumps`` as ``default`` (replacing
        :func:`json_default`); with ``models_as_dict=False`` nested models are handed to
        it instead of being converted first.
        """
        options = _DumpOptions(
            by_alias=by_alias,
            exclude_unset=exclude_unset if skip_defaults is None else skip_defaults,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            models_as_dict=models_as_dict,
            jsonable=False,
        )
        data = _dump_model(self, include, exclude, options)
        return _json.dumps(data, default=encoder or json_default, **dumps_kwargs)

    def to_dict(self, *, by_alias: bool = True, exclude_none: bool = False) -> DictStrAny:
        """A JSON-ready dict (aliases by default; datetimes, enums and paths as strings)."""
        options = _DumpOptions(
            by_alias=by_alias,
            exclude_unset=False,
            exclude_defaults=False,
            exclude_none=exclude_none,
            models_as_dict=True,
            jsonable=True,
        )
        return _dump_model(self, None, None, options)

    # -- pickling and copy.copy/deepcopy (slots, frozen classes included) ------------------

    def __getstate__(self) -> DictStrAny:
        return {
            name: getattr(self, name) for name in _slot_names(type(self)) if hasattr(self, name)
        }

    def __setstate__(self, state: DictStrAny) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @property
    def model_extra(self) -> DictStrAny:
        """Unknown keys kept by the ``"allow"`` policy (or given to ``construct``)."""
        return dict(self.__extra__ or {})

    @property
    def model_fields_set(self) -> frozenset[str]:
        """Names of the fields explicitly given when the model was created."""
        return self.__fields_set__


# -- the decorator ----------------------------------------------------------------------


@overload
def model(cls: _C, /) -> _C: ...
@overload
def model(*, frozen: bool = False, extra: ExtraPolicy = "ignore") -> Callable[[_C], _C]: ...
@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def model(cls: Any = None, /, *, frozen: bool = False, extra: ExtraPolicy = "ignore") -> Any:
    """Turn a :class:`Model` subclass into a slotted, keyword-only attrs class."""

    def build(target: type[Any]) -> type[Any]:
        if not issubclass(target, Model):
            raise TypeError(f"@model needs a Model subclass, got {target.__name__}")
        new = attrs.define(target, slots=True, kw_only=True, frozen=frozen, getstate_setstate=False)
        new.__model_extra__ = extra
        by_alias = {a.alias: a.name for a in _fields(new)}
        attrs_init = new.__init__

        @functools.wraps(attrs_init)
        def __init__(self: Any, **values: Any) -> None:
            attrs_init(self, **values)
            object.__setattr__(self, "__extra__", None)
            object.__setattr__(
                self, "__fields_set__", frozenset(by_alias.get(k, k) for k in values)
            )

        setattr(new, "__init__", __init__)  # noqa: B010 - mypy forbids assigning a method
        return new

    return build if cls is None else build(cls)


# -- serialisation helpers ----------------------------------------------------------------


@attrs.frozen
class _DumpOptions:
    by_alias: bool
    exclude_unset: bool
    exclude_defaults: bool
    exclude_none: bool
    models_as_dict: bool
    jsonable: bool


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback: models, datetimes, enums, sets, paths and UUIDs."""
    if isinstance(value, Model):
        return value.to_dict(by_alias=False)
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
    if isinstance(value, Model):
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
        return json_default(value)
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


# -- validation ---------------------------------------------------------------------------

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


def _plan(cls: type[Model]) -> tuple[_FieldPlan, ...]:
    cached = _PLANS.get(cls)
    if cached is not None:
        return cached
    try:
        hints = typing.get_type_hints(cls, localns=_LOCALNS.get(cls))
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
                convert=_converter_for(hint),
                required=attribute.default is attrs.NOTHING,
            )
        )
    result = tuple(plans)
    _PLANS[cls] = result
    return result


def _parse_model(cls: type[_M], data: Any, path: tuple[str | int, ...]) -> _M:
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise _Invalid(f"expected an object, got {_type_name(data)}", path)
    kwargs: DictStrAny = {}
    known: set[str] = set()
    for plan in _plan(cls):
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


def _converter_for(hint: Any) -> _Converter:
    if hint is Any or hint is object:
        return _identity
    if hint is type(None):
        return _none_only
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union_converter(args)
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
        return _sequence_converter(origin, args)
    if origin in (dict, typing.Dict) or (origin is not None and _is_abc_mapping(origin)):  # noqa: UP006
        key_type, value_type = args if len(args) == 2 else (Any, Any)
        return _mapping_converter(key_type, value_type)
    if hint in (list, tuple, set, frozenset):
        return _sequence_converter(hint, ())
    if hint is dict:
        return _mapping_converter(Any, Any)
    if isinstance(hint, type) and issubclass(hint, Model):
        return functools.partial(_parse_nested, hint)
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


def _to_float(value: Any, path: tuple[str | int, ...]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise _Invalid(f"expected a number, got {_type_name(value)}", path)


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


def _parse_nested(cls: type[Model], value: Any, path: tuple[str | int, ...]) -> Model:
    return _parse_model(cls, value, path)


def _union_converter(args: tuple[Any, ...]) -> _Converter:
    allows_none = type(None) in args
    converters = [_converter_for(a) for a in args if a is not type(None)]

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


def _sequence_converter(origin: Any, args: tuple[Any, ...]) -> _Converter:
    if origin is tuple and args and args[-1] is not Ellipsis:
        item_converters = [_converter_for(a) for a in args]

        def convert_fixed(value: Any, path: tuple[str | int, ...]) -> Any:
            if not isinstance(value, list | tuple) or len(value) != len(item_converters):
                raise _Invalid(f"expected a list of {len(item_converters)} items", path)
            return tuple(
                c(v, (*path, i))
                for i, (c, v) in enumerate(zip(item_converters, value, strict=True))
            )

        return convert_fixed
    item = _converter_for(args[0]) if args else _identity
    build: Callable[[Any], Any] = {tuple: tuple, set: set, frozenset: frozenset}.get(origin, list)

    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            raise _Invalid(f"expected a list, got {_type_name(value)}", path)
        return build(item(v, (*path, i)) for i, v in enumerate(value))

    return convert


def _mapping_converter(key_type: Any, value_type: Any) -> _Converter:
    convert_key = _converter_for(key_type)
    convert_value = _converter_for(value_type)

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
