"""AsyncRetryTransport drives the same retry plan as RetryTransport: same decisions for the
same outcomes (fault injection with httpx.MockTransport; injected sleep, no real waiting)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from dnastack.http.async_transport import AsyncRetryTransport
from dnastack.http.retry import DEFAULT_POLICY
from dnastack.http.transport import RetryTransport

SCRIPTS = {
    "503 then 200": [503, 200],
    "429 with Retry-After then 200": [429, 200],
    "connect error then 200": ["connect", 200],
    "always 502": [502, 502, 502, 502, 502],
    "404 is final": [404, 200],
}


def scripted(script: list[int | str]) -> tuple[list[str], object]:
    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        outcome = script[len(attempts)]
        attempts.append(request.method)
        if outcome == "connect":
            raise httpx.ConnectError("refused", request=request)
        headers = {"Retry-After": "2"} if outcome == 429 else {}
        return httpx.Response(int(outcome), headers=headers)

    return attempts, handler


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_sync_and_async_drivers_take_the_same_decisions(name: str) -> None:
    sync_attempts, sync_handler = scripted(SCRIPTS[name])
    sync_waits: list[float] = []
    sync = RetryTransport(
        httpx.MockTransport(sync_handler),  # type: ignore[arg-type]
        sleep=sync_waits.append,
        rng=lambda: 0.5,
    )
    with httpx.Client(transport=sync) as client:
        sync_status = client.get("http://api.test/x").status_code

    async_attempts, async_handler = scripted(SCRIPTS[name])
    async_waits: list[float] = []

    async def sleep(seconds: float) -> None:
        async_waits.append(seconds)

    async def main() -> int:
        transport = AsyncRetryTransport(
            httpx.MockTransport(async_handler),  # type: ignore[arg-type]
            sleep=sleep,
            rng=lambda: 0.5,
        )
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.get("http://api.test/x")).status_code

    assert asyncio.run(main()) == sync_status
    assert async_attempts == sync_attempts
    assert async_waits == sync_waits
    assert len(sync_attempts) <= DEFAULT_POLICY.max_attempts


def test_a_retry_wait_past_the_call_deadline_ends_at_the_deadline() -> None:
    """Retry-After 60 s under a 1 s deadline: the driver sleeps what is left of the deadline
    (not 60 s), sends no second attempt, and the call fails with the deadline's error."""
    from dnastack.exceptions import DeadlineExceededError
    from dnastack.http.async_bounded_transport import AsyncBoundedTransport

    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request.method)
        return httpx.Response(429, headers={"Retry-After": "60"})

    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def main() -> None:
        transport = AsyncBoundedTransport(
            AsyncRetryTransport(httpx.MockTransport(handler), sleep=sleep),  # type: ignore[arg-type]
            max_response_bytes=None,
            deadline_seconds=1.0,
            inner_honours_deadline=True,
        )
        async with httpx.AsyncClient(transport=transport) as client:
            await client.get("http://api.test/x")

    with pytest.raises(DeadlineExceededError):
        asyncio.run(main())
    assert attempts == ["GET"]
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0
