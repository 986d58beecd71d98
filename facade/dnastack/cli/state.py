"""``CliState``: what the root options decide, handed to every command as ``ctx.obj``.

Settings are resolved once, on first use (``dnastack --help`` resolves nothing), in the
documented order ``--context`` > environment > configuration file > default; the
configuration file is ``DNASTACK_CONFIG_FILE`` or ``~/.dnastack/config.yaml``, sessions
live in ``DNASTACK_SESSION_DIR`` or ``~/.dnastack/sessions``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

    from dnastack.client.base import BaseServiceClient
    from dnastack.common.events import EventHandler
    from dnastack.configuration.manager import ConfigurationManager
    from dnastack.settings import Settings

__all__ = ["CliState", "configure_logging", "pass_state", "preserve_logging"]

_LOG_HANDLER_NAME = "dnastack-cli"
_CLI_DEFAULT_LOG_LEVEL = "ERROR"

_C = TypeVar("_C", bound="BaseServiceClient")


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time of the record (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never break the command
            self.handleError(record)


def preserve_logging() -> Callable[[], None]:
    """Remember the ``dnastack`` logger's level and handlers; the returned function puts
    them back (a command run in-process, e.g. by a test runner, leaves no trace)."""
    logger = logging.getLogger("dnastack")
    level, handlers = logger.level, list(logger.handlers)

    def restore() -> None:
        logger.setLevel(level)
        for handler in list(logger.handlers):
            if handler not in handlers:
                logger.removeHandler(handler)

    return restore


def configure_logging(level: str | int) -> None:
    """Send the ``dnastack`` loggers to stderr at ``level`` (the root logger is left alone)."""
    logger = logging.getLogger("dnastack")
    logger.setLevel(level)
    if any(h.get_name() == _LOG_HANDLER_NAME for h in logger.handlers):
        return
    handler = _StderrHandler()
    handler.set_name(_LOG_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)


@dataclass
class CliState:
    """The root options and everything resolved from them, lazily.

    Attributes:
        debug: print tracebacks and DEBUG logs on stderr.
        context: the ``--context`` option (None: the configured or default context).
        no_color: the ``--no-color`` option.
        no_auth: the hidden ``--no-auth`` flag of the reference CLI's commands: clients
            send no credentials.
    """

    debug: bool = False
    context: str | None = None
    no_color: bool = False
    no_auth: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _device_code_handler: EventHandler | None = field(default=None, repr=False)

    # -- settings and configuration -----------------------------------------------------

    def settings(self) -> Settings:
        """Every setting, resolved once (``--context`` is an argument, the top layer)."""
        if self._settings is None:
            from dnastack.settings import resolve_settings

            self._settings = resolve_settings(context=self.context)
            if not self.debug:
                configure_logging(self._log_level(self._settings))
        return self._settings

    @staticmethod
    def _log_level(settings: Settings) -> str:
        """The user's ``log_level`` when they chose one; otherwise ERROR, so that a failure
        is one line on stderr (retries and other warnings show with ``--debug`` or
        ``DNASTACK_LOG_LEVEL=WARNING``)."""
        if settings.source_of("log_level") == "default":
            return _CLI_DEFAULT_LOG_LEVEL
        return settings.log_level

    def refresh_settings(self) -> Settings:
        """Resolve again (after a command changed the configuration file)."""
        self._settings = None
        return self.settings()

    def config_file(self) -> Path:
        """The configuration file, found without reading it (so a broken file can be reset)."""
        from dnastack.configuration.manager import default_config_file
        from dnastack.settings.sources import SETTINGS_BY_NAME

        for variable in SETTINGS_BY_NAME["config_file"].env:
            value = os.environ.get(variable, "").strip()
            if value:
                return Path(value).expanduser()
        return default_config_file()

    def config_manager(self) -> ConfigurationManager:
        from dnastack.configuration.manager import ConfigurationManager

        return ConfigurationManager(self.config_file())

    def context_name(self) -> str:
        """The context commands work on."""
        return self.settings().context

    def client(self, cls: type[_C], endpoint_id: str | None = None) -> _C:
        """A ``cls`` client from :class:`ConfigurationBasedClientFactory`: the endpoint the
        settings resolve for its type (``DNASTACK_<TYPE>_URL``, else the context's default),
        or the configured ``endpoint_id`` (which must be of that type), with the settings.

        Should the endpoint need a device login that has not happened yet, its code and
        URL are shown on stderr, as ``dnastack auth login`` does.
        """
        from dnastack.cli.helpers.client_factory import ConfigurationBasedClientFactory
        from dnastack.exceptions import MissingEndpointError

        self.settings()  # checks the settings and applies the log level before any request
        factory = ConfigurationBasedClientFactory(self.config_manager())
        try:
            client = factory.get(cls, endpoint_id, self.context)
        except MissingEndpointError:
            self.check_context_exists()  # the better message when the context is a typo
            raise
        if self.no_auth:
            public = client.endpoint.copy(
                update={"authentication": None, "fallback_authentications": None}
            )
            client.close()
            client = cls(public, settings=factory.settings(self.context))
        client.events.on("user-verification-required", self._device_code_printer())
        return client

    def check_context_exists(self) -> None:
        """When ``--context`` (or ``DNASTACK_CONTEXT``) names no configured context: a
        CommandError listing the known ones."""
        name = self.context
        if name is None:
            return
        contexts = self.config_manager().load().contexts
        if name in contexts:
            return
        from dnastack.cli.errors import CommandError

        known = ", ".join(sorted(contexts)) or "none yet: dnastack use REGISTRY_URL"
        raise CommandError(f"no context {name!r}; known: {known} (`dnastack config contexts list`)")

    def _device_code_printer(self) -> EventHandler:
        if self._device_code_handler is None:
            from dnastack.cli.commands.auth import device_code_printer

            self._device_code_handler = device_code_printer(self)
        return self._device_code_handler

    # -- output -------------------------------------------------------------------------

    def stdout(self) -> TextIO:
        return sys.stdout

    def stderr(self) -> TextIO:
        return sys.stderr

    def console(self) -> Console:
        """A rich console on stdout (colour rules of :func:`dnastack.cli.output.color_enabled`)."""
        from dnastack.cli.output import make_console

        return make_console(self.stdout(), no_color=self.no_color)

    def err_console(self) -> Console:
        """A rich console on stderr (progress, notes)."""
        from dnastack.cli.output import make_console

        return make_console(self.stderr(), no_color=self.no_color)

    def note(self, message: str) -> None:
        """A line for the human on stderr (never mixed into piped stdout); on a terminal,
        wrapped between words at its width rather than cut mid-word by it."""
        stream = self.stderr()
        isatty = getattr(stream, "isatty", None)
        if isatty is not None and isatty() and "\n" not in message:
            import shutil
            import textwrap

            width = shutil.get_terminal_size().columns
            message = textwrap.fill(message, width=max(width - 1, 20), break_on_hyphens=False)
        click.echo(message, err=True)

    def color(self, stream: TextIO) -> bool:
        from dnastack.cli.output import color_enabled

        return color_enabled(stream, no_color=self.no_color)

    def style(self, text: str, stream: TextIO | None = None, **styles: Any) -> str:
        """``text`` styled for ``stream`` (stdout by default) when colour is on."""
        return click.style(text, **styles) if self.color(stream or self.stdout()) else text


pass_state = click.make_pass_decorator(CliState, ensure=True)
