"""YAML reading and writing for the configuration file, with line-aware errors.

PyYAML is imported inside the functions, so ``import dnastack.configuration`` stays cheap.
Error messages name the file, the line and the problem, never the offending text (it may
hold a secret).
"""

from __future__ import annotations

from typing import Any

from dnastack.exceptions import ConfigurationError

__all__ = ["dump_yaml", "line_of", "parse_yaml"]


def parse_yaml(text: str, source: str) -> Any:
    """Parse ``text`` (safe loader).

    Raises:
        ConfigurationError: "<source>, line N: invalid YAML: <problem>".
    """
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = exc.problem or exc.context or "malformed document"
        raise ConfigurationError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{source}: invalid YAML ({type(exc).__name__})") from None


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the node at ``path`` in the YAML ``text`` (or of its nearest parent).

    Used only when reporting an error, so the second parse costs nothing in the happy path.
    """
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line: int = node.start_mark.line + 1
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _child(node: Any, part: str | int) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


def dump_yaml(data: Any) -> str:
    """Block-style YAML with keys in insertion order."""
    import yaml

    text: str = yaml.safe_dump(
        data, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100
    )
    return text
