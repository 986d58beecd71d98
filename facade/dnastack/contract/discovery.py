"""Find real identifiers on the server before fuzzing, so success paths get tested.

Per API: Data Connect table names from ``GET /tables`` (following pages); Service Registry ids
from ``GET /services``; collection ids, slugs and item sources from ``GET /collections`` and
``GET /collection/{id}/items``, and each collection's questions (with their test inputs)
from ``GET /collections/{id}/questions``; Explorer question ids and working inputs from
``GET /questions``; DRS access ids and bundle members from ``GET /objects/{id}`` for each
object id given with ``--param object_id=...`` (DRS has no listing endpoint). Each API can
also build concrete request bodies (a SQL query over a real table, a question's test inputs)
and learn from responses (a collection the run created may later be deleted by it).

The parsing functions are pure and take decoded JSON.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import quote, urljoin

from dnastack.contract.knowledge import Knowledge, SeedRequest

__all__ = [
    "ApiDiscovery",
    "Fetcher",
    "collection_item_ids",
    "collection_item_sources",
    "collection_refs",
    "discovery_for",
    "drs_access_ids",
    "drs_bundle_member_ids",
    "next_page_url",
    "question_ids",
    "question_inputs",
    "search_query",
    "service_ids",
    "table_names",
]

MAX_TABLE_PAGES = 5
MAX_VALUES = 20
MAX_DRS_OBJECTS = 20
MAX_SEEDS = 3
_PLAIN_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Fetcher(Protocol):
    """HTTP access to the server under test, relative to its base URL."""

    def url(self, path: str) -> str:
        """``path`` resolved against the base URL (absolute URLs are kept)."""

    def get_json(self, path: str) -> Any | None:
        """Decoded JSON of a 2xx answer to ``GET {base}/{path}``; ``None`` otherwise."""

    def delete(self, path: str) -> int | None:
        """Status of ``DELETE {base}/{path}``; ``None`` when nothing came back."""


def _segment(value: str) -> str:
    return quote(value, safe="")


def _dicts(items: object) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _strings(values: Sequence[object]) -> list[str]:
    return [v for v in values if isinstance(v, str) and v]


# --- pure parsers -----------------------------------------------------------------------


def table_names(page: object) -> list[str]:
    """Table names on one ``GET /tables`` page."""
    if not isinstance(page, dict):
        return []
    return _strings([table.get("name") for table in _dicts(page.get("tables"))])


def next_page_url(page: object) -> str | None:
    """``pagination.next_page_url`` of a Data Connect page, when there is one."""
    if not isinstance(page, dict) or not isinstance(page.get("pagination"), dict):
        return None
    url = page["pagination"].get("next_page_url")
    return url if isinstance(url, str) and url else None


def service_ids(services: object) -> list[str]:
    """The ``id`` of each service of a ``GET /services`` answer."""
    return _strings([service.get("id") for service in _dicts(services)])


def collection_refs(collections: object) -> list[tuple[str, str | None]]:
    """``(id or slugName, slugName)`` for each collection of a ``GET /collections`` answer."""
    refs: list[tuple[str, str | None]] = []
    for collection in _dicts(collections):
        slug = collection.get("slugName") if isinstance(collection.get("slugName"), str) else None
        ident = collection.get("id") if isinstance(collection.get("id"), str) else slug
        if ident:
            refs.append((ident, slug))
    return refs


def collection_item_sources(page: object) -> list[dict[str, str]]:
    """``{"type", "sourceKey"}`` of each item on a ``GET /collection/{id}/items`` page."""
    if not isinstance(page, dict):
        return []
    sources = []
    for item in _dicts(page.get("items")):
        kind, key = item.get("type"), item.get("sourceKey")
        if isinstance(kind, str) and isinstance(key, str) and kind and key:
            sources.append({"type": kind, "sourceKey": key})
    return sources


def collection_item_ids(page: object) -> list[str]:
    """The ``id`` of each item on a ``GET /collection/{id}/items`` page."""
    if not isinstance(page, dict):
        return []
    return _strings([item.get("id") for item in _dicts(page.get("items"))])


def question_ids(listing: object) -> list[str]:
    """Question ids of a ``GET /questions`` answer."""
    if not isinstance(listing, dict):
        return []
    return _strings([question.get("id") for question in _dicts(listing.get("questions"))])


def _first_listed(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    for part in re.split(r"[,\n;]", text):
        if part.strip():
            return part.strip()
    return None


def question_inputs(question: Mapping[str, Any]) -> dict[str, str]:
    """Input values likely to work for a federated question (its ``params``) or a
    collection's question (its ``parameters``).

    Per param: ``testValue``, else ``defaultValue``, else the first of ``values`` or
    ``allowedValues``. Optional params without any of those are left out; a required one
    gets an empty string (the server will say what it wants).
    """
    inputs: dict[str, str] = {}
    params = question.get("params")
    for param in _dicts(params if params is not None else question.get("parameters")):
        name = param.get("name")
        if not isinstance(name, str) or not name:
            continue
        value = next(
            (
                v
                for v in (
                    param.get("testValue"),
                    param.get("defaultValue"),
                    _first_listed(param.get("values")),
                    _first_listed(param.get("allowedValues")),
                )
                if isinstance(v, str) and v
            ),
            None,
        )
        if value is not None:
            inputs[name] = value
        elif param.get("required") is True:
            inputs[name] = ""
    return inputs


def search_query(table: str) -> str:
    """A small SQL query over ``table`` (each dotted part quoted when it needs it)."""
    parts = [
        p if _PLAIN_IDENTIFIER.match(p) else '"' + p.replace('"', '""') + '"'
        for p in table.split(".")
    ]
    return f"SELECT * FROM {'.'.join(parts)} LIMIT 5"


def drs_access_ids(drs_object: object) -> list[str]:
    """The ``access_id`` of each access method of a DRS object."""
    if not isinstance(drs_object, dict):
        return []
    return _strings([m.get("access_id") for m in _dicts(drs_object.get("access_methods"))])


def drs_bundle_member_ids(drs_object: object) -> list[str]:
    """Object ids of a bundle's ``contents`` (nested contents included)."""
    if not isinstance(drs_object, dict):
        return []
    found: list[str] = []
    pending = _dicts(drs_object.get("contents"))
    while pending:
        entry = pending.pop(0)
        ident = entry.get("id")
        if isinstance(ident, str) and ident and ident not in found:
            found.append(ident)
        pending.extend(_dicts(entry.get("contents")))
    return found


# --- per-API discovery ------------------------------------------------------------------


class ApiDiscovery:
    """Discovery for an API without list endpoints: nothing to find."""

    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        """Fill ``knowledge`` from the server before any case is sent."""

    def seeds(self, label: str, fetch: Fetcher, knowledge: Knowledge) -> list[SeedRequest]:
        """Concrete requests for the operation ``label``, built from what is known now."""
        return []

    def observe(
        self,
        label: str,
        path_parameters: Mapping[str, str],
        status: int,
        payload: object,
        knowledge: Knowledge,
    ) -> None:
        """Learn from one response (``payload`` is its decoded JSON body or ``None``)."""

    def cleanup(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        """Remove what the run created and did not delete itself."""


class DrsDiscovery(ApiDiscovery):
    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        pending = list(knowledge.values.get("object_id", []))
        if not pending:
            knowledge.notes.append(
                "DRS has no listing endpoint: pass --param object_id=ID (repeatable) so the "
                "object operations reach their success responses"
            )
        seen: set[str] = set()
        while pending and len(seen) < MAX_DRS_OBJECTS:
            object_id = pending.pop(0)
            if object_id in seen:
                continue
            seen.add(object_id)
            drs_object = fetch.get_json(f"objects/{_segment(object_id)}")
            if drs_object is None:
                knowledge.notes.append(
                    f"DRS object {object_id!r} was not found (GET /objects/{{id}})"
                )
                continue
            for access_id in drs_access_ids(drs_object):
                knowledge.add_combo({"object_id": object_id, "access_id": access_id})
            members = drs_bundle_member_ids(drs_object)
            knowledge.add_values("object_id", members)
            pending.extend(members)

    def seeds(self, label: str, fetch: Fetcher, knowledge: Knowledge) -> list[SeedRequest]:
        object_ids = knowledge.values.get("object_id", [])[:MAX_SEEDS]
        pairs = [c for c in knowledge.combos if "object_id" in c and "access_id" in c][:MAX_SEEDS]
        if label in ("POST /objects", "OPTIONS /objects") and object_ids:
            return [SeedRequest(label, body={"bulk_object_ids": object_ids})]
        if label == "POST /objects/access" and pairs:
            entries = [
                {"bulk_object_id": p["object_id"], "bulk_access_ids": [p["access_id"]]}
                for p in pairs
            ]
            return [SeedRequest(label, body={"bulk_object_access_ids": entries})]
        if label == "POST /objects/{object_id}":
            return [
                SeedRequest(label, {"object_id": o}, body={"expand": False}) for o in object_ids
            ]
        if label == "POST /objects/{object_id}/access/{access_id}":
            return [SeedRequest(label, dict(p), body={}) for p in pairs]
        return []


class DataConnectDiscovery(ApiDiscovery):
    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        url: str | None = fetch.url("tables")
        for _ in range(MAX_TABLE_PAGES):
            if url is None or len(knowledge.values.get("table_name", [])) >= MAX_VALUES:
                break
            page = fetch.get_json(url)
            knowledge.add_values("table_name", table_names(page))
            following = next_page_url(page)
            # a next_page_url is relative to the page it came from
            url = urljoin(url, following) if following else None

    def seeds(self, label: str, fetch: Fetcher, knowledge: Knowledge) -> list[SeedRequest]:
        if label != "POST /search":
            return []
        tables = knowledge.values.get("table_name", [])[:2]
        queries = [search_query(t) for t in tables] or ["SELECT 1 AS one"]
        return [SeedRequest(label, body={"query": q}) for q in queries]


class ServiceRegistryDiscovery(ApiDiscovery):
    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        knowledge.add_values("serviceId", service_ids(fetch.get_json("services"))[:MAX_VALUES])


class ExplorerDiscovery(ApiDiscovery):
    def __init__(self) -> None:
        self._questions: dict[str, dict[str, Any]] = {}

    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        listing = fetch.get_json("questions")
        for question in _dicts(listing.get("questions") if isinstance(listing, dict) else None):
            ident = question.get("id")
            if isinstance(ident, str) and ident and len(self._questions) < MAX_VALUES:
                self._questions[ident] = question
                knowledge.add_value("question_id", ident)

    def seeds(self, label: str, fetch: Fetcher, knowledge: Knowledge) -> list[SeedRequest]:
        if label != "POST /questions/{question_id}/query":
            return []
        seeds = []
        for ident in knowledge.values.get("question_id", [])[:MAX_SEEDS]:
            question = self._questions.get(ident) or fetch.get_json(f"questions/{_segment(ident)}")
            inputs = question_inputs(question) if isinstance(question, dict) else {}
            seeds.append(SeedRequest(label, {"question_id": ident}, body={"inputs": inputs}))
        return seeds


class CollectionsDiscovery(ApiDiscovery):
    """Collections: the only API here whose operations create and delete things."""

    def __init__(self) -> None:
        self._sources: list[dict[str, str]] = []
        self._questions: dict[tuple[str, str], dict[str, Any]] = {}

    def discover(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        refs = collection_refs(fetch.get_json("collections"))[:MAX_VALUES]
        for ident, slug in refs:
            knowledge.add_value("id", ident)
            if slug:
                knowledge.add_value("id", slug)
        for ident, _slug in refs[:MAX_SEEDS]:
            page = fetch.get_json(f"collection/{_segment(ident)}/items")
            for source in collection_item_sources(page):
                if source not in self._sources:
                    self._sources.append(source)
            self._discover_questions(ident, fetch, knowledge)

    def _discover_questions(self, ident: str, fetch: Fetcher, knowledge: Knowledge) -> None:
        listing = fetch.get_json(f"collections/{_segment(ident)}/questions")
        for question in _dicts(listing.get("items") if isinstance(listing, dict) else None):
            question_id = question.get("id")
            if isinstance(question_id, str) and question_id and len(self._questions) < MAX_VALUES:
                self._questions[(ident, question_id)] = question
                knowledge.add_combo({"id": ident, "questionId": question_id})

    def seeds(self, label: str, fetch: Fetcher, knowledge: Knowledge) -> list[SeedRequest]:
        owned = knowledge.live_owned("id")[:1]
        if label == "POST /collections":
            token = uuid.uuid4().hex[:10]
            created: dict[str, str] = {
                "name": f"dnastack contract test {token}",
                "slugName": f"dnastack-contract-{token}",
                "description": "Created by python -m dnastack.contract; deleted by it too.",
            }
            return [SeedRequest(label, body=created)]
        if label == "POST /collections/{id}/items" and self._sources:
            items = {"items": self._sources[:2]}
            return [SeedRequest(label, {"id": ident}, body=items) for ident in owned]
        if label == "POST /collections/{id}/questions/{questionId}/query":
            return [
                SeedRequest(
                    label,
                    {"id": ident, "questionId": question_id},
                    body={"params": question_inputs(question)},
                )
                for (ident, question_id), question in list(self._questions.items())[:MAX_SEEDS]
            ]
        if label == "DELETE /collections/{id}/items":
            seeds = []
            for ident in owned:
                item_ids = collection_item_ids(
                    fetch.get_json(f"collection/{_segment(ident)}/items")
                )
                if item_ids:
                    removal = {"items": [{"id": item_ids[0]}]}
                    seeds.append(SeedRequest(label, {"id": ident}, body=removal))
            return seeds
        return []

    def observe(
        self,
        label: str,
        path_parameters: Mapping[str, str],
        status: int,
        payload: object,
        knowledge: Knowledge,
    ) -> None:
        if not 200 <= status < 300:
            return
        if label == "POST /collections" and isinstance(payload, dict):
            for ident, _slug in collection_refs([payload]):
                knowledge.add_owned("id", ident)
        elif label == "DELETE /collection/{id}" and "id" in path_parameters:
            knowledge.release("id", path_parameters["id"])

    def cleanup(self, fetch: Fetcher, knowledge: Knowledge) -> None:
        for ident in knowledge.live_owned("id"):
            status = fetch.delete(f"collection/{_segment(ident)}")
            if status is not None and (200 <= status < 300 or status == 404):
                knowledge.release("id", ident)
            else:
                knowledge.notes.append(f"could not delete collection {ident!r} created by the run")


_DISCOVERIES: dict[str, type[ApiDiscovery]] = {
    "drs": DrsDiscovery,
    "data-connect": DataConnectDiscovery,
    "service-registry": ServiceRegistryDiscovery,
    "service-info": ApiDiscovery,
    "collections": CollectionsDiscovery,
    "explorer": ExplorerDiscovery,
}


def discovery_for(api: str) -> ApiDiscovery:
    """A fresh discovery for ``api`` (one per run: some keep state)."""
    return _DISCOVERIES.get(api, ApiDiscovery)()
