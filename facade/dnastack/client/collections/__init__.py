"""DNAstack Collection Service: collections of tables and files, each with a Data Connect view."""

from __future__ import annotations

from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.collections.model import (
    Collection,
    CollectionItem,
    CollectionItemListOptions,
    CollectionStatus,
    CreateCollectionItemsRequest,
    DeleteCollectionItemRequest,
    Tag,
)

__all__ = [
    "Collection",
    "CollectionItem",
    "CollectionItemListOptions",
    "CollectionServiceClient",
    "CollectionStatus",
    "CreateCollectionItemsRequest",
    "DeleteCollectionItemRequest",
    "Tag",
]
