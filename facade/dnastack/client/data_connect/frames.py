"""Rows described by a JSON Schema ``data_model`` -> pandas DataFrame / Arrow table.

Column types come from each column's ``format`` (the SQL type, as Data Connect sends it)
and ``type``; rows are read once, column by column (no list of row dicts is kept). pandas
and pyarrow are imported only here, and only when these functions run.

=========================  =========================  ===============================
column format              pandas dtype               Arrow type
=========================  =========================  ===============================
tinyint/smallint/integer   Int8/Int16/Int32           int8/int16/int32
bigint                     Int64                      int64
real / double              float32 / float64          float32 / float64
boolean                    boolean                    bool
decimal(p,s)               object (Decimal)           decimal128(p,s) (256 if p > 38)
date                       datetime64[s]              date32
time                       object (datetime.time)     time64[us]
timestamp                  datetime64[us]             timestamp[us]
timestamp with time zone   datetime64[us, UTC]        timestamp[us, tz=UTC]
interval day to second     timedelta64[us]            duration[us]
other intervals            object                     month_day_nano_interval
varbinary (base64)         object (bytes)             binary
varchar, uuid, ...         pandas' string inference   string
array / row / map          object                     list / struct / map
=========================  =========================  ===============================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from dnastack.client.data_connect.conversion import Interval, YearMonthInterval

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["column_kind", "rows_to_arrow", "rows_to_pandas"]

DataModelGetter = Callable[[], Mapping[str, Any] | None]

_INT_FORMATS = {
    "tinyint": "int8",
    "smallint": "int16",
    "integer": "int32",
    "int": "int32",
    "int32": "int32",
    "bigint": "int64",
    "int64": "int64",
    "long": "int64",
}
_KIND_BY_FORMAT = {
    "real": "float32",
    "float": "float32",
    "double": "float64",
    "double precision": "float64",
    "boolean": "bool",
    "date": "date",
    "time": "time",
    "time without time zone": "time",
    "time with time zone": "time",
    "timestamp": "timestamp",
    "timestamp without time zone": "timestamp",
    "date-time": "timestamp",
    "timestamp with time zone": "timestamptz",
    "interval day to second": "duration",
    "duration": "duration",
    "interval year to month": "interval",
    "interval day to month": "interval",
    "interval": "interval",
    "varbinary": "binary",
    "binary": "binary",
    "varchar": "string",
    "char": "string",
    "uuid": "string",
}


def _format_of(schema: Mapping[str, Any]) -> str:
    fmt = schema.get("format")
    return " ".join(fmt.lower().split()) if isinstance(fmt, str) else ""


def column_kind(schema: Mapping[str, Any]) -> str:
    """The column kind used for typing: ``int64``, ``decimal``, ``timestamptz``, ``list``..."""
    if not isinstance(schema, Mapping):
        return "any"
    if schema.get("contentEncoding") == "base64":
        return "binary"
    fmt = _format_of(schema)
    if fmt in _INT_FORMATS:
        return _INT_FORMATS[fmt]
    if fmt.startswith(("decimal", "numeric")):
        return "decimal"
    if fmt in _KIND_BY_FORMAT:
        return _KIND_BY_FORMAT[fmt]
    kind = schema.get("type")
    kinds = set(kind) - {"null"} if isinstance(kind, list) else {kind}
    if kinds == {"array"}:
        return "list"
    if kinds == {"object"}:
        return "struct" if isinstance(schema.get("properties"), Mapping) else "map"
    if kinds == {"integer"}:
        return "int64"
    if kinds == {"number"}:
        return "float64"
    if kinds == {"boolean"}:
        return "bool"
    if kinds == {"string"}:
        return "string"
    return "any"


def _decimal_shape(schema: Mapping[str, Any]) -> tuple[int, int] | None:
    fmt = _format_of(schema)
    if "(" not in fmt or not fmt.endswith(")"):
        return None
    inside = fmt[fmt.index("(") + 1 : -1].split(",")
    try:
        precision = int(inside[0])
        scale = int(inside[1]) if len(inside) > 1 else 0
    except ValueError:
        return None
    return precision, scale


def _columns(
    rows: Iterable[Mapping[str, Any]], data_model: DataModelGetter
) -> tuple[dict[str, Any] | None, list[str], list[tuple[Any, ...]]]:
    """(properties, column names, column values): rows are read once, column-wise."""
    iterator: Iterator[Mapping[str, Any]] = iter(rows)
    first = next(iterator, None)  # the data_model arrives with the first page
    model = data_model()
    properties = model.get("properties") if isinstance(model, Mapping) else None
    if isinstance(properties, Mapping):
        names = list(properties)
    else:
        properties = None
        names = list(first) if first is not None else []
    if first is None:
        return (dict(properties) if properties else None), names, [() for _ in names]
    if not names:
        return None, [], []
    getter = itemgetter(*names)
    records: list[Any] = []
    append = records.append
    for row in _prepend(first, iterator):
        try:
            append(getter(row))
        except KeyError:
            append(tuple(row.get(name) for name in names) if len(names) > 1 else row.get(names[0]))
    columns = [tuple(records)] if len(names) == 1 else list(zip(*records, strict=True))
    del records
    return (dict(properties) if properties else None), names, columns


def _prepend(first: Mapping[str, Any], rest: Iterator[Mapping[str, Any]]) -> Iterator[Any]:
    yield first
    yield from rest


# -- pandas ------------------------------------------------------------------------------------


def rows_to_pandas(rows: Iterable[Mapping[str, Any]], data_model: DataModelGetter) -> pd.DataFrame:
    """A DataFrame of ``rows`` with dtypes from ``data_model`` (see the module table)."""
    import pandas as pd

    properties, names, columns = _columns(rows, data_model)
    if properties is None and not names:
        return pd.DataFrame()
    data = {}
    for name, values in zip(names, columns, strict=True):
        schema = properties.get(name, {}) if properties else {}
        data[name] = _pandas_column(pd, list(values), column_kind(schema))
    return pd.DataFrame(data, columns=names)


def _pandas_column(pd: Any, values: list[Any], kind: str) -> Any:
    try:
        if kind in ("int8", "int16", "int32", "int64"):
            return pd.array(_ints(values), dtype=kind.capitalize())
        if kind in ("float32", "float64"):
            return pd.Series(values, dtype=kind)
        if kind == "bool":
            return pd.array(values, dtype="boolean")
        if kind == "date":
            return pd.Series(values, dtype="datetime64[s]")
        if kind == "timestamp":
            return pd.Series(values, dtype="datetime64[us]")
        if kind == "timestamptz":
            return pd.to_datetime(pd.Series(values, dtype=object), utc=True).astype(
                "datetime64[us, UTC]"
            )
        if kind == "duration":
            return pd.Series(values, dtype="timedelta64[us]")
        if kind == "string":
            return pd.Series(values)
    except (TypeError, ValueError, OverflowError):
        pass  # values of another shape than declared (e.g. convert_types=False): keep them
    return pd.Series(values, dtype=object)


def _ints(values: list[Any]) -> list[Any]:
    return [v if v is None or isinstance(v, int) else int(v) for v in values]


# -- Arrow ------------------------------------------------------------------------------------


def arrow_type(pa: Any, schema: Mapping[str, Any]) -> Any:
    """The Arrow type of one column (None: let pyarrow infer it)."""
    kind = column_kind(schema)
    simple = {
        "int8": pa.int8,
        "int16": pa.int16,
        "int32": pa.int32,
        "int64": pa.int64,
        "float32": pa.float32,
        "float64": pa.float64,
        "bool": pa.bool_,
        "date": pa.date32,
        "binary": pa.binary,
        "string": pa.string,
        "interval": pa.month_day_nano_interval,
    }
    if kind in simple:
        return simple[kind]()
    if kind == "time":
        return pa.time64("us")
    if kind == "timestamp":
        return pa.timestamp("us")
    if kind == "timestamptz":
        return pa.timestamp("us", tz="UTC")
    if kind == "duration":
        return pa.duration("us")
    if kind == "decimal":
        shape = _decimal_shape(schema)
        if shape is None:
            return None
        precision, scale = shape
        if precision <= 38:
            return pa.decimal128(precision, scale)
        return pa.decimal256(min(precision, 76), scale) if precision <= 76 else None
    if kind == "list":
        item = schema.get("items")
        item_type = arrow_type(pa, item) if isinstance(item, Mapping) else None
        return None if item_type is None else pa.list_(item_type)
    if kind == "struct":
        fields = []
        for name, sub in schema["properties"].items():
            sub_type = arrow_type(pa, sub)
            if sub_type is None:
                return None
            fields.append(pa.field(name, sub_type))
        return pa.struct(fields)
    if kind == "map":
        values = schema.get("additionalProperties")
        value_type = arrow_type(pa, values) if isinstance(values, Mapping) else None
        return None if value_type is None else pa.map_(pa.string(), value_type)
    return None


def _arrow_value(value: Any) -> Any:
    if isinstance(value, Interval):
        delta = value.delta
        nanos = (delta.seconds * 1_000_000 + delta.microseconds) * 1000
        return (value.months, delta.days, nanos)
    if isinstance(value, YearMonthInterval):
        return (value.total_months, 0, 0)
    if isinstance(value, dt.timedelta):
        return (0, value.days, (value.seconds * 1_000_000 + value.microseconds) * 1000)
    return value


def rows_to_arrow(rows: Iterable[Mapping[str, Any]], data_model: DataModelGetter) -> pa.Table:
    """An Arrow table of ``rows`` with types from ``data_model`` (see the module table)."""
    import pyarrow as pa

    properties, names, columns = _columns(rows, data_model)
    arrays = []
    fields = []
    for name, values in zip(names, columns, strict=True):
        schema = properties.get(name, {}) if properties else {}
        array = _arrow_column(pa, list(values), schema)
        arrays.append(array)
        fields.append(pa.field(name, array.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _arrow_column(pa: Any, values: list[Any], schema: Mapping[str, Any]) -> Any:
    target = arrow_type(pa, schema)
    if column_kind(schema) == "interval":
        values = [_arrow_value(v) for v in values]
    failures = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError)
    if target is not None:
        try:
            return pa.array(values, type=target)
        except failures:
            pass  # e.g. convert_types=False left strings: infer instead
    try:
        return pa.array(values)
    except failures:
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())
