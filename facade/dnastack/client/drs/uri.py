"""Where a DRS object lives: ``drs://`` URIs, compact identifiers and plain ids.

Accepted forms:

* ``drs://host/id`` and ``drs://host:port/id`` (hostname-based URIs);
* ``drs://prefix:accession`` and ``drs://provider/prefix:accession`` (compact identifiers),
  resolved through a local prefix map (prefix -> DRS base URL); no network registry is assumed;
* a plain object id, resolved against the configured DRS endpoint (its scheme and base path
  are kept, so ``http://127.0.0.1:8080/ga4gh/drs/v1`` works).

For a hostname-based URI whose host and port are those of the configured endpoint, the
endpoint's scheme and base path are used; otherwise the DRS standard applies: ``https`` and
``/ga4gh/drs/v1`` (``http`` for loopback hosts, which cannot have public certificates).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

from dnastack.exceptions import DnastackError
from dnastack.http.urls import path_segment

__all__ = ["DrsLocation", "InvalidDrsUriError", "resolve_drs_location"]

DRS_SCHEME: Final = "drs://"
STANDARD_BASE_PATH: Final = "/ga4gh/drs/v1"
LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


class InvalidDrsUriError(DnastackError, ValueError):
    """A DRS URI or id that cannot be resolved to an object URL."""


@dataclass(frozen=True)
class DrsLocation:
    """A DRS object's id and the base URL of the DRS service that holds it."""

    object_id: str
    base_url: str  # without a trailing slash, e.g. http://127.0.0.1:8080/ga4gh/drs/v1

    @property
    def object_url(self) -> str:
        return f"{self.base_url}/objects/{path_segment(self.object_id)}"


def resolve_drs_location(
    id_or_uri: str,
    endpoint_url: str | None = None,
    prefix_map: Mapping[str, str] | None = None,
) -> DrsLocation:
    """Resolve ``id_or_uri`` to the object id and the DRS base URL that serves it."""
    text = id_or_uri.strip()
    if not text:
        raise InvalidDrsUriError("empty DRS id")
    if not text.lower().startswith(DRS_SCHEME):
        return DrsLocation(text, _require_endpoint(endpoint_url, text))
    prefixes = {key.lower(): value for key, value in (prefix_map or {}).items()}
    rest = text[len(DRS_SCHEME) :]
    compact = _compact(rest, prefixes)
    if compact is not None:
        return compact
    authority, slash, object_id = rest.partition("/")
    if not slash or not authority or not object_id:
        raise InvalidDrsUriError(
            f"{id_or_uri!r} is neither drs://host/id nor a compact id with a known prefix"
            f" (known prefixes: {', '.join(sorted(prefixes)) or 'none'})"
        )
    return DrsLocation(unquote(object_id), _checked_base(authority, endpoint_url, id_or_uri))


def _checked_base(authority: str, endpoint_url: str | None, id_or_uri: str) -> str:
    """The base URL for ``authority``; a host or port no URL can hold is an
    :class:`InvalidDrsUriError` (never httpx's ``InvalidURL``)."""
    import httpx  # not at import time (lazy `import dnastack`)

    base = _base_for_authority(authority, endpoint_url)
    try:
        url = httpx.URL(base)
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise InvalidDrsUriError(f"{id_or_uri!r}: {authority!r} is not a valid host") from exc
    if not url.host or (url.port is not None and not 0 < url.port < 65536):
        raise InvalidDrsUriError(f"{id_or_uri!r}: {authority!r} is not a valid host")
    return base


def _compact(rest: str, prefixes: Mapping[str, str]) -> DrsLocation | None:
    """``prefix:accession`` or ``provider/prefix:accession`` when the prefix is mapped."""
    identifier = rest.rsplit("/", 1)[-1]
    prefix, colon, accession = identifier.partition(":")
    if not colon or not accession:
        return None
    base = prefixes.get(prefix.lower())
    if base is None:
        if "/" not in rest and not accession.isdigit():
            raise InvalidDrsUriError(
                f"compact DRS id {rest!r}: prefix {prefix!r} is not in the prefix map"
            )
        return None
    return DrsLocation(accession, base.rstrip("/"))


def _base_for_authority(authority: str, endpoint_url: str | None) -> str:
    if endpoint_url:
        endpoint = urlsplit(endpoint_url)
        if endpoint.netloc.lower() == authority.lower():
            return f"{endpoint.scheme}://{endpoint.netloc}{endpoint.path}".rstrip("/")
    host = authority.rsplit(":", 1)[0] if not authority.startswith("[") else authority
    scheme = "http" if host.lower() in LOOPBACK_HOSTS else "https"
    return f"{scheme}://{authority}{STANDARD_BASE_PATH}"


def _require_endpoint(endpoint_url: str | None, object_id: str) -> str:
    if not endpoint_url:
        raise InvalidDrsUriError(
            f"{object_id!r} is a plain object id, but no DRS endpoint is configured"
            " (use a drs:// URI, or set DNASTACK_DRS_URL / a drs endpoint)"
        )
    return endpoint_url.rstrip("/")
