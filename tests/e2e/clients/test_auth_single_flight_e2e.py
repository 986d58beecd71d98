"""One DRS client with a fresh OAuth2 session, used by many threads (DrsClient) or tasks
(AsyncDrsClient) at once, asks the real oidc-provider for one token (counted at a proxy in
front of the issuer)."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import HostRewritingProxy, host_rewriting_proxy, isolated_settings

from dnastack.aio import AsyncDrsClient
from dnastack.client.drs import DrsClient
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer, DevServerFactory
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e

CALLERS = 20


@pytest.fixture
def secured(devserver_factory: DevServerFactory, oidc_provider: OidcProvider) -> DevServer:
    return devserver_factory.start("--auth-issuer", oidc_provider.issuer, "--rows", "100")


def counted_client_credentials(
    oidc_provider: OidcProvider, issuer_proxy: HostRewritingProxy
) -> dict[str, Any]:
    """Client credentials whose token requests pass through ``issuer_proxy``."""
    return {
        "type": "oauth2",
        "grant_type": "client_credentials",
        "token_endpoint": oidc_provider.token_endpoint.replace(
            oidc_provider.issuer, issuer_proxy.url
        ),
        "client_id": oidc_provider.confidential_client_id,
        "client_secret": oidc_provider.confidential_client_secret,
        "token_endpoint_auth_method": "client_secret_basic",
    }


def token_requests(proxy: HostRewritingProxy) -> int:
    return sum(1 for path in proxy.paths if path.rstrip("/").endswith("/token"))


def test_twenty_threads_on_a_fresh_session_make_one_token_request(
    secured: DevServer, oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    with host_rewriting_proxy(oidc_provider.issuer) as issuer_proxy:
        endpoint = ServiceEndpoint(
            url=secured.drs_url,
            authentication=counted_client_credentials(oidc_provider, issuer_proxy),
        )
        start = threading.Barrier(CALLERS)

        def resolve(_: int) -> str:
            start.wait()
            return client.get_object("hello.json").id

        with (
            DrsClient(endpoint, settings=isolated_settings(tmp_path)) as client,
            ThreadPoolExecutor(CALLERS) as pool,
        ):
            ids = list(pool.map(resolve, range(CALLERS)))

        assert ids == ["hello.json"] * CALLERS
        assert token_requests(issuer_proxy) == 1


def test_twenty_tasks_on_a_fresh_session_make_one_token_request(
    secured: DevServer, oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    with host_rewriting_proxy(oidc_provider.issuer) as issuer_proxy:
        endpoint = ServiceEndpoint(
            url=secured.drs_url,
            authentication=counted_client_credentials(oidc_provider, issuer_proxy),
        )

        async def main() -> list[str]:
            async with AsyncDrsClient(endpoint, settings=isolated_settings(tmp_path)) as client:
                found = await asyncio.gather(
                    *(client.get_object("hello.json") for _ in range(CALLERS))
                )
            return [o.id for o in found]

        assert asyncio.run(main()) == ["hello.json"] * CALLERS
        assert token_requests(issuer_proxy) == 1
