"""``DnastackGroup``: click groups with lazily imported subcommands, aliases and one error path.

* Subcommands are declared as ``name -> LazyCommand("module:attribute", "short help")``:
  ``dnastack --help`` lists them without importing their modules (nor the clients, httpx
  or YAML those import when they run).
* Aliases (``dc`` for ``data-connect``) resolve to the same command and are shown beside
  its name in the help.
* The root group's :meth:`DnastackGroup.invoke` translates every exception a command raises
  into one line on stderr and the documented exit code (:mod:`dnastack.cli.errors`), so
  ``dnastack ...`` and click's ``CliRunner`` behave the same.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import click

from dnastack.cli.errors import EXIT_INTERRUPTED, report_error

__all__ = ["DnastackGroup", "LazyCommand", "hoist_global_options"]

_COMMAND_PATH = "dnastack.command_path"


@dataclass(frozen=True)
class LazyCommand:
    """Where a subcommand lives (``"package.module:attribute"``) and its one-line help;
    a ``hidden`` one runs but is not listed (the reference CLI's spellings)."""

    target: str
    short_help: str
    hidden: bool = False

    def load(self, name: str) -> click.Command:
        module_name, _, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
            raise TypeError(f"{self.target} is not a click command")
        command.name = name
        command.short_help = self.short_help
        return command


class DnastackGroup(click.Group):
    """A group whose subcommands load on first use, with aliases.

    Args:
        lazy_commands: command name -> :class:`LazyCommand`.
        aliases: alias -> command name.
        hidden_aliases: alias -> command name, not shown in the help (the reference CLI's
            spellings).
        handle_errors: translate exceptions into one stderr line and an exit code (set on
            the root group only).
        global_flags, global_options: the group's own flags and options taking a value
            that may also be given after the subcommand (``dnastack dc query ... --debug``);
            they are moved in front of it before parsing (root group only).
    """

    def __init__(
        self,
        *args: Any,
        lazy_commands: Mapping[str, LazyCommand] | None = None,
        aliases: Mapping[str, str] | None = None,
        hidden_aliases: Mapping[str, str] | None = None,
        handle_errors: bool = False,
        global_flags: Sequence[str] = (),
        global_options: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})
        self.aliases = dict(aliases or {})
        self.hidden_aliases = dict(hidden_aliases or {})
        self.handle_errors = handle_errors
        self.global_flags = tuple(global_flags)
        self.global_options = tuple(global_options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if self.global_flags or self.global_options:
            args = hoist_global_options(args, self.global_flags, self.global_options)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = self.aliases.get(cmd_name) or self.hidden_aliases.get(cmd_name, cmd_name)
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        lazy = self.lazy_commands.get(name)
        if lazy is None:
            return None
        command = lazy.load(name)
        self.add_command(command, name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:  # remembered for error messages: the innermost one wins
            ctx.meta[_COMMAND_PATH] = f"{ctx.command_path} {command.name or name}"
        return name, command, rest

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List subcommands with their aliases; lazy ones are not imported for this."""
        alias_of: dict[str, list[str]] = {}
        for alias, name in self.aliases.items():
            alias_of.setdefault(name, []).append(alias)
        rows: list[tuple[str, str]] = []
        limit = formatter.width - 6 - max((len(n) for n in self.list_commands(ctx)), default=0)
        for name in self.list_commands(ctx):
            lazy = self.lazy_commands.get(name)
            if lazy is not None and lazy.hidden:
                continue
            if lazy is not None and name not in self.commands:
                text = lazy.short_help
            else:
                command = self.commands.get(name) or self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                text = command.get_short_help_str(limit)
            label = name + (f" ({', '.join(sorted(alias_of[name]))})" if name in alias_of else "")
            rows.append((label, text))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        if not self.handle_errors:
            return super().invoke(ctx)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            print(f"{self._command_path(ctx)}: interrupted", file=sys.stderr, flush=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as a filter should.
            _silence_stdout()
            raise click.exceptions.Exit(0) from None
        except Exception as error:  # noqa: BLE001 - the CLI's one error boundary
            obj = ctx.obj
            debug = bool(getattr(obj, "debug", False))
            code = report_error(error, self._command_path(ctx), debug=debug)
            raise click.exceptions.Exit(code) from None

    @staticmethod
    def _command_path(ctx: click.Context) -> str:
        """The full command path of the innermost subcommand (``dnastack data-connect query``)."""
        path: str = ctx.meta.get(_COMMAND_PATH) or ctx.command_path
        return path


def hoist_global_options(
    args: Sequence[str], flags: Sequence[str], options: Sequence[str]
) -> list[str]:
    """``args`` with the global ``flags`` and ``options`` (with their values, as ``--opt V``
    or ``--opt=V``) moved to the front, in their order; nothing after ``--`` moves."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--":
            rest.extend(args[index:])
            break
        if token in flags:
            front.append(token)
        elif token in options and index + 1 < len(args):
            front.extend(args[index : index + 2])
            index += 1
        elif any(token.startswith(f"{option}=") for option in options):
            front.append(token)
        else:
            rest.append(token)
        index += 1
    return front + rest


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass
