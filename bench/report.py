"""The markdown report (machine facts, targets, one table per area) and its JSON twin."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.harness import OURS, ScenarioOutcome, VariantOutcome, stats_of
from bench.host_cpu import CONTENDED_SHARE
from bench.targets import TargetCheck, pair_ratios

__all__ = ["MachineFacts", "render_json", "render_markdown"]

ERROR_CHARS = 160


@dataclass(frozen=True)
class MachineFacts:
    date: str
    cpu_count: int
    cpu_model: str
    load_average_start: str
    load_average_end: str
    python: str
    reference_python: str
    reference_version: str
    our_version: str
    mode: str
    devserver: str

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("date", self.date),
            ("CPUs", f"{self.cpu_count} ({self.cpu_model})"),
            (
                "load average (1/5/15 min) at start / end",
                f"{self.load_average_start} / {self.load_average_end}",
            ),
            ("Python (ours)", self.python),
            ("Python (reference venv)", self.reference_python),
            ("reference library", self.reference_version),
            ("our SDK", self.our_version),
            ("mode", self.mode),
            ("devserver", self.devserver),
        ]


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _share(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _ratio_cell(ours: VariantOutcome | None, other: VariantOutcome) -> str:
    if ours is None or other is ours:
        return ""
    ratios = pair_ratios(ours, other)
    if not ratios:
        return "n/a"
    median = statistics.median(ratios)
    if len(ratios) == 1:
        return f"{median:.2f}x"
    return f"{median:.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def _variant_row(outcome: ScenarioOutcome, variant: VariantOutcome, first: bool) -> str:
    scenario = outcome.scenario
    arrow = "↑" if scenario.higher_is_better else "↓"
    title = f"{scenario.title}" if first else ""
    unit = f"{scenario.unit} {arrow}" if first else ""
    if not variant.ok:
        error = (variant.error or "did not run").replace("|", "/").replace("\n", " ")
        failed = f"failed: {error[:ERROR_CHARS]}"
        return f"| {title} | {variant.variant.name} | {failed} | | | {unit} | | | |"
    stats = stats_of(variant.values)
    assert stats is not None
    rss = statistics.median(variant.peak_rss_kib) / 1024
    server = statistics.median(variant.server_cpu_s) if variant.server_cpu_s else 0.0
    ratio = _ratio_cell(outcome.by_role(OURS), variant)
    return (
        f"| {title} | {variant.variant.name} | {_number(stats.median)} | {_number(stats.minimum)}"
        f" | {_number(stats.maximum)} | {unit} | {rss:.1f} | {server:.2f} | {ratio} |"
    )


def render_markdown(
    facts: MachineFacts,
    outcomes: Sequence[ScenarioOutcome],
    targets: Sequence[TargetCheck],
    notes: Sequence[str] = (),
) -> str:
    lines = ["# `make bench` results", "", "| fact | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in facts.rows()]
    lines += ["", "## Targets", "", "| target | measured (same run) | result |", "|---|---|---|"]
    lines += [f"| {t.name} | {t.measured} | {t.verdict} |" for t in targets]
    lines += [
        "",
        "## Results",
        "",
        "Median, min and max over the runs; peak RSS is the run's maximum resident set size "
        "(GNU time `%M`, median over the runs); devserver CPU is the CPU time all devserver "
        "processes used during the run (median), i.e. the server's share of the 2 cores. "
        "The last column is ours ÷ that variant, computed per run pair (median, min-max): "
        "above 1 is better for ↑ units, below 1 is better for ↓ units.",
    ]
    groups: dict[str, list[ScenarioOutcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.scenario.group, []).append(outcome)
    header = [
        "| scenario | variant | median | min | max | unit | peak RSS MiB | devserver CPU s "
        "| ours ÷ this |",
        "|---|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for group, members in groups.items():
        lines += ["", f"### {group}", "", *header]
        for outcome in members:
            for index, variant in enumerate(outcome.variants.values()):
                lines.append(_variant_row(outcome, variant, index == 0))
    lines += _details(outcomes)
    lines += [
        "",
        "### Run conditions",
        "",
        "The machine is shared: the 1-minute load average when each scenario started and ended "
        "(2 CPUs; above 2 means other processes competed for them), and the share of CPU time "
        "the hypervisor gave to other virtual machines during it (*CPU stolen*; above "
        f"{CONTENDED_SHARE:.0%} the scenario's figures are not representative of this machine, "
        "parallel variants least of all: they need both CPUs at once).",
        "",
        "| scenario | duration s | load at start | load at end | CPU stolen |",
        "|---|---:|---:|---:|---:|",
    ]
    for outcome in outcomes:
        start, end = outcome.load_average
        lines.append(
            f"| {outcome.scenario.key} | {outcome.seconds:.0f} | {start:.2f} | {end:.2f} "
            f"| {_share(outcome.stolen)} |"
        )
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _details(outcomes: Sequence[ScenarioOutcome]) -> list[str]:
    """Per-variant numbers a runner reports besides its value (``details``: medians over the
    runs; lists, such as per-worker peaks, from the last run)."""
    rows = []
    for outcome in outcomes:
        for variant in outcome.variants.values():
            found = [r["details"] for r in variant.reports if isinstance(r.get("details"), dict)]
            if not found:
                continue
            cells = []
            for key in found[-1]:
                values = [d[key] for d in found if key in d]
                if all(isinstance(v, int | float) for v in values):
                    cells.append(f"{key} = {_number(statistics.median(values))}")
                else:
                    cells.append(f"{key} = {values[-1]}")
            rows.append(f"| {outcome.scenario.key} | {variant.variant.name} | {'; '.join(cells)} |")
    if not rows:
        return []
    return ["", "### Details", "", "| scenario | variant | details |", "|---|---|---|", *rows]


def render_json(
    facts: MachineFacts,
    outcomes: Sequence[ScenarioOutcome],
    targets: Sequence[TargetCheck],
    timing: dict[str, float],
) -> str:
    scenarios: dict[str, Any] = {}
    for outcome in outcomes:
        scenario = outcome.scenario
        variants: dict[str, Any] = {}
        for name, variant in outcome.variants.items():
            stats = stats_of(variant.values)
            variants[name] = {
                "role": variant.variant.role,
                "values": variant.values,
                "median": stats.median if stats else None,
                "min": stats.minimum if stats else None,
                "max": stats.maximum if stats else None,
                "peak_rss_kib": variant.peak_rss_kib,
                "server_cpu_s": variant.server_cpu_s,
                "cpu_stolen": variant.stolen,
                "reports": variant.reports,
                "error": variant.error,
            }
        scenarios[scenario.key] = {
            "group": scenario.group,
            "title": scenario.title,
            "unit": scenario.unit,
            "higher_is_better": scenario.higher_is_better,
            "seconds": outcome.seconds,
            "load_average": list(outcome.load_average),
            "cpu_stolen": outcome.stolen,
            "variants": variants,
        }
    document = {
        "facts": dict(facts.rows()),
        "targets": [{"name": t.name, "measured": t.measured, "met": t.met} for t in targets],
        "scenarios": scenarios,
        "timing": timing,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
