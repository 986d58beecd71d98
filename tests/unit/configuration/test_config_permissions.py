"""A configuration file open to others is made private, with a warning; or refused."""

from __future__ import annotations

import errno
import os
import stat
import warnings
from pathlib import Path

import pytest

from dnastack.configuration.manager import ConfigurationManager
from dnastack.exceptions import ConfigurationFileError, InsecureFileWarning

TEXT = "version: 4.0\ncurrent_context: default\n"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_config_file_readable_by_others_is_made_private_and_named(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(TEXT)
    os.chmod(config_path, 0o644)

    with pytest.warns(InsecureFileWarning) as caught:
        configuration = ConfigurationManager(config_path).load()

    assert configuration.current_context == "default"
    assert mode_of(config_path) == 0o600
    messages = [str(w.message) for w in caught]
    assert messages == [f"{config_path} was readable by others (mode 0644); changed to 0600"]


def test_a_private_config_file_gives_no_warning(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(TEXT)
    os.chmod(config_path, 0o600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ConfigurationManager(config_path).load()


def test_a_config_file_whose_mode_cannot_be_fixed_is_refused(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root may chmod any file, so "not the owner" is injected at the os.fchmod boundary.
    config_path.parent.mkdir(parents=True)
    config_path.write_text(TEXT)
    os.chmod(config_path, 0o644)

    def not_owner(fd: int, mode: int) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "fchmod", not_owner)
    with pytest.raises(ConfigurationFileError) as caught:
        ConfigurationManager(config_path).load()

    assert caught.value.path == str(config_path)
    assert "readable by others (mode 0644)" in str(caught.value)
    assert f"chmod 600 {config_path}" in str(caught.value)


def test_the_sdk_folder_in_the_home_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / ".dnastack"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    (folder / "config.yaml").write_text(TEXT)
    os.chmod(folder / "config.yaml", 0o600)

    with pytest.warns(InsecureFileWarning, match=f"{folder} was open to others"):
        ConfigurationManager().load()

    assert mode_of(folder) == 0o700


def test_a_chosen_folder_is_left_as_it_is(config_path: Path) -> None:
    # a file named by DNASTACK_CONFIG_FILE may live in a shared folder: only the file is fixed
    config_path.parent.mkdir(parents=True)
    os.chmod(config_path.parent, 0o755)
    config_path.write_text(TEXT)
    os.chmod(config_path, 0o640)
    with pytest.warns(InsecureFileWarning):
        ConfigurationManager(config_path).load()
    assert mode_of(config_path.parent) == 0o755
    assert mode_of(config_path) == 0o600
