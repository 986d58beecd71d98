"""``dnastack version``: the version of the CLI and library, and of Python (as the
reference CLI prints it; no update check, so nothing is sent anywhere)."""

from __future__ import annotations

import sys

import click

__all__ = ["version"]


@click.command("version", epilog="\b\nExample:\n  dnastack version")
def version() -> None:
    """Show the version of the CLI and library (also: dnastack --version)."""
    from dnastack import __version__

    python = " ".join(sys.version.split())
    click.echo(f"dnastack {__version__} with Python {python}")
