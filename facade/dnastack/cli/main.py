"""The ``dnastack`` command line: the root group, its global options and ``main()``.

Subcommand modules (``dnastack.cli.commands.*``) load only when their command runs, and
import their clients inside the command function, so ``dnastack --help`` imports neither
httpx, YAML, pandas nor any client.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from dnastack import __version__
from dnastack.cli.errors import EXIT_CODES_HELP
from dnastack.cli.group import DnastackGroup, LazyCommand
from dnastack.cli.state import CliState, configure_logging, preserve_logging

__all__ = ["COMMANDS", "cli", "main", "omics"]

_COMMANDS_PACKAGE = "dnastack.cli.commands"

COMMANDS: dict[str, LazyCommand] = {
    name: LazyCommand(f"{_COMMANDS_PACKAGE}.{module}", short_help)
    for name, module, short_help in (
        ("use", "use:use", "Set up a context from a Service Registry (and log in)."),
        ("config", "config:config", "Show settings; manage contexts and endpoints."),
        ("auth", "auth:auth", "Log in, show login status, revoke sessions."),
        ("data-connect", "data_connect:data_connect", "Query tables with SQL (Data Connect)."),
        ("files", "files:files", "Download DRS objects and bundles, checksums verified."),
        ("collections", "collections:collections", "List collections, their items; query."),
        ("explorer", "explorer:explorer", "List, describe and ask federated questions."),
        ("contract-test", "contract_test:contract_test", "Check a server against our API specs."),
        ("devserver", "devserver:devserver", "Run the local GA4GH node (all five APIs)."),
        ("version", "version:version", "Show the version of the CLI and library."),
    )
}

# the reference CLI's (3.x) spellings: `dnastack contexts ...` is `dnastack config contexts ...`
COMMANDS["contexts"] = LazyCommand(
    f"{_COMMANDS_PACKAGE}.config:contexts", "List, select and remove contexts.", hidden=True
)

ALIASES = {"dc": "data-connect", "drs": "files"}
REFERENCE_ALIASES = {"dataconnect": "data-connect", "cs": "collections"}
"""The reference CLI's other spellings (they run, the help does not list them)."""

_EPILOG = f"""\b
Examples:
  dnastack use http://127.0.0.1:8080/
  dnastack dc tables list
  dnastack dc query "SELECT * FROM variants WHERE gene = ?" --param BRCA1 -o csv
  dnastack files download hello.json cohort-a -o downloads/
  dnastack --context staging config show

\b
Settings come from, first match wins: options > environment (DNASTACK_CONFIG_FILE,
DNASTACK_CONTEXT, DNASTACK_SESSION_DIR, DNASTACK_*_URL, ...) > the configuration
file > defaults. `dnastack config show` lists each one with its source.

--debug, --context NAME and --no-color may also be given after the subcommand;
DNASTACK_DEBUG=1 is --debug.
--debug logs every HTTP request (method, URL without query string, status, time).

{EXIT_CODES_HELP}
"""


@click.group(
    "dnastack",
    cls=DnastackGroup,
    lazy_commands=COMMANDS,
    aliases=ALIASES,
    hidden_aliases=REFERENCE_ALIASES,
    handle_errors=True,
    global_flags=("--debug", "--no-color"),
    global_options=("--context",),
    epilog=_EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--debug",
    is_flag=True,
    help="Show tracebacks and debug logs (every HTTP request) on stderr.",
)
@click.option(
    "--context",
    "context_name",
    metavar="NAME",
    envvar="DNASTACK_CONTEXT",
    help="Configuration context to use (default: the current one).",
)
@click.option(
    "--no-color",
    is_flag=True,
    help="No colours (also when NO_COLOR is set or output is not a terminal).",
)
@click.version_option(
    __version__, "--version", prog_name="dnastack", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, context_name: str | None, no_color: bool) -> None:
    """dnastack: GA4GH Data Connect, DRS, Service Registry, Collections and Explorer."""
    ctx.call_on_close(preserve_logging())
    state = ctx.ensure_object(CliState)
    debug = debug or _reference_debug_flag()
    state.debug = debug
    state.context = context_name or None
    state.no_color = no_color
    if no_color:
        ctx.color = False
    if debug:
        configure_logging("DEBUG")


def _reference_debug_flag() -> bool:
    """``DNASTACK_DEBUG=1`` (or ``true``): the reference CLI's switch for ``--debug``."""
    import os

    return os.environ.get("DNASTACK_DEBUG", "").strip().lower() in ("1", "true")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``dnastack`` console script and ``python -m dnastack``."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="dnastack")


def omics(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``omics`` console script: the reference library installed the
    same command line under that name too."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="omics")
