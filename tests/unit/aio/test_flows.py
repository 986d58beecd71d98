"""The DRS look-up flows answered by hand (no sockets), and the two drivers agreeing."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from dnastack.client.drs import lookup_flows
from dnastack.client.drs.errors import DrsObjectNotFoundError
from dnastack.client.flows import Gather, Send, Sleep, arun_flow, run_flow
from dnastack.exceptions import DnastackError, NotFoundError

BASE = "http://drs.test/ga4gh/drs/v1/"


def drs_json(object_id: str) -> dict[str, Any]:
    return {
        "id": object_id,
        "self_uri": f"drs://drs.test/{object_id}",
        "size": 3,
        "created_time": "2024-01-01T00:00:00Z",
        "checksums": [{"type": "md5", "checksum": "0" * 32}],
    }


def answer(step: Send, status: int, body: Any = None, **headers: str) -> httpx.Response:
    request = httpx.Request(step.method, step.url)
    content = json.dumps(body).encode() if body is not None else b""
    return httpx.Response(status, content=content, headers=headers, request=request)


def test_accepted_waits_as_told_then_parses() -> None:
    flow = lookup_flows.fetch_object(BASE, "a", False, False, None)
    first = next(flow)
    assert isinstance(first, Send) and first.url == f"{BASE}objects/a"
    assert flow.send(answer(first, 202, **{"Retry-After": "3"})) == Sleep(3.0)
    second = flow.send(None)
    with pytest.raises(StopIteration) as done:
        flow.send(answer(second, 200, drs_json("a")))
    assert done.value.value.id == "a"


def test_not_found_becomes_the_drs_error() -> None:
    flow = lookup_flows.fetch_object(BASE, "gone", False, False, None)
    step = next(flow)
    with pytest.raises(DrsObjectNotFoundError):
        flow.throw(NotFoundError(answer(step, 404)))


def test_without_bulk_the_rest_is_gathered_as_single_look_ups() -> None:
    flow = lookup_flows.resolve_ids(BASE, ["a", "b", "a"], False, False, None)
    bulk = next(flow)
    assert isinstance(bulk, Send) and bulk.method == "POST"
    gather = flow.send(answer(bulk, 405))
    assert isinstance(gather, Gather) and len(gather.flows) == 2  # duplicates once
    with pytest.raises(StopIteration) as done:
        flow.send(["A", DnastackError("b failed")])
    assert done.value.value[0] == "A" and done.value.value[2] == "A"
    assert isinstance(done.value.value[1], DnastackError)


class FakeSession:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def _answer(self, method: str, url: str) -> httpx.Response:
        self.sent.append(f"{method} {url}")
        step = Send(method, url)
        if method == "POST":
            return answer(step, 405)
        object_id = url.rsplit("/", 1)[-1]
        return answer(step, 200, drs_json(object_id))

    def submit(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = self._answer(method, url)
        if response.status_code >= 400:
            from dnastack.exceptions import http_error_for

            raise http_error_for(response)
        return response


class FakeAsyncSession(FakeSession):
    async def submit(self, method: str, url: str, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        return FakeSession.submit(self, method, url, **kwargs)


def test_sync_and_async_drivers_give_the_same_results() -> None:
    ids = ["a", "b", "c"]
    sync_session, async_session = FakeSession(), FakeAsyncSession()
    sync = run_flow(
        lookup_flows.resolve_ids(BASE, ids, False, False, None),
        lambda no_auth: sync_session,
        lambda s: None,
    )

    async def sleep(seconds: float) -> None:
        pass

    concurrent = asyncio.run(
        arun_flow(
            lookup_flows.resolve_ids(BASE, ids, False, False, None),
            lambda no_auth: async_session,
            sleep,
        )
    )
    assert [o.id for o in sync] == [o.id for o in concurrent] == ids  # type: ignore[union-attr]
    assert sorted(sync_session.sent) == sorted(async_session.sent)
