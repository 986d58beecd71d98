"""``dnastack devserver``: run the local GA4GH node in the foreground (Ctrl-C stops it).

The options are those of ``python -m dnastack.devserver``, from the same parser
(:func:`dnastack.devserver.config.build_arg_parser`): one list of options, two names for
the command. Only ``--data`` differs: it defaults to ``~/.dnastack/devserver-data`` here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from dnastack.common.extras import require_extra

__all__ = ["DEFAULT_DATA_DIR", "devserver", "devserver_arg_parser"]

DEFAULT_DATA_DIR = Path("~/.dnastack/devserver-data")
PROG = "dnastack devserver"

_EPILOG = """\
Prints "devserver ready at URL" once it accepts connections; the Service Registry is at
URL/ (so `dnastack use URL/` sets up a context for it).

Examples:
  dnastack devserver
  dnastack devserver --port 9090 --data /tmp/node-data
  dnastack devserver --auth-issuer http://127.0.0.1:9000
  dnastack devserver --drs-compat 1.2
"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with click's ``Usage:`` prefix (as every other dnastack command)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)


def devserver_arg_parser() -> argparse.ArgumentParser:
    """The devserver's own parser, named ``dnastack devserver``, with a default ``--data``."""
    from dnastack.devserver.config import build_arg_parser

    parser = build_arg_parser()
    parser.prog = PROG
    parser.epilog = _EPILOG
    parser.formatter_class = _HelpFormatter
    for action in parser._actions:  # the one option whose default differs here
        if action.dest == "data":
            action.required = False
            action.default = DEFAULT_DATA_DIR
            action.help = f"data directory (sample data if empty; default {DEFAULT_DATA_DIR})"
    return parser


@click.command(
    "devserver",
    add_help_option=False,
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def devserver(args: Sequence[str]) -> None:
    """Run the local GA4GH node: Service Registry, Data Connect, DRS, Collections, Explorer.

    Every option of ``python -m dnastack.devserver`` (``dnastack devserver --help``).
    """
    parser = devserver_arg_parser()
    parsed = parser.parse_args(list(args))  # --help and usage errors end here (exit 0 / 2)
    require_extra("devserver", "dnastack devserver")
    from dnastack.devserver.__main__ import main as devserver_main

    argv = list(args)
    if parsed.data == DEFAULT_DATA_DIR:  # not given: the CLI's default directory
        argv += ["--data", str(DEFAULT_DATA_DIR.expanduser())]
    status = devserver_main(argv)
    if status:
        raise click.exceptions.Exit(status)
