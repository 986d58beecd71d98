"""Building blocks shared by the scenario modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bench.context import BenchContext
from bench.harness import LIMIT, OURS, REFERENCE, RunResult, Variant, child_value

__all__ = ["peak_rss_mib", "sdk_variants", "wall_ms"]


def peak_rss_mib(result: RunResult) -> float:
    return result.peak_rss_kib / 1024


def wall_ms(result: RunResult) -> float:
    return result.wall_s * 1e3


def sdk_variants(
    ctx: BenchContext,
    runner: str,
    args: Sequence[str],
    *,
    value: Callable[[RunResult], float] = child_value,
    with_httpx: bool = False,
) -> tuple[Variant, ...]:
    """ours, the reference (when installed) and optionally the bare httpx loop: one runner."""
    path = ctx.runner(runner)
    variants = [Variant("ours", OURS, (str(ctx.ours_python), path, "--sdk", "ours", *args), value)]
    if ctx.reference is not None:
        variants.append(
            Variant(
                "reference",
                REFERENCE,
                (str(ctx.reference.python), path, "--sdk", "reference", *args),
                value,
                env=ctx.reference_env_vars,
            )
        )
    if with_httpx:
        variants.append(
            Variant(
                "httpx + orjson",
                LIMIT,
                (str(ctx.ours_python), path, "--sdk", "httpx", *args),
                value,
            )
        )
    return tuple(variants)
