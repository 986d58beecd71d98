"""Measure commands in fresh processes and alternate the variants of a scenario run by run.

Every run is a new process. Its wall time and peak RSS come from ``os.wait4`` (the kernel's
``ru_maxrss`` of exactly that child), and a Python runner may print one JSON object as its
last stdout line (``{"value": ..., ...}``) with what it measured itself, e.g. rows per
second of the streaming loop alone, without interpreter start-up and imports.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.host_cpu import cpu_counters, stolen_share

__all__ = [
    "BASELINE",
    "LIMIT",
    "OTHER",
    "OURS",
    "REFERENCE",
    "RunFailed",
    "RunResult",
    "Scenario",
    "ScenarioOutcome",
    "Stats",
    "Variant",
    "VariantOutcome",
    "child_value",
    "run_once",
    "run_scenario",
    "stats_of",
]

OURS = "ours"
REFERENCE = "reference"
LIMIT = "limit"
OTHER = "other"  # a second reference-side variant (e.g. the reference's other CLI)
BASELINE = "baseline"  # ours at another commit (``--baseline REF``, see bench/baseline.py)

TMP_PLACEHOLDER = "{tmp}"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
STDERR_TAIL_CHARS = 1500


@dataclass(frozen=True)
class RunResult:
    """One finished run: wall seconds, peak RSS (KiB), the runner's JSON report, the
    devservers' CPU seconds and the share of CPU time the hypervisor stole meanwhile."""

    wall_s: float
    peak_rss_kib: int
    report: dict[str, Any]
    server_cpu_s: float = 0.0
    stolen: float | None = None  # see bench.host_cpu (None: not known on this system)


class RunFailed(RuntimeError):
    """A run exited non-zero, timed out, or printed no usable report."""


@dataclass(frozen=True)
class Variant:
    """One way of doing a scenario: our SDK, the reference library, or a practical limit.

    ``argv`` may contain ``{tmp}``: a fresh empty directory for that run, removed afterwards.
    ``value`` turns a run into the scenario's number (in the scenario's unit).
    """

    name: str
    role: str
    argv: tuple[str, ...]
    value: Callable[[RunResult], float]
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    key: str
    group: str
    title: str
    unit: str
    higher_is_better: bool
    variants: tuple[Variant, ...]
    timeout_s: float = 1800.0
    server_pids: tuple[int, ...] = ()


@dataclass
class VariantOutcome:
    variant: Variant
    values: list[float] = field(default_factory=list)
    peak_rss_kib: list[int] = field(default_factory=list)
    server_cpu_s: list[float] = field(default_factory=list)
    stolen: list[float | None] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.values)


@dataclass
class ScenarioOutcome:
    scenario: Scenario
    variants: dict[str, VariantOutcome]
    seconds: float = 0.0
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at start, end
    stolen: float | None = None  # share of CPU time stolen over the scenario (bench.host_cpu)

    def by_role(self, role: str) -> VariantOutcome | None:
        return next((v for v in self.variants.values() if v.variant.role == role), None)


@dataclass(frozen=True)
class Stats:
    median: float
    minimum: float
    maximum: float
    count: int


def stats_of(values: Sequence[float]) -> Stats | None:
    if not values:
        return None
    return Stats(statistics.median(values), min(values), max(values), len(values))


def child_value(result: RunResult) -> float:
    """The ``value`` the runner reported."""
    return float(result.report["value"])


def _last_json_line(text: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                parsed = json.loads(line)
            except ValueError:
                continue
            if isinstance(parsed, dict):
                return parsed
    return {}


def _last_line(path: Path) -> str:
    """The last non-empty line of a file (for a traceback: the exception itself)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text[-STDERR_TAIL_CHARS:].splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _peak_rss_kib(rss_path: Path, fallback: int, report: dict[str, Any]) -> int:
    """GNU time's ``%M`` when available, else the child's own VmHWM, else ``ru_maxrss``.

    ``ru_maxrss`` of a direct child also counts the memory of this (forking) process before
    the child's exec, so it is only a last resort; ``/usr/bin/time`` is a tiny process, so
    the peak it reports for its own child is the command's.
    """
    try:
        lines = rss_path.read_text().split()
    except OSError:
        lines = []
    numbers = [int(x) for x in lines if x.isdigit()]
    if numbers:
        return numbers[-1]
    if isinstance(report.get("vmhwm_kib"), int):
        return int(report["vmhwm_kib"])
    return fallback


def run_once(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    work_dir: Path | None = None,
    timeout_s: float = 1800.0,
    server_pids: Sequence[int] = (),
) -> RunResult:
    """Run ``argv`` in a fresh process; raise `RunFailed` unless it exits 0.

    ``server_pids``: processes (the devservers) whose CPU time during the run is reported.
    """
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work_dir))
    scratch = run_dir / "tmp"
    scratch.mkdir()
    stdout_path, stderr_path = run_dir / "stdout", run_dir / "stderr"
    rss_path = run_dir / "rss"
    command = [a.replace(TMP_PLACEHOLDER, str(scratch)) for a in argv]
    if GNU_TIME is not None:
        command = [GNU_TIME, "-o", str(rss_path), "-f", "%M", *command]
    full_env = {**os.environ, **(env or {})}
    try:
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            server_cpu_before = _cpu_seconds(server_pids)
            host_before = cpu_counters()
            started = time.perf_counter()
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=full_env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            timer = threading.Timer(timeout_s, _kill_group, args=(process.pid,))
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - started
            server_cpu = _cpu_seconds(server_pids) - server_cpu_before
            stolen = stolen_share(host_before, cpu_counters())
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RunFailed(
                f"{Path(argv[0]).name} {' '.join(argv[1:2])} failed (exit "
                f"{process.returncode}{', timed out' if wall >= timeout_s else ''}): "
                f"{_last_line(stderr_path)}"
            )
        report = _last_json_line(stdout_path.read_text(errors="replace"))
        peak = _peak_rss_kib(rss_path, int(usage.ru_maxrss), report)
        return RunResult(wall, peak, report, server_cpu, stolen)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def _cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` (Linux ``/proc``; 0 elsewhere)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / CLOCK_TICKS


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _measure(variant: Variant, scenario: Scenario, cwd: Path, work_dir: Path) -> RunResult:
    result = run_once(
        variant.argv,
        env=variant.env,
        cwd=cwd,
        work_dir=work_dir,
        timeout_s=scenario.timeout_s,
        server_pids=scenario.server_pids,
    )
    try:
        value = variant.value(result)
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as exc:
        raise RunFailed(f"no usable measurement ({exc!r}); report: {result.report}") from exc
    if not value > 0:
        raise RunFailed(f"non-positive measurement {value}; report: {result.report}")
    return result


def run_scenario(
    scenario: Scenario,
    *,
    runs: int,
    warmup: bool,
    cwd: Path,
    work_dir: Path,
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True),
) -> ScenarioOutcome:
    """Warm up each variant once (optional), then ``runs`` rounds of every variant in turn.

    Round ``i`` runs the variants in their declared order (ours, reference, limits...), so
    each pair of values shares the machine's conditions as closely as possible. A variant
    that fails once is dropped from later rounds with its error kept.
    """
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    host_start = cpu_counters()
    outcomes = {v.name: VariantOutcome(v) for v in scenario.variants}

    def attempt(outcome: VariantOutcome, record: bool) -> None:
        try:
            result = _measure(outcome.variant, scenario, cwd, work_dir)
        except (RunFailed, OSError) as exc:
            outcome.error = str(exc)
            outcome.values.clear()
            outcome.peak_rss_kib.clear()
            outcome.server_cpu_s.clear()
            outcome.stolen.clear()
            outcome.reports.clear()
            log(f"  {scenario.key} [{outcome.variant.name}] FAILED: {exc}")
            return
        if record:
            outcome.values.append(outcome.variant.value(result))
            outcome.peak_rss_kib.append(result.peak_rss_kib)
            outcome.server_cpu_s.append(result.server_cpu_s)
            outcome.stolen.append(result.stolen)
            outcome.reports.append(result.report)

    if warmup:
        for outcome in outcomes.values():
            attempt(outcome, record=False)
    for round_number in range(runs):
        for outcome in outcomes.values():
            if outcome.error is None:
                attempt(outcome, record=True)
        summary = ", ".join(
            f"{o.variant.name}={o.values[-1]:,.4g}" for o in outcomes.values() if o.ok
        )
        log(f"  {scenario.key} run {round_number + 1}/{runs}: {summary} {scenario.unit}")
    return ScenarioOutcome(
        scenario,
        outcomes,
        time.perf_counter() - started,
        (load_start, os.getloadavg()[0]),
        stolen_share(host_start, cpu_counters()),
    )
