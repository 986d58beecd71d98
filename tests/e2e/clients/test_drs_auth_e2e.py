"""DRS downloads with authentication on (devserver + the real oidc-provider, client
credentials): the endpoint's token goes to the byte route on the endpoint's origin, and
never to an access URL on another origin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import RecordingTransport, host_rewriting_proxy, isolated_settings

from dnastack.client.drs import DownloadStatus, DrsClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import UnauthorizedError
from tests.fixtures.devserver import DevServer, DevServerFactory
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


@pytest.fixture
def secured(devserver_factory: DevServerFactory, oidc_provider: OidcProvider) -> DevServer:
    return devserver_factory.start("--auth-issuer", oidc_provider.issuer, "--rows", "100")


def client_credentials(oidc_provider: OidcProvider) -> dict[str, Any]:
    return {
        "type": "oauth2",
        "grant_type": "client_credentials",
        "token_endpoint": oidc_provider.token_endpoint,
        "client_id": oidc_provider.confidential_client_id,
        "client_secret": oidc_provider.confidential_client_secret,
        "token_endpoint_auth_method": "client_secret_basic",
    }


def test_byte_route_on_the_endpoint_origin_gets_the_token(
    secured: DevServer, oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    transport = RecordingTransport()
    endpoint = ServiceEndpoint(
        url=secured.drs_url, authentication=client_credentials(oidc_provider)
    )
    with DrsClient(
        endpoint, settings=isolated_settings(tmp_path), http_options={"transport": transport}
    ) as client:
        [result] = client.download("hello.json", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS and result.checksum_verified
    assert (tmp_path / "out" / "hello.json").read_bytes() == (
        secured.data_dir / "drs" / "hello.json"
    ).read_bytes()
    [byte_request] = transport.to("/bytes/hello.json")
    assert byte_request.url == f"{secured.base_url}/ga4gh/drs/v1/bytes/hello.json"
    assert (byte_request.authorization or "").startswith("Bearer ")


def test_without_credentials_the_secured_node_refuses(secured: DevServer, tmp_path: Path) -> None:
    endpoint = ServiceEndpoint(url=secured.drs_url)
    with (
        DrsClient(endpoint, settings=isolated_settings(tmp_path)) as client,
        pytest.raises(UnauthorizedError),
    ):
        client.get_object("hello.json")


def test_access_url_on_another_origin_never_gets_the_token(
    secured: DevServer, oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    transport = RecordingTransport()
    with host_rewriting_proxy(secured.base_url) as proxy:
        # the endpoint is the proxy (localhost:<proxy port>); the devserver behind it
        # writes access URLs on its own origin (127.0.0.1:<devserver port>)
        endpoint = ServiceEndpoint(
            url=f"{proxy.url}/ga4gh/drs/v1/", authentication=client_credentials(oidc_provider)
        )
        with DrsClient(
            endpoint, settings=isolated_settings(tmp_path), http_options={"transport": transport}
        ) as client:
            drs_object = client.get_object("hello.json")
            [result] = client.download("hello.json", tmp_path / "out")

    methods = drs_object.access_methods or []
    assert methods[0].access_url is not None
    assert methods[0].access_url.url.startswith(secured.base_url)  # another origin
    assert result.status is DownloadStatus.SUCCESS and result.checksum_verified
    to_proxy = transport.to(proxy.url)
    assert to_proxy and all((s.authorization or "").startswith("Bearer ") for s in to_proxy)
    direct = transport.to(f"{secured.base_url}/ga4gh/drs/v1/bytes/hello.json")
    assert direct, "the bytes come straight from the devserver's origin"
    assert all(s.authorization is None for s in direct)
    # without the token the unsigned URL is refused; the signed access id then works
    assert "signature=" not in direct[0].url and "signature=" in direct[-1].url
    assert result.source_url == f"{secured.base_url}/ga4gh/drs/v1/bytes/hello.json"
    assert any("/access/signed-https" in path for path in proxy.paths)
