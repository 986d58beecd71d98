"""The retry loop of one request, I/O-free: which attempt to send, how long to wait.

:func:`retry_plan` is a generator of steps. The sync transport
(:class:`~dnastack.http.transport.RetryTransport`) and the asyncio one
(:class:`~dnastack.http.async_transport.AsyncRetryTransport`) drive it, each with its own
way of sending, sleeping and discarding a response; the decisions (policy in
:mod:`dnastack.http.retry`, logging) exist once, here.

Steps and what the driver answers:

* an ``httpx.Request``: send it; answer the response, or the ``httpx.TransportError`` raised
  (as a value, not thrown: the plan decides whether it ends the loop);
* :class:`Discard`: read and close a response that will be retried; answer ``None``;
* :class:`Wait`: sleep; answer ``None``.

The plan returns the final response or raises the final transport error.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

import httpx

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import safe_url
from dnastack.http.retry import RetryPolicy, next_delay, parse_retry_after, should_retry

__all__ = ["IDEMPOTENT_EXTENSION", "Discard", "RetryStep", "Wait", "retry_plan"]

IDEMPOTENT_EXTENSION = "dnastack.idempotent"
"""Request extension marking a non-idempotent method safe to retry (e.g. a page fetch):
``client.post(url, extensions={IDEMPOTENT_EXTENSION: True})``."""

_logger = sdk_logger("dnastack.http")


@dataclass(frozen=True)
class Wait:
    """Sleep this long before the next attempt."""

    seconds: float


@dataclass(frozen=True)
class Discard:
    """Read (so the connection can be reused) and close a response that will be retried."""

    response: httpx.Response


RetryStep = httpx.Request | Discard | Wait
RetryPlan = Generator[RetryStep, "httpx.Response | httpx.TransportError | None", httpx.Response]


def retry_plan(
    request: httpx.Request,
    policy: RetryPolicy,
    *,
    monotonic: Callable[[], float],
    wall_clock: Callable[[], float],
    rng: Callable[[], float],
) -> RetryPlan:
    """Attempts of ``request`` under ``policy`` (see the module docstring for the protocol).

    A request is retried when its method is idempotent or it carries the
    :data:`IDEMPOTENT_EXTENSION` extension, and its body can be replayed (bytes, form or
    JSON; not a one-shot generator). Every retry is logged at WARNING on ``dnastack.http``
    with the method, the URL without query string, the cause, the attempt and the delay.
    """
    hint = bool(request.extensions.get(IDEMPOTENT_EXTENSION, False))
    replayable = isinstance(request.stream, httpx.ByteStream)
    started = monotonic()
    attempt = 0
    while True:
        attempt += 1
        outcome = yield request
        if isinstance(outcome, httpx.TransportError):
            cause: int | BaseException = outcome
            retry_after = None
        elif isinstance(outcome, httpx.Response):
            if outcome.status_code not in policy.retryable_statuses:
                return outcome
            cause = outcome.status_code
            retry_after = parse_retry_after(outcome.headers.get("Retry-After"), wall_clock())
        else:  # pragma: no cover - a driver bug
            raise TypeError(f"a retry plan needs a response or a transport error, got {outcome!r}")
        elapsed = monotonic() - started
        delay = (
            next_delay(attempt, elapsed, retry_after, rng, policy)
            if replayable and should_retry(request.method, cause, attempt, elapsed, hint, policy)
            else None
        )
        if delay is None:
            if isinstance(outcome, httpx.TransportError):
                raise outcome
            return outcome
        if isinstance(outcome, httpx.Response):
            yield Discard(outcome)
        described = f"HTTP {cause}" if isinstance(cause, int) else type(cause).__name__
        _logger.warning(
            "retrying %s %s after %s (attempt %d of %d) in %.2fs",
            request.method,
            safe_url(request.url),
            described,
            attempt,
            policy.max_attempts,
            delay,
        )
        yield Wait(delay)
