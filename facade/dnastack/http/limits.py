"""Bounds on one API call: a total deadline and a cap on the decoded body, enforced while
the bytes arrive (not after). Logic only; the sync transport (and an async one) drive it.

* :class:`Deadline`: seconds from the start of a call to the end of its body. Every socket
  read is given at most the time left (so a server trickling one byte per second, which
  resets the read timeout with each byte, still meets the deadline), and no read starts
  once it has passed: :class:`~dnastack.exceptions.DeadlineExceededError`. The current
  call's deadline travels in a context variable (:data:`CURRENT_DEADLINE`) from the
  transport to the socket layer (:class:`DeadlineNetworkBackend`).
* :class:`DecodedBodyGuard`: decodes ``Content-Encoding`` (gzip, deflate, identity) itself,
  chunk by chunk, asking zlib for at most the bytes still allowed; one byte more than
  ``limit`` raises :class:`~dnastack.exceptions.ResponseTooLargeError`, so a gzip bomb
  never expands in memory beyond the cap. A body in any other coding (``br``, ``zstd``,
  ``compress``, an unknown token, alone or stacked with gzip) is refused at its first byte
  with :class:`~dnastack.exceptions.UnsupportedContentEncodingError` naming the coding and
  the URL: never handed on compressed, never decoded by httpx (unbounded) even where brotli
  or zstandard is installed. Requests only advertise what the guard decodes
  (:func:`accept_encoding`, :data:`ACCEPT_ENCODING`).

Requests opt out per call with request extensions (byte downloads do: they have their own
size and stall rules): ``{MAX_RESPONSE_BYTES_EXTENSION: None, DEADLINE_EXTENSION: None}``.
"""

from __future__ import annotations

import contextvars
import functools
import time
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from dnastack.exceptions import (
    DeadlineExceededError,
    ResponseTooLargeError,
    UnsupportedContentEncodingError,
    safe_url,
)

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ACCEPT_ENCODING",
    "CURRENT_DEADLINE",
    "DEADLINE_EXTENSION",
    "DEADLINE_TIMEOUT_FACTOR",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_READ_TIMEOUT_SECONDS",
    "MAX_RESPONSE_BYTES_EXTENSION",
    "Deadline",
    "DecodedBodyGuard",
    "accept_encoding",
    "default_deadline",
    "limited_timeout",
]

DEFAULT_READ_TIMEOUT_SECONDS = 60.0
"""Seconds to wait for data when no ``timeout`` is set (re-exported by the transport)."""
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
"""Default cap on the decoded size of one API response (256 MiB)."""
DEADLINE_TIMEOUT_FACTOR = 10.0
"""The default total deadline of an API call is this many read timeouts."""
MAX_RESPONSE_BYTES_EXTENSION = "dnastack.max_response_bytes"
"""Request extension: the decoded-size cap of this response in bytes (None: no cap)."""
DEADLINE_EXTENSION = "dnastack.deadline_seconds"
"""Request extension: the total deadline of this call in seconds (None: no deadline)."""

CURRENT_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "dnastack_deadline", default=None
)
"""The deadline of the call being sent or read in this context (read by the socket layer)."""

_MIN_TIMEOUT = 0.001


def default_deadline(read_timeout: float) -> float:
    """The total deadline derived from a read timeout (:data:`DEADLINE_TIMEOUT_FACTOR` x)."""
    return read_timeout * DEADLINE_TIMEOUT_FACTOR


class Deadline:
    """A point in time a call must finish by.

    Args:
        seconds: the time allowed from now.
        method, url: name the call in the error (shown without userinfo or query string,
            worked out only for the error).
        clock: monotonic seconds (injectable).
    """

    __slots__ = ("_clock", "_url", "expires_at", "method", "seconds")

    def __init__(
        self,
        seconds: float,
        *,
        method: str,
        url: httpx.URL | str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.method = method
        self._url = url
        self._clock = clock
        self.expires_at = clock() + seconds

    @property
    def url(self) -> str:
        """The call's URL as errors show it."""
        return safe_url(self._url)

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.expires_at - self._clock()

    def check(self) -> None:
        """Raise :class:`DeadlineExceededError` once the deadline has passed."""
        if self.remaining() <= 0:
            raise self.error()

    def clamp(self, timeout: float | None) -> float:
        """``timeout`` shortened to the time left (raises when none is left)."""
        left = self.remaining()
        if left <= 0:
            raise self.error()
        return max(_MIN_TIMEOUT, left if timeout is None else min(timeout, left))

    def error(self) -> DeadlineExceededError:
        return DeadlineExceededError(
            f"not complete within the total deadline of {self.seconds:g} s "
            "(request_deadline setting)",
            deadline=self.seconds,
            method=self.method,
            url=self.url,
        )


class _Inflater:
    """One zlib stage (gzip or deflate, zlib-wrapped or raw) with bounded output."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self.produced = 0
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._first = True

    def decode(self, data: bytes, budget: int) -> bytes:
        """Decode ``data``, returning at most ``budget`` bytes, or ``budget + 1`` to say
        "more than allowed" (the rest of the input is then dropped)."""
        pieces: list[bytes] = []
        produced = 0
        while True:
            try:
                piece = self._obj.decompress(data, budget + 1 - produced)
            except zlib.error:
                if self._first and not self._gzip:  # deflate sent without the zlib wrapper
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._first = False
                    continue
                raise
            self._first = False
            pieces.append(piece)
            produced += len(piece)
            if produced > budget:
                break
            data = self._obj.unconsumed_tail
            if not data:
                if self._obj.eof and self._obj.unused_data and self._gzip:  # concatenated members
                    data = self._obj.unused_data
                    self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    continue
                break
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def flush(self) -> bytes:
        return self._obj.flush()


class DecodedBodyGuard:
    """Decodes a response body chunk by chunk and stops it past ``limit`` decoded bytes.

    Args:
        content_encoding: the ``Content-Encoding`` header value (None: identity). gzip,
            x-gzip and deflate are decoded here (in the order they were applied); a body in
            any other coding is refused (:class:`UnsupportedContentEncodingError`).
        limit: the cap in decoded bytes.
        url: names the response in the error (shown without userinfo or query string,
            worked out only for the error).
        status_code: the response's status, for the error.

    Raises (from :meth:`feed`/:meth:`finish`):
        ResponseTooLargeError: more than ``limit`` decoded bytes.
        UnsupportedContentEncodingError: a byte of a 2xx body in a coding not decoded here
            (the body of any other status is dropped instead, counted against ``limit``,
            so that its typed HTTP error stands).
        zlib.error: a corrupt compressed body (the transport maps it to httpx.DecodingError).
    """

    __slots__ = ("_decoded", "_encoding", "_refused", "_stages", "_status_code", "_url", "limit")

    def __init__(
        self,
        content_encoding: str | None,
        limit: int,
        url: httpx.URL | str,
        *,
        status_code: int | None = None,
    ) -> None:
        self.limit = limit
        self._url = url
        self._status_code = status_code
        self._encoding = content_encoding or ""
        self._decoded = 0
        self._refused: str | None = None
        self._stages: list[_Inflater] = []
        if content_encoding:  # (most answers have none: nothing more to do per request)
            codings = _codings(content_encoding)
            self._refused = next((c for c in codings if c not in _ZLIB_CODINGS), None)
            if self._refused is None:
                self._stages = [_Inflater(c) for c in reversed(codings)]

    @staticmethod
    def decodes(content_encoding: str | None) -> bool:
        """Whether the guard takes charge of the body's coding (decodes it, or refuses it), so
        the ``Content-Encoding`` header must be dropped (httpx must not decode it again)."""
        return bool(_codings(content_encoding))

    def feed(self, raw: bytes) -> bytes:
        """Decode the next raw chunk."""
        if self._refused is not None and raw:
            if self._status_code is not None and not 200 <= self._status_code < 300:
                self._count(raw)  # an error's status matters, not its undecodable text
                return b""
            raise self._unsupported(self._refused, self._encoding)
        data = raw
        for stage in self._stages:
            data = self._through(stage, data, final=False)
        self._decoded += len(data)
        if self._decoded > self.limit:
            raise self._too_large()
        return data

    def finish(self) -> bytes:
        """Decode what the stages still hold (call once at the end of the body)."""
        data = b""
        for stage in self._stages:
            data = self._through(stage, data, final=True)
        return self._count(data)

    def _through(self, stage: _Inflater, data: bytes, *, final: bool) -> bytes:
        """One stage, its cumulative output bounded by the limit too (no stage of a
        gzip-in-gzip body ever holds more than ``limit`` bytes)."""
        out = stage.decode(data, self.limit - stage.produced)
        if final:
            out += stage.flush()
        stage.produced += len(out)
        if stage.produced > self.limit:
            raise self._too_large()
        return out

    @property
    def url(self) -> str:
        """The response's URL as errors show it."""
        return safe_url(self._url)

    @property
    def decoded_bytes(self) -> int:
        return self._decoded

    def _count(self, data: bytes) -> bytes:
        self._decoded += len(data)
        if self._decoded > self.limit:
            raise self._too_large()
        return data

    def _unsupported(self, coding: str, encoding: str) -> UnsupportedContentEncodingError:
        status = f" (HTTP {self._status_code})" if self._status_code is not None else ""
        return UnsupportedContentEncodingError(
            f"the response from {self.url}{status} is encoded with {_shown(coding)!r} "
            f"(Content-Encoding: {_shown(encoding)!r}), a coding this client does not "
            f"decode (it accepts {ACCEPT_ENCODING}, identity); body not read",
            url=self.url,
            coding=_shown(coding),
            encoding=_shown(encoding),
            status_code=self._status_code,
        )

    def _too_large(self) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            f"the response from {self.url} is larger than {self.limit} bytes once decoded "
            "(max_response_bytes setting); stopped reading",
            url=self.url,
            limit=self.limit,
        )


_ZLIB_CODINGS: Final = frozenset({"gzip", "x-gzip", "deflate"})
ACCEPT_ENCODING: Final = "gzip, deflate"
"""The ``Accept-Encoding`` of a capped API call: exactly the codings the guard decodes."""
_ACCEPTABLE: Final = _ZLIB_CODINGS | {"identity"}
_SHOWN_CODING_CHARS: Final = 64


def _codings(content_encoding: str | None) -> list[str]:
    """The codings of a ``Content-Encoding`` value, in the order they were applied
    (``identity`` and empty entries left out)."""
    if not content_encoding:
        return []
    codings = (c.strip().lower() for c in content_encoding.split(","))
    return [c for c in codings if c and c != "identity"]


def _shown(text: str) -> str:
    """A server's header text as an error shows it (at most a few dozen characters)."""
    if len(text) <= _SHOWN_CODING_CHARS:
        return text
    return text[:_SHOWN_CODING_CHARS] + "..."


@functools.lru_cache(maxsize=32)
def accept_encoding(requested: str) -> str:
    """``requested`` (an ``Accept-Encoding`` value: httpx's default, which names ``br`` and
    ``zstd`` once brotli or zstandard is installed, or a caller's) narrowed to the codings the
    guard decodes, weights kept; ``identity`` when none is left (``*`` included: it would
    let the server choose any coding)."""
    kept = [
        item.strip()
        for item in requested.split(",")
        if item.split(";", 1)[0].strip().lower() in _ACCEPTABLE
    ]
    return ", ".join(kept) or "identity"


class DeadlineNetworkBackend:
    """An httpcore network backend whose streams never wait past :data:`CURRENT_DEADLINE`.

    Wraps the transport's backend (``httpcore.SyncBackend``): every read and write gets at
    most the time left, and none starts once it has passed (raised as httpcore's own
    ``ReadTimeout``/``WriteTimeout``, which the transport reports as the deadline).
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
        return _DeadlineStream(self._inner.connect_tcp(*args, **kwargs))

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
        return _DeadlineStream(self._inner.connect_unix_socket(*args, **kwargs))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def limited_timeout(timeout: float | None, kind: type[Exception]) -> float | None:
    """``timeout`` shortened to the current call's time left (:data:`CURRENT_DEADLINE`);
    raises ``kind`` once none is left. Shared by the sync socket layer and the asyncio
    transport."""
    deadline = CURRENT_DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline.remaining()
    if left <= 0:
        raise kind(f"total deadline of {deadline.seconds:g} s passed")
    limit = left if timeout is None or timeout > left else timeout
    return limit if limit > _MIN_TIMEOUT else _MIN_TIMEOUT


class _DeadlineStream:
    """A network stream whose reads and writes respect the current deadline."""

    __slots__ = ("_inner", "_read_timeout", "_write_timeout")

    def __init__(self, inner: Any) -> None:
        import httpcore  # loaded already: the stream comes from an httpcore backend

        self._inner = inner
        self._read_timeout: type[Exception] = httpcore.ReadTimeout
        self._write_timeout: type[Exception] = httpcore.WriteTimeout

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._inner.read(max_bytes, limited_timeout(timeout, self._read_timeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:  # httpcore hands over empty writes (end of a GET), which send nothing
            self._inner.write(buffer, limited_timeout(timeout, self._write_timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> Any:
        return _DeadlineStream(self._inner.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
