"""Hostile API bodies a parser cannot take (nesting deeper than the parser's recursion,
numbers out of range) end as DnastackError subclasses naming the URL or operation, never a
raw RecursionError/OverflowError (httpx.MockTransport: the socket is not the point)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.client import ServiceRegistry
from dnastack.exceptions import AuthenticationError, DnastackError, ResponseParseError
from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, post_form
from dnastack.http.transport import build_http_client
from dnastack.settings import SessionOverrides, resolve_settings

DEEP = b"[" * 200_000 + b"]" * 200_000
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
HUGE_NUMBER = b'{"data": [{"n": 1' + b"0" * 5000 + b"}]}"


def _settings(tmp_path: Path) -> object:
    return resolve_settings(
        config_file=tmp_path / "c.yaml",
        session_dir=tmp_path / "s",
        environ={},
        overrides=SessionOverrides(),
    )


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
def test_a_deeply_nested_token_response_is_an_authentication_error(body: bytes) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, content=body))
    with (
        build_http_client(transport=transport) as http,
        pytest.raises(AuthenticationError) as caught,
    ):
        post_form(
            http, "https://issuer.test/token", {}, ClientAuthentication("c"), what="token request"
        )
    assert "https://issuer.test/token" in str(caught.value)


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT, HUGE_NUMBER])
def test_a_hostile_data_connect_page_is_a_parse_error(tmp_path: Path, body: bytes) -> None:
    client = DataConnectClient(
        ServiceEndpoint(url="http://dc.test/"),
        settings=_settings(tmp_path),  # type: ignore[arg-type]
        http_options={
            "transport": httpx.MockTransport(lambda r: httpx.Response(200, content=body))
        },
    )
    with pytest.raises(ResponseParseError) as caught:
        client.query("SELECT 1").to_list()
    assert "http://dc.test/search" in str(caught.value)


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
def test_a_hostile_body_to_a_generated_operation_is_a_parse_error(
    tmp_path: Path, body: bytes
) -> None:
    registry = ServiceRegistry(
        ServiceEndpoint(url="http://registry.test/"),
        settings=_settings(tmp_path),  # type: ignore[arg-type]
        http_options={
            "transport": httpx.MockTransport(
                lambda r: httpx.Response(
                    200, content=body, headers={"Content-Type": "application/json"}
                )
            )
        },
    )
    with pytest.raises(DnastackError) as caught:
        registry.list_services()
    parse_error = (
        caught.value if isinstance(caught.value, ResponseParseError) else caught.value.__cause__
    )
    assert isinstance(parse_error, ResponseParseError)  # the client may wrap it in its own error
    assert "cannot be parsed (RecursionError)" in str(caught.value)
