"""Tolerant reader of Collection Service bodies (httpx.MockTransport injects what 3.x-era
services send): a status without ``availability``/``itemCounts`` parses and warns once per
service; a body that is not a status is still a ResponseParseError."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.collections import CollectionServiceClient, CollectionValidationStatus
from dnastack.client.collections.tolerance import _variants
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import ResponseParseError
from dnastack.settings import SessionOverrides, resolve_settings

REFERENCE_ERA_STATUS = {
    "validationsStatus": "MISSING_ITEMS",
    "lastChecked": "2024-05-02T09:30:00Z",
    "missingItems": 3,
}


@pytest.fixture(autouse=True)
def _fresh_warnings() -> Iterator[None]:
    _variants.forget()
    yield
    _variants.forget()


@pytest.fixture
def make_client(tmp_path: Path) -> Callable[[str, Any], CollectionServiceClient]:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )

    def make(base: str, body: Any) -> CollectionServiceClient:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=body)

        return CollectionServiceClient(
            ServiceEndpoint(url=base),
            settings=settings,
            http_options={"transport": httpx.MockTransport(handler), "sleep": lambda s: None},
        )

    return make


def test_status_without_availability_parses_with_the_reference_fields(
    make_client: Callable[[str, Any], CollectionServiceClient],
) -> None:
    status = make_client("http://a.test/cs/", dict(REFERENCE_ERA_STATUS)).get_collection_status("c")

    assert status.availability is None
    assert status.itemCounts == {}
    assert status.validationsStatus == CollectionValidationStatus.MISSING_ITEMS
    assert status.missingItems == 3
    assert status.lastChecked is not None and status.lastChecked.tzinfo is not None


def test_status_variants_warn_once_per_service(
    make_client: Callable[[str, Any], CollectionServiceClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="dnastack.collections")
    first = make_client("http://a.test/cs/", REFERENCE_ERA_STATUS)
    second = make_client("http://b.test/cs/", REFERENCE_ERA_STATUS)

    for _ in range(3):
        first.get_collection_status("c")
    second.get_collection_status("c")

    warnings = [r.getMessage() for r in caplog.records if r.name == "dnastack.collections"]
    assert len(warnings) == 4  # two variants, two services, once each
    assert sum("a.test" in w and "availability" in w for w in warnings) == 1
    assert sum("b.test" in w and "itemCounts" in w for w in warnings) == 1


def test_a_spec_status_does_not_warn(
    make_client: Callable[[str, Any], CollectionServiceClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="dnastack.collections")
    body = {"availability": "available", "itemCounts": {"table": 1}}

    status = make_client("http://a.test/cs/", body).get_collection_status("c")

    assert (status.availability, status.itemCounts) == ("available", {"table": 1})
    assert not [r for r in caplog.records if r.name == "dnastack.collections"]


@pytest.mark.parametrize("body", [[1, 2], {"availability": "x", "itemCounts": "many"}])
def test_a_body_that_is_not_a_status_is_a_parse_error(
    make_client: Callable[[str, Any], CollectionServiceClient], body: Any
) -> None:
    with pytest.raises(ResponseParseError):
        make_client("http://a.test/cs/", body).get_collection_status("c")
