"""``httpx.Auth`` that sends an endpoint's credentials to that endpoint's origin only.

A request whose origin (scheme, host, port) differs from the authenticator's endpoint URL
(a DRS access URL on a storage host, a redirect target, a token endpoint) goes out without
``Authorization``. httpx itself strips ``Authorization`` when it follows a redirect to
another origin. A 401 from the endpoint's origin triggers one re-authentication (the
authenticator refreshes or runs a new grant) and one resend; a second 401 moves on to the
next (fallback) authenticator, and when none is left raises
:class:`~dnastack.exceptions.AuthenticationError` naming the endpoint, never the token.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Sequence
from typing import TYPE_CHECKING

import httpx

from dnastack.exceptions import AuthenticationError, ConfigurationError, safe_url

if TYPE_CHECKING:
    from dnastack.http.authenticators.abstract import Authenticator

__all__ = ["EndpointAuth", "origin_of", "same_origin"]

_logger = logging.getLogger("dnastack.http")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: httpx.URL | str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` with the scheme's default port filled in."""
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    return parsed.scheme, parsed.host, parsed.port or _DEFAULT_PORTS.get(parsed.scheme)


def same_origin(a: httpx.URL | str, b: httpx.URL | str) -> bool:
    """Whether two URLs share scheme, host and (defaulted) port."""
    return origin_of(a) == origin_of(b)


class EndpointAuth(httpx.Auth):
    """Adds credentials from ``authenticators`` to requests for their endpoints' origins.

    Args:
        authenticators: the endpoint's authenticator first, then its fallbacks. Each one
            must know its endpoint URL: that URL's origin is the only one it authenticates.

    Raises:
        ConfigurationError: an authenticator has no endpoint URL.
    """

    requires_request_body = True  # a 401 resend needs the body again

    def __init__(self, authenticators: Sequence[Authenticator]) -> None:
        for authenticator in authenticators:
            if not authenticator.endpoint_url:
                raise ConfigurationError(
                    f"{type(authenticator).__name__} for endpoint "
                    f"{authenticator.endpoint_id or '(unnamed)'} has no endpoint URL: "
                    "its credentials would have no origin to be restricted to"
                )
        self._authenticators = tuple(authenticators)

    @property
    def authenticators(self) -> tuple[Authenticator, ...]:
        return self._authenticators

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        candidates = [
            a for a in self._authenticators if same_origin(request.url, a.endpoint_url or "")
        ]
        if not candidates:  # never add credentials; headers the caller set (DRS access) stay
            yield request
            return
        last_error: AuthenticationError | None = None
        for position, authenticator in enumerate(candidates):
            is_last = position == len(candidates) - 1
            for attempt in (1, 2):  # the second attempt follows a 401: re-authenticate once
                if attempt == 2:
                    _logger.info(
                        "%s %s answered 401; re-authenticating for %s",
                        request.method,
                        safe_url(request.url),
                        authenticator.describe(),
                    )
                    authenticator.clear_access_token()
                try:
                    request.headers["Authorization"] = authenticator.authorization_header()
                except AuthenticationError as exc:
                    if is_last:
                        raise
                    last_error = exc
                    break  # try the next (fallback) authenticator
                response = yield request
                if not _rejected(response, authenticator):
                    return
            else:
                last_error = AuthenticationError(
                    f"{authenticator.describe()} rejected fresh credentials "
                    f"(HTTP 401 for {request.method} {safe_url(request.url)})"
                )
        if last_error is None:  # pragma: no cover - every path above sets it or returns
            last_error = AuthenticationError(f"no credentials accepted for {safe_url(request.url)}")
        raise last_error


def _rejected(response: httpx.Response, authenticator: Authenticator) -> bool:
    return response.status_code == 401 and same_origin(
        response.request.url, authenticator.endpoint_url or ""
    )
