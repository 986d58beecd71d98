"""`bench/run.py --quick` runs end to end, so the benchmark cannot rot.

It starts its own devservers over a temporary data directory and writes its report there.
The reference library is installed into ``bench/.venv-ref`` on first use; without network
that fails and the bench carries on without it, which this test accepts. Our SDK, curl and
the bare httpx loop must always produce positive numbers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.timeout(1200)  # the module fixture runs the whole quick bench

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED_SCENARIOS = {
    "dc.stream.p100": ("ours", "httpx + orjson"),
    "dc.stream.p1000": ("ours", "httpx + orjson"),
    "dc.rss.small.p100": ("ours", "httpx + orjson"),
    "dc.rss.small.p1000": ("ours", "httpx + orjson"),
    "dc.pandas": ("ours",),
    "dc.arrow": ("ours",),
    "drs.resolve": ("ours", "httpx + orjson"),
    "drs.download.1048576": ("ours", "curl -s -o FILE"),
    "drs.download.10485760": ("ours", "curl -s -o FILE"),
    "drs.parallel": ("ours",),
    "http.service_info": ("ours", "httpx + orjson"),
    "import.package": ("ours",),
    "import.data-connect": ("ours",),
    "cli.help": ("ours: dnastack --help",),
}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, float]:
    workdir = tmp_path_factory.mktemp("bench-quick")
    markdown_path, json_path = workdir / "latest.md", workdir / "latest.json"
    started = time.monotonic()
    completed = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "bench" / "run.py"),
            "--quick",
            "--data-dir",
            str(workdir / "data"),
            "--output",
            str(markdown_path),
            "--json",
            str(json_path),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    elapsed = time.monotonic() - started
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(json_path.read_text()), markdown_path.read_text(), elapsed


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_quick_bench_reports_positive_numbers_for_every_scenario(
    quick_run: tuple[dict[str, Any], str, float],
) -> None:
    document, _, _ = quick_run
    scenarios = document["scenarios"]
    assert set(EXPECTED_SCENARIOS) <= set(scenarios)
    for key, names in EXPECTED_SCENARIOS.items():
        variants = scenarios[key]["variants"]
        for name in names:
            variant = variants[name]
            assert variant["error"] is None, f"{key} [{name}]: {variant['error']}"
            assert variant["values"] and all(v > 0 for v in variant["values"]), (key, name)
            assert all(kib > 0 for kib in variant["peak_rss_kib"]), (key, name)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_quick_bench_markdown_has_facts_targets_and_a_row_per_scenario(
    quick_run: tuple[dict[str, Any], str, float],
) -> None:
    document, markdown, _ = quick_run
    for fact in ("CPUs", "load average", "Python (ours)", "reference library", "date"):
        assert fact in markdown
    assert "## Targets" in markdown
    for target in document["targets"]:
        assert target["name"] in markdown
    for scenario in document["scenarios"].values():
        assert f"| {scenario['title']} |" in markdown
    reference_ran = any(
        v["role"] == "reference" and v["error"] is None
        for s in document["scenarios"].values()
        for v in s["variants"].values()
    )
    if reference_ran:
        assert document["facts"]["reference library"].startswith("dnastack-client-library ")
