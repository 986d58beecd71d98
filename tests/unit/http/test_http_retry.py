"""Table tests for the pure retry policy functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from dnastack.http.retry import (
    BASE_DELAY_SECONDS,
    DEFAULT_POLICY,
    IDEMPOTENT_METHODS,
    MAX_ATTEMPTS,
    MAX_BACKOFF_SECONDS,
    MAX_RETRY_AFTER_SECONDS,
    MAX_TOTAL_SECONDS,
    RETRYABLE_STATUSES,
    RetryPolicy,
    backoff_delay,
    next_delay,
    parse_retry_after,
    should_retry,
)

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def http_date(offset_seconds: float) -> str:
    return format_datetime(NOW + timedelta(seconds=offset_seconds), usegmt=True)


def test_policy_constants_are_the_documented_ones() -> None:
    assert MAX_ATTEMPTS == 4
    assert BASE_DELAY_SECONDS == 0.5
    assert MAX_BACKOFF_SECONDS == 10.0
    assert MAX_RETRY_AFTER_SECONDS == 60.0
    assert MAX_TOTAL_SECONDS == 120.0
    assert {429, 502, 503, 504} == RETRYABLE_STATUSES
    assert {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"} == IDEMPOTENT_METHODS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("-1", None),
        ("-0.5", None),
        ("inf", None),
        ("nan", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Wed, 99 Foo 2015 07:28:00 GMT", None),
        ("Fri, 02 Jan 2026 03:04:35 -0000", None),  # not a GMT date (parses naive)
    ],
)
def test_parse_retry_after_seconds_and_garbage(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW.timestamp()) == expected


@pytest.mark.parametrize(("offset", "expected"), [(30, 30.0), (0, 0.0), (-45, 0.0), (3600, 3600.0)])
def test_retry_after_http_date_is_honoured(offset: float, expected: float) -> None:
    assert parse_retry_after(http_date(offset), NOW.timestamp()) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("attempt", "draw", "expected"),
    [
        (1, 0.999999, 0.5),
        (2, 0.999999, 1.0),
        (3, 0.999999, 2.0),
        (5, 0.999999, 8.0),
        (6, 0.999999, 10.0),  # capped
        (1000, 0.999999, 10.0),  # no overflow
        (3, 0.5, 1.0),  # full jitter: uniform in [0, ceiling)
        (3, 0.0, 0.0),
        (0, 0.999999, 0.5),  # nonsense attempt numbers are treated as the first
    ],
)
def test_backoff_is_capped_exponential_with_full_jitter(
    attempt: int, draw: float, expected: float
) -> None:
    assert backoff_delay(attempt, lambda: draw) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize(
    ("method", "outcome", "attempt", "elapsed", "hint", "expected"),
    [
        ("GET", 503, 1, 0.0, False, True),
        ("get", 429, 1, 0.0, False, True),
        ("HEAD", 502, 1, 0.0, False, True),
        ("OPTIONS", 504, 1, 0.0, False, True),
        ("PUT", 503, 1, 0.0, False, True),
        ("DELETE", 503, 1, 0.0, False, True),
        ("POST", 503, 1, 0.0, False, False),  # not idempotent
        ("PATCH", 503, 1, 0.0, False, False),
        ("POST", 503, 1, 0.0, True, True),  # marked idempotent (page fetch)
        ("GET", 500, 1, 0.0, False, False),  # not a retryable status
        ("GET", 404, 1, 0.0, False, False),
        ("GET", 200, 1, 0.0, False, False),
        ("GET", 503, MAX_ATTEMPTS - 1, 0.0, False, True),
        ("GET", 503, MAX_ATTEMPTS, 0.0, False, False),  # attempts exhausted
        ("GET", 503, 1, MAX_TOTAL_SECONDS, False, False),  # total time exhausted
        ("GET", httpx.ConnectError("refused"), 1, 0.0, False, True),
        ("GET", httpx.ConnectTimeout("slow"), 1, 0.0, False, True),
        ("GET", httpx.ReadError("reset"), 1, 0.0, False, True),
        ("GET", httpx.RemoteProtocolError("disconnected"), 1, 0.0, False, True),
        ("GET", httpx.ReadTimeout("slow"), 1, 0.0, False, False),
        ("GET", httpx.UnsupportedProtocol("ftp"), 1, 0.0, False, False),
        ("GET", ValueError("bug"), 1, 0.0, False, False),
        ("POST", httpx.ConnectError("refused"), 1, 0.0, False, False),
    ],
)
def test_should_retry_table(
    method: str,
    outcome: int | BaseException,
    attempt: int,
    elapsed: float,
    hint: bool,
    expected: bool,
) -> None:
    assert should_retry(method, outcome, attempt, elapsed, hint) is expected


@pytest.mark.parametrize(
    ("attempt", "elapsed", "retry_after", "draw", "expected"),
    [
        (1, 0.0, None, 0.999999, 0.5),  # backoff
        (4, 0.0, None, 0.999999, 4.0),
        (1, 0.0, 3.0, 0.999999, 3.0),  # Retry-After wins over backoff
        (1, 0.0, 0.0, 0.999999, 0.0),
        (1, 0.0, MAX_RETRY_AFTER_SECONDS, 0.5, MAX_RETRY_AFTER_SECONDS),
        (1, 0.0, MAX_RETRY_AFTER_SECONDS + 1, 0.5, None),  # longer than we wait: give up
        (1, 100.0, 30.0, 0.5, None),  # would end after the total bound
        (1, 100.0, 20.0, 0.5, 20.0),  # ends exactly at the bound
        (6, 115.0, None, 0.999999, None),  # backoff (10 s) does not fit in the 5 s left
        (6, 115.0, None, 0.4, 4.0),
    ],
)
def test_next_delay_table(
    attempt: int, elapsed: float, retry_after: float | None, draw: float, expected: float | None
) -> None:
    result = next_delay(attempt, elapsed, retry_after, lambda: draw)
    assert result == (pytest.approx(expected, rel=1e-5) if expected is not None else None)


def test_policy_with_max_retries_sets_attempts() -> None:
    assert RetryPolicy.with_max_retries(0).max_attempts == 1
    assert RetryPolicy.with_max_retries(5).max_attempts == 6
    assert not should_retry("GET", 503, 1, 0.0, policy=RetryPolicy.with_max_retries(0))
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy.with_max_retries(-1)
    assert RetryPolicy() == DEFAULT_POLICY
