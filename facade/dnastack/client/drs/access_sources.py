"""An object's access methods as byte sources, in the order a download tries them.

Direct ``access_url`` s (http/https only) first, then ``access_id`` s, each exchanged for a
URL only when its turn comes (a signed URL may expire). Any other scheme is never fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from dnastack.client.drs.errors import NoAccessMethodError
from dnastack.client.drs.models import DrsObject
from dnastack.client.drs.transfer import ByteSource
from dnastack.client.drs.uri import DrsLocation

if TYPE_CHECKING:
    from dnastack.client.drs.lookups import DrsLookups
    from dnastack.common.tracing import Span

__all__ = ["FETCHABLE_SCHEMES", "byte_sources"]

FETCHABLE_SCHEMES: Final = ("https://", "http://")


def byte_sources(
    client: DrsLookups,
    drs_object: DrsObject,
    base_url: str,
    no_auth: bool,
    trace: Span | None,
) -> list[Callable[[], ByteSource]]:
    """Lazy sources for ``drs_object`` (served at ``base_url``): direct URLs, then ids."""
    direct: list[Callable[[], ByteSource]] = []
    by_id: list[Callable[[], ByteSource]] = []
    for method in drs_object.access_methods or []:
        if method.available is False:
            continue
        access_url = method.access_url
        if access_url is not None and access_url.url.lower().startswith(FETCHABLE_SCHEMES):
            direct.append(_fixed(ByteSource(access_url.url, access_url.header_dict)))
        elif access_url is None and method.access_id:
            by_id.append(
                _by_access_id(client, drs_object, base_url, method.access_id, no_auth, trace)
            )
    return direct + by_id


def _fixed(source: ByteSource) -> Callable[[], ByteSource]:
    return lambda: source


def _by_access_id(
    client: DrsLookups,
    drs_object: DrsObject,
    base_url: str,
    access_id: str,
    no_auth: bool,
    trace: Span | None,
) -> Callable[[], ByteSource]:
    def resolve() -> ByteSource:
        location = DrsLocation(drs_object.id, base_url)
        access_url = client._access_url_at(location, access_id, no_auth=no_auth, trace=trace)
        if not access_url.url.lower().startswith(FETCHABLE_SCHEMES):
            raise NoAccessMethodError(
                f"{drs_object.id!r}: access id {access_id!r} led to a non-http(s) URL",
                object_id=drs_object.id,
            )
        return ByteSource(access_url.url, access_url.header_dict)

    return resolve
