"""OAuth 2.0 Device Authorization Grant (RFC 8628).

1. POST the device authorization endpoint (form body: client, scope, resource).
2. Show the ``user_code`` and ``verification_uri`` (``verification_uri_complete`` when
   given) through the ``user-verification-required`` event; optionally open a browser.
3. Poll the token endpoint every ``interval`` seconds (5 s when the server omits it):
   ``authorization_pending`` keeps polling, ``slow_down`` adds 5 s to the interval,
   ``expired_token`` and ``access_denied`` end with an AuthenticationError; polling stops
   when ``expires_in`` has passed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from dnastack.common.events import EventSource
from dnastack.exceptions import AuthenticationError
from dnastack.http.authenticators.grants.token_endpoint import (
    DEVICE_CODE_GRANT,
    ClientAuthentication,
    OAuthError,
    post_form,
)

__all__ = [
    "DEFAULT_DEVICE_CODE_LIFETIME_SECONDS",
    "DEFAULT_POLL_INTERVAL_SECONDS",
    "SLOW_DOWN_INCREMENT_SECONDS",
    "DeviceAuthorization",
    "device_code_grant",
    "poll_for_token",
    "request_device_authorization",
]

DEFAULT_POLL_INTERVAL_SECONDS = 5.0
"""RFC 8628 section 3.2: the interval when the server does not send one."""
SLOW_DOWN_INCREMENT_SECONDS = 5.0
"""RFC 8628 section 3.5: added to the interval on every ``slow_down``."""
DEFAULT_DEVICE_CODE_LIFETIME_SECONDS = 600
"""Used when a (non-conforming) server omits ``expires_in``."""


@dataclass(frozen=True)
class DeviceAuthorization:
    """The device authorization response; ``device_code`` never appears in a repr."""

    device_code: str = field(repr=False)
    user_code: str
    verification_uri: str
    verification_uri_complete: str | None
    expires_in: float
    interval: float


def request_device_authorization(
    http: httpx.Client,
    device_endpoint: str,
    client: ClientAuthentication,
    *,
    scope: str | None = None,
    resource: str | None = None,
    what: str = "device authorization",
) -> DeviceAuthorization:
    """Start a device authorization.

    Raises:
        OAuthError: the server refused (e.g. ``invalid_client``, ``invalid_scope``).
        AuthenticationError: the answer lacks ``device_code``, ``user_code`` or
            ``verification_uri``.
    """
    answer = post_form(
        http, device_endpoint, {"scope": scope, "resource": resource}, client, what=what
    )
    device_code = answer.get("device_code")
    user_code = answer.get("user_code")
    verification_uri = answer.get("verification_uri") or answer.get("verification_url")
    missing = [
        name
        for name, value in (
            ("device_code", device_code),
            ("user_code", user_code),
            ("verification_uri", verification_uri),
        )
        if not isinstance(value, str) or not value
    ]
    if missing:
        raise AuthenticationError(f"{what}: the response has no {', '.join(missing)}")
    assert isinstance(device_code, str) and isinstance(user_code, str)
    assert isinstance(verification_uri, str)
    complete = answer.get("verification_uri_complete")
    return DeviceAuthorization(
        device_code=device_code,
        user_code=user_code,
        verification_uri=verification_uri,
        verification_uri_complete=complete if isinstance(complete, str) and complete else None,
        expires_in=_positive(
            answer.get("expires_in"),
            DEFAULT_DEVICE_CODE_LIFETIME_SECONDS,
            MAX_DEVICE_CODE_LIFETIME_SECONDS,
        ),
        interval=_positive(
            answer.get("interval"), DEFAULT_POLL_INTERVAL_SECONDS, MAX_POLL_INTERVAL_SECONDS
        ),
    )


def poll_for_token(
    http: httpx.Client,
    token_endpoint: str,
    client: ClientAuthentication,
    authorization: DeviceAuthorization,
    *,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    what: str = "device code token request",
) -> dict[str, Any]:
    """Poll until the user approves, denies, or the device code expires.

    Raises:
        AuthenticationError: ``access_denied``, ``expired_token`` (or ``expires_in``
            passed), or any other token endpoint error.
    """
    deadline = clock() + authorization.expires_in
    interval = authorization.interval
    form = {"grant_type": DEVICE_CODE_GRANT, "device_code": authorization.device_code}
    while True:
        if clock() >= deadline:
            raise AuthenticationError(
                f"{what}: the device code expired before the sign-in was approved; log in again"
            )
        sleep(interval)
        try:
            return post_form(
                http, token_endpoint, form, client, what=what, secrets=[authorization.device_code]
            )
        except OAuthError as exc:
            if exc.error == "authorization_pending":
                continue
            if exc.error == "slow_down":
                interval += SLOW_DOWN_INCREMENT_SECONDS
                continue
            if exc.error == "expired_token":
                raise AuthenticationError(
                    f"{what}: the device code expired before the sign-in was approved; log in again"
                ) from exc
            if exc.error == "access_denied":
                raise AuthenticationError(f"{what}: the sign-in request was denied") from exc
            raise


def device_code_grant(
    http: httpx.Client,
    *,
    device_endpoint: str,
    token_endpoint: str,
    client: ClientAuthentication,
    events: EventSource,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    scope: str | None = None,
    resource: str | None = None,
    open_browser: Callable[[str], object] | None = None,
    what: str = "device code flow",
) -> dict[str, Any]:
    """Run the whole device flow and return the token response."""
    authorization = request_device_authorization(
        http, device_endpoint, client, scope=scope, resource=resource, what=what
    )
    events.dispatch(
        "user-verification-required",
        {
            "user_code": authorization.user_code,
            "verification_uri": authorization.verification_uri,
            "verification_uri_complete": authorization.verification_uri_complete,
            "expires_in": authorization.expires_in,
        },
    )
    if open_browser is not None:
        open_browser(authorization.verification_uri_complete or authorization.verification_uri)
    return poll_for_token(
        http, token_endpoint, client, authorization, sleep=sleep, clock=clock, what=what
    )


MAX_DEVICE_CODE_LIFETIME_SECONDS = 3600.0
"""A device code ``expires_in`` beyond this (an hour) is capped: no login waits longer."""
MAX_POLL_INTERVAL_SECONDS = 60.0
"""A polling ``interval`` beyond this is capped."""


def _positive(value: Any, default: float, most: float) -> float:
    """A positive number from a server, capped at ``most``; absurd values (not a number,
    not positive, too big for a float) give ``default``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float
            return most
        if math.isfinite(number) and number > 0:
            return min(number, most)
        if number == math.inf:
            return most
    return float(default)
