"""Planted-fault Service Registry (and service-info) servers: one mode per fault class."""

from __future__ import annotations

import copy
from typing import Any

from starlette.types import ASGIApp

from tests.contract.planted.base import Hit, Mode, PlantedApi

__all__ = ["BASE", "MODES", "planted_registry"]

BASE = ""
DETAIL = "GET /services/{serviceId}"


def _on(path: str, change: Any) -> Any:
    def mutate(hit: Hit, document: Any) -> Any:
        if hit.path == path or (path.endswith("/*") and hit.path.startswith(path[:-1])):
            change(document)
        return document

    return mutate


def _ghost_service(services: list[dict[str, Any]]) -> None:
    ghost = copy.deepcopy(services[0])
    ghost["id"] = "ghost-service"
    services.append(ghost)


def _first(change: Any) -> Any:
    def apply(services: list[dict[str, Any]]) -> None:
        change(services[0])

    return apply


def _not_a_version(service: dict[str, Any]) -> None:
    service["type"]["version"] = "latest"


def _another_service(service: dict[str, Any]) -> None:
    if isinstance(service, dict) and service.get("id") != "someone-else":
        service["id"] = "someone-else"


def _both(*mutations: Any) -> Any:
    def mutate(hit: Hit, document: Any) -> Any:
        for mutation in mutations:
            document = mutation(hit, document)
        return document

    return mutate


def _any_service(hit: Hit) -> Any:
    if not hit.path.startswith("/services/") or hit.path.count("/") != 2:
        return None
    ident = hit.path.rsplit("/", 1)[1]
    return {
        "id": ident,
        "name": ident,
        "type": {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"},
        "organization": {"name": "planted", "url": "https://example.org"},
        "version": "1.0.0",
        "url": "https://example.org/",
    }


MODES: dict[str, Mode] = {
    "clean": Mode(),
    "clean_501": Mode(answer_501=True),
    "listed_service_404": Mode(_on("/services", _ghost_service), (DETAIL, "listed_id_resolves")),
    "detail_is_another_service": Mode(
        _on("/services/*", lambda d: _another_service(d) if isinstance(d, dict) else None),
        (DETAIL, "consistency"),
    ),
    "types_disagree": Mode(
        _on("/services/types", lambda types: types.pop()), ("GET /services/types", "consistency")
    ),
    "type_version_not_a_version": Mode(
        _both(
            _on("/services", _first(_not_a_version)),
            _on("/services/types", lambda types: _not_a_version({"type": types[0]})),
        ),
        ("GET /services", "consistency"),
    ),
    "unknown_service_found": Mode(found_anyway=_any_service, expected=(DETAIL, "consistency")),
    "created_at_not_a_date_time": Mode(
        _on("/services", _first(lambda s: s.update(createdAt="yesterday"))),
        ("GET /services", "format_conformance"),
    ),
    "documentation_url_not_a_uri": Mode(
        _on("/service-info", lambda s: s.update(documentationUrl="see our wiki")),
        ("GET /service-info", "format_conformance"),
    ),
}


def planted_registry(app: ASGIApp, mode: str) -> ASGIApp:
    """The devserver ``app`` with the Service Registry behaving as ``mode``."""
    return PlantedApi(
        app,
        BASE,
        MODES[mode],
        lambda status, text: {"status": status, "title": text, "detail": text},
    )
