"""Filesystem faults on the configuration file are typed errors naming the path and the cause.

Real filesystem where the fault can be produced as any user, root included (a folder where
the file is expected, a file where the folder is expected, a FIFO). Read-only folders
(EROFS) and full disks (ENOSPC) cannot be produced without mounting a filesystem, so they
are injected at the os-call boundary (``os.open`` of the lock file, ``os.write`` of the
temporary file): the errors the kernel would return, raised where it would raise them.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import Configuration
from dnastack.exceptions import ConfigurationError, ConfigurationFileError, DnastackError

GOOD = "version: 4.0\ncurrent_context: default\ncontexts:\n  default: {}\n"


def write_config(path: Path, text: str = GOOD) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(path, 0o600)


def test_a_folder_where_the_file_is_expected(config_path: Path) -> None:
    config_path.mkdir(parents=True)
    manager = ConfigurationManager(config_path)

    with pytest.raises(ConfigurationFileError) as reading:
        manager.load()
    with pytest.raises(ConfigurationFileError) as writing:
        manager.save(Configuration())

    for caught in (reading, writing):
        assert caught.value.path == str(config_path)
        assert "folder" in str(caught.value)
        assert isinstance(caught.value, ConfigurationError)
    assert config_path.is_dir()


def test_a_file_where_the_folder_is_expected(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("precious")
    manager = ConfigurationManager(blocker / "config.yaml")

    with pytest.raises(ConfigurationFileError) as reading:
        manager.load()
    with pytest.raises(ConfigurationFileError) as writing:
        manager.save(Configuration())

    assert str(blocker) in str(reading.value)
    assert "Not a directory" in str(reading.value)
    assert str(blocker) in str(writing.value)
    assert blocker.read_text() == "precious"


def test_a_fifo_where_the_file_is_expected_fails_at_once(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    os.mkfifo(config_path)  # no writer: a blocking open would hang forever

    with pytest.raises(ConfigurationFileError, match="not a regular file") as caught:
        ConfigurationManager(config_path).load()

    assert caught.value.path == str(config_path)


def fail_when(
    monkeypatch: pytest.MonkeyPatch, name: str, matches: Callable[[Any], bool], code: int
) -> None:
    """Make ``os.<name>`` raise ``OSError(code)`` for the calls ``matches`` selects."""
    real = getattr(os, name)

    def faulty(first: Any, *args: Any, **kwargs: Any) -> Any:
        if matches(first):
            raise OSError(code, os.strerror(code))
        return real(first, *args, **kwargs)

    monkeypatch.setattr(os, name, faulty)


def test_a_read_only_folder_on_the_lock_file(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(config_path)
    lock = f"{config_path}.lock"
    fail_when(monkeypatch, "open", lambda p: os.fspath(p) == lock, errno.EROFS)

    with pytest.raises(ConfigurationFileError) as caught:
        ConfigurationManager(config_path).update(lambda c: None)

    assert caught.value.path == lock
    assert caught.value.errno == errno.EROFS
    assert "Read-only file system" in str(caught.value)
    assert config_path.read_text() == GOOD


def test_a_full_disk_names_the_file_and_keeps_it(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(config_path)
    written: list[int] = []

    def is_temporary(fd: Any) -> bool:
        written.append(fd)
        return True

    fail_when(monkeypatch, "write", is_temporary, errno.ENOSPC)
    with pytest.raises(ConfigurationFileError) as caught:
        ConfigurationManager(config_path).save(Configuration(current_context="x"))

    assert written, "the fault was not reached"
    assert caught.value.path == str(config_path)
    assert caught.value.errno == errno.ENOSPC
    assert "No space left on device" in str(caught.value)
    assert str(config_path) in str(caught.value)
    assert isinstance(caught.value, DnastackError)
    assert config_path.read_text() == GOOD
    leftovers = sorted(p.name for p in config_path.parent.iterdir())
    assert leftovers == ["config.yaml", "config.yaml.lock"]


def test_a_folder_that_cannot_be_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new" / "config.yaml"
    fail_when(monkeypatch, "mkdir", lambda p: Path(p) == target.parent, errno.EROFS)

    with pytest.raises(ConfigurationFileError) as caught:
        ConfigurationManager(target).save(Configuration())

    assert caught.value.path == str(target.parent)
    assert caught.value.errno == errno.EROFS


def test_a_config_file_that_is_a_link_loop_is_not_taken_as_missing(tmp_path: Path) -> None:
    """Settings resolution must not silently ignore a config file it cannot read (``exists()``
    is False for a link loop): the same typed error as loading it directly."""
    from dnastack.settings import resolve_settings

    config_path = tmp_path / "config.yaml"
    config_path.symlink_to(config_path)

    with pytest.raises(ConfigurationFileError) as caught:
        resolve_settings(config_file=config_path, session_dir=tmp_path / "s", environ={})
    assert caught.value.path == str(config_path)
    assert "symbolic links" in str(caught.value)
