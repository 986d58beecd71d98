"""``dnastack config``: resolved settings, contexts and endpoints.

Every change is a locked read-modify-write of the configuration file
(``ConfigurationManager.update``): two commands running at once lose nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from dnastack.cli.errors import CommandError
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import OBJECT_FORMATS, output_option, write_rows
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.service_registry.models import ServiceType
    from dnastack.configuration.models import Configuration
    from dnastack.configuration.wrapper import ConfigurationWrapper

__all__ = ["config", "endpoint_summary", "parse_auth_items"]

_SHORT_TYPES_HELP = "data_connect, drs, registry, collections, explorer"


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack config show
  dnastack config contexts list
  dnastack config endpoints list -o json
  dnastack config endpoints add my-drs --type drs --url https://drs.example.org/ga4gh/drs/v1/
  dnastack config endpoints set my-drs authentication.client_id my-client
""",
)
def config() -> None:
    """Show the resolved settings and manage contexts and endpoints."""


@config.command(
    "show",
    epilog="""\b
Examples:
  dnastack config show
  DNASTACK_TIMEOUT=60 dnastack config show -o json
""",
)
@output_option(OBJECT_FORMATS)
@pass_state
def show(state: CliState, output_format: str) -> None:
    """Every resolved setting with the source it came from (secrets redacted).

    Sources: argument, environment:NAME, config:<file>, default.
    """
    from dnastack.settings import describe_settings

    reports = describe_settings(state.settings())
    rows = [{"setting": r.name, "value": r.value, "source": r.source} for r in reports]
    write_rows(rows, output_format, columns=["setting", "value", "source"], console=state.console)


# -- contexts -----------------------------------------------------------------------------


@config.group(
    "contexts",
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack config contexts list
  dnastack config contexts use staging
  dnastack config contexts remove old-node --yes
""",
)
def contexts() -> None:
    """List, select and remove configuration contexts."""


@contexts.command("list", epilog="\b\nExample:\n  dnastack config contexts list -o json")
@output_option(("table", "json", "jsonl", "yaml"))
@pass_state
def contexts_list(state: CliState, output_format: str) -> None:
    """The contexts in the configuration file; the one in use is marked current."""
    configuration = state.config_manager().load()
    in_use = state.context_name()
    rows = [
        {
            "name": name,
            "current": name == in_use,
            "endpoints": len(context.endpoints),
        }
        for name, context in configuration.contexts.items()
    ]
    write_rows(rows, output_format, columns=["name", "current", "endpoints"], console=state.console)


@contexts.command("use", epilog="\b\nExample:\n  dnastack config contexts use staging")
@click.argument("name")
@pass_state
def contexts_use(state: CliState, name: str) -> None:
    """Make NAME the current context (it must exist)."""

    def change(configuration: Configuration) -> None:
        _require_context(configuration, name)
        configuration.current_context = name

    state.config_manager().update(change)
    state.note(f"current context: {name}")


@contexts.command("remove", epilog="\b\nExample:\n  dnastack config contexts remove old-node --yes")
@click.argument("name")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def contexts_remove(state: CliState, name: str, yes: bool) -> None:
    """Remove the context NAME and its endpoints."""
    manager = state.config_manager()
    _require_context(manager.load(), name)
    if not yes:
        click.confirm(f"Remove context {name!r} and its endpoints?", abort=True, err=True)

    def change(configuration: Configuration) -> None:
        _require_context(configuration, name)
        del configuration.contexts[name]
        if configuration.current_context == name:
            configuration.current_context = None

    manager.update(change)
    state.note(f"removed context {name}")


def _require_context(configuration: Configuration, name: str) -> None:
    if name not in configuration.contexts:
        known = ", ".join(sorted(configuration.contexts)) or "none"
        raise CommandError(f"no context {name!r} (known: {known})")


# -- endpoints ----------------------------------------------------------------------------


@config.group(
    "endpoints",
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack config endpoints list
  dnastack config endpoints add my-dc --type data_connect --url http://127.0.0.1:8080/data-connect/
  dnastack config endpoints set my-dc url http://127.0.0.1:9090/data-connect/
  dnastack config endpoints set-default my-dc
  dnastack config endpoints remove my-dc
""",
)
def endpoints() -> None:
    """List, add, change and remove the endpoints of a context."""


def endpoint_summary(endpoint: ServiceEndpoint, defaults: dict[str, str]) -> dict[str, Any]:
    """One endpoint for display: id, short type, URL, authentication kind, default-for."""
    from dnastack.configuration.short_types import short_type_of

    auth = endpoint.authentication or {}
    kind = auth.get("type") or ("oauth2" if auth else "none")
    grant = str(auth.get("grant_type") or "").rsplit(":", 1)[-1]
    return {
        "id": endpoint.id,
        "type": short_type_of(endpoint.type) or (str(endpoint.type) if endpoint.type else ""),
        "url": endpoint.url,
        "auth": f"{kind} ({grant})" if grant else kind,
        "default": ", ".join(sorted(st for st, eid in defaults.items() if eid == endpoint.id)),
    }


@endpoints.command(
    "list",
    epilog="""\b
Examples:
  dnastack config endpoints list
  dnastack --context staging config endpoints list -o json
""",
)
@output_option(("table", "json", "jsonl", "yaml"))
@click.option(
    "--type",
    "-t",
    "short_type",
    metavar="TYPE",
    help="Only endpoints of this short type or full type (group:artifact:version).",
)
@pass_state
def endpoints_list(state: CliState, output_format: str, short_type: str | None) -> None:
    """The endpoints of the context (with -o json|jsonl|yaml: in full, secrets redacted)."""
    from dnastack.common.redact import redact_mapping

    wrapper = _wrapper(state)
    listed = [e for e in wrapper.endpoints if short_type is None or _of_type(e, short_type)]
    if output_format == "table":
        rows = [endpoint_summary(e, wrapper.defaults) for e in listed]
        columns = ["id", "type", "url", "auth", "default"]
        write_rows(rows, output_format, columns=columns, console=state.console)
        return
    full = [redact_mapping(e.to_dict(exclude_none=True)) for e in listed]
    write_rows(full, output_format, console=state.console)


@endpoints.command(
    "add",
    epilog="""\b
Examples:
  dnastack config endpoints add my-drs --type drs --url https://drs.example.org/ga4gh/drs/v1/
  dnastack config endpoints add my-dc --type data_connect --url https://dc.example.org/ \\
      --default --auth type=oauth2 --auth grant_type=client_credentials \\
      --auth token_endpoint=https://id.example.org/token --auth client_id=me \\
      --auth client_secret=-     (reads the secret from stdin)
""",
)
@click.argument("endpoint_id")
@click.option(
    "--type",
    "-t",
    "short_type",
    required=True,
    help=f"Service short type ({_SHORT_TYPES_HELP}) or full type (group:artifact:version).",
)
@click.option(
    "--url",
    default="",
    help="Base URL of the service (or later: dnastack config endpoints set ID url URL).",
)
@click.option(
    "--default",
    "make_default",
    is_flag=True,
    help="Make it the default of its type (it is anyway when the type has none yet).",
)
@click.option(
    "--auth",
    "auth_items",
    multiple=True,
    metavar="KEY=VALUE",
    help="An authentication key (repeatable); VALUE '-' reads it from stdin.",
)
@pass_state
def endpoints_add(
    state: CliState,
    endpoint_id: str,
    short_type: str,
    url: str,
    make_default: bool,
    auth_items: tuple[str, ...],
) -> None:
    """Add the endpoint ENDPOINT_ID (replacing one with the same id)."""
    from dnastack.client.models import ServiceEndpoint
    from dnastack.configuration.short_types import short_type_of

    authentication = parse_auth_items(auth_items, "--auth")
    service_type = parse_service_type(short_type)
    endpoint = ServiceEndpoint(
        id=endpoint_id,
        url=url,
        type=service_type,
        authentication=authentication or None,
    )
    kind = short_type_of(service_type)
    defaulted: list[bool] = []

    def change(wrapper: ConfigurationWrapper) -> None:
        default = make_default or (kind is not None and kind not in wrapper.defaults)
        wrapper.add_endpoint(endpoint, make_default=default)
        defaulted.append(default)

    _update_context(state, change)
    state.note(f"added endpoint {endpoint_id}" + (" (default)" if defaulted[0] else ""))


_SETTABLE = (
    "url",
    "type",
    "type.group",
    "type.artifact",
    "type.version",
    "mode",
    "authentication",
    "authentication.<key>",
)


@endpoints.command(
    "set",
    epilog="""\b
Keys: url, type (a short type), mode, authentication (a JSON object, or "" to
remove it), authentication.<key> ("" removes the key; "-" reads the value from stdin).

\b
Examples:
  dnastack config endpoints set my-dc url https://dc.example.org/
  dnastack config endpoints set my-dc authentication.client_id my-client
  echo "$SECRET" | dnastack config endpoints set my-dc authentication.client_secret -
""",
)
@click.argument("endpoint_id")
@click.argument("key")
@click.argument("value")
@pass_state
def endpoints_set(state: CliState, endpoint_id: str, key: str, value: str) -> None:
    """Set KEY of the endpoint ENDPOINT_ID to VALUE."""
    from dnastack.client.models import ServiceEndpoint

    text = _read_value(value)

    def change(wrapper: ConfigurationWrapper) -> None:
        endpoint = wrapper.get_endpoint(endpoint_id)
        data = endpoint.to_dict(exclude_none=True)
        if key == "url":
            data["url"] = text
        elif key == "type":
            data["type"] = parse_service_type(text).to_dict()
        elif key in ("type.group", "type.artifact", "type.version"):
            kind = dict(data.get("type") or {"group": "", "artifact": "", "version": ""})
            kind[key.removeprefix("type.")] = text
            data["type"] = kind
        elif key == "mode":
            data["mode"] = text or None
        elif key == "authentication":
            data["authentication"] = _json_object(text) if text else None
        elif key.startswith("authentication."):
            name = key.removeprefix("authentication.")
            auth = dict(data.get("authentication") or {})
            if text:
                auth[name] = text
            else:
                auth.pop(name, None)
            data["authentication"] = auth or None
        else:
            raise CommandError(f"cannot set {key!r}; settable keys: {', '.join(_SETTABLE)}")
        wrapper.add_endpoint(ServiceEndpoint.parse_obj(data))

    _update_context(state, change)
    state.note(f"endpoint {endpoint_id}: {key} set")


@endpoints.command("remove", epilog="\b\nExample:\n  dnastack config endpoints remove my-dc")
@click.argument("endpoint_id")
@pass_state
def endpoints_remove(state: CliState, endpoint_id: str) -> None:
    """Remove the endpoint ENDPOINT_ID (and any default pointing at it)."""

    def change(wrapper: ConfigurationWrapper) -> None:
        wrapper.get_endpoint(endpoint_id)  # an unknown id is an error, not a silent no-op
        wrapper.remove_endpoint(endpoint_id)

    _update_context(state, change)
    state.note(f"removed endpoint {endpoint_id}")


@endpoints.command(
    "set-default",
    epilog="""\b
Examples:
  dnastack config endpoints set-default my-dc
  dnastack config endpoints set-default my-registry --type registry
""",
)
@click.argument("endpoint_id")
@click.option(
    "--type",
    "short_type",
    help=f"Short type to be the default for (default: the endpoint's own; {_SHORT_TYPES_HELP}).",
)
@pass_state
def endpoints_set_default(state: CliState, endpoint_id: str, short_type: str | None) -> None:
    """Make ENDPOINT_ID the default endpoint of its service type."""
    from dnastack.configuration.short_types import short_type_of

    chosen: list[str] = []

    def change(wrapper: ConfigurationWrapper) -> None:
        kind = short_type or short_type_of(wrapper.get_endpoint(endpoint_id).type)
        if kind is None:
            raise CommandError(f"endpoint {endpoint_id!r} has no known type; pass --type")
        wrapper.set_default(kind, endpoint_id)
        chosen.append(kind)

    _update_context(state, change)
    state.note(f"default {chosen[0]} endpoint: {endpoint_id}")


# -- reset --------------------------------------------------------------------------------


@config.command(
    "reset",
    epilog="""\b
Examples:
  dnastack config reset --yes
  dnastack config reset --yes --sessions
""",
)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--sessions", is_flag=True, help="Also delete every stored login session.")
@pass_state
def reset(state: CliState, yes: bool, sessions: bool) -> None:
    """Replace the configuration file with an empty configuration.

    Works on a broken file too (it is not read). Stored sessions are kept unless
    --sessions is given.
    """
    from dnastack.configuration.models import Configuration

    manager = state.config_manager()
    if not yes:
        click.confirm(f"Reset {manager.file_path}?", abort=True, err=True)
    manager.save(Configuration())
    state.note(f"reset {manager.file_path}")
    if sessions:
        from dnastack.http.session_storage import FileSessionStorage

        storage = FileSessionStorage(state.settings().session_dir)
        count = 0
        for session_id in list(storage):
            del storage[session_id]
            count += 1
        state.note(f"deleted {count} stored session(s) in {state.settings().session_dir}")


# -- helpers ------------------------------------------------------------------------------


def _wrapper(state: CliState) -> ConfigurationWrapper:
    from dnastack.configuration.wrapper import ConfigurationWrapper

    return ConfigurationWrapper(state.config_manager().load(), state.context_name())


def _update_context(state: CliState, change: Callable[[ConfigurationWrapper], None]) -> None:
    """Locked read-modify-write of the context in use."""
    from dnastack.configuration.wrapper import ConfigurationWrapper

    context_name = state.context_name()

    def apply(configuration: Configuration) -> None:
        change(ConfigurationWrapper(configuration, context_name))

    state.config_manager().update(apply)
    state.refresh_settings()


def parse_service_type(text: str) -> ServiceType:
    """A short type (``data_connect``, ``drs``...) or a full ``group:artifact:version``."""
    from dnastack.client.service_registry.models import ServiceType
    from dnastack.configuration.short_types import service_type_for

    parts = text.split(":")
    if len(parts) == 3 and all(parts):
        return ServiceType(group=parts[0], artifact=parts[1], version=parts[2])
    return service_type_for(text)


def _of_type(endpoint: ServiceEndpoint, wanted: str) -> bool:
    from dnastack.configuration.short_types import short_type_of

    kind = endpoint.type
    if kind is None:
        return False
    if wanted.count(":") == 2:
        return f"{kind.group}:{kind.artifact}:{kind.version}" == wanted
    try:
        return short_type_of(kind) == short_type_of(parse_service_type(wanted))
    except Exception:  # noqa: BLE001 - an unknown short type matches nothing
        return False


def parse_auth_items(items: Sequence[str], option: str) -> dict[str, Any]:
    """``("type=oauth2", "client_id=me")`` -> an authentication dict; a value ``-`` is read
    from stdin (a secret stays out of the shell history and the process list)."""
    authentication: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"{option} needs KEY=VALUE (an argument has no '=' or no KEY)")
        authentication[key.strip()] = _read_value(value)
    return authentication


def _read_value(value: str) -> str:
    """``-`` reads the value from stdin (a secret stays out of the shell history)."""
    if value != "-":
        return value
    return sys.stdin.readline().rstrip("\r\n")


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"authentication must be a JSON object ({exc.msg})") from None
    if not isinstance(value, dict):
        raise CommandError("authentication must be a JSON object")
    return value


# the reference CLI's other config subcommands (contexts add/rename, endpoints unset, ...)
from dnastack.cli.commands import config_extra as _config_extra  # noqa: E402,F401
