"""Merging the OAuth2 authentication entries of services listed by registries.

Services that share an authorization server (the same entry apart from ``resource`` and
``scope``) can share one token when it is asked for all their resources and scopes at once.
:func:`merge_authentications` rewrites such a group of registry entries (camelCase, as
registries publish them) so that each names every resource of the group (space-separated,
sorted) and the union of their scopes (``None``: all scopes, when one entry asks for all),
as dnastack-client-library 3.x does in ``ClientFactory.all_service_infos``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, MutableMapping, Sequence
from typing import Any

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import safe_url

__all__ = ["merge_authentications"]

_logger = sdk_logger("dnastack.service_registry")
_ALL_SCOPES = "<all>"


def _group_key(entry: MutableMapping[str, Any]) -> str:
    rest = {k: v for k, v in entry.items() if k not in ("resource", "scope")}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, default=str).encode()).hexdigest()


def _merge_group(entries: list[MutableMapping[str, Any]]) -> None:
    scopes_by_url: dict[str, set[str]] = {}
    for entry in entries:
        scopes = scopes_by_url.setdefault(str(entry["resource"]), set())
        scope = entry.get("scope")
        scopes.update(str(scope).split(" ") if scope else [_ALL_SCOPES])
    merged_scopes: set[str] = set()
    everything = False
    for scopes in scopes_by_url.values():
        if _ALL_SCOPES in scopes:
            everything = True
        merged_scopes.update(scopes)
    resource = " ".join(sorted(scopes_by_url))
    scope = None if everything else " ".join(sorted(merged_scopes)) or None
    for entry in entries:
        entry["resource"] = resource
        entry["scope"] = scope


def merge_authentications(
    services: Iterable[tuple[str, str, Sequence[MutableMapping[str, Any]] | None]],
) -> None:
    """Merge, in place, the OAuth2 entries of ``(registry url, service id, entries)``.

    Entries of another type, or without ``resource``, are left alone (with a warning).
    """
    groups: dict[str, list[MutableMapping[str, Any]]] = {}
    for source_url, service_id, entries in services:
        for entry in entries or []:
            if entry.get("type") not in (None, "oauth2"):
                _logger.warning(
                    "R/%s: S/%s: not merged: not OAuth2", safe_url(source_url), service_id
                )
                continue
            if "resource" not in entry:
                _logger.warning(
                    "R/%s: S/%s: not merged: no resource URL", safe_url(source_url), service_id
                )
                continue
            groups.setdefault(_group_key(entry), []).append(entry)
    for group in groups.values():
        _merge_group(group)
