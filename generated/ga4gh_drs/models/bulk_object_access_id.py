# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="BulkObjectAccessId")


@_attrs_define
class BulkObjectAccessId:
    """Body of `GetBulkAccessURL`.

    Example:
        {'bulk_object_access_ids': [{'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']},
            {'bulk_object_id': '3c1d8a2b', 'bulk_access_ids': ['gs-europe-west4']}]}

    Attributes:
        passports (list[str] | Unset): GA4GH Passports (signed JWTs with visas) that authorize the request.
        bulk_object_access_ids (list[ObjectAccessIds] | Unset): The objects and, for each, the access IDs wanted.
    """

    passports: list[str] | Unset = UNSET
    bulk_object_access_ids: list[ObjectAccessIds] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passports: list[str] | Unset = UNSET
        if not isinstance(self.passports, Unset):
            passports = self.passports

        bulk_object_access_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bulk_object_access_ids, Unset):
            bulk_object_access_ids = []
            for bulk_object_access_ids_item_data in self.bulk_object_access_ids:
                bulk_object_access_ids_item = bulk_object_access_ids_item_data.to_dict()
                bulk_object_access_ids.append(bulk_object_access_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if passports is not UNSET:
            field_dict["passports"] = passports
        if bulk_object_access_ids is not UNSET:
            field_dict["bulk_object_access_ids"] = bulk_object_access_ids

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

        _bulk_object_access_ids = d.pop("bulk_object_access_ids", UNSET)
        bulk_object_access_ids: list[ObjectAccessIds] | Unset = UNSET
        if _bulk_object_access_ids is not UNSET:
            bulk_object_access_ids = []
            for bulk_object_access_ids_item_data in expect_type(
                _bulk_object_access_ids, list, "bulk_object_access_ids"
            ):
                bulk_object_access_ids_item = ObjectAccessIds.from_dict(
                    bulk_object_access_ids_item_data
                )

                bulk_object_access_ids.append(bulk_object_access_ids_item)

        bulk_object_access_id = cls(
            passports=passports,
            bulk_object_access_ids=bulk_object_access_ids,
        )

        bulk_object_access_id.additional_properties = d
        return bulk_object_access_id

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
from ..models.object_access_ids import ObjectAccessIds
