"""``ResultIterator[T]``: a lazy, single-pass iterator over a (paged) result.

Nothing is requested until the first item is asked for; items come page by page (see
:mod:`dnastack.client.pagination`), so iterating a result of any size holds about two pages.
``to_list()`` materialises what is left. For row results (dicts described by a JSON Schema
``data_model``, as Data Connect and Explorer send), ``to_pandas()`` and ``to_arrow()`` build a
DataFrame or an Arrow table with column types taken from the ``data_model``; pandas and
pyarrow are optional (the ``dataframes`` extra) and imported only by those methods;
``iter_batches()`` streams typed Arrow record batches and ``to_parquet()``/``to_csv()`` write
them one by one (see :mod:`dnastack.client.data_connect.batches`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["ResultIterator", "require_optional"]

T = TypeVar("T")

DataModelSource = Mapping[str, Any] | Callable[[], Mapping[str, Any] | None] | None


def require_optional(module: str, feature: str) -> Any:
    """Import an optional dependency, or raise an ImportError naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{feature} needs {module}, which is not installed; install the 'dataframes' "
            f"extra: pip install 'dnastack-sdk[dataframes]'"
        ) from exc


class ResultIterator(Iterator[T]):
    """An iterator over results, with ``to_list()``, ``to_pandas()`` and ``to_arrow()``.

    Args:
        items: the items (usually a paginator's lazy item stream).
        data_model: the JSON Schema of a row, or a callable returning it once known (it
            usually comes with the first page).
        rows_so_far: a callable counting the items delivered so far (for progress).
        close: called by :meth:`close` (e.g. to stop a background prefetch).

    ``iter(result)`` returns the underlying stream itself, so a ``for`` loop runs at C speed;
    it shares its position with ``next(result)``.
    """

    def __init__(
        self,
        items: Iterable[T],
        *,
        data_model: DataModelSource = None,
        rows_so_far: Callable[[], int] | None = None,
        close: Callable[[], None] | None = None,
    ) -> None:
        self._iterator: Iterator[T] = iter(items)
        self._data_model = data_model
        self._rows_so_far = rows_so_far
        self._close = close

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

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
        """Every remaining item, as a list."""
        return list(self._iterator)

    def to_pandas(self) -> pd.DataFrame:
        """The remaining rows as a ``pandas.DataFrame`` (dtypes from the ``data_model``).

        Integers become nullable integer dtypes (bigint -> ``Int64``), decimals stay
        ``Decimal`` objects, dates and timestamps become ``datetime64`` (``UTC`` for time
        zone aware ones). Built from :meth:`to_arrow`. Needs the ``dataframes`` extra.
        """
        require_optional("pandas", "ResultIterator.to_pandas()")
        from dnastack.client.data_connect.batches import table_to_pandas

        return table_to_pandas(self.to_arrow(), lambda: self.data_model)

    def to_arrow(self) -> pa.Table:
        """The remaining rows as a ``pyarrow.Table`` (types from the ``data_model``), made of
        the :meth:`iter_batches` batches without copying them.

        bigint -> ``int64``, decimal(p,s) -> ``decimal128(p, s)``, date -> ``date32``,
        timestamp -> ``timestamp("us")`` (with ``tz="UTC"`` when zoned). Needs the
        ``dataframes`` extra.
        """
        require_optional("pyarrow", "ResultIterator.to_arrow()")
        from dnastack.client.data_connect.batches import batches_to_arrow

        return batches_to_arrow(self.iter_batches(), lambda: self.data_model)

    def iter_batches(self, rows: int | None = None) -> Iterator[pa.RecordBatch]:
        """The remaining rows as typed ``pyarrow.RecordBatch``es of at most ``rows`` rows
        (default 50,000), built as pages arrive, all with one schema from the ``data_model``.

        Only one batch's rows are held as Python objects at a time. Needs the ``dataframes``
        extra.
        """
        require_optional("pyarrow", "ResultIterator.iter_batches()")
        from dnastack.client.data_connect.batches import DEFAULT_BATCH_ROWS, iter_record_batches

        return iter_record_batches(
            self._records(), lambda: self.data_model, DEFAULT_BATCH_ROWS if rows is None else rows
        )

    def to_parquet(
        self, path: str | os.PathLike[str], *, rows: int | None = None, **options: Any
    ) -> int:
        """Write the remaining rows to a Parquet file batch by batch (memory stays about one
        batch); ``options`` go to ``pyarrow.parquet.ParquetWriter``. Returns the rows written.
        """
        require_optional("pyarrow", "ResultIterator.to_parquet()")
        from dnastack.client.data_connect.batches import write_parquet

        return write_parquet(self.iter_batches(rows), lambda: self.data_model, path, **options)

    def to_csv(
        self, path: str | os.PathLike[str], *, rows: int | None = None, **options: Any
    ) -> int:
        """Write the remaining rows to a CSV file (with a header) batch by batch; ``options``
        go to ``pyarrow.csv.CSVWriter``. Returns the rows written."""
        require_optional("pyarrow", "ResultIterator.to_csv()")
        from dnastack.client.data_connect.batches import write_csv

        return write_csv(self.iter_batches(rows), lambda: self.data_model, path, **options)

    def close(self) -> None:
        """Stop the result early (background prefetch included)."""
        closer = getattr(self._iterator, "close", None)
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
        return f"ResultIterator(rows_so_far={self.rows_so_far})"
