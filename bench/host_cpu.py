"""CPU time the hypervisor gave to other virtual machines while we measured ("steal").

On a shared virtual machine the 1-minute load average says nothing of the host: another
guest can take half of our CPUs' time while our load average reads 1. Linux counts that
time per CPU as *steal* in ``/proc/stat``; the share of all CPU time it took during a run
says how far that run's figures are from the machine's own. Parallel variants (the async
client and its server, both busy at once) lose the most: they need both CPUs at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CONTENDED_SHARE", "CpuCounters", "cpu_counters", "stolen_share"]

CONTENDED_SHARE = 0.05
"""Above this share of CPU time stolen, a run's figures are flagged as not representative."""

_PROC_STAT = Path("/proc/stat")


@dataclass(frozen=True)
class CpuCounters:
    """All CPUs' time so far, in clock ticks: stolen, and in total (every state)."""

    steal: int
    total: int


def cpu_counters(proc_stat: Path = _PROC_STAT) -> CpuCounters | None:
    """The counters now (None where ``/proc/stat`` is missing or has no steal column)."""
    try:
        first = proc_stat.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if len(first) < 9 or first[0] != "cpu":
        return None
    try:
        # user nice system idle iowait irq softirq steal (guest time is counted in user)
        ticks = [int(value) for value in first[1:9]]
    except ValueError:
        return None
    return CpuCounters(steal=ticks[7], total=sum(ticks))


def stolen_share(before: CpuCounters | None, after: CpuCounters | None) -> float | None:
    """The share (0..1) of CPU time stolen between two readings (None: not known)."""
    if before is None or after is None or after.total <= before.total:
        return None
    return max(0, after.steal - before.steal) / (after.total - before.total)
