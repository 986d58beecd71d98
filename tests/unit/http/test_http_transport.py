"""RetryTransport, the client builder and error translation (faults injected with MockTransport)."""

from __future__ import annotations

import logging
import re
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import certifi
import httpx
import pytest
from http_unit_support import FakeClock, Recorder

from dnastack.exceptions import ConfigurationError, TransportError
from dnastack.http.bounded_transport import BoundedTransport
from dnastack.http.retry import MAX_ATTEMPTS, MAX_TOTAL_SECONDS, RetryPolicy
from dnastack.http.transport import (
    IDEMPOTENT_EXTENSION,
    NOVERIFY,
    RetryTransport,
    build_http_client,
    tls_verification,
    translated_errors,
    user_agent,
)

URL = "https://api.example.org/data?token=query-secret"


def retrying_client(recorder: Recorder, clock: FakeClock, **kwargs: object) -> httpx.Client:
    transport = RetryTransport(
        recorder.transport,
        sleep=clock.sleep,
        monotonic=clock.monotonic,
        wall_clock=lambda: NOW.timestamp(),
        rng=lambda: 0.5,
        **kwargs,  # type: ignore[arg-type]
    )
    return httpx.Client(transport=transport)


NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
OK = httpx.Response(200, json={"ok": True})


def test_503_with_retry_after_seconds_then_200(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(503, headers={"Retry-After": "2"}), OK)
    response = retrying_client(recorder, clock).get(URL)
    assert response.status_code == 200
    assert len(recorder.requests) == 2
    assert clock.sleeps == [2.0]


def test_503_with_retry_after_http_date_then_200(clock: FakeClock) -> None:
    when = format_datetime(NOW + timedelta(seconds=7), usegmt=True)
    recorder = Recorder(httpx.Response(503, headers={"Retry-After": when}), OK)
    response = retrying_client(recorder, clock).get(URL)
    assert response.status_code == 200
    assert clock.sleeps == [pytest.approx(7.0)]


def test_429_without_retry_after_backs_off_with_jitter(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(429), httpx.Response(429), OK)
    assert retrying_client(recorder, clock).get(URL).status_code == 200
    assert clock.sleeps == [0.25, 0.5]  # rng 0.5 x ceilings 0.5 s, 1 s


def test_connection_reset_then_200(clock: FakeClock) -> None:
    recorder = Recorder(httpx.ReadError("[Errno 104] Connection reset by peer"), OK)
    assert retrying_client(recorder, clock).get(URL).status_code == 200
    assert len(recorder.requests) == 2


def test_connect_error_then_200(clock: FakeClock) -> None:
    recorder = Recorder(httpx.ConnectError("[Errno 111] Connection refused"), OK)
    assert retrying_client(recorder, clock).get(URL).status_code == 200


def test_post_is_not_retried(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(503, headers={"Retry-After": "1"}), OK)
    response = retrying_client(recorder, clock).post(URL, json={"q": 1})
    assert response.status_code == 503
    assert len(recorder.requests) == 1
    assert clock.sleeps == []


def test_post_connect_error_is_not_retried(clock: FakeClock) -> None:
    recorder = Recorder(httpx.ConnectError("refused"), OK)
    with pytest.raises(httpx.ConnectError):
        retrying_client(recorder, clock).post(URL, json={"q": 1})
    assert len(recorder.requests) == 1


def test_post_marked_idempotent_is_retried(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(502), OK)
    response = retrying_client(recorder, clock).post(
        URL, json={"q": 1}, extensions={IDEMPOTENT_EXTENSION: True}
    )
    assert response.status_code == 200
    assert [r.content for r in recorder.requests] == [b'{"q":1}', b'{"q":1}']


def test_put_with_one_shot_body_is_not_retried(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(503), OK)
    response = retrying_client(recorder, clock).put(URL, content=iter([b"chunk"]))
    assert response.status_code == 503
    assert len(recorder.requests) == 1


def test_attempts_are_bounded(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(503))
    response = retrying_client(recorder, clock).get(URL)
    assert response.status_code == 503
    assert len(recorder.requests) == MAX_ATTEMPTS
    assert len(clock.sleeps) == MAX_ATTEMPTS - 1


def test_connection_errors_surface_after_the_last_attempt(clock: FakeClock) -> None:
    recorder = Recorder(httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        retrying_client(recorder, clock).get(URL)
    assert len(recorder.requests) == MAX_ATTEMPTS


def test_total_time_is_bounded(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(503, headers={"Retry-After": "50"}))
    policy = RetryPolicy(max_attempts=100)
    response = retrying_client(recorder, clock, policy=policy).get(URL)
    assert response.status_code == 503
    assert clock.sleeps == [50.0, 50.0]  # a third 50 s wait would end after 120 s
    assert sum(clock.sleeps) <= MAX_TOTAL_SECONDS


def test_total_time_counts_slow_attempts(clock: FakeClock) -> None:
    def slow_503(request: httpx.Request) -> httpx.Response:
        clock.now += 70  # the server took 70 s to answer
        return httpx.Response(503)

    recorder = Recorder(slow_503)
    retrying_client(recorder, clock, policy=RetryPolicy(max_attempts=100)).get(URL)
    assert len(recorder.requests) == 2  # 70 s + backoff + 70 s > 120 s: no third attempt


def test_retry_after_longer_than_the_cap_is_not_shortened(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "3600"}), OK)
    response = retrying_client(recorder, clock).get(URL)
    assert response.status_code == 429
    assert clock.sleeps == []


def test_each_retry_is_logged_without_secrets(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(
        httpx.Response(503, headers={"Retry-After": "1"}), httpx.ReadError("reset"), OK
    )
    with caplog.at_level(logging.DEBUG):
        retrying_client(recorder, clock).get(URL, headers={"Authorization": "Bearer header-secret"})
    retries = [
        r for r in caplog.records if r.name == "dnastack.http" and r.levelno >= logging.WARNING
    ]
    assert [r.levelno for r in retries] == [logging.WARNING, logging.WARNING]
    first, second = (r.getMessage() for r in retries)
    assert first == (
        "retrying GET https://api.example.org/data after HTTP 503 (attempt 1 of 4) in 1.00s"
    )
    assert second.startswith("retrying GET https://api.example.org/data after ReadError (attempt 2")
    assert "header-secret" not in caplog.text
    assert "query-secret" not in caplog.text


def test_client_sends_user_agent_and_traceparent() -> None:
    recorder = Recorder(OK)
    with build_http_client(transport=recorder.transport) as client:
        client.get(URL)
        client.get(URL, headers={"traceparent": "00-" + "a" * 32 + "-" + "b" * 16 + "-01"})
    first, second = recorder.requests
    assert first.headers["User-Agent"] == user_agent()
    assert re.fullmatch(r"dnastack-sdk/\S+ python/\d+\.\d+\.\d+ httpx/0\.\d+\.\d+", user_agent())
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", first.headers["traceparent"])
    assert second.headers["traceparent"] == "00-" + "a" * 32 + "-" + "b" * 16 + "-01"


def test_client_timeouts_default_and_configurable() -> None:
    with build_http_client() as client:
        assert client.timeout.connect == 10.0
        assert client.timeout.read == 60.0
    with build_http_client(connect_timeout=2.0, read_timeout=5.0) as client:
        assert (client.timeout.connect, client.timeout.read) == (2.0, 5.0)


def test_client_built_with_injected_sleep_retries_with_it() -> None:
    slept: list[float] = []
    recorder = Recorder(httpx.Response(504), OK)
    with build_http_client(
        transport=recorder.transport, sleep=slept.append, rng=lambda: 0.0
    ) as client:
        assert client.get(URL).status_code == 200
    assert slept == [0.0]


def test_client_retry_policy_is_configurable() -> None:
    recorder = Recorder(httpx.Response(503))
    policy = RetryPolicy.with_max_retries(0)
    with build_http_client(transport=recorder.transport, retry_policy=policy) as client:
        assert client.get(URL).status_code == 503
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(("ca_cert", "expected"), [(None, True), ("", True), (NOVERIFY, False)])
def test_tls_verification_values(ca_cert: str | None, expected: bool) -> None:
    assert tls_verification(ca_cert) is expected


def test_tls_verification_from_a_ca_bundle_path() -> None:
    assert isinstance(tls_verification(certifi.where()), ssl.SSLContext)


def test_tls_verification_from_a_missing_path_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match=r"no-such-bundle\.pem"):
        tls_verification("/nonexistent/no-such-bundle.pem")


def test_environment_proxies_are_used_and_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example.org")
    with build_http_client() as client:
        proxied = client._transport_for_url(httpx.URL("https://api.example.org/"))
        direct = client._transport_for_url(httpx.URL("https://internal.example.org/"))
        assert isinstance(proxied, BoundedTransport)
        assert isinstance(proxied.wrapped, RetryTransport)
        assert proxied is not client._transport
        assert direct is client._transport


def test_explicit_proxy_wins_and_trust_env_false_ignores_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    with build_http_client(trust_env=False) as client:
        assert client._transport_for_url(httpx.URL("https://a.example/")) is client._transport
    with build_http_client(proxy="http://127.0.0.1:8888", trust_env=False) as client:
        transport = client._transport_for_url(httpx.URL("http://a.example/"))
        assert isinstance(transport, BoundedTransport) and transport is not client._transport
        assert isinstance(transport.wrapped, RetryTransport)


class _CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    peers: set[tuple[str, int]] = set()

    def do_GET(self) -> None:
        self.peers.add(self.client_address)
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_one_pooled_connection_is_reused_across_requests(local_server: str) -> None:
    _CountingHandler.peers = set()
    with build_http_client(trust_env=False) as client:
        for _ in range(5):
            assert client.get(f"{local_server}/x").status_code == 200
    assert len(_CountingHandler.peers) == 1


def test_translated_errors_names_method_and_url_without_query() -> None:
    with pytest.raises(TransportError) as caught, translated_errors("GET", URL):
        raise httpx.ConnectError("[Errno 111] Connection refused")
    error = caught.value
    assert (error.method, error.url) == ("GET", "https://api.example.org/data")
    assert "query-secret" not in str(error)
    assert "Connection refused" in str(error)
    assert isinstance(error.__cause__, httpx.ConnectError)


def test_translated_errors_reports_timeouts() -> None:
    with pytest.raises(TransportError, match="timed out") as caught, translated_errors("POST", URL):
        raise httpx.ReadTimeout("read timed out")
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_translated_errors_leave_other_exceptions_alone() -> None:
    with pytest.raises(KeyError), translated_errors("GET", URL):
        raise KeyError("x")


def test_the_client_keeps_cookies_like_httpx() -> None:
    """Cookies are only looked for in responses that set one; a cookie set by one answer
    still goes back with the next requests (and a later answer without one keeps it)."""
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Cookie"))
        headers = {"Set-Cookie": "session=abc; Path=/"} if len(seen) == 1 else {}
        return httpx.Response(200, json={}, headers=headers)

    with build_http_client(transport=httpx.MockTransport(handler), trust_env=False) as client:
        for _ in range(3):
            client.get("http://api.test/x")
        assert client.cookies.get("session") == "abc"
        client.cookies = {"other": "1"}  # a jar set by the caller is used as with httpx
        client.get("http://api.test/x")
    assert seen == [None, "session=abc", "session=abc", "other=1"]
