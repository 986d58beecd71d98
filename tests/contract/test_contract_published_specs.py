"""The devserver against the *published* GA4GH documents (read from ../shared/specs/, never copied).

Response-schema, format, status-code and content-type conformance are asserted, on every page
(``next_page_url`` followed, rows checked against their ``data_model``): the published
documents are what other GA4GH clients are written against. The default devserver is used
as is: its ``next_page_url``s are absolute, as the published ``format: uri`` wants. Skipped
when the folder is absent.
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
CHECKS = (
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
    "format_conformance",
    "pagination",
    "data_model_conformance",
)
SEED = 7


@pytest.mark.parametrize("api", PUBLISHED_APIS)
def test_devserver_conforms_to_the_published_ga4gh_spec(
    api: str, devserver: DevServer, devserver_drs: DrsSamples
) -> None:
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
