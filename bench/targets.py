"""The issue's targets, checked against one run's outcomes (ratios from the same run)."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from bench.baseline import NOISE_ALLOWANCE
from bench.context import Sizes
from bench.datasets import size_label
from bench.harness import (
    BASELINE,
    LIMIT,
    OTHER,
    OURS,
    REFERENCE,
    ScenarioOutcome,
    VariantOutcome,
)
from bench.host_cpu import CONTENDED_SHARE

__all__ = ["TargetCheck", "check_targets", "pair_ratios"]


@dataclass(frozen=True)
class TargetCheck:
    name: str
    measured: str
    met: bool | None  # None: not measured in this run

    @property
    def verdict(self) -> str:
        return {True: "met", False: "**missed**", None: "not measured"}[self.met]


def pair_ratios(ours: VariantOutcome, other: VariantOutcome) -> list[float]:
    """ours_i / other_i for every run pair i (both measured in round i)."""
    if not (ours.ok and other.ok):
        return []
    return [a / b for a, b in zip(ours.values, other.values, strict=False) if b]


def _variant(outcome: ScenarioOutcome | None, role: str) -> VariantOutcome | None:
    return outcome.by_role(role) if outcome is not None else None


def _ratio_check(
    name: str,
    outcome: ScenarioOutcome | None,
    other_role: str,
    passes: Callable[[float], bool],
    describe: Callable[[float], str],
) -> TargetCheck:
    ours, other = _variant(outcome, OURS), _variant(outcome, other_role)
    ratios = pair_ratios(ours, other) if ours and other else []
    if not ratios:
        missing = "ours" if not (ours and ours.ok) else other_role
        return TargetCheck(name, f"no measurement ({missing} did not run)", None)
    median = statistics.median(ratios)
    spread = f" (run pairs {min(ratios):.2f}-{max(ratios):.2f})" if len(ratios) > 1 else ""
    return TargetCheck(name, describe(median) + spread + _contended(outcome), passes(median))


def _contended(outcome: ScenarioOutcome | None) -> str:
    """A warning when the hypervisor took a share of the CPUs during the scenario that makes
    its ratios unrepresentative (see ``bench.host_cpu``)."""
    stolen = outcome.stolen if outcome is not None else None
    if stolen is None or stolen <= CONTENDED_SHARE:
        return ""
    return f"; host contended: {stolen:.0%} of CPU time stolen"


def _rss_check(
    sizes: Sizes, page_size: int, big: ScenarioOutcome | None, small: ScenarioOutcome | None
) -> TargetCheck:
    name = (
        f"Peak RSS for {sizes.rows:,} rows <= 1.5x that for {sizes.small_rows:,} rows "
        f"({page_size} rows/page)"
    )
    ours_big, ours_small = _variant(big, OURS), _variant(small, OURS)
    if not (ours_big and ours_big.ok and ours_small and ours_small.ok):
        return TargetCheck(name, "no measurement (ours did not run)", None)
    big_mib = statistics.median(ours_big.peak_rss_kib) / 1024
    small_mib = statistics.median(ours_small.values)
    ratio = big_mib / small_mib
    return TargetCheck(
        name, f"{big_mib:.1f} MiB vs {small_mib:.1f} MiB = {ratio:.2f}x", ratio <= 1.5
    )


ARROW_CONSTANT_MIB = 32.0
"""The "constant" of the to_arrow() target: one batch of rows as Python objects (10,000
rows) and the page prefetch."""


def _arrow_memory_check(sizes: Sizes, outcome: ScenarioOutcome | None) -> TargetCheck:
    name = (
        f"to_arrow() of {sizes.rows:,} rows: peak RSS - baseline <= 2x the table "
        f"+ {ARROW_CONSTANT_MIB:.0f} MiB"
    )
    ours = _variant(outcome, OURS)
    details = [r.get("details", {}) for r in ours.reports] if ours and ours.ok else []
    ratios = [d["above_baseline_per_table"] for d in details if "above_baseline_per_table" in d]
    if not ratios:
        return TargetCheck(name, "no measurement (ours did not run)", None)
    table = statistics.median(d["table_mib"] for d in details if "table_mib" in d)
    above = statistics.median(ratios) * table
    measured = f"{above:.0f} MiB for a {table:.0f} MiB table ({above / table:.2f}x)"
    return TargetCheck(name, measured, above <= 2 * table + ARROW_CONSTANT_MIB)


def check_targets(outcomes: dict[str, ScenarioOutcome], sizes: Sizes) -> list[TargetCheck]:
    def times(value: float) -> str:
        return f"{value:.2f}x"

    checks: list[TargetCheck] = []
    for page_size in sizes.page_sizes:
        checks.append(
            _ratio_check(
                f"Data Connect rows/s >= 5x reference ({page_size} rows/page)",
                outcomes.get(f"dc.stream.p{page_size}"),
                REFERENCE,
                lambda r: r >= 5,
                times,
            )
        )
    for page_size in sizes.page_sizes:
        checks.append(
            _ratio_check(
                f"async Data Connect rows/s within 10% of sync ({page_size} rows/page)",
                outcomes.get(f"dc.stream.async.p{page_size}"),
                OTHER,
                lambda r: r >= 0.9,
                lambda r: f"{r:.0%} of sync",
            )
        )
    for page_size in sizes.page_sizes:
        checks.append(
            _rss_check(
                sizes,
                page_size,
                outcomes.get(f"dc.stream.p{page_size}"),
                outcomes.get(f"dc.rss.small.p{page_size}"),
            )
        )
    checks.append(_arrow_memory_check(sizes, outcomes.get("dc.memory.arrow")))
    checks.append(
        _ratio_check(
            f"to_parquet() peak RSS: {sizes.rows:,} rows <= 1.3x {sizes.rows // 10:,} rows",
            outcomes.get("dc.memory.parquet"),
            OTHER,
            lambda r: r <= 1.3,
            times,
        )
    )
    checks.append(
        _ratio_check(
            "DRS resolution objects/s >= 5x reference",
            outcomes.get("drs.resolve"),
            REFERENCE,
            lambda r: r >= 5,
            times,
        )
    )
    for other, factor, label in ((REFERENCE, 10, "reference"), (OTHER, 3, "our DrsClient")):
        checks.append(
            _ratio_check(
                f"AsyncDrsClient resolution (16 at once) >= {factor}x {label} one by one",
                outcomes.get("drs.resolve.async"),
                other,
                lambda r, factor=factor: r >= factor,
                times,
            )
        )
    largest = max(sizes.download_sizes)
    download = outcomes.get(f"drs.download.{largest}")
    checks.append(
        _ratio_check(
            f"{size_label(largest)} verified download MB/s >= 8x reference",
            download,
            REFERENCE,
            lambda r: r >= 8,
            times,
        )
    )
    checks.append(
        _ratio_check(
            f"{size_label(largest)} verified download MB/s >= 80% of curl",
            download,
            LIMIT,
            lambda r: r >= 0.8,
            lambda r: f"{r:.0%} of curl",
        )
    )
    checks.append(
        _ratio_check(
            "Per-request overhead (µs/GET) <= 1.5x a bare httpx.Client",
            outcomes.get("http.service_info"),
            LIMIT,
            lambda r: r <= 1.5,
            times,
        )
    )
    checks.append(
        _ratio_check(
            "`import dnastack` time <= 1/3 of the reference's",
            outcomes.get("import.package"),
            REFERENCE,
            lambda r: r <= 1 / 3,
            lambda r: f"{r:.3f}x (limit 0.333x)",
        )
    )
    checks.append(
        _ratio_check(
            "`dnastack --help` time <= 1/3 of the reference's `omics --help`",
            outcomes.get("cli.help"),
            REFERENCE,
            lambda r: r <= 1 / 3,
            lambda r: f"{r:.3f}x (limit 0.333x)",
        )
    )
    checks.extend(_baseline_checks(outcomes, times))
    return checks


def _baseline_checks(
    outcomes: dict[str, ScenarioOutcome], describe: Callable[[float], str]
) -> list[TargetCheck]:
    """With ``--baseline``: each scenario's figure is no worse than the baseline's beyond the
    noise allowance (median of the run-pair ratios)."""
    checks = []
    for key, outcome in outcomes.items():
        if outcome.by_role(BASELINE) is None:
            continue
        if outcome.scenario.higher_is_better:
            name = f"{key}: not below {1 - NOISE_ALLOWANCE:.0%} of the baseline's"
            checks.append(
                _ratio_check(name, outcome, BASELINE, lambda r: r >= 1 - NOISE_ALLOWANCE, describe)
            )
        else:
            name = f"{key}: not above {1 + NOISE_ALLOWANCE:.0%} of the baseline's"
            checks.append(
                _ratio_check(name, outcome, BASELINE, lambda r: r <= 1 + NOISE_ALLOWANCE, describe)
            )
    return checks
