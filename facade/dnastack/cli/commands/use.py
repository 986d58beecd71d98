"""``dnastack use REGISTRY_URL``: set up a context from a Service Registry, then log in."""

from __future__ import annotations

import click

from dnastack.cli.state import CliState, pass_state

__all__ = ["use"]


@click.command(
    "use",
    epilog="""\b
Examples:
  dnastack use http://127.0.0.1:8080/
  dnastack use https://registry.example.org/ --name example
  dnastack use http://127.0.0.1:8080/ --no-auth
""",
)
@click.argument("registry_url")
@click.option(
    "--name",
    "context_name",
    metavar="NAME",
    help="Name of the context to write (default: the registry's host, e.g. 127.0.0.1-8080).",
)
@click.option("--no-auth", is_flag=True, help="Do not log in after the set-up.")
@click.option("--open-browser", is_flag=True, help="Open the login page in a browser.")
@pass_state
def use(
    state: CliState,
    registry_url: str,
    context_name: str | None,
    no_auth: bool,
    open_browser: bool,
) -> None:
    """Discover the services of REGISTRY_URL, write a context with one endpoint per
    service (the defaults per service type set), make it current, and log in where needed.
    """
    import dnastack
    from dnastack.cli.commands.auth import log_in, login_targets
    from dnastack.cli.commands.config import endpoint_summary
    from dnastack.cli.output import write_rows

    settings = state.settings()
    result = dnastack.use(
        registry_url,
        context_name=context_name,
        config_file=settings.config_file,
        settings=settings,
    )
    state.context = result.context_name
    state.refresh_settings()
    state.note(f"context {result.context_name!r} is now current ({settings.config_file})")
    settings = state.settings()
    rows = [
        endpoint_summary(e, dict(settings.configured_defaults))
        for e in settings.configured_endpoints
    ]
    write_rows(
        rows, "table", columns=["id", "type", "url", "auth", "default"], console=state.console
    )
    if no_auth:
        return
    opener = None
    if open_browser:
        import webbrowser

        opener = webbrowser.open
    targets = login_targets(state, open_browser=opener)
    if targets:
        log_in(state, targets)
