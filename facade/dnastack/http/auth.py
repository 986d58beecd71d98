"""``httpx.Auth`` that sends an endpoint's credentials to that endpoint's origin only.

A request whose origin (scheme, host, port) differs from the authenticator's endpoint URL
(a DRS access URL on a storage host, a redirect target, a token endpoint) goes out without
``Authorization``. httpx itself strips ``Authorization`` when it follows a redirect to
another origin. A 401 from the endpoint's origin triggers one re-authentication (the
authenticator refreshes or runs a new grant) and one resend; a second 401 moves on to the
next (fallback) authenticator, and when none is left raises
:class:`~dnastack.exceptions.AuthenticationError` naming the endpoint, never the token.
Threads or tasks meeting the same 401 together renew the token once
(:meth:`~dnastack.http.authenticators.abstract.Authenticator.renew_authorization`).

The flow is written once, I/O-free (:meth:`EndpointAuth._plan` asks for credentials and for
requests to be sent); ``auth_flow`` drives it for ``httpx.Client`` and ``async_auth_flow``
for ``httpx.AsyncClient``, where credentials already in memory are used on the loop and
anything that talks to the issuer runs in a worker thread, once for all the tasks waiting
(see :mod:`dnastack.http.authenticators.single_flight`).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import AuthenticationError, ConfigurationError, safe_url
from dnastack.http.authenticators.single_flight import AsyncSingleFlight

if TYPE_CHECKING:
    from dnastack.http.authenticators.abstract import Authenticator

__all__ = ["EndpointAuth", "NeedCredentials", "origin_of", "same_origin"]

_logger = sdk_logger("dnastack.http")
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
        """The sync driver of :meth:`_plan`: credentials obtained in the calling thread."""
        plan = self._plan(request)
        reply: Any = None
        failure: AuthenticationError | None = None
        while (step := _advance(plan, reply, failure)) is not None:
            failure = None
            if isinstance(step, NeedCredentials):
                try:
                    reply = step.obtain()
                except AuthenticationError as exc:
                    failure = exc
            else:
                reply = yield step

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """The asyncio driver of :meth:`_plan`: a cached header is used on the loop; getting
        a new one runs in a worker thread, once for all the tasks that need it."""
        plan = self._plan(request)
        reply: Any = None
        failure: AuthenticationError | None = None
        while (step := _advance(plan, reply, failure)) is not None:
            failure = None
            if isinstance(step, NeedCredentials):
                try:
                    reply = await step.obtain_async()
                except AuthenticationError as exc:
                    failure = exc
            else:
                reply = yield step

    def _plan(self, request: httpx.Request) -> Generator[_Step, Any, None]:
        """The I/O-free flow: yields :class:`NeedCredentials` (answered with a header value
        or an :class:`AuthenticationError` thrown in) and requests (answered with their
        responses)."""
        candidates = [
            a for a in self._authenticators if same_origin(request.url, a.endpoint_url or "")
        ]
        if not candidates:  # never add credentials; headers the caller set (DRS access) stay
            yield request
            return
        last_error: AuthenticationError | None = None
        for position, authenticator in enumerate(candidates):
            is_last = position == len(candidates) - 1
            rejected: str | None = None
            for attempt in (1, 2):  # the second attempt follows a 401: re-authenticate once
                if attempt == 2:
                    _logger.info(
                        "%s %s answered 401; re-authenticating for %s",
                        request.method,
                        safe_url(request.url),
                        authenticator.describe(),
                    )
                try:
                    header = yield NeedCredentials(authenticator, rejected)
                except AuthenticationError as exc:
                    if is_last:
                        raise
                    last_error = exc
                    break  # try the next (fallback) authenticator
                request.headers["Authorization"] = header
                response = yield request
                if not _rejected(response, authenticator):
                    return
                rejected = header
            else:
                last_error = AuthenticationError(
                    f"{authenticator.describe()} rejected fresh credentials "
                    f"(HTTP 401 for {request.method} {safe_url(request.url)})"
                )
        if last_error is None:  # pragma: no cover - every path above sets it or returns
            last_error = AuthenticationError(f"no credentials accepted for {safe_url(request.url)}")
        raise last_error


_OBTAINING: AsyncSingleFlight[str] = AsyncSingleFlight()


@dataclass(frozen=True)
class NeedCredentials:
    """A step of the auth flow: an ``Authorization`` value from ``authenticator``.

    ``rejected`` is the value the endpoint just refused (``None`` on a first attempt).
    """

    authenticator: Authenticator
    rejected: str | None = None

    def obtain(self) -> str:
        """Blocking: may restore, refresh or run a grant (single-flight across threads)."""
        if self.rejected is None:
            return self.authenticator.authorization_header()
        return self.authenticator.renew_authorization(self.rejected)

    async def obtain_async(self) -> str:
        """On the loop when a usable header is in memory, else :meth:`obtain` in a worker
        thread, shared by every task asking the same at the same time."""
        if self.rejected is None:
            cached = self.authenticator.cached_authorization_header()
            if cached is not None:
                return cached
        return await _OBTAINING.run((id(self.authenticator), self.rejected), self.obtain)


_Step = httpx.Request | NeedCredentials


def _advance(
    plan: Generator[_Step, Any, None], reply: Any, failure: AuthenticationError | None
) -> _Step | None:
    """The plan's next step after ``reply`` (or ``failure`` thrown in); ``None`` at its end."""
    try:
        return plan.throw(failure) if failure is not None else plan.send(reply)
    except StopIteration:
        return None


def _rejected(response: httpx.Response, authenticator: Authenticator) -> bool:
    return response.status_code == 401 and same_origin(
        response.request.url, authenticator.endpoint_url or ""
    )
