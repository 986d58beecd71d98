"""``bench/run.py --baseline REF``: ours at another commit runs next to the working tree
(same runner and interpreter, the other checkout first on ``PYTHONPATH``), and one target
per scenario says whether ours is worse than the baseline beyond the noise allowance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.baseline import NOISE_ALLOWANCE, Baseline, checkout, with_baseline
from bench.context import QUICK
from bench.harness import (
    BASELINE,
    OURS,
    REFERENCE,
    Scenario,
    ScenarioOutcome,
    Variant,
    VariantOutcome,
    child_value,
)
from bench.targets import check_targets

REPO_ROOT = Path(__file__).resolve().parents[2]


def scenario(higher_is_better: bool = True) -> Scenario:
    return Scenario(
        key="x.demo",
        group="demo",
        title="demo",
        unit="things/s",
        higher_is_better=higher_is_better,
        variants=(
            Variant("ours", OURS, ("python", "runner.py", "--sdk", "ours"), child_value),
            Variant("reference", REFERENCE, ("ref-python", "runner.py"), child_value),
        ),
    )


def test_each_variant_of_ours_gets_a_twin_importing_the_baseline_checkout(tmp_path: Path) -> None:
    baseline = Baseline("v1", "a" * 40, tmp_path)
    variants = with_baseline(scenario(), baseline).variants

    assert [v.role for v in variants] == [OURS, BASELINE, REFERENCE]
    twin = variants[1]
    assert twin.argv == variants[0].argv and twin.name == "ours @ v1 (aaaaaaaaaa)"
    first, second = twin.env["PYTHONPATH"].split(":")[:2]
    assert (first, second) == (str(tmp_path / "facade"), str(tmp_path / "generated"))


def test_the_twin_really_imports_the_baseline_code(tmp_path: Path) -> None:
    (tmp_path / "facade" / "dnastack").mkdir(parents=True)
    (tmp_path / "facade" / "dnastack" / "__init__.py").write_text("WHERE = 'baseline'\n")
    twin = with_baseline(scenario(), Baseline("v1", "b" * 40, tmp_path)).variants[1]
    out = subprocess.run(
        [sys.executable, "-c", "import dnastack; print(getattr(dnastack, 'WHERE', 'tree'))"],
        env={**os.environ, **twin.env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "baseline"


def outcome(ours: list[float], baseline: list[float], higher: bool = True) -> ScenarioOutcome:
    built = with_baseline(scenario(higher), Baseline("v1", "c" * 40, Path("/nowhere")))
    ours_variant, baseline_variant = built.variants[0], built.variants[1]
    return ScenarioOutcome(
        built,
        {
            ours_variant.name: VariantOutcome(ours_variant, values=ours),
            baseline_variant.name: VariantOutcome(baseline_variant, values=baseline),
        },
    )


def result_of(found: ScenarioOutcome) -> bool | None:
    checks = [c for c in check_targets({"x.demo": found}, QUICK) if c.name.startswith("x.demo")]
    assert len(checks) == 1
    return checks[0].met


def test_worse_than_the_baseline_beyond_the_allowance_is_missed() -> None:
    slower = 1 - NOISE_ALLOWANCE - 0.05
    assert result_of(outcome([100.0, 100.0], [100.0, 100.0])) is True
    assert result_of(outcome([100 * slower] * 2, [100.0, 100.0])) is False
    # lower is better (µs, MiB): a higher figure is the worse one
    assert result_of(outcome([100.0, 100.0], [100 * slower] * 2, higher=False)) is False
    assert result_of(outcome([95.0, 95.0], [100.0, 100.0], higher=False)) is True


def test_checkout_makes_a_worktree_of_the_commit_once() -> None:
    head = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    found = checkout(REPO_ROOT, "HEAD")
    assert found.commit == head and (found.root / "facade" / "dnastack").is_dir()
    assert checkout(REPO_ROOT, "HEAD").root == found.root
