"""``prepare_request`` + ``built_request``: the request both sessions send is the one
``client.request`` would build from the same arguments with the ``traceparent`` (and, for
``json``, the content type) merged into the caller's headers: same method, URL, headers in
the same order, body and extensions; ``auth`` and ``follow_redirects`` go to ``send``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from dnastack.common.tracing import Span
from dnastack.http.plain_request import plain_request
from dnastack.http.session import built_request, prepare_request

CASES: dict[str, dict[str, Any]] = {
    "nothing": {},
    "params": {"params": {"q": "a b", "n": "1"}},
    "headers": {"headers": {"Accept": "application/json", "X-Custom": "1"}},
    "caller traceparent wins": {"headers": {"TraceParent": "00-abc-def-01"}},
    "json": {"json": {"a": [1, 2]}},
    "json and headers": {"json": {"a": 1}, "headers": {"Content-Type": "text/plain"}},
    "content": {"content": b"raw bytes"},
    "form": {"data": {"k": "v"}},
    "timeout": {"timeout": 3.5},
    "requests timeout": {"timeout": (2, 30)},
    "extensions": {"extensions": {"custom": 1}},
    "redirects off": {"allow_redirects": False},
}


def _client() -> httpx.Client:
    return httpx.Client(headers={"User-Agent": "test-agent", "X-Client": "default"})


def _as_client_request_would(
    client: httpx.Client,
    span: Span,
    kwargs: dict[str, Any],
    method: str = "POST",
    url: str = "http://127.0.0.1:9/api/items",
) -> Any:
    """The request ``client.request`` builds with the SDK's headers merged in."""
    options = dict(kwargs)
    options.pop("allow_redirects", None)
    if isinstance(options.get("timeout"), tuple):
        connect, read = options["timeout"]
        options["timeout"] = httpx.Timeout(read, connect=connect)
    headers = httpx.Headers(options.pop("headers", None))
    headers.setdefault("traceparent", span.create_http_headers()["traceparent"])
    if "json" in options:
        options["content"] = httpx.Request("POST", "http://x", json=options.pop("json")).content
        headers.setdefault("content-type", "application/json")
    return client.build_request(method, url, headers=headers, **options)


@pytest.mark.parametrize("name", list(CASES))
def test_the_built_request_is_the_one_client_request_would_send(name: str) -> None:
    kwargs = CASES[name]
    client = _client()
    parent = Span()
    call = prepare_request(parent, False, dict(kwargs), True, None)
    expected_span = call.span

    request = built_request(client, "post", "http://127.0.0.1:9/api/items", call)
    expected = _as_client_request_would(client, expected_span, kwargs)

    assert request.method == expected.method == "POST"
    assert request.url == expected.url
    assert request.headers.raw == expected.headers.raw
    assert request.read() == expected.read()
    assert request.extensions == expected.extensions
    assert expected_span.trace_id == parent.trace_id


def test_send_options_carry_auth_and_redirects_only() -> None:
    options = {"allow_redirects": False, "params": {"a": "1"}}
    call = prepare_request(None, True, options, False, None)

    assert call.send_options == {"follow_redirects": False, "auth": None}
    assert "follow_redirects" not in call.options and "auth" not in call.options
    assert call.options["params"] == {"a": "1"}
    assert call.options["extensions"]


def test_credentials_go_to_send_when_enabled() -> None:
    auth = httpx.BasicAuth("u", "p")

    enabled = prepare_request(None, False, {}, True, auth)
    disabled = prepare_request(None, False, {"auth": auth}, False, auth)

    assert enabled.send_options == {"auth": auth}
    assert disabled.send_options == {"auth": None}


def test_a_call_without_headers_merges_none() -> None:
    """The point of the split: no header set to merge into the client's; the
    ``traceparent`` is set on the built request instead."""
    call = prepare_request(None, False, {}, True, None)

    assert "headers" not in call.options
    assert call.traceparent == call.span.create_http_headers()["traceparent"]
    request = built_request(_client(), "GET", "http://127.0.0.1:9/", call)
    assert request.headers.raw[-1] == (b"traceparent", call.traceparent.encode())


def _assert_same_request(request: httpx.Request, expected: httpx.Request) -> None:
    assert request.method == expected.method
    assert request.url == expected.url
    assert request.headers.raw == expected.headers.raw
    assert request.read() == expected.read() == request.content
    assert request.extensions == expected.extensions
    assert request.headers.encoding == httpx.Headers(expected.headers.raw).encoding


CLIENTS: dict[str, dict[str, Any]] = {
    "plain": {},
    "timeout": {"timeout": httpx.Timeout(7, connect=2)},
    "no default headers": {"headers": {}},
    "cookies": {"cookies": {"session": "s1"}},
    "params": {"params": {"api-key": "k"}},
    "base url": {"base_url": "http://127.0.0.1:9/api/"},
    "own host header": {"headers": {"Host": "virtual.example"}},
    "own content length": {"headers": {"Content-Length": "0"}},
    "UTF-8 header": {"headers": {"X-Name": "Zoë".encode()}},
    "Latin-1 header": {"headers": {"X-Name": "Zoë".encode("iso-8859-1")}},
}


@pytest.mark.parametrize("client_name", list(CLIENTS))
@pytest.mark.parametrize("method", ["GET", "post", "PUT", "PATCH", "DELETE", "HEAD"])
@pytest.mark.parametrize("idempotent", [False, True])
@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/api/items?x=1", "https://h.example:8443/", "items"]
)
def test_a_call_without_options_builds_what_build_request_builds(
    client_name: str, method: str, idempotent: bool, url: str
) -> None:
    """Such calls are built in one step (:func:`plain_request`) when the client allows it:
    the request ``build_request`` builds with the ``traceparent`` last (as the test above
    shows, what ``client.request`` sends), header list in order, whatever the client's
    settings."""
    options = {**CLIENTS[client_name]}
    if url == "items" and "base_url" not in options:
        options["base_url"] = "http://127.0.0.1:9/api/"
    client = httpx.Client(**options)
    call = prepare_request(None, idempotent, {}, True, None)

    request = built_request(client, method, url, call)

    expected = client.build_request(method.upper(), url, **call.options)
    expected.headers["traceparent"] = call.span.create_http_headers()["traceparent"]
    _assert_same_request(request, expected)


def test_plain_calls_skip_build_request_unless_the_client_needs_it() -> None:
    """The one-step path is taken for the common client (else the test above compares
    ``build_request`` with itself) and refused for each client setting it does not cover."""
    url = httpx.URL("http://127.0.0.1:9/objects/a")
    built = plain_request(httpx.Client(headers={"X-A": "1"}), "GET", url, "00-a-b-01", None)
    assert built is not None and built.headers["traceparent"] == "00-a-b-01"
    for name in ("cookies", "params", "own host header", "own content length"):
        assert plain_request(httpx.Client(**CLIENTS[name]), "GET", url, "t", None) is None, name
    relative = httpx.URL("objects/a")
    assert plain_request(httpx.Client(**CLIENTS["base url"]), "GET", relative, "t", None) is None
