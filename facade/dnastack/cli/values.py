"""Values in their machine form: JSON (ISO 8601 dates, durations, intervals; base64 bytes;
decimals as exact strings), CSV cells, and :class:`JsonStyle` for numbers that JSON readers
would change (integers beyond +-2**53, decimals).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

__all__ = [
    "DEFAULT_JSON_STYLE",
    "MAX_EXACT_INT",
    "JsonStyle",
    "columns_from_data_model",
    "csv_cell",
    "dumps",
    "iso_duration",
    "iso_interval",
    "to_jsonable",
]

MAX_EXACT_INT = 2**53
"""Integers beyond +-2**53 lose digits as JSON numbers in most readers (jq, JavaScript)."""


@dataclass(frozen=True)
class JsonStyle:
    """How machine output (json, jsonl, yaml) writes numbers that readers may change.

    Attributes:
        big_ints: ``"string"`` (default): integers beyond +-2**53 as strings, exact in any
            reader; ``"number"``: bare numbers.
        decimals: ``"string"`` (default, exact) or ``"float"`` (a JSON number, may round).
    """

    big_ints: str = "string"
    decimals: str = "string"

    def apply(self, value: Any) -> Any:
        """``value`` with big integers and decimals in this style (containers walked)."""
        kind = type(value)
        if kind is int:
            if self.big_ints == "string" and not -MAX_EXACT_INT <= value <= MAX_EXACT_INT:
                return str(value)
            return value
        if kind is Decimal:
            return float(value) if self.decimals == "float" else str(value)
        if isinstance(value, Mapping):
            return {k: self.apply(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.apply(v) for v in value]
        return value


DEFAULT_JSON_STYLE = JsonStyle()


def iso_duration(delta: dt.timedelta) -> str:
    """``timedelta`` -> ISO 8601 duration (``P1DT2H3M4.5S``, ``-PT1S``, ``PT0S``)."""
    total_us = delta // dt.timedelta(microseconds=1)
    sign = "-" if total_us < 0 else ""
    total_us = abs(total_us)
    days, rest = divmod(total_us, 86_400_000_000)
    hours, rest = divmod(rest, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micros = divmod(rest, 1_000_000)
    text = f"{sign}P{days}D" if days else f"{sign}P"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or micros or not (days or clock):
        clock += f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") + "S"
    return text + (f"T{clock}" if clock else "")


_DELTA_COMPONENT = re.compile(r"(\d+(?:\.\d+)?)([DHMS])")


def iso_interval(months: int, delta: dt.timedelta) -> str:
    """An SQL interval of months plus an exact duration as ISO 8601, each component
    signed on its own as SQL engines write them (``P1Y2M3DT4H``, ``P-1MT2H``)."""
    duration = iso_duration(delta)
    if not months:
        return duration
    sign = "-" if months < 0 else ""
    years, rest = divmod(abs(months), 12)
    year_month = (f"{sign}{years}Y" if years else "") + (f"{sign}{rest}M" if rest else "")
    if not delta:
        return f"P{year_month}"
    body = duration.removeprefix("-")[1:]  # what follows "P"
    if duration.startswith("-"):
        body = _DELTA_COMPONENT.sub(r"-\1\2", body)
    return f"P{year_month}{body}"


def json_default(value: Any) -> Any:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat) and not isinstance(value, dt.date | dt.time):
        return isoformat()
    months, delta = getattr(value, "months", None), getattr(value, "delta", None)
    if isinstance(months, int) and isinstance(delta, dt.timedelta):  # an SQL interval
        return iso_interval(months, delta)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return iso_duration(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return str(value)  # UUID, YearMonthInterval, enums...


def to_jsonable(value: Any) -> Any:
    """``value`` with every non-JSON type replaced by its JSON form (see the module doc)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return to_jsonable(json_default(value))


def dumps(value: Any, *, indent: int | None = None) -> str:
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(
        value, default=json_default, ensure_ascii=False, indent=indent, separators=separators
    )


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for null, ``true``/``false``, compact JSON for arrays/objects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping | list | tuple):
        return dumps(value)
    jsonable = to_jsonable(value)
    return jsonable if isinstance(jsonable, str) else dumps(jsonable)


def columns_from_data_model(data_model: Mapping[str, Any] | None) -> list[str] | None:
    """Column names in ``data_model`` order, or None when it declares none."""
    if not isinstance(data_model, Mapping):
        return None
    properties = data_model.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        return None
    return [str(name) for name in properties]
