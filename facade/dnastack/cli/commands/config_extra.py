"""The reference CLI's (3.x) other ``dnastack config`` subcommands, kept for scripts:
``contexts add|rename``, ``endpoints unset|unset-default|get-defaults|available-properties``.

Registered on the groups of :mod:`dnastack.cli.commands.config` when it loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from dnastack.cli.commands.config import (
    _SETTABLE,
    _require_context,
    _update_context,
    _wrapper,
    contexts,
    endpoints,
)
from dnastack.cli.errors import CommandError
from dnastack.cli.output import OBJECT_FORMATS, output_option, write_object
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.configuration.models import Configuration
    from dnastack.configuration.wrapper import ConfigurationWrapper

__all__: list[str] = []


@contexts.command("add", epilog="\b\nExample:\n  dnastack config contexts add staging")
@click.argument("name")
@pass_state
def contexts_add(state: CliState, name: str) -> None:
    """Add an empty context NAME (no error when it exists)."""
    from dnastack.configuration.models import Context

    def change(configuration: Configuration) -> None:
        configuration.contexts.setdefault(name, Context())

    state.config_manager().update(change)
    state.note(f"context {name} added")


@contexts.command("rename", epilog="\b\nExample:\n  dnastack config contexts rename old new")
@click.argument("old_name")
@click.argument("new_name")
@pass_state
def contexts_rename(state: CliState, old_name: str, new_name: str) -> None:
    """Rename the context OLD_NAME to NEW_NAME (which must not exist)."""

    def change(configuration: Configuration) -> None:
        _require_context(configuration, old_name)
        if new_name in configuration.contexts:
            raise CommandError(f"a context {new_name!r} already exists")
        configuration.contexts[new_name] = configuration.contexts.pop(old_name)
        if configuration.current_context == old_name:
            configuration.current_context = new_name

    state.config_manager().update(change)
    state.note(f"context {old_name} renamed to {new_name}")


@endpoints.command(
    "unset", epilog="\b\nExample:\n  dnastack config endpoints unset my-dc authentication.scope"
)
@click.argument("endpoint_id")
@click.argument("key")
@pass_state
def endpoints_unset(state: CliState, endpoint_id: str, key: str) -> None:
    """Remove KEY of the endpoint ENDPOINT_ID (as ``set ENDPOINT_ID KEY ""``)."""
    from dnastack.client.models import ServiceEndpoint

    def change(wrapper: ConfigurationWrapper) -> None:
        data = wrapper.get_endpoint(endpoint_id).to_dict(exclude_none=True)
        if key.startswith("authentication."):
            auth = dict(data.get("authentication") or {})
            auth.pop(key.removeprefix("authentication."), None)
            data["authentication"] = auth or None
        elif key in ("authentication", "mode", "type", "fallback_authentications"):
            data[key] = None
        elif key == "url":
            data["url"] = ""
        else:
            raise CommandError(f"cannot unset {key!r}; keys: {', '.join(_SETTABLE)}")
        wrapper.add_endpoint(ServiceEndpoint.parse_obj(data))

    _update_context(state, change)
    state.note(f"endpoint {endpoint_id}: {key} unset")


@endpoints.command(
    "unset-default", epilog="\b\nExample:\n  dnastack config endpoints unset-default my-dc"
)
@click.argument("endpoint_id")
@pass_state
def endpoints_unset_default(state: CliState, endpoint_id: str) -> None:
    """Stop ENDPOINT_ID being the default endpoint of any type."""

    def change(wrapper: ConfigurationWrapper) -> None:
        wrapper.get_endpoint(endpoint_id)  # an unknown id is an error
        for kind, chosen in list(wrapper.defaults.items()):
            if chosen == endpoint_id:
                wrapper.unset_default(kind)

    _update_context(state, change)
    state.note(f"endpoint {endpoint_id} is no default")


@endpoints.command(
    "get-defaults", epilog="\b\nExample:\n  dnastack config endpoints get-defaults -o json"
)
@output_option(OBJECT_FORMATS)
@pass_state
def endpoints_get_defaults(state: CliState, output_format: str) -> None:
    """The default endpoint id of each short type."""
    write_object(dict(_wrapper(state).defaults), output_format, console=state.console)


@endpoints.command(
    "available-properties",
    epilog="\b\nExample:\n  dnastack config endpoints available-properties",
)
@pass_state
def endpoints_available_properties(state: CliState) -> None:
    """The keys ``dnastack config endpoints set`` accepts."""
    for key in _SETTABLE:
        click.echo(key)
