"""What a partitioned read needs to know about a query's text, found without a full parser.

A lexer that knows SQL strings (``'...'``), quoted identifiers (``"..."``, backticks),
comments and parentheses finds, at the top level of the statement: whether it is exactly
one ``SELECT`` (or ``WITH ... SELECT``, or a ``VALUES``/parenthesised query), the output
names of the outer select list that can be told from the text, and whether it has a
``LIMIT``/``FETCH``/``OFFSET`` without ``ORDER BY``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QueryShape", "query_shape", "quote_identifier"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>--[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^']|'')*')
  | (?P<quoted>"(?:[^"]|"")*"|`(?:[^`]|``)*`)
  | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CLAUSE_ENDS = {"FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET",
                "FETCH", "UNION", "INTERSECT", "EXCEPT", "QUALIFY"}  # fmt: skip
_NOT_NAMES = {"AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "CASE", "WHEN",
              "THEN", "ELSE", "END", "NULL", "TRUE", "FALSE", "DISTINCT", "ALL", "ESCAPE",
              "AT", "ZONE", "INTERVAL", "DATE", "TIME", "TIMESTAMP"}  # fmt: skip


@dataclass(frozen=True)
class QueryShape:
    """What :func:`query_shape` found.

    Attributes:
        single_select: exactly one statement, and a query (SELECT, WITH, VALUES, TABLE).
        problem: why it is not, when it is not.
        output_names: outer select-list names known from the text (``*`` items unknown).
        duplicate_names: names appearing more than once among them (case-insensitive).
        limit_without_order: a top-level LIMIT/FETCH/OFFSET and no top-level ORDER BY.
    """

    single_select: bool
    problem: str | None
    output_names: tuple[str, ...]
    duplicate_names: tuple[str, ...]
    limit_without_order: bool


def quote_identifier(name: str) -> str:
    """``name`` as an SQL delimited identifier (double quotes, inner ones doubled)."""
    return '"' + name.replace('"', '""') + '"'


def _tokens(query: str) -> list[tuple[str, str, int]]:
    """(kind, text, depth) per significant token; depth counts open parentheses."""
    out: list[tuple[str, str, int]] = []
    depth = 0
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "symbol"
        text = match.group()
        if kind in ("space", "comment"):
            continue
        if text == ")":
            depth -= 1
        out.append((kind, text, depth))
        if text == "(":
            depth += 1
    return out


def query_shape(query: str) -> QueryShape:
    """The shape of ``query`` (see :class:`QueryShape`)."""
    tokens = _tokens(query)
    while tokens and tokens[-1][1] == ";":
        tokens.pop()
    if not tokens:
        return QueryShape(False, "the query is empty", (), (), False)
    if any(text == ";" and depth == 0 for _, text, depth in tokens):
        return QueryShape(False, "the query holds more than one statement", (), (), False)
    top = [(kind, text.upper() if kind == "word" else text) for kind, text, d in tokens if d == 0]
    first = next((t for k, t in top if k == "word" or t == "("), "")
    if first not in ("SELECT", "WITH", "VALUES", "TABLE", "("):
        problem = f"the query is not a SELECT (it starts with {first})"
        return QueryShape(False, problem, (), (), False)
    names = _output_names(tokens)
    seen: dict[str, int] = {}
    for name in names:
        seen[name.lower()] = seen.get(name.lower(), 0) + 1
    duplicates = tuple(n for n in dict.fromkeys(names) if seen[n.lower()] > 1)
    words = {t for k, t in top if k == "word"}
    limited = bool(words & {"LIMIT", "FETCH", "OFFSET"})
    ordered = any(
        top[i][1] == "ORDER" and i + 1 < len(top) and top[i + 1][1] == "BY" for i in range(len(top))
    )
    return QueryShape(True, None, names, duplicates, limited and not ordered)


def _output_names(tokens: list[tuple[str, str, int]]) -> tuple[str, ...]:
    """Names of the outer SELECT list items (the last top-level SELECT of a WITH)."""
    start = None
    for i, (kind, text, depth) in enumerate(tokens):
        if depth == 0 and kind == "word" and text.upper() == "SELECT":
            start = i + 1
            break
    if start is None:
        return ()
    items: list[list[tuple[str, str]]] = [[]]
    for kind, text, depth in tokens[start:]:
        if depth == 0 and kind == "word" and text.upper() in _CLAUSE_ENDS:
            break
        if depth == 0 and text == ",":
            items.append([])
        elif depth == 0:
            items[-1].append((kind, text))
        else:
            items[-1].append(("nested", text))
    if items and items[0] and items[0][0][1].upper() in ("DISTINCT", "ALL"):
        items[0] = items[0][1:]
    names = [_item_name(item) for item in items]
    return tuple(name for name in names if name is not None)


def _item_name(item: list[tuple[str, str]]) -> str | None:
    if not item or item[-1][1] == "*":
        return None
    kind, text = item[-1]
    if kind not in ("word", "quoted") or (kind == "word" and text.upper() in _NOT_NAMES):
        return None
    name = text[1:-1].replace(text[0] * 2, text[0]) if kind == "quoted" else text
    if len(item) == 1:
        return name
    before = item[-2][1]
    if before.upper() == "AS" or before == ".":
        return name
    if before.upper() in _NOT_NAMES:
        return None
    if item[-2][0] in ("word", "quoted", "string", "number") or before == ")":
        return name  # an alias without AS: "expr name"
    return None
