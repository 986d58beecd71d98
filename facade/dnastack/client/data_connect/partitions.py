"""Partitioned reads: one query split into N sub-queries over a key column.

Data Connect has no partition API and its pages are strictly sequential, so the *query* is
split, as Spark's JDBC reader does: each partition is ``SELECT * FROM (<query>) AS
_dnastack_part WHERE <predicate on the key>``, run on its own by a worker.

* ``range`` (integers, decimals, doubles, dates, timestamps): ``lowerBound``/``upperBound``
  from one ``min``/``max`` query (or given) cut the key range into N strides; the first
  partition is open below and takes the NULL keys, the last is open above, so every row
  lands in exactly one partition whatever the bounds (negative keys included; skewed keys
  make uneven partitions, never wrong ones).
* ``modulo`` (integers): partition *i* holds ``((k % N) + N) % N = i`` (sign-safe), and
  partition 0 the NULL keys too.

Caveats (documented, not detectable): a ``LIMIT`` without ``ORDER BY`` may pick other rows
in each sub-query (a warning is logged); rows that change between sub-queries are read as
each sub-query sees them. A :class:`PartitionPlan` is picklable and holds no secret:
credentials are found on the worker (:mod:`~dnastack.client.data_connect.partition_source`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from dnastack.client.data_connect.errors import PartitionReadError, PartitionRefusedError
from dnastack.client.data_connect.frames import column_kind
from dnastack.client.data_connect.partition_source import DataConnectSource, in_flight_slot
from dnastack.client.data_connect.sql_shape import query_shape, quote_identifier
from dnastack.client.pagination import IncompleteResultError
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import RateLimitedError, ServerError, TransportError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dnastack.client.data_connect.client import DataConnectClient

__all__ = [
    "DEFAULT_MAX_PARTITIONS",
    "DEFAULT_PARTITIONS_IN_FLIGHT",
    "DEFAULT_PARTITION_RETRIES",
    "Partition",
    "PartitionPlan",
    "Strategy",
    "plan_partitions",
]

_logger = sdk_logger("dnastack.data_connect.partitions")

Strategy = Literal["range", "modulo"]
DEFAULT_PARTITIONS_IN_FLIGHT: Final = 4
"""Partitions of one server read at the same time (setting ``partitions_in_flight``)."""
DEFAULT_PARTITION_RETRIES: Final = 2
"""Times a failed partition is read again from its start (setting ``partition_retries``)."""
DEFAULT_MAX_PARTITIONS: Final = 1024
"""Partitions one plan may have (setting ``max_partitions``)."""
RETRY_BACKOFF_SECONDS: Final = 0.5
_RETRY_BACKOFF_CAP: Final = 10.0
_ALIAS = "_dnastack_part"
_INTEGER_KINDS = ("int8", "int16", "int32", "int64")
_RANGE_KINDS = (*_INTEGER_KINDS, "float32", "float64", "decimal", "date", "timestamp")
_RETRIED = (IncompleteResultError, TransportError, ServerError, RateLimitedError)


@dataclass(frozen=True)
class Partition:
    """One sub-query: its index and the predicate on the key that selects its rows."""

    index: int
    predicate: str


@dataclass(frozen=True, eq=False)
class PartitionPlan:
    """N sub-queries that together return each row of ``query`` exactly once.

    Picklable and free of secrets: send it to Dask or Spark workers; :meth:`read_arrow`
    (or :meth:`read_pandas`) reads one partition there, retried from its start up to
    ``retries`` times, with at most ``max_in_flight`` partitions of the server at once.
    """

    query: str
    parameters: tuple[Any, ...]
    partition_column: str | None
    strategy: Strategy
    partitions: tuple[Partition, ...]
    data_model: Mapping[str, Any]
    source: DataConnectSource
    max_in_flight: int = DEFAULT_PARTITIONS_IN_FLIGHT
    retries: int = DEFAULT_PARTITION_RETRIES
    retry_backoff: float = RETRY_BACKOFF_SECONDS
    bounds: tuple[Any, Any] | None = field(default=None)

    def __len__(self) -> int:
        return len(self.partitions)

    def sql(self, index: int) -> str:
        """The SQL of partition ``index``."""
        predicate = self.partitions[index].predicate
        return f"SELECT * FROM ({self.query}) AS {_ALIAS} WHERE {predicate}"

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema of every partition (from the ``data_model``)."""
        from dnastack.client.data_connect.batches import arrow_schema

        return arrow_schema(self.data_model)

    def read_arrow(self, index: int) -> pa.Table:
        """Partition ``index`` as an Arrow table (run on a worker).

        Raises:
            PartitionReadError: it failed ``1 + retries`` times (or once, for an error a
                retry cannot fix such as 400 or 403); ``__cause__`` is the last error.
        """
        attempts = 1 + max(0, self.retries)
        for attempt in range(1, attempts + 1):
            try:
                with in_flight_slot(self.source.url, self.max_in_flight):
                    return self._read_once(index)
            except _RETRIED as exc:
                if attempt == attempts:
                    raise self._failed(index, attempt, exc) from exc
                _logger.warning("partition %d failed (attempt %d): %s", index, attempt, exc)
                if self.retry_backoff > 0:
                    time.sleep(min(_RETRY_BACKOFF_CAP, self.retry_backoff * 2 ** (attempt - 1)))
            except Exception as exc:
                raise self._failed(index, attempt, exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def read_pandas(self, index: int) -> pd.DataFrame:
        """Partition ``index`` as a DataFrame with the dtypes of ``to_pandas()``."""
        from dnastack.client.data_connect.batches import table_to_pandas

        return table_to_pandas(self.read_arrow(index), lambda: self.data_model)

    def meta(self) -> pd.DataFrame:
        """An empty DataFrame with the columns and dtypes every partition has."""
        from dnastack.client.data_connect.batches import table_to_pandas

        return table_to_pandas(self.arrow_schema().empty_table(), lambda: self.data_model)

    def to_dask(self) -> Any:
        """A ``dask.dataframe.DataFrame`` with one partition per sub-query (``dask`` extra)."""
        from dnastack.client.data_connect.dask_io import plan_to_dask

        return plan_to_dask(self)

    def _read_once(self, index: int) -> pa.Table:
        client = self.source.client()
        result = client.query(
            self.sql(index),
            no_auth=self.source.no_auth,
            parameters=list(self.parameters) or None,
        )
        table = result.to_arrow()
        schema = self.arrow_schema()
        return table if table.schema == schema else table.cast(schema)

    def _failed(self, index: int, attempts: int, exc: BaseException) -> PartitionReadError:
        return PartitionReadError(
            f"partition {index} of {len(self)} ({self.partitions[index].predicate}) failed "
            f"after {attempts} attempt(s): {exc}",
            partition=index,
            partitions=len(self),
            attempts=attempts,
        )

    def __repr__(self) -> str:
        return (
            f"PartitionPlan(partitions={len(self)}, strategy={self.strategy!r}, "
            f"partition_column={self.partition_column!r}, source={self.source!r})"
        )


# -- planning (in the caller's process) ----------------------------------------------------


def plan_partitions(
    client: DataConnectClient,
    query: str,
    parameters: Sequence[Any] | None,
    *,
    partition_column: str | None,
    partitions: int,
    strategy: Strategy,
    source: DataConnectSource,
    lower_bound: Any = None,
    upper_bound: Any = None,
    max_partitions: int = DEFAULT_MAX_PARTITIONS,
    max_in_flight: int = DEFAULT_PARTITIONS_IN_FLIGHT,
    retries: int = DEFAULT_PARTITION_RETRIES,
) -> PartitionPlan:
    """Check ``query``, read its ``data_model`` (and the key's bounds) and plan N parts."""
    params = tuple(parameters or ())
    if strategy not in ("range", "modulo"):
        raise PartitionRefusedError(f"unknown strategy {strategy!r}: use 'range' or 'modulo'")
    if not 1 <= partitions <= max_partitions:
        raise PartitionRefusedError(
            f"partitions must be between 1 and {max_partitions} (max_partitions), not {partitions}"
        )
    shape = query_shape(query)
    if not shape.single_select:
        raise PartitionRefusedError(f"cannot partition this query: {shape.problem}")
    if shape.duplicate_names:
        raise PartitionRefusedError(
            "cannot partition a query with duplicate output names: "
            + ", ".join(shape.duplicate_names)
            + " (give each column its own alias)"
        )
    if shape.limit_without_order:
        _logger.warning(
            "partitioned query has LIMIT/OFFSET without ORDER BY: each sub-query may pick "
            "other rows; add an ORDER BY to make it deterministic"
        )
    body = query.strip().rstrip(";").strip()
    model = _data_model(client, body, params, source.no_auth)
    kind = _key_kind(model, partition_column, strategy, partitions)
    bounds: tuple[Any, Any] | None = None
    if partitions == 1 or partition_column is None:
        predicates = ["1 = 1"]
    elif strategy == "modulo":
        predicates = _modulo_predicates(quote_identifier(partition_column), partitions)
    else:
        if lower_bound is None or upper_bound is None:
            low, high = _bounds(client, body, params, partition_column, source.no_auth)
            lower_bound = low if lower_bound is None else lower_bound
            upper_bound = high if upper_bound is None else upper_bound
        lower_bound, upper_bound = _coerce(kind, lower_bound), _coerce(kind, upper_bound)
        bounds = (lower_bound, upper_bound)
        predicates = _range_predicates(
            quote_identifier(partition_column), kind, lower_bound, upper_bound, partitions
        )
    return PartitionPlan(
        query=body,
        parameters=params,
        partition_column=partition_column,
        strategy=strategy,
        partitions=tuple(Partition(i, p) for i, p in enumerate(predicates)),
        data_model=dict(model),
        source=source,
        max_in_flight=max_in_flight,
        retries=retries,
        bounds=bounds,
    )


def _data_model(
    client: DataConnectClient, query: str, params: tuple[Any, ...], no_auth: bool
) -> Mapping[str, Any]:
    result = client.query(
        f"SELECT * FROM ({query}) AS {_ALIAS} WHERE 1 = 0",
        no_auth=no_auth,
        parameters=list(params) or None,
    )
    result.to_list()
    model = result.data_model
    if not isinstance(model, Mapping) or not isinstance(model.get("properties"), Mapping):
        raise PartitionRefusedError(
            "the service sent no data_model for the query: its columns cannot be checked"
        )
    return model


def _key_kind(
    model: Mapping[str, Any], column: str | None, strategy: Strategy, partitions: int
) -> str:
    if column is None:
        if partitions > 1:
            raise PartitionRefusedError("a partition column is needed for more than 1 partition")
        return "any"
    properties = model["properties"]
    if column not in properties:
        raise PartitionRefusedError(
            f"partition column {column!r} is not among the query's columns "
            f"({', '.join(properties)})"
        )
    kind = column_kind(properties[column])
    allowed = _INTEGER_KINDS if strategy == "modulo" else _RANGE_KINDS
    if kind not in allowed:
        raise PartitionRefusedError(
            f"the {strategy} strategy cannot split column {column!r} of type "
            f"{properties[column].get('format') or kind}"
            + (" (modulo needs an integer key)" if strategy == "modulo" else "")
        )
    return kind


def _bounds(
    client: DataConnectClient, query: str, params: tuple[Any, ...], column: str, no_auth: bool
) -> tuple[Any, Any]:
    key = quote_identifier(column)
    rows = client.query(
        f"SELECT min({key}) AS lo, max({key}) AS hi FROM ({query}) AS {_ALIAS}",
        no_auth=no_auth,
        parameters=list(params) or None,
    ).to_list()
    return (rows[0]["lo"], rows[0]["hi"]) if rows else (None, None)


def _modulo_predicates(key: str, n: int) -> list[str]:
    predicates = [f"(({key} % {n}) + {n}) % {n} = {i}" for i in range(n)]
    predicates[0] = f"({predicates[0]} OR {key} IS NULL)"
    return predicates


def _range_predicates(key: str, kind: str, low: Any, high: Any, n: int) -> list[str]:
    if low is None or high is None:  # no non-NULL key: everything in partition 0
        return ["1 = 1"] + ["1 = 0"] * (n - 1)
    if low > high:
        low, high = high, low
    cuts = [_literal(kind, c) for c in _cut_points(kind, low, high, n)]
    predicates = [f"({key} < {cuts[0]} OR {key} IS NULL)"]
    predicates += [f"{key} >= {a} AND {key} < {b}" for a, b in itertools.pairwise(cuts)]
    predicates.append(f"{key} >= {cuts[-1]}")
    return predicates


def _cut_points(kind: str, low: Any, high: Any, n: int) -> list[Any]:
    """The N-1 increasing stride boundaries between ``low`` and ``high`` (exact arithmetic)."""
    if kind in _INTEGER_KINDS:
        return [low + (high - low) * i // n for i in range(1, n)]
    if kind == "date":
        span = (high - low).days
        return [low + dt.timedelta(days=span * i // n) for i in range(1, n)]
    if kind == "timestamp":
        micros = (high - low) // dt.timedelta(microseconds=1)
        return [low + dt.timedelta(microseconds=micros * i // n) for i in range(1, n)]
    if kind == "decimal":
        lo, hi = decimal.Decimal(low), decimal.Decimal(high)
        return [lo + (hi - lo) * i / n for i in range(1, n)]
    return [float(low) + (float(high) - float(low)) * i / n for i in range(1, n)]


def _coerce(kind: str, value: Any) -> Any:
    """A bound given as text (e.g. a Spark option) as a value of the key's kind."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if kind in _INTEGER_KINDS:
            return int(text)
        if kind == "decimal":
            return decimal.Decimal(text)
        if kind == "date":
            return dt.date.fromisoformat(text)
        if kind == "timestamp":
            return dt.datetime.fromisoformat(text)
        return float(text)
    except (ValueError, decimal.InvalidOperation) as exc:
        raise PartitionRefusedError(f"bound {value!r} is not a valid {kind} value") from exc


def _literal(kind: str, value: Any) -> str:
    if kind in _INTEGER_KINDS:
        number = int(value)
        return "(-9223372036854775807 - 1)" if number == -(2**63) else str(number)
    if kind == "date":
        return f"DATE '{value.isoformat()}'"
    if kind == "timestamp":
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if kind == "decimal":
        return format(decimal.Decimal(value), "f")
    return repr(float(value))
