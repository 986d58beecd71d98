"""Big results and past one machine (issue 13): memory of to_arrow/to_parquet, and one
process vs a partitioned read on a two-worker Dask cluster (N=2, N=8)."""

from __future__ import annotations

from bench.context import BenchContext
from bench.harness import OTHER, OURS, Scenario, Variant, child_value

__all__ = ["scenarios"]

GROUP = "Big results and partitioned reads"
TABLE = "big"


def _sql(rows: int, total: int) -> str:
    return f"SELECT * FROM {TABLE}" if rows >= total else f"SELECT * FROM {TABLE} LIMIT {rows}"


def scenarios(ctx: BenchContext) -> list[Scenario]:
    sizes = ctx.sizes
    if not sizes.scale:  # each Dask variant starts a cluster: too slow for --quick
        return []
    python = str(ctx.ours_python)
    url = ctx.servers[max(sizes.page_sizes)].data_connect_url
    full = ("--url", url, "--sql", _sql(sizes.rows, sizes.rows), "--expect", str(sizes.rows))
    tenth = sizes.rows // 10
    part = ("--url", url, "--sql", _sql(tenth, sizes.rows), "--expect", str(tenth))
    scale = ctx.runner("dc_scale")
    memory = ctx.runner("dc_memory")
    return [
        Scenario(
            key="dc.scale.rows",
            group=GROUP,
            title=f"read {sizes.rows:,} rows: to_pandas() in one process vs "
            "partition_query(...).to_dask() on LocalCluster(2 workers)",
            unit="rows/s",
            higher_is_better=True,
            variants=(
                Variant(
                    "single process", OURS, (python, scale, "--mode", "single", *full), child_value
                ),
                Variant(
                    "dask N=2",
                    OTHER,
                    (python, scale, "--mode", "dask", "--partitions", "2", *full),
                    child_value,
                ),
                Variant(
                    "dask N=8",
                    OTHER,
                    (python, scale, "--mode", "dask", "--partitions", "8", *full),
                    child_value,
                ),
            ),
        ),
        Scenario(
            key="dc.memory.arrow",
            group=GROUP,
            title=f"peak RSS of to_arrow() of {sizes.rows:,} rows (table size in details)",
            unit="MiB",
            higher_is_better=False,
            variants=(
                Variant(
                    "ours",
                    OURS,
                    (python, memory, "--kind", "arrow", "--out", "{tmp}", *full),
                    child_value,
                ),
            ),
        ),
        Scenario(
            key="dc.memory.parquet",
            group=GROUP,
            title=f"peak RSS of to_parquet(): {sizes.rows:,} rows vs {tenth:,} rows",
            unit="MiB",
            higher_is_better=False,
            variants=(
                Variant(
                    f"{sizes.rows:,} rows",
                    OURS,
                    (python, memory, "--kind", "parquet", "--out", "{tmp}", *full),
                    child_value,
                ),
                Variant(
                    f"{tenth:,} rows",
                    OTHER,
                    (python, memory, "--kind", "parquet", "--out", "{tmp}", *part),
                    child_value,
                ),
            ),
        ),
    ]
