"""The retry policy as small pure functions: what to retry, and how long to wait.

Nothing here sleeps, reads a clock or draws random numbers by itself: the caller passes
``now``, ``elapsed`` and ``rng``, so every rule is table-tested deterministically.

Policy (defaults):

* a request is retried only when it is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, or
  marked idempotent by the caller) AND the outcome is retryable: a connection-level failure
  where no response arrived (connect error/timeout, connection reset, protocol error) or a
  status in 429, 502, 503, 504;
* at most :data:`MAX_ATTEMPTS` attempts (first try included);
* the wait is ``Retry-After`` when the server sends one (seconds or HTTP-date) and it is at
  most :data:`MAX_RETRY_AFTER_SECONDS`; otherwise capped exponential backoff with full
  jitter: ``uniform(0, min(MAX_BACKOFF_SECONDS, BASE_DELAY_SECONDS * 2 ** (attempt - 1)))``;
* no retry starts after :data:`MAX_TOTAL_SECONDS` since the first attempt, and a wait that
  would cross that bound is not taken (the last error surfaces instead).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

__all__ = [
    "BASE_DELAY_SECONDS",
    "DEFAULT_POLICY",
    "IDEMPOTENT_METHODS",
    "MAX_ATTEMPTS",
    "MAX_BACKOFF_SECONDS",
    "MAX_RETRY_AFTER_SECONDS",
    "MAX_TOTAL_SECONDS",
    "RETRYABLE_EXCEPTIONS",
    "RETRYABLE_STATUSES",
    "RetryPolicy",
    "backoff_delay",
    "is_idempotent",
    "is_retryable_outcome",
    "next_delay",
    "parse_retry_after",
    "should_retry",
]

MAX_ATTEMPTS = 4
"""Attempts per request, the first one included (so three retries)."""
BASE_DELAY_SECONDS = 0.5
"""Backoff ceiling after the first failed attempt; it doubles with each attempt."""
MAX_BACKOFF_SECONDS = 10.0
"""Cap on one computed backoff wait."""
MAX_RETRY_AFTER_SECONDS = 60.0
"""Longest server-requested ``Retry-After`` wait honoured; a longer one ends the retries."""
MAX_TOTAL_SECONDS = 120.0
"""No retry starts, and no wait is taken that ends, later than this after the first attempt."""
RETRYABLE_STATUSES: frozenset[int] = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS: frozenset[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRYABLE_EXCEPTIONS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,  # e.g. connection reset by peer
    httpx.WriteError,
    httpx.RemoteProtocolError,  # e.g. server disconnected without sending a response
)
"""Failures where no response arrived. Read/write timeouts are not retried: the server may
still be working on the request, and retrying a slow server multiplies the wait."""


@dataclass(frozen=True)
class RetryPolicy:
    """The bounds and sets above, bundled so a client can carry its own (e.g. max retries)."""

    max_attempts: int = MAX_ATTEMPTS
    base_delay: float = BASE_DELAY_SECONDS
    max_backoff: float = MAX_BACKOFF_SECONDS
    max_retry_after: float = MAX_RETRY_AFTER_SECONDS
    max_total: float = MAX_TOTAL_SECONDS
    retryable_statuses: frozenset[int] = RETRYABLE_STATUSES
    idempotent_methods: frozenset[str] = IDEMPOTENT_METHODS

    @classmethod
    def with_max_retries(cls, max_retries: int) -> RetryPolicy:
        """The default policy with ``max_retries`` retries (``0`` disables retrying)."""
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, not {max_retries}")
        return cls(max_attempts=max_retries + 1)


DEFAULT_POLICY = RetryPolicy()


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header value.

    Args:
        value: the header value: delay-seconds (``"120"``, ``"1.5"``) or an HTTP-date.
        now: the current wall-clock time as a POSIX timestamp (for HTTP-dates).

    Returns:
        The delay in seconds (``0.0`` for an HTTP-date already past), or ``None`` when the
        value is missing, negative, not finite or not parseable.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; "-0000" parses as naive
        return None
    return max(0.0, when.timestamp() - now)


def backoff_delay(
    attempt: int, rng: Callable[[], float], policy: RetryPolicy = DEFAULT_POLICY
) -> float:
    """Capped exponential backoff with full jitter after failed attempt number ``attempt``.

    Args:
        attempt: 1-based number of the attempt that just failed.
        rng: returns a float in ``[0, 1)`` (``random.random`` in production).
    """
    exponent = min(max(attempt, 1) - 1, 62)  # no float overflow on absurd attempt numbers
    ceiling = min(policy.max_backoff, policy.base_delay * 2.0**exponent)
    return rng() * ceiling


def is_idempotent(
    method: str, idempotent_hint: bool = False, policy: RetryPolicy = DEFAULT_POLICY
) -> bool:
    """Whether repeating the request is safe: an idempotent method or an explicit hint."""
    return idempotent_hint or method.upper() in policy.idempotent_methods


def is_retryable_outcome(
    outcome: int | BaseException, policy: RetryPolicy = DEFAULT_POLICY
) -> bool:
    """Whether a status code or a transport exception is worth another attempt."""
    if isinstance(outcome, BaseException):
        return isinstance(outcome, RETRYABLE_EXCEPTIONS)
    return outcome in policy.retryable_statuses


def should_retry(
    method: str,
    outcome: int | BaseException,
    attempt: int,
    elapsed: float,
    idempotent_hint: bool = False,
    policy: RetryPolicy = DEFAULT_POLICY,
) -> bool:
    """Whether to make another attempt after ``attempt`` attempts and ``elapsed`` seconds.

    Args:
        method: the HTTP method.
        outcome: the response status, or the exception raised instead of a response.
        attempt: 1-based number of the attempt that just finished.
        elapsed: seconds since the first attempt started.
        idempotent_hint: the caller marked this request safe to repeat (e.g. a page fetch).
    """
    return (
        attempt < policy.max_attempts
        and elapsed < policy.max_total
        and is_idempotent(method, idempotent_hint, policy)
        and is_retryable_outcome(outcome, policy)
    )


def next_delay(
    attempt: int,
    elapsed: float,
    retry_after: float | None,
    rng: Callable[[], float],
    policy: RetryPolicy = DEFAULT_POLICY,
) -> float | None:
    """How long to wait before the next attempt, or ``None`` when no wait fits the bounds.

    Args:
        attempt: 1-based number of the attempt that just failed.
        elapsed: seconds since the first attempt started.
        retry_after: the parsed ``Retry-After`` (see :func:`parse_retry_after`), if any.
        rng: returns a float in ``[0, 1)``.

    A ``Retry-After`` longer than the policy's ``max_retry_after`` or than the time left is
    not shortened (a retry the server asked us not to send would be wasted): ``None``.
    """
    remaining = policy.max_total - elapsed
    if retry_after is not None:
        if retry_after > policy.max_retry_after or retry_after > remaining:
            return None
        return retry_after
    delay = backoff_delay(attempt, rng, policy)
    return delay if delay <= remaining else None
