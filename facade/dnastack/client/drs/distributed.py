"""``DrsClient.download(..., executor=...)``: the verified engine, in chunks, on any executor.

1. The caller's process resolves every id (in bulk), walks bundles and plans every local
   name (:mod:`~dnastack.client.drs.planning`), as :meth:`DrsClient.download` does; a
   name that may turn out to be taken by a same-size file is also given its fallback now,
   so names never depend on which worker runs first.
2. The planned objects are cut into chunks (``objects_per_task``; an object and its
   repeats stay together) and each chunk is one task: a picklable :class:`DownloadTask`
   run by :func:`download_chunk` on any ``concurrent.futures.Executor`` (a
   ``ProcessPoolExecutor``, ``dask.distributed.Client.get_executor()``...). The task
   builds a client from the configuration found on the worker (or a credentials
   provider; never a pickled token) and runs the same engine as ``download()``:
   ``.part`` files, resume, size and checksum verification, no overwrite, safe names.
3. One picklable :class:`DownloadResult` per object comes back, in request order.

The output folder must be the same path, on the same file system, for every worker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.download import WAIT_TICK_SECONDS, DownloadOptions, download_planned
from dnastack.client.drs.folder_tree import FolderTree
from dnastack.client.drs.hashing import ChecksumPolicy
from dnastack.client.drs.planning import DownloadJob, NameAllocator, plan_downloads
from dnastack.client.drs.results import DownloadResult
from dnastack.client.drs.stall import StallRule
from dnastack.client.worker_endpoint import WorkerEndpoint

if TYPE_CHECKING:
    from dnastack.client.drs.client import DrsClient

__all__ = [
    "DEFAULT_TASKS",
    "MAX_OBJECTS_PER_TASK",
    "DownloadTask",
    "download_chunk",
    "run_distributed",
]

DEFAULT_TASKS: Final = 16
"""Without ``objects_per_task``, the objects are cut into about this many tasks..."""
MAX_OBJECTS_PER_TASK: Final = 64
"""...of at most this many objects each."""


@dataclass(frozen=True)
class DownloadTask:
    """One chunk of planned objects for one worker (picklable; holds no secret)."""

    endpoint: WorkerEndpoint
    output_dir: Path
    jobs: tuple[DownloadJob, ...]
    parallel: int
    resume: bool
    checksum_policy: ChecksumPolicy
    skip_existing: bool
    no_auth: bool
    stall: StallRule


def download_chunk(task: DownloadTask) -> list[DownloadResult]:
    """Download one chunk with the verified engine (what each executor task runs)."""
    client: DrsClient = task.endpoint.client()
    options = DownloadOptions(
        output_dir=task.output_dir,
        parallel=task.parallel,
        resume=task.resume,
        checksum_policy=task.checksum_policy,
        skip_existing=task.skip_existing,
        no_auth=task.no_auth,
        stall=task.stall,
    )
    with FolderTree(task.output_dir) as folders:
        return download_planned(client, task.jobs, options, folders, NameAllocator())


def run_distributed(
    client: DrsClient,
    requested: Sequence[str],
    options: DownloadOptions,
    executor: Executor,
    endpoint: WorkerEndpoint,
    objects_per_task: int | None = None,
) -> list[DownloadResult]:
    """Plan here, download in chunks on ``executor``; one result per object, in order.

    A ``KeyboardInterrupt`` or the ``options.cancel`` event cancels the chunks not yet
    started (running ones finish; their ``.part`` files allow a resume) and propagates.
    Once every task has ended with a failure among the results, the folders missing before
    the tasks ran that are still empty are removed (a task never removes one: another
    task may be about to use it).
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
        for job in jobs:  # a fallback name now, so no two workers pick the same one
            if job.existing and job.target is None and job.folder is not None:
                file_name = job.file_name or (job.drs_object.id if job.drs_object else "")
                job.target = names.allocate(job.folder, file_name)
            if job.folder is not None:  # the tasks create them: this run's, if missing now
                folders.claim_missing(job.folder_parts)
        results: dict[int, DownloadResult] = {}
        local = _local_jobs(jobs)
        if local:  # unresolved (FAILED without a transfer) and repeats of bundles
            for job, result in zip(
                local, download_planned(client, local, options, folders, names), strict=True
            ):
                results[id(job)] = result
        chunks = _chunks([j for j in jobs if id(j) not in results], objects_per_task)
        futures = [
            executor.submit(download_chunk, _task(chunk, options, endpoint)) for chunk in chunks
        ]
        _wait(futures, options)
        for chunk, future in zip(chunks, futures, strict=True):
            if future.cancelled():  # options.cancel: FAILED (cancelled), as download() does
                outcome = download_planned(client, chunk, options, folders, names)
            else:
                outcome = future.result()
                for result in outcome:
                    client._report_download(result)
            results.update(zip(map(id, chunk), outcome, strict=True))
        if not all(result.ok for result in results.values()):  # (every task has ended)
            folders.remove_empty_created()
    return [results[id(job)] for job in jobs]


def _local_jobs(jobs: list[DownloadJob]) -> list[DownloadJob]:
    """Jobs with nothing to transfer: unresolved objects (with their repeats) and repeats
    of a bundle (whose members are jobs of their own)."""
    present = {id(job) for job in jobs}
    failed = {
        id(job)
        for job in jobs
        if job.duplicate_of is None and (job.error is not None or job.drs_object is None)
    }
    return [
        job
        for job in jobs
        if _root(job) in failed or (job.duplicate_of is not None and _root(job) not in present)
    ]


def _root(job: DownloadJob) -> int:
    return id(job.duplicate_of) if job.duplicate_of is not None else id(job)


def _chunks(jobs: list[DownloadJob], per_task: int | None) -> list[list[DownloadJob]]:
    """Consecutive chunks; an object's repeats go with it (they need its result)."""
    groups: dict[int, list[DownloadJob]] = {}
    for job in jobs:
        groups.setdefault(_root(job), []).append(job)
    size = per_task or min(MAX_OBJECTS_PER_TASK, max(1, math.ceil(len(groups) / DEFAULT_TASKS)))
    if size < 1:
        raise ValueError(f"objects_per_task must be >= 1, not {size}")
    ordered = list(groups.values())
    return [
        [job for group in ordered[i : i + size] for job in group]
        for i in range(0, len(ordered), size)
    ]


def _task(
    chunk: list[DownloadJob], options: DownloadOptions, endpoint: WorkerEndpoint
) -> DownloadTask:
    return DownloadTask(
        endpoint=endpoint,
        output_dir=options.output_dir,
        jobs=tuple(chunk),  # one pickle: a repeat still points at its original
        parallel=options.parallel,
        resume=options.resume,
        checksum_policy=options.checksum_policy,
        skip_existing=options.skip_existing,
        no_auth=options.no_auth,
        stall=options.stall,
    )


def _wait(futures: list[Future[list[DownloadResult]]], options: DownloadOptions) -> None:
    """Wait in short ticks; on ``options.cancel``, cancel what has not started and wait
    for the rest; on an exception (Ctrl-C), cancel what has not started and propagate."""
    pending = set(futures)
    try:
        while pending:
            _, pending = wait(pending, timeout=WAIT_TICK_SECONDS)
            if options.cancel is not None and options.cancel.is_set():
                for future in pending:
                    future.cancel()
                wait(pending)
                return
    except BaseException:
        for future in pending:
            future.cancel()
        raise
