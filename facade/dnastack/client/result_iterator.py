"""``ResultIterator[T]``: a lazy, single-pass iterator over a (paged) result.

Nothing is requested until the first item is asked for; items come page by page (see
:mod:`dnastack.client.pagination`), so iterating a result of any size holds about two pages.

A result is read once. Reading it again is an error, never a silently shorter answer:
``to_list()``, ``to_pandas()``, ``to_arrow()``, ``iter_batches()``, ``to_parquet()`` and
``to_csv()`` want the whole result and raise :class:`~dnastack.exceptions.ResultConsumedError`
once any row was read; so does a second ``iter()`` (a second ``for`` loop, ``list(result)``
twice). ``next(result)`` reads on. To read a result again, run the query again.

For row results (dicts described by a JSON Schema ``data_model``, as Data Connect and
Explorer send), ``to_pandas()`` and ``to_arrow()`` build a DataFrame or an Arrow table with
column types taken from the ``data_model``; pandas (extra ``pandas``) and pyarrow (extra
``arrow``; ``dataframes`` has both) are optional and imported only by those methods
(``to_pandas()`` goes through Arrow when pyarrow is installed, else builds the frame from
the rows);
``iter_batches()`` streams typed Arrow record batches and ``to_parquet()``/``to_csv()`` write
them one by one (see :mod:`dnastack.client.data_connect.batches`).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from operator import length_hint
from typing import TYPE_CHECKING, Any, TypeVar

from dnastack.exceptions import DnastackError, ResultConsumedError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["InactiveLoaderError", "ResultIterator", "require_optional"]

T = TypeVar("T")


class InactiveLoaderError(DnastackError, StopIteration):
    """The reference library's name for reading an ended result loader; not raised here (a
    result read again raises :class:`~dnastack.exceptions.ResultConsumedError`)."""


_TALLY = sys.maxsize

DataModelSource = Mapping[str, Any] | Callable[[], Mapping[str, Any] | None] | None


_EXTRA_OF = {"pandas": "pandas", "pyarrow": "arrow"}


def require_optional(module: str, feature: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingExtraError` (an ImportError)
    naming the extra to install (``pandas`` for pandas, ``arrow`` for pyarrow; both come
    with ``dataframes``)."""
    import importlib

    from dnastack.common.extras import require_extra

    require_extra(_EXTRA_OF.get(module, "dataframes"), feature)
    return importlib.import_module(module)


class ResultIterator(Iterator[T]):
    """An iterator over results, with ``to_list()``, ``to_pandas()`` and ``to_arrow()``.

    Args:
        items: the items (usually a paginator's lazy item stream).
        data_model: the JSON Schema of a row, or a callable returning it once known (it
            usually comes with the first page).
        rows_so_far: a callable counting the items delivered so far (for progress).
        close: called by :meth:`close` (e.g. to stop a background prefetch).

    ``iter(result)`` returns the underlying stream itself, so a ``for`` loop runs at C speed
    (rows are counted by C iterators too); it shares its position with ``next(result)``.
    ``repr(result)`` shows the rows read so far.
    """

    def __init__(
        self,
        items: Iterable[T],
        *,
        data_model: DataModelSource = None,
        rows_so_far: Callable[[], int] | None = None,
        close: Callable[[], None] | None = None,
    ) -> None:
        # compress() asks ``items`` first and takes one ``True`` from the tally only for a
        # row it got: rows read = what the tally has lost, counted in C at no cost per row.
        self._tally = repeat(True, _TALLY)
        self._source: Iterator[T] = iter(items)
        self._iterator: Iterator[T] = compress(self._source, self._tally)
        self._iterated = False
        self._data_model = data_model
        self._rows_so_far = rows_so_far
        self._close = close

    def __iter__(self) -> Iterator[T]:
        if self._iterated or self.rows_read:
            self._refuse("iterated again")
        self._iterated = True
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    @property
    def rows_read(self) -> int:
        """Items handed out so far (by ``next``, a ``for`` loop, ``to_list()``...)."""
        return _TALLY - length_hint(self._tally)

    def _refuse(self, what: str) -> None:
        read = self.rows_read
        raise ResultConsumedError(
            f"this result was already read ({read} row{'s' if read != 1 else ''} so far) and "
            f"cannot be {what}: a result is read once; run the query again for a fresh one "
            "(or keep the rows: rows = result.to_list())"
        )

    def _whole(self, method: str) -> None:
        if self._iterated or self.rows_read:
            self._refuse(f"turned into a whole result by {method}")
        self._iterated = True

    @property
    def data_model(self) -> Mapping[str, Any] | None:
        """The JSON Schema of the rows, when the service sent one (after the first page)."""
        source = self._data_model
        return source() if callable(source) else source

    @property
    def rows_so_far(self) -> int | None:
        """Items delivered by the pages consumed so far (None when not counted)."""
        return self._rows_so_far() if self._rows_so_far is not None else None

    def to_list(self) -> list[T]:
        """Every item, as a list (ResultConsumedError when rows were already read)."""
        self._whole("to_list()")
        return list(self._iterator)

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a ``pandas.DataFrame`` (dtypes from the ``data_model``).

        Integers become nullable integer dtypes (bigint -> ``Int64``), decimals stay
        ``Decimal`` objects, dates and timestamps become ``datetime64`` (``UTC`` for time
        zone aware ones). Built from :meth:`to_arrow` when pyarrow is installed. Needs the
        ``pandas`` extra. ResultConsumedError when rows were already read.
        """
        require_optional("pandas", "ResultIterator.to_pandas()")
        self._whole("to_pandas()")
        if importlib.util.find_spec("pyarrow") is None:  # pandas-only install
            from dnastack.client.data_connect.frames import rows_to_pandas

            return rows_to_pandas(self._records(), lambda: self.data_model)
        from dnastack.client.data_connect.batches import (
            TABLE_BATCH_ROWS,
            batches_to_arrow,
            table_to_pandas,
        )

        table = batches_to_arrow(self._batches(TABLE_BATCH_ROWS), lambda: self.data_model)
        return table_to_pandas(table, lambda: self.data_model)

    def to_arrow(self) -> pa.Table:
        """The rows as a ``pyarrow.Table`` (types from the ``data_model``), made of the
        :meth:`iter_batches` batches without copying them.

        bigint -> ``int64``, decimal(p,s) -> ``decimal128(p, s)``, date -> ``date32``,
        timestamp -> ``timestamp("us")`` (with ``tz="UTC"`` when zoned). Needs the
        ``arrow`` extra. ResultConsumedError when rows were already read.
        """
        require_optional("pyarrow", "ResultIterator.to_arrow()")
        self._whole("to_arrow()")
        from dnastack.client.data_connect.batches import TABLE_BATCH_ROWS, batches_to_arrow

        return batches_to_arrow(self._batches(TABLE_BATCH_ROWS), lambda: self.data_model)

    def iter_batches(self, rows: int | None = None) -> Iterator[pa.RecordBatch]:
        """The rows as typed ``pyarrow.RecordBatch``es of at most ``rows`` rows (default
        50,000), built as pages arrive, all with one schema from the ``data_model``.

        Only one batch's rows are held as Python objects at a time. Needs the ``arrow``
        extra. ResultConsumedError when rows were already read.
        """
        require_optional("pyarrow", "ResultIterator.iter_batches()")
        self._whole("iter_batches()")
        return self._batches(rows)

    def _batches(self, rows: int | None) -> Iterator[pa.RecordBatch]:
        from dnastack.client.data_connect.batches import DEFAULT_BATCH_ROWS, iter_record_batches

        return iter_record_batches(
            self._records(), lambda: self.data_model, DEFAULT_BATCH_ROWS if rows is None else rows
        )

    def to_parquet(
        self, path: str | os.PathLike[str], *, rows: int | None = None, **options: Any
    ) -> int:
        """Write the rows to a Parquet file batch by batch (memory stays about one batch);
        ``options`` go to ``pyarrow.parquet.ParquetWriter``. Returns the rows written.
        ResultConsumedError when rows were already read.
        """
        require_optional("pyarrow", "ResultIterator.to_parquet()")
        self._whole("to_parquet()")
        from dnastack.client.data_connect.batches import write_parquet

        return write_parquet(self._batches(rows), lambda: self.data_model, path, **options)

    def to_csv(
        self, path: str | os.PathLike[str], *, rows: int | None = None, **options: Any
    ) -> int:
        """Write the rows to a CSV file (with a header) batch by batch; ``options`` go to
        ``pyarrow.csv.CSVWriter``. Returns the rows written. ResultConsumedError when rows
        were already read."""
        require_optional("pyarrow", "ResultIterator.to_csv()")
        self._whole("to_csv()")
        from dnastack.client.data_connect.batches import write_csv

        return write_csv(self._batches(rows), lambda: self.data_model, path, **options)

    def close(self) -> None:
        """Stop the result early (background prefetch included)."""
        closer = getattr(self._source, "close", None)
        if callable(closer):
            closer()
        if self._close is not None:
            self._close()

    def _records(self) -> Iterator[Mapping[str, Any]]:
        for item in self._iterator:
            if isinstance(item, Mapping):
                yield item
            else:
                to_dict = getattr(item, "dict", None)
                if not callable(to_dict):
                    raise TypeError(f"cannot make a table row of {type(item).__name__}")
                yield to_dict()

    def __repr__(self) -> str:
        return f"ResultIterator(rows_read={self.rows_read}, rows_received={self.rows_so_far})"
