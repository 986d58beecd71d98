"""Data Connect, Collections and Explorer with authentication on (devserver + the real
oidc-provider, client credentials): every page of a streamed result carries the token,
``no_auth`` sends none, and a collection's Data Connect endpoint inherits the credentials."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dnastack.client.collections import CollectionServiceClient
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.explorer import ExplorerClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import UnauthorizedError
from dnastack.settings import SessionOverrides, Settings, resolve_settings
from tests.fixtures.devserver import DevServer, DevServerFactory
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


@pytest.fixture
def secured(devserver_factory: DevServerFactory, oidc_provider: OidcProvider) -> DevServer:
    return devserver_factory.start(
        "--auth-issuer", oidc_provider.issuer, "--rows", "1000", "--page-size", "50"
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )


def client_credentials(oidc_provider: OidcProvider) -> dict[str, Any]:
    return {
        "type": "oauth2",
        "grant_type": "client_credentials",
        "token_endpoint": oidc_provider.token_endpoint,
        "client_id": oidc_provider.confidential_client_id,
        "client_secret": oidc_provider.confidential_client_secret,
        "token_endpoint_auth_method": "client_secret_basic",
    }


def test_data_connect_streams_every_page_with_the_token(
    secured: DevServer, oidc_provider: OidcProvider, settings: Settings
) -> None:
    endpoint = ServiceEndpoint(
        url=secured.data_connect_url, authentication=client_credentials(oidc_provider)
    )
    with DataConnectClient(endpoint, settings=settings) as client:
        rows = client.query("SELECT id FROM big ORDER BY id").to_list()  # 20 pages
        tables = [t.name for t in client.list_tables()]
        info = client.table("samples").info

        assert [row["id"] for row in rows] == list(range(1000))
        assert "big" in tables and info.name == "samples"
        with pytest.raises(UnauthorizedError):
            client.query("SELECT 1", no_auth=True).to_list()


def test_data_connect_without_credentials_is_refused(
    secured: DevServer, settings: Settings
) -> None:
    client = DataConnectClient(ServiceEndpoint(url=secured.data_connect_url), settings=settings)
    with pytest.raises(UnauthorizedError):
        client.query("SELECT 1").to_list()


def test_collections_and_explorer_with_credentials(
    secured: DevServer, oidc_provider: OidcProvider, settings: Settings
) -> None:
    auth = client_credentials(oidc_provider)
    collections = CollectionServiceClient(
        ServiceEndpoint(url=secured.collections_url, authentication=auth), settings=settings
    )
    explorer = ExplorerClient(
        ServiceEndpoint(url=secured.explorer_url, authentication=auth), settings=settings
    )

    assert collections.get("cohort-a").slugName == "cohort-a"
    assert len(list(collections.list_collection_items("cohort-a"))) >= 3
    with DataConnectClient(collections.data_connect_endpoint("cohort-a"), settings=settings) as dc:
        assert dc.query("SELECT count(*) AS n FROM samples").to_list() == [{"n": 100}]
    answers = explorer.ask_federated_question("samples-by-population", {"population": "EUR"})
    assert any(a["status"] == "ok" for a in answers)
    with pytest.raises(UnauthorizedError):
        collections.list_collections(no_auth=True)
