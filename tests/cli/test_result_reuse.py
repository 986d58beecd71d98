"""A result is read once; reuse is a typed error naming the fix (issue 14 item 3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dnastack.client.result_iterator import ResultIterator
from dnastack.exceptions import DnastackError, ResultConsumedError

ROWS = [{"i": i} for i in range(5)]


def _result() -> ResultIterator[dict[str, Any]]:
    return ResultIterator(iter(ROWS), data_model={"properties": {"i": {"type": "integer"}}})


def test_a_fresh_result_reads_whole_and_counts_rows() -> None:
    result = _result()
    assert repr(result).startswith("ResultIterator(rows_read=0")

    assert result.to_list() == ROWS
    assert "rows_read=5" in repr(result)


@pytest.mark.parametrize(
    "reuse",
    [
        lambda r: r.to_list(),
        lambda r: list(r),
        lambda r: r.to_pandas(),
        lambda r: r.to_arrow(),
    ],
    ids=["to_list", "list", "to_pandas", "to_arrow"],
)
@pytest.mark.parametrize(
    "first_use",
    [lambda r: list(r), lambda r: next(r), lambda r: next(iter(r))],
    ids=["consumed", "peeked", "loop-started"],
)
def test_reuse_after_reading_is_an_error_naming_the_fix(
    first_use: Callable[[ResultIterator[Any]], object],
    reuse: Callable[[ResultIterator[Any]], object],
) -> None:
    result = _result()
    first_use(result)

    with pytest.raises(ResultConsumedError, match="run the query again") as caught:
        reuse(result)
    assert isinstance(caught.value, DnastackError)
    assert "so far" in str(caught.value)


def test_next_reads_on_and_repr_shows_rows_read_so_far() -> None:
    result = _result()

    assert [next(result), next(result)] == ROWS[:2]
    assert "rows_read=2" in repr(result)
    assert "rows_read=2" in repr(result)  # looking does not count as reading
