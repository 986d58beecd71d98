"""Helpers for the auth end-to-end tests (imported by basename: keep this file name unique).

``LocalServer``: a local HTTP server recording the Authorization header of every request;
``FakeClock``: wall-clock time that moves only when the code under test sleeps;
``approve_when_asked``: approve a device code as soon as it is shown, as a user would.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from dnastack.http.authenticators.oauth2 import OAuth2Authenticator
from tests.fixtures.oidc import OidcProvider


@dataclass
class LocalServer:
    """A running local HTTP server and the (path, Authorization) pairs it received."""

    url: str
    seen: list[tuple[str, str | None]] = field(default_factory=list)


def serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def recording_handler(
    record: LocalServer,
    answer: Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]],
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            record.seen.append((self.path, self.headers.get("Authorization")))
            status, headers, body = answer(self)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class FakeClock:
    """Wall-clock time that only moves forward when the code under test sleeps (or on demand)."""

    def __init__(self) -> None:
        self.now = time.time()
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[int], None] | None = None

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(len(self.sleeps))


def approve_when_asked(
    oidc_provider: OidcProvider, authenticator: OAuth2Authenticator
) -> list[dict[str, Any]]:
    """Approve the device code as soon as it is shown (as a user would); returns the events."""
    shown: list[dict[str, Any]] = []

    def approve(event: Any) -> None:
        shown.append(dict(event.payload))
        oidc_provider.approve_device_code(event.payload["user_code"])

    authenticator.events.on("user-verification-required", approve)
    return shown


# ``make_authenticator(kind, **overrides)``, the fixture in conftest.py
AuthenticatorFactory = Callable[..., OAuth2Authenticator]
