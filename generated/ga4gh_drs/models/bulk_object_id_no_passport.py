# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="BulkObjectIdNoPassport")


@_attrs_define
class BulkObjectIdNoPassport:
    """Body of `OptionsBulkObject`.

    Example:
        {'bulk_object_ids': ['9f2c61e0', '3c1d8a2b']}

    Attributes:
        bulk_object_ids (list[str] | Unset): IDs of the objects to ask about.
    """

    bulk_object_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bulk_object_ids: list[str] | Unset = UNSET
        if not isinstance(self.bulk_object_ids, Unset):
            bulk_object_ids = self.bulk_object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bulk_object_ids is not UNSET:
            field_dict["bulk_object_ids"] = bulk_object_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _bulk_object_ids = d.pop("bulk_object_ids", UNSET)
        bulk_object_ids = (
            UNSET
            if isinstance(_bulk_object_ids, Unset)
            else cast(list[str], expect_type(_bulk_object_ids, list, "bulk_object_ids"))
        )

        bulk_object_id_no_passport = cls(
            bulk_object_ids=bulk_object_ids,
        )

        bulk_object_id_no_passport.additional_properties = d
        return bulk_object_id_no_passport

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
