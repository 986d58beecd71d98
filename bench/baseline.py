"""``--baseline REF``: our SDK at another commit, measured in the same run as the working tree.

Every variant of ours gets a twin that runs the same runner with the same interpreter and
packages, but imports ``dnastack`` and the generated packages from a checkout of ``REF``
(a detached git worktree under ``bench/.baseline/``, reused between runs): ``PYTHONPATH``
puts that checkout's ``facade/`` and ``generated/`` ahead of the editable install's. The
devservers are the working tree's for both, so the figures compare the SDKs alone. The
report's last column then reads "ours ÷ ours @ REF", and a target checks that no figure is
worse than the baseline's by more than the noise allowance (:data:`NOISE_ALLOWANCE`).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

from bench.harness import BASELINE, OURS, Scenario

__all__ = ["NOISE_ALLOWANCE", "Baseline", "checkout", "with_baseline"]

NOISE_ALLOWANCE = 0.10
"""A figure more than 10% worse than the baseline's (median of the run-pair ratios) fails."""


@dataclasses.dataclass(frozen=True)
class Baseline:
    ref: str  # as given (shown in the report)
    commit: str
    root: Path

    @property
    def label(self) -> str:
        return f"{self.ref} ({self.commit[:10]})" if self.ref != self.commit else self.commit[:10]

    def environment(self) -> dict[str, str]:
        paths = [str(self.root / "facade"), str(self.root / "generated")]
        inherited = os.environ.get("PYTHONPATH")
        return {"PYTHONPATH": os.pathsep.join([*paths, *([inherited] if inherited else [])])}


def checkout(repo_root: Path, ref: str) -> Baseline:
    """A worktree of ``ref`` (created once per commit under ``bench/.baseline/``).

    Raises:
        RuntimeError: ``ref`` names no commit.
    """
    resolved = subprocess.run(
        ["git", "-C", str(repo_root), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if resolved.returncode != 0:
        raise RuntimeError(f"--baseline {ref!r}: not a commit ({resolved.stderr.strip()})")
    commit = resolved.stdout.strip()
    root = repo_root / "bench" / ".baseline" / commit
    if not (root / "facade" / "dnastack").is_dir():
        subprocess.run(
            ["git", "-C", str(repo_root), "worktree", "prune"], check=False, capture_output=True
        )
        subprocess.run(
            ["git", "-C", str(repo_root), "worktree", "add", "--detach", str(root), commit],
            check=True,
            capture_output=True,
        )
    return Baseline(ref, commit, root)


def with_baseline(scenario: Scenario, baseline: Baseline) -> Scenario:
    """``scenario`` plus, after each variant of ours, the same variant run on ``baseline``."""
    variants = []
    for variant in scenario.variants:
        variants.append(variant)
        if variant.role == OURS:
            variants.append(
                dataclasses.replace(
                    variant,
                    name=f"{variant.name} @ {baseline.label}",
                    role=BASELINE,
                    env={**variant.env, **baseline.environment()},
                )
            )
    return dataclasses.replace(scenario, variants=tuple(variants))
