"""ConfigurationManager.hard_reset (dnastack-client-library 3.x): the file is deleted, under
the lock; nothing to reset is not an error; a folder or an unremovable file is a typed
ConfigurationFileError naming the path (EROFS is injected at ``os.unlink``, as no user can
produce it without mounting a filesystem)."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest

from dnastack.client.models import ServiceEndpoint
from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import Configuration
from dnastack.exceptions import ConfigurationFileError


def _saved(manager: ConfigurationManager) -> Configuration:
    configuration = manager.load()
    configuration.contexts["default"].endpoints.append(
        ServiceEndpoint(id="dc", url="http://127.0.0.1:8080/data-connect/")
    )
    manager.save(configuration)
    return configuration


def test_hard_reset_deletes_the_file_and_the_next_load_is_fresh(
    manager: ConfigurationManager, config_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _saved(manager)
    caplog.set_level(logging.WARNING, logger="dnastack.configuration")

    manager.hard_reset()

    assert not config_path.exists()
    fresh = manager.load()
    assert fresh.current_context == "default" and not fresh.contexts["default"].endpoints
    assert any("Resetting the configuration" in r.getMessage() for r in caplog.records)
    _saved(manager)  # usable again, written private
    assert config_path.stat().st_mode & 0o777 == 0o600


def test_hard_reset_without_a_file_only_warns_and_creates_nothing(
    config_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="dnastack.configuration")

    ConfigurationManager(config_path).hard_reset()

    assert not config_path.parent.exists()
    assert any("No configuration to reset" in r.getMessage() for r in caplog.records)


def test_hard_reset_removes_a_link_not_its_target(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "config.yaml"
    target.parent.mkdir()
    _saved(ConfigurationManager(target))
    link = tmp_path / "config.yaml"
    link.symlink_to(target)

    ConfigurationManager(link).hard_reset()

    assert not os.path.lexists(link) and target.is_file()


def test_hard_reset_of_a_folder_is_a_file_error_and_keeps_it(config_path: Path) -> None:
    config_path.mkdir(parents=True)
    (config_path / "kept").write_text("x")

    with pytest.raises(ConfigurationFileError) as caught:
        ConfigurationManager(config_path).hard_reset()

    assert caught.value.path == str(config_path) and caught.value.errno == errno.EISDIR
    assert (config_path / "kept").read_text() == "x"


def test_hard_reset_on_a_read_only_filesystem_is_a_file_error_and_keeps_the_file(
    manager: ConfigurationManager, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _saved(manager)
    real_unlink = os.unlink

    def read_only(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(path) == config_path:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", read_only)
    with pytest.raises(ConfigurationFileError) as caught:
        manager.hard_reset()
    monkeypatch.undo()

    assert caught.value.errno == errno.EROFS and str(config_path) in str(caught.value)
    assert manager.load() == saved
