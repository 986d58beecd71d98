"""DNAstack Collection Service: collections of tables and files, each with a Data Connect view."""

from __future__ import annotations

from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.collections.errors import UnknownCollectionError
from dnastack.client.collections.model import (
    Collection,
    CollectionItem,
    CollectionItemListOptions,
    CollectionStatus,
    CollectionValidationMissingItems,
    CollectionValidationStatus,
    CreateCollectionItemsRequest,
    DeleteCollectionItemRequest,
    Question,
    QuestionParameter,
    Tag,
)

__all__ = [
    "Collection",
    "CollectionItem",
    "CollectionItemListOptions",
    "CollectionServiceClient",
    "CollectionStatus",
    "CollectionValidationMissingItems",
    "CollectionValidationStatus",
    "CreateCollectionItemsRequest",
    "DeleteCollectionItemRequest",
    "Question",
    "QuestionParameter",
    "Tag",
    "UnknownCollectionError",
]
