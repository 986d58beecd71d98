"""Downloading DRS objects and bundles into a folder: plan, transfer, verify, rename.

1-2. **Resolve and plan** (:mod:`~dnastack.client.drs.planning`): objects, bundle members
   and safe, collision-free local names. Before anything local is created for an object, its
   metadata is checked (:mod:`~dnastack.client.drs.object_rules`: a size that is a byte
   count, checksums spelled as digests, an http(s) access method): one that rules the
   download out is a FAILED result and leaves no folder, no file and no byte request.
3. **Transfer** each object on a bounded thread pool into ``.<name>.part`` in the target
   folder (resumed with ``Range`` when one is left over), hashing while streaming
   (:mod:`~dnastack.client.drs.transfer`), trying the object's access methods in order.
4. **Verify** size and checksum, then hard-link the part to its final name (which fails
   rather than overwrite a file that appeared meanwhile) and remove the part. A mismatch
   deletes the part and reports expected and actual digests: no final file is written.
   A failure before the first byte removes the part this download created (nothing to
   resume); a part holding bytes, or one left by an earlier run, is kept. After a failure,
   the folders the call created that are still empty (a bundle member's) are removed.

Every folder, part file and final name is reached through
:mod:`~dnastack.client.drs.folder_tree` and :mod:`~dnastack.client.drs.local_files`
(directory descriptors, no link followed, regular files only, the part locked); a refused
path is a FAILED result with an :class:`~dnastack.exceptions.UnsafePathError`, any other
local failure a :class:`~dnastack.exceptions.LocalFileError` naming the path.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.access_sources import FETCHABLE_SCHEMES, byte_sources
from dnastack.client.drs.cancel import CancelToken
from dnastack.client.drs.errors import (
    ChecksumMismatchError,
    DownloadCancelledError,
    DrsDownloadError,
    IncompleteDownloadError,
    NoAccessMethodError,
)
from dnastack.client.drs.folder_tree import FolderTree
from dnastack.client.drs.hashing import (
    ChecksumPolicy,
    HashPipeline,
    digests_match,
    expected_pairs,
    hash_in_background,
    select_checksums,
)
from dnastack.client.drs.local_files import (
    check_final_name,
    open_existing,
    open_part_noting_creation,
    place_file,
    remove_if_ours,
)
from dnastack.client.drs.local_paths import LocalFolder, local_file_error
from dnastack.client.drs.models import DrsObject
from dnastack.client.drs.naming import unique_path
from dnastack.client.drs.object_rules import check_object_metadata
from dnastack.client.drs.planning import (
    MAX_NAME_SUFFIX,
    DownloadJob,
    NameAllocator,
    plan_downloads,
)
from dnastack.client.drs.progress import ProgressHook, ProgressReporter
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.stall import StallMonitor, StallRule
from dnastack.client.drs.transfer import (
    ByteSource,
    TransferControl,
    TransferOutcome,
    part_name_for,
    transfer_to_part,
)
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import DnastackError, HttpError, TransportError, safe_url

if TYPE_CHECKING:
    from dnastack.client.drs.client import DrsClient
    from dnastack.common.tracing import Span

__all__ = ["FETCHABLE_SCHEMES", "DownloadOptions", "download_planned", "run_downloads"]

_logger = sdk_logger("dnastack.drs")

WAIT_TICK_SECONDS: Final = 0.2
"""How often the waiting thread looks for Ctrl-C, the caller's cancel event and stalls."""


@dataclass(frozen=True)
class DownloadOptions:
    """How :func:`run_downloads` behaves (see ``DrsClient.download``)."""

    output_dir: Path
    parallel: int = 4
    resume: bool = True
    checksum_policy: ChecksumPolicy = "strongest"
    skip_existing: bool = True
    no_auth: bool = False
    hooks: tuple[ProgressHook, ...] = ()
    trace: Span | None = None
    cancel: threading.Event | None = None
    stall: StallRule = field(default_factory=StallRule)
    clock: Callable[[], float] = time.monotonic


def run_downloads(
    client: DrsClient, requested: Sequence[str], options: DownloadOptions
) -> list[DownloadResult]:
    """Download ``requested`` ids/URIs per ``options``; one result per object.

    The calling thread waits for the workers in :data:`WAIT_TICK_SECONDS` ticks: on each it
    looks at ``options.cancel`` and polls the stall monitor. ``KeyboardInterrupt`` (or any
    exception) while waiting cancels every transfer, waits for the workers to stop (about
    a tick; ``.part`` files are kept) and propagates. After a failure, the folders this call
    created that are still empty are removed (see :meth:`FolderTree.remove_empty_created`).

    Raises:
        LocalFileError: the output folder cannot be created or opened.
    """
    with FolderTree(options.output_dir) as folders:
        names = NameAllocator()
        jobs = plan_downloads(
            client,
            requested,
            folders,
            names,
            skip_existing=options.skip_existing,
            no_auth=options.no_auth,
            trace=options.trace,
        )
        try:
            results = download_planned(client, jobs, options, folders, names)
        except BaseException:  # (the workers have stopped)
            folders.remove_empty_created()
            raise
        if not all(result.ok for result in results):
            folders.remove_empty_created()
        return results


def download_planned(
    client: DrsClient,
    jobs: Sequence[DownloadJob],
    options: DownloadOptions,
    folders: FolderTree,
    names: NameAllocator,
) -> list[DownloadResult]:
    """Download planned ``jobs`` (see :func:`run_downloads`); one result per job (a
    duplicate's from its original's, which ``jobs`` holds too). Also what each task of a
    distributed download runs (:mod:`~dnastack.client.drs.distributed`)."""
    control = TransferControl(
        cancel=CancelToken(options.cancel),
        stall=options.stall,
        monitor=StallMonitor(),
        clock=options.clock,
    )
    worker = _ObjectDownloader(client, options, names, folders, control)
    originals = [job for job in jobs if job.duplicate_of is None]
    with ThreadPoolExecutor(
        max_workers=max(1, options.parallel), thread_name_prefix="dnastack-drs"
    ) as pool:
        futures = [pool.submit(worker.download, job) for job in originals]
        try:
            _wait_ticking(futures, control)
        except BaseException:
            control.cancel.cancel()  # every transfer stops within a tick or a chunk
            raise
        done = {id(job): future.result() for job, future in zip(originals, futures, strict=True)}
    return [
        done[id(job)] if job.duplicate_of is None else worker.duplicate(job, done) for job in jobs
    ]


def _wait_ticking(futures: list[Future[DownloadResult]], control: TransferControl) -> None:
    """Wait for ``futures`` in short ticks (a signal handler's exception, such as
    ``KeyboardInterrupt``, is raised between two), cancelling when the caller's event is
    set and aborting stalled responses."""
    pending = set(futures)
    while pending:
        _, pending = wait(pending, timeout=WAIT_TICK_SECONDS)
        control.cancel.poll()
        control.monitor.poll(control.clock())


# -- one object ---------------------------------------------------------------------------


class _ObjectDownloader:
    def __init__(
        self,
        client: DrsClient,
        options: DownloadOptions,
        names: NameAllocator,
        folders: FolderTree,
        control: TransferControl,
    ) -> None:
        self.client = client
        self.options = options
        self.names = names
        self.folders = folders
        self.control = control

    def download(self, job: DownloadJob) -> DownloadResult:
        result = self._download(job)
        self.client._report_download(result)
        return result

    def duplicate(self, job: DownloadJob, done: dict[int, DownloadResult]) -> DownloadResult:
        """The result of an object requested a second time: SKIPPED, same path."""
        original = job.duplicate_of
        assert original is not None
        first = done.get(id(original))
        if first is None:  # a bundle: its members were reported one by one
            first = DownloadResult(object_id=job.location.object_id, status=DownloadStatus.SKIPPED)
        result = DownloadResult(
            object_id=first.object_id,
            status=DownloadStatus.SKIPPED if first.ok else DownloadStatus.FAILED,
            path=first.path,
            size=first.size,
            checksum_verified=first.checksum_verified,
            error=f"requested more than once (as {original.requested!r})",
            requested=job.requested,
        )
        self.client._report_download(result)
        return result

    def _download(self, job: DownloadJob) -> DownloadResult:
        drs_object = job.drs_object
        if job.error is not None or drs_object is None or job.folder is None:
            error = job.error or DrsDownloadError("not resolved", object_id=job.location.object_id)
            return self._failed(job, error)
        if self.control.cancel.cancelled:
            return self._failed(job, DownloadCancelledError(drs_object.id))
        expected = select_checksums(
            expected_pairs(drs_object.checksums), self.options.checksum_policy
        )
        try:  # before anything local is created and before any byte is requested
            check_object_metadata(drs_object, expected, safe_url(job.location.object_url))
            sources = self._sources(job, drs_object)
        except DnastackError as exc:
            return self._failed(job, exc)
        for path in job.existing:
            skipped = self._already_there(job, drs_object, path, expected)
            if skipped is not None:
                return skipped
        file_name = job.file_name or drs_object.id
        target = job.target or self.names.allocate(job.folder, file_name)
        try:
            with self.folders.opened(job.folder_parts, create=True) as folder:
                assert folder is not None
                check_final_name(folder, file_name)
                return self._fetch(job, drs_object, sources, folder, target, expected)
        except DnastackError as exc:
            return self._failed(job, exc)
        except OSError as exc:
            return self._failed(job, local_file_error(exc, target))

    def _already_there(
        self, job: DownloadJob, drs_object: DrsObject, path: Path, expected: dict[str, str]
    ) -> DownloadResult | None:
        if not expected:
            return None
        try:
            with self.folders.opened(job.folder_parts, create=False) as folder:
                fd = open_existing(folder, path.name) if folder is not None else None
        except DnastackError:
            return None
        if fd is None:
            return None
        try:
            if os.fstat(fd).st_size != drs_object.size:
                return None
            threaded = hash_in_background(drs_object.size) and len(expected) > 1
            with HashPipeline(fd, expected, threaded=threaded) as hashes:
                hashes.advance(drs_object.size)
                actual = hashes.result()
        except OSError:
            return None
        finally:
            os.close(fd)
        if not all(digests_match(expected[k], actual[k]) for k in expected):
            return None
        return DownloadResult(
            object_id=drs_object.id,
            status=DownloadStatus.SKIPPED,
            path=path,
            size=drs_object.size,
            checksum_verified=True,
            expected_checksums=expected,
            actual_checksums=actual,
            error="already downloaded (size and checksum match)",
            bundle_id=job.bundle_id,
            requested=job.requested,
        )

    def _sources(self, job: DownloadJob, drs_object: DrsObject) -> list[Callable[[], ByteSource]]:
        """The object's byte sources, in the order they are tried (at least one).

        Raises:
            NoAccessMethodError: the object offers no http(s) access method.
        """
        sources = byte_sources(
            self.client, drs_object, job.location.base_url, self.options.no_auth, self.options.trace
        )
        if not sources:
            offered = ", ".join(m.type for m in drs_object.access_methods or []) or "none"
            raise NoAccessMethodError(
                f"{drs_object.id!r} has no http(s) access method (offered: {offered})",
                object_id=drs_object.id,
            )
        return sources

    def _fetch(
        self,
        job: DownloadJob,
        drs_object: DrsObject,
        sources: list[Callable[[], ByteSource]],
        folder: LocalFolder,
        target: Path,
        expected: dict[str, str],
    ) -> DownloadResult:
        part = _PartFile(folder, part_name_for(target.name))
        part.fd, part.created = open_part_noting_creation(folder, part.name)
        reporter = ProgressReporter(
            drs_object.id, target.name, drs_object.size, list(self.options.hooks)
        )
        try:
            resume = self.options.resume
            outcome, source = self._transfer_any(
                drs_object, sources, part, expected, reporter, resume
            )
            verified = self._verify(drs_object, expected, outcome.digests)
            if not verified and outcome.resumed_from:
                # the leftover .part may have come from other bytes: start over once
                _logger.warning("%s: resumed download failed verification; retrying", drs_object.id)
                outcome, source = self._transfer_any(drs_object, sources, part, expected, reporter)
                verified = self._verify(drs_object, expected, outcome.digests)
            if not verified:
                remove_if_ours(folder, part.name, part.fd)
                raise ChecksumMismatchError(
                    object_id=drs_object.id, expected=expected, actual=outcome.digests
                )
            final = _place(part, target)
        except BaseException as exc:
            reporter.finish()
            if part.discard_if_nothing_written() and isinstance(exc, DownloadCancelledError):
                raise DownloadCancelledError(drs_object.id) from exc  # no .part kept: say so
            raise
        finally:
            os.close(part.fd)
        reporter.finish()
        return DownloadResult(
            object_id=drs_object.id,
            status=DownloadStatus.SUCCESS,
            path=final,
            size=outcome.size,
            bytes_transferred=reporter.bytes_transferred,
            resumed_from=outcome.resumed_from,
            checksum_verified=bool(expected),
            expected_checksums=expected,
            actual_checksums=outcome.digests,
            source_url=safe_url(source.url),
            bundle_id=job.bundle_id,
            requested=job.requested,
        )

    def _verify(
        self, drs_object: DrsObject, expected: dict[str, str], actual: dict[str, str]
    ) -> bool:
        if not expected:
            _logger.warning(
                "%s: no checksum this client can verify (offered: %s); size checked only",
                drs_object.id,
                ", ".join(c.type for c in drs_object.checksums) or "none",
            )
        return all(digests_match(expected[k], actual.get(k, "")) for k in expected)

    def _transfer_any(
        self,
        drs_object: DrsObject,
        sources: list[Callable[[], ByteSource]],
        part: _PartFile,
        expected: dict[str, str],
        reporter: ProgressReporter,
        resume: bool = False,
    ) -> tuple[TransferOutcome, ByteSource]:
        """Try each access method in turn; the first that delivers every byte wins."""
        errors: list[str] = []
        last: BaseException | None = None
        for resolve_source in sources:
            try:
                source = resolve_source()
                session = self.client.create_http_session(
                    no_auth=self.options.no_auth or not source.send_credentials
                )
                outcome = transfer_to_part(
                    session,
                    source,
                    part.fd,
                    part.path,
                    object_id=drs_object.id,
                    expected_size=drs_object.size,
                    checksum_kinds=list(expected),
                    progress=reporter,
                    resume=resume,
                    trace=self.options.trace,
                    control=self.control,
                )
                return outcome, source
            except (HttpError, TransportError, IncompleteDownloadError) as exc:
                _logger.info("%s: access method failed: %s", drs_object.id, exc)
                errors.append(str(exc))
                last = exc
        assert last is not None  # (``sources`` is never empty: see _sources)
        if len(errors) == 1:
            raise last
        raise DrsDownloadError(
            f"every access method of {drs_object.id!r} failed: " + "; ".join(errors),
            object_id=drs_object.id,
        ) from last

    def _failed(self, job: DownloadJob, error: BaseException) -> DownloadResult:
        drs_object = job.drs_object
        mismatch = error if isinstance(error, ChecksumMismatchError) else None
        return DownloadResult(
            object_id=drs_object.id if drs_object else job.location.object_id,
            status=DownloadStatus.FAILED,
            expected_checksums=mismatch.expected if mismatch else {},
            actual_checksums=mismatch.actual if mismatch else {},
            error=str(error) or type(error).__name__,
            exception=error,
            bundle_id=job.bundle_id,
            requested=job.requested,
        )


@dataclass
class _PartFile:
    """The open ``.part`` file of one object: its folder, name, descriptor, and whether this
    download created it."""

    folder: LocalFolder
    name: str
    fd: int = -1
    created: bool = False

    @property
    def path(self) -> Path:
        return self.folder.path / self.name

    def discard_if_nothing_written(self) -> bool:
        """After a failure: remove the part if this download created it and wrote nothing
        to it (no junk left; a leftover part or one holding bytes to resume is kept).
        Returns whether it was removed."""
        try:
            if not self.created or os.fstat(self.fd).st_size:
                return False
            remove_if_ours(self.folder, self.name, self.fd)
        except (OSError, DnastackError) as exc:  # the failure being raised matters more
            _logger.warning("%s: empty part file not removed: %s", self.path, exc)
            return False
        return True


def _place(part: _PartFile, target: Path) -> Path:
    """Give ``part`` its final name (or a suffixed one) without ever replacing a file."""
    candidate = target
    for _ in range(MAX_NAME_SUFFIX):
        if place_file(part.folder, part.name, part.fd, candidate.name):
            return candidate
        candidate = unique_path(target.parent, target.name, {candidate})
    raise DrsDownloadError(f"no free file name for {target}", object_id=target.name)
