"""Known values for path parameters, and the concrete requests built from them.

Random identifiers only ever reach 404s. The runner therefore keeps, per path parameter, the
values it knows to exist (given with ``--param`` or discovered from list endpoints), coherent
tuples of them (an ``access_id`` belongs to one ``object_id``), and the values of resources it
created itself during the run. Operations that write (``DELETE``, ``PUT``, ``PATCH`` and the
POSTs listed in :data:`WRITE_OPERATIONS`) only ever get values the run created: the runner never
deletes or changes what was on the server before it started.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "NO_BODY",
    "WRITE_OPERATIONS",
    "Knowledge",
    "SeedRequest",
    "is_write_operation",
    "operation_label",
]

WRITE_OPERATIONS: frozenset[str] = frozenset(
    {
        "POST /collections",
        "POST /collections/{id}/items",
    }
)
"""POST operations that change server state (every DELETE, PUT and PATCH does too)."""

_WRITE_METHODS = frozenset({"DELETE", "PUT", "PATCH"})


class _NoBody:
    """Marker for a seed request without a body (``None`` is the JSON body ``null``)."""

    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY: Any = _NoBody()


def operation_label(method: str, path: str) -> str:
    """``("get", "/objects/{object_id}")`` -> ``"GET /objects/{object_id}"``."""
    return f"{method.upper()} {path}"


def is_write_operation(label: str) -> bool:
    """Whether the operation ``label`` changes server state."""
    method = label.split(" ", 1)[0].upper()
    return method in _WRITE_METHODS or label in WRITE_OPERATIONS


@dataclass(frozen=True)
class SeedRequest:
    """A concrete request for one operation, built from known values (sent as is)."""

    operation: str
    path_parameters: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    body: Any = NO_BODY

    @property
    def has_body(self) -> bool:
        return self.body is not NO_BODY


def _append_unique(target: list[str], value: str) -> bool:
    if value in target:
        return False
    target.append(value)
    return True


@dataclass
class Knowledge:
    """What the runner knows exists on the server, and what it created there."""

    values: dict[str, list[str]] = field(default_factory=dict)
    combos: list[dict[str, str]] = field(default_factory=list)
    owned: dict[str, list[str]] = field(default_factory=dict)
    released: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> Knowledge:
        knowledge = cls()
        for name, values in params.items():
            for value in values:
                knowledge.add_value(name, value)
        return knowledge

    def add_value(self, name: str, value: object) -> None:
        """Remember that ``value`` exists for the path parameter ``name``."""
        if isinstance(value, str) and value:
            _append_unique(self.values.setdefault(name, []), value)

    def add_values(self, name: str, values: Iterable[object]) -> None:
        for value in values:
            self.add_value(name, value)

    def add_combo(self, combo: Mapping[str, str]) -> None:
        """Remember values that belong together (and each of them on its own)."""
        entry = dict(combo)
        if entry and entry not in self.combos:
            self.combos.append(entry)
        for name, value in entry.items():
            self.add_value(name, value)

    def add_owned(self, name: str, value: object) -> None:
        """Remember a resource this run created (write operations may use it)."""
        if isinstance(value, str) and value:
            _append_unique(self.owned.setdefault(name, []), value)

    def release(self, name: str, value: str) -> None:
        """Forget an owned resource the run deleted."""
        _append_unique(self.released.setdefault(name, []), value)

    def live_owned(self, name: str) -> list[str]:
        """Owned values of ``name`` not yet deleted by the run."""
        gone = set(self.released.get(name, []))
        return [v for v in self.owned.get(name, []) if v not in gone]

    def protected(self, name: str) -> set[str]:
        """Values write operations must not touch: those that existed before the run."""
        return set(self.values.get(name, [])) - set(self.owned.get(name, []))

    def combos_for(
        self, path_parameters: Sequence[str], *, write: bool = False, limit: int = 4
    ) -> list[dict[str, str]]:
        """Up to ``limit`` assignments of known values to ``path_parameters``.

        Coherent tuples come first, then the cartesian product of the values known for each
        parameter. For a write operation only values the run created are used.
        """
        names = list(path_parameters)
        if not names:
            return [{}]
        found: list[dict[str, str]] = []
        if not write:
            for combo in self.combos:
                if all(name in combo for name in names):
                    projected = {name: combo[name] for name in names}
                    if projected not in found:
                        found.append(projected)
        pools = [self.live_owned(n) if write else self.values.get(n, []) for n in names]
        if all(pools):
            for values in itertools.product(*pools):
                candidate = dict(zip(names, values, strict=True))
                if candidate not in found:
                    found.append(candidate)
                if len(found) >= limit:
                    break
        return found[:limit]

    def summary(self) -> dict[str, list[str]]:
        """Known values per parameter, for the report (values the run created included)."""
        merged = {name: list(values) for name, values in self.values.items()}
        for name, values in self.owned.items():
            for value in values:
                _append_unique(merged.setdefault(name, []), value)
        return merged
