# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .access_type_labels import AccessTypeLabels
from .collection import Collection
from .collection_item import CollectionItem
from .collection_item_list_response import CollectionItemListResponse
from .collection_item_ref import CollectionItemRef
from .collection_item_source import CollectionItemSource
from .collection_items_pagination import CollectionItemsPagination
from .collection_metadata import CollectionMetadata
from .collection_question import CollectionQuestion
from .collection_question_list import CollectionQuestionList
from .collection_question_query_request import CollectionQuestionQueryRequest
from .collection_status import CollectionStatus
from .create_collection_items_request import CreateCollectionItemsRequest
from .delete_collection_item_request import DeleteCollectionItemRequest
from .error import Error
from .item_counts import ItemCounts
from .otlp_logs_request import OtlpLogsRequest
from .otlp_logs_response import OtlpLogsResponse
from .otlp_partial_success import OtlpPartialSuccess
from .question_parameter import QuestionParameter
from .question_params import QuestionParams
from .question_result_page import QuestionResultPage
from .question_result_pagination import QuestionResultPagination
from .question_result_schema import QuestionResultSchema
from .tag import Tag

__all__ = (
    "AccessTypeLabels",
    "Collection",
    "CollectionItem",
    "CollectionItemListResponse",
    "CollectionItemRef",
    "CollectionItemSource",
    "CollectionItemsPagination",
    "CollectionMetadata",
    "CollectionQuestion",
    "CollectionQuestionList",
    "CollectionQuestionQueryRequest",
    "CollectionStatus",
    "CreateCollectionItemsRequest",
    "DeleteCollectionItemRequest",
    "Error",
    "ItemCounts",
    "OtlpLogsRequest",
    "OtlpLogsResponse",
    "OtlpPartialSuccess",
    "QuestionParameter",
    "QuestionParams",
    "QuestionResultPage",
    "QuestionResultPagination",
    "QuestionResultSchema",
    "Tag",
)
