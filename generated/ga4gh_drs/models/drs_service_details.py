# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="DrsServiceDetails")


@_attrs_define
class DrsServiceDetails:
    """DRS limits and statistics reported under the `drs` key of service-info.

    Example:
        {'maxBulkRequestLength': 500, 'objectCount': 774560, 'totalObjectSize': 4018437188907752}

    Attributes:
        max_bulk_request_length (int): Largest number of IDs a bulk request may carry before the server answers 413.
            Example: 500.
        object_count (int | Unset): Number of objects this server holds. Example: 774560.
        total_object_size (int | Unset): Total size in bytes of the objects held, counting each unique object once.
            Example: 4018437188907752.
    """

    max_bulk_request_length: int
    object_count: int | Unset = UNSET
    total_object_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_bulk_request_length = self.max_bulk_request_length

        object_count = self.object_count

        total_object_size = self.total_object_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "maxBulkRequestLength": max_bulk_request_length,
            }
        )
        if object_count is not UNSET:
            field_dict["objectCount"] = object_count
        if total_object_size is not UNSET:
            field_dict["totalObjectSize"] = total_object_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_bulk_request_length = expect_type(
            d.pop("maxBulkRequestLength"), int, "maxBulkRequestLength"
        )

        _object_count = d.pop("objectCount", UNSET)
        object_count: int | Unset
        if isinstance(_object_count, Unset):
            object_count = UNSET
        else:
            object_count = expect_type(_object_count, int, "objectCount")

        _total_object_size = d.pop("totalObjectSize", UNSET)
        total_object_size: int | Unset
        if isinstance(_total_object_size, Unset):
            total_object_size = UNSET
        else:
            total_object_size = expect_type(_total_object_size, int, "totalObjectSize")

        drs_service_details = cls(
            max_bulk_request_length=max_bulk_request_length,
            object_count=object_count,
            total_object_size=total_object_size,
        )

        drs_service_details.additional_properties = d
        return drs_service_details

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
