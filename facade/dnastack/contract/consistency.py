"""The runner's own checks per API: walks, listed ids, consistency (docs/contract-checks.md).

- every API: each ``/service-info`` ``type.version`` is a version (``consistency``);
- Data Connect: ``/tables`` walked page by page; every listed table's ``info`` and ``data``
  resolve (``listed_id_resolves``) and name that table; table data and a ``SELECT *`` search
  walked with rows checked against their ``data_model``;
- Service Registry: every listed service's ``/services/{id}`` resolves and is that service;
  ``/services/types`` is exactly the set of listed types;
- Collections / Explorer: every listed collection / question resolves;
- DRS: see :mod:`dnastack.contract.drs_checks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from dnastack.contract.data_model import model_problems
from dnastack.contract.deep import NOT_JSON, DeepContext, Fetched, bounded, guarded
from dnastack.contract.discovery import search_query
from dnastack.contract.pages import DATA_MODEL, check_rows, walk_pages

__all__ = [
    "CONSISTENCY",
    "LISTED",
    "UNKNOWN_ID",
    "VERSION",
    "run_api_checks",
    "type_problems",
    "unknown_id_is_not_found",
]

LISTED = "listed_id_resolves"
CONSISTENCY = "consistency"
VERSION = re.compile(r"^\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]+)?$")
MAX_SEARCH_WALKS = 2


def _seg(value: str) -> str:
    return quote(value, safe="")


def type_problems(document: object) -> str | None:
    """What is wrong with a service's ``type.version`` (None when it is a version)."""
    if not isinstance(document, dict) or not isinstance(document.get("type"), dict):
        return None
    version = document["type"].get("version")
    if isinstance(version, str) and VERSION.match(version):
        return None
    return f"type.version {version!r} of service {document.get('id')!r} is not a version (x.y.z)"


def _listed_missing(ctx: DeepContext, operation: str, what: str, fetched: Fetched) -> bool:
    """Report a listed id whose detail answers 404; True when the answer was no 2xx."""
    if fetched.ok:
        return False
    if fetched.status == 404:
        ctx.violation(
            operation,
            LISTED,
            f"Listed {what} not found",
            f"{what} is listed but {fetched.method} {fetched.url} answered 404",
            fetched,
        )
    elif fetched.status in (401, 403):
        ctx.note(f"{operation}: {fetched.status} for a listed {what} (pass credentials?)")
    return True


UNKNOWN_ID = "dnastack-contract-no-such-id-7f3a9c"
"""An id no server has: its detail must not answer 2xx."""


def unknown_id_is_not_found(ctx: DeepContext, operation: str, path: str) -> None:
    """``GET path`` names an id that does not exist: any 2xx is a ``consistency`` violation."""
    fetched = ctx.fetch("GET", ctx.url(path))
    if fetched.ok:
        ctx.violation(
            operation,
            CONSISTENCY,
            "An unknown id answered 2xx",
            f"GET {fetched.url} answered {fetched.status} for an id that does not "
            "exist (expected 404)",
            fetched,
        )


def check_service_info(ctx: DeepContext) -> None:
    fetched = ctx.fetch("GET", ctx.url("service-info"))
    document = fetched.json()
    if fetched.ok and document is not NOT_JSON:
        problem = type_problems(document)
        if problem:
            ctx.violation(
                "GET /service-info", CONSISTENCY, "type.version is not a version", problem, fetched
            )


def _rows_checker(ctx: DeepContext, operation: str) -> Callable[[Fetched, Any, int], None]:
    def check(fetched: Fetched, page: Any, number: int) -> None:
        check_rows(ctx, operation, fetched, page, number)

    return check


def _data_connect(ctx: DeepContext) -> None:
    first = ctx.fetch("GET", ctx.url("tables"))
    if not first.ok:
        return
    tables: list[dict[str, Any]] = []

    def on_tables_page(fetched: Fetched, page: Any, number: int) -> None:
        for table in page.get("tables") or [] if isinstance(page, dict) else []:
            if not isinstance(table, dict):
                continue
            tables.append(table)
            if "data_model" in table:
                problems = model_problems(table["data_model"])
                if problems:
                    ctx.violation(
                        "GET /tables",
                        DATA_MODEL,
                        "data_model is not a valid JSON Schema",
                        f"page {number}, table {table.get('name')!r}: " + "\n".join(problems),
                        fetched,
                    )

    walk_pages(ctx, "GET /tables", first, check_page=on_tables_page)
    unknown_id_is_not_found(ctx, "GET /table/{table_name}/info", f"table/{UNKNOWN_ID}/info")
    names = [t["name"] for t in tables if isinstance(t.get("name"), str) and t["name"]]
    searched = 0
    for name in bounded(names, ctx.bounds.max_ids, ctx, "the listed tables"):
        with guarded(ctx, f"the checks of table {name!r}"):
            info_op = "GET /table/{table_name}/info"
            info = ctx.fetch("GET", ctx.url(f"table/{_seg(name)}/info"))
            if not _listed_missing(ctx, info_op, f"table {name!r}", info):
                document = info.json()
                ctx.check_schema(info_op, info, document)
                if isinstance(document, dict) and document.get("name") not in (None, name):
                    ctx.violation(
                        info_op,
                        CONSISTENCY,
                        "Table info names another table",
                        f"asked for {name!r}, got {document.get('name')!r}",
                        info,
                    )
                if isinstance(document, dict) and "data_model" in document:
                    problems = model_problems(document["data_model"])
                    if problems:
                        ctx.violation(
                            info_op,
                            DATA_MODEL,
                            "data_model is not a valid JSON Schema",
                            f"table {name!r}: " + "\n".join(problems),
                            info,
                        )
            data_op = "GET /table/{table_name}/data"
            data = ctx.fetch("GET", ctx.url(f"table/{_seg(name)}/data"))
            if not _listed_missing(ctx, data_op, f"table {name!r}", data):
                walk_pages(
                    ctx,
                    data_op,
                    data,
                    check_page=_rows_checker(ctx, data_op),
                    subject=f"table {name!r}",
                )
            if searched < MAX_SEARCH_WALKS:
                searched += 1
                search = ctx.fetch("POST", ctx.url("search"), body={"query": search_query(name)})
                if search.ok:
                    walk_pages(
                        ctx,
                        "POST /search",
                        search,
                        check_page=_rows_checker(ctx, "POST /search"),
                        subject=f"SELECT * FROM {name}",
                    )


def _registry(ctx: DeepContext) -> None:
    listing = ctx.fetch("GET", ctx.url("services"))
    services = listing.json()
    if not listing.ok or not isinstance(services, list):
        return
    listed_types: list[dict[str, Any]] = []
    for service in services:
        if not isinstance(service, dict):
            continue
        problem = type_problems(service)
        if problem:
            ctx.violation(
                "GET /services", CONSISTENCY, "type.version is not a version", problem, listing
            )
        if isinstance(service.get("type"), dict) and service["type"] not in listed_types:
            listed_types.append(service["type"])
    detail_op = "GET /services/{serviceId}"
    ids = [s["id"] for s in services if isinstance(s, dict) and isinstance(s.get("id"), str)]
    by_id = {s["id"]: s for s in services if isinstance(s, dict) and isinstance(s.get("id"), str)}
    for ident in bounded(ids, ctx.bounds.max_ids, ctx, "the listed services"):
        fetched = ctx.fetch("GET", ctx.url(f"services/{_seg(ident)}"))
        if _listed_missing(ctx, detail_op, f"service {ident!r}", fetched):
            continue
        document = fetched.json()
        ctx.check_schema(detail_op, fetched, document)
        if not isinstance(document, dict):
            continue
        if document.get("id") != ident:
            ctx.violation(
                detail_op,
                CONSISTENCY,
                "Returns another service",
                f"asked for {ident!r}, got {document.get('id')!r}",
                fetched,
            )
            continue
        listed = by_id[ident]
        differs = [
            k
            for k in ("type", "url", "name")
            if k in listed and k in document and listed[k] != document[k]
        ]
        if differs:
            ctx.violation(
                detail_op,
                CONSISTENCY,
                "Disagrees with its /services entry",
                f"service {ident!r}: {', '.join(differs)} differ",
                fetched,
            )
        problem = type_problems(document)
        if problem:
            ctx.violation(detail_op, CONSISTENCY, "type.version is not a version", problem, fetched)
    unknown_id_is_not_found(ctx, detail_op, f"services/{UNKNOWN_ID}")
    types = ctx.fetch("GET", ctx.url("services/types"))
    answered = types.json()
    if types.ok and isinstance(answered, list):
        missing = [t for t in listed_types if t not in answered]
        extra = [t for t in answered if t not in listed_types]
        if missing or extra:
            ctx.violation(
                "GET /services/types",
                CONSISTENCY,
                "Disagrees with the listed services",
                f"types of listed services missing here: {missing}; "
                f"types no listed service has: {extra}",
                types,
            )
        for kind in answered:
            if isinstance(kind, dict) and type_problems({"type": kind}):
                ctx.violation(
                    "GET /services/types",
                    CONSISTENCY,
                    "type.version is not a version",
                    f"type {kind}",
                    types,
                )


def _listing(
    ctx: DeepContext,
    listing_path: str,
    key: str | None,
    id_key: str,
    detail: str,
    operation: str,
    what: str,
) -> None:
    fetched = ctx.fetch("GET", ctx.url(listing_path))
    document = fetched.json()
    if not fetched.ok:
        return
    items = document.get(key) if key and isinstance(document, dict) else document
    if not isinstance(items, list):
        return
    ids = [i[id_key] for i in items if isinstance(i, dict) and isinstance(i.get(id_key), str)]
    unknown_id_is_not_found(ctx, operation, detail.format(UNKNOWN_ID))
    for ident in bounded(ids, ctx.bounds.max_ids, ctx, f"the listed {what}s"):
        answer = ctx.fetch("GET", ctx.url(detail.format(_seg(ident))))
        if not _listed_missing(ctx, operation, f"{what} {ident!r}", answer):
            ctx.check_schema(operation, answer, answer.json())


def run_api_checks(api: str, ctx: DeepContext, known: Mapping[str, Sequence[str]]) -> None:
    """Every runner check of ``api`` (each one guarded: a crash becomes a note).

    ``known`` holds the values known per path parameter (DRS object ids come from there).
    """
    with guarded(ctx, "the service-info check"):
        check_service_info(ctx)
    with guarded(ctx, f"the {api} checks"):
        if api == "data-connect":
            _data_connect(ctx)
        elif api == "service-registry":
            _registry(ctx)
        elif api == "collections":
            _listing(
                ctx,
                "collections",
                None,
                "id",
                "collection/{}",
                "GET /collection/{id}",
                "collection",
            )
        elif api == "explorer":
            _listing(
                ctx,
                "questions",
                "questions",
                "id",
                "questions/{}",
                "GET /questions/{question_id}",
                "question",
            )
        elif api == "drs":
            from dnastack.contract.drs_checks import drs_checks

            drs_checks(ctx, list(known.get("object_id", [])))
