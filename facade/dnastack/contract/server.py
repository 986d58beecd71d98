"""The server under test: its base URL, a first contact, and plain HTTP for discovery."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from dnastack.common.redact import redact_url
from dnastack.contract.errors import ContractUsageError
from dnastack.exceptions import TransportError

__all__ = ["HttpFetcher", "normalise_base_url", "probe"]


class HttpFetcher:
    """The :class:`~dnastack.contract.discovery.Fetcher` used by discovery and clean-up."""

    def __init__(self, client: httpx.Client, base_url: str) -> None:
        self._client = client
        self.base_url = base_url

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def get_json(self, path: str) -> Any | None:
        try:
            response = self._client.get(self.url(path))
        except httpx.HTTPError:
            return None
        if not response.is_success:
            return None
        try:
            return response.json()
        except ValueError:
            return None

    def delete(self, path: str) -> int | None:
        try:
            return self._client.delete(self.url(path)).status_code
        except httpx.HTTPError:
            return None


def normalise_base_url(url: str) -> str:
    """``url`` without a trailing slash; it must be an absolute http(s) URL.

    Raises:
        ContractUsageError: not an absolute http(s) URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ContractUsageError(f"--url must be an absolute http(s) URL, got {redact_url(url)!r}")
    return url.rstrip("/")


def probe(client: httpx.Client, base_url: str) -> None:
    """Fail fast when nothing answers at ``base_url`` (any HTTP answer will do).

    Raises:
        TransportError: no connection, TLS failure or timeout.
    """
    try:
        client.get(base_url + "/")
    except httpx.HTTPError as exc:
        raise TransportError(
            f"server not reachable ({type(exc).__name__})", method="GET", url=redact_url(base_url)
        ) from exc
