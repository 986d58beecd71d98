"""Rows -> typed Arrow record batches, and the Arrow-built ``to_arrow`` / ``to_pandas`` /
``to_parquet`` / ``to_csv`` of a result.

A result is read ``rows`` rows at a time (the rows of about one page or a few, as they
arrive): each slice becomes one ``pyarrow.RecordBatch`` typed from the ``data_model`` (see
:mod:`~dnastack.client.data_connect.frames` for the type table), and the slice is dropped
before the next is read. Every batch has the schema of the first one (a later batch is cast
to it), so a Parquet or CSV writer takes them one after the other, and ``to_arrow`` is the
batches put side by side (no copy): memory stays near the size of the Arrow data.
``to_pandas`` converts that table column by column to the dtypes ``rows_to_pandas`` gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from dnastack.client.data_connect.frames import (
    DataModelGetter,
    _arrow_column,
    _pandas_column,
    arrow_type,
    column_kind,
)

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "DEFAULT_BATCH_ROWS",
    "TABLE_BATCH_ROWS",
    "RecordBatchBuilder",
    "arrow_schema",
    "batches_to_arrow",
    "iter_record_batches",
    "table_to_pandas",
    "write_csv",
    "write_parquet",
]

DEFAULT_BATCH_ROWS = 50_000
"""Rows per record batch of ``iter_batches()``/``to_parquet()``/``to_csv()`` by default
(Parquet row groups of this size)."""
TABLE_BATCH_ROWS = 10_000
"""Rows per batch inside ``to_arrow()``/``to_pandas()``: the rows held as Python objects
at a time, on top of the table itself."""


def _properties(data_model: DataModelGetter) -> dict[str, Any] | None:
    model = data_model()
    properties = model.get("properties") if isinstance(model, Mapping) else None
    return dict(properties) if isinstance(properties, Mapping) else None


def arrow_schema(data_model: Mapping[str, Any] | None) -> pa.Schema:
    """The Arrow schema of a ``data_model`` (columns pyarrow must infer become ``null``)."""
    import pyarrow as pa

    properties = _properties(lambda: data_model) or {}
    return pa.schema(
        [pa.field(name, arrow_type(pa, schema) or pa.null()) for name, schema in properties.items()]
    )


def iter_record_batches(
    rows: Iterable[Mapping[str, Any]], data_model: DataModelGetter, rows_per_batch: int
) -> Iterator[pa.RecordBatch]:
    """Typed record batches of at most ``rows_per_batch`` rows, all with one schema."""
    if rows_per_batch < 1:
        raise ValueError(f"rows per batch must be >= 1, not {rows_per_batch}")
    builder = RecordBatchBuilder(data_model)
    iterator = iter(rows)
    while chunk := list(islice(iterator, rows_per_batch)):
        yield builder.build(chunk)


class RecordBatchBuilder:
    """Builds the typed record batches of one result, one slice of rows at a time; every
    batch gets the schema of the first (used by the sync and asyncio results)."""

    def __init__(self, data_model: DataModelGetter) -> None:
        self._data_model = data_model
        self._schema: pa.Schema | None = None
        self._names: list[str] = []
        self._properties: dict[str, Any] = {}

    def build(self, chunk: list[Mapping[str, Any]]) -> pa.RecordBatch:
        """One batch of ``chunk`` (non-empty; the data_model is read at the first). The
        list is emptied once its values are taken (its rows are freed before the arrays
        are built)."""
        import pyarrow as pa

        if self._schema is None:  # the data_model arrives with the first page
            found = _properties(self._data_model)
            self._properties = found or {}
            self._names = list(found) if found is not None else list(chunk[0])
        names = self._names
        columns = _column_values(chunk, names)
        chunk.clear()
        arrays = [
            _arrow_column(pa, values, self._properties.get(name, {}))
            for name, values in zip(names, columns, strict=True)
        ]
        del columns
        batch = pa.RecordBatch.from_arrays(arrays, names=names)
        del arrays
        if self._schema is None:
            self._schema = batch.schema
        elif batch.schema != self._schema:
            batch = _conform(pa, batch, self._schema)
        return batch


def _column_values(chunk: list[Mapping[str, Any]], names: list[str]) -> list[list[Any]]:
    if not names:
        return []
    if len(names) == 1:
        name = names[0]
        return [[row.get(name) for row in chunk]]
    getter = itemgetter(*names)
    try:
        records = [getter(row) for row in chunk]
    except KeyError:
        records = [tuple(row.get(name) for name in names) for row in chunk]
    return [list(column) for column in zip(*records, strict=True)]


def _conform(pa: Any, batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """``batch`` cast to ``schema`` (a column pyarrow typed otherwise, e.g. all nulls)."""
    try:
        return batch.cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, ValueError):
        arrays = [
            column if column.type == field.type else _to_text(pa, column, field.type)
            for column, field in zip(batch.columns, schema, strict=True)
        ]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _to_text(pa: Any, column: pa.Array, target: pa.DataType) -> pa.Array:
    values = column.to_pylist()
    try:
        return pa.array(values, type=target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError) as exc:
        raise TypeError(
            f"a later batch holds {column.type} values in a column typed {target} by the "
            "first batch; give the column a type in the query (CAST) or use to_list()"
        ) from exc


def batches_to_arrow(batches: Iterable[pa.RecordBatch], data_model: DataModelGetter) -> pa.Table:
    """The batches as one table (chunked, not copied); an empty result keeps its schema."""
    import pyarrow as pa

    collected = list(batches)
    if collected:
        return pa.Table.from_batches(collected)
    return arrow_schema(data_model()).empty_table()


# -- pandas --------------------------------------------------------------------------------

_INT_KINDS = ("int8", "int16", "int32", "int64")


def table_to_pandas(table: pa.Table, data_model: DataModelGetter) -> pd.DataFrame:
    """The table as a DataFrame with the dtypes and values of ``rows_to_pandas``."""
    import pandas as pd

    properties = _properties(data_model) or {}
    names = table.column_names
    if not names and not properties:
        return pd.DataFrame()
    data = {}
    for name in names:
        schema = properties.get(name, {})
        data[name] = _pandas_from_arrow(pd, table.column(name), schema)
    return pd.DataFrame(data, columns=names)


def _pandas_from_arrow(pd: Any, column: pa.ChunkedArray, schema: Mapping[str, Any]) -> Any:
    import pyarrow as pa

    kind = column_kind(schema)
    target = arrow_type(pa, schema)
    fast = target is not None and column.type == target
    if fast and kind in _INT_KINDS:
        dtype = pd.api.types.pandas_dtype(kind.capitalize())
        return column.to_pandas(types_mapper={column.type: dtype}.get)
    if fast and kind == "bool":
        return column.to_pandas(types_mapper={column.type: pd.BooleanDtype()}.get)
    if fast and kind in ("float32", "float64", "string", "decimal", "time", "binary"):
        return column.to_pandas()
    if fast and kind in ("timestamp", "timestamptz", "duration"):
        return column.to_pandas(coerce_temporal_nanoseconds=False)
    if fast and kind == "date":
        return column.to_pandas(date_as_object=False).astype("datetime64[s]")
    return _pandas_column(pd, _python_values(column, schema), kind)


def _python_values(column: pa.ChunkedArray, schema: Mapping[str, Any]) -> list[Any]:
    """The column as the Python values the row conversion gives (maps as dicts...)."""
    import pyarrow as pa

    values: list[Any] = column.to_pylist()
    if pa.types.is_interval(column.type):
        from dnastack.client.data_connect.frames import _format_of

        return [_interval(v, _format_of(schema)) for v in values]
    if _has_map(pa, column.type):
        return [_maps_as_dicts(pa, column.type, v) for v in values]
    return values


def _interval(value: Any, fmt: str) -> Any:
    import datetime as dt

    from dnastack.client.data_connect.conversion import Interval, YearMonthInterval

    if value is None:
        return None
    months, days, nanos = value.months, value.days, value.nanoseconds
    if fmt in ("interval year to month", "interval day to month"):
        sign = -1 if months < 0 else 1
        years, rest = divmod(abs(months), 12)
        return YearMonthInterval(sign * years, sign * rest)
    return Interval(months, dt.timedelta(days=days, microseconds=nanos // 1000))


def _has_map(pa: Any, data_type: Any) -> bool:
    if pa.types.is_map(data_type):
        return True
    if pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        return _has_map(pa, data_type.value_type)
    if pa.types.is_struct(data_type):
        return any(_has_map(pa, data_type.field(i).type) for i in range(data_type.num_fields))
    return False


def _maps_as_dicts(pa: Any, data_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if pa.types.is_map(data_type):
        return {k: _maps_as_dicts(pa, data_type.item_type, v) for k, v in value}
    if pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        return [_maps_as_dicts(pa, data_type.value_type, v) for v in value]
    if pa.types.is_struct(data_type):
        fields = {f.name: f.type for f in (data_type.field(i) for i in range(data_type.num_fields))}
        return {k: _maps_as_dicts(pa, fields[k], v) for k, v in value.items()}
    return value


# -- files ---------------------------------------------------------------------------------


def write_parquet(
    batches: Iterable[pa.RecordBatch],
    data_model: DataModelGetter,
    path: str | os.PathLike[str],
    **options: Any,
) -> int:
    """Write the batches to one Parquet file as they come; returns the rows written."""
    import pyarrow.parquet as pq

    return _write(batches, data_model, lambda schema: pq.ParquetWriter(path, schema, **options))


def write_csv(
    batches: Iterable[pa.RecordBatch],
    data_model: DataModelGetter,
    path: str | os.PathLike[str],
    **options: Any,
) -> int:
    """Write the batches to one CSV file (header first) as they come; returns the rows.

    Arrays, structs and maps (which CSV cannot hold) are written as JSON text."""
    import pyarrow.csv as pcsv

    flat = (_nested_as_json(batch) for batch in batches)
    return _write(
        flat,
        lambda: _flat_model(data_model()),
        lambda schema: pcsv.CSVWriter(path, schema, **options),
    )


def _is_nested(pa: Any, data_type: Any) -> bool:
    return bool(
        pa.types.is_list(data_type)
        or pa.types.is_large_list(data_type)
        or pa.types.is_struct(data_type)
        or pa.types.is_map(data_type)
    )


def _nested_as_json(batch: pa.RecordBatch) -> pa.RecordBatch:
    import json

    import pyarrow as pa

    if not any(_is_nested(pa, f.type) for f in batch.schema):
        return batch
    arrays = []
    for column in batch.columns:
        if _is_nested(pa, column.type):
            values = column.to_pylist()
            if _has_map(pa, column.type):
                values = [_maps_as_dicts(pa, column.type, v) for v in values]
            texts = [None if v is None else json.dumps(v, default=str) for v in values]
            column = pa.array(texts, type=pa.string())
        arrays.append(column)
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _flat_model(model: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The data_model with nested columns typed as text (for the header of an empty CSV)."""
    import pyarrow as pa

    properties = _properties(lambda: model)
    if properties is None:
        return model
    flat = {
        name: {"type": "string"} if _is_nested(pa, arrow_type(pa, schema) or pa.null()) else schema
        for name, schema in properties.items()
    }
    return {**dict(model or {}), "properties": flat}


def _write(batches: Iterable[pa.RecordBatch], data_model: DataModelGetter, open_writer: Any) -> int:
    writer = None
    rows = 0
    try:
        for batch in batches:
            if writer is None:
                writer = open_writer(batch.schema)
            writer.write_batch(batch)
            rows += batch.num_rows
        if writer is None:  # no rows: still a file with the columns
            writer = open_writer(arrow_schema(data_model()))
    finally:
        if writer is not None:
            writer.close()
    return rows
