"""Running the ``dnastack`` command line in tests: in-process (click's runner) or as a process.

Every run gets its own configuration file, session directory and HOME under a temporary
directory, and no ``DNASTACK_*`` variable from the developer's environment, so a test never
reads or writes the real ``~/.dnastack``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from dnastack.cli.main import cli

__all__ = ["REPO_ROOT", "CliResult", "DnastackCli", "clean_environment"]

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # shown by pytest when an assertion on a result fails
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def clean_environment(overrides: Mapping[str, str]) -> dict[str, str]:
    """``os.environ`` without any ``DNASTACK_*`` or ``NO_COLOR``, plus ``overrides``."""
    base = {
        k: v for k, v in os.environ.items() if not k.startswith("DNASTACK_") and k != "NO_COLOR"
    }
    return {**base, **overrides}


class DnastackCli:
    """``cli("dc", "tables", "list")`` runs in-process; ``cli.run_process(...)`` runs
    ``python -m dnastack`` in a subprocess. Both use this instance's private configuration."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.config_file = workdir / "config.yaml"
        self.session_dir = workdir / "sessions"
        (workdir / "home").mkdir(parents=True, exist_ok=True)
        self.env: dict[str, str] = {
            "DNASTACK_CONFIG_FILE": str(self.config_file),
            "DNASTACK_SESSION_DIR": str(self.session_dir),
            "HOME": str(workdir / "home"),
        }

    def __call__(
        self, *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
    ) -> CliResult:
        unset: dict[str, str | None] = {
            k: None for k in os.environ if k.startswith("DNASTACK_") or k == "NO_COLOR"
        }
        runner = CliRunner()
        result = runner.invoke(
            cli,
            list(args),
            input=input,
            env={**unset, **self.env, **(env or {})},
            catch_exceptions=False,
        )
        return CliResult(result.exit_code, result.stdout, result.stderr)

    def run_process(
        self,
        *args: str,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 60,
    ) -> CliResult:
        completed = subprocess.run(
            [sys.executable, "-m", "dnastack", *args],
            input=input,
            capture_output=True,
            text=True,
            env=clean_environment({**self.env, **(env or {})}),
            cwd=self.workdir,
            timeout=timeout,
            check=False,
        )
        return CliResult(completed.returncode, completed.stdout, completed.stderr)

    def process_command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "dnastack", *args]

    def process_env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        return clean_environment({**self.env, **(extra or {})})
