"""Safe local names for downloaded objects: no absolute paths, no ``..``, no separators.

A server chooses ``DrsObject.name`` and bundle ``contents`` names; none of them may write
outside the target folder or overwrite a file silently.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

__all__ = ["numbered_name", "safe_filename", "safe_relative_path", "unique_path"]

MAX_NAME_BYTES: Final = 240  # leaves room for a collision suffix and a temp-file suffix
_UNSAFE: Final = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\ud800-\udfff]')  # + lone surrogates
_RESERVED_WINDOWS: Final = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def safe_filename(name: str | None, fallback: str) -> str:
    """One safe path component from ``name``, or from ``fallback`` if nothing is left of it."""
    for candidate in (name, fallback, "object"):
        cleaned = _clean_component(candidate or "")
        if cleaned:
            return cleaned
    raise AssertionError("unreachable: the literal fallback is always safe")


def _clean_component(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # last component of any path
    name = _UNSAFE.sub("_", name).strip().strip(".")
    if name.split(".", 1)[0].lower() in _RESERVED_WINDOWS:
        name = f"_{name}"
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        _, dot, suffix = name.rpartition(".")
        keep = suffix if dot and len(suffix) <= 16 else ""
        budget = MAX_NAME_BYTES - len(keep.encode("utf-8")) - (1 if keep else 0)
        head = encoded[:budget].decode("utf-8", errors="ignore")
        name = f"{head}.{keep}" if keep else head
    return name


def safe_relative_path(parts: Sequence[str], fallback: str) -> Path:
    """A relative path from bundle ``contents`` names: each component cleaned, ``..`` dropped."""
    cleaned = []
    for part in parts:
        for piece in part.replace("\\", "/").split("/"):
            if piece in ("", ".", ".."):
                continue
            component = _clean_component(piece)
            if component:
                cleaned.append(component)
    return Path(*cleaned) if cleaned else Path(safe_filename(None, fallback))


def numbered_name(name: str, counter: int) -> str:
    """``name`` for 0, else ``stem (counter).suffixes`` (``a.tar.gz`` -> ``a (1).tar.gz``)."""
    if counter == 0:
        return name
    stem, dot, suffix = name.partition(".") if not name.startswith(".") else (name, "", "")
    return f"{stem} ({counter}){dot}{suffix}"


def unique_path(directory: Path, name: str, taken: Iterable[Path] = ()) -> Path:
    """``directory/name``, or ``name (1)``, ``name (2)``... if that exists (a dangling link
    included) or is already taken."""
    reserved = set(taken)
    counter = 0
    candidate = directory / name
    while os.path.lexists(candidate) or candidate in reserved:
        counter += 1
        candidate = directory / numbered_name(name, counter)
    return candidate
