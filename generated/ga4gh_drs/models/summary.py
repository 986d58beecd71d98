# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="Summary")


@_attrs_define
class Summary:
    """Counts for a bulk request.

    Example:
        {'requested': 3, 'resolved': 2, 'unresolved': 1}

    Attributes:
        requested (int | Unset): IDs in the request.
        resolved (int | Unset): IDs that were resolved.
        unresolved (int | Unset): IDs that were not resolved.
    """

    requested: int | Unset = UNSET
    resolved: int | Unset = UNSET
    unresolved: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requested = self.requested

        resolved = self.resolved

        unresolved = self.unresolved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if requested is not UNSET:
            field_dict["requested"] = requested
        if resolved is not UNSET:
            field_dict["resolved"] = resolved
        if unresolved is not UNSET:
            field_dict["unresolved"] = unresolved

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _requested = d.pop("requested", UNSET)
        requested: int | Unset
        if isinstance(_requested, Unset):
            requested = UNSET
        else:
            requested = expect_type(_requested, int, "requested")

        _resolved = d.pop("resolved", UNSET)
        resolved: int | Unset
        if isinstance(_resolved, Unset):
            resolved = UNSET
        else:
            resolved = expect_type(_resolved, int, "resolved")

        _unresolved = d.pop("unresolved", UNSET)
        unresolved: int | Unset
        if isinstance(_unresolved, Unset):
            unresolved = UNSET
        else:
            unresolved = expect_type(_unresolved, int, "unresolved")

        summary = cls(
            requested=requested,
            resolved=resolved,
            unresolved=unresolved,
        )

        summary.additional_properties = d
        return summary

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
