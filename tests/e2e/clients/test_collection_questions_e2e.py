"""CollectionServiceClient questions and telemetry (the 3.x client's ``list_questions``,
``get_question``, ``ask_question``, ``submit_telemetry``) end to end against the devserver,
for the sync client and for AsyncCollectionServiceClient (behind a blocking view)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aio_e2e_support import CLIENT_KINDS, Blocking

from dnastack.aio import AsyncCollectionServiceClient
from dnastack.client.collections import (
    CollectionServiceClient,
    CollectionValidationStatus,
    Question,
    UnknownCollectionError,
)
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import ClientRequestError, NotFoundError
from dnastack.settings import SessionOverrides, Settings, resolve_settings
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )


def _client(server: DevServer, settings: Settings) -> CollectionServiceClient:
    return CollectionServiceClient(ServiceEndpoint(url=server.collections_url), settings=settings)


@pytest.fixture(params=CLIENT_KINDS)
def client(
    request: pytest.FixtureRequest, devserver: DevServer, settings: Settings
) -> Iterator[CollectionServiceClient]:
    if request.param == "async":
        endpoint = ServiceEndpoint(url=devserver.collections_url)
        with Blocking(AsyncCollectionServiceClient(endpoint, settings=settings)) as blocking:
            yield blocking  # type: ignore[misc]
        return
    with _client(devserver, settings) as client:
        yield client


def _status(server: DevServer) -> dict[str, Any]:
    document: dict[str, Any] = httpx.get(server.url("/_devserver/status")).json()
    return document


def _as_text(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{key: str(value) for key, value in row.items()} for row in rows]


def test_list_questions_of_a_collection(client: CollectionServiceClient) -> None:
    cohort = client.get("cohort-a")
    questions = client.list_questions("cohort-a")

    assert {q.id for q in questions} == {"variants-by-gene", "samples-by-population"}
    assert all(isinstance(q, Question) and q.collection_id == cohort.id for q in questions)
    by_id = {q.id: q for q in questions}
    gene = next(p for p in by_id["variants-by-gene"].parameters if p.name == "gene")
    assert (gene.input_type, gene.required, gene.test_value) == ("string", True, "BRCA1")
    assert client.list_questions(str(cohort.id)) == questions


def test_get_question_is_the_listed_one(client: CollectionServiceClient) -> None:
    listed = {q.id: q for q in client.list_questions("reference")}

    found = client.get_question("reference", "events-since")

    assert found == listed["events-since"]
    assert [p.name for p in found.parameters] == ["since", "category"]


def test_ask_question_answers_the_rows_explorer_gives_for_that_collection(
    devserver: DevServer, client: CollectionServiceClient, settings: Settings
) -> None:
    params = {"population": "EUR", "min_age": "20"}
    rows = list(client.ask_question("cohort-a", "samples-by-population", params))

    with ExplorerClient(ServiceEndpoint(url=devserver.explorer_url), settings=settings) as ex:
        cohort_id = str(client.get("cohort-a").id)
        (answer,) = ex.ask_federated_question("samples-by-population", params, [cohort_id])
    assert answer["status"] == "ok"
    assert rows and all(isinstance(row, dict) for row in rows)
    # the same rows; raw JSON here (a BIGINT count is a JSON string), typed by Explorer
    assert _as_text(rows) == _as_text(answer["data"])


def test_ask_question_follows_the_pages(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start("--page-size", "1")
    with _client(server, settings) as client:
        rows = list(client.ask_question("reference", "events-since", {"since": "2000-01-01"}))

    assert len(rows) > 1  # one row per page: every page after the first was followed
    assert [r["category"] for r in rows] == sorted(r["category"] for r in rows)


def test_ask_question_with_a_bad_parameter_is_a_400(client: CollectionServiceClient) -> None:
    with pytest.raises(ClientRequestError) as raised:  # sync: while reading; async: at once
        list(client.ask_question("cohort-a", "samples-by-population", {"population": "MARS"}))
    assert raised.value.status_code == 400


def test_unknown_collection_or_question_is_an_unknown_collection_error(
    client: CollectionServiceClient,
) -> None:
    with pytest.raises(UnknownCollectionError) as raised:
        client.list_questions("no-such-collection")
    assert isinstance(raised.value, NotFoundError) and isinstance(raised.value, RuntimeError)
    with pytest.raises(UnknownCollectionError):
        client.get_question("cohort-a", "events-since")  # `big` is not in cohort-a
    with pytest.raises(NotFoundError):
        list(client.ask_question("cohort-a", "no-such-question", {}))


def test_submit_telemetry_delivers_the_log_records(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start()
    record = {"timeUnixNano": "1700000000000000000", "body": {"stringValue": "ran a query"}}
    payload = {
        "resourceLogs": [
            {
                "resource": {"attributes": []},
                "scopeLogs": [{"scope": {"name": "dnastack"}, "logRecords": [record, record]}],
            }
        ]
    }
    with _client(server, settings) as client:
        assert client.submit_telemetry(payload) is None
        with pytest.raises(ClientRequestError):
            client.submit_telemetry({"resourceLogs": "not a list"})

    status = _status(server)
    assert (status["telemetryRequests"], status["telemetryLogRecords"]) == (1, 2)


def test_collection_status_carries_the_validation_fields(
    client: CollectionServiceClient,
) -> None:
    status = client.get_collection_status("cohort-a")

    assert status.availability == "available"
    assert status.validationsStatus == CollectionValidationStatus.VALIDATED
    assert status.missingItems == 0
