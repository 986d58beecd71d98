"""Start and stop devserver instances (``python -m dnastack.devserver``) for the benchmark.

Each instance binds port 0 on 127.0.0.1 and reports its URL in its ready line, so there is
no port race. On Linux the child is SIGTERMed if the benchmark process dies.
"""

from __future__ import annotations

import ctypes
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["DevserverInstance", "DevserverPool", "start_devserver"]

READY_PREFIX = "devserver ready at "
STOP_TIMEOUT_SECONDS = 10.0
_PR_SET_PDEATHSIG = 1


def _load_prctl() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def _die_with_parent() -> None:
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGTERM))  # type: ignore[operator]


@dataclass
class DevserverInstance:
    base_url: str  # http://127.0.0.1:PORT (no trailing slash)
    page_size: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def data_connect_url(self) -> str:
        return f"{self.base_url}/data-connect/"

    @property
    def drs_url(self) -> str:
        return f"{self.base_url}/ga4gh/drs/v1/"

    def bytes_url(self, object_id: str) -> str:
        return f"{self.base_url}/ga4gh/drs/v1/bytes/{object_id}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _pump(stream: IO[bytes], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.decode(errors="replace"))
    lines.put(None)


def start_devserver(
    python: Path,
    repo_root: Path,
    data_dir: Path,
    *,
    rows: int,
    page_size: int,
    log_path: Path,
    timeout_s: float = 600.0,
) -> DevserverInstance:
    """Start one devserver and wait for its ready line (generating ``--rows`` can take a while)."""
    command = [
        str(python),
        "-m",
        "dnastack.devserver",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data",
        str(data_dir),
        "--rows",
        str(rows),
        "--page-size",
        str(page_size),
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=repo_root,
            stdout=subprocess.PIPE,
            stderr=log,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
    lines: queue.Queue[str | None] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    deadline = time.monotonic() + timeout_s
    while True:
        remaining = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(0.1, min(remaining, 1.0)))
        except queue.Empty:
            line = "" if process.poll() is None and remaining > 0 else None
        if line and line.startswith(READY_PREFIX):
            base_url = line[len(READY_PREFIX) :].strip().rstrip("/")
            return DevserverInstance(base_url, page_size, process, log_path)
        if line is None:
            if process.poll() is None:
                process.kill()
            process.wait()
            log_text = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(
                f"devserver did not become ready (exit {process.returncode}); log:\n{log_text}"
            )


class DevserverPool:
    """One devserver per page size over one shared data directory; `close` stops them all."""

    def __init__(self, python: Path, repo_root: Path, data_dir: Path, rows: int) -> None:
        self._python = python
        self._repo_root = repo_root
        self._data_dir = data_dir
        self._rows = rows
        self._instances: dict[int, DevserverInstance] = {}

    def get(self, page_size: int) -> DevserverInstance:
        instance = self._instances.get(page_size)
        if instance is None:
            instance = start_devserver(
                self._python,
                self._repo_root,
                self._data_dir,
                rows=self._rows,
                page_size=page_size,
                log_path=self._data_dir.parent / f"devserver-{page_size}.log",
            )
            self._instances[page_size] = instance
        return instance

    def close(self) -> None:
        while self._instances:
            _, instance = self._instances.popitem()
            instance.stop()
