"""``AsyncDrsClient``: :class:`~dnastack.client.drs.DrsClient` for asyncio.

Same identifiers (``drs://`` URIs, compact ids, plain ids), models and errors as the sync
client: both drive the look-up flows of :mod:`dnastack.client.drs.lookup_flows`. Here the
single look-ups of :meth:`AsyncDrsClient.get_objects` (when the service has no bulk
endpoint, or for what the bulk answer left out) run at the same time, at most
``max_concurrency`` requests in flight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from dnastack.aio.base import AsyncServiceClient
from dnastack.client.base import normalize_base_url
from dnastack.client.drs import lookup_flows
from dnastack.client.drs.client import DrsClient

if TYPE_CHECKING:
    from dnastack.client.drs.models import AccessURL, DrsObject
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
