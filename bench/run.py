"""``make bench``: our SDK vs dnastack-client-library vs practical limits, side by side.

    .venv/bin/python bench/run.py            # full suite (>= 5 runs after a warm-up)
    .venv/bin/python bench/run.py --quick    # one run each, small sizes (< 2 minutes)
    .venv/bin/python bench/run.py --only dc.stream,drs.download

Writes ``bench/results/latest.md`` (printed too) and ``bench/results/latest.json``.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.baseline import checkout, with_baseline
from bench.context import FULL, QUICK, Sizes
from bench.environment import REPO_ROOT, bench_environment
from bench.harness import ScenarioOutcome, run_scenario
from bench.reference_env import ReferenceEnv, ensure_reference_env
from bench.report import MachineFacts, render_json, render_markdown
from bench.scenarios import build_scenarios
from bench.targets import check_targets

RESULTS_DIR = REPO_ROOT / "bench" / "results"
REFERENCE_VENV = REPO_ROOT / "bench" / ".venv-ref"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each, small sizes")
    parser.add_argument("--runs", type=int, help="measured runs per variant (default 5; quick 1)")
    parser.add_argument("--no-warmup", action="store_true", help="skip the warm-up run")
    parser.add_argument(
        "--only", default="", help="comma-separated scenario key prefixes (e.g. dc.stream,drs)"
    )
    parser.add_argument("--skip-reference", action="store_true", help="do not run the reference")
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also run ours at git REF (same run, same devservers; see bench/baseline.py)",
    )
    parser.add_argument("--reinstall-reference", action="store_true")
    parser.add_argument("--data-dir", type=Path, help="devserver data (default bench/results/)")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.md")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json")
    return parser.parse_args(argv)


def _reference(args: argparse.Namespace, notes: list[str]) -> ReferenceEnv | None:
    if args.skip_reference:
        notes.append("The reference library was skipped (--skip-reference).")
        return None
    log("checking the reference library venv (bench/.venv-ref) ...")
    try:
        return ensure_reference_env(REFERENCE_VENV, reinstall=args.reinstall_reference)
    except RuntimeError as exc:
        log(f"reference library unavailable, continuing without it: {exc}")
        notes.append(f"The reference library could not be installed: {str(exc)[:300]}")
        return None


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _our_version() -> str:
    try:
        version = importlib.metadata.version("dnastack-sdk")
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    try:
        sha = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        sha = ""
    return f"dnastack-sdk {version} (git {sha or '?'}, working tree as checked out)"


def _python_of(python: Path) -> str:
    try:
        out = subprocess.run(
            [str(python), "-c", "import sys; print(sys.version.split()[0])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return out.stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes: Sizes = QUICK if args.quick else FULL
    if args.runs is not None:
        sizes = dataclasses.replace(sizes, runs=args.runs)
    if args.no_warmup:
        sizes = dataclasses.replace(sizes, warmup=False)
    mode = "quick" if args.quick else "full"
    data_dir = (args.data_dir or RESULTS_DIR / f"data-{mode}").resolve()
    work_dir = data_dir.parent / f"runs-{mode}"
    work_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_start = _load_average()
    notes: list[str] = []
    reference = _reference(args, notes)
    install_seconds = time.perf_counter() - started
    prefixes = [p.strip() for p in args.only.split(",") if p.strip()]

    baseline = checkout(REPO_ROOT, args.baseline) if args.baseline else None
    if baseline is not None:
        notes.append(f"Baseline: ours at {baseline.label} ({baseline.root}), same devservers.")

    outcomes: list[ScenarioOutcome] = []
    with bench_environment(sizes, data_dir, reference, log=log) as ctx:
        server_pids = tuple(server.process.pid for server in ctx.servers.values())
        scenarios = [
            dataclasses.replace(s, server_pids=server_pids)
            for s in build_scenarios(ctx)
            if not prefixes or s.key.startswith(tuple(prefixes))
        ]
        if baseline is not None:
            scenarios = [with_baseline(s, baseline) for s in scenarios]
        for index, scenario in enumerate(scenarios, 1):
            log(f"[{index}/{len(scenarios)}] {scenario.key}: {scenario.title}")
            outcomes.append(
                run_scenario(
                    scenario, runs=sizes.runs, warmup=sizes.warmup, cwd=REPO_ROOT, work_dir=work_dir
                )
            )

    warmup = "after 1 warm-up run per variant, " if sizes.warmup else "no warm-up, "
    facts = MachineFacts(
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        cpu_count=os.cpu_count() or 0,
        cpu_model=_cpu_model(),
        load_average_start=load_start,
        load_average_end=_load_average(),
        python=sys.version.split()[0],
        reference_python=_python_of(reference.python) if reference else "-",
        reference_version=f"dnastack-client-library {reference.version}" if reference else "-",
        our_version=_our_version(),
        mode=f"{mode}: {sizes.runs} run(s) per variant {warmup}each in a fresh process, "
        f"variants alternating run by run; total {time.perf_counter() - started:.0f} s",
        devserver=f"127.0.0.1, `big` table of {sizes.rows:,} rows, page sizes "
        + ", ".join(str(p) for p in sizes.page_sizes),
    )
    targets = check_targets({o.scenario.key: o for o in outcomes}, sizes)
    if args.quick:
        notes.append("Quick mode: small sizes and one run; the targets are indicative only.")
    timing = {
        "total_seconds": time.perf_counter() - started,
        "reference_install_seconds": install_seconds,
        "bench_seconds": time.perf_counter() - started - install_seconds,
    }
    markdown = render_markdown(facts, outcomes, targets, notes)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(markdown)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(render_json(facts, outcomes, targets, timing))
    print(markdown)
    log(f"written {args.output} and {args.json} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
