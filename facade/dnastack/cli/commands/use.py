"""``dnastack use REGISTRY_URL``: set up a context from a Service Registry, then log in.

Built on :func:`dnastack.use` (``save=True``): one endpoint per registered service, the first
service of each type its default, written as a context that becomes current.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import click

from dnastack.cli.errors import EXIT_USAGE, CommandError
from dnastack.cli.state import CliState, pass_state

__all__ = ["registry_base_url", "use"]

_API_PATH_HINTS = ("data-connect", "ga4gh/drs", "collection-service", "explorer", "/tables")


def registry_base_url(text: str) -> tuple[str, bool]:
    """``(url, guessed)``: ``text`` itself when it has a scheme; else ``https://text/`` (as
    the reference CLI does), with ``guessed`` true."""
    if "://" in text:
        return text, False
    return f"https://{text.rstrip('/')}/", True


def _with_hint(error: Exception, given: str, url: str, guessed: bool) -> Exception:
    """The error with what to do, when the URL is probably the wrong one."""
    from dnastack.exceptions import NotFoundError, TransportError

    causes = [error, error.__cause__]
    if guessed and any(isinstance(c, TransportError) for c in causes):
        return CommandError(
            f"{given!r} has no scheme and {url} does not answer ({error}); "
            f"did you mean http://{given.rstrip('/')}/ ?",
            EXIT_USAGE,
        )
    if any(isinstance(c, NotFoundError) for c in causes):
        looks_like_api = any(hint in url for hint in _API_PATH_HINTS)
        what = "an API endpoint, not a Service Registry" if looks_like_api else "no registry"
        return CommandError(
            f"{error}; {url} looks like {what}: give the registry's base URL (the one "
            "that serves /services, e.g. http://127.0.0.1:8080/), or add a single endpoint "
            "with `dnastack config endpoints add`",
            EXIT_USAGE,
        )
    return error


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
@click.argument("registry_url", metavar="REGISTRY_URL")
@click.option(
    "--name",
    "context_name",
    metavar="NAME",
    help="The context to write (default: --context, else the registry's host:port).",
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
@click.option(
    "--subject-token",
    metavar="TOKEN",
    hidden=True,
    help="The subject token of token-exchange logins (as DNASTACK_SUBJECT_TOKEN).",
)
@click.option(
    "--platform-credentials",
    is_flag=True,
    hidden=True,
    help="The reference CLI's cloud-metadata token exchange (not supported: an error).",
)
@pass_state
def use(
    state: CliState,
    registry_url: str,
    context_name: str | None,
    registry_auth_items: tuple[str, ...],
    no_auth: bool,
    open_browser: bool,
    subject_token: str | None,
    platform_credentials: bool,
) -> None:
    """Discover the services of REGISTRY_URL, write them as a context with a default
    endpoint per service type, make it current, and log in where the services need it.

    The context is named after the registry's host:port unless --name (or --context)
    says otherwise. Without a scheme, https:// is assumed.
    """
    import dnastack
    from dnastack.cli.commands.auth import log_in, login_targets
    from dnastack.cli.commands.config import endpoint_summary, parse_auth_items
    from dnastack.cli.output import write_rows
    from dnastack.exceptions import DnastackError
    from dnastack.settings import resolve_settings

    if platform_credentials:
        raise CommandError(
            "--platform-credentials (a token from the cloud's metadata server) is not "
            "supported: pass --subject-token TOKEN or set DNASTACK_SUBJECT_TOKEN"
        )
    if subject_token:
        from dnastack.http.authenticators.grants.token_exchange import SUBJECT_TOKEN_ENV

        os.environ[SUBJECT_TOKEN_ENV] = subject_token  # read by token-exchange logins
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
    url, guessed = registry_base_url(registry_url)
    if guessed:  # a guessed https:// is tried once: a plain-HTTP node fails at once
        settings = resolve_settings(context=state.context, max_retries=0)
    try:
        found = dnastack.use(
            url,
            context_name=context_name or state.context,  # default: context_name_for(url)
            save=True,
            config_file=state.config_file(),
            # a guessed https:// is tried once: a plain-HTTP node fails at once
            settings=resolve_settings(context=state.context, max_retries=0)
            if guessed
            else settings,
            registry_authentication=registry_auth,
        )
    except DnastackError as exc:
        raise _with_hint(exc, registry_url, url, guessed) from exc
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
