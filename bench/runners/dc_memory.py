"""Peak memory of a big result: ``to_arrow()`` (against the table it builds) or
``to_parquet()`` (against the same call on fewer rows).

Reports the process's peak RSS (MiB, ``VmHWM``); details: RSS after imports (baseline),
the Arrow table's size and (peak - baseline) / table for ``to_arrow``, rows written for
``to_parquet``.
"""

from __future__ import annotations

import argparse
import os

from _support import emit, fail, service_endpoint, stopwatch, vmhwm_kib


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=("ours",), default="ours")
    parser.add_argument("--kind", choices=("arrow", "parquet"), required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("--expect", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import pyarrow
    import pyarrow.parquet

    from dnastack import DataConnectClient

    client = DataConnectClient(service_endpoint(args.url))
    baseline = rss_mib()
    details: dict[str, float] = {"baseline_rss_mib": round(baseline, 1)}
    with stopwatch() as watch:
        if args.kind == "arrow":
            table = client.query(args.sql).to_arrow()
            count = table.num_rows
            table_mib = table.nbytes / (1 << 20)
            details["table_mib"] = round(table_mib, 1)
        else:
            os.makedirs(args.out, exist_ok=True)
            count = client.query(args.sql).to_parquet(os.path.join(args.out, "rows.parquet"))
    peak = (vmhwm_kib() or 0) / 1024
    if args.kind == "arrow":
        details["above_baseline_per_table"] = round((peak - baseline) / max(table_mib, 1e-9), 2)
    if count != args.expect:
        fail(f"expected {args.expect} rows, got {count}")
    details["rows_per_s"] = round(count / watch.seconds)
    emit(value=peak, rows=count, seconds=watch.seconds, details=details)
    del pyarrow


if __name__ == "__main__":
    main()
