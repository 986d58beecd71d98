"""Colours on a terminal only, and never with NO_COLOR or --no-color (a real pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import subprocess

import pytest

from tests.cli.support import DnastackCli

ESCAPE = b"\x1b["


def _run_on_a_terminal(cli: DnastackCli, *args: str, env: dict[str, str] | None = None) -> bytes:
    """Run ``python -m dnastack ARGS`` with stdout and stderr on a pseudo-terminal."""
    primary, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            cli.process_command(*args),
            stdin=subprocess.DEVNULL,
            stdout=secondary,
            stderr=secondary,
            env=cli.process_env({"TERM": "xterm-256color", "COLUMNS": "200", **(env or {})}),
            cwd=cli.workdir,
        )
        os.close(secondary)
        secondary = -1
        output = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=60) == 0, output.decode(errors="replace")
        return output
    finally:
        os.close(primary)
        if secondary >= 0:
            os.close(secondary)


def test_a_terminal_gets_colour(cli: DnastackCli) -> None:
    assert ESCAPE in _run_on_a_terminal(cli, "config", "show")


@pytest.mark.parametrize(
    ("args", "env"),
    [(("config", "show"), {"NO_COLOR": "1"}), (("--no-color", "config", "show"), {})],
    ids=["NO_COLOR", "--no-color"],
)
def test_no_color_turns_every_escape_code_off(
    cli: DnastackCli, args: tuple[str, ...], env: dict[str, str]
) -> None:
    output = _run_on_a_terminal(cli, *args, env=env)

    assert b"config_file" in output
    assert ESCAPE not in output


def test_a_pipe_gets_no_colour(cli: DnastackCli) -> None:
    result = cli.run_process("config", "show")

    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout + result.stderr
