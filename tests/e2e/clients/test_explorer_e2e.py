"""ExplorerClient end to end against the devserver: questions listed, described and asked;
invalid inputs are rejected before any request to ask."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dnastack.client.explorer import (
    ExplorerClient,
    FederatedQuestion,
    QuestionInputError,
)
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import NotFoundError
from dnastack.settings import SessionOverrides, Settings, resolve_settings
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


class CountingTransport(httpx.BaseTransport):
    """The real transport, recording each request's method and path."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.seen: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.url.path))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )


@pytest.fixture
def transport() -> CountingTransport:
    return CountingTransport()


@pytest.fixture
def client(
    devserver: DevServer, settings: Settings, transport: CountingTransport
) -> Iterator[ExplorerClient]:
    with ExplorerClient(
        ServiceEndpoint(url=devserver.explorer_url),
        settings=settings,
        http_options={"transport": transport},
    ) as client:
        yield client


def test_explorer_lists_and_describes_questions(client: ExplorerClient) -> None:
    questions = client.list_federated_questions().to_list()
    assert {q.id for q in questions} >= {"variants-by-gene", "samples-by-population"}
    assert all(isinstance(q, FederatedQuestion) for q in questions)

    described = client.describe_federated_question("samples-by-population")
    population = described.param("population")
    assert population is not None and population.required
    assert population.allowed_value_list == ["AFR", "AMR", "EAS", "EUR", "SAS"]
    assert described.collections and described.collections[0].question_id == described.id

    with pytest.raises(NotFoundError):
        client.describe_federated_question("no-such-question")


def test_explorer_asks_a_question_across_collections(client: ExplorerClient) -> None:
    results = client.ask_federated_question("samples-by-population", {"population": "EUR"})
    answers = results.to_list()

    # other tests may add collections holding the same tables: they are asked too
    assert {a["collectionSlug"] for a in answers} >= {"cohort-a", "reference"}
    for answer in answers:
        if answer["collectionSlug"] not in ("cohort-a", "reference"):
            continue
        assert answer["status"] == "ok"
        assert {row["population"] for row in answer["data"]} == {"EUR"}
        assert all(isinstance(row["sample_count"], int) for row in answer["data"])


def test_explorer_asks_chosen_collections_with_numbers_as_text(client: ExplorerClient) -> None:
    answers = client.ask_federated_question(
        "samples-by-population",
        {"population": "AFR", "min_age": 50},
        collections=["cohort-a"],
    ).to_list()

    assert [a["collectionSlug"] for a in answers] == ["cohort-a"]
    assert all(row["youngest"] >= 50 for row in answers[0]["data"])


@pytest.mark.parametrize(
    ("inputs", "collections", "parameter"),
    [
        ({"population": "EUR", "unknown": "x"}, None, "unknown"),
        ({}, None, "population"),
        ({"population": "MARS"}, None, "population"),
        ({"population": "EUR", "min_age": "old"}, None, "min_age"),
        ({"population": "EUR"}, ["no-such-collection"], "collections"),
    ],
)
def test_explorer_invalid_inputs_never_reach_the_ask_endpoint(
    client: ExplorerClient,
    transport: CountingTransport,
    inputs: dict[str, str],
    collections: list[str] | None,
    parameter: str,
) -> None:
    with pytest.raises(QuestionInputError) as caught:
        client.ask_federated_question("samples-by-population", inputs, collections)

    assert caught.value.parameter == parameter
    assert [method for method, _path in transport.seen] == ["GET"]  # the description only


def test_explorer_documented_members(client: ExplorerClient) -> None:
    assert ExplorerClient.get_adapter_type() == "explorer"
    service_type, *also = ExplorerClient.get_supported_service_types()
    assert (service_type.group, service_type.artifact) == ("com.dnastack", "explorer")
    assert [str(t) for t in also] == ["com.dnastack.explorer:collection-service:1.0.0"]
    assert client.url.endswith("/explorer/")
    assert isinstance(ExplorerClient.make(client.endpoint), ExplorerClient)
