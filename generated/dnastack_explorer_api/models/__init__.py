# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .collection_query_result import CollectionQueryResult
from .error import Error
from .federated_question import FederatedQuestion
from .federated_question_list_response import FederatedQuestionListResponse
from .federated_question_query_request import FederatedQuestionQueryRequest
from .federated_question_query_response import FederatedQuestionQueryResponse
from .json_schema import JsonSchema
from .query_result_status import QueryResultStatus
from .question_collection import QuestionCollection
from .question_inputs import QuestionInputs
from .question_param import QuestionParam

__all__ = (
    "CollectionQueryResult",
    "Error",
    "FederatedQuestion",
    "FederatedQuestionListResponse",
    "FederatedQuestionQueryRequest",
    "FederatedQuestionQueryResponse",
    "JsonSchema",
    "QueryResultStatus",
    "QuestionCollection",
    "QuestionInputs",
    "QuestionParam",
)
