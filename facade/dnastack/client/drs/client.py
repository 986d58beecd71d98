"""``DrsClient``: resolve GA4GH DRS objects and bundles, and download them verified.

Identifiers accepted everywhere: ``drs://host/id`` and ``drs://host:port/id``; compact ids
``drs://prefix:accession`` through a local prefix map (constructor ``prefix_map``, or
``prefix_map`` in the endpoint's configuration entry); plain ids against the configured
endpoint, whose scheme and base path are kept. An object on another DRS host is fetched
through a client for that host, which never receives this endpoint's credentials.

Every request uses the client's one pooled connection; objects come back as facade models
(:mod:`dnastack.client.drs.models`) built from the generated ``ga4gh_drs`` ones. Look-ups
live in :mod:`~dnastack.client.drs.lookups`, downloads in :mod:`~dnastack.client.drs.download`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dnastack.client.constants import register_service_client
from dnastack.client.drs.download import DownloadOptions, run_downloads
from dnastack.client.drs.errors import DRSDownloadException, DRSException
from dnastack.client.drs.events import progress_event, result_event
from dnastack.client.drs.hashing import ChecksumPolicy
from dnastack.client.drs.lookup_flows import objects_or_raise
from dnastack.client.drs.lookups import DRS_SERVICE_TYPES, DrsLookups
from dnastack.client.drs.models import AccessURL, DrsObject
from dnastack.client.drs.progress import DownloadProgress, ProgressHook
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.drs.stall import StallRule
from dnastack.client.service_registry.models import ServiceType
from dnastack.common.logs import sdk_logger

if TYPE_CHECKING:
    import os
    from concurrent.futures import Executor

    from dnastack.client.drs.blob import Blob
    from dnastack.client.worker_endpoint import CredentialsProvider
    from dnastack.common.tracing import Span

__all__ = ["DRS_SERVICE_TYPES", "DRS_TYPE_V1_1", "DrsClient"]

DRS_TYPE_V1_1 = ServiceType(group="org.ga4gh", artifact="drs", version="1.1.0")
"""The reference library's DRS type (served here, with every other 1.x)."""

_REPORT_LOCK = threading.Lock()
_logger = sdk_logger("dnastack.drs")


class DrsClient(DrsLookups):
    """Client for Data Repository Service

    Args:
        endpoint: the DRS endpoint (its URL includes the base path, e.g.
            ``http://127.0.0.1:8080/ga4gh/drs/v1/``).
        prefix_map: compact-id prefix -> DRS base URL, for ``drs://prefix:accession``;
            merged over ``prefix_map`` from the endpoint's configuration entry.
        settings: resolved settings (see :class:`~dnastack.client.base.BaseServiceClient`).
        http_options: extra options for the pooled ``httpx.Client`` (tests inject a
            transport and a ``sleep`` here).
    """

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type"""
        return "drs"

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        return list(DRS_SERVICE_TYPES)

    # -- objects --------------------------------------------------------------------------

    def get_object(
        self,
        id_or_uri: str,
        expand: bool = False,
        *,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> DrsObject:
        """The DRS object for ``id_or_uri`` (a bundle lists its nested contents when
        ``expand`` is true).

        Raises:
            DrsObjectNotFoundError: the service has no such object (names id and URL).
            InvalidDrsUriError: ``id_or_uri`` cannot be resolved.
            HttpError, TransportError, ResponseParseError: other failures.
        """
        location = self.resolve(id_or_uri)
        return self._client_for(location)._fetch_object(location.object_id, expand, no_auth, trace)

    def get_objects(
        self,
        ids_or_uris: Iterable[str],
        expand: bool = False,
        *,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> list[DrsObject]:
        """Several objects, in order, with as few requests as the services allow (bulk
        ``POST /objects``, falling back to one request per object).

        Raises:
            UnresolvedDrsObjectsError: some objects could not be resolved (all are named).
        """
        locations = [self.resolve(text) for text in ids_or_uris]
        outcomes = self._resolve_locations(locations, expand=expand, no_auth=no_auth, trace=trace)
        return objects_or_raise(locations, outcomes)

    def get_access_url(
        self,
        id_or_uri: str,
        access_id: str,
        *,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> AccessURL:
        """Exchange an access method's ``access_id`` for an :class:`AccessURL`.

        Raises:
            DrsObjectNotFoundError: no such object or access id.
        """
        return self._access_url_at(self.resolve(id_or_uri), access_id, no_auth=no_auth, trace=trace)

    def get_blob(
        self,
        id_or_url: str | None = None,
        id: str | None = None,
        url: str | None = None,
        no_auth: bool = False,
    ) -> Blob:
        """A :class:`~dnastack.client.drs.blob.Blob` for one object: ``data`` (its bytes,
        verified against the object's size and checksum and **held in memory**),
        ``drs_object``, ``name`` and ``get_download_url()``; a context manager.

        Args:
            id_or_url: an object id on this endpoint or a ``drs://`` URI.
            id: an object id (the reference library's explicit form).
            url: a ``drs://`` URI (the reference library's explicit form).
            no_auth: send no credentials.

        Raises:
            ValueError: none of ``id_or_url``, ``id`` and ``url`` was given.
        """
        from dnastack.client.drs.blob import Blob

        target = id_or_url or id or url
        if not target:
            raise ValueError('give "id_or_url" (first argument), "id" or "url"')
        return Blob(self, target, no_auth=no_auth)

    # -- downloads ------------------------------------------------------------------------

    def download(
        self,
        ids_or_uris: str | Iterable[str],
        output_dir: str | os.PathLike[str] = ".",
        *,
        parallel: int = 4,
        progress: ProgressHook | None = None,
        resume: bool = True,
        checksum_policy: ChecksumPolicy = "strongest",
        skip_existing: bool = True,
        no_auth: bool = False,
        exit_codes: dict[DownloadStatus, dict[str, str]] | None = None,
        trace: Span | None = None,
        cancel: threading.Event | None = None,
        executor: Executor | None = None,
        objects_per_task: int | None = None,
        credentials: CredentialsProvider | None = None,
    ) -> list[DownloadResult]:
        """Download objects (and bundles, as folder trees) into ``output_dir``, verified.

        Each object streams into ``.<name>.part`` beside its final name, hashed while it
        arrives; only bytes whose size and checksum match the object's are renamed into
        place. Per-object failures do not raise: they come back as FAILED results.

        Args:
            ids_or_uris: one or several ids, ``drs://`` URIs or compact ids.
            output_dir: the target folder (created if needed).
            parallel: objects downloaded at the same time.
            progress: called with a :class:`DownloadProgress` at start, at most every
                0.25 s while bytes arrive, and at the end of each object.
            resume: continue a leftover ``.part`` file with a ``Range`` request.
            checksum_policy: ``"strongest"`` verifies the strongest checksum type the
                object offers (sha-256 before md5 before crc32c); ``"all"`` every one.
            skip_existing: a file already holding the verified bytes under the object's
                name is SKIPPED rather than downloaded again (under a new name).
            no_auth: send no credentials at all.
            exit_codes: filled as :meth:`exit_download` documents.
            trace: the caller's span.
            cancel: setting this event (from any thread) stops every transfer within a
                fraction of a second; unfinished objects come back FAILED with
                :class:`DownloadCancelledError`, their ``.part`` files kept for a resume.

        With ``executor`` (any ``concurrent.futures.Executor``: a ``ProcessPoolExecutor``,
        ``dask.distributed.Client.get_executor()``...), ids are resolved and names planned
        here, then chunks of ``objects_per_task`` objects (default: about 16 tasks, at
        most 64 objects each) are downloaded by the same engine on the executor's workers,
        each with ``parallel`` transfers, with every guarantee above; ``output_dir`` must
        be the same folder for every worker. Workers find credentials in their
        configuration context, or call ``credentials`` (a picklable callable returning a
        token); a token is never sent to them. ``progress`` is not supported there;
        ``cancel`` (or Ctrl-C) cancels the chunks not started yet (see
        :mod:`~dnastack.client.drs.distributed`).

        A ``KeyboardInterrupt`` (Ctrl-C, a notebook's "interrupt kernel") stops every
        transfer the same way, then propagates. A transfer receiving fewer than
        ``download_stall_bytes`` over ``download_stall_seconds`` (settings) fails with
        :class:`DownloadStalledError`. Nothing reaches its final name unverified.

        Returns:
            One :class:`DownloadResult` per object: per requested blob, per bundle member.

        Raises:
            LocalFileError: the output folder cannot be created or opened (per-object
                local failures, such as a refused link, are FAILED results).
        """
        requested = [ids_or_uris] if isinstance(ids_or_uris, str) else list(ids_or_uris)
        settings = self._resolved_settings()
        hooks: list[ProgressHook] = [self._progress_event]
        if progress is not None:
            hooks.insert(0, progress)
        options = DownloadOptions(
            output_dir=Path(output_dir),
            parallel=parallel,
            resume=resume,
            checksum_policy=checksum_policy,
            skip_existing=skip_existing,
            no_auth=no_auth,
            hooks=tuple(hooks),
            trace=trace,
            cancel=cancel,
            stall=StallRule(settings.download_stall_bytes, settings.download_stall_seconds),
        )
        if executor is not None:
            results = self._download_on(executor, requested, options, objects_per_task, credentials)
        else:
            results = run_downloads(self, requested, options)
        if exit_codes is not None:
            for result in results:
                key = result.requested or result.object_id
                if result.bundle_id is not None:
                    key = f"{key}#{result.object_id}"
                self.exit_download(key, result.status, result.error or "", exit_codes)
        return results

    def _download_files(
        self,
        id_or_urls: Iterable[str],
        output_dir: str | os.PathLike[str] = ".",
        no_auth: bool = False,
    ) -> None:
        """Download objects as the reference library's ``_download_files`` does.

        Each id or URL once (duplicates dropped), into ``output_dir`` (created if needed),
        through :meth:`download` (verified). Listen to ``events`` (``download-ok``,
        ``download-progress``, ``download-failure``) for each object's outcome.

        Raises:
            DRSDownloadException: every download failed (``errors``: one
                :class:`DRSException` each); when only some fail, each is logged as a
                warning, as in the reference.
        """
        unique = list(dict.fromkeys(id_or_urls))
        exit_codes: dict[DownloadStatus, dict[str, str]] = {status: {} for status in DownloadStatus}
        self.download(unique, output_dir, no_auth=no_auth, exit_codes=exit_codes)
        failures = [
            DRSException(msg=message, url=url)
            for url, message in exit_codes[DownloadStatus.FAILED].items()
        ]
        if failures and len(failures) >= len(unique):
            raise DRSDownloadException(failures)
        for index, failure in enumerate(failures):
            _logger.warning("Failure #%d of %d download(s): %s", index, len(unique), failure)

    download_files = _download_files

    def _download_on(
        self,
        executor: Executor,
        requested: list[str],
        options: DownloadOptions,
        objects_per_task: int | None,
        credentials: CredentialsProvider | None,
    ) -> list[DownloadResult]:
        from dnastack.client.drs.distributed import run_distributed
        from dnastack.client.worker_endpoint import worker_endpoint_for

        if options.hooks[:-1]:
            raise ValueError("progress hooks are not supported with an executor")
        endpoint = worker_endpoint_for(self, "drs", credentials, options.no_auth)
        return run_distributed(self, requested, options, executor, endpoint, objects_per_task)

    def exit_download(
        self,
        url: str,
        status: DownloadStatus,
        message: str = "",
        exit_codes: dict[DownloadStatus, dict[str, str]] | None = None,
    ) -> None:
        """Report a file download with a status and message

        Args:
            url: The downloaded resource's url
            status: The reported status of the download
            message: A message describing the reason for setting the status
            exit_codes: A shared dict for all reports used by download_files
                (``exit_codes[status][url] = message``; safe across threads)
        """
        if exit_codes is None:
            return
        with _REPORT_LOCK:
            exit_codes.setdefault(status, {})[url] = message

    # -- events -----------------------------------------------------------------------------

    def _progress_event(self, report: DownloadProgress) -> None:
        self.events.dispatch("download-progress", progress_event(report))

    def _report_download(self, result: DownloadResult) -> None:
        event = result_event(result, self.url)
        self.events.dispatch(event.name, event)


register_service_client(DrsClient)
