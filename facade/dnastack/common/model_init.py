"""The constructor of a model class: attrs' ``__init__`` plus the record of the given fields.

A model must know which fields its caller gave (``model_fields_set``, ``exclude_unset``),
which attrs' own ``__init__`` does not record. A generic wrapper taking ``**values`` cost
several times attrs' ``__init__`` (the keyword dict built twice, a generator, a frozenset):
most of the work of turning a DRS object into models. This module writes, once per class, a
constructor with the same keyword parameters as attrs' one: an optional parameter defaults
to a marker, so "given" is one identity test, and the given fields form a bit mask mapped to
a shared frozenset. attrs' ``__init__`` still sets, converts and validates every value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

#: Distinct masks kept per class; past it, sets are computed per model (still correct).
FIELDS_SETS_PER_CLASS_LIMIT = 1024

#: Names the written constructor uses besides the fields' keywords.
_INTERNAL_NAMES = frozenset(
    {"self", "_attrs_init_", "_setattr_", "_fields_set_for_", "_not_given_"}
    | {"_by_mask_", "_mask_", "_given_"}
)


def model_init(
    cls: type[Any],
    attrs_init: Callable[..., None],
    shared_fields_set: Callable[[list[str]], frozenset[str]],
) -> Callable[..., None]:
    """An ``__init__`` for the attrs class ``cls`` that also sets ``__extra__``/``__fields_set__``.

    ``attrs_init`` is the class's attrs-generated ``__init__`` (keyword-only); the result
    takes the same keywords, raises the same ``TypeError`` for a missing or unknown one, and
    shows attrs' signature to ``inspect`` (``__wrapped__``).
    """
    fields = [a for a in attrs.fields(cls) if a.init]
    parameters: list[str] = []
    lines: list[str] = []
    forwarded: list[str] = []
    namespace: dict[str, Any] = {}
    bits: list[str] = []
    for index, attribute in enumerate(fields):
        keyword = attribute.alias
        if keyword in _INTERNAL_NAMES or keyword.startswith("_default_"):
            raise TypeError(f"{cls.__name__}: field alias {keyword!r} is reserved by @model")
        bit = 1 << index
        bits.append(attribute.name)
        forwarded.append(f"{keyword}={keyword}")
        if attribute.default is attrs.NOTHING:
            parameters.append(keyword)
            lines.append(f"    _mask_ |= {bit}")
        elif isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
            # attrs' own __init__ calls the factory when it receives its NOTHING marker.
            parameters.append(f"{keyword}=_not_given_")
            lines.append(f"    if {keyword} is not _not_given_: _mask_ |= {bit}")
        else:
            default_name = f"_default_{index}_"
            namespace[default_name] = attribute.default
            parameters.append(f"{keyword}=_not_given_")
            lines.append(f"    if {keyword} is _not_given_: {keyword} = {default_name}")
            lines.append(f"    else: _mask_ |= {bit}")
    by_mask: dict[int, frozenset[str]] = {}

    def fields_set_for(mask: int) -> frozenset[str]:
        names = [name for index, name in enumerate(bits) if mask >> index & 1]
        fields_set = shared_fields_set(names)
        if len(by_mask) < FIELDS_SETS_PER_CLASS_LIMIT:
            by_mask[mask] = fields_set
        return fields_set

    namespace.update(
        _attrs_init_=attrs_init,
        _setattr_=object.__setattr__,
        _fields_set_for_=fields_set_for,
        _not_given_=attrs.NOTHING,
        _by_mask_=by_mask,
    )
    signature = ", ".join(["self", "*", *parameters]) if parameters else "self"
    source = "\n".join(
        [
            f"def __init__({signature}):",
            "    _mask_ = 0",
            *lines,
            f"    _attrs_init_(self, {', '.join(forwarded)})",
            "    _given_ = _by_mask_.get(_mask_)",
            "    if _given_ is None: _given_ = _fields_set_for_(_mask_)",
            *(
                # A frozen class (or one with hooks) refuses or intercepts plain assignment.
                ["    self.__extra__ = None", "    self.__fields_set__ = _given_"]
                if getattr(cls, "__setattr__") is object.__setattr__  # noqa: B009
                else [
                    "    _setattr_(self, '__extra__', None)",
                    "    _setattr_(self, '__fields_set__', _given_)",
                ]
            ),
        ]
    )
    exec(compile(source, f"<@model __init__ of {cls.__qualname__}>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    functools.update_wrapper(init, attrs_init)
    return init
