"""A collection's questions and the telemetry sink (base ``/collection-service``), per
specs/collections.yaml.

- ``GET  /collections/{id}/questions``                       ``{"items": [Question]}``
- ``GET  /collections/{id}/questions/{questionId}``          one question (404 otherwise)
- ``POST /collections/{id}/questions/{questionId}/query``    ``{"params": {...}}`` -> TableData
- ``POST /otlp/v1/logs``                                     OTLP logs (JSON) -> ``{}``

A collection's questions are the node's Explorer questions that read only tables the
collection holds (the same SQL, inputs and checks as ``/explorer``). Asking one starts a
Data Connect query restricted to the collection's tables: the answer is its first page, and
``pagination.next_page_url`` points into the collection's own Data Connect view
(``/collection-service/collection/{slug}/data-connect/search/...``), paged by ``--page-size``.
"""

from __future__ import annotations

import threading
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.bodies import json_body
from dnastack.devserver.collection_catalog import Collection, CollectionCatalog
from dnastack.devserver.data_connect.engine import EngineClosedError, QueryError, UnknownTableError
from dnastack.devserver.data_connect.queries import DataConnectScope, QueryService
from dnastack.devserver.errors import ApiError
from dnastack.devserver.explorer import Question, QuestionCatalog
from dnastack.devserver.responses import json_response, raw_json_response

__all__ = ["TelemetrySink", "collection_question_routes", "question_json"]

BASE_PATH = "/collection-service"


class TelemetrySink:
    """Counts the OTLP log records received (reported by ``/_devserver/status``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._records = 0

    def accept(self, body: Any) -> int:
        """Record one ``ExportLogsServiceRequest``; the number of its log records."""
        if not isinstance(body, dict):
            raise ApiError(400, "The body must be an OTLP ExportLogsServiceRequest object")
        resource_logs = body.get("resourceLogs", [])
        if not isinstance(resource_logs, list):
            raise ApiError(400, "`resourceLogs` must be an array")
        records = 0
        for resource in resource_logs:
            scope_logs = resource.get("scopeLogs", []) if isinstance(resource, dict) else None
            if not isinstance(scope_logs, list):
                raise ApiError(400, "`resourceLogs[].scopeLogs` must be an array")
            for scope in scope_logs:
                log_records = scope.get("logRecords", []) if isinstance(scope, dict) else None
                if not isinstance(log_records, list):
                    raise ApiError(400, "`scopeLogs[].logRecords` must be an array")
                records += len(log_records)
        with self._lock:
            self._requests += 1
            self._records += records
        return records

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"telemetryRequests": self._requests, "telemetryLogRecords": self._records}


def question_json(question: Question, collection: Collection) -> dict[str, Any]:
    """A question in the Collection Service's form (``collectionId``, ``parameters``)."""
    return {
        "id": question.question_id,
        "name": question.name,
        "description": question.description,
        "collectionId": collection.collection_id,
        "parameters": [
            {**p.to_json(question.question_id), "multiple": False} for p in question.params
        ],
    }


def collection_question_routes(
    collections: CollectionCatalog,
    questions: QuestionCatalog,
    queries: QueryService,
    page_size: int,
    telemetry: TelemetrySink,
) -> list[BaseRoute]:
    def questions_of(collection: Collection) -> list[Question]:
        return [q for q in questions.all() if q.tables <= collection.table_names]

    def find(request: Request) -> tuple[Collection, Question]:
        collection = collections.get(request.path_params["id"])
        wanted = request.path_params["question_id"]
        for question in questions_of(collection):
            if question.question_id == wanted:
                return collection, question
        raise ApiError(404, f"No question with id {wanted!r} in collection {collection.slug!r}")

    async def list_questions(request: Request) -> Response:
        collection = collections.get(request.path_params["id"])
        return json_response(
            {"items": [question_json(q, collection) for q in questions_of(collection)]}
        )

    async def get_question(request: Request) -> Response:
        collection, question = find(request)
        return json_response(question_json(question, collection))

    async def ask(request: Request) -> Response:
        collection, question = find(request)
        body = await json_body(request)
        params = body.get("params") if isinstance(body, dict) else None
        if not isinstance(params, dict):
            raise ApiError(400, "The body needs an object `params`.")
        inputs: dict[str, str] = {}
        for name, value in params.items():
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise ApiError(400, f"Parameter {name!r} must be a string.")
            inputs[name] = str(value)
        sql, parameters = question.bind(inputs)
        scope = DataConnectScope(
            key=f"collection:{collection.collection_id}",
            base_path=f"{BASE_PATH}/collection/{collection.slug}/data-connect",
            tables=collection.table_names,
        )
        try:
            page = await queries.start(sql, parameters, scope, page_size=page_size, polling=False)
        except (QueryError, UnknownTableError) as exc:
            raise ApiError(400, f"The question failed: {exc}") from exc
        except EngineClosedError as exc:
            raise ApiError(503, str(exc)) from exc
        return raw_json_response(page.body, headers=page.headers)

    async def submit_logs(request: Request) -> Response:
        telemetry.accept(await json_body(request))
        return json_response({})

    return [
        Route("/collections/{id}/questions", list_questions, methods=["GET"]),
        Route("/collections/{id}/questions/{question_id}", get_question, methods=["GET"]),
        Route("/collections/{id}/questions/{question_id}/query", ask, methods=["POST"]),
        Route("/otlp/v1/logs", submit_logs, methods=["POST"]),
    ]
