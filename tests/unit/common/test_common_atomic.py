"""Atomic writes and the inter-process lock."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import stat
import threading
from pathlib import Path

import pytest

from dnastack.common.atomic import atomic_write_text, ensure_private_dir, file_lock
from dnastack.exceptions import ConfigurationFileError, DnastackError, LockTimeoutError


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_creates_parents_0700_and_file_0600(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "config.yaml"
    atomic_write_text(target, "hello")
    assert target.read_text() == "hello"
    assert mode_of(target) == 0o600
    assert mode_of(tmp_path / "a") == 0o700
    assert mode_of(tmp_path / "a" / "b") == 0o700


def test_atomic_write_honours_mode_and_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    os.chmod(target, 0o644)
    atomic_write_text(target, "new", mode=0o640)
    assert target.read_text() == "new"
    assert mode_of(target) == 0o640


def test_existing_directories_are_left_alone(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    ensure_private_dir(tmp_path)
    assert mode_of(tmp_path) == 0o755


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ConfigurationFileError, match="disk full") as caught:
        atomic_write_text(target, "new")
    assert caught.value.path == str(target)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_a_failed_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_a_symlinked_target_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_lock_is_reentrant_within_a_thread(tmp_path: Path) -> None:
    target = tmp_path / "f"
    with file_lock(target) as lock_path, file_lock(target) as again:
        assert lock_path == again
        assert lock_path.name == "f.lock"
        assert mode_of(lock_path) == 0o600


def test_lock_times_out_with_a_clear_error_without_sleeping(tmp_path: Path) -> None:
    target = tmp_path / "f"
    holder = os.open(f"{target}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)
    now = [0.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    try:
        with (
            pytest.raises(LockTimeoutError) as caught,
            file_lock(
                target, timeout=1.0, poll_interval=0.25, clock=lambda: now[0], sleep=fake_sleep
            ),
        ):
            pass
    finally:
        os.close(holder)
    assert sleeps == [0.25, 0.25, 0.25, 0.25]
    assert str(target) in str(caught.value)
    assert "1 s" in str(caught.value)
    assert isinstance(caught.value, DnastackError) and isinstance(caught.value, TimeoutError)


def test_lock_excludes_other_threads(tmp_path: Path) -> None:
    target = tmp_path / "f"
    entered = threading.Event()
    order: list[str] = []

    def other() -> None:
        entered.set()
        with file_lock(target, poll_interval=0.001):
            order.append("other")

    with file_lock(target):
        thread = threading.Thread(target=other)
        thread.start()
        entered.wait()
        order.append("main")
    thread.join()
    assert order == ["main", "other"]


def _increment(path: str, times: int) -> None:
    counter = Path(path)
    for _ in range(times):
        with file_lock(counter, poll_interval=0.001):
            value = int(counter.read_text()) if counter.exists() else 0
            atomic_write_text(counter, str(value + 1))


def test_two_processes_incrementing_under_the_lock_lose_nothing(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_increment, args=(str(counter), 100)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert counter.read_text() == "200"


def test_a_symlink_at_the_lock_file_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "elsewhere" / "victim"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "f.lock").symlink_to(victim)
    with pytest.raises(ConfigurationFileError) as caught, file_lock(tmp_path / "f"):
        pass
    assert caught.value.path == str(tmp_path / "f.lock")
    assert not victim.exists()


def test_a_folder_at_the_lock_file_is_a_typed_error_at_once(tmp_path: Path) -> None:
    (tmp_path / "f.lock").mkdir()
    with pytest.raises(ConfigurationFileError, match="Is a directory"), file_lock(tmp_path / "f"):
        pass


def test_a_symlinked_target_is_locked_next_to_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real" / "config.yaml"
    real.parent.mkdir()
    link = tmp_path / "config.yaml"
    link.symlink_to(real)
    with file_lock(link) as via_link, file_lock(real) as via_real:
        assert via_link == via_real == real.parent / "config.yaml.lock"
