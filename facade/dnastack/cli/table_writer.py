"""``-o table``: rows as a table that fits the console, never cut.

A value is never cropped: when the natural widths do not fit the console, the widest text
columns fold (a long value continues on the next line of its cell; numbers keep their full
width); when even folded columns cannot fit, every row is printed as a block of
``column  value`` lines instead, and a note says so. Rows are rendered in batches
(:data:`TABLE_BATCH_ROWS`): the first batch fixes the layout (table or blocks), later
batches continue it, widening columns that need it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = ["COLUMN_GAP", "MIN_FOLD_WIDTH", "TABLE_BATCH_ROWS", "TableWriter", "fit_widths"]

TABLE_BATCH_ROWS = 50
"""``-o table`` renders this many rows at a time (the first batch fixes the column widths)."""

COLUMN_GAP = 3
"""Characters between two columns (padding, rule, padding)."""

MIN_FOLD_WIDTH = 8
"""A text column is never folded narrower than this (nor than its widest word up to it)."""

_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def fit_widths(natural: Sequence[int], minimum: Sequence[int], width: int) -> list[int] | None:
    """Column widths that fit ``width`` (gaps included), or None when they cannot.

    Natural widths are kept when they fit; otherwise the widest columns are narrowed first
    (never below ``minimum``), and the spare characters go back to the narrowed ones.
    """
    count = len(natural)
    available = width - COLUMN_GAP * max(count - 1, 0)
    if sum(natural) <= available:
        return list(natural)
    if sum(minimum) > available:
        return None
    low, high = 0, max(natural, default=0)
    while low < high:  # the largest cap whose capped widths fit
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, minimum, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    widths = [max(m, min(n, low)) for n, m in zip(natural, minimum, strict=True)]
    spare = available - sum(widths)
    for i in sorted(range(count), key=lambda i: -natural[i]):
        if spare <= 0:
            break
        extra = min(spare, natural[i] - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


class TableWriter:
    """Writes rows (already turned into cell text by ``cell``) as a fitted table or blocks."""

    def __init__(
        self,
        console: Console,
        columns: Sequence[str],
        cell: Callable[[Any], str],
        batch: int = TABLE_BATCH_ROWS,
    ) -> None:
        self._console = console
        self._columns = list(columns)
        self._cell = cell
        self._batch_size = batch
        self._pending: list[list[str]] = []
        self._widths: list[int] | None = None
        self._natural = [0] * len(self._columns)
        self._numeric = [True] * len(self._columns)
        self._seen = [False] * len(self._columns)
        self._blocks = False
        self._started = False
        self._rows = 0

    def write(self, row: Mapping[str, Any]) -> None:
        self._pending.append([self._cell(row.get(c)) for c in self._columns])
        if len(self._pending) >= self._batch_size:
            self._flush()

    def close(self) -> None:
        if self._pending or not self._started:
            self._flush()

    # -- layout ---------------------------------------------------------------------------

    def _measure(self) -> None:
        """Widen the natural widths (and the numeric columns' minimums) by this batch."""
        for i, name in enumerate(self._columns):
            cells = [r[i] for r in self._pending]
            width = max([_cell_width(name), *(_cell_width(c) for c in cells)])
            self._natural[i] = max(self._natural[i], width)
            self._numeric[i] = self._numeric[i] and all(_NUMBER.match(c) for c in cells if c)
            self._seen[i] = self._seen[i] or any(cells)

    def _fit(self) -> list[int] | None:
        minimum = [
            natural if numeric and seen else min(natural, MIN_FOLD_WIDTH)
            for natural, numeric, seen in zip(self._natural, self._numeric, self._seen, strict=True)
        ]
        return fit_widths(self._natural, minimum, self._console.width)

    def _flush(self) -> None:
        from dnastack.cli.output import print_table

        self._measure()
        first = not self._started
        self._started = True
        widths = self._fit()
        if first and widths is None:
            self._blocks = True
            self._note(
                f"({len(self._columns)} columns do not fit in {self._console.width} "
                "characters: one block per row; -o csv or -o json for the table)"
            )
        elif widths is not None:  # later batches may widen (never a number folded)
            self._widths = widths
        if self._blocks:
            self._print_blocks()
        else:
            print_table(self._console, self._table(show_header=first))
        self._pending = []

    def _note(self, text: str) -> None:
        from rich.text import Text

        self._console.print(Text(text, style="italic"))

    def _table(self, *, show_header: bool) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE_HEAD, show_header=show_header, show_edge=False, pad_edge=False)
        assert self._widths is not None
        for name, width in zip(self._columns, self._widths, strict=True):
            table.add_column(
                Text(name, overflow="fold"),
                width=width,
                header_style="bold",
                overflow="fold",
            )
        for cells in self._pending:
            table.add_row(*(Text(cell, overflow="fold") for cell in cells))  # data, never markup
        return table

    def _print_blocks(self) -> None:
        """``column  value`` lines per row, values folded to the console's width."""
        from rich.text import Text

        console = self._console
        label_width = min(max(len(c) for c in self._columns), max(console.width // 3, 1))
        value_width = max(console.width - label_width - 2, 1)
        out: list[str] = []
        for cells in self._pending:
            self._rows += 1
            head = f"-- row {self._rows} "
            out.append(head + "-" * max(min(console.width, 60) - len(head), 2))
            for name, cell in zip(self._columns, cells, strict=True):
                labels = Text(name).wrap(console, label_width, overflow="fold")
                values = (
                    list(Text(cell).wrap(console, value_width, overflow="fold")) if cell else []
                )
                height = max(len(labels), len(values))
                for i in range(height):
                    label = labels[i].plain if i < len(labels) else ""
                    value = values[i].plain if i < len(values) else ""
                    out.append(f"{label.ljust(label_width)}  {value}".rstrip())
        console.file.write("".join(line + "\n" for line in out))
        console.file.flush()
