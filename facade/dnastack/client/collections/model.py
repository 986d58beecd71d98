"""Documented Collection Service models (camelCase fields, as the service sends them).

``Collection``, ``CollectionItem``, ``CollectionStatus``, ``CreateCollectionItemsRequest``,
``DeleteCollectionItemRequest``, ``CollectionItemListOptions`` and ``Tag`` are built from
the generated ``dnastack_collections_api`` models at the boundary (:func:`from_generated`
and :func:`to_generated`), so a rename in the generated code never reaches a user. Unknown
keys a server sends are kept (``model_extra``) and written back.
"""

from __future__ import annotations

import datetime
import enum
import re
import time
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dnastack.common.model import Model, field, model
from dnastack.exceptions import ModelValidationError, ResponseParseError
from dnastack.reference_errors import ApiError as ApiError  # the reference's re-export

PageableApiError = ApiError
"""The reference library's error for a failed collections request: every SDK ``HttpError``
is one (401/403 included, which 3.x reports as ``UnauthenticatedApiAccessError`` /
``UnauthorizedApiAccessError``)."""

__all__ = [
    "Collection",
    "CollectionItem",
    "CollectionItemListOptions",
    "CollectionItemRef",
    "CollectionItemSource",
    "CollectionStatus",
    "CollectionValidationMissingItems",
    "CollectionValidationStatus",
    "CreateCollectionItemsRequest",
    "DeleteCollectionItemRequest",
    "PageableApiError",
    "Question",
    "QuestionParameter",
    "Tag",
    "from_generated",
    "to_generated",
]

_M = TypeVar("_M", bound=Model)


def from_generated(model_class: type[_M], generated: Any) -> _M:
    """The documented model of a generated model (through its JSON form).

    Raises:
        ResponseParseError: the server's data does not fit the documented model.
    """
    try:
        return model_class.parse_obj(generated.to_dict())
    except ModelValidationError as exc:
        raise ResponseParseError(
            f"the service sent a {model_class.__name__} that does not match the "
            f"specification ({exc})",
            operation=model_class.__name__,
        ) from exc


def to_generated(generated_class: type[Any], value: Model) -> Any:
    """The generated model of a documented one (only the fields that are set: a default
    empty container such as ``Collection.tags`` is not sent unless it was given)."""
    import attrs

    data = value.to_dict(by_alias=True, exclude_none=True)
    given = value.model_fields_set
    for attribute in attrs.fields(cast(Any, type(value))):
        key = attribute.alias or attribute.name
        if attribute.name not in given and data.get(key) in ({}, []):
            del data[key]
    return generated_class.from_dict(data)


@model(extra="allow")
class Tag(Model):
    """A label attached to a collection."""

    id: str | None = None
    label: str


@model(extra="allow")
class Collection(Model):
    """A model representing a collection

    .. note:: This is not a full representation of the object.
    """

    id: str | None = None
    name: str
    slugName: str
    metadata: dict[str, Any] | None = field(factory=dict)
    description: str | None = None
    itemsQuery: str | None = None
    tags: list[Tag] | None = field(factory=list)
    createdAt: datetime.datetime | None = None
    updatedAt: datetime.datetime | None = None
    dbSchemaName: str | None = None
    itemsChangedAt: datetime.datetime | None = None
    latestItemUpdatedTime: datetime.datetime | None = None
    accessTypeLabels: dict[str, str] | None = None
    itemCounts: dict[str, int] | None = field(factory=dict)

    @classmethod
    def make(
        cls,
        name: str,
        items_query: str,
        slug_name: str | None = None,
        description: str | None = None,
    ) -> Collection:
        """A new collection to create; without ``slug_name``, one is made from ``name``
        (lower case, ``[a-z0-9-]``) and the current time in seconds, as the 3.x client does."""
        if not slug_name:
            slug_name = re.sub(
                r"-+", "-", re.sub(r"[^a-z0-9-]", "-", name.lower()) + str(int(time.time()))
            )
        return cls(name=name, itemsQuery=items_query, slugName=slug_name, description=description)


@model(extra="allow")
class QuestionParameter(Model):
    """An input of a collection's question (camelCase on the wire, snake_case attributes)."""

    name: str
    input_type: str = field(alias="inputType")
    required: bool = False
    id: str | None = None
    label: str | None = None
    description: str | None = None
    default_value: str | None = field(default=None, alias="defaultValue")
    test_value: str | None = field(default=None, alias="testValue")
    input_subtype: str | None = field(default=None, alias="inputSubtype")
    allowed_values: str | None = field(default=None, alias="allowedValues")
    table: str | None = None
    column: str | None = None
    values: str | None = None
    multiple: bool | None = None


def _question_parameters(values: Any) -> list[QuestionParameter]:
    return [
        v if isinstance(v, QuestionParameter) else QuestionParameter.parse_obj(v) for v in values
    ]


@model(extra="allow")
class Question(Model):
    """A question published within a collection (``collectionId`` on the wire)."""

    id: str
    name: str
    collection_id: str = field(alias="collectionId")
    description: str | None = None
    parameters: list[QuestionParameter] = field(factory=list, converter=_question_parameters)


@model(extra="allow")
class CollectionItem(Model):
    """One table or file (blob) of a collection."""

    id: str
    type: str
    name: str
    collectionId: str | None = None
    displayName: str | None = None
    dataSourceName: str | None = None
    dataSourceType: str | None = None
    cachedAt: datetime.datetime | None = None
    createdTime: datetime.datetime | None = None
    updatedTime: datetime.datetime | None = None
    itemUpdatedTime: datetime.datetime | None = None
    sourceKey: str | None = None
    metadataUrl: str | None = None
    dataSourceUrl: str | None = None
    size: int | None = None
    sizeUnit: str | None = None


class CollectionValidationStatus(enum.StrEnum):
    """The known values of :attr:`CollectionStatus.validationsStatus` (a server may send
    others: the field is a plain string, which compares equal to these members)."""

    VALIDATED = "VALIDATED"
    VALIDATION_STOPPED = "VALIDATION_STOPPED"
    VALIDATION_IN_PROGRESS = "VALIDATION_IN_PROGRESS"
    MISSING_ITEMS = "MISSING_ITEMS"


@model(extra="allow")
class CollectionValidationMissingItems(Model):
    """Missing items of a collection, per kind (the reference library's model)."""

    files: int | None = None
    tables: int | None = None


@model(extra="allow")
class CollectionStatus(Model):
    """Whether a collection can be queried, how many items of each type it holds, and the
    outcome of the last check of its items.

    ``availability`` is ``None`` when a service does not send it (3.x-era services send only
    ``validationsStatus``, ``lastChecked`` and ``missingItems``).
    """

    availability: str | None = None
    itemCounts: dict[str, int] = field(factory=dict)
    lastChecked: datetime.datetime | None = None
    errors: list[str] | None = None
    validationsStatus: str | None = None
    missingItems: int | None = None


@model(extra="allow")
class CollectionItemSource(Model):
    """A table or file of a data source to add to a collection (``type``, ``sourceKey``)."""

    type: str
    sourceKey: str


@model(extra="allow")
class CollectionItemRef(Model):
    """Names one item of a collection by its ``id``."""

    id: str


def _sources(values: Any) -> list[CollectionItemSource]:
    return [
        v if isinstance(v, CollectionItemSource) else CollectionItemSource.parse_obj(v)
        for v in values
    ]


def _refs(values: Any) -> list[CollectionItemRef]:
    return [
        CollectionItemRef(id=v)
        if isinstance(v, str)
        else v
        if isinstance(v, CollectionItemRef)
        else CollectionItemRef.parse_obj(v)
        for v in values
    ]


@model(extra="allow")
class CreateCollectionItemsRequest(Model):
    """The items to add: ``CollectionItemSource`` models or ``{"type", "sourceKey"}`` dicts."""

    items: list[CollectionItemSource] = field(converter=_sources)


@model(extra="allow")
class DeleteCollectionItemRequest(Model):
    """The items to remove: ``CollectionItemRef`` models, ``{"id"}`` dicts or plain ids."""

    items: list[CollectionItemRef] = field(converter=_refs)


@model
class CollectionItemListOptions(Model):
    """Options of :meth:`CollectionServiceClient.list_collection_items`.

    Attributes:
        type: only items of this type (``table``, ``blob``...).
        limit: the page size to ask the server for.
    """

    type: str | None = None
    limit: int | None = None

    def as_query(self) -> Mapping[str, Any]:
        """The query parameters of the first page."""
        return {k: v for k, v in (("type", self.type), ("limit", self.limit)) if v is not None}
