"""``dnastack devserver``: run the local GA4GH node in the foreground (Ctrl-C stops it)."""

from __future__ import annotations

from pathlib import Path

import click

from dnastack.cli.errors import CommandError

__all__ = ["DEFAULT_DATA_DIR", "devserver"]

DEFAULT_DATA_DIR = Path("~/.dnastack/devserver-data")


@click.command(
    "devserver",
    epilog="""\b
Prints "devserver ready at URL" once it accepts connections; the Service
Registry is at URL/ (so `dnastack use URL/` sets up a context for it).

\b
Examples:
  dnastack devserver
  dnastack devserver --port 9090 --data /tmp/node-data
  dnastack devserver --auth-issuer http://127.0.0.1:9000
  dnastack devserver --drs-compat 1.2
""",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="TCP port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=str(DEFAULT_DATA_DIR),
    show_default=True,
    help="Data directory (sample tables and files are generated when it is empty).",
)
@click.option(
    "--rows",
    type=click.IntRange(min=0),
    help="Rows of the generated `big` table (default: the devserver's, 10000).",
)
@click.option("--auth-issuer", metavar="URL", help="OIDC issuer: every API then needs a token.")
@click.option(
    "--drs-compat",
    type=click.Choice(["1.2"]),
    help="Answer DRS as a 1.2 server (for DRS 1.2 compliance suites).",
)
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
def devserver(
    port: int,
    data_dir: Path,
    rows: int | None,
    auth_issuer: str | None,
    drs_compat: str | None,
    access_log: bool,
) -> None:
    """Run the local GA4GH node: Service Registry, Data Connect, DRS, Collections, Explorer."""
    try:
        from dnastack.devserver.__main__ import main as devserver_main
    except ImportError as exc:
        raise CommandError(
            f"the devserver needs its optional dependencies ({exc.name or exc} is missing): "
            "pip install 'dnastack-sdk[devserver]'"
        ) from None
    args = ["--port", str(port), "--data", str(data_dir.expanduser())]
    if rows is not None:
        args += ["--rows", str(rows)]
    if auth_issuer:
        args += ["--auth-issuer", auth_issuer]
    if drs_compat:
        args += ["--drs-compat", drs_compat]
    if access_log:
        args.append("--access-log")
    status = devserver_main(args)
    if status:
        raise click.exceptions.Exit(status)
