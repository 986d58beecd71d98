"""``ExplorerClient``: DNAstack Explorer federated questions (list, describe, ask)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dnastack.client.base import BaseServiceClient
from dnastack.client.constants import register_service_client
from dnastack.client.data_connect.conversion import ValueConversionError, build_row_converter
from dnastack.client.explorer.errors import (
    DisallowedQuestionInputError,
    InvalidQuestionInputError,
    MissingQuestionInputError,
    UnknownQuestionCollectionError,
    UnknownQuestionInputError,
)
from dnastack.client.explorer.models import FederatedQuestion
from dnastack.client.result_iterator import ResultIterator
from dnastack.client.service_registry.models import ServiceType
from dnastack.exceptions import ClientRequestError, ModelValidationError, ResponseParseError
from dnastack.exceptions import HttpError as HttpError
from dnastack.reference_errors import UnauthenticatedApiAccessError as UnauthenticatedApiAccessError
from dnastack.reference_errors import UnauthorizedApiAccessError as UnauthorizedApiAccessError

if TYPE_CHECKING:
    from dnastack.common.tracing import Span

__all__ = [
    "EXPLORER_SERVICE_TYPE_V1_0",
    "EXPLORER_TYPE_V1_0",
    "ExplorerClient",
    "validate_question_inputs",
]

EXPLORER_TYPE_V1_0 = ServiceType(group="com.dnastack", artifact="explorer", version="1.0.0")
ClientError = ClientRequestError  # the reference library's name (importable, not exported)
EXPLORER_SERVICE_TYPE_V1_0 = ServiceType(
    group="com.dnastack.explorer", artifact="collection-service", version="1.0.0"
)
"""The reference library's Explorer type: DNAstack Explorer deployments publish their
collection service (which also answers federated questions) under it. Listed as supported
(``ClientFactory.create(ExplorerClient, ...)`` and ``get_one_of(client_class=ExplorerClient)``
find such services) but registered to ``CollectionServiceClient``, as the reference does."""


def _as_text(question_id: str, name: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise InvalidQuestionInputError(
        question_id, name, f"expected a string or a number, got {type(value).__name__}"
    )


def validate_question_inputs(
    question: FederatedQuestion,
    inputs: Mapping[str, Any],
    collections: Sequence[str] | None = None,
) -> tuple[dict[str, str], list[str] | None]:
    """Check ``inputs`` (and ``collections``) against ``question``; return what to send.

    Values are sent as strings (numbers and booleans are turned into text). Collections may
    be named by id or slug; ids are sent.

    Raises:
        UnknownQuestionInputError: an input the question does not declare.
        MissingQuestionInputError: a required input without value or default.
        DisallowedQuestionInputError: a value outside the input's ``allowedValues``.
        InvalidQuestionInputError: a value of the wrong kind (a ``number`` input that is
            not a number, an empty required value, a value that is not text).
        UnknownQuestionCollectionError: a collection the question cannot be asked of.
    """
    qid = question.id
    declared = {p.name: p for p in question.params}
    for name in inputs:
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise UnknownQuestionInputError(qid, name, f"not an input of this question ({known})")
    values: dict[str, str] = {}
    for name, param in declared.items():
        raw = inputs.get(name)
        if raw is None:
            if param.required and param.default_value is None:
                raise MissingQuestionInputError(qid, name, "a value is required")
            continue
        text = _as_text(qid, name, raw)
        if param.required and not text.strip() and param.default_value is None:
            raise MissingQuestionInputError(qid, name, "a value is required (got an empty one)")
        allowed = param.allowed_value_list
        if allowed is not None and text not in allowed:
            raise DisallowedQuestionInputError(
                qid, name, f"{text!r} is not one of the allowed values ({', '.join(allowed)})"
            )
        if (param.input_type or "").lower() == "number" and text.strip():
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise InvalidQuestionInputError(qid, name, f"{text!r} is not a number")
        values[name] = text
    chosen: list[str] | None = None
    if collections is not None:
        by_key = {c.id: c.id for c in question.collections}
        by_key.update({c.slug: c.id for c in question.collections})
        chosen = []
        for collection in collections:
            if collection not in by_key:
                available = ", ".join(c.slug for c in question.collections) or "none"
                raise UnknownQuestionCollectionError(
                    qid,
                    "collections",
                    f"{collection!r} is not a collection of this question ({available})",
                )
            chosen.append(by_key[collection])
    return values, chosen


class ExplorerClient(BaseServiceClient):
    """Client for Explorer services supporting federated questions.

    This client provides access to federated questions that can be asked
    across multiple collections in the Explorer network.
    """

    _generated_package = "dnastack_explorer_api"

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type"""
        return "explorer"

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        return [EXPLORER_TYPE_V1_0, EXPLORER_SERVICE_TYPE_V1_0]

    def list_federated_questions(
        self, trace: Span | None = None
    ) -> ResultIterator[FederatedQuestion]:
        """List all available federated questions.

        Returns:
            ResultIterator[FederatedQuestion]: Iterator over federated questions
        """
        from dnastack_explorer_api.api.questions import list_federated_questions
        from dnastack_explorer_api.models.federated_question_list_response import (
            FederatedQuestionListResponse,
        )

        found = self._call(list_federated_questions.sync_detailed, trace=trace)
        if not isinstance(found, FederatedQuestionListResponse):
            raise ResponseParseError(
                "listFederatedQuestions: unexpected body", operation="listFederatedQuestions"
            )
        return ResultIterator([_question(q.to_dict()) for q in found.questions])

    def describe_federated_question(
        self, question_id: str, trace: Span | None = None
    ) -> FederatedQuestion:
        """Get detailed information about a specific federated question.

        Raises:
            NotFoundError: no such question (or one the caller may not see).
        """
        from dnastack_explorer_api.api.questions import get_federated_question
        from dnastack_explorer_api.models.federated_question import (
            FederatedQuestion as GeneratedQuestion,
        )

        found = self._call(
            get_federated_question.sync_detailed, trace=trace, question_id=question_id
        )
        if not isinstance(found, GeneratedQuestion):
            raise ResponseParseError(
                "getFederatedQuestion: unexpected body", operation="getFederatedQuestion"
            )
        return _question(found.to_dict())

    def ask_federated_question(
        self,
        question_id: str,
        inputs: Mapping[str, Any],
        collections: Sequence[str] | None = None,
        trace: Span | None = None,
    ) -> ResultIterator[dict[str, Any]]:
        """Ask a federated question with the provided parameters.

        The question is described first and the inputs are checked against it before the
        question is asked: an unknown input, a missing required one, a value outside the
        allowed values or a non-number for a number input raises a
        :class:`~dnastack.client.explorer.errors.QuestionInputError` naming the input, and
        nothing is asked.

        Args:
            question_id: The ID of the question to ask
            inputs: Dictionary of parameter name -> value mappings
            collections: Optional list of collection IDs (or slugs) to query. If None, all
                collections are used.
            trace: Optional tracing span

        Returns:
            ResultIterator[Dict[str, Any]]: one result per collection queried:
            ``collectionId``, ``collectionSlug``, ``collectionName``, ``status``
            (``ok``/``error``), ``data`` (rows, values converted per ``dataModel``),
            ``dataModel`` and ``error``.

        Raises:
            QuestionInputError: an input is invalid (before any request to ask).
            HttpError: the request fails (e.g. NotFoundError for an unknown question).
        """
        from dnastack_explorer_api.api.questions import ask_federated_question
        from dnastack_explorer_api.models.federated_question_query_request import (
            FederatedQuestionQueryRequest,
        )
        from dnastack_explorer_api.models.federated_question_query_response import (
            FederatedQuestionQueryResponse,
        )

        question = self.describe_federated_question(question_id, trace=trace)
        values, chosen = validate_question_inputs(question, inputs, collections)
        body: dict[str, Any] = {"inputs": values}
        if chosen is not None:
            body["collections"] = chosen
        answer = self._call(
            ask_federated_question.sync_detailed,
            trace=trace,
            question_id=question_id,
            body=FederatedQuestionQueryRequest.from_dict(body),
        )
        if not isinstance(answer, FederatedQuestionQueryResponse):
            raise ResponseParseError(
                "askFederatedQuestion: unexpected body", operation="askFederatedQuestion"
            )
        return ResultIterator([_collection_result(r.to_dict()) for r in answer.results])


def _question(data: dict[str, Any]) -> FederatedQuestion:
    try:
        return FederatedQuestion.parse_obj(data)
    except ModelValidationError as exc:
        raise ResponseParseError(
            f"the service sent a FederatedQuestion that does not match the specification ({exc})",
            operation="FederatedQuestion",
        ) from exc


def _collection_result(result: dict[str, Any]) -> dict[str, Any]:
    """One collection's answer, its rows converted per its ``dataModel``."""
    converter = build_row_converter(result.get("dataModel"))
    rows = result.get("data") or []
    if converter is not None:
        try:
            for row in rows:
                converter(row)
        except (ValueConversionError, AttributeError, TypeError) as exc:
            raise ResponseParseError(
                f"askFederatedQuestion: a row of collection {result.get('collectionSlug')!r} "
                f"does not match its dataModel ({exc})",
                operation="askFederatedQuestion",
            ) from exc
    return {
        "collectionId": result.get("collectionId"),
        "collectionSlug": result.get("collectionSlug"),
        "collectionName": result.get("collectionName"),
        "status": str(result.get("status")),
        "data": rows,
        "dataModel": result.get("dataModel"),
        "error": result.get("error"),
    }


register_service_client(ExplorerClient, [EXPLORER_TYPE_V1_0])
