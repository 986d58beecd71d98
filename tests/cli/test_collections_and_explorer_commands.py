"""``dnastack collections`` and ``dnastack explorer questions`` against the devserver."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dnastack.cli.output import to_jsonable
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.models import ServiceEndpoint
from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def node(cli: DnastackCli, devserver: DevServer) -> DnastackCli:
    cli.env["DNASTACK_COLLECTIONS_URL"] = devserver.collections_url
    cli.env["DNASTACK_EXPLORER_URL"] = devserver.explorer_url
    return cli


def test_collections_list_and_get(node: DnastackCli) -> None:
    listed = node("collections", "list", "-o", "table")
    as_jsonl = node("collections", "list", "-o", "jsonl")
    got = node("collections", "get", "cohort-a", "-o", "json")

    assert listed.exit_code == 0, listed
    assert listed.stdout.split()[:4] == ["slugName", "name", "description", "itemCounts"]
    slugs = [json.loads(line)["slugName"] for line in as_jsonl.stdout.splitlines()]
    assert {"cohort-a", "reference"} <= set(slugs)  # other tests may add collections
    assert json.loads(got.stdout)["name"] == "Cohort A"


def test_collection_items_every_page_and_limit(node: DnastackCli) -> None:
    items = node("collections", "items", "cohort-a", "-o", "csv")
    limited = node("collections", "items", "cohort-a", "--limit", "1", "-o", "jsonl")

    assert items.exit_code == 0, items
    rows = list(csv.DictReader(io.StringIO(items.stdout)))
    assert {(r["name"], r["type"]) for r in rows} == {
        ("variants", "table"),
        ("samples", "table"),
        ("cohort-a", "blob"),
    }
    assert len(limited.stdout.splitlines()) == 1
    assert "--limit 1" in limited.stderr


def test_unknown_collection_is_exit_code_3(node: DnastackCli, devserver: DevServer) -> None:
    result = node("collections", "get", "no-such-collection")

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert devserver.collections_url in line and "HTTP 404" in line


def test_query_runs_on_the_collections_own_data_connect(node: DnastackCli) -> None:
    sql = "SELECT COUNT(*) AS n FROM all_types WHERE id > ?"

    in_collection = node("collections", "query", "reference", sql, "--param", "1", "-o", "jsonl")
    elsewhere = node("collections", "query", "cohort-a", sql, "--param", "1")

    assert in_collection.exit_code == 0, in_collection
    assert json.loads(in_collection.stdout) == {"n": 2}
    assert elsewhere.exit_code == 3  # all_types is not a table of cohort-a
    (line,) = elsewhere.stderr.strip().splitlines()
    assert "/collection-service/collection/cohort-a/data-connect/search" in line
    assert "HTTP 404" in line


def test_questions_list_and_describe(node: DnastackCli) -> None:
    listed = node("explorer", "questions", "list", "-o", "jsonl")
    table = node("explorer", "questions", "list", "-o", "table")
    described = node("explorer", "questions", "describe", "samples-by-population", "-o", "table")

    ids = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    assert {"variants-by-gene", "samples-by-population"} <= set(ids)
    assert "population, min_age?" in table.stdout
    assert described.exit_code == 0, described
    assert "AFR,AMR,EAS,EUR,SAS" in described.stdout
    assert "collections: cohort-a, reference" in described.stdout


def test_ask_writes_one_row_per_answer_with_its_collection(
    node: DnastackCli, devserver: DevServer
) -> None:
    with ExplorerClient(ServiceEndpoint(id="x", url=devserver.explorer_url)) as client:
        answers = list(
            client.ask_federated_question("samples-by-population", {"population": "EUR"})
        )
    expected = [
        {"collection": a["collectionSlug"], **to_jsonable(row)}
        for a in answers
        for row in a["data"]
    ]

    result = node(
        "explorer",
        "questions",
        "ask",
        "samples-by-population",
        "--param",
        "population=EUR",
        "-o",
        "jsonl",
    )

    assert result.exit_code == 0, result
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected
    assert {row["collection"] for row in expected} == {"cohort-a", "reference"}


def test_ask_checks_parameters_before_asking(node: DnastackCli) -> None:
    missing = node("explorer", "questions", "ask", "samples-by-population")
    not_allowed = node(
        "explorer", "questions", "ask", "samples-by-population", "--param", "population=MARS"
    )
    malformed = node("explorer", "questions", "ask", "samples-by-population", "--param", "EUR")

    for result, text in (
        (missing, "a value is required"),
        (not_allowed, "allowed values"),
        (malformed, "NAME=VALUE"),
    ):
        assert result.exit_code == 1, result
        (line,) = result.stderr.strip().splitlines()
        assert text in line


def test_unknown_question_is_exit_code_3(node: DnastackCli) -> None:
    result = node("explorer", "questions", "describe", "no-such-question")

    assert result.exit_code == 3
    assert "HTTP 404" in result.stderr
