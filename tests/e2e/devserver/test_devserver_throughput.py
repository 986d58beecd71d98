"""Paging 1,000,000 rows x 10 columns through POST /search with 1000-row pages.

Prints rows/s (wall clock, client doing almost nothing per page), the server's CPU seconds
and its peak RSS for the log. The test asserts what the server sends (every row, every page);
speed is measured by `make bench`, side by side, never by a timed test.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.devserver import DevServerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROWS = 1_000_000
PAGE_SIZE = 1000
_NEXT = re.compile(rb'"next_page_url":"([^"]+)"')


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_one_million_rows_page_out_completely(devserver_factory: DevServerFactory) -> None:
    server = devserver_factory.start("--rows", str(ROWS), "--page-size", str(PAGE_SIZE))
    pid = server.process.pid
    with httpx.Client(base_url=server.base_url, timeout=60) as http:
        cpu_before = _cpu_seconds(pid)
        started = time.perf_counter()
        response = http.post("/data-connect/search", json={"query": "SELECT * FROM big"})
        pages = 1
        rows = response.content.count(b'"name":"row-')
        while match := _NEXT.search(response.content[-300:]):
            response = http.get(match.group(1).decode())
            rows += response.content.count(b'"name":"row-')
            pages += 1
        wall = time.perf_counter() - started
        cpu = _cpu_seconds(pid) - cpu_before
    rate = rows / wall
    print(
        f"\n{rows:,} rows in {pages} pages: {wall:.2f} s wall, {rate:,.0f} rows/s; "
        f"server CPU {cpu:.2f} s ({rows / cpu:,.0f} rows per CPU second); "
        f"server peak RSS {_peak_rss_mib(pid):.0f} MiB"
    )
    assert rows == ROWS
    assert pages == ROWS // PAGE_SIZE
