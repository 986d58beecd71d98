"""``make demo`` runs demo/run_demo.py: every step succeeds and no devserver is left behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.cli.support import REPO_ROOT, clean_environment

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DEMO = REPO_ROOT / "demo" / "run_demo.py"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_demo_succeeds_quickly_and_stops_the_devserver(tmp_path: os.PathLike[str]) -> None:
    home = os.fspath(tmp_path)
    started = time.monotonic()

    completed = subprocess.run(
        [sys.executable, str(DEMO)],
        capture_output=True,
        text=True,
        env=clean_environment({"HOME": home, "TMPDIR": home}),
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    elapsed = time.monotonic() - started

    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert elapsed < 60, output
    for title in (
        "Service Registry",
        "Data Connect tables",
        "Query with parameters",
        "Download a file and a bundle",
        "collection's items",
        "federated question",
    ):
        assert title in output
    assert output.count("\nok (") == 7
    assert "$ dnastack use http://127.0.0.1:" in output
    match = re.search(r"devserver \(pid (\d+)\) stopped, exit status 0", output)
    assert match, output
    assert not _alive(int(match.group(1)))
    assert "demo succeeded" in output
    assert not [p for p in os.listdir(home) if p.startswith("dnastack-demo-")]  # cleaned up
    assert not os.path.exists(os.path.join(home, ".dnastack"))  # the user's config untouched


def test_an_interrupted_demo_still_stops_the_devserver(tmp_path: os.PathLike[str]) -> None:
    home = os.fspath(tmp_path)
    process = subprocess.Popen(
        [sys.executable, str(DEMO)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=clean_environment({"HOME": home, "TMPDIR": home}),
        cwd=REPO_ROOT,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("devserver ready at "):
            break
    process.send_signal(signal.SIGTERM)  # as Ctrl-C would, once the node is up
    rest, _ = process.communicate(timeout=60)

    assert process.returncode == 1
    assert "interrupted" in rest and "demo FAILED" in rest
    match = re.search(r"devserver \(pid (\d+)\) stopped, exit status 0", rest)
    assert match, rest
    assert not _alive(int(match.group(1)))
    assert not [p for p in os.listdir(home) if p.startswith("dnastack-demo-")]
