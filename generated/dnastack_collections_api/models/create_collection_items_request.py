# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import expect_type

T = TypeVar("T", bound="CreateCollectionItemsRequest")


@_attrs_define
class CreateCollectionItemsRequest:
    """The items to add.

    Example:
        {'items': [{'type': 'table', 'sourceKey': 'demo.public.daily'}]}

    Attributes:
        items (list[CollectionItemSource]):
    """

    items: list[CollectionItemSource]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        items = []
        _items = expect_type(d.pop("items"), list, "items")
        for items_item_data in _items:
            items_item = CollectionItemSource.from_dict(items_item_data)

            items.append(items_item)

        create_collection_items_request = cls(
            items=items,
        )

        create_collection_items_request.additional_properties = d
        return create_collection_items_request

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
from ..models.collection_item_source import CollectionItemSource
