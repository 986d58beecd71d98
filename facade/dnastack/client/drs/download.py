"""Downloading DRS objects and bundles into a folder: plan, transfer, verify, rename.

1. **Resolve** every requested id or URI (bulk where the service allows it), bundles with
   ``expand=True``, then every bundle member.
2. **Plan** local paths in request order: ``DrsObject.name`` (or the id) made safe; a
   bundle becomes a folder tree from its ``contents`` names, each component made safe. A
   name already taken (on disk, or earlier in the same call) gets a `` (1)`` suffix; a
   file under that name (or a suffixed one) that already holds the verified bytes makes
   the object SKIPPED.
3. **Transfer** each object on a bounded thread pool into ``.<name>.part`` in the target
   folder (resumed with ``Range`` when one is left over), hashing while streaming
   (:mod:`~dnastack.client.drs.transfer`), trying the object's access methods in order.
4. **Verify** size and checksum, then hard-link the part to its final name (which fails
   rather than overwrite a file that appeared meanwhile) and remove the part. A mismatch
   deletes the part and reports expected and actual digests: no final file is written.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.errors import (
    ChecksumMismatchError,
    DrsDownloadError,
    IncompleteDownloadError,
    NoAccessMethodError,
)
from dnastack.client.drs.hashing import (
    ChecksumPolicy,
    HashPipeline,
    digests_match,
    expected_pairs,
    select_checksums,
)
from dnastack.client.drs.models import DrsObject
from dnastack.client.drs.naming import (
    numbered_name,
    safe_filename,
    safe_relative_path,
    unique_path,
)
from dnastack.client.drs.progress import ProgressHook, ProgressReporter
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.transfer import (
    ByteSource,
    TransferOutcome,
    part_path_for,
    transfer_to_part,
)
from dnastack.client.drs.uri import DrsLocation
from dnastack.exceptions import DnastackError, HttpError, TransportError, safe_url

if TYPE_CHECKING:
    from dnastack.client.drs.client import DrsClient
    from dnastack.common.tracing import Span

__all__ = ["DownloadJob", "DownloadOptions", "run_downloads"]

_logger = logging.getLogger("dnastack.drs")

FETCHABLE_SCHEMES: Final = ("https://", "http://")
_MAX_LINK_ATTEMPTS: Final = 100


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


@dataclass
class DownloadJob:
    """One object to fetch: where it comes from and where it goes."""

    requested: str
    location: DrsLocation
    drs_object: DrsObject | None = None
    folder: Path | None = None
    file_name: str | None = None
    target: Path | None = None  # allocated up front unless ``existing`` files may match
    existing: list[Path] = field(default_factory=list)  # same name (or suffixed), same size
    bundle_id: str | None = None
    relative_parts: tuple[str, ...] = ()
    error: BaseException | None = None
    duplicate_of: DownloadJob | None = field(default=None, repr=False)


def run_downloads(
    client: DrsClient, requested: Sequence[str], options: DownloadOptions
) -> list[DownloadResult]:
    """Download ``requested`` ids/URIs per ``options``; one result per object."""
    options.output_dir.mkdir(parents=True, exist_ok=True)
    jobs = _resolve(client, requested, options)
    names = _Names()
    _plan_paths(jobs, options.output_dir, names, options.skip_existing)
    worker = _ObjectDownloader(client, options, names)
    originals = [job for job in jobs if job.duplicate_of is None]
    with ThreadPoolExecutor(
        max_workers=max(1, options.parallel), thread_name_prefix="dnastack-drs"
    ) as pool:
        done = dict(zip(map(id, originals), pool.map(worker.download, originals), strict=True))
    return [
        done[id(job)] if job.duplicate_of is None else worker.duplicate(job, done) for job in jobs
    ]


# -- resolution ---------------------------------------------------------------------------


def _resolve(
    client: DrsClient, requested: Sequence[str], options: DownloadOptions
) -> list[DownloadJob]:
    jobs: list[DownloadJob] = []
    first_by_key: dict[tuple[str, str], DownloadJob] = {}
    for text in requested:
        try:
            location = client.resolve(text)
        except DnastackError as exc:
            jobs.append(DownloadJob(text, DrsLocation(text, ""), error=exc))
            continue
        job = DownloadJob(text, location)
        key = (location.base_url, location.object_id)
        if key in first_by_key:
            job.duplicate_of = first_by_key[key]
        else:
            first_by_key[key] = job
        jobs.append(job)
    fresh = [j for j in jobs if j.error is None and j.duplicate_of is None]
    _attach_objects(client, fresh, options)
    expanded: list[DownloadJob] = []
    for job in jobs:
        if job.drs_object is not None and job.drs_object.is_bundle:
            expanded.extend(_bundle_members(client, job, options))
        else:
            expanded.append(job)
    return expanded


def _attach_objects(client: DrsClient, jobs: list[DownloadJob], options: DownloadOptions) -> None:
    found = client._resolve_locations(
        [job.location for job in jobs], expand=True, no_auth=options.no_auth, trace=options.trace
    )
    for job, outcome in zip(jobs, found, strict=True):
        if isinstance(outcome, DrsObject):
            job.drs_object = outcome
        else:
            job.error = outcome


def _bundle_members(
    client: DrsClient, bundle_job: DownloadJob, options: DownloadOptions
) -> list[DownloadJob]:
    """Jobs for every blob of a bundle (nested bundles included), depth first."""
    bundle = bundle_job.drs_object
    assert bundle is not None
    root = safe_filename(bundle.name, bundle.id)
    members: list[DownloadJob] = []
    pending: list[tuple[DrsObject, DrsLocation, tuple[str, ...]]] = [
        (bundle, bundle_job.location, ())
    ]
    while pending:
        current, where, prefix = pending.pop(0)
        children: list[DownloadJob] = []
        for content in current.contents or []:
            parts = (*prefix, content.name)
            if content.drs_uri:
                try:
                    location = client.resolve(content.drs_uri[0])
                except DnastackError:
                    location = DrsLocation(content.id or content.drs_uri[0], where.base_url)
            elif content.id:
                location = DrsLocation(content.id, where.base_url)
            else:
                error = DrsDownloadError(
                    f"bundle {bundle.id!r}: member {content.name!r} has neither id nor drs_uri",
                    object_id=bundle.id,
                )
                children.append(_member(bundle_job, DrsLocation(content.name, ""), parts, error))
                continue
            children.append(_member(bundle_job, location, parts, None))
        _attach_objects(client, [c for c in children if c.error is None], options)
        for child in children:
            if child.drs_object is not None and child.drs_object.is_bundle:
                pending.append((child.drs_object, child.location, child.relative_parts))
            else:
                child.relative_parts = (root, *child.relative_parts)
                members.append(child)
    return members


def _member(
    bundle_job: DownloadJob,
    location: DrsLocation,
    parts: tuple[str, ...],
    error: BaseException | None,
) -> DownloadJob:
    bundle = bundle_job.drs_object
    return DownloadJob(
        requested=bundle_job.requested,
        location=location,
        bundle_id=bundle.id if bundle else None,
        relative_parts=parts,
        error=error,
    )


# -- planning -----------------------------------------------------------------------------


class _Names:
    """Final names handed out in this call (thread-safe): never the same one twice."""

    def __init__(self) -> None:
        self._taken: set[Path] = set()
        self._lock = threading.Lock()

    def allocate(self, folder: Path, name: str) -> Path:
        with self._lock:
            path = unique_path(folder, name, self._taken)
            self._taken.add(path)
            return path


def _plan_paths(
    jobs: list[DownloadJob], output_dir: Path, names: _Names, skip_existing: bool
) -> None:
    """Names in request order; a job whose name (or a suffixed one) already holds a file
    of the object's size gets its name only if that file turns out to differ."""
    for job in jobs:
        if job.error is not None or job.duplicate_of is not None or job.drs_object is None:
            continue
        fallback = job.drs_object.id
        if job.bundle_id is not None:
            relative = safe_relative_path(job.relative_parts, fallback)
        else:
            relative = Path(safe_filename(job.drs_object.name, fallback))
        job.folder = output_dir / relative.parent
        job.file_name = relative.name
        if skip_existing:
            job.existing = _same_size_files(job.folder, relative.name, job.drs_object.size)
        if not job.existing:
            job.target = names.allocate(job.folder, relative.name)


def _same_size_files(folder: Path, name: str, size: int) -> list[Path]:
    """``name``, ``name (1)``, ... as long as they exist, keeping regular files of ``size``."""
    found: list[Path] = []
    for counter in range(_MAX_LINK_ATTEMPTS):
        path = folder / numbered_name(name, counter)
        try:
            info = path.stat()
        except FileNotFoundError:
            break
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size == size:
            found.append(path)
    return found


# -- one object ---------------------------------------------------------------------------


class _ObjectDownloader:
    def __init__(self, client: DrsClient, options: DownloadOptions, names: _Names) -> None:
        self.client = client
        self.options = options
        self.names = names
        self._folders_lock = threading.Lock()

    def download(self, job: DownloadJob) -> DownloadResult:
        result = self._download(job)
        self.client._report_download(result)
        return result

    def duplicate(self, job: DownloadJob, done: dict[int, DownloadResult]) -> DownloadResult:
        """The result of an object requested a second time: SKIPPED, same path."""
        original = job.duplicate_of
        assert original is not None
        first = done[id(original)]
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
        expected = select_checksums(
            expected_pairs(drs_object.checksums), self.options.checksum_policy
        )
        for path in job.existing:
            skipped = self._already_there(job, drs_object, path, expected)
            if skipped is not None:
                return skipped
        target = job.target or self.names.allocate(job.folder, job.file_name or drs_object.id)
        try:
            return self._fetch(job, drs_object, target, expected)
        except (DnastackError, OSError) as exc:
            return self._failed(job, exc)

    def _already_there(
        self, job: DownloadJob, drs_object: DrsObject, path: Path, expected: dict[str, str]
    ) -> DownloadResult | None:
        try:
            if path.stat().st_size != drs_object.size or not expected:
                return None
            with HashPipeline(path, expected) as hashes:
                hashes.advance(drs_object.size)
                actual = hashes.result()
        except OSError:
            return None
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

    def _fetch(
        self, job: DownloadJob, drs_object: DrsObject, target: Path, expected: dict[str, str]
    ) -> DownloadResult:
        with self._folders_lock:
            target.parent.mkdir(parents=True, exist_ok=True)
        part = part_path_for(target)
        reporter = ProgressReporter(
            drs_object.id, target.name, drs_object.size, list(self.options.hooks)
        )
        try:
            outcome, source = self._transfer_any(job, drs_object, part, expected, reporter)
            verified = self._verify(drs_object, part, expected, outcome.digests)
            if not verified and outcome.resumed_from:
                # the leftover .part may have come from other bytes: start over once
                _logger.warning("%s: resumed download failed verification; retrying", drs_object.id)
                part.unlink(missing_ok=True)
                outcome, source = self._transfer_any(job, drs_object, part, expected, reporter)
                verified = self._verify(drs_object, part, expected, outcome.digests)
            if not verified:
                part.unlink(missing_ok=True)
                raise ChecksumMismatchError(
                    object_id=drs_object.id, expected=expected, actual=outcome.digests
                )
            final = _link_into_place(part, target)
        except BaseException:
            reporter.finish()
            raise
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
        self, drs_object: DrsObject, part: Path, expected: dict[str, str], actual: dict[str, str]
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
        job: DownloadJob,
        drs_object: DrsObject,
        part: Path,
        expected: dict[str, str],
        reporter: ProgressReporter,
    ) -> tuple[TransferOutcome, ByteSource]:
        """Try each access method in turn; the first that delivers every byte wins."""
        errors: list[str] = []
        last: BaseException | None = None
        for resolve_source in self._sources(job, drs_object):
            try:
                source = resolve_source()
                session = self.client.create_http_session(
                    no_auth=self.options.no_auth or not source.send_credentials
                )
                outcome = transfer_to_part(
                    session,
                    source,
                    part,
                    object_id=drs_object.id,
                    expected_size=drs_object.size,
                    checksum_kinds=list(expected),
                    progress=reporter,
                    resume=self.options.resume,
                    trace=self.options.trace,
                )
                return outcome, source
            except (HttpError, TransportError, IncompleteDownloadError) as exc:
                _logger.info("%s: access method failed: %s", drs_object.id, exc)
                errors.append(str(exc))
                last = exc
        if last is None:
            offered = ", ".join(m.type for m in drs_object.access_methods or []) or "none"
            raise NoAccessMethodError(
                f"{drs_object.id!r} has no http(s) access method (offered: {offered})",
                object_id=drs_object.id,
            )
        if len(errors) == 1:
            raise last
        raise DrsDownloadError(
            f"every access method of {drs_object.id!r} failed: " + "; ".join(errors),
            object_id=drs_object.id,
        ) from last

    def _sources(self, job: DownloadJob, drs_object: DrsObject) -> list[Callable[[], ByteSource]]:
        """Access methods as lazy sources: direct URLs first, then access ids."""
        direct: list[Callable[[], ByteSource]] = []
        by_id: list[Callable[[], ByteSource]] = []
        for method in drs_object.access_methods or []:
            if method.available is False:
                continue
            access_url = method.access_url
            if access_url is not None and access_url.url.lower().startswith(FETCHABLE_SCHEMES):
                direct.append(_fixed(ByteSource(access_url.url, access_url.header_dict)))
            elif access_url is None and method.access_id:
                by_id.append(self._access_id_source(job, drs_object, method.access_id))
        return direct + by_id

    def _access_id_source(
        self, job: DownloadJob, drs_object: DrsObject, access_id: str
    ) -> Callable[[], ByteSource]:
        def resolve() -> ByteSource:
            location = DrsLocation(drs_object.id, job.location.base_url)
            access_url = self.client._access_url_at(
                location, access_id, no_auth=self.options.no_auth, trace=self.options.trace
            )
            if not access_url.url.lower().startswith(FETCHABLE_SCHEMES):
                raise NoAccessMethodError(
                    f"{drs_object.id!r}: access id {access_id!r} led to a non-http(s) URL",
                    object_id=drs_object.id,
                )
            return ByteSource(access_url.url, access_url.header_dict)

        return resolve

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


def _fixed(source: ByteSource) -> Callable[[], ByteSource]:
    return lambda: source


def _link_into_place(part: Path, target: Path) -> Path:
    """Give ``part`` its final name without ever replacing an existing file."""
    candidate = target
    for _ in range(_MAX_LINK_ATTEMPTS):
        try:
            os.link(part, candidate)
        except FileExistsError:
            candidate = unique_path(target.parent, target.name, {candidate})
            continue
        except OSError:  # no hard links here (some network or FAT file systems)
            if candidate.exists():
                candidate = unique_path(target.parent, target.name, {candidate})
                continue
            os.replace(part, candidate)
            return candidate
        part.unlink()
        return candidate
    raise DrsDownloadError(f"no free file name for {target}", object_id=target.name)
