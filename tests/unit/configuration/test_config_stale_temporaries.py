"""Temporary files of writers killed during save() are removed by the next save, safely."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.common.atomic import STALE_TEMPORARY_SECONDS, remove_stale_temporaries
from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import Configuration

# A writer that stops inside save(), after its temporary file is written and before the
# rename, and tells the test so; it then waits to be killed.
WRITER = textwrap.dedent(
    """
    import os, sys
    from dnastack.configuration.manager import ConfigurationManager
    from dnastack.configuration.models import Configuration

    def stop_here(fd):
        print("in save", flush=True)
        sys.stdin.read()

    os.fsync = stop_here
    ConfigurationManager(sys.argv[1]).save(Configuration(current_context="killed"))
    """
)


def temporaries(config_path: Path) -> list[Path]:
    return sorted(config_path.parent.glob(f".{config_path.name}.*.tmp"))


@pytest.fixture
def writer(config_path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(config_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "in save"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def test_a_sigkilled_writers_temporary_file_is_removed_by_the_next_save(
    writer: subprocess.Popen[str], config_path: Path
) -> None:
    manager = ConfigurationManager(config_path)
    left = temporaries(config_path)
    assert len(left) == 1
    assert f"-{writer.pid}." in left[0].name

    # while the writer lives, its temporary file is not touched
    assert remove_stale_temporaries(config_path) == []
    assert temporaries(config_path) == left

    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()  # reaped: its pid is gone
    assert temporaries(config_path) == left  # SIGKILL leaves it behind

    manager.save(Configuration(current_context="next"))

    assert temporaries(config_path) == []
    assert manager.load().current_context == "next"


def test_old_temporaries_without_a_pid_go_and_recent_ones_stay(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    old = config_path.parent / ".config.yaml.k3j2h1g0.tmp"  # an older SDK's name
    recent = config_path.parent / ".config.yaml.a1b2c3d4.tmp"
    elsewhere = config_path.parent / ".config.yaml.0badc0de-12.zzzzzzzz.tmp"  # another host
    unrelated = config_path.parent / ".config.yaml.notes.tmp"
    for path in (old, recent, elsewhere, unrelated):
        path.write_text("partial")
    past = time.time() - STALE_TEMPORARY_SECONDS - 60
    for path in (old, elsewhere, unrelated):
        os.utime(path, (past, past))

    ConfigurationManager(config_path).save(Configuration())

    assert not old.exists()
    assert not elsewhere.exists()
    assert recent.exists()
    assert unrelated.exists()  # not a name this SDK makes: never ours to remove
