"""``make(endpoint, **options)``: the constructor's keyword arguments pass through, sync and
asyncio alike (``make(endpoint)`` alone keeps working as in 3.x)."""

from __future__ import annotations

import pytest

from dnastack import DrsClient, ServiceEndpoint
from dnastack.aio import AsyncDrsClient

ENDPOINT = ServiceEndpoint(url="http://drs.test/ga4gh/drs/v1/")
PREFIXES = {"cohort": "http://other.test/ga4gh/drs/v1/"}


def test_make_passes_the_constructor_options_through() -> None:
    assert DrsClient.make(ENDPOINT, prefix_map=PREFIXES).prefix_map == PREFIXES
    client = AsyncDrsClient.make(ENDPOINT, prefix_map=PREFIXES, max_concurrency=3)
    assert (client.prefix_map, client.max_concurrency) == (PREFIXES, 3)


def test_make_with_the_endpoint_alone_is_the_plain_constructor() -> None:
    assert DrsClient.make(ENDPOINT).prefix_map == DrsClient(ENDPOINT).prefix_map
    assert AsyncDrsClient.make(ENDPOINT).max_concurrency == 16


def test_make_refuses_an_unknown_option_by_name() -> None:
    with pytest.raises(TypeError, match="max_concurency"):
        AsyncDrsClient.make(ENDPOINT, max_concurency=3)


def test_the_async_twin_answers_the_class_questions_as_the_sync_client() -> None:
    assert AsyncDrsClient.get_default_service_type() == DrsClient.get_default_service_type()
    assert AsyncDrsClient.make(ENDPOINT).require_authentication() is False
    secured = ServiceEndpoint(url=ENDPOINT.url, authentication={"type": "oauth2"})
    assert AsyncDrsClient.make(secured).require_authentication() is True
