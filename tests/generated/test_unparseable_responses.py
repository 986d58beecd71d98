"""A response that does not match the spec raises one typed error naming operation and cause."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

DRS_BASE = "http://drs.test/ga4gh/drs/v1"
VALID_OBJECT: dict[str, Any] = {
    "id": "obj1",
    "self_uri": "drs://drs.test/obj1",
    "size": 12,
    "created_time": "2024-01-01T00:00:00Z",
    "checksums": [{"checksum": "abc", "type": "sha-256"}],
}


def _drs_client(handler: Callable[[httpx.Request], httpx.Response]) -> Any:
    from ga4gh_drs import Client

    client = Client(base_url=DRS_BASE)
    client.set_httpx_client(httpx.Client(base_url=DRS_BASE, transport=httpx.MockTransport(handler)))
    return client


def _respond(status: int, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, **kwargs)


def test_valid_object_parses() -> None:
    from ga4gh_drs.api.objects import get_object
    from ga4gh_drs.models import DrsObject

    response = get_object.sync_detailed(
        "obj1", client=_drs_client(_respond(200, json=VALID_OBJECT))
    )
    assert isinstance(response.parsed, DrsObject)
    assert response.parsed.size == 12


@pytest.mark.parametrize(
    ("status", "body", "cause"),
    [
        (404, {"content": b"<html>not found</html>"}, "JSONDecodeError"),
        (200, {"json": {k: v for k, v in VALID_OBJECT.items() if k != "self_uri"}}, "self_uri"),
        (200, {"json": {**VALID_OBJECT, "created_time": "yesterday"}}, "ValueError"),
        (200, {"json": {**VALID_OBJECT, "size": "12"}}, "size: expected int, got str"),
        (200, {"json": {**VALID_OBJECT, "checksums": "abc"}}, "Error"),
        (200, {"json": [1, 2, 3]}, "Error"),
    ],
    ids=[
        "non-json-error-body",
        "missing-required",
        "bad-datetime",
        "wrong-type",
        "bad-list",
        "array",
    ],
)
def test_malformed_drs_object_raises_unparseable_response(
    status: int, body: dict[str, Any], cause: str
) -> None:
    from ga4gh_drs.api.objects import get_object
    from ga4gh_drs.errors import UnparseableResponse

    with pytest.raises(UnparseableResponse) as caught:
        get_object.sync_detailed("obj1", client=_drs_client(_respond(status, **body)))
    error = caught.value
    assert error.operation == "get_object"
    assert error.status_code == status
    assert "get_object" in str(error)
    assert f"HTTP {status}" in str(error)
    assert cause in str(error)


def test_data_connect_page_with_rows_of_the_wrong_shape_raises() -> None:
    from ga4gh_data_connect import Client
    from ga4gh_data_connect.api.search_api import search
    from ga4gh_data_connect.errors import UnparseableResponse
    from ga4gh_data_connect.models import SearchRequest

    base = "http://dc.test"
    client = Client(base_url=base)
    client.set_httpx_client(
        httpx.Client(base_url=base, transport=httpx.MockTransport(_respond(200, json={"data": 5})))
    )
    with pytest.raises(UnparseableResponse, match="search"):
        search.sync_detailed(client=client, body=SearchRequest(query="select 1"))


def test_service_registry_html_error_page_raises() -> None:
    from ga4gh_service_registry import Client
    from ga4gh_service_registry.api.services import get_services
    from ga4gh_service_registry.errors import UnparseableResponse

    base = "http://registry.test"
    client = Client(base_url=base)
    html = _respond(502, content=b"<html>Bad Gateway</html>", headers={"content-type": "text/html"})
    client.set_httpx_client(httpx.Client(base_url=base, transport=httpx.MockTransport(html)))
    with pytest.raises(UnparseableResponse, match="HTTP 502"):
        get_services.sync_detailed(client=client)


def test_packages_expose_the_spec_they_came_from() -> None:
    import hashlib
    from pathlib import Path

    import ga4gh_drs

    spec = Path(__file__).resolve().parents[2] / ga4gh_drs.SPEC_PATH
    assert hashlib.sha256(spec.read_bytes()).hexdigest() == ga4gh_drs.SPEC_SHA256
    assert ga4gh_drs.SPEC_VERSION == "1.5.0"
    assert ga4gh_drs.SPEC_TITLE
