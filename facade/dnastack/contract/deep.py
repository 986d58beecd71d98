"""What the runner's own checks share: bounded HTTP, the spec, and where findings go.

The schemathesis phase sends one request per case; the checks here follow what the answers
point to (next pages, listed ids, access ids, bundle members, bytes). Every request goes
through :meth:`DeepContext.fetch`, which caps the bytes read and the time spent (see
:class:`~dnastack.contract.bounds.WalkBounds`) and never sends the run's headers to
another origin.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from dnastack.common.redact import redact_url
from dnastack.contract.bounds import WalkBounds
from dnastack.contract.report import RequestInfo, Violation, excerpt, scrub
from dnastack.contract.spec_document import SpecDocument

__all__ = ["NOT_JSON", "DeepContext", "Fetched", "same_origin"]

NOT_JSON: Any = object()


def same_origin(a: str, b: str) -> bool:
    """Whether two absolute URLs share scheme, host and port."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme.lower(), pa.netloc.lower()) == (pb.scheme.lower(), pb.netloc.lower())


@dataclass
class Fetched:
    """One answer (or the failure to get one), as the checks see it."""

    method: str
    url: str
    status: int | None
    content_type: str = ""
    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    sent_body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def json(self) -> Any:
        """The decoded JSON body, or :data:`NOT_JSON`."""
        if self.truncated or not self.body:
            return NOT_JSON
        try:
            return json.loads(self.body)
        except ValueError:
            return NOT_JSON


@dataclass
class DeepContext:
    """Shared state of the runner's own checks for one run."""

    client: httpx.Client
    base_url: str
    spec: SpecDocument
    bounds: WalkBounds
    enabled: frozenset[str]
    secrets: list[str]
    run_headers: dict[str, str]
    add: Callable[[Violation], None]
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    notes: list[str] = field(default_factory=list)
    cut_short: list[str] = field(default_factory=list)
    bytes_read: int = 0
    downloaded: int = 0
    started: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def wants(self, check: str) -> bool:
        return check in self.enabled

    def out_of_budget(self, what: str) -> bool:
        """True (and reported once) when the time or byte budget is spent."""
        if self.clock() - self.started > self.bounds.max_seconds:
            self.cut(
                f"--max-walk-seconds (contract_max_walk_seconds) {self.bounds.max_seconds:g} "
                f"stopped {what}"
            )
            return True
        if self.bytes_read >= self.bounds.max_bytes:
            self.cut(
                f"--max-walk-bytes (contract_max_walk_bytes) {self.bounds.max_bytes} stopped {what}"
            )
            return True
        return False

    def cut(self, text: str) -> None:
        text = scrub(text, self.secrets)
        if text not in self.cut_short:
            self.cut_short.append(text)

    def note(self, text: str) -> None:
        text = scrub(text, self.secrets)
        if text not in self.notes:
            self.notes.append(text)

    def fetch(
        self,
        method: str,
        url: str,
        *,
        body: Any = None,
        max_bytes: int | None = None,
        headers: dict[str, str] | None = None,
        on_chunk: Callable[[bytes], None] | None = None,
    ) -> Fetched:
        """Send one request; read at most ``max_bytes`` (default: what the budget has left).

        The run's headers (credentials) go only to the server's own origin. With
        ``on_chunk`` the body is handed over chunk by chunk and not kept.
        """
        limit = max_bytes if max_bytes is not None else self.bounds.max_bytes - self.bytes_read
        request = self.client.build_request(
            method, url, json=body if body is not None else None, headers=headers
        )
        if not same_origin(url, self.base_url):
            for name in self.run_headers:
                if headers is None or name not in headers:
                    request.headers.pop(name, None)
        sent = json.dumps(body) if body is not None else None
        fetched = Fetched(method, redact_url(url), None, sent_body=sent)
        try:
            response = self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            fetched.error = f"{type(exc).__name__}: {exc}"
            return fetched
        try:
            fetched.status = response.status_code
            fetched.content_type = response.headers.get("content-type", "")
            fetched.headers = {k.lower(): v for k, v in response.headers.items()}
            chunks: list[bytes] = []
            read = 0
            for chunk in response.iter_bytes():
                read += len(chunk)
                if read > limit:
                    fetched.truncated = True
                    break
                if on_chunk is not None:
                    on_chunk(chunk)
                else:
                    chunks.append(chunk)
            fetched.body = b"".join(chunks)
            if on_chunk is not None:
                self.downloaded += read
            else:
                self.bytes_read += read
        except httpx.HTTPError as exc:
            fetched.error = f"{type(exc).__name__}: {exc}"
        finally:
            response.close()
        return fetched

    def violation(
        self, operation: str, check: str, title: str, message: str, fetched: Fetched | None
    ) -> None:
        """Report one finding of ``check`` on ``operation`` (if that check is enabled)."""
        if not self.wants(check):
            return
        request = RequestInfo(
            method=fetched.method if fetched else operation.split(" ", 1)[0],
            url=scrub(fetched.url, self.secrets) if fetched else self.base_url,
            body_excerpt=scrub(excerpt(fetched.sent_body) or "", self.secrets) or None
            if fetched
            else None,
        )
        response_text = None
        if fetched is not None and fetched.status is not None:
            text = excerpt(fetched.body.decode("utf-8", "replace")) or ""
            response_text = scrub(f"{fetched.content_type} {text}".strip(), self.secrets) or None
        self.add(
            Violation(
                operation=operation,
                check=check,
                title=scrub(title, self.secrets),
                message=scrub(message, self.secrets),
                request=request,
                status_code=fetched.status if fetched else None,
                response_excerpt=response_text,
            )
        )

    def check_schema(
        self, operation: str, fetched: Fetched, document: Any, *, what: str = "Response"
    ) -> None:
        """Validate ``document`` against ``operation``'s documented schema for its status."""
        if fetched.status is None:
            return
        method, path = operation.split(" ", 1)
        schema = self.spec.response_schema(method, path, fetched.status)
        if schema is None:
            return
        problems = self.spec.check(document, schema)
        if problems.structure:
            self.violation(
                operation,
                "response_schema_conformance",
                f"{what} violates schema",
                "\n".join(problems.structure),
                fetched,
            )
        if problems.formats:
            self.violation(
                operation,
                "format_conformance",
                f"{what}: value does not match its format",
                "\n".join(problems.formats),
                fetched,
            )


def bounded(items: Iterable[Any], limit: int, ctx: DeepContext, what: str) -> Iterator[Any]:
    """``items`` up to ``limit`` (a cut is reported when more were there)."""
    for index, item in enumerate(items):
        if index >= limit:
            ctx.cut(f"--max-ids (contract_max_ids) {limit} stopped {what} after {limit}")
            return
        if ctx.out_of_budget(what):
            return
        yield item


@contextmanager
def guarded(ctx: DeepContext, what: str) -> Iterator[None]:
    """A crashing check becomes a note, never the end of the run."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        ctx.note(f"{what} could not run: {type(exc).__name__}: {exc}"[:300])
