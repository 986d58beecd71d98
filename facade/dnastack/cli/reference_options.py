"""Hidden options that keep the reference CLI's (3.x) spellings working.

They do not show in ``--help``; each maps onto this CLI's own behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dnastack.cli.state import CliState

__all__ = ["no_auth_option"]

_F = TypeVar("_F", bound=Callable[..., Any])


def _set_no_auth(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(CliState).no_auth = True


def no_auth_option(function: _F) -> _F:
    """``--no-auth``: send no credentials (the endpoint's authentication is left out)."""
    decorator = click.option(
        "--no-auth",
        is_flag=True,
        hidden=True,
        expose_value=False,
        callback=_set_no_auth,
        help="Send no credentials.",
    )
    return decorator(function)
