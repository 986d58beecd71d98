# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="BulkObjectId")


@_attrs_define
class BulkObjectId:
    """Body of `GetBulkObjects`.

    Example:
        {'bulk_object_ids': ['9f2c61e0', '3c1d8a2b']}

    Attributes:
        passports (list[str] | Unset): GA4GH Passports (signed JWTs with visas) that authorize the request.
        bulk_object_ids (list[str] | Unset): IDs of the objects to resolve.
    """

    passports: list[str] | Unset = UNSET
    bulk_object_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passports: list[str] | Unset = UNSET
        if not isinstance(self.passports, Unset):
            passports = self.passports

        bulk_object_ids: list[str] | Unset = UNSET
        if not isinstance(self.bulk_object_ids, Unset):
            bulk_object_ids = self.bulk_object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if passports is not UNSET:
            field_dict["passports"] = passports
        if bulk_object_ids is not UNSET:
            field_dict["bulk_object_ids"] = bulk_object_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _passports = d.pop("passports", UNSET)
        passports = (
            UNSET
            if isinstance(_passports, Unset)
            else cast(list[str], expect_type(_passports, list, "passports"))
        )

        _bulk_object_ids = d.pop("bulk_object_ids", UNSET)
        bulk_object_ids = (
            UNSET
            if isinstance(_bulk_object_ids, Unset)
            else cast(list[str], expect_type(_bulk_object_ids, list, "bulk_object_ids"))
        )

        bulk_object_id = cls(
            passports=passports,
            bulk_object_ids=bulk_object_ids,
        )

        bulk_object_id.additional_properties = d
        return bulk_object_id

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
