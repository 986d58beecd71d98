"""One object's transfer into its ``.part`` file, without any HTTP: the rules a driver
(threads, asyncio, an executor task) applies to the requests it makes and the bytes it gets.

A driver loops::

    core.begin(resume)
    while core.wants_more():
        headers = core.next_request(source.headers)    # Range from the offset reached
        try:
            <send GET with headers>
            core.response_started(status, response_headers)
            with core.watching(abort_this_response):     # cancel + stall monitor
                for data in <body, raw when core.takes_raw_body else decoded>:
                    core.accept(data)
                core.body_ended()
        except <transport failure> as exc:
            core.body_failed()
            core.transport_failed(exc)                   # raises, or returns to retry
            continue
        except <HTTP 416>:
            core.range_not_satisfiable()                 # raises, or the body is complete
        core.response_done()                             # raises after too many attempts
    outcome = core.finish()                              # core.abort() on any exception

Rules: resume from the bytes on disk (re-hashed first); a response that ignores ``Range``
restarts the file from zero; chunks are batched (:data:`BATCH_BYTES`, one ``writev``)
and hashed behind the writer (:class:`~dnastack.client.drs.hashing.HashPipeline`); decoded
bytes never go beyond the declared size; every chunk checks the cancel token and the stall
rule; a failure keeps what was written; attempts are bounded (:data:`MAX_ATTEMPTS`, and
:data:`MAX_STALLED_ATTEMPTS` in a row without progress).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from dnastack.client.drs.cancel import CancelToken
from dnastack.client.drs.content_decoding import (
    BoundedDecoder,
    ContentDecodingError,
    StackedDecoder,
    decoder_for,
)
from dnastack.client.drs.errors import (
    DownloadCancelledError,
    DownloadStalledError,
    IncompleteDownloadError,
)
from dnastack.client.drs.hashing import HashPipeline, hash_in_background
from dnastack.client.drs.object_rules import check_declared_size
from dnastack.client.drs.progress import ProgressReporter
from dnastack.client.drs.stall import StallMonitor, StallRule, StallWatch
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import TransportError, safe_url

__all__ = [
    "BATCH_BYTES",
    "MAX_ATTEMPTS",
    "MAX_STALLED_ATTEMPTS",
    "TransferControl",
    "TransferCore",
    "TransferOutcome",
]

BATCH_BYTES: Final = 1024 * 1024
"""Bytes collected before one write + hash hand-off (>= 1 MiB)."""
MAX_BATCH_CHUNKS: Final = 512  # below IOV_MAX (1024) whatever the chunk size
MAX_STALLED_ATTEMPTS: Final = 4
"""Attempts in a row that add no byte before giving up."""
MAX_ATTEMPTS: Final = 32
"""Attempts per source in total (each one after the first resumes with ``Range``)."""
_HAS_WRITEV: Final = hasattr(os, "writev")  # not on Windows
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)

_logger = sdk_logger("dnastack.drs")


@dataclass(frozen=True)
class TransferControl:
    """What stops transfers early: the call's cancel token, the stall rule, the monitor a
    driver polls for stalls while reads block, and the clock both use."""

    cancel: CancelToken = field(default_factory=CancelToken)
    stall: StallRule = field(default_factory=StallRule)
    monitor: StallMonitor = field(default_factory=StallMonitor)
    clock: Callable[[], float] = time.monotonic


@dataclass(frozen=True)
class TransferOutcome:
    """What a transfer wrote."""

    size: int
    bytes_transferred: int
    resumed_from: int
    digests: dict[str, str]


class TransferCore:
    """The state and rules of one object's transfer from one source (see the module doc).

    Args:
        fd: the part file, open read-write (see
            :func:`~dnastack.client.drs.local_files.open_part`); never closed here.
        part_path: the part file's path, for messages.
        source_url: the access URL, for messages (query string removed when shown).
        object_id: the object, for messages and errors.
        expected_size: the object's declared size, or None.
        checksum_kinds: checksum types to compute.
        progress: where progress goes.
        control: cancel token, stall rule and monitor.

    Raises:
        InvalidObjectMetadataError: ``expected_size`` is not a byte count.
    """

    def __init__(
        self,
        *,
        fd: int,
        part_path: Path,
        source_url: str,
        object_id: str,
        expected_size: int | None,
        checksum_kinds: Sequence[str],
        progress: ProgressReporter,
        control: TransferControl,
    ) -> None:
        if expected_size is not None:
            check_declared_size(object_id, expected_size)
        self.fd = fd
        self.part_path = part_path
        self.url = safe_url(source_url)
        self.object_id = object_id
        self.expected_size = expected_size
        self.kinds = tuple(checksum_kinds)
        self.progress = progress
        self.control = control
        self.offset = 0
        self.transferred = 0
        self.resumed_from = 0
        self.watch: StallWatch | None = None
        self._hashes: HashPipeline | None = None
        self._decoder: BoundedDecoder | StackedDecoder | None = None
        self._encoding = ""
        self._decoded = False
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._attempts = 0
        self._stalled = 0
        self._before = 0
        self._done = False

    # -- the loop ---------------------------------------------------------------------------

    def begin(self, resume: bool) -> None:
        """Resume from the part file's bytes (re-hashed) or start it over."""
        existing = os.fstat(self.fd).st_size
        usable = resume and (self.expected_size is None or existing <= self.expected_size)
        self.offset = self.resumed_from = existing if usable else 0
        if existing != self.offset:
            os.ftruncate(self.fd, self.offset)
        self._hashes = self._new_pipeline()
        self._hashes.advance(self.offset)
        self.progress.start(self.offset)

    def wants_more(self) -> bool:
        """Whether another request is needed."""
        if self._done:
            return False
        if self.expected_size is None:
            return True
        if self.offset > self.expected_size:  # pragma: no cover - accept() prevents it
            raise self._too_long(self.offset)
        return self.offset < self.expected_size

    def next_request(self, source_headers: Mapping[str, str]) -> dict[str, str]:
        """The headers of the next GET (``Range`` once bytes are on disk).

        Raises:
            DownloadCancelledError: cancelled.
        """
        self.control.cancel.check(self.object_id, self.part_path.name)
        self._attempts += 1
        self._before = self.offset
        headers = {**source_headers, "Accept-Encoding": "identity"}
        if self.offset:
            headers["Range"] = f"bytes={self.offset}-"
        return headers

    def response_started(
        self, status: int, headers: Mapping[str, str], *, decoded: bool = False
    ) -> None:
        """A 2xx response arrived: restart if it ignored ``Range``; position the file.

        ``decoded``: the driver can only pass the transport's decoded bytes (a body it
        already read); then :attr:`takes_raw_body` is False.
        """
        if self.offset and not _continues_at(status, headers, self.offset):
            _logger.info(
                "%s ignored the range request; downloading %s from the start",
                self.url,
                self.object_id,
            )
            self._restart()
        os.lseek(self.fd, self.offset, os.SEEK_SET)
        if os.fstat(self.fd).st_size != self.offset:
            # (never truncate to the size the file has: ext4 flushes a file on close when
            # it was truncated and rewritten)
            os.ftruncate(self.fd, self.offset)
        self._encoding = headers.get("content-encoding", "identity").strip().lower()
        self._decoder = None if decoded else decoder_for(self._encoding)
        self._decoded = decoded
        self.watch = StallWatch(self.control.stall, self.control.clock)

    @property
    def takes_raw_body(self) -> bool:
        """True: pass the body's bytes as sent (identity, an encoding decoded here, or one
        not decoded at all: written as sent, then judged by size and checksum; never
        decoded by the transport, whose decoders are unbounded); False: the transport
        already read and decoded the body."""
        return not self._decoded

    @contextmanager
    def watching(self, abort: Callable[[], None]) -> Iterator[None]:
        """While the body is read, cancelling or a stall seen by the monitor calls
        ``abort`` (which must unblock the driver's read)."""
        assert self.watch is not None
        forget_cancel = self.control.cancel.on_cancel(abort)
        forget_watch = self.control.monitor.watch(self.watch, abort)
        try:
            yield
        finally:
            forget_cancel()
            forget_watch()

    def accept(self, data: bytes) -> None:
        """Bytes of the body (decoded here if :attr:`takes_raw_body` and encoded)."""
        if self._decoder is None:
            self._take(data)
            return
        try:
            for piece in self._decoder.decode(data):
                self._take(piece)
        except ContentDecodingError as exc:
            raise TransportError(str(exc), method="GET", url=self.url) from exc

    def body_ended(self) -> None:
        """The body ended cleanly: write what is pending."""
        if self._decoder is not None:
            try:
                tail = self._decoder.flush()
            except ContentDecodingError as exc:  # pragma: no cover - flush rarely fails
                raise TransportError(str(exc), method="GET", url=self.url) from exc
            if tail:
                self._take(tail)
        self.body_failed()

    def body_failed(self) -> None:
        """The body failed: keep what arrived (call before :meth:`transport_failed`)."""
        if self._pending:
            self._flush()

    def transport_failed(self, exc: BaseException) -> None:
        """Decide after a connection failure: return to retry, or raise.

        Raises:
            DownloadCancelledError, DownloadStalledError: stopped (never retried).
            ``exc``: too many attempts, or too many in a row without progress.
        """
        self._raise_if_stopped(exc)
        self._stalled = 0 if self.offset > self._before else self._stalled + 1
        if self._stalled >= MAX_STALLED_ATTEMPTS or self._attempts >= MAX_ATTEMPTS:
            raise exc
        _logger.warning(
            "download of %s interrupted at byte %d (%s); resuming", self.object_id, self.offset, exc
        )

    def range_not_satisfiable(self) -> IncompleteDownloadError | None:
        """HTTP 416 to a ``Range`` request: the error to raise, or None (body complete)."""
        if self.expected_size is not None and self.offset < self.expected_size:
            # the server has no byte at this offset: the object is shorter than its size
            return IncompleteDownloadError(
                f"{self.object_id!r}: {self.url} has no bytes beyond {self.offset} (HTTP 416), "
                f"but the object's size is {self.expected_size}",
                object_id=self.object_id,
                expected=self.expected_size,
                received=self.offset,
            )
        if self.expected_size is None:  # nothing more to read: the body is complete
            self.expected_size = self.offset
        return None

    def response_done(self) -> None:
        """A response was read to its end (or answered 416).

        Raises:
            IncompleteDownloadError: the bytes still fall short after too many attempts.
        """
        if self.expected_size is None:
            self._done = True  # no size to check: the server said the body was complete
            return
        self._stalled = 0 if self.offset > self._before else self._stalled + 1
        if self.offset >= self.expected_size:
            return
        if self._stalled >= MAX_STALLED_ATTEMPTS or self._attempts >= MAX_ATTEMPTS:
            raise IncompleteDownloadError(
                f"{self.object_id!r}: received {self.offset} of {self.expected_size} bytes "
                f"from {self.url}",
                object_id=self.object_id,
                expected=self.expected_size,
                received=self.offset,
            )

    def finish(self) -> TransferOutcome:
        """Sizes and digests once :meth:`wants_more` is False.

        Raises:
            OSError: the part file could not be read back for hashing.
        """
        assert self._hashes is not None
        digests = self._hashes.result()
        resumed_from = self.resumed_from
        if self.offset != resumed_from + self.transferred:  # restarted from zero
            resumed_from = 0
        return TransferOutcome(self.offset, self.transferred, resumed_from, digests)

    def abort(self) -> None:
        """Stop hashing without finishing (any failure, cancel included)."""
        if self._hashes is not None:
            self._hashes.abort()

    # -- bytes ------------------------------------------------------------------------------

    def _take(self, chunk: bytes) -> None:
        size = self._pending_size + len(chunk)
        limit = self.expected_size
        if limit is not None and self.offset + size > limit:
            self.body_failed()  # what fits is kept; nothing beyond the size is written
            raise self._too_long(self.offset + len(chunk))
        self._pending.append(chunk)
        self._pending_size = size
        assert self.watch is not None
        if self.watch.add(len(chunk)) or self.control.cancel.cancelled:
            self._flush()
            self._raise_if_stopped(None)
        if size >= BATCH_BYTES or len(self._pending) >= MAX_BATCH_CHUNKS:
            self._flush()

    def _flush(self) -> None:
        chunks, size = self._pending, self._pending_size
        self._pending, self._pending_size = [], 0
        _write_all(self.fd, chunks, size)
        self.offset += size
        assert self._hashes is not None
        self._hashes.advance(self.offset)
        self.transferred += size
        self.progress.advance(size)

    def _too_long(self, received: int) -> IncompleteDownloadError:
        assert self.expected_size is not None
        encoding = self._encoding
        how = f" (decoded from {encoding})" if encoding not in ("", "identity") else ""
        return IncompleteDownloadError(
            f"{self.object_id!r}: {self.url} sent more than the object's size of "
            f"{self.expected_size} bytes{how}; stopped at byte {self.offset}",
            object_id=self.object_id,
            expected=self.expected_size,
            received=received,
        )

    def _raise_if_stopped(self, cause: BaseException | None) -> None:
        """Cancelled or stalled: raise that (never retried) instead of ``cause``."""
        if self.control.cancel.cancelled:
            raise DownloadCancelledError(self.object_id, self.part_path.name) from cause
        if self.watch is not None and self.watch.stalled:
            if isinstance(cause, DownloadStalledError):
                raise cause
            rule = self.control.stall
            raise DownloadStalledError(
                self.url, min_bytes=rule.min_bytes, window_seconds=rule.window_seconds
            ) from cause

    def _restart(self) -> None:
        assert self._hashes is not None
        self._hashes.close()
        self.offset = 0
        os.ftruncate(self.fd, 0)
        self.progress.restart()
        self._hashes = self._new_pipeline()

    def _new_pipeline(self) -> HashPipeline:
        threaded = hash_in_background(self.expected_size)
        return HashPipeline(self.fd, self.kinds, threaded=threaded)


def _continues_at(status: int, headers: Mapping[str, str], offset: int) -> bool:
    """Whether a response to ``Range: bytes=offset-`` starts at ``offset``."""
    if status != 206:
        return False
    match = _CONTENT_RANGE.match(headers.get("content-range", ""))
    return match is not None and int(match.group(1)) == offset


def _write_all(fd: int, chunks: list[bytes], size: int) -> None:
    """Write ``chunks`` (``size`` bytes): one ``writev`` where the platform has it."""
    written = os.writev(fd, chunks) if _HAS_WRITEV else 0
    if written == size:
        return
    # A short write (rare on regular files): write the rest chunk by chunk.
    skip = written
    for chunk in chunks:
        if skip >= len(chunk):
            skip -= len(chunk)
            continue
        view = memoryview(chunk)[skip:]
        skip = 0
        while view:
            view = view[os.write(fd, view) :]
