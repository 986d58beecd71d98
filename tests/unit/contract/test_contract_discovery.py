"""Discovery from canned JSON: what each API's list endpoints reveal, and what the run learns."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from dnastack.contract.discovery import (
    collection_item_ids,
    collection_item_sources,
    collection_refs,
    discovery_for,
    drs_access_ids,
    drs_bundle_member_ids,
    next_page_url,
    question_ids,
    question_inputs,
    search_query,
    service_ids,
    table_names,
)
from dnastack.contract.knowledge import Knowledge

BASE = "http://node.test/api"


class CannedFetcher:
    """Answers GETs from a dict of absolute URL -> JSON; records DELETEs."""

    def __init__(self, answers: dict[str, Any], base_url: str = BASE) -> None:
        self.answers = answers
        self.base_url = base_url
        self.requested: list[str] = []
        self.deleted: list[str] = []

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def get_json(self, path: str) -> Any | None:
        url = self.url(path)
        self.requested.append(url)
        return self.answers.get(url)

    def delete(self, path: str) -> int | None:
        self.deleted.append(self.url(path))
        return 204


def test_table_names_and_next_page_come_from_a_tables_page() -> None:
    page = {
        "tables": [{"name": "a"}, {"name": ""}, {"nope": 1}, "x"],
        "pagination": {"next_page_url": "p2"},
    }
    assert table_names(page) == ["a"]
    assert next_page_url(page) == "p2"
    assert next_page_url({"pagination": {"next_page_url": None}}) is None
    assert table_names(["not", "a", "page"]) == []


def test_data_connect_discovery_follows_relative_pages_from_the_page_url() -> None:
    fetch = CannedFetcher(
        {
            f"{BASE}/tables": {
                "tables": [{"name": "t1"}],
                "pagination": {"next_page_url": "/api/tables/p/2"},
            },
            f"{BASE.rsplit('/', 1)[0]}/api/tables/p/2": {
                "tables": [{"name": "demo.public.t2"}],
                "pagination": {"next_page_url": "3"},
            },
            f"{BASE}/tables/p/3": {"tables": [{"name": "t3"}]},
        }
    )
    knowledge = Knowledge()
    discovery = discovery_for("data-connect")
    discovery.discover(fetch, knowledge)
    assert knowledge.values["table_name"] == ["t1", "demo.public.t2", "t3"]
    seeds = discovery.seeds("POST /search", fetch, knowledge)
    assert [s.body for s in seeds] == [
        {"query": "SELECT * FROM t1 LIMIT 5"},
        {"query": "SELECT * FROM demo.public.t2 LIMIT 5"},
    ]


def test_search_seed_without_tables_is_a_query_any_engine_answers() -> None:
    seeds = discovery_for("data-connect").seeds("POST /search", CannedFetcher({}), Knowledge())
    assert [s.body for s in seeds] == [{"query": "SELECT 1 AS one"}]


def test_search_query_quotes_only_parts_that_need_it() -> None:
    assert search_query("cohort_a.variants") == "SELECT * FROM cohort_a.variants LIMIT 5"
    assert search_query('my-db.we"ird') == 'SELECT * FROM "my-db"."we""ird" LIMIT 5'


def test_service_ids_come_from_the_services_array() -> None:
    assert service_ids([{"id": "a"}, {"name": "no id"}, {"id": 3}]) == ["a"]
    knowledge = Knowledge()
    discovery_for("service-registry").discover(
        CannedFetcher({f"{BASE}/services": [{"id": "s1"}, {"id": "s2"}]}), knowledge
    )
    assert knowledge.values == {"serviceId": ["s1", "s2"]}


def test_drs_discovery_pairs_access_ids_with_their_object_and_walks_bundles() -> None:
    bundle = {"id": "b", "contents": [{"id": "f1"}, {"id": "sub", "contents": [{"id": "f2"}]}]}
    blob = {"id": "f1", "access_methods": [{"type": "https", "access_id": "acc-1"}, {"type": "s3"}]}
    fetch = CannedFetcher({f"{BASE}/objects/b": bundle, f"{BASE}/objects/f1": blob})
    knowledge = Knowledge.from_params({"object_id": ["b", "missing id"]})
    discovery = discovery_for("drs")
    discovery.discover(fetch, knowledge)
    assert knowledge.values["object_id"] == ["b", "missing id", "f1", "sub", "f2"]
    assert knowledge.combos == [{"object_id": "f1", "access_id": "acc-1"}]
    assert f"{BASE}/objects/missing%20id" in fetch.requested
    assert any("'missing id' was not found" in note for note in knowledge.notes)
    bulk = discovery.seeds("POST /objects", fetch, knowledge)
    assert bulk[0].body == {"bulk_object_ids": ["b", "missing id", "f1"]}
    access = discovery.seeds("POST /objects/access", fetch, knowledge)
    assert access[0].body == {
        "bulk_object_access_ids": [{"bulk_object_id": "f1", "bulk_access_ids": ["acc-1"]}]
    }


def test_drs_without_object_ids_says_how_to_pass_them() -> None:
    knowledge = Knowledge()
    discovery_for("drs").discover(CannedFetcher({}), knowledge)
    assert any("--param object_id=" in note for note in knowledge.notes)


def test_drs_parsers_ignore_malformed_entries() -> None:
    assert drs_access_ids({"access_methods": [{"access_id": ""}, "x", {"access_id": "a"}]}) == ["a"]
    assert drs_bundle_member_ids({"contents": "nope"}) == []
    assert drs_bundle_member_ids(None) == []


def test_collection_parsers() -> None:
    listing = [{"id": "c1", "slugName": "one"}, {"slugName": "two"}, {"name": "neither"}]
    assert collection_refs(listing) == [("c1", "one"), ("two", "two")]
    page = {
        "items": [{"id": "i1", "type": "table", "sourceKey": "t"}, {"id": "i2", "type": "blob"}]
    }
    assert collection_item_sources(page) == [{"type": "table", "sourceKey": "t"}]
    assert collection_item_ids(page) == ["i1", "i2"]


def test_collections_create_add_remove_and_delete_only_what_the_run_owns() -> None:
    fetch = CannedFetcher(
        {
            f"{BASE}/collections": [{"id": "c1", "slugName": "one"}],
            f"{BASE}/collection/c1/items": {
                "items": [{"id": "i1", "type": "table", "sourceKey": "t"}]
            },
            f"{BASE}/collection/mine/items": {
                "items": [{"id": "new-item", "type": "table", "sourceKey": "t"}]
            },
        }
    )
    knowledge = Knowledge()
    discovery = discovery_for("collections")
    discovery.discover(fetch, knowledge)
    assert knowledge.values["id"] == ["c1", "one"]

    created = discovery.seeds("POST /collections", fetch, knowledge)
    assert created[0].body["slugName"].startswith("dnastack-contract-")
    assert (
        discovery.seeds("POST /collections/{id}/items", fetch, knowledge) == []
    )  # nothing owned yet

    discovery.observe("POST /collections", {}, 201, {"id": "mine", "slugName": "s"}, knowledge)
    discovery.observe("POST /collections", {}, 400, {"id": "not-created"}, knowledge)
    assert knowledge.live_owned("id") == ["mine"]
    add = discovery.seeds("POST /collections/{id}/items", fetch, knowledge)
    assert [(s.path_parameters, s.body) for s in add] == [
        ({"id": "mine"}, {"items": [{"type": "table", "sourceKey": "t"}]})
    ]
    remove = discovery.seeds("DELETE /collections/{id}/items", fetch, knowledge)
    assert [s.body for s in remove] == [{"items": [{"id": "new-item"}]}]

    knowledge.add_owned("id", "second")
    discovery.observe("DELETE /collection/{id}", {"id": "mine"}, 204, None, knowledge)
    discovery.cleanup(fetch, knowledge)
    assert fetch.deleted == [f"{BASE}/collection/second"]
    assert knowledge.live_owned("id") == []


def test_question_inputs_prefer_test_then_default_then_listed_values() -> None:
    question = {
        "params": [
            {"name": "gene", "required": True, "testValue": "BRCA1", "defaultValue": "TP53"},
            {"name": "q", "required": False, "defaultValue": "30"},
            {"name": "pop", "required": True, "allowedValues": " , EUR,AFR"},
            {"name": "chr", "required": False, "values": "chr1\nchr2"},
            {"name": "free", "required": True},
            {"name": "optional", "required": False},
            {"required": True},
        ]
    }
    assert question_inputs(question) == {
        "gene": "BRCA1",
        "q": "30",
        "pop": "EUR",
        "chr": "chr1",
        "free": "",
    }


def test_explorer_seeds_ask_each_known_question_with_its_inputs() -> None:
    listing = {
        "questions": [
            {"id": "q1", "params": [{"name": "gene", "required": True, "testValue": "X"}]}
        ]
    }
    assert question_ids(listing) == ["q1"]
    fetch = CannedFetcher({f"{BASE}/questions": listing})
    knowledge = Knowledge()
    discovery = discovery_for("explorer")
    discovery.discover(fetch, knowledge)
    seeds = discovery.seeds("POST /questions/{question_id}/query", fetch, knowledge)
    assert [(s.path_parameters, s.body) for s in seeds] == [
        ({"question_id": "q1"}, {"inputs": {"gene": "X"}})
    ]
    assert discovery.seeds("GET /questions", fetch, knowledge) == []


def test_service_info_has_nothing_to_discover() -> None:
    fetch = CannedFetcher({})
    knowledge = Knowledge()
    discovery_for("service-info").discover(fetch, knowledge)
    assert knowledge.values == {} and fetch.requested == []
