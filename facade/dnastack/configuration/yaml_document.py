"""YAML reading and writing for the configuration file: bounded, line-aware, round-trip.

ruamel.yaml (round-trip mode) is imported inside the functions, so
``import dnastack.configuration`` stays cheap.

* :func:`load_document` parses text into ruamel's round-trip tree (comments, key order
  and line numbers kept) and refuses documents that would blow up when walked: deeper
  than :data:`MAX_DEPTH`, more than :data:`MAX_NODES` nodes once aliases are expanded
  (the "billion laughs" document), or a recursive alias.
* :func:`to_plain` turns that tree into plain ``dict``/``list``/scalars.
* :func:`merge_document` writes new data into the tree in place, so a save keeps the
  user's comments, key order and quoting wherever the data did not change.

Error messages name the file, the line and the problem, never the offending text (it may
hold a secret).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from dnastack.exceptions import ConfigurationError

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "dump_document",
    "dump_yaml",
    "line_of",
    "load_document",
    "merge_document",
    "parse_yaml",
    "to_plain",
]

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted (real configurations use about 8)."""
MAX_NODES = 200_000
"""Most nodes accepted once aliases are expanded (real configurations have a few hundred)."""

_SCALARS = (str, int, float, bool, datetime.date, type(None))


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long URLs or tokens
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def load_document(text: str, source: str) -> Any:
    """The round-trip tree of ``text`` (None for an empty document), within the limits.

    Raises:
        ConfigurationError: "<source>, line N: invalid YAML: <problem>", or a document
            beyond :data:`MAX_DEPTH`/:data:`MAX_NODES`.
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if _nesting_depth(text) > MAX_DEPTH:  # before parsing: deep nesting makes it slow
        raise ConfigurationError(f"{source}: nested deeper than {MAX_DEPTH} levels")
    try:
        tree = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = exc.problem or exc.context or "malformed document"
        raise ConfigurationError(f"{where}: invalid YAML: {problem}") from None
    except YAMLError as exc:
        raise ConfigurationError(f"{source}: invalid YAML ({type(exc).__name__})") from None
    except RecursionError:
        raise ConfigurationError(
            f"{source}: invalid YAML: nested deeper than {MAX_DEPTH} levels"
        ) from None
    except (ValueError, OverflowError) as exc:
        # e.g. an integer of more than 4300 digits
        problem = "a number out of range" if "digit" in str(exc) else type(exc).__name__
        raise ConfigurationError(f"{source}: invalid YAML: {problem}") from None
    _check_size(tree, source)
    return tree


def _nesting_depth(text: str) -> int:
    """A quick upper estimate of the nesting depth of YAML ``text`` (one pass, no parse).

    Flow nesting counts open brackets outside quotes and comments; block nesting counts
    the chain of increasing indentations (and ``- `` markers) leading to each line.
    """
    deepest = 0
    indents: list[int] = []
    flow = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = 0
            while stripped.startswith("- ") or stripped == "-":
                dashes += 1
                stripped = stripped[2:].lstrip(" ")
            deepest = max(deepest, len(indents) + dashes)
        quote = ""
        previous = " "
        for char in stripped:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'" and previous in " \t[{,:":
                quote = char
            elif char == "#" and previous in " \t":
                break
            elif char in "[{":
                flow += 1
                deepest = max(deepest, len(indents) + flow)
            elif char in "]}":
                flow = max(0, flow - 1)
            previous = char
    return deepest


def _children(node: Any) -> list[Any]:
    if isinstance(node, Mapping):
        return [*node.keys(), *node.values()]
    if isinstance(node, list | tuple | set):
        return list(node)
    return []


def _check_size(tree: Any, source: str) -> None:
    """Count nodes as if aliases were expanded (memoised per shared node: no blow-up)."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    # iterative post-order walk: (node, depth, children visited?)
    stack: list[tuple[Any, int, bool]] = [(tree, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            total = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            if total > MAX_NODES:
                raise ConfigurationError(
                    f"{source}: more than {MAX_NODES} values once aliases are expanded; "
                    "refusing to read it"
                )
            sizes[key] = total
            continue
        if isinstance(node, _SCALARS) or key in sizes:
            continue
        if key in in_progress:
            raise ConfigurationError(f"{source}: a recursive alias (an anchor used inside itself)")
        if depth > MAX_DEPTH:
            raise ConfigurationError(f"{source}: nested deeper than {MAX_DEPTH} levels")
        in_progress.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            stack.append((child, depth + 1, False))


def to_plain(node: Any) -> Any:
    """Plain ``dict``/``list``/``str``/``int``/``float``/``bool`` of a round-trip tree."""
    from ruamel.yaml.comments import TaggedScalar

    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, Mapping):
        return {to_plain(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [to_plain(item) for item in node]
    if isinstance(node, TaggedScalar):
        return str(node.value)
    return node


def parse_yaml(text: str, source: str) -> Any:
    """Plain data of ``text`` (bounded, see :func:`load_document`).

    Raises:
        ConfigurationError: "<source>, line N: invalid YAML: <problem>".
    """
    return to_plain(load_document(text, source))


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the node at ``path`` in the YAML ``text`` (or of its nearest parent).

    Used only when reporting an error, so the second parse costs nothing in the happy path.
    """
    try:
        node = load_document(text, "")
    except ConfigurationError:
        return None
    return line_in(node, path)


def line_in(tree: Any, path: tuple[str | int, ...]) -> int | None:
    """1-based line of ``path`` in a tree from :func:`load_document` (nearest parent)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    line: int | None = 1 if tree is not None else None
    node = tree
    for part in path:
        try:
            if isinstance(node, CommentedMap):
                key = next((k for k in node if str(k) == str(part)), None)
                if key is None:
                    break
                line = node.lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(part, int):
                if not 0 <= part < len(node):
                    break
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def merge_document(tree: Any, data: Any) -> Any:
    """``data`` written into the round-trip ``tree`` (in place where possible); returned.

    Mappings keep their keys' order and comments (removed keys go, new keys are added at
    the end); lists of mappings with an ``id`` are matched by id, other lists by position;
    a scalar equal to the new value keeps its original spelling. A node shared through an
    alias is merged once, and later occurrences get plain copies (correct data first).
    """
    return _merge(tree, data, set())


def _merge(old: Any, new: Any, seen: set[int]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, Mapping) and id(old) not in seen:
        seen.add(id(old))
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _merge(old[key], value, seen) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and id(old) not in seen:
        seen.add(id(old))
        by_id = {_item_id(item): item for item in old if _item_id(item) is not None}
        if len(by_id) == len(old) and all(_item_id(item) is not None for item in new):
            merged = [_merge(by_id.get(_item_id(item)), item, seen) for item in new]
        else:
            merged = [
                _merge(old[index] if index < len(old) else None, item, seen)
                for index, item in enumerate(new)
            ]
        if len(merged) != len(old) or any(a is not b for a, b in zip(merged, old, strict=False)):
            old[:] = merged
        return old
    if _same_scalar(old, new):
        return old
    return new


def _item_id(item: Any) -> Any:
    if isinstance(item, Mapping):
        value = item.get("id")
        return value if isinstance(value, str) else None
    return None


def _same_scalar(old: Any, new: Any) -> bool:
    if not isinstance(old, _SCALARS) or not isinstance(new, _SCALARS):
        return False
    return type(to_plain(old)) is type(new) and to_plain(old) == new


def dump_document(tree: Any) -> str:
    """Block-style YAML text of a round-trip tree (or of plain data)."""
    import io

    stream = io.StringIO()
    _yaml().dump(tree, stream)
    return stream.getvalue()


def dump_yaml(data: Any) -> str:
    """Block-style YAML with keys in insertion order."""
    return dump_document(data)
