"""Collections (and their restricted Data Connect views) and Explorer questions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

CS = "/collection-service"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """A server of this module's own, for tests that create and delete collections."""
    factory = DevServerFactory(tmp_path_factory.mktemp("collections"))
    server = factory.start("--rows", "1000")
    try:
        yield server
    finally:
        factory.stop_all()


@pytest.fixture
def fresh(fresh_server: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fresh_server.base_url) as http:
        yield http


def _assert_error(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


# -- collections -----------------------------------------------------------------------------


def test_two_collections_are_seeded(client: httpx.Client) -> None:
    by_slug = {c["slugName"]: c for c in client.get(f"{CS}/collections").json()}
    assert {"cohort-a", "reference"} <= by_slug.keys()  # other tests may add their own
    cohort = by_slug["cohort-a"]
    assert cohort["itemCounts"] == {"table": 2, "blob": 1}
    assert cohort["dbSchemaName"] == "cohort_a"
    for key in ("id", "name", "createdAt", "metadata", "tags", "accessTypeLabels"):
        assert key in cohort


def test_collection_by_id_or_slug(client: httpx.Client) -> None:
    by_slug = client.get(f"{CS}/collection/cohort-a").json()
    assert client.get(f"{CS}/collection/{by_slug['id']}").json() == by_slug
    _assert_error(client.get(f"{CS}/collection/nope"), 404)


def test_items_are_paged_and_filtered(client: httpx.Client) -> None:
    first = client.get(f"{CS}/collection/cohort-a/items", params={"limit": 2})
    body = first.json()
    assert [i["name"] for i in body["items"]] == ["variants", "samples"]
    assert body["pagination"]["totalCount"] == 3
    second = client.get(urljoin(str(first.url), body["pagination"]["nextPageUrl"])).json()
    assert [(i["type"], i["name"]) for i in second["items"]] == [("blob", "cohort-a")]
    assert second["pagination"]["nextPageUrl"] is None
    tables = client.get(f"{CS}/collection/cohort-a/items", params={"type": "table"}).json()
    assert {i["type"] for i in tables["items"]} == {"table"}
    variants = tables["items"][0]
    assert variants["size"] == 1000
    assert variants["sizeUnit"] == "rows"
    assert client.get(variants["metadataUrl"]).json()["name"] == "variants"
    _assert_error(client.get(f"{CS}/collection/cohort-a/items?pageToken=x"), 400)


def test_status(client: httpx.Client) -> None:
    status = client.get(f"{CS}/collection/reference/status").json()
    assert status["availability"] == "available"
    assert status["itemCounts"] == {"table": 3, "blob": 0}


def test_create_fill_empty_and_delete_a_collection(fresh: httpx.Client) -> None:
    created = fresh.post(f"{CS}/collections", json={"name": "Mine", "slugName": "mine"})
    assert created.status_code == 201
    assert created.json()["itemCounts"] == {"table": 0, "blob": 0}
    _assert_error(fresh.post(f"{CS}/collections", json={"name": "Again", "slugName": "mine"}), 400)
    added = fresh.post(
        f"{CS}/collections/mine/items",
        json={
            "items": [
                {"type": "table", "sourceKey": "big"},
                {"type": "blob", "sourceKey": "hello.json"},
            ]
        },
    )
    assert added.status_code == 204
    items = fresh.get(f"{CS}/collection/mine/items").json()["items"]
    assert {(i["type"], i["name"]) for i in items} == {("table", "big"), ("blob", "hello.json")}
    tables = fresh.get(f"{CS}/collection/mine/data-connect/tables").json()["tables"]
    assert [t["name"] for t in tables] == ["big"]
    table_item = next(i for i in items if i["type"] == "table")
    removed = fresh.request(
        "DELETE", f"{CS}/collections/mine/items", json={"items": [{"id": table_item["id"]}]}
    )
    assert removed.status_code == 204
    assert fresh.get(f"{CS}/collection/mine/data-connect/tables").json()["tables"] == []
    assert fresh.delete(f"{CS}/collection/mine").status_code == 204
    _assert_error(fresh.get(f"{CS}/collection/mine"), 404)


@pytest.mark.parametrize(
    "body",
    [{"name": "x"}, {"slugName": "ok"}, {"name": "x", "slugName": "bad slug!"}, [1]],
)
def test_invalid_collections_are_400(fresh: httpx.Client, body: object) -> None:
    _assert_error(fresh.post(f"{CS}/collections", json=body), 400)


def test_adding_unknown_sources_is_400(fresh: httpx.Client) -> None:
    for item in ({"type": "table", "sourceKey": "nope"}, {"type": "other", "sourceKey": "big"}):
        _assert_error(fresh.post(f"{CS}/collections/reference/items", json={"items": [item]}), 400)
    _assert_error(fresh.post(f"{CS}/collections/reference/items", json={"items": []}), 400)
    _assert_error(fresh.post(f"{CS}/collections/nope/items", json={"items": []}), 404)


def test_removing_an_unknown_item_is_404(fresh: httpx.Client) -> None:
    response = fresh.request(
        "DELETE", f"{CS}/collections/reference/items", json={"items": [{"id": "nope"}]}
    )
    _assert_error(response, 404)


# -- per-collection Data Connect -------------------------------------------------------------


def test_collection_data_connect_lists_only_its_tables(client: httpx.Client) -> None:
    tables = client.get(f"{CS}/collection/cohort-a/data-connect/tables").json()["tables"]
    assert [t["name"] for t in tables] == ["samples", "variants"]
    assert (
        client.get(f"{CS}/collection/cohort-a/data-connect/table/variants/info").status_code == 200
    )
    response = client.get(f"{CS}/collection/cohort-a/data-connect/table/big/info")
    assert response.status_code == 404
    assert response.json()["errors"][0]["title"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT count(*) FROM big",
        "SELECT * FROM variants JOIN all_types ON true",
        "SELECT * FROM read_parquet('x.parquet')",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM variants WHERE gene IN (SELECT name FROM big)",
    ],
)
def test_collection_search_cannot_reach_other_tables(client: httpx.Client, query: str) -> None:
    response = client.post(f"{CS}/collection/cohort-a/data-connect/search", json={"query": query})
    assert response.status_code == 404
    assert response.json()["errors"][0]["title"]


def test_collection_search_pages_under_its_own_base(
    client: httpx.Client, follow_pages: Callable[..., Any]
) -> None:
    base = f"{CS}/collection/cohort-a/data-connect"
    first = client.post(
        f"{base}/search",
        json={
            "query": "WITH s AS (SELECT * FROM samples) SELECT v.variant_id FROM variants v "
            "JOIN s USING (sample_id) WHERE s.population = ? ORDER BY v.variant_id",
            "parameters": ["EUR"],
        },
        params={"page_size": 50},
    )
    rows, pages = follow_pages(client, first)
    assert len(rows) == 200
    absolute_base = str(client.base_url).rstrip("/") + base
    assert pages[0]["pagination"]["next_page_url"].startswith(f"{absolute_base}/search/")
    other = pages[0]["pagination"]["next_page_url"].replace(base, "/data-connect")
    assert client.get(other).status_code == 404


def test_unknown_collection_data_connect_is_404(client: httpx.Client) -> None:
    response = client.get(f"{CS}/collection/nope/data-connect/tables")
    assert response.status_code == 404
    assert response.json()["errors"]


# -- explorer --------------------------------------------------------------------------------


def test_questions_are_listed_with_params_and_collections(client: httpx.Client) -> None:
    questions = client.get("/explorer/questions").json()["questions"]
    by_id = {q["id"]: q for q in questions}
    assert set(by_id) == {"variants-by-gene", "samples-by-population", "events-since"}
    population = by_id["samples-by-population"]
    assert {"cohort-a", "reference"} <= {c["slug"] for c in population["collections"]}
    param = population["params"][0]
    assert param["name"] == "population"
    assert param["required"] is True
    assert param["allowedValues"] == "AFR,AMR,EAS,EUR,SAS"
    for key in ("id", "label", "inputType", "defaultValue", "testValue", "table", "column"):
        assert key in param
    assert client.get("/explorer/questions/samples-by-population").json() == population
    _assert_error(client.get("/explorer/questions/nope"), 404)


def test_asking_a_question_runs_it_per_collection(client: httpx.Client) -> None:
    response = client.post(
        "/explorer/questions/samples-by-population/query",
        json={"inputs": {"population": "EUR", "min_age": "30"}},
    )
    assert response.status_code == 200
    results = [
        r for r in response.json()["results"] if r["collectionSlug"] in ("cohort-a", "reference")
    ]
    assert len(results) == 2
    for result in results:
        assert result["status"] == "ok"
        assert {row["population"] for row in result["data"]} == {"EUR"}
        assert all(int(row["youngest"]) >= 30 for row in result["data"])
        assert set(result["dataModel"]["properties"]) >= {"population", "sex", "sample_count"}


def test_asking_selected_collections_by_slug_or_id(client: httpx.Client) -> None:
    reference = client.get(f"{CS}/collection/reference").json()
    for ref in ("reference", reference["id"]):
        response = client.post(
            "/explorer/questions/events-since/query",
            json={"inputs": {"since": "2020-01-01", "category": "beta"}, "collections": [ref]},
        )
        (result,) = response.json()["results"]
        assert result["collectionId"] == reference["id"]
        assert [row["category"] for row in result["data"]] == ["beta"]


@pytest.mark.parametrize(
    ("question", "body", "parameter"),
    [
        ("samples-by-population", {"inputs": {}}, "population"),
        ("samples-by-population", {"inputs": {"population": "MARS"}}, "population"),
        ("samples-by-population", {"inputs": {"population": "EUR", "min_age": "old"}}, "min_age"),
        ("samples-by-population", {"inputs": {"population": "EUR", "extra": "1"}}, "extra"),
        ("events-since", {"inputs": {"since": "2020-13-45"}}, "since"),
        ("samples-by-population", {"population": "EUR"}, "inputs"),
        ("variants-by-gene", {"inputs": {"gene": "BRCA1"}, "collections": ["nope"]}, "collections"),
        ("variants-by-gene", {"inputs": {"gene": "BRCA1"}, "collections": "all"}, "collections"),
        ("samples-by-population", {"inputs": {"population": "EUR", "min_age": "inf"}}, "min_age"),
    ],
)
def test_question_inputs_are_validated(
    client: httpx.Client, question: str, body: dict[str, object], parameter: str
) -> None:
    response = client.post(f"/explorer/questions/{question}/query", json=body)
    assert _assert_error(response, 400)["parameter"] == parameter


def test_default_values_fill_missing_optional_inputs(client: httpx.Client) -> None:
    response = client.post(
        "/explorer/questions/variants-by-gene/query", json={"inputs": {"gene": "TP53"}}
    )
    (result,) = response.json()["results"]
    assert result["status"] == "ok"
    assert {row["gene"] for row in result["data"]} == {"TP53"}


def test_a_failing_collection_does_not_fail_the_question(client: httpx.Client) -> None:
    response = client.post(
        "/explorer/questions/variants-by-gene/query",
        json={"inputs": {"gene": "BRCA1"}, "collections": ["cohort-a", "reference"]},
    )
    assert response.status_code == 200
    ok, failed = response.json()["results"]
    assert (ok["collectionSlug"], ok["status"]) == ("cohort-a", "ok")
    assert ok["data"]
    assert (failed["collectionSlug"], failed["status"]) == ("reference", "error")
    assert failed["data"] == []
    assert "variants" in failed["error"]
