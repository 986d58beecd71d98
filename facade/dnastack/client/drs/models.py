"""DRS models at the facade boundary: ``DrsObject``, ``AccessMethod``, ``AccessURL``, ...

They carry the GA4GH DRS 1.5 field names and are built from the generated models
(``ga4gh_drs.models``) by the ``from_generated`` class methods, so a rename in the
generated package never reaches a user. An optional field the body did not have (the
generated ``UNSET``) is ``None``; unknown keys a server adds are kept (``model_extra``).
``from_generated`` is on the path of every DRS look-up: it checks each optional field inline,
without a helper call per field (issue 15).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from dnastack.common.model import Model, field, model
from dnastack.exceptions import safe_url
from ga4gh_drs.types import Unset

if TYPE_CHECKING:
    from ga4gh_drs.models import AccessMethod as GeneratedAccessMethod
    from ga4gh_drs.models import AccessURL as GeneratedAccessURL
    from ga4gh_drs.models import ContentsObject as GeneratedContentsObject
    from ga4gh_drs.models import DrsObject as GeneratedDrsObject

__all__ = [
    "AccessMethod",
    "AccessURL",
    "Checksum",
    "ContentsObject",
    "DrsObject",
    "parse_header_lines",
]


_M = TypeVar("_M", bound=Model)


def _with_extra(instance: _M, generated: Any) -> _M:
    """``instance``, keeping the unknown keys the server sent (``model_extra``)."""
    extra = generated.additional_properties
    if extra:
        object.__setattr__(instance, "__extra__", dict(extra))
    return instance


def _url_without_query_repr(value: object) -> str:
    """A signed URL's query is its credential: reprs show the URL without it."""
    return repr(safe_url(value)) if isinstance(value, str) else repr(value)


def parse_header_lines(lines: list[str] | None) -> dict[str, str]:
    """``["Authorization: Bearer x", ...]`` (the DRS ``AccessURL.headers`` form) as a dict.

    Lines without a ``:`` are ignored; names keep their spelling, values are stripped.
    """
    headers: dict[str, str] = {}
    for line in lines or []:
        name, colon, value = line.partition(":")
        if colon and name.strip():
            headers[name.strip()] = value.strip()
    return headers


@model(extra="allow")
class Checksum(Model):
    """One checksum of an object's bytes: ``type`` (an IANA hash name such as ``sha-256``,
    ``md5``, ``crc32c``) and the hex ``checksum``."""

    type: str
    checksum: str


@model(extra="allow")
class AccessURL(Model):
    """A URL that serves the bytes, and the headers to send with it (``"Name: value"``).

    The URL may be signed; its repr hides the query string.
    """

    url: str = field(repr=_url_without_query_repr)
    headers: list[str] | None = field(default=None, repr=False)

    @property
    def header_dict(self) -> dict[str, str]:
        """:attr:`headers` as a name -> value dict."""
        return parse_header_lines(self.headers)

    @classmethod
    def from_generated(cls, generated: GeneratedAccessURL) -> AccessURL:
        """Build from the generated ``ga4gh_drs.models.AccessURL``."""
        headers = generated.headers
        return _with_extra(
            cls(url=generated.url, headers=None if isinstance(headers, Unset) else headers),
            generated,
        )


@model(extra="allow")
class AccessMethod(Model):
    """One way to reach an object's bytes: a direct :attr:`access_url`, or an
    :attr:`access_id` to exchange for one (``DrsClient.get_access_url``)."""

    type: str
    access_url: AccessURL | None = None
    access_id: str | None = None
    cloud: str | None = None
    region: str | None = None
    available: bool | None = None
    authorizations: dict[str, Any] | None = None

    @classmethod
    def from_generated(cls, generated: GeneratedAccessMethod) -> AccessMethod:
        """Build from the generated ``ga4gh_drs.models.AccessMethod``."""
        g = generated
        return _with_extra(
            cls(
                type=g.type_.value,
                access_url=(
                    None
                    if isinstance(g.access_url, Unset)
                    else AccessURL.from_generated(g.access_url)
                ),
                access_id=None if isinstance(g.access_id, Unset) else g.access_id,
                cloud=None if isinstance(g.cloud, Unset) else g.cloud,
                region=None if isinstance(g.region, Unset) else g.region,
                available=None if isinstance(g.available, Unset) else g.available,
                authorizations=(
                    None if isinstance(g.authorizations, Unset) else g.authorizations.to_dict()
                ),
            ),
            g,
        )


@model(extra="allow")
class ContentsObject(Model):
    """A member of a bundle: its ``name`` in the bundle, its ``id`` and/or ``drs_uri``s,
    and (when the bundle was fetched with ``expand=True``) its own ``contents``."""

    name: str
    id: str | None = None
    drs_uri: list[str] | None = None
    contents: list[ContentsObject] | None = None

    @property
    def is_bundle(self) -> bool:
        """Whether this member lists members of its own."""
        return self.contents is not None

    @classmethod
    def from_generated(cls, generated: GeneratedContentsObject) -> ContentsObject:
        """Build from the generated ``ga4gh_drs.models.ContentsObject``."""
        g = generated
        return _with_extra(
            cls(
                name=g.name,
                id=None if isinstance(g.id, Unset) else g.id,
                drs_uri=None if isinstance(g.drs_uri, Unset) else g.drs_uri,
                contents=(
                    None
                    if isinstance(g.contents, Unset)
                    else [cls.from_generated(c) for c in g.contents]
                ),
            ),
            g,
        )


@model(extra="allow")
class DrsObject(Model):
    """A DRS object: a blob (with ``access_methods``) or a bundle (with ``contents``)."""

    id: str
    self_uri: str
    size: int
    created_time: datetime.datetime
    checksums: list[Checksum] = field(factory=list)
    name: str | None = None
    updated_time: datetime.datetime | None = None
    version: str | None = None
    mime_type: str | None = None
    access_methods: list[AccessMethod] | None = None
    contents: list[ContentsObject] | None = None
    description: str | None = None
    aliases: list[str] | None = None

    @property
    def is_bundle(self) -> bool:
        """Whether this object is a bundle (it lists ``contents``)."""
        return self.contents is not None

    def checksum(self, kind: str) -> str | None:
        """The checksum of type ``kind`` (``sha-256``, ``sha256``, ``MD5``... all match)."""
        from dnastack.client.drs.hashing import normalize_checksum_type

        wanted = normalize_checksum_type(kind)
        for item in self.checksums:
            if normalize_checksum_type(item.type) == wanted:
                return item.checksum
        return None

    @classmethod
    def from_generated(cls, generated: GeneratedDrsObject) -> DrsObject:
        """Build from the generated ``ga4gh_drs.models.DrsObject``."""
        g = generated
        methods = g.access_methods
        contents = g.contents
        return _with_extra(
            cls(
                id=g.id,
                self_uri=g.self_uri,
                size=g.size,
                created_time=g.created_time,
                checksums=[
                    _with_extra(Checksum(type=c.type_, checksum=c.checksum), c) for c in g.checksums
                ],
                name=None if isinstance(g.name, Unset) else g.name,
                updated_time=None if isinstance(g.updated_time, Unset) else g.updated_time,
                version=None if isinstance(g.version, Unset) else g.version,
                mime_type=None if isinstance(g.mime_type, Unset) else g.mime_type,
                access_methods=(
                    None
                    if isinstance(methods, Unset)
                    else [AccessMethod.from_generated(m) for m in methods]
                ),
                contents=(
                    None
                    if isinstance(contents, Unset)
                    else [ContentsObject.from_generated(c) for c in contents]
                ),
                description=None if isinstance(g.description, Unset) else g.description,
                aliases=None if isinstance(g.aliases, Unset) else g.aliases,
            ),
            g,
        )
