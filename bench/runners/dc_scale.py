"""Read a whole Data Connect result in one process, or partitioned on a Dask cluster.

``--mode single``: ``query(sql).to_pandas()`` in this process.
``--mode dask --partitions N``: a ``LocalCluster(n_workers=2, processes=True,
threads_per_worker=1)`` is started before the clock; ``partition_query(sql,
partition_column=COLUMN, partitions=N).to_dask()`` and the row count of every partition
computed on the workers (the rows stay there, as a user's next step would).

Reports rows/s; details: client CPU seconds (this process, user + system, clock section
only) and, for Dask, the peak RSS of each worker process (MiB).
"""

from __future__ import annotations

import argparse
import resource
from typing import Any

from _support import emit, fail, service_endpoint, stopwatch


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker_peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=("ours",), default="ours")
    parser.add_argument("--mode", choices=("single", "dask"), required=True)
    parser.add_argument("--partitions", type=int, default=1)
    parser.add_argument("--column", default="id")
    parser.add_argument("--url", required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("--expect", type=int, required=True)
    args = parser.parse_args()

    import pandas  # noqa: F401 - imported before the clock

    from dnastack import DataConnectClient

    client = DataConnectClient(service_endpoint(args.url))
    details: dict[str, Any] = {}
    if args.mode == "single":
        cpu = cpu_seconds()
        with stopwatch() as watch:
            count = len(client.query(args.sql).to_pandas())
        details["client_cpu_s"] = round(cpu_seconds() - cpu, 2)
    else:
        import dask.dataframe  # noqa: F401
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=40,
        )  # fmt: skip
        dask_client = Client(cluster)
        dask_client.run(lambda: __import__("dnastack.client.data_connect.batches"))
        cpu = cpu_seconds()
        with stopwatch() as watch:
            plan = client.partition_query(
                args.sql, partition_column=args.column, partitions=args.partitions
            )
            count = int(plan.to_dask().map_partitions(len).compute().sum())
        details["client_cpu_s"] = round(cpu_seconds() - cpu, 2)
        peaks = dask_client.run(worker_peak_rss_mib)
        details["worker_peak_rss_mib"] = sorted(round(v, 1) for v in peaks.values())
        dask_client.close()
        cluster.close()
    if count != args.expect:
        fail(f"expected {args.expect} rows, got {count}")
    emit(value=count / watch.seconds, rows=count, seconds=watch.seconds, details=details)


if __name__ == "__main__":
    main()
