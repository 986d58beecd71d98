# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="DrsService")


@_attrs_define
class DrsService:
    """The DRS additions to service-info. A DRS server must also report `type.artifact` =
    `drs`; `type` is not repeated here (it comes from `Service`), so code checks that value.

        Example:
            {'maxBulkRequestLength': 500, 'drs': {'maxBulkRequestLength': 500, 'objectCount': 774560, 'totalObjectSize':
                4018437188907752}}

        Attributes:
            max_bulk_request_length (int): Deprecated location (moves under `drs` in DRS 2.0). Largest number of IDs a bulk
                request may carry before the server answers 413. Example: 500.
            drs (DrsServiceDetails | Unset): DRS limits and statistics reported under the `drs` key of service-info.
                Example: {'maxBulkRequestLength': 500, 'objectCount': 774560, 'totalObjectSize': 4018437188907752}.
    """

    max_bulk_request_length: int
    drs: DrsServiceDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_bulk_request_length = self.max_bulk_request_length

        drs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.drs, Unset):
            drs = self.drs.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "maxBulkRequestLength": max_bulk_request_length,
            }
        )
        if drs is not UNSET:
            field_dict["drs"] = drs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_bulk_request_length = expect_type(
            d.pop("maxBulkRequestLength"), int, "maxBulkRequestLength"
        )

        _drs = d.pop("drs", UNSET)
        drs: DrsServiceDetails | Unset
        if isinstance(_drs, Unset):
            drs = UNSET
        else:
            drs = DrsServiceDetails.from_dict(_drs)

        drs_service = cls(
            max_bulk_request_length=max_bulk_request_length,
            drs=drs,
        )

        drs_service.additional_properties = d
        return drs_service

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
from ..models.drs_service_details import DrsServiceDetails
