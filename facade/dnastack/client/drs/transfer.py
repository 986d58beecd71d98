"""Moving one object's bytes from an access URL into a ``.part`` file: the synchronous
driver of :class:`~dnastack.client.drs.transfer_core.TransferCore`.

The core holds every rule (resume, ``Range`` restarts, batching, hashing, size limit,
cancel, stall, bounded retries); this driver only makes the requests with an
:class:`~dnastack.http.session.HttpSession` and feeds the body to the core as the
transport delivers it (124 KiB socket reads, see
:func:`~dnastack.client.drs.connection_access.wide_socket_reads`; no re-chunking). While a
response is open, cancelling or a stall seen by the monitor shuts its socket down, so a
read blocked on a silent server returns at once. What was written stays in the ``.part``
file for a later resume.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dnastack.client.drs.connection_access import (
    WIDE_READ_BYTES,
    socket_aborter,
    wide_socket_reads,
)
from dnastack.client.drs.local_paths import os_errors_named
from dnastack.client.drs.progress import ProgressReporter
from dnastack.client.drs.transfer_core import (
    BATCH_BYTES,
    TransferControl,
    TransferCore,
    TransferOutcome,
)
from dnastack.exceptions import HttpError, TransportError, safe_url

if TYPE_CHECKING:
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
    core = TransferCore(
        fd=part_fd,
        part_path=part_path,
        source_url=source.url,
        object_id=object_id,
        expected_size=expected_size,
        checksum_kinds=checksum_kinds,
        progress=progress,
        control=control or TransferControl(),
    )
    with os_errors_named(part_path):
        try:
            core.begin(resume)
            while core.wants_more():
                headers = core.next_request(source.headers)
                try:
                    _fetch_once(session, source.url, headers, core, trace)
                except TransportError as exc:
                    core.transport_failed(exc)
                    continue
                except HttpError as exc:
                    if exc.status_code != 416 or not core.offset:
                        raise
                    error = core.range_not_satisfiable()
                    if error is not None:
                        raise error from exc
                core.response_done()
            return core.finish()
        except BaseException:
            core.abort()
            raise


def _fetch_once(
    session: HttpSession,
    url: str,
    headers: dict[str, str],
    core: TransferCore,
    trace: Span | None,
) -> None:
    """One GET; its body goes to ``core`` (what arrived is kept if it fails)."""
    with session.stream("GET", url, headers=headers, trace_context=trace) as response:
        # (a body the transport already read, as mock transports do, comes decoded)
        decoded = response.is_stream_consumed
        core.response_started(response.status_code, response.headers, decoded=decoded)
        chunks = response.iter_raw() if core.takes_raw_body else response.iter_bytes()
        with core.watching(socket_aborter(response)), wide_socket_reads(response):
            try:
                for chunk in chunks:
                    core.accept(chunk)
            except BaseException:
                core.body_failed()
                raise
            core.body_ended()
