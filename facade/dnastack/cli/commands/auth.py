"""``dnastack auth``: log in to the context's endpoints, show the sessions, revoke them.

Endpoints that share an authentication configuration share one session (one login).
Nothing here ever prints a token, a refresh token, a device code or a client secret:
``status`` shows the issuer, client id, scope, grant and expiry only.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dnastack.cli.errors import EXIT_API, CommandError
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import output_option, write_rows
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint
    from dnastack.common.events import Event
    from dnastack.http.authenticators.abstract import Authenticator
    from dnastack.http.session_info import SessionInfo

__all__ = ["LoginTarget", "auth", "device_code_printer", "log_in", "login_targets"]


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack auth login
  dnastack auth login --endpoint my-dc --open-browser
  dnastack auth status
  dnastack auth revoke
""",
)
def auth() -> None:
    """Log in to the endpoints of the context, show the sessions, revoke them."""


@dataclass
class LoginTarget:
    """One session (authentication configuration) and the endpoints that use it."""

    authenticator: Authenticator
    endpoints: list[ServiceEndpoint] = field(default_factory=list)
    auth_info: dict[str, Any] = field(default_factory=dict)

    @property
    def endpoint_ids(self) -> str:
        return ", ".join(e.id for e in self.endpoints)


def login_targets(
    state: CliState,
    endpoint_ids: Sequence[str] = (),
    *,
    open_browser: Callable[[str], object] | None = None,
    endpoints: Sequence[ServiceEndpoint] | None = None,
) -> list[LoginTarget]:
    """The distinct sessions of the context's endpoints (or of ``endpoint_ids``, or of the
    given ``endpoints``).

    Raises:
        MissingEndpointError: an id in ``endpoint_ids`` is not in the context.
    """
    from dnastack.http.authenticators.factory import create_authenticator

    settings = state.settings()
    if endpoints is None:
        if not settings.configured_endpoints:
            state.check_context_exists()
        endpoints = _select_endpoints(settings.configured_endpoints, endpoint_ids, settings.context)
    manager = settings.session_manager()
    targets: dict[str, LoginTarget] = {}
    for endpoint in endpoints:
        auth_info = endpoint.authentication
        if not auth_info:
            continue
        options: dict[str, Any] = {}
        if (auth_info.get("type") or "oauth2") == "oauth2":
            options["open_browser"] = open_browser
        authenticator = create_authenticator(
            auth_info, manager, endpoint_id=endpoint.id, endpoint_url=endpoint.url, **options
        )
        target = targets.setdefault(
            authenticator.session_id, LoginTarget(authenticator, auth_info=dict(auth_info))
        )
        target.endpoints.append(endpoint)
    return list(targets.values())


def _select_endpoints(
    configured: Sequence[ServiceEndpoint], endpoint_ids: Sequence[str], context: str
) -> list[ServiceEndpoint]:
    if not endpoint_ids:
        return list(configured)
    from dnastack.exceptions import MissingEndpointError

    by_id = {e.id: e for e in configured}
    missing = [eid for eid in endpoint_ids if eid not in by_id]
    if missing:
        raise MissingEndpointError(
            f"no endpoint {', '.join(map(repr, missing))} in context {context!r} "
            "(see `dnastack config endpoints list`)"
        )
    return [by_id[eid] for eid in endpoint_ids]


def device_code_printer(state: CliState) -> Callable[[Event], None]:
    """An event handler showing the device flow's code and URL on stderr."""

    def show(event: Event) -> None:
        payload = event.payload
        stream = state.stderr()
        code = state.style(str(payload.get("user_code")), stream, bold=True)
        url = payload.get("verification_uri")
        complete = payload.get("verification_uri_complete")
        lines = [
            f"To sign in, open {url} and enter the code {code}",
            *([f"  (or open {complete})"] if complete else []),
            "Waiting for the sign-in to be approved...",
        ]
        click.echo("\n".join(lines), err=True)

    return show


def log_in(
    state: CliState, targets: Iterable[LoginTarget], *, force: bool = False
) -> list[tuple[LoginTarget, SessionInfo]]:
    """Make sure each target has a usable session: restore, refresh, else a new grant
    (the device code is shown on stderr). ``force`` always runs a new grant."""
    show = device_code_printer(state)
    done: list[tuple[LoginTarget, SessionInfo]] = []
    for target in targets:
        authenticator = target.authenticator
        authenticator.events.on("user-verification-required", show)
        try:
            info = authenticator.authenticate() if force else authenticator.initialize()
        finally:
            authenticator.events.off("user-verification-required", show)
            authenticator.close()
        state.note(f"logged in for {target.endpoint_ids} ({_expiry_text(info.valid_until)})")
        done.append((target, info))
    return done


F = TypeVar("F", bound=Callable[..., Any])
SESSION_HELP = "Only this endpoint's session (repeatable; default: every session of the context)."


def endpoints_option(help_text: str) -> Callable[[F], F]:
    """``--endpoint``/``--endpoint-id ID`` (repeatable) into ``endpoint_ids``."""
    return click.option(
        "--endpoint",
        "--endpoint-id",
        "endpoint_ids",
        multiple=True,
        metavar="ID",
        help=help_text,
    )


@auth.command(
    "login",
    epilog="""\b
Examples:
  dnastack auth login
  dnastack auth login --endpoint my-dc --open-browser
  dnastack auth login --force
""",
)
@endpoints_option("Only this endpoint (repeatable; default: every endpoint of the context).")
@click.option("--open-browser", is_flag=True, help="Open the verification page in a browser.")
@click.option("--force", is_flag=True, help="Log in again even when a session is usable.")
@click.option(
    "--force-refresh",
    "--revoke-existing",
    "force_again",
    is_flag=True,
    hidden=True,
    help="As --force (the reference CLI's spellings).",
)
@pass_state
def login(
    state: CliState,
    endpoint_ids: tuple[str, ...],
    open_browser: bool,
    force: bool,
    force_again: bool,
) -> None:
    """Log in (OAuth2 device code, client credentials or token exchange, as configured)."""
    force = force or force_again
    opener: Callable[[str], object] | None = None
    if open_browser:
        import webbrowser

        opener = webbrowser.open
    targets = login_targets(state, endpoint_ids, open_browser=opener)
    if not targets and endpoint_ids:
        raise CommandError(
            f"no endpoint among {', '.join(endpoint_ids)} needs a login "
            "(none has authentication configured)"
        )
    if not targets:  # a public node: nothing to do, as the reference CLI (`use X && auth login`)
        state.note(
            f"no endpoint in context {state.context_name()!r} needs a login "
            "(none has authentication configured)"
        )
        return
    log_in(state, targets, force=force)


@auth.command(
    "status",
    epilog="""\b
Examples:
  dnastack auth status
  dnastack auth status -o json
""",
)
@output_option(("table", "json", "jsonl", "yaml"))
@endpoints_option(SESSION_HELP)
@pass_state
def status(state: CliState, output_format: str, endpoint_ids: tuple[str, ...]) -> None:
    """Each session of the context, one row each: state first, then expiry, endpoints,
    issuer, client id, grant and scope.

    Never prints a token or a secret.
    """
    settings = state.settings()
    if settings.security_context is not None:
        state.note(
            f"a static token ({settings.source_of('security_context')}) is used for every "
            "endpoint instead of the configured logins"
        )
    manager = settings.session_manager()
    rows = [
        _status_row(t, manager.restore(t.authenticator.session_id))
        for t in login_targets(state, endpoint_ids)
    ]
    columns = ["state", "expires", "endpoints", "issuer", "client_id", "grant", "scope"]
    write_rows(rows, output_format, columns=columns, console=state.console)


def _status_row(target: LoginTarget, info: SessionInfo | None) -> dict[str, Any]:
    auth_info = target.auth_info
    kind = auth_info.get("type") or "oauth2"
    if kind != "oauth2":
        state = "static token"
        expires = ""
    elif info is None:
        state, expires = "not logged in", ""
    else:
        valid = info.is_valid(0)
        state = "valid" if valid else ("expired (refreshable)" if info.refreshable() else "expired")
        expires = _timestamp(info.valid_until)
    return {
        "state": state,
        "expires": expires,
        "endpoints": target.endpoint_ids,
        "issuer": _issuer(auth_info),
        "client_id": auth_info.get("client_id") or "",
        "grant": str(auth_info.get("grant_type") or kind).rsplit(":", 1)[-1],
        "scope": (info.scope if info is not None and info.scope else auth_info.get("scope")) or "",
    }


def _issuer(auth_info: dict[str, Any]) -> str:
    from dnastack.exceptions import safe_url

    issuer = auth_info.get("issuer")
    if isinstance(issuer, str) and issuer:
        return safe_url(issuer)
    token_endpoint = auth_info.get("token_endpoint")
    if not isinstance(token_endpoint, str) or not token_endpoint:
        return ""
    from dnastack.http.auth import origin_of

    scheme, host, port = origin_of(token_endpoint)
    return f"{scheme}://{host}" + (f":{port}" if port not in (80, 443, None) else "")


NEVER = "never"
"""The expiry shown for a session whose ``valid_until`` is beyond any date (a static
session stores 2**53: no expiry)."""


def _timestamp(epoch: float) -> str:
    """``epoch`` as ``YYYY-MM-DDTHH:MM:SSZ``; ``never`` past year 9999, ``unknown`` for a
    value that is no time at all (NaN, before year 1)."""
    try:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return NEVER if epoch > 0 else "unknown"


def _expiry_text(valid_until: float) -> str:
    remaining = valid_until - time.time()
    if remaining <= 0:
        return "expired"
    shown = _timestamp(valid_until)
    return "valid, never expires" if shown == NEVER else f"valid until {shown}"


@auth.command(
    "revoke",
    epilog="""\b
Examples:
  dnastack auth revoke
  dnastack auth revoke --endpoint my-dc
""",
)
@endpoints_option(SESSION_HELP)
@click.option(
    "-f", "--force", is_flag=True, hidden=True, help="Accepted (this command never asks)."
)
@pass_state
def revoke(state: CliState, endpoint_ids: tuple[str, ...], force: bool) -> None:
    """Revoke the sessions at the issuer and delete them locally.

    The local session is deleted even when the issuer cannot be reached (exit code 3).
    """
    from dnastack.exceptions import DnastackError

    manager = state.settings().session_manager()
    failures = 0
    count = 0
    for target in login_targets(state, endpoint_ids):
        authenticator = target.authenticator
        if manager.restore(authenticator.session_id) is None:
            continue
        try:
            authenticator.revoke()
            state.note(f"revoked the session of {target.endpoint_ids}")
        except DnastackError as exc:
            failures += 1
            state.note(f"{target.endpoint_ids}: {exc}")
        finally:
            authenticator.close()
        count += 1
    if count == 0:
        state.note("no stored session to revoke")
    if failures:
        raise CommandError(f"{failures} session(s) could not be revoked at the issuer", EXIT_API)
