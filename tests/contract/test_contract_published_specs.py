"""The devserver against the *published* GA4GH documents (read from ../shared/specs/, never copied).

Only response-schema, status-code and content-type conformance are asserted: the published
documents are what other GA4GH clients are written against. Skipped when the folder is absent.
"""

from __future__ import annotations

import pytest

from dnastack.contract import format_report, run_contract
from tests.contract.support import SHARED_SPECS, DrsSamples, api_urls
from tests.fixtures.devserver import DevServer

pytestmark = [
    pytest.mark.contract,
    pytest.mark.skipif(not SHARED_SPECS.is_dir(), reason=f"{SHARED_SPECS} is not present"),
]

PUBLISHED_APIS = ("drs", "data-connect", "service-registry", "service-info")
CHECKS = ("response_schema_conformance", "status_code_conformance", "content_type_conformance")
SEED = 7


@pytest.mark.parametrize("api", PUBLISHED_APIS)
def test_devserver_conforms_to_the_published_ga4gh_spec(
    api: str, devserver: DevServer, devserver_absolute_pages: DevServer, devserver_drs: DrsSamples
) -> None:
    if api == "data-connect":
        devserver = devserver_absolute_pages  # next_page_url: format uri (see conftest)
    spec = SHARED_SPECS / f"{api}.yaml"
    params = {"object_id": devserver_drs.all} if api == "drs" else {}

    report = run_contract(
        api, api_urls(devserver)[api], spec_path=spec, checks=CHECKS, params=params, seed=SEED
    )

    text = format_report(report)
    assert report.spec_path == str(spec)
    assert report.checks == CHECKS
    assert report.operations, text
    assert report.violations == [], text
    assert report.untested == [], text
