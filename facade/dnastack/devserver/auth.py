"""Optional bearer-token auth: RFC 7662 introspection against an OIDC issuer.

With ``--auth-issuer URL`` every route requires ``Authorization: Bearer <token>`` except
the service-info routes, the registry's discovery routes (``GET /services``,
``/services/types``, ``/services/{id}``: clients read them to learn how to log in), DRS
``OPTIONS`` (public per the DRS spec) and signed byte URLs. Discovery is public; data is
protected.
The token is introspected at the issuer's ``introspection_endpoint`` (from
``URL/.well-known/openid-configuration``) as the confidential client
``--auth-introspection-client-id/secret`` (HTTP Basic); answers are cached briefly.

- no or malformed Authorization header -> 401 + ``WWW-Authenticate: Bearer``
- inactive / unknown token -> 401 (``error="invalid_token"``)
- ``aud`` not this node (or ``--auth-audience``), or missing ``--auth-required-scope``
  -> 403 (``error="insufficient_scope"``)
- issuer unreachable -> 503 (also on ``/services`` and ``/services/{id}``, whose
  ``authentication`` entries need the issuer's endpoints)

Error bodies follow the schema of the API the path belongs to. Tokens never appear in logs.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from dnastack.devserver.config import DevServerConfig
from dnastack.devserver.errors import ApiError, api_for_path, error_response
from dnastack.devserver.responses import node_base_url

__all__ = ["AuthMiddleware", "OidcIssuer", "is_public_route"]

logger = logging.getLogger("devserver.auth")

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
_CACHE_LIMIT = 1024


class IssuerUnavailable(Exception):
    """The issuer's discovery document or introspection endpoint could not be used."""


class OidcIssuer:
    """Discovery and token introspection for one issuer (lazy, cached)."""

    def __init__(
        self,
        config: DevServerConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        assert config.auth_issuer is not None
        self._config = config
        self.issuer = config.auth_issuer
        self._client = httpx.AsyncClient(timeout=10.0, transport=transport)
        self._clock = clock
        self._discovery: dict[str, Any] | None = None
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}

    async def discovery(self) -> dict[str, Any]:
        if self._discovery is None:
            url = f"{self.issuer}/.well-known/openid-configuration"
            try:
                response = await self._client.get(url)
                response.raise_for_status()
                document = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise IssuerUnavailable(f"discovery failed at {url}: {exc}") from exc
            if not isinstance(document, dict):
                raise IssuerUnavailable(f"discovery document at {url} is not an object")
            self._discovery = document
        return self._discovery

    async def authentication_entries(self, resource: str) -> list[dict[str, Any]]:
        """The registry's ``authentication`` list for a service with this resource URL.

        Raises:
            ApiError: 503 when the issuer's discovery document is unavailable (entries
                without endpoints would leave clients unable to log in).
        """
        try:
            document = await self.discovery()
        except IssuerUnavailable as exc:
            logger.warning("auth issuer unavailable for the registry's entries: %s", exc)
            raise ApiError(
                503, "The authorization server is unavailable; cannot describe how to log in"
            ) from exc
        entry = {
            "type": "oauth2",
            "accessTokenUrl": document.get("token_endpoint"),
            "deviceCodeUrl": document.get("device_authorization_endpoint"),
            "revocationUrl": document.get("revocation_endpoint"),
            "clientId": self._config.auth_client_id,
            "resource": resource,
            "scope": self._config.auth_scope,
            "grantType": DEVICE_CODE_GRANT,
        }
        return [{k: v for k, v in entry.items() if v is not None}]

    async def introspect(self, token: str) -> dict[str, Any]:
        key = hashlib.sha256(token.encode()).hexdigest()
        now = self._clock()
        cached = self._cache.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        endpoint = (await self.discovery()).get("introspection_endpoint")
        if not isinstance(endpoint, str):
            raise IssuerUnavailable("the issuer has no introspection_endpoint")
        try:
            response = await self._client.post(
                endpoint,
                data={"token": token, "token_type_hint": "access_token"},
                auth=(
                    self._config.auth_introspection_client_id,
                    self._config.auth_introspection_client_secret,
                ),
            )
            response.raise_for_status()
            result = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise IssuerUnavailable(f"introspection failed: {type(exc).__name__}") from exc
        if not isinstance(result, dict):
            raise IssuerUnavailable("introspection answer is not an object")
        if result.get("active") is True:
            lifetime = self._config.auth_cache_seconds
            exp = result.get("exp")
            if isinstance(exp, int | float):
                lifetime = min(lifetime, exp - time.time())
            if lifetime > 0:
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[key] = (now + lifetime, result)
        return result

    async def aclose(self) -> None:
        await self._client.aclose()


_DISCOVERY_METHODS = frozenset({"GET", "HEAD"})


def is_public_route(method: str, path: str, query: str) -> bool:
    """Routes answered without a token: service-info, registry discovery, DRS ``OPTIONS``
    and signed byte URLs (``path`` has had its double slashes collapsed)."""
    if path == "/service-info" or path.endswith("/service-info"):
        return True
    if method in _DISCOVERY_METHODS and (path == "/services" or path.startswith("/services/")):
        return True
    if path.startswith("/ga4gh/drs/v1/objects") and method == "OPTIONS":
        return True
    return path.startswith("/ga4gh/drs/v1/bytes/") and "signature=" in query


def _audiences(claims: dict[str, Any]) -> list[str]:
    aud = claims.get("aud")
    if isinstance(aud, str):
        return [aud]
    if isinstance(aud, list):
        return [a for a in aud if isinstance(a, str)]
    return []


class AuthMiddleware:
    """ASGI middleware enforcing bearer tokens on every non-public route."""

    def __init__(self, app: ASGIApp, issuer: OidcIssuer, config: DevServerConfig) -> None:
        self.app = app
        self.issuer = issuer
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = request.url.path
        if is_public_route(request.method, path, request.url.query):
            await self.app(scope, receive, send)
            return
        failure = await self._check(request)
        if failure is None:
            await self.app(scope, receive, send)
            return
        status, detail, challenge = failure
        response = error_response(
            api_for_path(path), status, detail, headers={"WWW-Authenticate": challenge}
        )
        await response(scope, receive, send)

    async def _check(self, request: Request) -> tuple[int, str, str] | None:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return 401, "A bearer token is required", 'Bearer realm="devserver"'
        try:
            claims = await self.issuer.introspect(token.strip())
        except IssuerUnavailable as exc:
            logger.warning("token introspection unavailable: %s", exc)
            return 503, "The authorization server is unavailable", 'Bearer realm="devserver"'
        if claims.get("active") is not True:
            return (
                401,
                "The bearer token is not active",
                'Bearer realm="devserver", error="invalid_token"',
            )
        insufficient = 'Bearer realm="devserver", error="insufficient_scope"'
        audiences = _audiences(claims)
        if audiences and not any(self._accepts_audience(request, a) for a in audiences):
            return 403, "The bearer token is not meant for this service", insufficient
        granted = set(str(claims.get("scope", "")).split())
        missing = [s for s in self.config.auth_required_scopes if s not in granted]
        if missing:
            return 403, f"The bearer token lacks scope {' '.join(missing)}", insufficient
        return None

    def _accepts_audience(self, request: Request, audience: str) -> bool:
        wanted = audience.rstrip("/")
        if self.config.auth_audiences:
            return wanted in {a.rstrip("/") for a in self.config.auth_audiences}
        node = node_base_url(request)
        return wanted == node or wanted.startswith(node + "/")
