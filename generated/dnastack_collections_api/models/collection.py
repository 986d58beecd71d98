# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="Collection")


@_attrs_define
class Collection:
    """A named group of tables and files. Only `name` and `slugName` are needed to create one.

    Example:
        {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'name': 'COVID-19 cases', 'slugName': 'covid-cases', 'metadata':
            {'owner': 'demo'}, 'description': 'Daily case counts by region.', 'itemsQuery': 'SELECT * FROM
            demo.public.cases', 'tags': [{'id': 'tag-1', 'label': 'public'}], 'createdAt': '2024-05-01T10:00:00+00:00',
            'updatedAt': '2024-05-02T10:00:00+00:00', 'dbSchemaName': 'covid_cases', 'itemsChangedAt':
            '2024-05-02T09:00:00+00:00', 'latestItemUpdatedTime': '2024-05-02T08:00:00+00:00', 'accessTypeLabels':
            {'public': 'Open access'}, 'itemCounts': {'table': 2, 'blob': 1}}

    Attributes:
        name (str): Human-readable name.
        slug_name (str): Short, URL-safe name, unique on the server; usable wherever an id is.
        id (None | str | Unset): Server-assigned identifier.
        metadata (CollectionMetadata | Unset): Free-form JSON attached to a collection. Example: {'owner': 'demo'}.
        description (None | str | Unset): Longer text about the collection (may contain HTML or Markdown).
        items_query (None | str | Unset): SQL that selects the collection's items, when the collection is query-defined.
        tags (list[Tag] | None | Unset):
        created_at (datetime.datetime | None | Unset):
        updated_at (datetime.datetime | None | Unset):
        db_schema_name (None | str | Unset): Schema under which the collection's tables appear in its Data Connect view.
        items_changed_at (datetime.datetime | None | Unset): When an item was last added or removed.
        latest_item_updated_time (datetime.datetime | None | Unset): The newest `itemUpdatedTime` among the items.
        access_type_labels (AccessTypeLabels | Unset): Display label per access type (for example `public` -> `Open
            access`). Example: {'public': 'Open access'}.
        item_counts (ItemCounts | Unset): Number of items per item type (for example `table`, `blob`). Example:
            {'table': 2, 'blob': 1}.
    """

    name: str
    slug_name: str
    id: None | str | Unset = UNSET
    metadata: CollectionMetadata | Unset = UNSET
    description: None | str | Unset = UNSET
    items_query: None | str | Unset = UNSET
    tags: list[Tag] | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    db_schema_name: None | str | Unset = UNSET
    items_changed_at: datetime.datetime | None | Unset = UNSET
    latest_item_updated_time: datetime.datetime | None | Unset = UNSET
    access_type_labels: AccessTypeLabels | Unset = UNSET
    item_counts: ItemCounts | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug_name = self.slug_name

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        items_query: None | str | Unset
        if isinstance(self.items_query, Unset):
            items_query = UNSET
        else:
            items_query = self.items_query

        tags: list[dict[str, Any]] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = []
            for tags_type_0_item_data in self.tags:
                tags_type_0_item = tags_type_0_item_data.to_dict()
                tags.append(tags_type_0_item)

        else:
            tags = self.tags

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        db_schema_name: None | str | Unset
        if isinstance(self.db_schema_name, Unset):
            db_schema_name = UNSET
        else:
            db_schema_name = self.db_schema_name

        items_changed_at: None | str | Unset
        if isinstance(self.items_changed_at, Unset):
            items_changed_at = UNSET
        elif isinstance(self.items_changed_at, datetime.datetime):
            items_changed_at = self.items_changed_at.isoformat()
        else:
            items_changed_at = self.items_changed_at

        latest_item_updated_time: None | str | Unset
        if isinstance(self.latest_item_updated_time, Unset):
            latest_item_updated_time = UNSET
        elif isinstance(self.latest_item_updated_time, datetime.datetime):
            latest_item_updated_time = self.latest_item_updated_time.isoformat()
        else:
            latest_item_updated_time = self.latest_item_updated_time

        access_type_labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.access_type_labels, Unset):
            access_type_labels = self.access_type_labels.to_dict()

        item_counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.item_counts, Unset):
            item_counts = self.item_counts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "slugName": slug_name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if description is not UNSET:
            field_dict["description"] = description
        if items_query is not UNSET:
            field_dict["itemsQuery"] = items_query
        if tags is not UNSET:
            field_dict["tags"] = tags
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if db_schema_name is not UNSET:
            field_dict["dbSchemaName"] = db_schema_name
        if items_changed_at is not UNSET:
            field_dict["itemsChangedAt"] = items_changed_at
        if latest_item_updated_time is not UNSET:
            field_dict["latestItemUpdatedTime"] = latest_item_updated_time
        if access_type_labels is not UNSET:
            field_dict["accessTypeLabels"] = access_type_labels
        if item_counts is not UNSET:
            field_dict["itemCounts"] = item_counts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        slug_name = d.pop("slugName")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: CollectionMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CollectionMetadata.from_dict(_metadata)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_items_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        items_query = _parse_items_query(d.pop("itemsQuery", UNSET))

        def _parse_tags(data: object) -> list[Tag] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = []
                _tags_type_0 = expect_type(data, list, "tags")
                for tags_type_0_item_data in _tags_type_0:
                    tags_type_0_item = Tag.from_dict(tags_type_0_item_data)

                    tags_type_0.append(tags_type_0_item)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Tag] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updatedAt", UNSET))

        def _parse_db_schema_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        db_schema_name = _parse_db_schema_name(d.pop("dbSchemaName", UNSET))

        def _parse_items_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                items_changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return items_changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        items_changed_at = _parse_items_changed_at(d.pop("itemsChangedAt", UNSET))

        def _parse_latest_item_updated_time(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_item_updated_time_type_0 = datetime.datetime.fromisoformat(data)

                return latest_item_updated_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        latest_item_updated_time = _parse_latest_item_updated_time(
            d.pop("latestItemUpdatedTime", UNSET)
        )

        _access_type_labels = d.pop("accessTypeLabels", UNSET)
        access_type_labels: AccessTypeLabels | Unset
        if isinstance(_access_type_labels, Unset):
            access_type_labels = UNSET
        else:
            access_type_labels = AccessTypeLabels.from_dict(_access_type_labels)

        _item_counts = d.pop("itemCounts", UNSET)
        item_counts: ItemCounts | Unset
        if isinstance(_item_counts, Unset):
            item_counts = UNSET
        else:
            item_counts = ItemCounts.from_dict(_item_counts)

        collection = cls(
            name=name,
            slug_name=slug_name,
            id=id,
            metadata=metadata,
            description=description,
            items_query=items_query,
            tags=tags,
            created_at=created_at,
            updated_at=updated_at,
            db_schema_name=db_schema_name,
            items_changed_at=items_changed_at,
            latest_item_updated_time=latest_item_updated_time,
            access_type_labels=access_type_labels,
            item_counts=item_counts,
        )

        collection.additional_properties = d
        return collection

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class: models may refer to each other in cycles, and the module that starts
# a cycle already defines its class when the other one imports it.
from ..models.access_type_labels import AccessTypeLabels
from ..models.collection_metadata import CollectionMetadata
from ..models.item_counts import ItemCounts
from ..models.tag import Tag
