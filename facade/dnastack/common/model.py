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

The pydantic v2 names that dnastack-client-library 3.x models had are thin aliases of
those methods: ``model_construct``, ``model_copy``, ``model_dump`` (``mode="json"``: the
values of ``to_dict``), ``model_dump_json``, ``model_validate``, ``model_validate_json``,
``model_fields`` (:class:`FieldInfo` per field), ``model_fields_set`` and ``model_extra``.
They take the pydantic v2 keyword arguments these models can honour; any other one (such as
``context`` or ``strict``) is a ``TypeError`` naming it.

Unknown keys follow the class's ``extra`` policy: ``"ignore"`` (default, dropped),
``"allow"`` (kept in :attr:`Model.model_extra` and written back by ``dict``) or
``"forbid"`` (an error). Field annotations must be importable at run time (not only under
``TYPE_CHECKING``): ``parse_obj`` resolves them.

This module holds the public API; the work is done by :mod:`dnastack.common.model_dump`
(``dict``/``json``/``to_dict``), :mod:`dnastack.common.model_parse` (``parse_obj``) and
:mod:`dnastack.common.model_fields` (attrs introspection shared by both).
"""

from __future__ import annotations

import copy as _copy
import functools
import json as _json
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, ClassVar, Literal, Never, TypeVar, dataclass_transform, overload

import attrs
from attrs import field as field  # re-exported: declare defaults, factories and aliases

from dnastack.common.model_dump import _dump_model, _DumpOptions, _json_scalar, _selected
from dnastack.common.model_fields import (
    FieldInfo,
    Undefined,
    _default_of,
    _field_infos,
    _field_names,
    _fields,
    _present_key,
    _slot_names,
)
from dnastack.common.model_init import model_init
from dnastack.common.model_parse import (
    _Invalid,
    _parse_model,
    _type_hints,
    _update_forward_refs,
)
from dnastack.exceptions import ModelValidationError

__all__ = [
    "DictStrAny",
    "ExtraPolicy",
    "FieldInfo",
    "IncEx",
    "Model",
    "Undefined",
    "field",
    "json_default",
    "model",
]

DictStrAny = dict[str, Any]
IncEx = AbstractSet[int | str] | Mapping[int | str, Any]
ExtraPolicy = Literal["ignore", "allow", "forbid"]

_C = TypeVar("_C", bound=type)
_M = TypeVar("_M", bound="Model")


class _ModelFields:
    """``Model.model_fields``: field name -> :class:`FieldInfo` of the class read from."""

    def __get__(self, obj: object, owner: type[Model]) -> dict[str, FieldInfo]:
        return _field_infos(owner, functools.partial(_type_hints, owner))


#: Most models of a class are built from the same few sets of field names: each distinct set
#: is kept once (a frozenset per model would cost ~200 bytes and one more object for the
#: garbage collector to track, per model). Bounded; past the bound, sets are not shared.
_SHARED_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}
SHARED_FIELDS_SETS_LIMIT = 4096


def shared_fields_set(names: Iterable[str]) -> frozenset[str]:
    """``frozenset(names)``, the same object for the same names (see ``_SHARED_FIELDS_SETS``)."""
    fresh = frozenset(names)
    shared = _SHARED_FIELDS_SETS.get(fresh)
    if shared is not None:
        return shared
    if len(_SHARED_FIELDS_SETS) < SHARED_FIELDS_SETS_LIMIT:
        _SHARED_FIELDS_SETS[fresh] = fresh
    return fresh


class Model:
    """Base class of the documented models. Declare subclasses with :func:`model`."""

    __slots__ = ("__extra__", "__fields_set__")
    __model_extra__: ClassVar[ExtraPolicy] = "ignore"
    __extra__: DictStrAny | None
    __fields_set__: frozenset[str]
    model_fields = _ModelFields()

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
        fields_set = shared_fields_set(_fields_set if _fields_set is not None else given)
        object.__setattr__(obj, "__fields_set__", fields_set)
        return obj

    @classmethod
    def parse_obj(cls: type[_M], obj: Any) -> _M:
        """Validate ``obj`` (a mapping, or an instance) and build the model from it."""
        if isinstance(obj, cls):
            return obj
        try:
            return _parse_model(cls, obj, (), Model)
        except _Invalid as exc:
            raise ModelValidationError(exc.problem, path=exc.path, model=cls.__name__) from None

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        """Alias of :meth:`parse_obj`."""
        return cls.parse_obj(data)

    @classmethod
    def update_forward_refs(cls, **localns: Any) -> None:
        """Resolve string annotations (forward references) using ``localns``."""
        _update_forward_refs(cls, localns)

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
        return self._dump(
            include,
            exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset if skip_defaults is None else skip_defaults,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

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

        Compact (no spaces) and not ASCII-escaped, as 3.x (pydantic v2) wrote it;
        ``dumps_kwargs`` go to ``json.dumps`` (``indent=2`` puts a space after colons).
        ``encoder`` is passed to ``json.dumps`` as ``default`` (replacing
        :func:`json_default`); with ``models_as_dict=False`` nested models are handed to
        it instead of being converted first.
        """
        data = self._dump(
            include,
            exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset if skip_defaults is None else skip_defaults,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            models_as_dict=models_as_dict,
        )
        dumps_kwargs.setdefault("ensure_ascii", False)
        spaced = dumps_kwargs.get("indent") is not None
        dumps_kwargs.setdefault("separators", (",", ": ") if spaced else (",", ":"))
        return _json.dumps(data, default=encoder or json_default, **dumps_kwargs)

    def to_dict(self, *, by_alias: bool = True, exclude_none: bool = False) -> DictStrAny:
        """A JSON-ready dict (aliases by default; datetimes, enums and paths as strings)."""
        return self._dump(None, None, by_alias=by_alias, exclude_none=exclude_none, jsonable=True)

    def _dump(
        self,
        include: IncEx | None,
        exclude: IncEx | None,
        *,
        by_alias: bool,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        models_as_dict: bool = True,
        jsonable: bool = False,
    ) -> DictStrAny:
        options = _DumpOptions(
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            models_as_dict=models_as_dict,
            jsonable=jsonable,
            model_type=Model,
        )
        return _dump_model(self, include, exclude, options)

    # -- the pydantic v2 names (3.x models were pydantic v2 models) ------------------------

    @classmethod
    def model_construct(
        cls: type[_M], _fields_set: AbstractSet[str] | None = None, **values: Any
    ) -> _M:
        """Pydantic v2 name of :meth:`construct` (no validation)."""
        return cls.construct(_fields_set, **values)

    @classmethod
    def model_validate(cls: type[_M], obj: Any, **unsupported: Never) -> _M:
        """Pydantic v2 name of :meth:`parse_obj`; takes no options.

        Raises:
            ModelValidationError: ``obj`` does not fit the model.
        """
        _reject_unsupported(cls, cls.model_validate, unsupported)
        return cls.parse_obj(obj)

    @classmethod
    def model_validate_json(
        cls: type[_M], json_data: str | bytes | bytearray, **unsupported: Never
    ) -> _M:
        """Parse JSON text and validate it as :meth:`parse_obj` does; takes no options.

        Raises:
            ModelValidationError: the text is not JSON, or does not fit the model.
        """
        _reject_unsupported(cls, cls.model_validate_json, unsupported)
        try:
            data = _json.loads(json_data)
        except _json.JSONDecodeError as exc:
            problem = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            raise ModelValidationError(problem, model=cls.__name__) from None
        except ValueError:  # bytes that are not UTF-8/16/32 text
            raise ModelValidationError("invalid JSON: not text", model=cls.__name__) from None
        except RecursionError:
            raise ModelValidationError(
                "invalid JSON: nested too deeply", model=cls.__name__
            ) from None
        return cls.parse_obj(data)

    def model_copy(self: _M, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> _M:
        """Pydantic v2 name of :meth:`copy`: ``update`` is not validated; ``deep`` deep-copies."""
        return self.copy(update=dict(update) if update else None, deep=deep)

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
        **unsupported: Never,
    ) -> DictStrAny:
        """Pydantic v2 name of :meth:`dict`; ``mode="json"`` makes the values JSON-ready
        (datetimes, enums, UUIDs and paths as strings; tuples and sets as lists).

        ``round_trip`` and ``warnings`` are accepted and need nothing: a dump always
        validates back, and dumping never warns.
        """
        _reject_unsupported(type(self), self.model_dump, unsupported)
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")
        return self._dump(
            include,
            exclude,
            by_alias=bool(by_alias),
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            jsonable=mode == "json",
        )

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        ensure_ascii: bool = False,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
        **unsupported: Never,
    ) -> str:
        """Pydantic v2 name of :meth:`json` (compact unless ``indent`` is given)."""
        _reject_unsupported(type(self), self.model_dump_json, unsupported)
        return self.json(
            include=include,
            exclude=exclude,
            by_alias=bool(by_alias),
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            indent=indent,
            ensure_ascii=ensure_ascii,
        )

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
        init = model_init(new, new.__init__, shared_fields_set)
        setattr(new, "__init__", init)  # noqa: B010 - mypy forbids assigning a method
        return new

    return build if cls is None else build(cls)


def _reject_unsupported(
    cls: type[Model], method: Callable[..., Any], unsupported: Mapping[str, object]
) -> None:
    """A ``TypeError`` naming the keyword arguments ``method`` was given but does not take."""
    if not unsupported:
        return
    import inspect

    parameters = inspect.signature(method).parameters.values()
    taken = [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
    raise TypeError(
        f"{cls.__name__}.{method.__name__}() does not support {', '.join(sorted(unsupported))}"
        " (pydantic options these models do not implement); "
        + (f"it takes {', '.join(taken)}" if taken else "it takes no options")
    )


# -- JSON -------------------------------------------------------------------------------


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback: models, datetimes, enums, sets, paths and UUIDs."""
    if isinstance(value, Model):
        return value.to_dict(by_alias=False)
    return _json_scalar(value)
