# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="CollectionItemListResponse")


@_attrs_define
class CollectionItemListResponse:
    """One page of a collection's items.

    Example:
        {'items': [{'id': 'item-1', 'type': 'table', 'name': 'collections.covid_cases.daily'}], 'pagination':
            {'nextPageUrl': None, 'totalCount': 1}}

    Attributes:
        items (list[CollectionItem]):
        pagination (CollectionItemsPagination | Unset): Where the next page of items is. Example: {'nextPageUrl':
            '/collection-service/collection/covid-cases/items?pageToken=abc&limit=1', 'totalCount': 3}.
    """

    items: list[CollectionItem]
    pagination: CollectionItemsPagination | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        items = []
        _items = expect_type(d.pop("items"), list, "items")
        for items_item_data in _items:
            items_item = CollectionItem.from_dict(items_item_data)

            items.append(items_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: CollectionItemsPagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = CollectionItemsPagination.from_dict(_pagination)

        collection_item_list_response = cls(
            items=items,
            pagination=pagination,
        )

        collection_item_list_response.additional_properties = d
        return collection_item_list_response

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
from ..models.collection_item import CollectionItem
from ..models.collection_items_pagination import CollectionItemsPagination
