"""DRS: resolve objects one by one, verified downloads (next to curl), parallel downloads."""

from __future__ import annotations

from bench.context import BenchContext
from bench.datasets import size_label
from bench.harness import LIMIT, OTHER, OURS, REFERENCE, RunResult, Scenario, Variant, child_value
from bench.scenarios.common import sdk_variants

__all__ = ["scenarios"]

GROUP = "DRS"


def _curl_variant(curl: str, url: str, size: int) -> Variant:
    def mb_per_s(result: RunResult) -> float:
        return size / 1e6 / result.wall_s

    return Variant("curl -s -o FILE", LIMIT, (curl, "-s", "-o", "{tmp}/file", url), mb_per_s)


def _objects_per_s(result: RunResult) -> float:
    return float(result.report["objects_per_s"])


ASYNC_CONCURRENCY = 16


def _async_resolve(ctx: BenchContext, ids: list[str]) -> Scenario:
    """AsyncDrsClient (single look-ups, 16 in flight) vs the reference and our DrsClient,
    both one by one, in the same run."""
    path = ctx.runner("drs_resolve")
    args = ("--url", ctx.main_server.drs_url, "--manifest", str(ctx.drs.manifest_path))
    args = (*args, "--ids", ",".join(ids))
    ours = str(ctx.ours_python)
    variants = [
        Variant(
            f"ours AsyncDrsClient ({ASYNC_CONCURRENCY} at once)",
            OURS,
            (ours, path, "--sdk", "ours-async", "--concurrency", str(ASYNC_CONCURRENCY), *args),
            child_value,
        ),
        Variant(
            "ours DrsClient (one by one)", OTHER, (ours, path, "--sdk", "ours", *args), child_value
        ),
    ]
    if ctx.reference is not None:
        variants.append(
            Variant(
                "reference (one by one)",
                REFERENCE,
                (str(ctx.reference.python), path, "--sdk", "reference", *args),
                child_value,
                env=ctx.reference_env_vars,
            )
        )
    return Scenario(
        key="drs.resolve.async",
        group=GROUP,
        title=f"resolve {len(ids):,} objects: AsyncDrsClient vs one by one",
        unit="objects/s",
        higher_is_better=True,
        variants=tuple(variants),
    )


def scenarios(ctx: BenchContext) -> list[Scenario]:
    sizes = ctx.sizes
    server = ctx.main_server
    manifest = str(ctx.drs.manifest_path)
    found: list[Scenario] = []

    resolve_ids = ctx.drs.small_ids[: sizes.resolve_count]
    found.append(
        Scenario(
            key="drs.resolve",
            group=GROUP,
            title=f"resolve {len(resolve_ids):,} objects one by one",
            unit="objects/s",
            higher_is_better=True,
            variants=sdk_variants(
                ctx,
                "drs_resolve",
                ("--url", server.drs_url, "--manifest", manifest, "--ids", ",".join(resolve_ids)),
                with_httpx=True,
            ),
        )
    )
    found.append(_async_resolve(ctx, resolve_ids))
    for size, object_id in sorted(ctx.drs.big_ids.items()):
        args = ("--url", server.drs_url, "--manifest", manifest, "--ids", object_id)
        variants = sdk_variants(ctx, "drs_download", (*args, "--out", "{tmp}/out"))
        if ctx.curl:
            variants = (*variants, _curl_variant(ctx.curl, server.bytes_url(object_id), size))
        found.append(
            Scenario(
                key=f"drs.download.{size}",
                group=GROUP,
                title=f"download {size_label(size)}, checksum verified (curl: not verified)",
                unit="MB/s",
                higher_is_better=True,
                variants=variants,
            )
        )
    parallel_ids = ctx.drs.small_ids[: sizes.parallel_count]
    found.append(
        Scenario(
            key="drs.parallel",
            group=GROUP,
            title=f"download {len(parallel_ids)} objects of "
            f"{size_label(sizes.small_object_size)} in parallel "
            f"(ours: parallel={sizes.parallel_workers}; reference: cpu_count threads)",
            unit="objects/s",
            higher_is_better=True,
            variants=sdk_variants(
                ctx,
                "drs_download",
                (
                    "--url",
                    server.drs_url,
                    "--manifest",
                    manifest,
                    "--ids",
                    ",".join(parallel_ids),
                    "--out",
                    "{tmp}/out",
                    "--parallel",
                    str(sizes.parallel_workers),
                ),
                value=_objects_per_s,
            ),
        )
    )
    return found
