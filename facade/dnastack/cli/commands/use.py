"""``dnastack use REGISTRY_URL``: set up a context from a Service Registry, then log in.

Built on :func:`dnastack.use` (``save=True``): one endpoint per registered service, the first
service of each type its default, written as a context that becomes current.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from dnastack.cli.state import CliState, pass_state

__all__ = ["use"]


@click.command(
    "use",
    epilog="""\b
Examples:
  dnastack use http://127.0.0.1:8080/
  dnastack use https://registry.example.org/ --name example
  dnastack use http://127.0.0.1:8080/ --no-auth      (log in later: dnastack auth login)
  dnastack use https://registry.example.org/ \\
      --registry-auth token_endpoint=https://id.example.org/token \\
      --registry-auth device_code_endpoint=https://id.example.org/device \\
      --registry-auth client_id=my-cli
""",
)
@click.argument("registry_url")
@click.option(
    "--name",
    "context_name",
    metavar="NAME",
    help="The context to write (default: --context, else the registry's host-port).",
)
@click.option(
    "--registry-auth",
    "registry_auth_items",
    multiple=True,
    metavar="KEY=VALUE",
    help="Authentication of the registry itself, when its listing is not public "
    "(repeatable, as `config endpoints add --auth`); it logs in first.",
)
@click.option("--no-auth", is_flag=True, help="Do not log in now (`dnastack auth login` later).")
@click.option("--open-browser", is_flag=True, help="Open the login page in a browser.")
@pass_state
def use(
    state: CliState,
    registry_url: str,
    context_name: str | None,
    registry_auth_items: tuple[str, ...],
    no_auth: bool,
    open_browser: bool,
) -> None:
    """Discover the services of REGISTRY_URL, write them as a context with a default
    endpoint per service type, make it current, and log in where the services need it."""
    import dnastack
    from dnastack.cli.commands.auth import log_in, login_targets
    from dnastack.cli.commands.config import endpoint_summary, parse_auth_items
    from dnastack.cli.output import write_rows

    opener: Callable[[str], object] | None = None
    if open_browser:
        import webbrowser

        opener = webbrowser.open
    settings = state.settings()
    registry_auth = parse_auth_items(registry_auth_items, "--registry-auth") or None
    if registry_auth is not None:  # the listing needs a session: log in to it first
        from dnastack.client.models import ServiceEndpoint

        registry = ServiceEndpoint(id="registry", url=registry_url, authentication=registry_auth)
        log_in(state, login_targets(state, open_browser=opener, endpoints=[registry]))
    found = dnastack.use(
        registry_url,
        context_name=context_name or state.context,
        save=True,
        config_file=state.config_file(),
        settings=settings,
        registry_authentication=registry_auth,
    )
    state.context = found.context_name
    state.refresh_settings()
    rows = [endpoint_summary(e, found.defaults) for e in found.endpoints]
    columns = ["id", "type", "url", "auth", "default"]
    write_rows(rows, "table", columns=columns, console=state.console)
    state.note(
        f"context {found.context_name!r} written to {state.config_file()} and made current "
        f"({len(found.endpoints)} endpoints)"
    )
    if no_auth:
        return
    targets = login_targets(state, open_browser=opener)
    if targets:
        log_in(state, targets)
