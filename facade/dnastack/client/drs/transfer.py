"""Moving one object's bytes from an access URL into a ``.part`` file, fast and resumably.

The loop reads the response as the transport delivers it (124 KiB socket reads, see
:func:`wide_socket_reads`; no re-chunking), collects the chunks into batches of at least
:data:`BATCH_BYTES` and writes each batch with one ``writev``; the
:class:`~dnastack.client.drs.hashing.HashPipeline` threads hash the written bytes while
the next batch arrives. Progress is counted per batch, never per chunk.

Failures while the body streams (connection reset, a body shorter than its
``Content-Length``) keep what was written and continue with a ``Range`` request from
there; a server that ignores ``Range`` (200 instead of 206) restarts the file from zero.
An existing ``.part`` is resumed the same way, its bytes re-hashed first.

Every chunk is checked against the call's :class:`TransferControl`: the cancel token
(:mod:`~dnastack.client.drs.cancel`) and the stall rule (:mod:`~dnastack.client.drs.stall`).
While a response is open, cancelling or a stall seen by the driver's monitor shuts its
socket down, so a read blocked on a silent server returns at once. What was written stays
in the ``.part`` file for a later resume.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.cancel import CancelToken
from dnastack.client.drs.connection_access import (
    WIDE_READ_BYTES,
    socket_aborter,
    wide_socket_reads,
)
from dnastack.client.drs.content_decoding import decoded_chunks
from dnastack.client.drs.errors import (
    DownloadCancelledError,
    DownloadStalledError,
    IncompleteDownloadError,
)
from dnastack.client.drs.hashing import HashPipeline, hash_in_background
from dnastack.client.drs.local_files import os_errors_named
from dnastack.client.drs.progress import ProgressReporter
from dnastack.client.drs.stall import StallMonitor, StallRule, StallWatch
from dnastack.exceptions import HttpError, TransportError, safe_url

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span
    from dnastack.http.session import HttpSession

__all__ = [
    "BATCH_BYTES",
    "WIDE_READ_BYTES",
    "ByteSource",
    "TransferControl",
    "TransferOutcome",
    "part_name_for",
    "part_path_for",
    "transfer_to_part",
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

_logger = logging.getLogger("dnastack.drs")


@dataclass(frozen=True)
class ByteSource:
    """An access URL and the headers its access method asks for.

    ``send_credentials`` is False when those headers carry their own ``Authorization``:
    the endpoint's credentials then never replace it. Either way the endpoint's
    credentials only ever go to the endpoint's own origin.
    """

    url: str
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def send_credentials(self) -> bool:
        return not any(name.lower() == "authorization" for name in self.headers)

    def __repr__(self) -> str:
        return f"ByteSource(url={safe_url(self.url)!r}, headers=[{len(self.headers)} hidden])"


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
    """What :func:`transfer_to_part` wrote."""

    size: int
    bytes_transferred: int
    resumed_from: int
    digests: dict[str, str]


def part_path_for(target: Path) -> Path:
    """``dir/.name.part``: the temporary file beside the final one."""
    return target.with_name(part_name_for(target.name))


def part_name_for(name: str) -> str:
    """``.name.part``: the temporary file's name beside the final ``name``."""
    return f".{name}.part"


def transfer_to_part(
    session: HttpSession,
    source: ByteSource,
    part_fd: int,
    part_path: Path,
    *,
    object_id: str,
    expected_size: int | None,
    checksum_kinds: Sequence[str],
    progress: ProgressReporter,
    resume: bool = True,
    trace: Span | None = None,
    control: TransferControl | None = None,
) -> TransferOutcome:
    """Download ``source`` into the part file open as ``part_fd`` (read-write; see
    :func:`~dnastack.client.drs.local_files.open_part`) and hash it; return sizes and
    digests. ``part_path`` only names the file in messages.

    Raises:
        HttpError: the access URL answered with an error status.
        TransportError: the connection kept failing without progress.
        IncompleteDownloadError: the bytes never added up to ``expected_size``, or the
            body (decoded) went beyond it: nothing beyond it is written.
        LocalFileError: the part file could not be written (full, read-only, ...).
        DownloadCancelledError: ``control.cancel`` was cancelled (the part file is kept).
        DownloadStalledError: the stall rule stopped the response.
    """
    transfer = _Transfer(
        session, source, part_path, part_fd, object_id, expected_size, checksum_kinds, progress
    )
    transfer.control = control or TransferControl()
    with os_errors_named(part_path):
        return transfer.run(resume, trace)


class _Transfer:
    def __init__(
        self,
        session: HttpSession,
        source: ByteSource,
        part_path: Path,
        fd: int,
        object_id: str,
        expected_size: int | None,
        checksum_kinds: Sequence[str],
        progress: ProgressReporter,
    ) -> None:
        self.session = session
        self.source = source
        self.part_path = part_path
        self.fd = fd
        self.object_id = object_id
        self.expected_size = expected_size
        self.kinds = tuple(checksum_kinds)
        self.progress = progress
        self.offset = 0
        self.transferred = 0
        self.control = TransferControl()
        self.watch: StallWatch | None = None

    def run(self, resume: bool, trace: Span | None) -> TransferOutcome:
        existing = os.fstat(self.fd).st_size
        usable = resume and (self.expected_size is None or existing <= self.expected_size)
        self.offset = existing if usable else 0
        resumed_from = self.offset
        if existing != self.offset:
            os.ftruncate(self.fd, self.offset)
        hashes = self._new_pipeline()
        try:
            hashes.advance(self.offset)
            self.progress.start(self.offset)
            hashes = self._fetch_all(hashes, trace)
            digests = hashes.result()
        except BaseException:
            hashes.abort()
            raise
        if self.offset != resumed_from + self.transferred:  # restarted from zero
            resumed_from = 0
        return TransferOutcome(self.offset, self.transferred, resumed_from, digests)

    def _fetch_all(self, hashes: HashPipeline, trace: Span | None) -> HashPipeline:
        stalled = attempts = 0
        while not self._complete():
            attempts += 1
            before = self.offset
            self.control.cancel.check(self.object_id, self.part_path.name)
            try:
                hashes = self._fetch_once(hashes, trace)
            except TransportError as exc:
                self._raise_if_stopped(exc)
                stalled = 0 if self.offset > before else stalled + 1
                if stalled >= MAX_STALLED_ATTEMPTS or attempts >= MAX_ATTEMPTS:
                    raise
                _logger.warning(
                    "download of %s interrupted at byte %d (%s); resuming",
                    self.object_id,
                    self.offset,
                    exc,
                )
                continue
            if self.expected_size is None:
                return hashes  # no size to check: the server said the body was complete
            stalled = 0 if self.offset > before else stalled + 1
            if self._complete():
                break
            if stalled >= MAX_STALLED_ATTEMPTS or attempts >= MAX_ATTEMPTS:
                raise IncompleteDownloadError(
                    f"{self.object_id!r}: received {self.offset} of {self.expected_size} bytes "
                    f"from {safe_url(self.source.url)}",
                    object_id=self.object_id,
                    expected=self.expected_size,
                    received=self.offset,
                )
        return hashes

    def _raise_if_stopped(self, cause: BaseException | None = None) -> None:
        """Cancelled or stalled: raise that (not retried) instead of ``cause``."""
        if self.control.cancel.cancelled:
            raise DownloadCancelledError(self.object_id, self.part_path.name) from cause
        if self.watch is not None and self.watch.stalled and cause is not None:
            if isinstance(cause, DownloadStalledError):
                raise cause
            rule = self.control.stall
            raise DownloadStalledError(
                safe_url(self.source.url),
                min_bytes=rule.min_bytes,
                window_seconds=rule.window_seconds,
            ) from cause

    def _complete(self) -> bool:
        if self.expected_size is None:
            return False
        if self.offset > self.expected_size:
            raise IncompleteDownloadError(
                f"{self.object_id!r}: received {self.offset} bytes, more than its size "
                f"{self.expected_size}",
                object_id=self.object_id,
                expected=self.expected_size,
                received=self.offset,
            )
        return self.offset == self.expected_size

    def _fetch_once(self, hashes: HashPipeline, trace: Span | None) -> HashPipeline:
        """One GET (from ``self.offset``); returns the pipeline (a new one on restart)."""
        headers = {**self.source.headers, "Accept-Encoding": "identity"}
        if self.offset:
            headers["Range"] = f"bytes={self.offset}-"
        try:
            with self.session.stream(
                "GET", self.source.url, headers=headers, trace_context=trace
            ) as response:
                if self.offset and not _continues_at(response, self.offset):
                    _logger.info(
                        "%s ignored the range request; downloading %s from the start",
                        safe_url(self.source.url),
                        self.object_id,
                    )
                    hashes = self._restart(hashes)
                os.lseek(self.fd, self.offset, os.SEEK_SET)
                if os.fstat(self.fd).st_size != self.offset:
                    # (never truncate to the size the file has: ext4 flushes a file on
                    # close when it was truncated and rewritten)
                    os.ftruncate(self.fd, self.offset)
                self.watch = StallWatch(self.control.stall, self.control.clock)
                abort = socket_aborter(response)
                forget_cancel = self.control.cancel.on_cancel(abort)
                forget_watch = self.control.monitor.watch(self.watch, abort)
                try:
                    with wide_socket_reads(response):
                        self._copy_body(response, hashes, self.watch)
                finally:
                    forget_cancel()
                    forget_watch()
        except HttpError as exc:
            if exc.status_code != 416 or not self.offset:
                raise
            if self.expected_size is not None and self.offset < self.expected_size:
                # the server has no byte at this offset: the object is shorter than its size
                raise IncompleteDownloadError(
                    f"{self.object_id!r}: {safe_url(self.source.url)} has no bytes beyond "
                    f"{self.offset} (HTTP 416), but the object's size is {self.expected_size}",
                    object_id=self.object_id,
                    expected=self.expected_size,
                    received=self.offset,
                ) from exc
            if self.expected_size is None:  # nothing more to read: the body is complete
                self.expected_size = self.offset
        return hashes

    def _restart(self, hashes: HashPipeline) -> HashPipeline:
        hashes.close()
        self.offset = 0
        os.ftruncate(self.fd, 0)
        self.progress.restart()
        return self._new_pipeline()

    def _new_pipeline(self) -> HashPipeline:
        threaded = hash_in_background(self.expected_size)
        return HashPipeline(self.fd, self.kinds, threaded=threaded)

    def _copy_body(self, response: httpx.Response, hashes: HashPipeline, watch: StallWatch) -> None:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        chunks: Iterator[bytes] | None = None
        if response.is_stream_consumed:  # already read (and decoded) by httpx
            chunks = response.iter_bytes()
        elif encoding in ("", "identity"):
            chunks = response.iter_raw()
        else:  # compressed although identity was asked for: decoded in bounded steps
            chunks = decoded_chunks(response.iter_raw(), encoding) or response.iter_bytes()
        pending: list[bytes] = []
        size = 0
        limit = self.expected_size
        while True:
            try:
                chunk = next(chunks)
            except StopIteration:
                break
            except BaseException:
                if pending:  # keep what arrived before the failure
                    self._flush(pending, size, hashes)
                raise
            if limit is not None and self.offset + size + len(chunk) > limit:
                if pending:
                    self._flush(pending, size, hashes)
                raise self._too_long(self.offset + len(chunk), encoding)
            if watch.add(len(chunk)) or self.control.cancel.cancelled:
                self._flush([*pending, chunk], size + len(chunk), hashes)
                self._raise_if_stopped(TransportError("stopped", url=safe_url(self.source.url)))
            pending.append(chunk)
            size += len(chunk)
            if size >= BATCH_BYTES or len(pending) >= MAX_BATCH_CHUNKS:
                self._flush(pending, size, hashes)
                pending = []
                size = 0
        if pending:
            self._flush(pending, size, hashes)

    def _too_long(self, received: int, encoding: str) -> IncompleteDownloadError:
        assert self.expected_size is not None
        how = f" (decoded from {encoding})" if encoding not in ("", "identity") else ""
        return IncompleteDownloadError(
            f"{self.object_id!r}: {safe_url(self.source.url)} sent more than the object's "
            f"size of {self.expected_size} bytes{how}; stopped at byte {self.offset}",
            object_id=self.object_id,
            expected=self.expected_size,
            received=received,
        )

    def _flush(self, chunks: list[bytes], size: int, hashes: HashPipeline) -> None:
        _write_all(self.fd, chunks, size)
        self.offset += size
        hashes.advance(self.offset)
        self.transferred += size
        self.progress.advance(size)


def _continues_at(response: httpx.Response, offset: int) -> bool:
    """Whether a response to ``Range: bytes=offset-`` starts at ``offset``."""
    if response.status_code != 206:
        return False
    match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
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
