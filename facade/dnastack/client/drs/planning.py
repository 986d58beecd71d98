"""Planning a download: which objects (bundles walked), and under which local names.

1. **Resolve** every requested id or URI (bulk where the service allows it), bundles with
   ``expand=True``, then every bundle member (a bundle containing itself is walked once).
2. **Plan** local paths in request order: ``DrsObject.name`` (or the id) made safe; a
   bundle becomes a folder tree from its ``contents`` names, each component made safe. A
   name already taken (on disk, or earlier in the same call) gets a `` (1)`` suffix; files
   under the name (or a suffixed one) with the object's size are remembered, so that one
   already holding the verified bytes makes the object SKIPPED instead.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.errors import DrsDownloadError
from dnastack.client.drs.folder_tree import FolderTree
from dnastack.client.drs.local_files import entry_exists, regular_file_size
from dnastack.client.drs.models import DrsObject
from dnastack.client.drs.naming import (
    numbered_name,
    safe_filename,
    safe_relative_path,
    unique_path,
)
from dnastack.client.drs.uri import DrsLocation
from dnastack.exceptions import DnastackError, LocalFileError

if TYPE_CHECKING:
    from dnastack.client.drs.lookups import DrsLookups
    from dnastack.common.tracing import Span

__all__ = ["MAX_NAME_SUFFIX", "DownloadJob", "NameAllocator", "plan_downloads"]

MAX_NAME_SUFFIX: Final = 100
"""Suffixed names (`` (1)`` ... ) looked at or tried for one file."""


@dataclass
class DownloadJob:
    """One object to fetch: where it comes from and where it goes."""

    requested: str
    location: DrsLocation
    drs_object: DrsObject | None = None
    folder: Path | None = None
    folder_parts: tuple[str, ...] = ()  # ``folder`` relative to the output folder
    file_name: str | None = None
    target: Path | None = None  # allocated up front unless ``existing`` files may match
    existing: list[Path] = field(default_factory=list)  # same name (or suffixed), same size
    bundle_id: str | None = None
    relative_parts: tuple[str, ...] = ()
    error: BaseException | None = None
    duplicate_of: DownloadJob | None = field(default=None, repr=False)


def plan_downloads(
    client: DrsLookups,
    requested: Sequence[str],
    folders: FolderTree,
    names: NameAllocator,
    *,
    skip_existing: bool,
    no_auth: bool,
    trace: Span | None,
) -> list[DownloadJob]:
    """Resolve ``requested`` (bundles expanded into their members) and plan local names
    under ``folders`` (looked at without following links)."""
    jobs = _resolve(client, requested, no_auth, trace)
    _plan_paths(jobs, folders, names, skip_existing)
    return jobs


# -- resolution ---------------------------------------------------------------------------


def _resolve(
    client: DrsLookups, requested: Sequence[str], no_auth: bool, trace: Span | None
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
    _attach_objects(client, fresh, no_auth, trace)
    expanded: list[DownloadJob] = []
    for job in jobs:
        if job.drs_object is not None and job.drs_object.is_bundle:
            expanded.extend(_bundle_members(client, job, no_auth, trace))
        else:
            expanded.append(job)
    return expanded


def _attach_objects(
    client: DrsLookups, jobs: list[DownloadJob], no_auth: bool, trace: Span | None
) -> None:
    found = client._resolve_locations(
        [job.location for job in jobs], expand=True, no_auth=no_auth, trace=trace
    )
    for job, outcome in zip(jobs, found, strict=True):
        if isinstance(outcome, DrsObject):
            job.drs_object = outcome
        else:
            job.error = outcome


def _bundle_members(
    client: DrsLookups, bundle_job: DownloadJob, no_auth: bool, trace: Span | None
) -> list[DownloadJob]:
    """Jobs for every blob of a bundle (nested bundles included), level by level.

    A bundle that (directly or not) contains itself is walked once.
    """
    bundle = bundle_job.drs_object
    assert bundle is not None
    root = safe_filename(bundle.name, bundle.id)
    members: list[DownloadJob] = []
    pending: list[tuple[DrsObject, DrsLocation, tuple[str, ...]]] = [
        (bundle, bundle_job.location, ())
    ]
    visited = {(bundle_job.location.base_url, bundle.id)}
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
        _attach_objects(client, [c for c in children if c.error is None], no_auth, trace)
        for child in children:
            if child.drs_object is not None and child.drs_object.is_bundle:
                key = (child.location.base_url, child.drs_object.id)
                if key not in visited:
                    visited.add(key)
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


class NameAllocator:
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
    jobs: list[DownloadJob], folders: FolderTree, names: NameAllocator, skip_existing: bool
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
        job.folder = folders.root.path / relative.parent
        job.folder_parts = relative.parent.parts
        job.file_name = relative.name
        if skip_existing:
            try:
                job.existing = _same_size_files(folders, job, job.drs_object.size)
            except LocalFileError as exc:
                job.error = exc
                continue
        if not job.existing:
            job.target = names.allocate(job.folder, relative.name)


def _same_size_files(folders: FolderTree, job: DownloadJob, size: int) -> list[Path]:
    """``name``, ``name (1)``, ... as long as they exist, keeping regular files of ``size``
    (links are not followed; a folder on the way that is a link refuses the job)."""
    found: list[Path] = []
    with folders.opened(job.folder_parts, create=False) as folder:
        if folder is None or job.file_name is None:
            return []
        for counter in range(MAX_NAME_SUFFIX):
            name = numbered_name(job.file_name, counter)
            try:
                if not entry_exists(folder, name):
                    break
                if regular_file_size(folder, name) == size:
                    found.append(folder.path / name)
            except LocalFileError:
                continue
    return found
