"""HttpSession: the documented session on the configured client, with typed errors."""

from __future__ import annotations

import logging

import httpx
import pytest
from http_unit_support import Recorder, ScriptedAuthenticator

from dnastack.common.tracing import Span
from dnastack.exceptions import (
    ClientRequestError,
    NotFoundError,
    ServerError,
    TransportError,
    UnauthorizedError,
)
from dnastack.http.session import AuthenticationError, HttpError, HttpSession
from dnastack.http.transport import build_http_client

API = "https://api.example.org"


def session_with(
    recorder: Recorder, *authenticators: ScriptedAuthenticator, **kwargs: object
) -> HttpSession:
    client = build_http_client(transport=recorder.transport, sleep=lambda s: None)
    return HttpSession(authenticators=list(authenticators), session=client, **kwargs)  # type: ignore[arg-type]


def test_errors_are_re_exported_from_the_documented_module() -> None:
    from dnastack import exceptions

    assert HttpError is exceptions.HttpError
    assert AuthenticationError is exceptions.AuthenticationError


def test_documented_constructor_defaults() -> None:
    session = HttpSession()
    assert session.authenticators == []
    assert session.events is not None
    session.close()


def test_get_adds_credentials_and_trace_context(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(200, json={"id": "1"}))
    span = Span()
    with session_with(recorder, scripted) as session:
        response = session.get(f"{API}/objects/1", trace_context=span, params={"expand": "true"})
    assert response.json() == {"id": "1"}
    request = recorder.requests[0]
    assert request.headers["Authorization"] == "Bearer token-1"
    assert request.headers["traceparent"].startswith(f"00-{span.trace_id}-")
    assert request.url.params["expand"] == "true"


def test_submit_encodes_json_and_retries_idempotent_pages(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(503), httpx.Response(200, json={"data": []}))
    with session_with(recorder, scripted) as session:
        session.submit("post", f"{API}/search", json={"query": "SELECT 1"}, idempotent=True)
    assert [r.content for r in recorder.requests] == [b'{"query":"SELECT 1"}'] * 2
    assert recorder.requests[0].headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(404, NotFoundError), (400, ClientRequestError), (500, ServerError), (503, ServerError)],
)
def test_non_2xx_raises_the_typed_error_with_the_span(
    status: int, error_type: type[HttpError]
) -> None:
    recorder = Recorder(httpx.Response(status, json={"message": "nope"}))
    span = Span()
    with session_with(recorder) as session, pytest.raises(error_type) as caught:
        session.get(f"{API}/objects/missing?token=abc", trace_context=span)
    error = caught.value
    assert error.status_code == status
    assert error.server_message == "nope"
    assert error.trace is not None and error.trace.trace_id == span.trace_id
    assert "abc" not in str(error)


def test_unauthorized_without_authenticators_is_an_http_error() -> None:
    with session_with(Recorder(httpx.Response(401))) as session, pytest.raises(UnauthorizedError):
        session.get(f"{API}/x")


def test_transport_failure_is_a_transport_error() -> None:
    recorder = Recorder(httpx.ConnectError("[Errno 111] Connection refused"))
    with session_with(recorder) as session, pytest.raises(TransportError) as caught:
        session.get(f"{API}/x?token=abc")
    assert caught.value.method == "GET"
    assert caught.value.url == f"{API}/x"
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_suppress_error_false_logs_the_error_and_still_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder = Recorder(httpx.Response(404))
    with caplog.at_level(logging.WARNING, logger="dnastack.http"):
        with session_with(recorder, suppress_error=True) as quiet, pytest.raises(NotFoundError):
            quiet.get(f"{API}/a")
        assert not caplog.records
        with session_with(recorder, suppress_error=False) as loud, pytest.raises(NotFoundError):
            loud.get(f"{API}/a?token=abc")
    assert [r.getMessage() for r in caplog.records] == [f"GET {API}/a -> HTTP 404"]


def test_enable_auth_false_sends_no_credentials(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(200))
    with session_with(recorder, scripted, enable_auth=False) as session:
        session.get(f"{API}/x")
    assert "Authorization" not in recorder.requests[0].headers
    assert scripted.issued == 0


def test_stream_yields_the_body_and_raises_typed_errors(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(200, content=b"0123456789"))
    with session_with(recorder, scripted) as session:
        with session.stream("GET", f"{API}/blob") as response:
            assert b"".join(response.iter_bytes()) == b"0123456789"
        failing = session_with(Recorder(httpx.Response(404, json={"msg": "gone"})))
        with pytest.raises(NotFoundError, match="gone"), failing.stream("GET", f"{API}/blob"):
            pass


def test_a_shared_client_stays_open_and_an_own_client_is_closed() -> None:
    shared = build_http_client(transport=Recorder(httpx.Response(200)).transport)
    with HttpSession(session=shared) as session:
        assert session.httpx_client is shared
    assert not shared.is_closed
    own = HttpSession()
    client = own.httpx_client
    assert own.httpx_client is client  # one pooled client per session
    own.close()
    assert client.is_closed


def test_the_built_client_carries_the_session_auth(scripted: ScriptedAuthenticator) -> None:
    with HttpSession(authenticators=[scripted]) as session:
        assert session.httpx_client.auth is not None


def test_every_method_shim_uses_submit(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(200))
    with session_with(recorder, scripted) as session:
        session.get(f"{API}/x")
        session.post(f"{API}/x", json={})
        session.put(f"{API}/x", json={})
        session.delete(f"{API}/x")
        session.head(f"{API}/x")
    assert [r.method for r in recorder.requests] == ["GET", "POST", "PUT", "DELETE", "HEAD"]
    assert all(r.headers["Authorization"] == "Bearer token-1" for r in recorder.requests)


def test_authenticator_events_are_relayed(scripted: ScriptedAuthenticator) -> None:
    seen: list[str] = []
    session = HttpSession(authenticators=[scripted])
    session.events.on("session-restored", lambda event: seen.append(event.name))
    scripted.events.dispatch("session-restored", {"session_id": "s"})
    assert seen == ["session-restored"]
