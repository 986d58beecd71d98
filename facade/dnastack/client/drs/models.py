"""DRS models at the facade boundary: ``DrsObject``, ``AccessMethod``, ``AccessURL``, ...

They carry the GA4GH DRS 1.5 field names and are built from the generated models
(``ga4gh_drs.models``) by the ``from_generated`` class methods, so a rename in the
generated package never reaches a user. Unknown keys a server adds are kept
(``model_extra``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from dnastack.common.model import Model, field, model
from dnastack.exceptions import safe_url

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


_UNSET_TYPE: list[type] = []  # ga4gh_drs.types.Unset, imported on first use


def _given(value: Any) -> Any:
    """``None`` for the generated ``UNSET`` sentinel (it is falsy and not a value)."""
    if not _UNSET_TYPE:
        from ga4gh_drs.types import Unset

        _UNSET_TYPE.append(Unset)
    return None if isinstance(value, _UNSET_TYPE[0]) else value


def _extra(generated: Any) -> dict[str, Any]:
    return dict(getattr(generated, "additional_properties", None) or {})


_M = TypeVar("_M", bound=Model)


def _build(cls: type[_M], extra: dict[str, Any], **values: Any) -> _M:
    """``cls(**values)`` with unknown keys kept (faster than ``construct`` on this path)."""
    instance = cls(**values)
    if extra:
        object.__setattr__(instance, "__extra__", extra)
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
        return _build(cls, _extra(generated), url=generated.url, headers=_given(generated.headers))


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
        access_url = _given(generated.access_url)
        authorizations = _given(generated.authorizations)
        return _build(
            cls,
            _extra(generated),
            type=str(generated.type_.value),
            access_url=AccessURL.from_generated(access_url) if access_url else None,
            access_id=_given(generated.access_id),
            cloud=_given(generated.cloud),
            region=_given(generated.region),
            available=_given(generated.available),
            authorizations=authorizations.to_dict() if authorizations else None,
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
        contents = _given(generated.contents)
        return _build(
            cls,
            _extra(generated),
            name=generated.name,
            id=_given(generated.id),
            drs_uri=_given(generated.drs_uri),
            contents=[cls.from_generated(c) for c in contents] if contents is not None else None,
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
        methods = _given(generated.access_methods)
        contents = _given(generated.contents)
        return _build(
            cls,
            _extra(generated),
            id=generated.id,
            self_uri=generated.self_uri,
            size=generated.size,
            created_time=generated.created_time,
            checksums=[
                _build(Checksum, _extra(c), type=c.type_, checksum=c.checksum)
                for c in generated.checksums
            ],
            name=_given(generated.name),
            updated_time=_given(generated.updated_time),
            version=_given(generated.version),
            mime_type=_given(generated.mime_type),
            access_methods=(
                [AccessMethod.from_generated(m) for m in methods] if methods is not None else None
            ),
            contents=(
                [ContentsObject.from_generated(c) for c in contents]
                if contents is not None
                else None
            ),
            description=_given(generated.description),
            aliases=_given(generated.aliases),
        )
