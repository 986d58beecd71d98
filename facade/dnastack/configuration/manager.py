"""``ConfigurationManager``: load, validate, migrate and save the configuration file.

* Reading never changes the file. A broken file (bad YAML, a wrong type, an unsupported
  version) raises :class:`~dnastack.exceptions.ConfigurationError` naming the file, the
  line and the problem (never the offending value).
* Writing is atomic (temporary file, fsync, rename, directory fsync) under an
  inter-process lock; the directory is created 0700 and the file written 0600.
* :meth:`ConfigurationManager.update` is the safe read-modify-write: it locks, reloads,
  applies a change and saves, so two processes updating at once lose nothing.
  :meth:`~ConfigurationManager.save` writes a whole configuration (last writer wins).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dnastack.client.models import ServiceEndpoint
from dnastack.common.atomic import DEFAULT_LOCK_TIMEOUT_SECONDS, atomic_write_text, file_lock
from dnastack.configuration import migration
from dnastack.configuration.models import CONFIGURATION_VERSION, Configuration
from dnastack.exceptions import (
    ConfigurationError,
    ModelValidationError,
    UnsupportedModelVersionError,
    format_field_path,
)

__all__ = ["DEFAULT_CONFIG_FILE", "ConfigurationManager", "default_config_file"]

_logger = logging.getLogger("dnastack.configuration")

DEFAULT_CONFIG_FILE = "~/.dnastack/config.yaml"


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
        """The file's text ("" when the file does not exist)."""
        try:
            return self.file_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except UnicodeDecodeError as exc:
            raise ConfigurationError(
                f"{self.file_path}: not UTF-8 text (byte {exc.start})"
            ) from None
        except OSError as exc:
            raise ConfigurationError(f"{self.file_path}: cannot read ({exc.strerror})") from None

    def load(self) -> Configuration:
        """The configuration (validated and migrated); an empty one if there is no file.

        Raises:
            ConfigurationError: the file is unreadable or invalid ("<file>, line N: ...").
            UnsupportedModelVersionError: the file was written by a newer layout version.
        """
        return self.parse(self.load_raw())

    def parse(self, text: str) -> Configuration:
        """Validate and migrate configuration ``text`` read from this manager's file."""
        from dnastack.configuration.yaml_document import parse_yaml

        source = str(self.file_path)
        data = parse_yaml(text, source) if text.strip() else None
        if data is None:
            return Configuration()
        if not isinstance(data, dict):
            raise ConfigurationError(f"{source}, line 1: expected a mapping at the top level")
        self._check_version(data, text)
        moved: migration.PathMap = {}
        try:
            document, moved = migration.migrate_document(data)
            configuration = Configuration.parse_obj(document)
        except ModelValidationError as exc:
            path = migration.original_path(exc.path, moved)
            raise self._error_at(text, path, exc.problem) from None
        return self.migrate(configuration)

    def _check_version(self, data: dict[str, Any], text: str) -> None:
        version = data.get("version")
        if version is None:
            return
        if isinstance(version, bool) or not isinstance(version, int | float):
            raise self._error_at(text, ("version",), "expected a number")
        if version > CONFIGURATION_VERSION:
            error = self._error_at(
                text,
                ("version",),
                f"unsupported configuration version {version:g} (this SDK reads versions up "
                f"to {CONFIGURATION_VERSION:g}); upgrade dnastack",
                UnsupportedModelVersionError,
            )
            raise error

    def _error_at(
        self,
        text: str,
        path: tuple[str | int, ...],
        problem: str,
        kind: type[ConfigurationError] = ConfigurationError,
    ) -> ConfigurationError:
        from dnastack.configuration.yaml_document import line_of

        line = line_of(text, path)
        where = f"{self.file_path}, line {line}" if line else str(self.file_path)
        field = format_field_path(path)
        return kind(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")

    # -- writing ------------------------------------------------------------------------

    def save(self, configuration: Configuration) -> None:
        """Write ``configuration`` atomically (0600) under the inter-process lock.

        The configuration is validated first; an invalid one raises
        :class:`ConfigurationError` and the file is not touched.
        """
        text = self.render(configuration)
        with file_lock(self.file_path, timeout=self._lock_timeout):
            atomic_write_text(self.file_path, text)
        _logger.debug("saved configuration to %s", self.file_path)

    def update(self, change: Callable[[Configuration], Configuration | None]) -> Configuration:
        """Read-modify-write under the lock: reload, apply ``change``, save, return the result.

        ``change`` may edit the configuration in place (and return None) or return a new
        one. If it raises, nothing is written.
        """
        with file_lock(self.file_path, timeout=self._lock_timeout):
            configuration = self.load()
            changed = change(configuration)
            result = configuration if changed is None else changed
            atomic_write_text(self.file_path, self.render(result))
        _logger.debug("updated configuration in %s", self.file_path)
        return result

    def render(self, configuration: Configuration) -> str:
        """The YAML text :meth:`save` would write (validated; secrets included)."""
        from dnastack.configuration.yaml_document import dump_yaml

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
        return dump_yaml(document)

    # -- migration ----------------------------------------------------------------------

    @staticmethod
    def migrate(configuration: Configuration) -> Configuration:
        """Perform on-line migration on the Configuration object (returns a migrated copy)."""
        return migration.migrate_configuration(configuration)

    @staticmethod
    def migrate_endpoint(endpoint: ServiceEndpoint) -> ServiceEndpoint:
        """Perform on-line migration on the ServiceEndpoint object (returns a migrated copy)."""
        return migration.migrate_endpoint(endpoint)
