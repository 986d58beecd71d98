"""Partitioned reads against the devserver: each plan's partitions together equal a single
read (row count, key checksum, disjointness) for N in {1, 2, 3, 8} and both strategies on
keys with NULLs, negatives, skew and the BIGINT extremes; refusals; retries; no secret in a
pickled plan; the same plan on the session's Dask cluster."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.data_connect.errors import PartitionReadError, PartitionRefusedError
from dnastack.client.data_connect.partitions import PartitionPlan
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

SECRET = "tok-3b1f-never-in-a-plan"
DC_TYPE = {"group": "org.ga4gh", "artifact": "data-connect", "version": "1.0.0"}
QUERY = "SELECT id, k, k_small, day, score, label FROM partition_keys"


def write_config(path: Path, url: str) -> Path:
    document = {
        "current_context": "cluster",
        "contexts": {
            "cluster": {
                "endpoints": [
                    {
                        "id": "dc",
                        "url": url,
                        "type": DC_TYPE,
                        "authentication": {"type": "bearer", "token": SECRET},
                    }
                ],
                "defaults": {"data_connect": "dc"},
            }
        },
    }
    path.write_text(yaml.safe_dump(document))
    return path


@pytest.fixture(scope="module")
def config_file(devserver: DevServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_config(tmp_path_factory.mktemp("dist") / "config.yaml", devserver.data_connect_url)


@pytest.fixture(scope="module")
def client(devserver: DevServer, config_file: Path) -> Iterator[DataConnectClient]:
    settings = resolve_settings(
        config_file=config_file,
        environ={"HOME": str(config_file.parent)},
        overrides=SessionOverrides(),
    )
    with DataConnectClient(settings.endpoint("data_connect"), settings=settings) as client:
        yield client


@pytest.fixture(scope="module")
def single(client: DataConnectClient) -> Any:
    return client.query(QUERY).to_arrow()


def fingerprint(table: Any, column: str) -> tuple[int, int, int, int]:
    """(rows, distinct ids, id checksum, key checksum)."""
    ids = table.column("id").to_pylist()
    keys = [k for k in table.column(column).to_pylist() if k is not None]
    numeric = [k if isinstance(k, int | float) else k.toordinal() for k in keys]
    return len(ids), len(set(ids)), sum(ids), hash(round(sum(numeric), 6))


def read_all(plan: PartitionPlan) -> list[Any]:
    return [plan.read_arrow(i) for i in range(len(plan))]


@pytest.mark.parametrize("partitions", [1, 2, 3, 8])
@pytest.mark.parametrize(
    ("strategy", "column"),
    [("range", "k"), ("range", "k_small"), ("modulo", "k"), ("modulo", "k_small"),
     ("range", "day"), ("range", "score")],
)  # fmt: skip
def test_partitions_together_equal_a_single_read(
    client: DataConnectClient, single: Any, strategy: Any, column: str, partitions: int
) -> None:
    plan = client.partition_query(
        QUERY, partition_column=column, partitions=partitions, strategy=strategy
    )
    assert len(plan) == partitions
    parts = read_all(plan)
    seen: set[int] = set()
    for part in parts:
        ids = set(part.column("id").to_pylist())
        assert not ids & seen, "a row is in two partitions"
        seen |= ids
        assert part.schema == single.schema
    combined = pa.concat_tables(parts)
    assert fingerprint(combined, column) == fingerprint(single, column)
    assert combined.num_rows == single.num_rows == 10_000
    assert combined.column(column).null_count == single.column(column).null_count > 0


def test_range_with_given_bounds_still_keeps_rows_outside_them(client: DataConnectClient) -> None:
    plan = client.partition_query(
        QUERY, partition_column="k", partitions=3, lower_bound=-10, upper_bound=10
    )
    assert plan.bounds == (-10, 10)
    assert sum(t.num_rows for t in read_all(plan)) == 10_000


def test_a_naive_modulo_split_would_lose_rows(client: DataConnectClient) -> None:
    naive = sum(
        len(client.query(f"SELECT id FROM ({QUERY}) t WHERE k % 4 = {i}").to_list())
        for i in range(4)
    )
    assert naive < 10_000  # negative remainders and NULL keys fall through
    plan = client.partition_query(QUERY, partition_column="k", partitions=4, strategy="modulo")
    assert sum(t.num_rows for t in read_all(plan)) == 10_000


@pytest.mark.parametrize(
    ("query", "column", "strategy", "message"),
    [
        ("SELECT 1 AS a; SELECT 2 AS a", "a", "range", "more than one statement"),
        ("DELETE FROM partition_keys", "k", "range", "not a SELECT"),
        ("SELECT id, k AS id FROM partition_keys", "id", "range", "duplicate output names: id"),
        (QUERY, "nope", "range", "'nope' is not among the query's columns"),
        (QUERY, "label", "range", "cannot split column 'label'"),
        (QUERY, "day", "modulo", "modulo needs an integer key"),
        (QUERY, "score", "modulo", "modulo needs an integer key"),
    ],
)
def test_what_cannot_be_split_honestly_is_refused(
    client: DataConnectClient, query: str, column: str, strategy: Any, message: str
) -> None:
    with pytest.raises(PartitionRefusedError, match=message):
        client.partition_query(query, partition_column=column, partitions=2, strategy=strategy)


def test_partition_count_is_bounded(client: DataConnectClient) -> None:
    with pytest.raises(PartitionRefusedError, match="max_partitions"):
        client.partition_query(QUERY, partition_column="k", partitions=0)
    with pytest.raises(PartitionRefusedError, match="max_partitions"):
        client.partition_query(QUERY, partition_column="k", partitions=10_000)


def test_limit_without_order_by_is_warned_about(
    client: DataConnectClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.partition_query(QUERY + " LIMIT 10", partition_column="k", partitions=2)
    assert "LIMIT/OFFSET without ORDER BY" in caplog.text


def test_a_pickled_plan_holds_no_token_and_workers_find_it_in_the_context(
    client: DataConnectClient, config_file: Path
) -> None:
    plan = client.partition_query(QUERY, partition_column="k", partitions=3)
    blob = pickle.dumps(plan)
    assert SECRET.encode() not in blob
    assert SECRET not in repr(plan)
    again = pickle.loads(blob)
    assert again.source.context == "cluster" and again.source.config_file == str(config_file)
    endpoint = again.source.client().endpoint  # as a worker builds it
    assert endpoint.authentication == {"type": "bearer", "token": SECRET}


class TokenFromFile:
    """A credentials provider a user would write: reads the token where workers see it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self) -> str:
        return self.path.read_text().strip()


def test_a_credentials_provider_is_called_on_the_worker_not_pickled(
    client: DataConnectClient, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("provider-token-77")
    plan = client.partition_query(
        QUERY, partition_column="k", partitions=2, credentials=TokenFromFile(token_file)
    )
    blob = pickle.dumps(plan)
    assert b"provider-token-77" not in blob
    built = pickle.loads(blob).source.client()
    assert built.endpoint.authentication == {"type": "bearer", "token": "provider-token-77"}


def test_credentials_workers_cannot_find_are_refused(devserver: DevServer, tmp_path: Path) -> None:
    settings = resolve_settings(
        config_file=tmp_path / "none.yaml", environ={}, overrides=SessionOverrides()
    )
    endpoint = ServiceEndpoint(
        url=devserver.data_connect_url, authentication={"type": "bearer", "token": SECRET}
    )
    with (
        DataConnectClient(endpoint, settings=settings) as lonely,
        pytest.raises(PartitionRefusedError, match="credentials=") as raised,
    ):
        lonely.partition_query(QUERY, partition_column="k", partitions=2)
    assert SECRET not in str(raised.value)


def test_a_failing_partition_is_retried_then_named(
    client: DataConnectClient, devserver_factory: Any
) -> None:
    server = devserver_factory.start()
    plan = client.partition_query(QUERY, partition_column="k", partitions=2)
    moved = PartitionPlan(
        **{
            **plan.__dict__,
            "source": type(plan.source)(url=server.data_connect_url),
            "retries": 1,
            "retry_backoff": 0.0,
        }
    )
    assert moved.read_arrow(1).num_rows > 0
    server.stop()
    with pytest.raises(PartitionReadError, match="partition 1 of 2") as raised:
        moved.read_arrow(1)
    assert raised.value.partition == 1 and raised.value.attempts == 2


# -- Dask ------------------------------------------------------------------------------------


@pytest.mark.parametrize("strategy", ["range", "modulo"])
@pytest.mark.parametrize("partitions", [1, 2, 3, 8])
def test_dask_frame_of_a_plan_equals_a_single_read(
    client: DataConnectClient, dask_client: Any, strategy: Any, partitions: int
) -> None:
    expected = client.query(QUERY).to_pandas()
    plan = client.partition_query(
        QUERY, partition_column="k", partitions=partitions, strategy=strategy
    )
    frame = plan.to_dask()
    assert frame.npartitions == partitions
    assert dict(frame.dtypes) == dict(expected.dtypes)  # meta: to_pandas() dtypes
    computed = frame.compute()
    assert dict(computed.dtypes) == dict(expected.dtypes)
    assert len(computed) == 10_000 and computed["id"].is_unique
    assert int(computed["id"].sum()) == int(expected["id"].sum())
    assert int(computed["k"].sum()) == int(expected["k"].sum())
    assert int(computed["k"].isna().sum()) == int(expected["k"].isna().sum())


def test_table_to_dask(client: DataConnectClient, dask_client: Any) -> None:
    frame = client.table("partition_keys").to_dask("k_small", 3, strategy="modulo")
    assert frame.npartitions == 3
    assert len(frame) == 10_000


def _hold_slot(url: str, seconds: float) -> tuple[float, float]:
    import time

    from dnastack.client.data_connect.partition_source import in_flight_slot

    with in_flight_slot(url, 1):
        start = time.monotonic()
        time.sleep(seconds)  # a partition being read
        return start, time.monotonic()


def test_partitions_in_flight_are_capped_across_the_cluster(dask_client: Any) -> None:
    futures = [
        dask_client.submit(_hold_slot, "http://127.0.0.1:1/dc/", 0.1, pure=False) for _ in range(4)
    ]
    spans = sorted(f.result() for f in futures)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, "two partitions of one server ran at once with a cap of 1"


def test_query_parameters_go_to_every_sub_query(client: DataConnectClient) -> None:
    plan = client.partition_query(
        QUERY + " WHERE id >= ?", [100], partition_column="k_small", partitions=3
    )
    assert sum(t.num_rows for t in read_all(plan)) == 9_900
