"""Single flight against the real oidc-provider: many threads or tasks needing a token at
once cause one refresh (the rotated refresh token is spent once), and many requests meeting
the same 401 renew the token once."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from oauth_e2e_support import AuthenticatorFactory, FakeClock, LocalServer, approve_when_asked

from dnastack.http.auth import EndpointAuth
from dnastack.http.authenticators.oauth2 import OAuth2Authenticator
from dnastack.http.session import HttpSession
from dnastack.http.transport import build_http_client
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e

CALLERS = 20


def _logged_in_then_expired(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, clock: FakeClock
) -> tuple[OAuth2Authenticator, list[str]]:
    """A device-flow session whose access token is inside the refresh skew."""
    authenticator = make_authenticator("cli")
    approve_when_asked(oidc_provider, authenticator)
    first = authenticator.initialize()
    assert first.refresh_token
    seen: list[str] = []
    for name in ("refresh-before", "refresh-failure", "authentication-before"):
        authenticator.events.on(name, lambda e, name=name: seen.append(name))
    clock.now = first.valid_until - 30  # inside the 60 s refresh skew
    return authenticator, seen


def test_threads_needing_a_refresh_at_once_refresh_once(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    clock: FakeClock,
    resource_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    authenticator, seen = _logged_in_then_expired(oidc_provider, make_authenticator, clock)
    start = threading.Barrier(CALLERS)

    def call(_: int) -> int:
        start.wait()
        return session.get(f"{resource_server.url}/objects/1").status_code

    with (
        HttpSession(authenticators=[authenticator], session=http_client) as session,
        ThreadPoolExecutor(CALLERS) as pool,
    ):
        statuses = list(pool.map(call, range(CALLERS)))

    assert statuses == [200] * CALLERS
    assert seen == ["refresh-before"]  # one refresh, accepted: no token spent twice
    assert len({auth for _, auth in resource_server.seen[-CALLERS:]}) == 1


def test_tasks_needing_a_refresh_at_once_refresh_once(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    clock: FakeClock,
    resource_server: LocalServer,
) -> None:
    authenticator, seen = _logged_in_then_expired(oidc_provider, make_authenticator, clock)

    async def main() -> list[int]:
        async with httpx.AsyncClient(auth=EndpointAuth([authenticator])) as client:
            url = f"{resource_server.url}/objects/1"
            responses = await asyncio.gather(*(client.get(url) for _ in range(CALLERS)))
        return [r.status_code for r in responses]

    assert asyncio.run(main()) == [200] * CALLERS
    assert seen == ["refresh-before"]
    assert len({auth for _, auth in resource_server.seen[-CALLERS:]}) == 1


def test_many_requests_refused_together_renew_the_token_once(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
) -> None:
    authenticator = make_authenticator("basic")
    grants: list[str] = []
    authenticator.events.on("authentication-before", lambda e: grants.append("grant"))
    stale = authenticator.initialize()
    assert stale.access_token
    httpx.post(  # the issuer revokes it behind the SDK's back: every request gets a 401
        oidc_provider.revocation_endpoint,
        data={"token": stale.access_token, "token_type_hint": "access_token"},
        auth=(oidc_provider.confidential_client_id, oidc_provider.confidential_client_secret),
    ).raise_for_status()
    start = threading.Barrier(CALLERS)

    def call(_: int) -> int:
        start.wait()
        return session.get(f"{resource_server.url}/objects/1").status_code

    with (
        build_http_client(trust_env=False) as client,
        HttpSession(authenticators=[authenticator], session=client) as session,
        ThreadPoolExecutor(CALLERS) as pool,
    ):
        statuses = list(pool.map(call, range(CALLERS)))

    assert statuses == [200] * CALLERS
    assert grants == ["grant", "grant"]  # the first login, then one renewal for all 20


def test_device_flow_from_async_code_runs_off_the_event_loop(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
) -> None:
    authenticator = make_authenticator("cli")
    approve_when_asked(oidc_provider, authenticator)
    flow_threads: list[int] = []
    authenticator.events.on(
        "user-verification-required", lambda e: flow_threads.append(threading.get_ident())
    )

    async def main() -> tuple[int, int]:
        async with httpx.AsyncClient(auth=EndpointAuth([authenticator])) as client:
            response = await client.get(f"{resource_server.url}/objects/1")
        return response.status_code, threading.get_ident()

    status, loop_thread = asyncio.run(main())

    assert status == 200
    assert len(flow_threads) == 1 and flow_threads[0] != loop_thread
