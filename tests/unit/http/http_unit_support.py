"""Helpers shared by the dnastack.http unit tests: a fake clock, a scripted authenticator and a
recording MockTransport handler (imported by basename: keep this file name unique)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from dnastack.http.authenticators.abstract import Authenticator


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class ScriptedAuthenticator(Authenticator):
    """Hands out token-1, token-2, ... ; ``clear_access_token`` forces the next one."""

    def __init__(
        self, endpoint_url: str | None = "https://api.example.org/", prefix: str = "token"
    ) -> None:
        super().__init__(endpoint_id="test-endpoint", endpoint_url=endpoint_url)
        self.prefix = prefix
        self.issued = 0
        self.cleared = 0
        self.fail_with: Exception | None = None

    @property
    def session_id(self) -> str:
        return "scripted"

    def authorization_header(self) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        if self.issued == self.cleared:
            self.issued += 1
        return f"Bearer {self.prefix}-{self.issued}"

    def clear_access_token(self) -> None:
        self.cleared = self.issued

    def initialize(self) -> Any:
        raise NotImplementedError

    authenticate = refresh = restore_session = initialize

    def revoke(self) -> None:
        raise NotImplementedError


class Recorder:
    """A MockTransport handler answering from a script and recording every request."""

    def __init__(
        self, *answers: httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]
    ) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # a snapshot: httpx resends the same Request object (auth retries mutate its headers)
        self.requests.append(
            httpx.Request(
                request.method, request.url, headers=request.headers.copy(), content=request.content
            )
        )
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)
