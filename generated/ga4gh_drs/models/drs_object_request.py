# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="DrsObjectRequest")


@_attrs_define
class DrsObjectRequest:
    """Body of `PostObject`.

    Example:
        {'expand': False, 'passports':
            ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJnYTRnaF9wYXNzcG9ydF92MSI6W119.c2lnbmF0dXJl']}

    Attributes:
        expand (bool | Unset): Same meaning as the `expand` query parameter of `GetObject`. Example: False.
        passports (list[str] | Unset): GA4GH Passports (signed JWTs with visas) that authorize the request.
    """

    expand: bool | Unset = UNSET
    passports: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expand = self.expand

        passports: list[str] | Unset = UNSET
        if not isinstance(self.passports, Unset):
            passports = self.passports

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expand is not UNSET:
            field_dict["expand"] = expand
        if passports is not UNSET:
            field_dict["passports"] = passports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _expand = d.pop("expand", UNSET)
        expand: bool | Unset
        if isinstance(_expand, Unset):
            expand = UNSET
        else:
            expand = expect_type(_expand, bool, "expand")

        _passports = d.pop("passports", UNSET)
        passports = (
            UNSET
            if isinstance(_passports, Unset)
            else cast(list[str], expect_type(_passports, list, "passports"))
        )

        drs_object_request = cls(
            expand=expand,
            passports=passports,
        )

        drs_object_request.additional_properties = d
        return drs_object_request

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
