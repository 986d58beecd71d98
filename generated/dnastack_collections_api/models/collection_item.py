# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="CollectionItem")


@_attrs_define
class CollectionItem:
    """One table or file in a collection.

    Example:
        {'id': 'item-1', 'collectionId': '5b6f0c1e-0000-4000-8000-000000000001', 'type': 'table', 'name':
            'collections.covid_cases.daily', 'displayName': 'Daily cases', 'dataSourceName': 'demo', 'dataSourceType':
            'duckdb', 'cachedAt': '2024-05-02T09:30:00+00:00', 'createdTime': '2024-05-01T10:00:00+00:00', 'updatedTime':
            '2024-05-02T09:00:00+00:00', 'itemUpdatedTime': '2024-05-02T08:00:00+00:00', 'sourceKey': 'demo.public.daily',
            'metadataUrl': 'http://127.0.0.1:8080/data-connect/table/collections.covid_cases.daily/info', 'dataSourceUrl':
            'http://127.0.0.1:8080/data-connect/', 'size': 1200, 'sizeUnit': 'rows'}

    Attributes:
        id (str): Identifier of the item within the service.
        type_ (str): Kind of item; `table` and `blob` are the values in use. Clients must accept others.
        name (str): Fully qualified name (a table name, or a file's DRS-style name).
        collection_id (None | str | Unset): The `id` of the collection holding the item.
        display_name (None | str | Unset):
        data_source_name (None | str | Unset): Name of the data source the item comes from.
        data_source_type (None | str | Unset):
        cached_at (datetime.datetime | None | Unset):
        created_time (datetime.datetime | None | Unset):
        updated_time (datetime.datetime | None | Unset):
        item_updated_time (datetime.datetime | None | Unset): When the underlying table or file last changed.
        source_key (None | str | Unset): Key of the item in its data source.
        metadata_url (None | str | Unset): Where to read the item's metadata (a Data Connect table info URL or a DRS
            object URL).
        data_source_url (None | str | Unset):
        size (int | None | Unset): Size of the item, in `sizeUnit`.
        size_unit (None | str | Unset): Unit of `size`, for example `bytes` or `rows`.
    """

    id: str
    type_: str
    name: str
    collection_id: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    data_source_name: None | str | Unset = UNSET
    data_source_type: None | str | Unset = UNSET
    cached_at: datetime.datetime | None | Unset = UNSET
    created_time: datetime.datetime | None | Unset = UNSET
    updated_time: datetime.datetime | None | Unset = UNSET
    item_updated_time: datetime.datetime | None | Unset = UNSET
    source_key: None | str | Unset = UNSET
    metadata_url: None | str | Unset = UNSET
    data_source_url: None | str | Unset = UNSET
    size: int | None | Unset = UNSET
    size_unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        name = self.name

        collection_id: None | str | Unset
        if isinstance(self.collection_id, Unset):
            collection_id = UNSET
        else:
            collection_id = self.collection_id

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        data_source_name: None | str | Unset
        if isinstance(self.data_source_name, Unset):
            data_source_name = UNSET
        else:
            data_source_name = self.data_source_name

        data_source_type: None | str | Unset
        if isinstance(self.data_source_type, Unset):
            data_source_type = UNSET
        else:
            data_source_type = self.data_source_type

        cached_at: None | str | Unset
        if isinstance(self.cached_at, Unset):
            cached_at = UNSET
        elif isinstance(self.cached_at, datetime.datetime):
            cached_at = self.cached_at.isoformat()
        else:
            cached_at = self.cached_at

        created_time: None | str | Unset
        if isinstance(self.created_time, Unset):
            created_time = UNSET
        elif isinstance(self.created_time, datetime.datetime):
            created_time = self.created_time.isoformat()
        else:
            created_time = self.created_time

        updated_time: None | str | Unset
        if isinstance(self.updated_time, Unset):
            updated_time = UNSET
        elif isinstance(self.updated_time, datetime.datetime):
            updated_time = self.updated_time.isoformat()
        else:
            updated_time = self.updated_time

        item_updated_time: None | str | Unset
        if isinstance(self.item_updated_time, Unset):
            item_updated_time = UNSET
        elif isinstance(self.item_updated_time, datetime.datetime):
            item_updated_time = self.item_updated_time.isoformat()
        else:
            item_updated_time = self.item_updated_time

        source_key: None | str | Unset
        if isinstance(self.source_key, Unset):
            source_key = UNSET
        else:
            source_key = self.source_key

        metadata_url: None | str | Unset
        if isinstance(self.metadata_url, Unset):
            metadata_url = UNSET
        else:
            metadata_url = self.metadata_url

        data_source_url: None | str | Unset
        if isinstance(self.data_source_url, Unset):
            data_source_url = UNSET
        else:
            data_source_url = self.data_source_url

        size: int | None | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size

        size_unit: None | str | Unset
        if isinstance(self.size_unit, Unset):
            size_unit = UNSET
        else:
            size_unit = self.size_unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "name": name,
            }
        )
        if collection_id is not UNSET:
            field_dict["collectionId"] = collection_id
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if data_source_name is not UNSET:
            field_dict["dataSourceName"] = data_source_name
        if data_source_type is not UNSET:
            field_dict["dataSourceType"] = data_source_type
        if cached_at is not UNSET:
            field_dict["cachedAt"] = cached_at
        if created_time is not UNSET:
            field_dict["createdTime"] = created_time
        if updated_time is not UNSET:
            field_dict["updatedTime"] = updated_time
        if item_updated_time is not UNSET:
            field_dict["itemUpdatedTime"] = item_updated_time
        if source_key is not UNSET:
            field_dict["sourceKey"] = source_key
        if metadata_url is not UNSET:
            field_dict["metadataUrl"] = metadata_url
        if data_source_url is not UNSET:
            field_dict["dataSourceUrl"] = data_source_url
        if size is not UNSET:
            field_dict["size"] = size
        if size_unit is not UNSET:
            field_dict["sizeUnit"] = size_unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        name = d.pop("name")

        def _parse_collection_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        collection_id = _parse_collection_id(d.pop("collectionId", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("displayName", UNSET))

        def _parse_data_source_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_source_name = _parse_data_source_name(d.pop("dataSourceName", UNSET))

        def _parse_data_source_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_source_type = _parse_data_source_type(d.pop("dataSourceType", UNSET))

        def _parse_cached_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cached_at_type_0 = datetime.datetime.fromisoformat(data)

                return cached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cached_at = _parse_cached_at(d.pop("cachedAt", UNSET))

        def _parse_created_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_time_type_0 = datetime.datetime.fromisoformat(data)

                return created_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_time = _parse_created_time(d.pop("createdTime", UNSET))

        def _parse_updated_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_time_type_0 = datetime.datetime.fromisoformat(data)

                return updated_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_time = _parse_updated_time(d.pop("updatedTime", UNSET))

        def _parse_item_updated_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                item_updated_time_type_0 = datetime.datetime.fromisoformat(data)

                return item_updated_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        item_updated_time = _parse_item_updated_time(d.pop("itemUpdatedTime", UNSET))

        def _parse_source_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_key = _parse_source_key(d.pop("sourceKey", UNSET))

        def _parse_metadata_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metadata_url = _parse_metadata_url(d.pop("metadataUrl", UNSET))

        def _parse_data_source_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_source_url = _parse_data_source_url(d.pop("dataSourceUrl", UNSET))

        def _parse_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            size_type_0 = expect_type(data, int, "size")

            return size_type_0
            return cast(int | None | Unset, data)

        size = _parse_size(d.pop("size", UNSET))

        def _parse_size_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        size_unit = _parse_size_unit(d.pop("sizeUnit", UNSET))

        collection_item = cls(
            id=id,
            type_=type_,
            name=name,
            collection_id=collection_id,
            display_name=display_name,
            data_source_name=data_source_name,
            data_source_type=data_source_type,
            cached_at=cached_at,
            created_time=created_time,
            updated_time=updated_time,
            item_updated_time=item_updated_time,
            source_key=source_key,
            metadata_url=metadata_url,
            data_source_url=data_source_url,
            size=size,
            size_unit=size_unit,
        )

        collection_item.additional_properties = d
        return collection_item

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
