"""Explorer: inputs are checked against the question before anything is asked, with a typed
error naming the input; the documented models accept both spellings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.explorer import (
    ExplorerClient,
    FederatedQuestion,
    QuestionCollection,
    QuestionInputError,
    QuestionParam,
)
from dnastack.client.explorer.errors import (
    DisallowedQuestionInputError,
    InvalidQuestionInputError,
    MissingQuestionInputError,
    UnknownQuestionCollectionError,
    UnknownQuestionInputError,
)
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings

BASE = "http://explorer.test/explorer/"
QUESTION: dict[str, Any] = {
    "id": "q1",
    "name": "Samples by population",
    "description": "Counts per sex",
    "params": [
        {
            "id": "q1.population",
            "name": "population",
            "label": "Population",
            "inputType": "string",
            "required": True,
            "allowedValues": "AFR, EUR,SAS",
        },
        {
            "id": "q1.min_age",
            "name": "min_age",
            "label": "Minimum age",
            "inputType": "number",
            "required": False,
            "defaultValue": "0",
        },
        {
            "id": "q1.cohort",
            "name": "cohort",
            "label": "Cohort",
            "inputType": "string",
            "required": True,
            "defaultValue": "all",
        },
    ],
    "collections": [
        {"id": "c-1", "slug": "cohort-a", "name": "Cohort A", "questionId": "q1"},
        {"id": "c-2", "slug": "cohort-b", "name": "Cohort B", "questionId": "q1"},
    ],
}
ANSWER = {
    "results": [
        {
            "collectionId": "c-1",
            "collectionSlug": "cohort-a",
            "status": "ok",
            "data": [{"sex": "female", "n": "12"}],
            "dataModel": {
                "type": "object",
                "properties": {
                    "sex": {"type": "string"},
                    "n": {"type": "string", "format": "bigint"},
                },
            },
        },
        {
            "collectionId": "c-2",
            "collectionSlug": "cohort-b",
            "status": "error",
            "data": [],
            "error": "timed out",
        },
    ]
}


@pytest.fixture
def sent() -> list[httpx.Request]:
    return []


@pytest.fixture
def client(tmp_path: Path, sent: list[httpx.Request]) -> ExplorerClient:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.method == "POST":
            return httpx.Response(200, json=ANSWER)
        if request.url.path.endswith("/questions"):
            return httpx.Response(200, json={"questions": [QUESTION]})
        return httpx.Response(200, json=QUESTION)

    settings = resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )
    return ExplorerClient(
        ServiceEndpoint(url=BASE),
        settings=settings,
        http_options={"transport": httpx.MockTransport(handler)},
    )


@pytest.mark.parametrize(
    ("inputs", "collections", "error", "parameter"),
    [
        ({"population": "EUR", "colour": "red"}, None, UnknownQuestionInputError, "colour"),
        ({}, None, MissingQuestionInputError, "population"),
        ({"population": "  "}, None, MissingQuestionInputError, "population"),
        ({"population": "XYZ"}, None, DisallowedQuestionInputError, "population"),
        ({"population": "EUR", "min_age": "old"}, None, InvalidQuestionInputError, "min_age"),
        ({"population": "EUR", "min_age": "nan"}, None, InvalidQuestionInputError, "min_age"),
        ({"population": ["EUR"]}, None, InvalidQuestionInputError, "population"),
        ({"population": "EUR"}, ["cohort-z"], UnknownQuestionCollectionError, "collections"),
    ],
)
def test_explorer_invalid_inputs_are_rejected_before_the_question_is_asked(
    client: ExplorerClient,
    sent: list[httpx.Request],
    inputs: dict[str, Any],
    collections: list[str] | None,
    error: type[QuestionInputError],
    parameter: str,
) -> None:
    with pytest.raises(error) as caught:
        client.ask_federated_question("q1", inputs, collections)

    assert caught.value.parameter == parameter
    assert parameter in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert [r.method for r in sent] == ["GET"]  # described, never asked


def test_explorer_valid_inputs_are_sent_as_text_with_collection_ids(
    client: ExplorerClient, sent: list[httpx.Request]
) -> None:
    results = client.ask_federated_question(
        "q1", {"population": "SAS", "min_age": 30}, collections=["cohort-a", "c-2"]
    ).to_list()

    assert json.loads(sent[-1].content) == {
        "inputs": {"population": "SAS", "min_age": "30"},
        "collections": ["c-1", "c-2"],
    }
    assert results[0]["status"] == "ok"
    assert results[0]["data"] == [{"sex": "female", "n": 12}]  # bigint converted
    assert results[1]["status"] == "error" and results[1]["error"] == "timed out"


def test_explorer_lists_and_describes_questions_as_documented_models(
    client: ExplorerClient,
) -> None:
    listed = client.list_federated_questions().to_list()
    described = client.describe_federated_question("q1")

    assert listed == [described]
    assert isinstance(described, FederatedQuestion)
    population = described.params[0]
    assert population.input_type == "string" and population.inputType == "string"
    assert population.allowed_value_list == ["AFR", "EUR", "SAS"]
    assert described.collections[0].question_id == "q1"


def test_explorer_models_take_camel_case_or_snake_case_names() -> None:
    documented = QuestionParam(
        id="p", name="gene", label="Gene", inputType="string", required=True, defaultValue="X"
    )
    snake = QuestionParam(
        id="p", name="gene", label="Gene", input_type="string", required=True, default_value="X"
    )
    assert documented == snake
    assert documented.default_value == documented.defaultValue == "X"
    assert documented.dict(by_alias=True)["inputType"] == "string"
    assert documented.dict()["input_type"] == "string"
    assert QuestionParam.parse_obj(documented.dict(by_alias=True)) == documented
    assert QuestionCollection(id="c", slug="s", name="n", question_id="q").questionId == "q"
    with pytest.raises(TypeError):
        QuestionCollection(id="c", slug="s", name="n", questionId="q", question_id="q")
