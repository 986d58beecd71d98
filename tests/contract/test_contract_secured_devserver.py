"""The runner against a devserver that requires OAuth2 tokens (the real oidc-provider issues them).

With a token passed as a header every operation reaches its success responses and the server
is shown to refuse requests without (or with a broken) token: ``ignored_auth`` finds nothing.
The token never appears in the report. The registry's discovery routes stay public (clients
read them to learn how to log in), so every registry operation is tested without a token.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from dnastack.contract import DEFAULT_CHECKS, format_report, junit_xml, run_contract
from tests.contract.support import DrsSamples, drs_samples
from tests.fixtures.devserver import DevServer, DevServerFactory
from tests.fixtures.oidc import OidcProvider

pytestmark = [pytest.mark.contract, pytest.mark.e2e]

SEED = 11


@pytest.fixture(scope="module")
def secured(
    oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DevServer]:
    factory = DevServerFactory(tmp_path_factory.mktemp("contract-secured"))
    try:
        yield factory.start("--auth-issuer", oidc_provider.issuer, "--rows", "100")
    finally:
        factory.stop_all()


@pytest.fixture(scope="module")
def token(oidc_provider: OidcProvider, secured: DevServer) -> str:
    response = httpx.post(
        oidc_provider.token_endpoint,
        data={"grant_type": "client_credentials", "resource": secured.base_url + "/"},
        auth=(oidc_provider.confidential_client_id, oidc_provider.confidential_client_secret),
    )
    response.raise_for_status()
    value: str = response.json()["access_token"]
    return value


def test_with_a_token_every_operation_passes_and_auth_is_enforced(
    secured: DevServer, token: str
) -> None:
    samples: DrsSamples = drs_samples(secured.data_dir)
    report = run_contract(
        "drs",
        secured.drs_url,
        headers={"Authorization": f"Bearer {token}"},
        params={"object_id": samples.all},
        checks=(*DEFAULT_CHECKS, "ignored_auth"),
        seed=SEED,
    )
    text = format_report(report)
    assert report.violations == [], text
    assert report.untested == [], text
    assert token not in text
    assert token not in junit_xml(report)


def test_without_a_token_the_protected_operations_are_untested_not_passed(
    secured: DevServer,
) -> None:
    samples = drs_samples(secured.data_dir)
    report = run_contract(
        "drs", secured.drs_url, params={"object_id": samples.blobs[:1]}, seed=SEED
    )
    untested = {op.operation for op in report.untested}
    assert "GET /objects/{object_id}" in untested
    assert report.operation("GET /objects/{object_id}").status_counts.keys() == {401}
    assert report.violations == [], format_report(report)
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 1


def test_without_a_token_every_registry_operation_is_tested_and_passes(
    secured: DevServer,
) -> None:
    report = run_contract("service-registry", secured.registry_url, seed=SEED)
    text = format_report(report)
    assert report.untested == [], text
    assert report.violations == [], text
    assert {op.operation for op in report.operations} >= {
        "GET /services",
        "GET /services/types",
        "GET /services/{serviceId}",
    }


@pytest.mark.parametrize("api", ["drs", "data-connect", "service-registry"])
def test_thorough_mode_with_a_token_finds_nothing_on_the_secured_devserver(
    secured: DevServer, token: str, api: str
) -> None:
    urls = {
        "drs": secured.drs_url,
        "data-connect": secured.data_connect_url,
        "service-registry": secured.registry_url,
    }
    params = {"object_id": drs_samples(secured.data_dir).all} if api == "drs" else {}
    report = run_contract(
        api,
        urls[api],
        headers={"Authorization": f"Bearer {token}"},
        params=params,
        thorough=True,
        max_examples=1,
        seed=SEED,
    )
    text = format_report(report)
    assert "ignored_auth" in report.checks
    assert report.violations == [], text
    assert report.untested == [], text
    assert token not in text
