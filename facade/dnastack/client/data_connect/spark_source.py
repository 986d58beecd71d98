"""A PySpark 4 Python Data Source, format ``ga4gh-data-connect``, over a partition plan.

::

    from dnastack.client.data_connect.spark_source import register
    register(spark)
    frame = (spark.read.format("ga4gh-data-connect")
             .option("url", "https://node.example/data-connect/")
             .option("dbtable", "variants")           # or .option("query", "SELECT ...")
             .option("partitionColumn", "position").option("numPartitions", 8)
             .load())

Options use the names of Spark's JDBC reader: ``query`` or ``dbtable``, ``partitionColumn``,
``numPartitions``, ``lowerBound``, ``upperBound`` (optional here: one ``min``/``max`` query
finds them); plus ``url`` (the Data Connect endpoint; default: the context's),
``context``, ``configFile``, ``strategy`` (``range`` or ``modulo``) and
``credentialsProvider`` (``module:callable`` returning a token, imported on executors).
Credentials are found on the executors (configuration context or provider), never put
in the Spark plan.

The plan's sub-queries are grouped into at most ``partitions_in_flight`` Spark partitions,
so no more of them reach one server at a time; each group is read as Arrow record batches
(a partition is read whole, and retried from its start, before its batches are handed to
Spark). Types map through Arrow: integers, floats, booleans, decimals up to precision 38,
strings, binary, dates, timestamps (``TimestampNTZType`` / ``TimestampType`` when zoned),
times (``TimeType``), ``interval day to second`` (``DayTimeIntervalType``), arrays, structs
and maps. A column Spark cannot hold (an ``interval`` mixing months and days, a decimal of
precision above 38) is named in the error: CAST it in the query.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyspark.sql.datasource import DataSource, DataSourceReader, InputPartition

from dnastack.client.data_connect.errors import PartitionRefusedError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    from dnastack.client.data_connect.partitions import PartitionPlan

__all__ = ["FORMAT", "DataConnectDataSource", "register", "spark_schema"]

FORMAT = "ga4gh-data-connect"


def register(spark: SparkSession) -> None:
    """Register the ``ga4gh-data-connect`` format with ``spark``."""
    spark.dataSource.register(DataConnectDataSource)


def spark_schema(plan: PartitionPlan) -> StructType:
    """The Spark schema of the plan's rows.

    Raises:
        PartitionRefusedError: columns Spark cannot hold (all of them named).
    """
    from pyspark.sql.pandas.types import from_arrow_type
    from pyspark.sql.types import StructField, StructType

    fields = []
    unsupported = []
    for field in plan.arrow_schema():
        try:
            fields.append(
                StructField(field.name, from_arrow_type(field.type, prefer_timestamp_ntz=True))
            )
        except (TypeError, ValueError) as exc:  # PySparkTypeError is a TypeError
            unsupported.append(f"{field.name} ({_sql_type(plan, field.name)}: {exc})")
    if unsupported:
        raise PartitionRefusedError(
            "columns Spark cannot hold: "
            + "; ".join(unsupported)
            + " (CAST them to a supported type in the query)"
        )
    return StructType(fields)


def _sql_type(plan: PartitionPlan, name: str) -> str:
    schema = plan.data_model.get("properties", {}).get(name, {})
    return str(schema.get("format") or schema.get("type") or "unknown")


@dataclass(frozen=True)
class _Group(InputPartition):
    """The sub-queries one Spark partition reads, one after the other."""

    indexes: tuple[int, ...]


class DataConnectDataSource(DataSource):
    """The ``ga4gh-data-connect`` format (see the module documentation)."""

    @classmethod
    def name(cls) -> str:
        return FORMAT

    def schema(self) -> StructType:
        return spark_schema(plan_from_options(self.options))

    def reader(self, schema: StructType) -> DataSourceReader:
        plan = plan_from_options(self.options)
        return _Reader(plan, schema)


class _Reader(DataSourceReader):
    def __init__(self, plan: PartitionPlan, schema: StructType) -> None:
        self.plan = plan
        self.schema = schema

    def partitions(self) -> list[_Group]:
        count = max(1, min(len(self.plan), self.plan.max_in_flight))
        return [_Group(tuple(range(i, len(self.plan), count))) for i in range(count)]

    def read(self, partition: InputPartition) -> Iterator[Any]:
        from pyspark.sql.pandas.types import to_arrow_schema

        assert isinstance(partition, _Group)
        target = to_arrow_schema(self.schema, timezone="UTC")
        for index in partition.indexes:
            table = self.plan.read_arrow(index)
            for batch in table.to_batches():
                yield batch.cast(target)


_PLAN_CACHE_SECONDS = 30.0
_plans: dict[tuple[tuple[str, str], ...], tuple[float, PartitionPlan]] = {}


def plan_from_options(options: Mapping[str, str]) -> PartitionPlan:
    """The :class:`PartitionPlan` the reader options describe (made on the driver; Spark
    asks for the schema and the reader separately: a plan is reused for 30 s)."""
    key = tuple(sorted((str(k).lower(), str(v)) for k, v in options.items()))
    now = time.monotonic()
    cached = _plans.get(key)
    if cached is not None and now - cached[0] < _PLAN_CACHE_SECONDS:
        return cached[1]
    plan = _new_plan(options)
    _plans.clear()  # one plan kept: the common schema-then-reader sequence
    _plans[key] = (now, plan)
    return plan


def _new_plan(options: Mapping[str, str]) -> PartitionPlan:
    from dnastack.client.data_connect.client import DataConnectClient
    from dnastack.client.data_connect.partition_source import configured_endpoint
    from dnastack.client.models import ServiceEndpoint
    from dnastack.settings import resolve_settings

    lowered = {str(k).lower(): v for k, v in options.items()}
    query = lowered.get("query")
    table = lowered.get("dbtable")
    if bool(query) == bool(table):
        raise PartitionRefusedError("give exactly one of the options 'query' and 'dbtable'")
    settings = resolve_settings(
        config_file=lowered.get("configfile"), context=lowered.get("context")
    )
    url = lowered.get("url") or lowered.get("endpoint")
    if url:
        endpoint = configured_endpoint(settings, url) or ServiceEndpoint(url=url)
    else:
        endpoint = settings.endpoint("data_connect")
    column = lowered.get("partitioncolumn")
    partitions = int(lowered.get("numpartitions") or 1) if column else 1
    provider = _provider(lowered.get("credentialsprovider"))
    client = DataConnectClient(endpoint, settings=settings)
    try:
        return client.partition_query(
            str(query or f"SELECT * FROM {table}"),
            partition_column=column,
            partitions=partitions,
            strategy=lowered.get("strategy", "range"),  # type: ignore[arg-type]
            lower_bound=lowered.get("lowerbound"),
            upper_bound=lowered.get("upperbound"),
            credentials=provider,
        )
    finally:
        client.close()


def _provider(spec: str | None) -> Any:
    if not spec:
        return None
    module, _, attribute = spec.partition(":")
    if not module or not attribute:
        raise PartitionRefusedError("credentialsProvider must look like 'package.module:callable'")
    found = getattr(importlib.import_module(module), attribute)
    if not callable(found):
        raise PartitionRefusedError(f"credentialsProvider {spec!r} is not callable")
    return found
