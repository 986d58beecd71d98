"""Planted-fault DRS servers: one mode per fault class the runner must catch."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp

from tests.contract.planted.base import Hit, Mode, PlantedApi

__all__ = ["BASE", "MODES", "planted_drs"]

BASE = "/ga4gh/drs/v1"
OBJECT = "GET /objects/{object_id}"
_OBJECT_PATH = re.compile(r"^/objects(/[^/]+)?$")


def _objects(change: Callable[[dict[str, Any]], None]) -> Callable[[Hit, Any], Any]:
    """Apply ``change`` to every DrsObject answered (single and bulk)."""

    def mutate(hit: Hit, document: Any) -> Any:
        if not _OBJECT_PATH.match(hit.path) or hit.method == "OPTIONS":
            return document
        if isinstance(document, dict) and "self_uri" in document:
            change(document)
        elif isinstance(document, dict):
            for item in document.get("resolved_drs_object") or []:
                change(item)
        return document

    return mutate


def _blobs(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def apply(drs_object: dict[str, Any]) -> None:
        if "contents" not in drs_object:
            change(drs_object)

    return apply


def _wrong_sha256(drs_object: dict[str, Any]) -> None:
    for checksum in drs_object["checksums"]:
        if checksum["type"] == "sha-256":
            checksum["checksum"] = "0" * 64


def _other_host(drs_object: dict[str, Any]) -> None:
    drs_object["self_uri"] = "drs://drs.elsewhere.example/" + drs_object["id"]


def _other_object(drs_object: dict[str, Any]) -> None:
    drs_object["self_uri"] = drs_object["self_uri"].rsplit("/", 1)[0] + "/some-other-object"


def _expired_access_id(drs_object: dict[str, Any]) -> None:
    for method in drs_object.get("access_methods") or []:
        if "access_id" in method:
            method["access_id"] = "expired-access"


def _ghost_member(drs_object: dict[str, Any]) -> None:
    if isinstance(drs_object.get("contents"), list):
        drs_object["contents"].append({"name": "ghost", "id": "ghost-member"})


def _any_object(hit: Hit) -> Any:
    if hit.method != "GET" or not hit.path.startswith("/objects/") or hit.path.count("/") != 2:
        return None
    object_id = hit.path.rsplit("/", 1)[1]
    return {
        "id": object_id,
        "self_uri": f"drs://localhost/{object_id}",
        "size": 0,
        "created_time": "2024-01-01T00:00:00Z",
        "checksums": [{"type": "md5", "checksum": "d41d8cd98f00b204e9800998ecf8427e"}],
    }


def _bulk_miscounted(hit: Hit, document: Any) -> Any:
    if hit.path == "/objects" and hit.method == "POST" and isinstance(document, dict):
        summary = document.get("summary")
        if isinstance(summary, dict):
            summary["resolved"] = summary.get("requested", 0)
    return document


MODES: dict[str, Mode] = {
    "clean": Mode(),
    "clean_501": Mode(answer_501=True),
    "clean_secured": Mode(secured=True),
    "checksum_mismatch": Mode(_objects(_blobs(_wrong_sha256)), (OBJECT, "drs_bytes")),
    "size_mismatch": Mode(
        _objects(_blobs(lambda o: o.update(size=o["size"] + 7))), (OBJECT, "drs_bytes")
    ),
    "self_uri_other_host": Mode(_objects(_other_host), (OBJECT, "consistency")),
    "self_uri_other_object": Mode(_objects(_other_object), (OBJECT, "consistency")),
    "access_id_404": Mode(
        _objects(_expired_access_id),
        ("GET /objects/{object_id}/access/{access_id}", "listed_id_resolves"),
    ),
    "bundle_member_404": Mode(_objects(_ghost_member), (OBJECT, "listed_id_resolves")),
    "unknown_object_found": Mode(found_anyway=_any_object, expected=(OBJECT, "consistency")),
    "bulk_summary_miscounted": Mode(_bulk_miscounted, ("POST /objects", "consistency")),
    "created_time_not_a_date_time": Mode(
        _objects(lambda o: o.update(created_time="yesterday")), (OBJECT, "format_conformance")
    ),
}


def planted_drs(app: ASGIApp, mode: str) -> ASGIApp:
    """The devserver ``app`` with DRS behaving as ``mode``."""
    return PlantedApi(
        app, BASE, MODES[mode], lambda status, text: {"msg": text, "status_code": status}
    )
