"""The asyncio pool's HTTPS connections verify the server (TLS is started over the plain
connection with ``loop.start_tls``): a certificate the context does not trust, or one for
another host name, fails the request with a connect error before any byte of it is sent;
only ``verify=False`` accepts any certificate. A real TLS server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dnastack.http.async_connection import AsyncStreamTransport
from tests.unit.aio.local_tls_server import Server, make_certificate, serve


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory)


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    yield from serve(certificate)


def _get(pool: AsyncStreamTransport, url: str) -> httpx.Response:
    async def main() -> httpx.Response:
        async with httpx.AsyncClient(transport=pool) as client:
            return await client.get(url)

    return asyncio.run(main())


def trusting(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


def test_a_trusted_certificate_for_the_host_is_accepted(
    tls_server: Server, certificate: tuple[Path, Path]
) -> None:
    response = _get(AsyncStreamTransport(verify=trusting(certificate)), tls_server.base_url + "/")
    assert (response.status_code, response.content) == (200, b"ok")


def test_a_certificate_for_another_host_name_is_refused(
    tls_server: Server, certificate: tuple[Path, Path]
) -> None:
    # the certificate names IP:127.0.0.1 only; "localhost" reaches the same server
    url = f"https://localhost:{tls_server.port}/"
    with pytest.raises(httpx.ConnectError, match=r"(?i)hostname mismatch"):
        _get(AsyncStreamTransport(verify=trusting(certificate)), url)


def test_an_untrusted_certificate_is_refused_with_the_default_context(tls_server: Server) -> None:
    with pytest.raises(httpx.ConnectError, match=r"(?i)certificate verify failed"):
        _get(AsyncStreamTransport(verify=True), tls_server.base_url + "/")


def test_verify_false_accepts_any_certificate(tls_server: Server) -> None:
    response = _get(AsyncStreamTransport(verify=False), f"https://localhost:{tls_server.port}/")
    assert response.content == b"ok"
