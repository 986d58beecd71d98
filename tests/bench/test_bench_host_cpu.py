"""CPU time stolen by the hypervisor (``/proc/stat``): read per run and per scenario,
shown in the report's run conditions and beside each target measured on a contended host."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.harness import REFERENCE, ScenarioOutcome, VariantOutcome, run_once
from bench.host_cpu import CONTENDED_SHARE, CpuCounters, cpu_counters, stolen_share
from bench.report import MachineFacts, render_json, render_markdown
from bench.targets import _ratio_check
from tests.bench.test_bench_baseline import scenario

STAT = "cpu  {user} 10 {system} {idle} 5 0 2 {steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n"


def stat_file(tmp_path: Path, *, user: int, system: int, idle: int, steal: int) -> Path:
    path = tmp_path / "stat"
    path.write_text(STAT.format(user=user, system=system, idle=idle, steal=steal))
    return path


def test_counters_sum_every_state_and_take_steal_from_the_eighth_column(tmp_path: Path) -> None:
    found = cpu_counters(stat_file(tmp_path, user=100, system=50, idle=800, steal=40))
    assert found == CpuCounters(steal=40, total=100 + 10 + 50 + 800 + 5 + 0 + 2 + 40)


@pytest.mark.parametrize(
    "text", ["", "cpu 1 2 3\n", "intr 1 2 3 4 5 6 7 8 9\n", "cpu 1 2 3 4 5 6 7 x 9\n"]
)
def test_counters_are_unknown_without_a_steal_column(tmp_path: Path, text: str) -> None:
    path = tmp_path / "stat"
    path.write_text(text)
    assert cpu_counters(path) is None
    assert cpu_counters(tmp_path / "missing") is None


def test_stolen_share_is_the_stolen_part_of_the_time_between_readings() -> None:
    before, after = CpuCounters(steal=100, total=1000), CpuCounters(steal=350, total=2000)
    assert stolen_share(before, after) == 0.25
    assert stolen_share(before, before) is None  # no time passed
    assert stolen_share(None, after) is None and stolen_share(before, None) is None


def test_a_run_records_the_share_stolen_while_it_ran(tmp_path: Path) -> None:
    result = run_once([sys.executable, "-c", "import time; time.sleep(0.2)"], work_dir=tmp_path)
    if cpu_counters() is None:
        assert result.stolen is None
    else:
        assert result.stolen is not None and 0.0 <= result.stolen <= 1.0


def outcome(stolen: float | None) -> ScenarioOutcome:
    built = scenario()
    ours, reference = built.variants
    return ScenarioOutcome(
        built,
        {
            ours.name: VariantOutcome(
                ours, [300.0, 330.0], [9000, 9000], [0.1, 0.1], [stolen, stolen]
            ),
            reference.name: VariantOutcome(
                reference, [100.0, 100.0], [9000, 9000], [0.1, 0.1], [0.0, 0.0]
            ),
        },
        seconds=12.0,
        load_average=(0.5, 1.5),
        stolen=stolen,
    )


def test_targets_measured_on_a_contended_host_say_so() -> None:
    def times(ratio: float) -> str:
        return f"{ratio:.2f}x"

    quiet = _ratio_check("t", outcome(0.01), REFERENCE, lambda r: r >= 3, times)
    contended = _ratio_check("t", outcome(0.31), REFERENCE, lambda r: r >= 3, times)
    unknown = _ratio_check("t", outcome(None), REFERENCE, lambda r: r >= 3, times)
    assert quiet.measured == unknown.measured == "3.15x (run pairs 3.00-3.30)"
    assert (
        contended.measured == "3.15x (run pairs 3.00-3.30); host contended: 31% of CPU time stolen"
    )
    assert quiet.met is contended.met is True  # the verdict stands; the reader is warned
    assert CONTENDED_SHARE < 0.31


FACTS = MachineFacts(
    date="2026-12-03",
    cpu_count=2,
    cpu_model="test",
    load_average_start="0.50 0.40 0.30",
    load_average_end="1.50 0.60 0.40",
    python="3.11",
    reference_python="3.11",
    reference_version="3.1",
    our_version="0.1",
    mode="test",
    devserver="test",
)


def test_the_report_shows_the_share_stolen_per_scenario_and_per_run() -> None:
    found = outcome(0.23)
    markdown = render_markdown(FACTS, [found], [])
    assert "| x.demo | 12 | 0.50 | 1.50 | 23% |" in markdown
    assert "CPU stolen" in markdown
    unknown = render_markdown(FACTS, [outcome(None)], [])
    assert "| x.demo | 12 | 0.50 | 1.50 | n/a |" in unknown
    document = json.loads(render_json(FACTS, [found], [], {}))
    assert document["scenarios"]["x.demo"]["cpu_stolen"] == 0.23
    assert document["scenarios"]["x.demo"]["variants"]["ours"]["cpu_stolen"] == [0.23, 0.23]
