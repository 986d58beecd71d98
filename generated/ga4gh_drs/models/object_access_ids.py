# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="ObjectAccessIds")


@_attrs_define
class ObjectAccessIds:
    """One object and the access IDs to turn into URLs for it.

    Example:
        {'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']}

    Attributes:
        bulk_object_id (str | Unset): DRS ID of the object.
        bulk_access_ids (list[str] | Unset): Access IDs from the object's access methods.
    """

    bulk_object_id: str | Unset = UNSET
    bulk_access_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bulk_object_id = self.bulk_object_id

        bulk_access_ids: list[str] | Unset = UNSET
        if not isinstance(self.bulk_access_ids, Unset):
            bulk_access_ids = self.bulk_access_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bulk_object_id is not UNSET:
            field_dict["bulk_object_id"] = bulk_object_id
        if bulk_access_ids is not UNSET:
            field_dict["bulk_access_ids"] = bulk_access_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bulk_object_id = d.pop("bulk_object_id", UNSET)

        _bulk_access_ids = d.pop("bulk_access_ids", UNSET)
        bulk_access_ids = (
            UNSET
            if isinstance(_bulk_access_ids, Unset)
            else cast(list[str], expect_type(_bulk_access_ids, list, "bulk_access_ids"))
        )

        object_access_ids = cls(
            bulk_object_id=bulk_object_id,
            bulk_access_ids=bulk_access_ids,
        )

        object_access_ids.additional_properties = d
        return object_access_ids

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
