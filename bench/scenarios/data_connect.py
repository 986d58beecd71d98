"""Data Connect: stream a big result at each page size, peak RSS, DataFrame/Arrow helpers."""

from __future__ import annotations

from bench.context import BenchContext
from bench.harness import OTHER, OURS, Scenario, Variant, child_value
from bench.scenarios.common import peak_rss_mib, sdk_variants

__all__ = ["TABLE", "scenarios"]

TABLE = "big"
GROUP = "Data Connect"


def _query(rows: int, total: int) -> str:
    return f"SELECT * FROM {TABLE}" if rows >= total else f"SELECT * FROM {TABLE} LIMIT {rows}"


def _async_stream(ctx: BenchContext, page_size: int) -> Scenario:
    """``async for`` over AsyncDataConnectClient vs DataConnectClient's ``for``, same run."""
    sizes = ctx.sizes
    url = ctx.servers[page_size].data_connect_url
    full = ("--url", url, "--sql", _query(sizes.rows, sizes.rows), "--expect", str(sizes.rows))
    path, ours = ctx.runner("dc_stream"), str(ctx.ours_python)
    return Scenario(
        key=f"dc.stream.async.p{page_size}",
        group=GROUP,
        title=f"stream {sizes.rows:,} rows, {page_size} rows/page: async for vs for",
        unit="rows/s",
        higher_is_better=True,
        variants=(
            Variant(
                "ours AsyncDataConnectClient",
                OURS,
                (ours, path, "--sdk", "ours-async", *full),
                child_value,
            ),
            Variant(
                "ours DataConnectClient", OTHER, (ours, path, "--sdk", "ours", *full), child_value
            ),
        ),
    )


def scenarios(ctx: BenchContext) -> list[Scenario]:
    sizes = ctx.sizes
    found: list[Scenario] = []
    for page_size in sizes.page_sizes:
        url = ctx.servers[page_size].data_connect_url
        full = ("--url", url, "--sql", _query(sizes.rows, sizes.rows), "--expect", str(sizes.rows))
        found.append(
            Scenario(
                key=f"dc.stream.p{page_size}",
                group=GROUP,
                title=f"stream {sizes.rows:,} rows, {page_size} rows/page, typed",
                unit="rows/s",
                higher_is_better=True,
                variants=sdk_variants(ctx, "dc_stream", full, with_httpx=True),
            )
        )
    for page_size in sizes.page_sizes:
        found.append(_async_stream(ctx, page_size))
    for page_size in sizes.page_sizes:
        url = ctx.servers[page_size].data_connect_url
        small = (
            "--url",
            url,
            "--sql",
            _query(sizes.small_rows, sizes.rows),
            "--expect",
            str(sizes.small_rows),
        )
        found.append(
            Scenario(
                key=f"dc.rss.small.p{page_size}",
                group=GROUP,
                title=f"peak RSS streaming {sizes.small_rows:,} rows, {page_size} rows/page",
                unit="MiB",
                higher_is_better=False,
                variants=sdk_variants(ctx, "dc_stream", small, value=peak_rss_mib, with_httpx=True),
            )
        )
    largest = max(sizes.page_sizes)
    url = ctx.servers[largest].data_connect_url
    for kind, helper in (("pandas", "to_pandas()"), ("arrow", "to_arrow()")):
        args = (
            "--kind",
            kind,
            "--url",
            url,
            "--sql",
            _query(sizes.rows, sizes.rows),
            "--expect",
            str(sizes.rows),
        )
        found.append(
            Scenario(
                key=f"dc.{kind}",
                group=GROUP,
                title=f"{helper} of {sizes.rows:,} rows, {largest} rows/page "
                "(reference: from list(rows))",
                unit="rows/s",
                higher_is_better=True,
                variants=sdk_variants(ctx, "dc_frame", args),
            )
        )
    return found
