"""DRS checks of the runner: objects name themselves, ids resolve, bytes match (bounded).

For every known object id (``--param object_id``, then bundle members as they are found, up
to ``--max-ids``): ``id`` and ``self_uri`` name the object on this host (``consistency``);
each ``access_id`` resolves and each bundle member resolves (``listed_id_resolves``). Then
the smallest blobs are downloaded, up to ``--max-downloads`` objects and
``--download-budget`` bytes, and their size and every declared checksum are verified
(``drs_bytes``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

from dnastack.client.drs.hashing import digests_match, new_hasher, normalize_checksum_type
from dnastack.contract.consistency import UNKNOWN_ID, unknown_id_is_not_found
from dnastack.contract.deep import DeepContext, Fetched, bounded, guarded

__all__ = ["drs_checks", "self_uri_problem"]

OBJECT_OP = "GET /objects/{object_id}"
ACCESS_OP = "GET /objects/{object_id}/access/{access_id}"
LISTED = "listed_id_resolves"
CONSISTENCY = "consistency"
BYTES = "drs_bytes"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _seg(value: str) -> str:
    return quote(value, safe="")


_LOOPBACK = {"localhost", "127.0.0.1", "[::1]"}


def _host(netloc: str, default_port: int | None) -> tuple[str, int | None]:
    host, _, port = netloc.lower().rpartition(":") if ":" in netloc else (netloc.lower(), "", "")
    if not port.isdigit():
        host, port = netloc.lower(), ""
    host = "localhost" if host in _LOOPBACK else host  # one machine, several names
    return host, int(port) if port else default_port


def self_uri_problem(self_uri: object, object_id: str, base_url: str) -> str | None:
    """Why ``self_uri`` does not name ``object_id`` on the server at ``base_url`` (or None)."""
    if not isinstance(self_uri, str):
        return None
    parts = urlsplit(self_uri)
    if parts.scheme.lower() != "drs":
        return f"self_uri {self_uri!r} is not a drs:// URI"
    base = urlsplit(base_url)
    if parts.path in ("", "/"):  # compact identifier drs://[provider/]namespace:accession
        accession = parts.netloc.split(":", 1)[-1]
        if unquote(accession) != object_id:
            return f"self_uri {self_uri!r} does not name object {object_id!r}"
        return None
    named = unquote(parts.path[1:])
    if named != object_id and parts.path[1:] != object_id:
        return f"self_uri {self_uri!r} names object {named!r}, not {object_id!r}"
    server = _host(base.netloc, _DEFAULT_PORTS.get(base.scheme))
    if _host(parts.netloc, None) not in (server, (server[0], None)):
        return f"self_uri {self_uri!r} names host {parts.netloc!r}, not this server ({base.netloc})"
    return None


def _header_pairs(values: object) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values if isinstance(values, list) else []:
        if isinstance(value, str) and ":" in value:
            name, _, text = value.partition(":")
            pairs[name.strip()] = text.strip()
    return pairs


def _bytes_location(
    ctx: DeepContext, object_id: str, document: dict[str, Any]
) -> tuple[str, dict[str, str]] | None:
    methods = [m for m in document.get("access_methods") or [] if isinstance(m, dict)]
    for method in methods:
        access = method.get("access_url")
        url = access.get("url") if isinstance(access, dict) else None
        if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
            assert isinstance(access, dict)
            return url, _header_pairs(access.get("headers"))
    for method in methods:
        access_id = method.get("access_id")
        if isinstance(access_id, str) and access_id:
            fetched = ctx.fetch(
                "GET", ctx.url(f"objects/{_seg(object_id)}/access/{_seg(access_id)}")
            )
            answer = fetched.json() if fetched.ok else None
            url = answer.get("url") if isinstance(answer, dict) else None
            if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
                assert isinstance(answer, dict)
                return url, _header_pairs(answer.get("headers"))
    return None


def _check_object(
    ctx: DeepContext,
    object_id: str,
    listed_by: str | None,
    pending: list[tuple[str, str | None]],
) -> tuple[int, str, dict[str, Any]] | None:
    fetched = ctx.fetch("GET", ctx.url(f"objects/{_seg(object_id)}"))
    if not fetched.ok:
        if listed_by is not None and fetched.status == 404:
            ctx.violation(
                OBJECT_OP,
                LISTED,
                "Bundle member not found",
                f"bundle {listed_by!r} lists {object_id!r}, which answers 404",
                fetched,
            )
        return None
    document = fetched.json()
    if not isinstance(document, dict):
        return None
    if document.get("id") not in (None, object_id):
        ctx.violation(
            OBJECT_OP,
            CONSISTENCY,
            "Returns another object",
            f"asked for {object_id!r}, got id {document.get('id')!r}",
            fetched,
        )
    problem = self_uri_problem(document.get("self_uri"), object_id, ctx.base_url)
    if problem:
        ctx.violation(
            OBJECT_OP, CONSISTENCY, "self_uri does not name this object here", problem, fetched
        )
    for method in document.get("access_methods") or []:
        access_id = method.get("access_id") if isinstance(method, dict) else None
        if isinstance(access_id, str) and access_id:
            _check_access(ctx, object_id, access_id)
    contents = document.get("contents")
    if isinstance(contents, list):
        for member in contents:
            if isinstance(member, dict) and isinstance(member.get("id"), str) and member["id"]:
                pending.append((member["id"], object_id))
        return None
    size = document.get("size")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        return size, object_id, document
    return None


def _check_access(ctx: DeepContext, object_id: str, access_id: str) -> None:
    url = ctx.url(f"objects/{_seg(object_id)}/access/{_seg(access_id)}")
    fetched = ctx.fetch("GET", url)
    if fetched.status == 404:
        ctx.violation(
            ACCESS_OP,
            LISTED,
            "access_id does not resolve",
            f"object {object_id!r} lists access_id {access_id!r}, which answers 404",
            fetched,
        )
    elif fetched.ok:
        ctx.check_schema(ACCESS_OP, fetched, fetched.json())


def _verify_bytes(ctx: DeepContext, size: int, object_id: str, document: dict[str, Any]) -> None:
    location = _bytes_location(ctx, object_id, document)
    if location is None:
        ctx.note(f"object {object_id!r}: no http(s) access URL to verify its bytes with")
        return
    url, headers = location
    declared: dict[str, str] = {}
    for entry in document.get("checksums") or []:
        kind = entry.get("type") if isinstance(entry, dict) else None
        value = entry.get("checksum") if isinstance(entry, dict) else None
        if isinstance(kind, str) and isinstance(value, str):
            declared[normalize_checksum_type(kind)] = value
    hashers = {kind: h for kind in declared if (h := new_hasher(kind)) is not None}
    for kind in sorted(set(declared) - set(hashers)):
        ctx.note(f"object {object_id!r}: checksum type {kind!r} cannot be verified here")
    received = 0

    def consume(chunk: bytes) -> None:
        nonlocal received
        received += len(chunk)
        for hasher in hashers.values():
            hasher.update(chunk)

    fetched: Fetched = ctx.fetch("GET", url, headers=headers, max_bytes=size, on_chunk=consume)
    if fetched.status in (401, 403):
        ctx.note(f"object {object_id!r}: its bytes answered {fetched.status} (credentials?)")
        return
    if not fetched.ok:
        status = fetched.status if fetched.status is not None else fetched.error
        ctx.violation(
            OBJECT_OP,
            BYTES,
            "Bytes not served",
            f"object {object_id!r}: GET of its access URL answered {status}",
            fetched,
        )
        return
    if fetched.truncated or received != size:
        more = "more than" if fetched.truncated else f"{received}, not"
        ctx.violation(
            OBJECT_OP,
            BYTES,
            "Size does not match the bytes",
            f"object {object_id!r}: served {more} its declared size {size}",
            fetched,
        )
        return
    for kind, hasher in hashers.items():
        actual = hasher.hexdigest()
        if not digests_match(declared[kind], actual):
            ctx.violation(
                OBJECT_OP,
                BYTES,
                "Checksum does not match the bytes",
                f"object {object_id!r}: {kind} declared {declared[kind]}, computed {actual}",
                fetched,
            )


def _check_bulk(ctx: DeepContext, object_ids: list[str]) -> None:
    """``POST /objects`` with known ids and an unknown one: the answer must add up."""
    if not object_ids:
        return
    requested = [*object_ids, UNKNOWN_ID]
    fetched = ctx.fetch("POST", ctx.url("objects"), body={"bulk_object_ids": requested})
    answer = fetched.json()
    if not fetched.ok or not isinstance(answer, dict):
        return
    resolved = [o for o in answer.get("resolved_drs_object") or [] if isinstance(o, dict)]
    ids = [o.get("id") for o in resolved]
    problems = []
    strangers = [i for i in ids if i not in requested]
    if strangers:
        problems.append(f"resolved objects that were not asked for: {strangers}")
    if UNKNOWN_ID in ids:
        problems.append(f"the unknown id {UNKNOWN_ID!r} was resolved")
    summary = answer.get("summary")
    if isinstance(summary, dict):
        counts = (summary.get("requested"), summary.get("resolved"), summary.get("unresolved"))
        if counts[0] is not None and counts[0] != len(requested):
            problems.append(f"summary.requested is {counts[0]}, {len(requested)} were sent")
        if counts[1] is not None and counts[1] != len(resolved):
            problems.append(f"summary.resolved is {counts[1]}, {len(resolved)} are listed")
    if problems:
        ctx.violation(
            "POST /objects",
            CONSISTENCY,
            "Bulk answer does not add up",
            "\n".join(problems),
            fetched,
        )


def drs_checks(ctx: DeepContext, object_ids: list[str]) -> None:
    """Object, access, bundle-member and byte checks from the known ``object_ids``."""
    pending: list[tuple[str, str | None]] = [(i, None) for i in object_ids]
    seen: set[str] = set()
    blobs: list[tuple[int, str, dict[str, Any]]] = []

    def unseen() -> Any:
        while pending:
            object_id, listed_by = pending.pop(0)
            if object_id not in seen:
                seen.add(object_id)
                yield object_id, listed_by

    for object_id, listed_by in bounded(unseen(), ctx.bounds.max_ids, ctx, "the DRS objects"):
        with guarded(ctx, f"the checks of object {object_id!r}"):
            blob = _check_object(ctx, object_id, listed_by, pending)
            if blob is not None:
                blobs.append(blob)
    with guarded(ctx, "the unknown-object check"):
        unknown_id_is_not_found(ctx, OBJECT_OP, f"objects/{UNKNOWN_ID}")
    with guarded(ctx, "the bulk check"):
        _check_bulk(ctx, sorted(seen)[: min(len(seen), 20)])
    if not ctx.wants(BYTES) or ctx.bounds.download_bytes <= 0 or ctx.bounds.max_downloads <= 0:
        return
    budget = ctx.bounds.download_bytes
    for count, (size, object_id, document) in enumerate(sorted(blobs, key=lambda b: b[0])):
        if count >= ctx.bounds.max_downloads:
            ctx.cut(
                f"--max-downloads (contract_max_downloads) {ctx.bounds.max_downloads} "
                f"left {len(blobs) - count} object(s) undownloaded"
            )
            return
        if size > budget:
            ctx.cut(
                f"--download-budget (contract_download_budget) {ctx.bounds.download_bytes} "
                f"left {len(blobs) - count} object(s) undownloaded"
            )
            return
        if ctx.out_of_budget("the DRS downloads"):
            return
        budget -= size
        with guarded(ctx, f"the download of object {object_id!r}"):
            _verify_bytes(ctx, size, object_id, document)
