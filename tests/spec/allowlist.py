"""The fidelity allowlist: parse it, and match its entries against real deviations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.spec.fidelity import KINDS, Deviation

__all__ = ["AllowlistEntry", "AllowlistError", "parse_allowlist", "renames", "stale", "unexplained"]


class AllowlistError(ValueError):
    """The allowlist file is malformed."""


@dataclass(frozen=True)
class AllowlistEntry:
    """One deliberate deviation of one of our specs from its published document."""

    spec: str
    where: str
    what: str
    reason: str
    ours: str | None = None  # only for `renamed-schema`: our name of the schema

    def matches(self, deviation: Deviation) -> bool:
        return (self.where, self.what) == (deviation.where, deviation.what)


def parse_allowlist(data: Any, known_specs: Iterable[str]) -> list[AllowlistEntry]:
    """Entries of ``{"deviations": [...]}``; raises :class:`AllowlistError` on any defect."""
    known = set(known_specs)
    if not isinstance(data, Mapping) or not isinstance(data.get("deviations"), list):
        raise AllowlistError("the allowlist must be a mapping with a `deviations` list")
    entries: list[AllowlistEntry] = []
    for index, raw in enumerate(data["deviations"]):
        label = f"deviations[{index}]"
        if not isinstance(raw, Mapping):
            raise AllowlistError(f"{label} is not a mapping")
        unknown_keys = set(raw) - {"spec", "where", "what", "reason", "ours"}
        if unknown_keys:
            raise AllowlistError(f"{label} has unknown keys {sorted(unknown_keys)}")
        for key in ("spec", "where", "what", "reason"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise AllowlistError(f"{label} needs a non-empty `{key}`")
        if raw["spec"] not in known:
            raise AllowlistError(f"{label}: unknown spec {raw['spec']!r}")
        if raw["what"] not in KINDS:
            raise AllowlistError(f"{label}: unknown kind {raw['what']!r}")
        if (raw["what"] == "renamed-schema") != isinstance(raw.get("ours"), str):
            raise AllowlistError(f"{label}: `ours` is given exactly for `renamed-schema`")
        entry = AllowlistEntry(
            raw["spec"], raw["where"], raw["what"], raw["reason"], raw.get("ours")
        )
        if any((e.spec, e.where, e.what) == (entry.spec, entry.where, entry.what) for e in entries):
            raise AllowlistError(f"{label} repeats {entry.spec} {entry.where} {entry.what}")
        entries.append(entry)
    return entries


def renames(entries: Iterable[AllowlistEntry]) -> dict[str, str]:
    """Published schema name -> our name, from the `renamed-schema` entries."""
    return {e.where: e.ours for e in entries if e.what == "renamed-schema" and e.ours}


def unexplained(
    deviations: Iterable[Deviation], entries: Sequence[AllowlistEntry]
) -> list[Deviation]:
    """Deviations no entry allows."""
    return [d for d in deviations if not any(e.matches(d) for e in entries)]


def stale(
    entries: Iterable[AllowlistEntry], deviations: Sequence[Deviation]
) -> list[AllowlistEntry]:
    """Entries that match no real deviation (the difference is gone: delete the entry)."""
    return [e for e in entries if not any(e.matches(d) for d in deviations)]
