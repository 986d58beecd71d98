# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="UnresolvedDrsObject")


@_attrs_define
class UnresolvedDrsObject:
    """IDs from a bulk request that failed, grouped by error code.

    Example:
        {'error_code': 404, 'object_ids': ['7d0a44c9']}

    Attributes:
        error_code (int | Unset): The HTTP status code the IDs would have got on their own (such as 404).
        object_ids (list[str] | Unset): The IDs that failed with this code.
    """

    error_code: int | Unset = UNSET
    object_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        object_ids: list[str] | Unset = UNSET
        if not isinstance(self.object_ids, Unset):
            object_ids = self.object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if object_ids is not UNSET:
            field_dict["object_ids"] = object_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _error_code = d.pop("error_code", UNSET)
        error_code: int | Unset
        if isinstance(_error_code, Unset):
            error_code = UNSET
        else:
            error_code = expect_type(_error_code, int, "error_code")

        _object_ids = d.pop("object_ids", UNSET)
        object_ids = (
            UNSET
            if isinstance(_object_ids, Unset)
            else cast(list[str], expect_type(_object_ids, list, "object_ids"))
        )

        unresolved_drs_object = cls(
            error_code=error_code,
            object_ids=object_ids,
        )

        unresolved_drs_object.additional_properties = d
        return unresolved_drs_object

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
