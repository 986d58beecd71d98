"""``AsyncDrsClient``: :class:`~dnastack.client.drs.DrsClient` for asyncio.

Same identifiers (``drs://`` URIs, compact ids, plain ids), models and errors as the sync
client: both drive the look-up flows of :mod:`dnastack.client.drs.lookup_flows`. Here the
single look-ups of :meth:`AsyncDrsClient.get_objects` (when the service has no bulk
endpoint, or for what the bulk answer left out) run at the same time, at most
``max_concurrency`` requests in flight.

Downloads run the one download engine (planning, naming, resume, verification, safe file
handling: :meth:`DrsClient.download`) in a worker thread, whose own workers do the hashing
and file I/O: the event loop only awaits the outcome. Cancelling the awaiting task sets the
engine's cancel event; the task ends once every transfer has stopped (within a fraction of
a second), with the ``.part`` files kept for a resume and nothing renamed into place.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnastack.aio.base import AsyncServiceClient
from dnastack.client.base import normalize_base_url
from dnastack.client.drs import lookup_flows
from dnastack.client.drs.client import DrsClient

if TYPE_CHECKING:
    import os

    from dnastack.client.drs.hashing import ChecksumPolicy
    from dnastack.client.drs.models import AccessURL, DrsObject
    from dnastack.client.drs.progress import DownloadProgress, ProgressHook
    from dnastack.client.drs.results import DownloadResult, DownloadStatus
    from dnastack.client.drs.uri import DrsLocation
    from dnastack.client.models import ServiceEndpoint
    from dnastack.common.tracing import Span
    from dnastack.settings import Settings

__all__ = ["AsyncDrsClient"]


class AsyncDrsClient(AsyncServiceClient[DrsClient]):
    """Asyncio client for Data Repository Service.

    Args:
        endpoint: the DRS endpoint (its URL includes the base path).
        prefix_map: compact-id prefix -> DRS base URL (as for ``DrsClient``).
        settings: resolved settings.
        http_options: extra options for the HTTP client builders.
        max_concurrency: requests in flight at once (default: the ``max_concurrency``
            setting, 16).
    """

    _sync_class = DrsClient

    def __init__(
        self,
        endpoint: ServiceEndpoint,
        *,
        prefix_map: Mapping[str, str] | None = None,
        settings: Settings | None = None,
        http_options: Mapping[str, Any] | None = None,
        max_concurrency: int | None = None,
    ) -> None:
        super().__init__(
            endpoint,
            settings=settings,
            http_options=http_options,
            max_concurrency=max_concurrency,
            prefix_map=prefix_map,
        )

    @property
    def prefix_map(self) -> dict[str, str]:
        """Compact-id prefix -> DRS base URL (a copy)."""
        return self._sync.prefix_map

    def resolve(self, id_or_uri: str) -> DrsLocation:
        """Where ``id_or_uri`` lives (see :meth:`DrsClient.resolve`); no I/O."""
        return self._sync.resolve(id_or_uri)

    async def get_object(
        self,
        id_or_uri: str,
        expand: bool = False,
        *,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> DrsObject:
        """The DRS object for ``id_or_uri`` (see :meth:`DrsClient.get_object`).

        Raises:
            DrsObjectNotFoundError: the service has no such object.
            InvalidDrsUriError: ``id_or_uri`` cannot be resolved.
            HttpError, TransportError, ResponseParseError: other failures.
        """
        location = self.resolve(id_or_uri)
        base = normalize_base_url(location.base_url)
        return await self._run(
            lookup_flows.fetch_object(base, location.object_id, expand, no_auth, trace)
        )

    async def get_objects(
        self,
        ids_or_uris: Iterable[str],
        expand: bool = False,
        *,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> list[DrsObject]:
        """Several objects, in order: bulk ``POST /objects`` where the service offers it,
        else concurrent single look-ups (at most ``max_concurrency`` in flight).

        Raises:
            UnresolvedDrsObjectsError: some objects could not be resolved (all are named).
        """
        locations = [self.resolve(text) for text in ids_or_uris]
        outcomes = await self._run(
            lookup_flows.resolve_locations(locations, expand, no_auth, trace)
        )
        return lookup_flows.objects_or_raise(locations, outcomes)

    async def get_access_url(
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
        location = self.resolve(id_or_uri)
        base = normalize_base_url(location.base_url)
        return await self._run(
            lookup_flows.access_url(base, location.object_id, access_id, no_auth, trace)
        )

    async def download(
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
    ) -> list[DownloadResult]:
        """Download objects into ``output_dir``, verified (see :meth:`DrsClient.download`:
        same arguments, rules and results).

        ``progress`` is called on the event loop. Cancelling the task stops every transfer;
        unfinished objects keep their ``.part`` files for the next run to resume.
        """
        loop = asyncio.get_running_loop()
        hook = None if progress is None else _on_loop(loop, progress)
        requested = ids_or_uris if isinstance(ids_or_uris, str) else list(ids_or_uris)
        cancel = threading.Event()
        run = partial(
            self._sync.download,
            requested,
            Path(output_dir),
            parallel=parallel,
            progress=hook,
            resume=resume,
            checksum_policy=checksum_policy,
            skip_existing=skip_existing,
            no_auth=no_auth,
            exit_codes=exit_codes,
            trace=trace,
            cancel=cancel,
        )
        engine = asyncio.ensure_future(asyncio.to_thread(run))
        try:
            return await asyncio.shield(engine)
        except asyncio.CancelledError:
            cancel.set()
            await _until_done(engine)  # nothing is placed after the task reports cancelled
            raise


def _on_loop(loop: asyncio.AbstractEventLoop, progress: ProgressHook) -> ProgressHook:
    """A progress hook that runs ``progress`` on ``loop`` (reports come from workers)."""

    def hook(report: DownloadProgress) -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(progress, report)

    return hook


async def _until_done(engine: asyncio.Future[Any]) -> None:
    """Wait for a cancelled engine to stop, even if the waiting task is cancelled again."""
    while not engine.done():
        try:
            await asyncio.shield(engine)
        except asyncio.CancelledError:
            continue
        except Exception:  # noqa: BLE001 - the engine's outcome no longer matters
            return
    if not engine.cancelled():
        engine.exception()  # retrieved
