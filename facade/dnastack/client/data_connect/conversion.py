"""Typed values for Data Connect rows, driven by the page's ``data_model``.

Data Connect sends some SQL types as JSON strings (bigint and decimal as strings, dates and
times in ISO 8601, intervals as ISO 8601 durations). :func:`build_row_converter` looks at a
``data_model`` once and returns a function that converts only the columns that need it, in
place, or ``None`` when no column does, so the common case costs nothing per row.

One validation path for every column (:func:`converter_for`): a known ``format`` decides the
conversion (``int64``/``bigint``, ``decimal``, dates, times, intervals, base64...); otherwise
the JSON-Schema ``type`` is checked (``integer`` takes an integer or integer text and rejects
``"abc"`` or ``1.5`` exactly as ``int64`` does; ``number`` a number or number text;
``boolean`` a boolean; ``string`` a string; ``array``/``object`` a list/dict whose items or
properties go through the same path). ``null`` is always accepted (SQL columns are
nullable). A value that does not fit raises :class:`ValueConversionError` naming the column.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

__all__ = [
    "Interval",
    "RowConverter",
    "RowsConverter",
    "ValueConversionError",
    "YearMonthInterval",
    "build_row_converter",
    "build_rows_converter",
    "converter_for",
    "parse_day_time_interval",
    "parse_interval",
    "parse_year_month_interval",
    "pass_through_classes",
]

Converter = Callable[[Any], Any]
RowConverter = Callable[[dict[str, Any]], dict[str, Any]]


class ValueConversionError(ValueError):
    """A value that does not have the form its ``data_model`` declares."""


class YearMonthInterval:
    """An SQL ``interval year to month``: whole years and months (ISO 8601 ``P3Y2M``)."""

    __slots__ = ("months", "years")

    def __init__(self, years: int = 0, months: int = 0) -> None:
        self.years = years
        self.months = months

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, YearMonthInterval):
            return NotImplemented
        return self.total_months == other.total_months

    def __hash__(self) -> int:
        return hash(self.total_months)

    def __repr__(self) -> str:
        return f"YearMonthInterval(years={self.years}, months={self.months})"

    def __str__(self) -> str:
        sign = "-" if self.total_months < 0 else ""
        years, months = divmod(abs(self.total_months), 12)
        return f"{sign}P{years}Y{months}M"


_YEAR_MONTH: Final = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?$")
_DAY_TIME: Final = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def _interval_parser(kind: str) -> Callable[[Callable[[str], Any]], Callable[[str], Any]]:
    """One rule for every interval parser: a value that is not a string, or whose numbers are
    out of range (``P99999999999D``, 5000 digits), is a :class:`ValueConversionError` naming
    ``kind`` (never a raw ``TypeError``, ``OverflowError`` or digit-limit ``ValueError``)."""

    def wrap(parse: Callable[[str], Any]) -> Callable[[str], Any]:
        @functools.wraps(parse)
        def checked(text: str) -> Any:
            if not isinstance(text, str):
                raise ValueConversionError(f"not an ISO 8601 {kind}: {_shown(text)}")
            try:
                return parse(text)
            except ValueConversionError:
                raise
            except (TypeError, ValueError, OverflowError) as exc:
                raise ValueConversionError(
                    f"not an ISO 8601 {kind} in range: {_shown(text)}"
                ) from exc

        return checked

    return wrap


@_interval_parser("year-month interval")
def parse_year_month_interval(text: str) -> YearMonthInterval:
    """Parse an ISO 8601 period such as ``P3Y2M`` or ``-P1M``."""
    match = _YEAR_MONTH.match(text)
    if match is None or text in ("P", "-P"):
        raise ValueConversionError(f"not an ISO 8601 year-month interval: {text!r}")
    sign = -1 if match.group(1) else 1
    years, months = (int(part or 0) for part in match.group(2, 3))
    return YearMonthInterval(sign * years, sign * months)


@_interval_parser("day-time interval")
def parse_day_time_interval(text: str) -> dt.timedelta:
    """Parse an ISO 8601 duration such as ``P3DT4H3M2S`` or ``PT0.5S`` into a timedelta."""
    match = _DAY_TIME.match(text)
    if match is None or text.rstrip("T") in ("P", "-P") or text.endswith("T"):
        raise ValueConversionError(f"not an ISO 8601 day-time interval: {text!r}")
    weeks, days, hours, minutes, seconds = (float(part or 0) for part in match.group(2, 3, 4, 5, 6))
    delta = dt.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -delta if match.group(1) else delta


class Interval:
    """An SQL ``interval`` of no declared kind: whole months plus an exact duration.

    Engines such as DuckDB keep months and days/seconds apart (``P1Y2M3DT4H`` is 14 months
    plus 3 days 4 hours); Python has no type for that, so this holds both parts.
    """

    __slots__ = ("delta", "months")

    def __init__(self, months: int = 0, delta: dt.timedelta | None = None) -> None:
        self.months = months
        self.delta = delta if delta is not None else dt.timedelta()

    @property
    def year_month(self) -> YearMonthInterval:
        """The months part, as years and months."""
        sign = -1 if self.months < 0 else 1
        years, months = divmod(abs(self.months), 12)
        return YearMonthInterval(sign * years, sign * months)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return (self.months, self.delta) == (other.months, other.delta)

    def __hash__(self) -> int:
        return hash((self.months, self.delta))

    def __repr__(self) -> str:
        return f"Interval(months={self.months}, delta={self.delta!r})"


_ANY_INTERVAL: Final = re.compile(
    r"^(-)?P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)W)?(?:(-?\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$"
)
"""ISO 8601 durations; each component may carry its own sign (``P-1D``, ``PT-30M``), as
SQL engines render mixed-sign intervals."""


@_interval_parser("interval")
def parse_interval(text: str) -> Interval:
    """Parse any ISO 8601 duration (``P1Y2M3DT4H5M6.5S``) into months plus a timedelta."""
    match = _ANY_INTERVAL.match(text) if isinstance(text, str) else None
    if match is None or text.rstrip("T") in ("P", "-P") or text.endswith("T"):
        raise ValueConversionError(f"not an ISO 8601 interval: {text!r}")
    sign = -1 if match.group(1) else 1
    years, months = (int(part or 0) for part in match.group(2, 3))
    weeks, days, hours, minutes, seconds = (float(part or 0) for part in match.group(4, 5, 6, 7, 8))
    delta = dt.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return Interval(sign * (years * 12 + months), -delta if sign < 0 else delta)


def _from_base64(value: Any) -> bytes:
    import base64
    import binascii

    try:
        return base64.b64decode(value, validate=True)
    except (TypeError, ValueError, binascii.Error) as exc:
        raise ValueConversionError(f"not base64 text: {value!r}") from exc


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueConversionError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueConversionError(f"not an integer: {value!r}")
    if not isinstance(value, str):
        raise ValueConversionError(f"not an integer: {value!r}")
    try:
        return int(value)
    except ValueError as exc:  # not digits, or more than int's 4300 digits
        raise ValueConversionError(f"not an integer: {_shown(value)}") from exc


def _to_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueConversionError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str):
        raise ValueConversionError(f"not a number: {value!r}")
    try:
        return float(value)
    except ValueError as exc:
        raise ValueConversionError(f"not a number: {_shown(value)}") from exc


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueConversionError(f"not a boolean: {_shown(value)}")


def _to_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise ValueConversionError(f"not a string: {_shown(value)}")


def _shown(value: Any) -> str:
    """A value for an error message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueConversionError(f"not a decimal: {value!r}")
    try:
        return Decimal(value) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueConversionError(f"not a decimal: {value!r}") from exc


def _iso(parse: Callable[[str], Any], kind: str) -> Converter:
    def convert(value: Any) -> Any:
        try:
            return parse(value)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueConversionError(f"not an ISO 8601 {kind}: {_shown(value)}") from exc

    return convert


def _timestamp(value: str) -> dt.datetime:
    # Python's parser accepts a space between date and time; SQL engines often send one.
    return dt.datetime.fromisoformat(value)


# ``format`` values (lower case, spaces collapsed) -> converter. Several spellings are used by
# Data Connect servers in the wild; each maps to one conversion.
_BY_FORMAT: Final[dict[str, Converter]] = {
    "bigint": _to_int,
    "int64": _to_int,
    "long": _to_int,
    "hugeint": _to_int,
    "decimal": _to_decimal,
    "numeric": _to_decimal,
    "date": _iso(dt.date.fromisoformat, "date"),
    "time": _iso(dt.time.fromisoformat, "time"),
    "time without time zone": _iso(dt.time.fromisoformat, "time"),
    "time with time zone": _iso(dt.time.fromisoformat, "time"),
    "timestamp": _iso(_timestamp, "timestamp"),
    "timestamp without time zone": _iso(_timestamp, "timestamp"),
    "timestamp with time zone": _iso(_timestamp, "timestamp"),
    "date-time": _iso(_timestamp, "timestamp"),
    "interval year to month": parse_year_month_interval,
    "interval day to month": parse_year_month_interval,  # the spec's own table spells it so
    "interval day to second": parse_day_time_interval,
    "duration": parse_day_time_interval,
    "interval": parse_interval,
}


def _format_key(fmt: str) -> str:
    key = " ".join(fmt.lower().split())
    if key.startswith(("decimal(", "numeric(")):
        return key.split("(", 1)[0]
    return key


_BY_TYPE: Final[dict[str, Converter]] = {
    "integer": _to_int,
    "number": _to_number,
    "boolean": _to_bool,
    "string": _to_str,
}
_PASS_THROUGH: Final[dict[str, tuple[type, ...]]] = {
    "integer": (int,),
    "number": (float, int),
    "boolean": (bool,),
    "string": (str,),
}
"""Per scalar type, the classes whose values its checker returns unchanged (the fast path
skips the call for them)."""


def _schema_types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    return {k for k in kinds if isinstance(k, str) and k != "null"}


def converter_for(schema: Mapping[str, Any]) -> Converter | None:
    """The checked converter for one JSON Schema (a column or an array item), or None when
    the schema declares nothing to check (no known ``format``, no ``type``)."""
    if not isinstance(schema, Mapping):
        return None
    if schema.get("contentEncoding") == "base64":
        return _from_base64
    fmt = schema.get("format")
    if isinstance(fmt, str):
        converter = _BY_FORMAT.get(_format_key(fmt))
        if converter is not None:
            return converter
    kinds = _schema_types(schema)
    if kinds == {"array"}:
        return _array_of(converter_for(schema.get("items") or {}))
    if kinds == {"object"}:
        if build_row_converter(schema) is not None:
            return _compiled_object(schema["properties"])
        values = schema.get("additionalProperties")
        return _map_of(converter_for(values) if isinstance(values, Mapping) else None)
    if len(kinds) == 1:
        return _BY_TYPE.get(next(iter(kinds)))
    return None


def pass_through_classes(schema: Mapping[str, Any]) -> tuple[type, ...]:
    """Classes whose values the column's checked converter returns unchanged (a scalar type
    without a converting ``format``); empty when every value must go through it."""
    if not isinstance(schema, Mapping) or schema.get("contentEncoding") == "base64":
        return ()
    fmt = schema.get("format")
    if isinstance(fmt, str) and _format_key(fmt) in _BY_FORMAT:
        return ()
    kinds = _schema_types(schema)
    return _PASS_THROUGH.get(next(iter(kinds)), ()) if len(kinds) == 1 else ()


def _map_of(value_converter: Converter | None) -> Converter:
    def convert(values: Any) -> Any:
        if not isinstance(values, dict):
            raise ValueConversionError(f"not an object: {_shown(values)}")
        if value_converter is None:
            return values
        return {k: None if v is None else value_converter(v) for k, v in values.items()}

    return convert


def _array_of(item: Converter | None) -> Converter:
    def convert(values: Any) -> Any:
        if not isinstance(values, list):
            raise ValueConversionError(f"not an array: {_shown(values)}")
        if item is None:
            return values
        return [None if value is None else item(value) for value in values]

    return convert


def build_row_converter(data_model: Mapping[str, Any] | None) -> RowConverter | None:
    """A function converting a row dict in place per ``data_model``; None if nothing to convert.

    Raises :class:`ValueConversionError` (naming the column) when a value does not parse.
    """
    if not isinstance(data_model, Mapping):
        return None
    properties = data_model.get("properties")
    if not isinstance(properties, Mapping):
        return None
    columns = tuple(
        (name, converter)
        for name, schema in properties.items()
        if (converter := converter_for(schema)) is not None
    )
    if not columns:
        return None

    def convert_row(row: dict[str, Any]) -> dict[str, Any]:
        for name, converter in columns:
            value = row.get(name)
            if value is not None:
                try:
                    row[name] = converter(value)
                except ValueConversionError as exc:
                    raise ValueConversionError(f"column {name!r}: {exc}") from None
        return row

    return convert_row


# -- page-level fast path ------------------------------------------------------------------

RowsConverter = Callable[[list[dict[str, Any]]], None]

# For a JSON *string*, each of these C parsers returns exactly what the checked converter of
# the same format returns, and raises ValueError/ArithmeticError where it would fail.
_STRING_PARSERS: Final[dict[str, Callable[[str], Any]]] = {
    "bigint": int,
    "int64": int,
    "long": int,
    "hugeint": int,
    "decimal": Decimal,
    "numeric": Decimal,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "time without time zone": dt.time.fromisoformat,
    "time with time zone": dt.time.fromisoformat,
    "timestamp": dt.datetime.fromisoformat,
    "timestamp without time zone": dt.datetime.fromisoformat,
    "timestamp with time zone": dt.datetime.fromisoformat,
    "date-time": dt.datetime.fromisoformat,
}


def _string_parser(schema: Mapping[str, Any]) -> Callable[[str], Any] | None:
    fmt = schema.get("format")
    if not isinstance(fmt, str) or schema.get("contentEncoding") == "base64":
        return None
    return _STRING_PARSERS.get(_format_key(fmt))


def build_rows_converter(data_model: Mapping[str, Any] | None) -> RowsConverter | None:
    """A function converting a page of rows in place, with the same results and errors as
    :func:`build_row_converter` row by row; None if nothing needs converting.

    Built once per data model, it converts each row in a single specialised loop: the
    row's values are read by subscript (a row missing a column goes through the same code
    reading with ``get``), a string value of a scalar column goes straight to its C parser
    (``int``, ``Decimal``, ``date.fromisoformat``...), a value of a plain scalar type
    (``integer``, ``string``...) of the expected class passes after one class check, other
    values go to the checked converter (nested objects to their own compiled converter).
    A row's values are written once all of them converted; a value that does not convert
    raises the :class:`ValueConversionError` of the checked converter, naming the column.
    """
    if build_row_converter(data_model) is None or data_model is None:
        return None
    convert_rows: RowsConverter = _compile(data_model["properties"], per_page=True)
    return convert_rows


def _compiled_object(properties: Mapping[str, Any]) -> Converter:
    """The checked converter of a nested object with ``properties``: the compiled row code
    for one dict, converted in place (same values and errors as the row converter)."""
    convert_object: Converter = _compile(properties, per_page=False)
    return convert_object


def _plain_object_columns(schema: Mapping[str, Any]) -> list[tuple[str, tuple[type, ...]]]:
    """For an ``object`` column whose checked columns are all plain scalars, each column
    with its pass-through classes; empty otherwise."""
    if _schema_types(schema) != {"object"} or not isinstance(schema.get("properties"), Mapping):
        return []
    fmt = schema.get("format")
    if isinstance(fmt, str) and _format_key(fmt) in _BY_FORMAT:
        return []
    found = []
    for name, column in schema["properties"].items():
        if converter_for(column) is None:
            continue
        classes = pass_through_classes(column)
        if not classes:
            return []
        found.append((name, classes))
    return found


def _not_an_object(value: Any) -> None:
    raise ValueConversionError(f"not an object: {_shown(value)}")


def _compile(properties: Mapping[str, Any], *, per_page: bool) -> Any:
    """The converter of a page of rows (``per_page``) or of one object, as Python source
    specialised to ``properties`` and compiled once.

    Each row is read by subscripts (``row[n0]``, a missing key or a row that is not a dict
    falls back to the same code reading with ``row.get``, ``checked_row``); then each
    column's code runs, in column order; a row's values are written once all converted.
    A failure is named by its column: the line that raised (the traceback's line in the
    generated code) maps to the column, so no per-column bookkeeping runs per row.
    """
    columns: list[tuple[str, Converter]] = []
    namespace: dict[str, Any] = {"not_an_object": _not_an_object}
    code: list[tuple[str, int]] = []  # the columns' lines, each with its column's index
    store: list[str] = []
    for name, schema in properties.items():
        checked = converter_for(schema)
        if checked is None:
            continue
        index = len(columns)
        columns.append((name, checked))
        namespace[f"n{index}"], namespace[f"k{index}"] = name, checked
        code += [(line, index) for line in _column_code(index, schema, checked, namespace)]
        if not pass_through_classes(schema) and not _plain_object_columns(schema):
            store += [f"if r{index} is not None:", f"    row[n{index}] = c{index}"]
        elif checked in (_to_int, _to_number):  # integer/number text becomes a number
            store += [f"if c{index} is not r{index}:", f"    row[n{index}] = c{index}"]

    indexes = range(len(columns))
    lines: list[tuple[str, int | None]] = []  # the source: (line, its column's index)

    def add(indent: int, block: list[tuple[str, int]] | list[str]) -> None:
        for item in block:
            text, index = item if isinstance(item, tuple) else (item, None)
            lines.append((" " * indent + text, index))

    def convert_and_store(indent: int) -> None:
        add(indent, ["try:"])
        add(indent + 4, code)
        add(
            indent,
            ["except (ValueError, TypeError, ArithmeticError) as exc:", "    fail(row, exc)"],
        )
        add(indent, store)

    # The checked row: reads with get (a missing key is None), the reference for both paths.
    add(0, ["def checked_row(row):", "    get = row.get"])
    add(4, [f"r{i} = get(n{i})" for i in indexes])
    convert_and_store(4)
    add(4, ["return row"])
    if per_page:
        add(0, ["def convert(rows):", "    for row in rows:", "        try:"])
        add(12, [f"r{i} = row[n{i}]" for i in indexes])
        add(8, ["except (KeyError, TypeError):", "    checked_row(row)", "    continue"])
        convert_and_store(8)
    else:
        add(
            0,
            [
                "def convert(row):",
                "    if row.__class__ is not dict:",
                "        not_an_object(row)",
            ],
        )
        add(4, ["try:"])
        add(8, [f"r{i} = row[n{i}]" for i in indexes])
        add(4, ["except KeyError:", "    return checked_row(row)"])
        convert_and_store(4)
        add(4, ["return row"])
    column_at_line = {
        number: index for number, (_, index) in enumerate(lines, 1) if index is not None
    }

    def fail(row: dict[str, Any], error: Exception) -> None:
        traceback = error.__traceback__  # its first entry: the generated line that raised
        index = None if traceback is None else column_at_line.get(traceback.tb_lineno)
        if index is None:  # pragma: no cover - only a column's line can raise these
            raise error
        name, checked = columns[index]
        if not isinstance(error, ValueConversionError):
            try:  # the fast parser failed: the checked converter says why
                checked(row.get(name))
            except ValueConversionError as exc:
                error = exc
        raise ValueConversionError(f"column {name!r}: {error}") from None

    namespace["fail"] = fail
    # The source is fixed text plus column *indexes*: names and parsers from the data model
    # are bound in the namespace (n0, f0, k0, ...), so nothing the server sends is compiled.
    source = "\n".join(text for text, _ in lines)
    exec(compile(source, "<dnastack data_model converter>", "exec"), namespace)
    return namespace["convert"]


def _column_code(
    index: int, schema: Mapping[str, Any], checked: Converter, namespace: dict[str, Any]
) -> list[str]:
    """The lines checking (and converting) column ``index``'s value ``r{index}`` into
    ``c{index}``; names it needs are added to ``namespace``."""
    value = f"r{index}"
    passing = pass_through_classes(schema)
    if passing:
        # A scalar type: values of these classes pass unchanged (one class check, the
        # common case first), others are checked (integer/number text is converted).
        other_class = _not_one_of(value, passing, f"p{index}", namespace)
        if checked in (_to_int, _to_number):
            return [
                f"c{index} = {value}",
                f"if {other_class} and {value} is not None:",
                f"    c{index} = k{index}({value})",
            ]
        return [f"if {other_class} and {value} is not None:", f"    k{index}({value})"]
    nested = _plain_object_columns(schema)
    if nested:
        # An object whose columns are all plain scalars: one class check per value here;
        # the nested converter (which converts in place, or raises) only when a value is
        # not of its column's class or a key is missing.
        checks = [f"{value}.__class__ is dict"]
        for j, (nested_name, classes) in enumerate(nested):
            namespace[f"m{index}_{j}"] = nested_name
            member = f"(x := {value}[m{index}_{j}])"
            checks.append(f"({_one_of(member, classes, f'q{index}_{j}', namespace)} or x is None)")
        return [
            f"if {value} is not None:",
            "    try:",
            f"        ok = {' and '.join(checks)}",
            "    except KeyError:",
            "        ok = False",
            "    if not ok:",
            f"        k{index}({value})",
        ]
    fast = _string_parser(schema)
    if fast is None:
        return [f"if {value} is not None:", f"    c{index} = k{index}({value})"]
    namespace[f"f{index}"] = fast
    return [
        f"if {value} is not None:",
        f"    c{index} = f{index}({value}) if {value}.__class__ is str else k{index}({value})",
    ]


def _one_of(value: str, classes: tuple[type, ...], prefix: str, namespace: dict[str, Any]) -> str:
    """Source testing that ``value``'s class is one of ``classes`` (bound as prefix_0...)."""
    for j, cls in enumerate(classes):
        namespace[f"{prefix}_{j}"] = cls
    if len(classes) == 1:
        return f"{value}.__class__ is {prefix}_0"
    tests = " or ".join(f"t is {prefix}_{j}" for j in range(1, len(classes)))
    return f"((t := {value}.__class__) is {prefix}_0 or {tests})"


def _not_one_of(
    value: str, classes: tuple[type, ...], prefix: str, namespace: dict[str, Any]
) -> str:
    """Source testing that ``value``'s class is none of ``classes``."""
    for j, cls in enumerate(classes):
        namespace[f"{prefix}_{j}"] = cls
    if len(classes) == 1:
        return f"{value}.__class__ is not {prefix}_0"
    tests = " and ".join(f"t is not {prefix}_{j}" for j in range(1, len(classes)))
    return f"((t := {value}.__class__) is not {prefix}_0 and {tests})"
