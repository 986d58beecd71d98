"""DRS JSON documents (DrsObject, ContentsObject, AccessURL, Authorizations) for store entries.

Every blob has two access methods of type ``https``: one with a direct ``access_url`` (the
byte route, which needs the bearer token when auth is on) and one with ``access_id``
``signed-https``, resolved by ``/objects/{id}/access/signed-https`` into a signed URL.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dnastack.devserver.drs.signing import UrlSigner
from dnastack.devserver.drs.store import CHECKSUM_TYPES, DrsEntry, DrsStore

__all__ = [
    "BYTES_PATH",
    "DRS_BASE_PATH",
    "SIGNED_ACCESS_ID",
    "DrsUrls",
    "access_url",
    "authorizations",
    "render_cached_blob",
    "render_object",
]

DRS_BASE_PATH = "/ga4gh/drs/v1"
BYTES_PATH = f"{DRS_BASE_PATH}/bytes"
SIGNED_ACCESS_ID = "signed-https"
_MIME_TYPES = mimetypes.MimeTypes()
_EXTRA_MIME_TYPES = {
    ".vcf": "text/x-vcf",
    ".tsv": "text/tab-separated-values",
    ".bam": "application/octet-stream",
    ".md": "text/markdown",
}


@dataclass(frozen=True)
class DrsUrls:
    """Absolute URLs of this node as the client reached it."""

    node: str  # scheme://host:port

    @property
    def host(self) -> str:
        return self.node.split("://", 1)[-1]

    def drs_uri(self, object_id: str) -> str:
        return f"drs://{self.host}/{object_id}"

    def bytes_url(self, object_id: str) -> str:
        return f"{self.node}{BYTES_PATH}/{object_id}"


def mime_type(entry: DrsEntry) -> str:
    suffix = entry.path.suffix.lower()
    if suffix in _EXTRA_MIME_TYPES:
        return _EXTRA_MIME_TYPES[suffix]
    guessed, _ = _MIME_TYPES.guess_type(entry.name, strict=False)
    return guessed or "application/octet-stream"


def _rfc3339(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat().replace("+00:00", "Z")


def authorizations(object_id: str | None, issuer: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if object_id is not None:
        result["drs_object_id"] = object_id
    if issuer is None:
        result["supported_types"] = ["None"]
    else:
        result["supported_types"] = ["BearerAuth"]
        result["bearer_auth_issuers"] = [issuer]
    return result


def _contents(
    store: DrsStore, entry: DrsEntry, urls: DrsUrls, *, expand: bool
) -> list[dict[str, Any]]:
    contents = []
    for child in store.children(entry):
        item: dict[str, Any] = {
            "name": child.name,
            "id": child.object_id,
            "drs_uri": [urls.drs_uri(child.object_id)],
        }
        if expand and child.is_bundle:
            item["contents"] = _contents(store, child, urls, expand=True)
        contents.append(item)
    return contents


def render_object(
    store: DrsStore, entry: DrsEntry, urls: DrsUrls, *, expand: bool, issuer: str | None
) -> dict[str, Any]:
    """The DrsObject of a blob or bundle (blocking: may compute checksums)."""
    if entry.is_bundle:
        return _render(store, entry, urls, entry.path.stat(), store.checksums(entry), expand)
    stat = entry.path.stat()
    checksums = store.cached_checksums(entry, stat) or store.checksums(entry)
    return _render(store, entry, urls, stat, checksums, expand, issuer=issuer)


def render_cached_blob(
    store: DrsStore, entry: DrsEntry, urls: DrsUrls, stat: os.stat_result, *, issuer: str | None
) -> dict[str, Any] | None:
    """The DrsObject of a blob (``stat``: its file's) whose checksums are cached (no I/O, fit
    for the event loop); ``None`` when they need hashing (use :func:`render_object`)."""
    checksums = store.cached_checksums(entry, stat)
    if checksums is None:
        return None
    return _render(store, entry, urls, stat, checksums, False, issuer=issuer)


def _render(
    store: DrsStore,
    entry: DrsEntry,
    urls: DrsUrls,
    stat: os.stat_result,
    checksums: dict[str, str],
    expand: bool,
    *,
    issuer: str | None = None,
) -> dict[str, Any]:
    modified = _rfc3339(stat.st_mtime)
    document: dict[str, Any] = {
        "id": entry.object_id,
        "name": entry.name,
        "self_uri": urls.drs_uri(entry.object_id),
        "size": store.size(entry) if entry.is_bundle else stat.st_size,
        "created_time": modified,
        "updated_time": modified,
        "checksums": [{"type": kind, "checksum": checksums[kind]} for kind in CHECKSUM_TYPES],
        "aliases": [entry.relpath],
    }
    if entry.is_bundle:
        document["description"] = f"Directory {entry.relpath}"
        document["contents"] = _contents(store, entry, urls, expand=expand)
        return document
    document["mime_type"] = mime_type(entry)
    document["description"] = f"File {entry.relpath}"
    document["version"] = checksums["sha-256"][:12]
    document["access_methods"] = [
        {
            "type": "https",
            "access_url": {"url": urls.bytes_url(entry.object_id)},
            "available": True,
        },
        {
            "type": "https",
            "access_id": SIGNED_ACCESS_ID,
            "available": True,
            "authorizations": authorizations(None, issuer),
        },
    ]
    return document


def access_url(
    entry: DrsEntry, access_id: str, urls: DrsUrls, signer: UrlSigner
) -> dict[str, Any] | None:
    """The AccessURL for ``access_id``, or None if the object has no such access method."""
    if entry.is_bundle or access_id != SIGNED_ACCESS_ID:
        return None
    return {"url": f"{urls.bytes_url(entry.object_id)}?{signer.query(entry.object_id)}"}
