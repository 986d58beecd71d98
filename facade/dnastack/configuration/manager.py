"""``ConfigurationManager``: load, validate, migrate and save the configuration file.

* Reading never changes the file's content. A broken file (bad YAML, a wrong type, an
  unsupported version, a folder or a FIFO where the file should be, a document too deep or
  too big once aliases are expanded) raises :class:`~dnastack.exceptions.ConfigurationError`
  naming the file, the line and the problem (never the offending value). Numbers are
  checked as they are read: a ``version`` that is NaN, infinite, out of a float's range or
  not positive, and a number setting (``settings.timeout``, a limit, a count) its own
  setting refuses (:func:`dnastack.settings.sources.number_setting_problem`), are
  :class:`InvalidExistingConfigurationError` at their line.
* The file holds credentials: one readable by others is made private (0600) with a
  warning, or refused when its mode cannot be changed (see
  :mod:`dnastack.common.private_files`).
* Writing is atomic (temporary file, fsync, rename, directory fsync) under an
  inter-process lock; the directory is created 0700 and the file written 0600. A write
  keeps the user's comments and key order (round-trip YAML); every filesystem failure is a
  :class:`~dnastack.exceptions.ConfigurationFileError` naming the path and the cause.
* A missing or empty file loads as a configuration with one empty context, ``default``,
  which is current (as in dnastack-client-library 3.x).
* :meth:`ConfigurationManager.update` is the safe read-modify-write: it locks, reloads,
  applies a change and saves, so two processes updating at once lose nothing.
  :meth:`~ConfigurationManager.save` writes a whole configuration (last writer wins).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dnastack.client.models import ServiceEndpoint
from dnastack.common.atomic import DEFAULT_LOCK_TIMEOUT_SECONDS, atomic_write_text, file_lock
from dnastack.common.logs import sdk_logger
from dnastack.common.model_parse import non_finite
from dnastack.common.private_files import make_private_dir, read_private_text
from dnastack.configuration import migration
from dnastack.configuration.models import CONFIGURATION_VERSION, Configuration
from dnastack.configuration.models import DEFAULT_CONTEXT as DEFAULT_CONTEXT  # 3.x re-export
from dnastack.exceptions import (
    ConfigurationError,
    ConfigurationFileError,
    ModelValidationError,
    UnsupportedModelVersionError,
    format_field_path,
)

__all__ = [
    "DEFAULT_CONFIG_FILE",
    "ConfigurationManager",
    "InvalidExistingConfigurationError",
    "default_config_file",
]

_logger = sdk_logger("dnastack.configuration")

DEFAULT_CONFIG_FILE = "~/.dnastack/config.yaml"


class InvalidExistingConfigurationError(ConfigurationError, RuntimeError):
    """The existing configuration file does not validate (a field has a wrong type or value;
    the reference library's name). The message names the file, the line and the field."""


def default_config_file() -> Path:
    """``~/.dnastack/config.yaml`` for the current user."""
    return Path(DEFAULT_CONFIG_FILE).expanduser()


class ConfigurationManager:
    """Reads and writes one configuration file.

    Args:
        file_path: the YAML file (``~`` expanded); ``~/.dnastack/config.yaml`` when None.
            Choosing the file from ``DNASTACK_CONFIG_FILE`` is the job of
            :func:`dnastack.settings.resolve_settings`.
        lock_timeout: seconds to wait for another process's lock before giving up.
    """

    def __init__(
        self,
        file_path: str | os.PathLike[str] | None = None,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.file_path = Path(file_path).expanduser() if file_path else default_config_file()
        self._lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"ConfigurationManager(file_path={str(self.file_path)!r})"

    # -- reading ------------------------------------------------------------------------

    def load_raw(self) -> str:
        """The file's text ("" when the file does not exist).

        Raises:
            ConfigurationFileError: the path is a folder or not a regular file, the file is
                unreadable, too large, not UTF-8, or open to others and cannot be made
                private.
        """
        if self.file_path.parent == default_config_file().parent:
            make_private_dir(self.file_path.parent)  # the SDK's own folder: 0700
        text = read_private_text(self.file_path, kind="configuration file")
        return "" if text is None else text

    def load(self) -> Configuration:
        """The configuration (validated and migrated); a ``default`` context if there is no file.

        Raises:
            ConfigurationError: the file is unreadable or invalid ("<file>, line N: ...");
                :class:`InvalidExistingConfigurationError` when a field does not validate.
            UnsupportedModelVersionError: the file was written by a newer layout version.
        """
        return self.parse(self.load_raw())

    def parse(self, text: str) -> Configuration:
        """Validate and migrate configuration ``text`` read from this manager's file."""
        return self._parse(text)[1]

    def _parse(self, text: str) -> tuple[Any, Configuration]:
        """(round-trip tree, configuration) of ``text``."""
        from dnastack.configuration.yaml_document import load_document, to_plain

        source = str(self.file_path)
        tree = load_document(text, source) if text.strip() else None
        data = to_plain(tree)
        if data is None:
            return tree, Configuration()
        if not isinstance(data, dict):
            raise ConfigurationError(f"{source}, line 1: expected a mapping at the top level")
        self._check_version(data, tree)
        self._check_number_settings(data, tree)
        moved: migration.PathMap = {}
        try:
            document, moved = migration.migrate_document(data)
            configuration = Configuration.parse_obj(document)
        except ModelValidationError as exc:
            path = migration.original_path(exc.path, moved)
            raise self._error_at(
                tree, path, exc.problem, InvalidExistingConfigurationError
            ) from None
        return tree, self.migrate(configuration)

    def _check_version(self, data: dict[str, Any], tree: Any) -> None:
        version = data.get("version")
        if version is None:
            return
        if isinstance(version, bool) or not isinstance(version, int | float):
            raise self._error_at(tree, ("version",), "expected a number")
        problem = _version_problem(version)
        if problem is not None:
            raise self._error_at(tree, ("version",), problem, InvalidExistingConfigurationError)
        if version > CONFIGURATION_VERSION:
            error = self._error_at(
                tree,
                ("version",),
                f"unsupported configuration version {version:g} (this SDK reads versions up "
                f"to {CONFIGURATION_VERSION:g}); upgrade dnastack",
                UnsupportedModelVersionError,
            )
            raise error

    def _check_number_settings(self, data: dict[str, Any], tree: Any) -> None:
        """Refuse a number setting (timeout, limit, count) the file gives a value its own
        setting would refuse (not a number, NaN, infinite, out of range), at its line."""
        from dnastack.settings.sources import number_setting_problem

        settings = data.get("settings")
        if not isinstance(settings, dict):
            return  # not a mapping: the model says so
        for key, raw in settings.items():
            problem = number_setting_problem(str(key), raw)
            if problem is not None:
                raise self._error_at(
                    tree, ("settings", str(key)), problem, InvalidExistingConfigurationError
                )

    def _error_at(
        self,
        tree: Any,
        path: tuple[str | int, ...],
        problem: str,
        kind: type[ConfigurationError] = ConfigurationError,
    ) -> ConfigurationError:
        from dnastack.configuration.yaml_document import line_in

        line = line_in(tree, path)
        where = f"{self.file_path}, line {line}" if line else str(self.file_path)
        field = format_field_path(path)
        return kind(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")

    # -- writing ------------------------------------------------------------------------

    def save(self, configuration: Configuration) -> None:
        """Write ``configuration`` atomically (0600) under the inter-process lock.

        The configuration is validated first; an invalid one raises
        :class:`ConfigurationError` and the file is not touched. Comments and key order of
        the existing file are kept where the data did not change.

        Raises:
            ConfigurationFileError: the file or its lock cannot be written (the message names
                the path and the cause); the existing file is left as it was.
        """
        document = self._document(configuration)
        with file_lock(self.file_path, timeout=self._lock_timeout):
            tree = self._existing_tree()
            atomic_write_text(self.file_path, self._render_into(tree, document))
        _logger.debug("saved configuration to %s", self.file_path)

    def update(self, change: Callable[[Configuration], Configuration | None]) -> Configuration:
        """Read-modify-write under the lock: reload, apply ``change``, save, return the result.

        ``change`` may edit the configuration in place (and return None) or return a new
        one. If it raises, nothing is written. Comments and key order are kept.
        """
        with file_lock(self.file_path, timeout=self._lock_timeout):
            tree, configuration = self._parse(self.load_raw())
            changed = change(configuration)
            result = configuration if changed is None else changed
            text = self._render_into(tree, self._document(result))
            atomic_write_text(self.file_path, text)
        _logger.debug("updated configuration in %s", self.file_path)
        return result

    def hard_reset(self) -> None:
        """Delete the configuration file (the next load gives a fresh ``default`` context).

        Done under the inter-process lock; a symbolic link is removed, not its target. A
        missing file is not an error (a warning says there was nothing to reset).

        Raises:
            ConfigurationFileError: the path is a folder, or the file cannot be removed (the
                message names the path and the cause); nothing is changed.
        """
        import errno
        import stat

        path = self.file_path
        if not os.path.lexists(path):
            _logger.warning("No configuration to reset (%s does not exist)", path)
            return
        with file_lock(path, timeout=self._lock_timeout):
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                _logger.warning("No configuration to reset (%s does not exist)", path)
                return
            except OSError as exc:
                raise _file_error(path, "reset", exc) from None
            if stat.S_ISDIR(mode):
                raise ConfigurationFileError(
                    str(path), "reset", "it is a folder, not a file", errno.EISDIR
                )
            _logger.warning("Resetting the configuration (%s)", path)
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass  # removed by someone who did not take the lock: the outcome is the same
            except OSError as exc:
                raise _file_error(path, "reset", exc) from None
            _fsync_folder(path.parent)
        _logger.warning("Successfully reset the configuration")

    def render(self, configuration: Configuration) -> str:
        """The YAML text :meth:`save` would write to a new file (validated; secrets included)."""
        return self._render_into(None, self._document(configuration))

    def _document(self, configuration: Configuration) -> dict[str, Any]:
        document = configuration.dict(by_alias=True, exclude_none=True)
        if not document.get("settings"):
            document.pop("settings", None)
        try:
            Configuration.parse_obj(document)
        except ModelValidationError as exc:
            field = format_field_path(exc.path)
            raise ConfigurationError(
                f"refusing to save {self.file_path}: {field}: {exc.problem}"
            ) from None
        return document

    def _existing_tree(self) -> Any:
        """The round-trip tree of the current file, or None (missing, unreadable, broken)."""
        from dnastack.configuration.yaml_document import load_document

        try:
            text = self.load_raw()
            return load_document(text, str(self.file_path)) if text.strip() else None
        except ConfigurationError as exc:
            _logger.info("not keeping the comments of %s: %s", self.file_path, exc)
            return None

    @staticmethod
    def _render_into(tree: Any, document: dict[str, Any]) -> str:
        from dnastack.configuration.yaml_document import dump_document, merge_document

        if tree is None:
            return dump_document(document)
        return dump_document(merge_document(tree, document))

    # -- migration ----------------------------------------------------------------------

    @staticmethod
    def migrate(configuration: Configuration) -> Configuration:
        """Perform on-line migration on the Configuration object (returns a migrated copy)."""
        return migration.migrate_configuration(configuration)

    @staticmethod
    def migrate_endpoint(endpoint: ServiceEndpoint) -> ServiceEndpoint:
        """Perform on-line migration on the ServiceEndpoint object (returns a migrated copy)."""
        return migration.migrate_endpoint(endpoint)


def _version_problem(version: int | float) -> str | None:
    """What is wrong with a layout ``version`` number (None: nothing): NaN, infinite, too
    large for a float, or not positive."""
    problem = non_finite(version)
    if problem is not None:
        return f"expected a layout version number, got {problem.lstrip('-')}"
    if version <= 0:
        return "expected a positive layout version number"
    return None


def _file_error(path: Path, action: str, exc: OSError) -> ConfigurationFileError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return ConfigurationFileError(str(path), action, reason, exc.errno)


def _fsync_folder(folder: Path) -> None:
    """Make a removal durable (best effort: some platforms cannot open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
