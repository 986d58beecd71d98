"""Explorer federated questions (base ``/explorer``), per specs/explorer.yaml.

- ``GET  /questions``                       every question
- ``GET  /questions/{question_id}``         one question (404 otherwise)
- ``POST /questions/{question_id}/query``   ``{"inputs": {...}, "collections": [...]}``
- ``GET  /service-info``

A question is SQL with ``{name}`` placeholders, one per declared input. Inputs are checked
(required, allowed values, number/date syntax; a 400 names the input in ``parameter``),
then the SQL runs once per requested collection, restricted to that collection's tables.
A question's collections are those holding every table it reads; asked explicitly of
another collection, that collection answers ``status: error`` (its table is missing) while
the others still carry rows. An unknown collection is a 400 naming ``collections``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.bodies import json_body
from dnastack.devserver.collection_catalog import Collection, CollectionCatalog
from dnastack.devserver.data_connect.engine import (
    DuckDbEngine,
    EngineClosedError,
    QueryError,
    UnknownTableError,
)
from dnastack.devserver.errors import ApiError
from dnastack.devserver.registry import SERVICE_KINDS, service_info
from dnastack.devserver.responses import json_response, raw_json_response

__all__ = ["Question", "QuestionCatalog", "QuestionParam", "explorer_routes"]

MAX_ROWS_PER_COLLECTION = 10_000
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class QuestionParam:
    name: str
    label: str
    input_type: str
    required: bool
    description: str | None = None
    default_value: str | None = None
    test_value: str | None = None
    input_subtype: str | None = None
    allowed_values: str | None = None
    table: str | None = None
    column: str | None = None

    def to_json(self, question_id: str) -> dict[str, Any]:
        return {
            "id": f"{question_id}.{self.name}",
            "name": self.name,
            "label": self.label,
            "inputType": self.input_type,
            "description": self.description,
            "required": self.required,
            "defaultValue": self.default_value,
            "testValue": self.test_value,
            "inputSubtype": self.input_subtype,
            "allowedValues": self.allowed_values,
            "table": self.table,
            "column": self.column,
            "values": self.allowed_values,
        }

    def coerce(self, raw: str | None) -> Any:
        """The SQL parameter value for this input, or ApiError(400) naming the input."""
        value = raw if raw not in (None, "") else self.default_value
        if value in (None, ""):
            if self.required:
                raise ApiError(
                    400, f"The required input {self.name!r} is missing.", parameter=self.name
                )
            return None
        assert value is not None
        if self.allowed_values is not None:
            allowed = [v.strip() for v in self.allowed_values.split(",")]
            if value not in allowed:
                raise ApiError(
                    400,
                    f"Input {self.name!r} must be one of {', '.join(allowed)}; got {value!r}.",
                    parameter=self.name,
                )
        if self.input_type == "number":
            try:
                number = float(value)
                if not math.isfinite(number):
                    raise ValueError(value)
            except ValueError as exc:
                raise ApiError(
                    400,
                    f"Input {self.name!r} must be a number; got {value!r}.",
                    parameter=self.name,
                ) from exc
            return int(number) if number.is_integer() else number
        if self.input_type == "date":
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError as exc:
                raise ApiError(
                    400,
                    f"Input {self.name!r} must be a date (YYYY-MM-DD); got {value!r}.",
                    parameter=self.name,
                ) from exc
        return value


@dataclass(frozen=True)
class Question:
    question_id: str
    name: str
    description: str
    sql: str
    params: tuple[QuestionParam, ...]
    tables: frozenset[str]

    def bind(self, inputs: dict[str, str]) -> tuple[str, list[Any]]:
        """Positional SQL and its parameters for the given (checked) inputs."""
        known = {p.name: p for p in self.params}
        for name in inputs:
            if name not in known:
                raise ApiError(400, f"Unknown input {name!r}.", parameter=name)
        values = {p.name: p.coerce(inputs.get(p.name)) for p in self.params}
        order = [m.group(1) for m in _PLACEHOLDER.finditer(self.sql)]
        return _PLACEHOLDER.sub("?", self.sql), [values[name] for name in order]


SEEDED_QUESTIONS = (
    Question(
        "variants-by-gene",
        "Variants by gene",
        "How many variants of a gene each collection holds, per chromosome.",
        "SELECT gene, chromosome, count(*) AS variant_count, round(avg(quality), 2) AS mean_quality"
        " FROM variants WHERE gene = {gene} AND quality >= {min_quality}"
        " GROUP BY gene, chromosome ORDER BY chromosome",
        (
            QuestionParam(
                "gene",
                "Gene symbol",
                "string",
                True,
                "HGNC symbol",
                None,
                "BRCA1",
                table="variants",
                column="gene",
            ),
            QuestionParam(
                "min_quality", "Minimum quality", "number", False, "Lowest QUAL kept", "0", "30"
            ),
        ),
        frozenset({"variants"}),
    ),
    Question(
        "samples-by-population",
        "Samples by population",
        "Sample counts and ages per sex for one population.",
        "SELECT population, sex, count(*) AS sample_count, min(age) AS youngest,"
        " max(age) AS oldest FROM samples WHERE population = {population} AND age >= {min_age}"
        " GROUP BY population, sex ORDER BY sex",
        (
            QuestionParam(
                "population",
                "Population",
                "string",
                True,
                "1000 Genomes super-population",
                None,
                "EUR",
                "dropdown",
                "AFR,AMR,EAS,EUR,SAS",
                "samples",
                "population",
            ),
            QuestionParam("min_age", "Minimum age", "number", False, None, "0", "30"),
        ),
        frozenset({"samples"}),
    ),
    Question(
        "events-since",
        "Events since a date",
        "Event counts and amounts per category since a date.",
        "SELECT category, count(*) AS events, sum(amount) AS total_amount FROM big"
        " WHERE event_date >= CAST({since} AS DATE)"
        " AND (CAST({category} AS VARCHAR) IS NULL OR category = {category})"
        " GROUP BY category ORDER BY category",
        (
            QuestionParam("since", "Since", "date", True, "First day counted", None, "2020-01-01"),
            QuestionParam(
                "category",
                "Category",
                "string",
                False,
                "Only this category",
                None,
                "alpha",
                "dropdown",
                "alpha,beta,gamma,delta,epsilon",
                "big",
                "category",
            ),
        ),
        frozenset({"big"}),
    ),
)


class QuestionCatalog:
    def __init__(self, questions: Sequence[Question], collections: CollectionCatalog) -> None:
        self._questions = {q.question_id: q for q in questions}
        self._collections = collections

    @classmethod
    def seeded(cls, collections: CollectionCatalog) -> QuestionCatalog:
        return cls(SEEDED_QUESTIONS, collections)

    def all(self) -> list[Question]:
        return list(self._questions.values())

    def get(self, question_id: str) -> Question:
        question = self._questions.get(question_id)
        if question is None:
            raise ApiError(404, f"No question with id {question_id!r}")
        return question

    def collections_of(self, question: Question) -> list[Collection]:
        return [c for c in self._collections.all() if question.tables <= c.table_names]

    def to_json(self, question: Question) -> dict[str, Any]:
        return {
            "id": question.question_id,
            "name": question.name,
            "description": question.description,
            "params": [p.to_json(question.question_id) for p in question.params],
            "collections": [
                {
                    "id": c.collection_id,
                    "slug": c.slug,
                    "name": c.name,
                    "questionId": question.question_id,
                }
                for c in self.collections_of(question)
            ],
        }


def _run_in_collection(
    engine: DuckDbEngine, collection: Collection, sql: str, parameters: list[Any]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "collectionId": collection.collection_id,
        "collectionSlug": collection.slug,
        "collectionName": collection.name,
    }
    try:
        stream = engine.open_query(sql, parameters, collection.table_names)
        try:
            rows, _ = stream.read(MAX_ROWS_PER_COLLECTION)
        finally:
            stream.close()
    except (QueryError, UnknownTableError, EngineClosedError) as exc:
        return {**result, "status": "error", "data": [], "error": str(exc)}
    data = orjson.Fragment(("[" + ",".join(rows) + "]").encode())
    return {**result, "status": "ok", "data": data, "dataModel": stream.data_model, "error": None}


def explorer_routes(
    catalog: QuestionCatalog, collections: CollectionCatalog, engine: DuckDbEngine
) -> list[BaseRoute]:
    async def get_service_info(request: Request) -> Response:
        return json_response(service_info(SERVICE_KINDS["explorer"]))

    async def list_questions(request: Request) -> Response:
        return json_response({"questions": [catalog.to_json(q) for q in catalog.all()]})

    async def get_question(request: Request) -> Response:
        return json_response(catalog.to_json(catalog.get(request.path_params["question_id"])))

    async def ask(request: Request) -> Response:
        question = catalog.get(request.path_params["question_id"])
        body = await json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("inputs"), dict):
            raise ApiError(400, "The body needs an object `inputs`.", parameter="inputs")
        inputs: dict[str, str] = {}
        for name, value in body["inputs"].items():
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise ApiError(400, f"Input {name!r} must be a string.", parameter=name)
            inputs[name] = str(value)
        sql, parameters = question.bind(inputs)
        requested = body.get("collections")
        if requested is None:
            targets = catalog.collections_of(question)
        else:
            if not isinstance(requested, list) or not all(isinstance(r, str) for r in requested):
                raise ApiError(400, "`collections` must be a list of ids.", parameter="collections")
            targets = []
            for ref in requested:
                collection = collections.find(ref)
                if collection is None:
                    raise ApiError(400, f"There is no collection {ref!r}.", parameter="collections")
                if collection not in targets:
                    targets.append(collection)
        results = [
            await run_in_threadpool(_run_in_collection, engine, c, sql, parameters) for c in targets
        ]
        return raw_json_response(orjson.dumps({"results": results}))

    return [
        Route("/service-info", get_service_info, methods=["GET"]),
        Route("/questions", list_questions, methods=["GET"]),
        Route("/questions/{question_id}", get_question, methods=["GET"]),
        Route("/questions/{question_id}/query", ask, methods=["POST"]),
    ]
