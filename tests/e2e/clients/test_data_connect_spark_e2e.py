"""The ``ga4gh-data-connect`` PySpark data source against the devserver, on the session's
one ``local[2]`` SparkSession: partitioned reads equal a single read for N in {1, 2, 3, 8}
and both strategies; JDBC option names; every ``all_types`` column mapped or named."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path
from typing import Any

import pytest

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e
pytest.importorskip("pyspark")

QUERY = "SELECT id, k, k_small, day, score, label FROM partition_keys"


@pytest.fixture(scope="module")
def spark_dc(spark: Any) -> Any:
    from dnastack.client.data_connect.spark_source import register

    register(spark)
    return spark


@pytest.fixture(scope="module")
def expected(devserver: DevServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    settings = resolve_settings(
        config_file=tmp_path_factory.mktemp("spark") / "none.yaml",
        environ={},
        overrides=SessionOverrides(),
    )
    client = DataConnectClient(ServiceEndpoint(url=devserver.data_connect_url), settings=settings)
    table = client.query(QUERY).to_arrow()
    ids = table.column("id").to_pylist()
    keys = [k for k in table.column("k").to_pylist() if k is not None]
    return {"rows": len(ids), "ids": sum(ids), "keys": sum(keys), "nulls": 10_000 - len(keys)}


def reader(spark: Any, devserver: DevServer, tmp_path: Path) -> Any:
    return (
        spark.read.format("ga4gh-data-connect")
        .option("url", devserver.data_connect_url)
        .option("configFile", str(tmp_path / "none.yaml"))
    )


def test_spark_partitioned_reads_equal_a_single_read(
    spark_dc: Any, devserver: DevServer, tmp_path: Path, expected: dict[str, int]
) -> None:
    """N in {1, 2, 3, 8} x both strategies, computed in one Spark job (a union, tagged)."""
    from functools import reduce

    from pyspark.sql import functions as F

    frames = []
    for strategy in ("range", "modulo"):
        for partitions in (1, 2, 3, 8):
            frame = (
                reader(spark_dc, devserver, tmp_path)
                .option("query", QUERY)
                .option("partitionColumn", "k")
                .option("numPartitions", partitions)
                .option("strategy", strategy)
                .load()
            )
            if partitions == 8 and strategy == "range":  # grouped by partitions_in_flight
                assert frame.rdd.getNumPartitions() == 4
            frames.append(frame.withColumn("plan", F.lit(f"{strategy}-{partitions}")))
    rows = (
        reduce(lambda a, b: a.unionByName(b), frames)
        .groupBy("plan")
        .agg(
            F.count("*").alias("rows"),
            F.countDistinct("id").alias("distinct"),
            F.sum("id").alias("ids"),
            F.sum(F.col("k").cast("decimal(38,0)")).alias("keys"),
            F.sum(F.col("k").isNull().cast("int")).alias("nulls"),
        )
        .collect()
    )
    assert len(rows) == 8
    for row in rows:
        assert row["rows"] == row["distinct"] == expected["rows"], row["plan"]
        assert row["ids"] == expected["ids"], row["plan"]
        assert int(row["keys"]) == expected["keys"], row["plan"]
        assert row["nulls"] == expected["nulls"], row["plan"]


def test_spark_dbtable_with_jdbc_bounds(
    spark_dc: Any, devserver: DevServer, tmp_path: Path
) -> None:
    frame = (
        reader(spark_dc, devserver, tmp_path)
        .option("dbtable", "partition_keys")
        .option("partitionColumn", "day")
        .option("lowerBound", "2020-02-01")
        .option("upperBound", "2020-06-01")
        .option("numPartitions", "3")
        .load()
    )
    assert frame.count() == 10_000
    assert dict(frame.dtypes)["day"] == "date"


def test_spark_maps_every_all_types_column_or_names_it(
    spark_dc: Any, devserver: DevServer, tmp_path: Path
) -> None:
    with pytest.raises(Exception, match="c_interval") as raised:
        reader(spark_dc, devserver, tmp_path).option("dbtable", "all_types").load()
    assert "Spark cannot hold" in str(raised.value)

    supported = (
        "id, c_boolean, c_tinyint, c_smallint, c_integer, c_bigint, c_utinyint, c_uinteger, "
        "c_ubigint, c_real, c_double, c_decimal, c_decimal38, c_varchar, c_date, c_time, "
        "c_timestamp, c_timestamptz, c_list, c_list_varchar, c_struct, c_map, c_list_struct, "
        "c_blob, c_uuid"
    )
    frame = (
        reader(spark_dc, devserver, tmp_path)
        .option("query", f"SELECT {supported} FROM all_types")
        .option("partitionColumn", "id")
        .option("numPartitions", "2")
        .load()
    )
    types = dict(frame.dtypes)
    assert types["c_bigint"] == "bigint" and types["c_tinyint"] == "tinyint"
    assert types["c_decimal"] == "decimal(18,3)" and types["c_ubigint"] == "decimal(20,0)"
    assert types["c_timestamp"] == "timestamp_ntz" and types["c_timestamptz"] == "timestamp"
    assert types["c_map"].startswith("map<string,") and types["c_struct"].startswith("struct<")
    rows = {r["id"]: r for r in frame.collect()}
    first = rows[1]
    assert first["c_bigint"] == 9007199254740993
    assert first["c_decimal"] == decimal.Decimal("12345.678")
    assert first["c_date"] == dt.date(2024, 2, 29)
    assert first["c_timestamp"] == dt.datetime(2024, 2, 29, 13, 45, 30, 500000)
    assert first["c_list"] == [1, 2, 3] and first["c_map"] == {"k1": 1, "k2": 2}
    assert first["c_blob"] == bytearray(b"\xde\xad\xbe\xef")
    assert all(v is None for k, v in rows[3].asDict().items() if k != "id")


def test_the_spark_reader_holds_no_token(devserver: DevServer, tmp_path: Path) -> None:
    import cloudpickle

    from dnastack.client.data_connect.spark_source import _Reader, plan_from_options, spark_schema
    from tests.e2e.clients.test_data_connect_partitions_e2e import SECRET, write_config

    config = write_config(tmp_path / "config.yaml", devserver.data_connect_url)
    plan = plan_from_options(
        {"configFile": str(config), "dbtable": "partition_keys", "partitionColumn": "k",
         "numPartitions": "3"}
    )  # fmt: skip
    blob = cloudpickle.dumps(_Reader(plan, spark_schema(plan)))
    assert SECRET.encode() not in blob
    assert plan.source.client().endpoint.authentication == {"type": "bearer", "token": SECRET}
