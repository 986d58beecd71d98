"""A real terminal for CLI tests: tmux runs the command in a pseudo-terminal of a given
size, and the test reads the screen as a person would see it (``capture-pane``)."""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

__all__ = ["DONE", "Terminal", "column_text", "require_tmux"]

DONE = "__command_done__"
_counter = itertools.count()


def require_tmux() -> str:
    """The tmux executable, or a skip naming how to get it."""
    found = shutil.which("tmux")
    if found is None:
        pytest.skip("terminal tests need tmux (apt-get install tmux)")
    return found


class Terminal:
    """One tmux server with one window of ``width`` x ``height`` characters."""

    def __init__(self, workdir: Path, width: int, height: int = 50) -> None:
        self.tmux = require_tmux()
        self.workdir = workdir
        self.width = width
        self.height = height
        self.socket = f"dnastack-test-{os.getpid()}-{next(_counter)}"

    def _tmux(self, *args: str) -> str:
        completed = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        return completed.stdout

    def start(self, command: Sequence[str], env: Mapping[str, str]) -> None:
        """Run ``command`` in the terminal with exactly ``env``; a line with :data:`DONE` and
        the exit status follows its output."""
        script = self.workdir / f"terminal-{self.socket}.sh"
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
        script.write_text(
            "#!/bin/sh\n"
            + exports
            + f"cd {shlex.quote(str(self.workdir))}\n"
            + shlex.join(command)
            + f'\necho "{DONE} $?"\nexec sleep 600\n'
        )
        script.chmod(0o755)
        # Only ``env`` and the terminal's own TERM: nothing of the test runner's environment
        # (COLUMNS, LINES...) reaches the command.
        command_line = f'env -i TERM="$TERM" {shlex.quote(str(script))}'
        self._tmux("new-session", "-d", "-x", str(self.width), "-y", str(self.height), command_line)

    def screen(self, *, history: bool = True) -> str:
        """The screen (with the scrollback when ``history``), trailing blanks removed."""
        args = ["capture-pane", "-p"] + (["-S", "-"] if history else [])
        lines = self._tmux(*args).rstrip("\n").splitlines()
        return "\n".join(line.rstrip() for line in lines)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The screen once ``text`` is on it (polled; fails after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear on the screen:\n{screen}")
            time.sleep(0.1)

    def run(self, command: Sequence[str], env: Mapping[str, str], timeout: float = 60) -> str:
        """Run ``command`` to its end; the screen above the :data:`DONE` line."""
        self.start(command, env)
        screen = self.wait_for(DONE, timeout)
        return screen.split(DONE)[0].rstrip("\n")

    def exit_status(self) -> int:
        tail = self.screen().split(DONE, 1)[1]
        return int(tail.split()[0])

    def close(self) -> None:
        self._tmux("kill-server")


def column_text(
    lines: Sequence[str], header: str, columns: Sequence[str], row_key: str
) -> list[str]:
    """The full text of column ``header`` in each row of a folded table: the characters in
    that column's span, joined over the row's lines (a row starts where the column
    ``row_key``, one whose values never fold, has text)."""
    header_line = next(i for i, line in enumerate(lines) if line.split()[:1] == [columns[0]])
    heading = lines[header_line]
    starts = [heading.index(name) for name in columns]
    index = columns.index(header)
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(columns) else None
    key = columns.index(row_key)
    key_span = slice(starts[key], starts[key + 1] if key + 1 < len(columns) else None)
    cells: list[str] = []
    for line in lines[header_line + 1 :]:
        if not line.strip() or set(line.strip()) <= {"─", "-", " "}:
            continue
        piece = line[start:end].strip() if len(line) > start else ""
        if line[key_span].strip():  # a new row
            cells.append(piece)
        elif cells:
            cells[-1] += piece
    return cells
