"""Profile our SDK's side of one scenario (pyinstrument or py-spy) against the same devserver.

    .venv/bin/python bench/profile.py dc.stream.p100          # full sizes, pyinstrument
    .venv/bin/python bench/profile.py drs.download --quick    # first key with that prefix
    .venv/bin/python bench/profile.py drs.download.1073741824 --tool py-spy   # all threads

pyinstrument samples the main thread only (wall time, including waits); py-spy samples
whichever thread holds the GIL (``--gil``), i.e. the Python work of every thread, which is
what matters when the work runs in worker threads (downloads, page prefetch).

pyinstrument (and py-spy, for ad-hoc use) are installed into ``bench/.venv-tools``
(git-ignored), never into the project's environment; the profiled interpreter is still
``.venv/bin/python`` with pyinstrument's directory on ``PYTHONPATH``. Writes the call tree
to ``bench/results/profile-KEY.txt`` and prints the functions with the most self time and
their share of the run.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.context import FULL, QUICK
from bench.environment import REPO_ROOT, bench_environment
from bench.harness import OURS, TMP_PLACEHOLDER
from bench.scenarios import build_scenarios

TOOLS_VENV = REPO_ROOT / "bench" / ".venv-tools"
RESULTS_DIR = REPO_ROOT / "bench" / "results"
TOOLS = ("pyinstrument", "py-spy")
TOP_FUNCTIONS = 25
PY_SPY_RATE = 250


def ensure_tools() -> Path:
    """The site-packages directory of the tools venv (created on first use)."""
    python = TOOLS_VENV / "bin" / "python"
    if not (TOOLS_VENV / "bin" / "pyinstrument").exists():
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(TOOLS_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *TOOLS], check=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if sysconfig.get_python_version() not in purelib:
        raise RuntimeError(f"{TOOLS_VENV} was built for another Python: {purelib}")
    return Path(purelib)


def print_self_time(stats_path: Path) -> None:
    stats = pstats.Stats(str(stats_path))
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(tottime for _, _, tottime, _, _ in entries.values()) or 1.0
    print(f"\nself time by function (total sampled {total:.2f} s):")
    ranked = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)
    for (filename, line, function), (_, _, tottime, cumtime, _) in ranked[:TOP_FUNCTIONS]:
        where = filename.replace(str(REPO_ROOT) + "/", "")
        share, cumulative = tottime / total, cumtime / total
        print(f"  {share:6.1%} self  {cumulative:6.1%} cum  {function}  ({where}:{line})")


def _function(frame: str) -> str:
    """``name (path:line)`` -> ``name (path)``: lines of one function count together."""
    name, _, where = frame.rpartition(" (")
    if not name:
        return frame
    where = where.removesuffix(")").rsplit(":", 1)[0]
    if name.startswith("0x"):  # a native frame without a symbol: group by library
        return f"[native code] ({where})"
    return f"{name} ({where})"


def collapsed_self_time(raw_path: Path) -> None:
    """Self and cumulative share per function (all lines of it) from py-spy's collapsed stacks."""
    self_counts: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    total = 0
    for line in raw_path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_function(f) for f in stack.split(";") if not f.startswith("thread (")]
        if not frames:
            continue
        total += count
        self_counts[frames[-1]] = self_counts.get(frames[-1], 0) + count
        for frame in set(frames):
            cumulative[frame] = cumulative.get(frame, 0) + count
    print(f"\nsamples by function, all threads ({total} samples at {PY_SPY_RATE}/s):")
    ranked = sorted(self_counts.items(), key=lambda item: item[1], reverse=True)
    for frame, count in ranked[:TOP_FUNCTIONS]:
        where = frame.replace(str(REPO_ROOT) + "/", "")
        print(f"  {count / total:6.1%} self  {cumulative[frame] / total:6.1%} cum  {where}")


def run_py_spy(python: str, script: str, rest: list[str], key: str, gil_only: bool) -> Path:
    raw_path = RESULTS_DIR / f"profile-{key}.pyspy.txt"
    subprocess.run(
        [
            str(TOOLS_VENV / "bin" / "py-spy"),
            "record",
            "--threads",
            *(["--gil"] if gil_only else ["--native"]),
            "--rate",
            str(PY_SPY_RATE),
            "--format",
            "raw",
            "--output",
            str(raw_path),
            "--",
            python,
            script,
            *rest,
        ],
        cwd=REPO_ROOT,
        check=True,
    )
    return raw_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="scenario key or prefix, e.g. dc.stream.p100")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--interval", default="0.0005", help="pyinstrument sampling interval")
    parser.add_argument("--tool", choices=("pyinstrument", "py-spy"), default="pyinstrument")
    parser.add_argument(
        "--active",
        action="store_true",
        help="py-spy: sample every running thread with native frames (C hashing, socket "
        "reads) instead of only the GIL holder",
    )
    args = parser.parse_args()

    mode = "quick" if args.quick else "full"
    data_dir = (args.data_dir or RESULTS_DIR / f"data-{mode}").resolve()
    tools = ensure_tools()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with bench_environment(QUICK if args.quick else FULL, data_dir, None) as ctx:
        scenario = next((s for s in build_scenarios(ctx) if s.key.startswith(args.scenario)), None)
        if scenario is None:
            parser.error(f"no scenario starts with {args.scenario!r}")
        variant = next(v for v in scenario.variants if v.role == OURS)
        python, script, *rest = variant.argv
        if not script.endswith(".py"):
            parser.error(f"{scenario.key}: our variant is not a Python runner")
        scratch = data_dir.parent / "profile-tmp"
        scratch.mkdir(exist_ok=True)
        rest = [a.replace(TMP_PLACEHOLDER, str(scratch)) for a in rest]
        if args.tool == "py-spy":
            raw_path = run_py_spy(python, script, rest, scenario.key, not args.active)
            print(f"{scenario.key}: collapsed stacks in {raw_path}")
            collapsed_self_time(raw_path)
            return 0
        tree_path = RESULTS_DIR / f"profile-{scenario.key}.txt"
        stats_path = RESULTS_DIR / f"profile-{scenario.key}.pstats"
        env = {**os.environ, "PYTHONPATH": str(tools)}
        base = [python, "-m", "pyinstrument", "-i", args.interval]
        base += ["--target-description", f"bench scenario {scenario.key} (ours)"]
        for renderer, out in (("text", tree_path), ("pstats", stats_path)):
            subprocess.run(
                [*base, "-r", renderer, "-o", str(out), script, *rest],
                env=env,
                cwd=REPO_ROOT,
                check=True,
            )
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir()
    print(f"{scenario.key}: call tree in {tree_path}")
    print_self_time(stats_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
