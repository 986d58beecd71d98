"""DRS look-ups as flows (see :mod:`dnastack.client.flows`): written once, driven by
:class:`~dnastack.client.drs.DrsClient` (blocking) and
:class:`~dnastack.aio.AsyncDrsClient` (asyncio, single look-ups run concurrently).

* :func:`fetch_object`: ``GET objects/{id}`` parsed by the generated model; 404 becomes
  :class:`DrsObjectNotFoundError`; 202 waits (``Retry-After``, else exponential) and asks
  again, a few times.
* :func:`resolve_ids`: bulk ``POST objects`` in batches when the service offers it (an
  unsupported status or an unusable answer falls back), then single look-ups for the rest,
  gathered; one outcome (object or error) per requested id.
* :func:`access_url`: ``GET objects/{id}/access/{access_id}``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, Final

from dnastack.client.base import normalize_base_url
from dnastack.client.drs.errors import DrsError, DrsObjectNotFoundError, UnresolvedDrsObjectsError
from dnastack.client.drs.models import AccessURL, DrsObject
from dnastack.client.drs.tolerance import tolerant_access_url, tolerant_drs_object
from dnastack.client.drs.uri import DrsLocation
from dnastack.client.flows import Flow, Gather, Send, Sleep
from dnastack.common.tracing import Span
from dnastack.exceptions import (
    DnastackError,
    HttpError,
    NotFoundError,
    ResponseParseError,
    safe_url,
)
from dnastack.http.retry import parse_retry_after
from dnastack.http.urls import path_segment

__all__ = [
    "BULK_BATCH_SIZE",
    "access_url",
    "bulk_objects",
    "fetch_object",
    "objects_or_raise",
    "resolve_ids",
    "resolve_locations",
]

BULK_BATCH_SIZE: Final = 500
"""Ids per bulk request (DRS servers advertise their own limit; 500 fits common ones)."""
_BULK_UNSUPPORTED: Final = frozenset({400, 404, 405, 413, 415, 501})
_ACCEPTED_RETRIES: Final = 5
_ACCEPTED_MAX_WAIT_SECONDS: Final = 10.0


def fetch_object(
    base_url: str,
    object_id: str,
    expand: bool,
    no_auth: bool,
    trace: Span | None,
    wall_clock: Callable[[], float] = time.time,
) -> Flow[DrsObject]:
    """One object (``base_url`` ends with ``/``)."""
    url = f"{base_url}objects/{path_segment(object_id)}"
    params = {"expand": "true"} if expand else None
    for attempt in range(_ACCEPTED_RETRIES + 1):
        try:
            response = yield Send("GET", url, params=params, no_auth=no_auth, trace=trace)
        except NotFoundError as exc:
            raise DrsObjectNotFoundError(object_id, exc.response, exc.trace) from exc
        if response.status_code != 202:
            found: DrsObject = _parsed(
                _generated().DrsObject, DrsObject, response, object_id, "get_object", base_url
            )
            return found
        # 202 Accepted: the object is being staged; ask again when the server says
        retry_after = parse_retry_after(response.headers.get("Retry-After"), wall_clock())
        fallback = 0.5 * 2**attempt
        yield Sleep(min(_ACCEPTED_MAX_WAIT_SECONDS, retry_after or fallback))
    raise DrsError(f"DRS object {object_id!r} is still being prepared (HTTP 202); try later")


def bulk_objects(
    base_url: str, ids: list[str], expand: bool, no_auth: bool, trace: Span | None
) -> Flow[dict[str, DrsObject] | None]:
    """Resolved objects by id (unresolved ones left out), or ``None`` when the service has
    no usable bulk endpoint."""
    params = {"expand": "true"} if expand else None
    try:
        response = yield Send(
            "POST",
            f"{base_url}objects",
            params=params,
            json={"bulk_object_ids": ids},
            no_auth=no_auth,
            trace=trace,
            idempotent=True,
        )
    except HttpError as exc:
        if exc.status_code in _BULK_UNSUPPORTED:
            return None
        raise
    except DnastackError:
        return None
    if response.status_code != 200:
        return None
    try:
        parsed = _generated().BulkObjectsResponse.from_dict(_json(response))
        resolved = parsed.resolved_drs_object
        wanted = set(ids)
        return {
            obj.id: DrsObject.from_generated(obj)
            for obj in (resolved if isinstance(resolved, list) else [])
            if obj.id in wanted
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def resolve_ids(
    base_url: str, ids: list[str], expand: bool, no_auth: bool, trace: Span | None
) -> Flow[list[DrsObject | DnastackError]]:
    """Each id's object or the error met, in order (duplicates resolved once)."""
    found: dict[str, DrsObject | DnastackError] = {}
    unique = list(dict.fromkeys(ids))
    if len(unique) > 1:
        for start in range(0, len(unique), BULK_BATCH_SIZE):
            batch = unique[start : start + BULK_BATCH_SIZE]
            bulk = yield from bulk_objects(base_url, batch, expand, no_auth, trace)
            if bulk is None:
                break
            found.update(bulk)
    pending = [object_id for object_id in unique if object_id not in found]
    outcomes = yield Gather(
        [fetch_object(base_url, object_id, expand, no_auth, trace) for object_id in pending]
    )
    found.update(zip(pending, outcomes, strict=True))
    return [found[object_id] for object_id in ids]


def resolve_locations(
    locations: Sequence[DrsLocation], expand: bool, no_auth: bool, trace: Span | None
) -> Flow[list[DrsObject | DnastackError]]:
    """Each location's object or the error met, in order: :func:`resolve_ids` per DRS
    service, the services asked at the same time by the asyncio driver.

    Credentials only ever go to their endpoint's origin (:class:`~dnastack.http.auth.
    EndpointAuth`), so one session serves every service."""
    by_base: dict[str, list[int]] = {}
    for index, location in enumerate(locations):
        by_base.setdefault(normalize_base_url(location.base_url), []).append(index)
    groups = list(by_base.items())
    outcomes = yield Gather(
        [
            resolve_ids(base, [locations[i].object_id for i in indexes], expand, no_auth, trace)
            for base, indexes in groups
        ]
    )
    results: list[DrsObject | DnastackError] = [DrsError("not resolved")] * len(locations)
    for (_, indexes), outcome in zip(groups, outcomes, strict=True):
        if isinstance(outcome, DnastackError):
            outcome = [outcome] * len(indexes)
        for i, found in zip(indexes, outcome, strict=True):
            results[i] = found
    return results


def objects_or_raise(
    locations: Sequence[DrsLocation], outcomes: Sequence[DrsObject | DnastackError]
) -> list[DrsObject]:
    """The objects, in order, or :class:`UnresolvedDrsObjectsError` naming every failure."""
    missing = [
        (loc.object_id, err)
        for loc, err in zip(locations, outcomes, strict=True)
        if not isinstance(err, DrsObject)
    ]
    if missing:
        codes = {
            object_id: error.status_code
            for object_id, error in missing
            if isinstance(error, HttpError)
        }
        raise UnresolvedDrsObjectsError([object_id for object_id, _ in missing], codes)
    return [outcome for outcome in outcomes if isinstance(outcome, DrsObject)]


def access_url(
    base_url: str, object_id: str, access_id: str, no_auth: bool, trace: Span | None
) -> Flow[AccessURL]:
    """Exchange ``access_id`` for an :class:`AccessURL`."""
    url = f"{base_url}objects/{path_segment(object_id)}/access/{path_segment(access_id)}"
    try:
        response = yield Send("GET", url, no_auth=no_auth, trace=trace)
    except NotFoundError as exc:
        raise DrsObjectNotFoundError(object_id, exc.response, exc.trace) from exc
    if response.status_code == 202:
        raise DrsError(f"access URL for {object_id!r} ({access_id!r}) is not ready (HTTP 202)")
    found: AccessURL = _parsed(
        _generated().AccessURL, AccessURL, response, object_id, "get_access_url", base_url
    )
    return found


@functools.cache
def _generated() -> ModuleType:
    """``ga4gh_drs.models``, imported on first use (not with this module, not per call)."""
    import ga4gh_drs.models

    return ga4gh_drs.models


@functools.cache
def _json_loader() -> Callable[[bytes], Any]:
    """:data:`dnastack.client.pagination.load_json`, imported on first use (not per body)."""
    from dnastack.client.pagination import load_json

    return load_json


def _json(response: Any) -> Any:
    return _json_loader()(response.content)


def _parsed(
    generated: Any, facade: Any, response: Any, object_id: str, operation: str, service_url: str
) -> Any:
    """The facade model of a body read tolerantly (:mod:`~dnastack.client.drs.tolerance`)."""
    tolerant = tolerant_access_url if operation == "get_access_url" else tolerant_drs_object
    try:
        document = tolerant(_json(response), service_url)
        return facade.from_generated(generated.from_dict(document))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"missing field {exc}" if isinstance(exc, KeyError) else f"{exc}"
        raise ResponseParseError(
            f"{operation} {object_id!r}: {safe_url(response.request.url)} answered a body that "
            f"does not match the DRS specification ({type(exc).__name__}: {reason})",
            operation=operation,
            status_code=response.status_code,
        ) from exc
