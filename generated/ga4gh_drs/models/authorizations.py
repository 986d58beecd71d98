# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.authorization_type import AuthorizationType
from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="Authorizations")


@_attrs_define
class Authorizations:
    """How requests for an object are authorized.

    Example:
        {'drs_object_id': '9f2c61e0', 'supported_types': ['PassportAuth', 'BearerAuth'], 'passport_auth_issuers':
            ['https://login.example.org/'], 'bearer_auth_issuers': ['https://auth.example.org/']}

    Attributes:
        drs_object_id (str | Unset): The object these authorizations apply to.
        supported_types (list[AuthorizationType] | Unset): Accepted schemes, to be tried in order. Empty or missing
            means `None`.
        passport_auth_issuers (list[str] | Unset): With `PassportAuth`: the visa issuers (`iss`) the server trusts. Send
            only
            passports whose visas come from these issuers.
        bearer_auth_issuers (list[str] | Unset): With `BearerAuth`: the token issuers the server trusts. Empty or
            missing means the
            caller must know which token to send.
    """

    drs_object_id: str | Unset = UNSET
    supported_types: list[AuthorizationType] | Unset = UNSET
    passport_auth_issuers: list[str] | Unset = UNSET
    bearer_auth_issuers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        drs_object_id = self.drs_object_id

        supported_types: list[str] | Unset = UNSET
        if not isinstance(self.supported_types, Unset):
            supported_types = []
            for supported_types_item_data in self.supported_types:
                supported_types_item = supported_types_item_data.value
                supported_types.append(supported_types_item)

        passport_auth_issuers: list[str] | Unset = UNSET
        if not isinstance(self.passport_auth_issuers, Unset):
            passport_auth_issuers = self.passport_auth_issuers

        bearer_auth_issuers: list[str] | Unset = UNSET
        if not isinstance(self.bearer_auth_issuers, Unset):
            bearer_auth_issuers = self.bearer_auth_issuers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if drs_object_id is not UNSET:
            field_dict["drs_object_id"] = drs_object_id
        if supported_types is not UNSET:
            field_dict["supported_types"] = supported_types
        if passport_auth_issuers is not UNSET:
            field_dict["passport_auth_issuers"] = passport_auth_issuers
        if bearer_auth_issuers is not UNSET:
            field_dict["bearer_auth_issuers"] = bearer_auth_issuers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        drs_object_id = d.pop("drs_object_id", UNSET)

        _supported_types = d.pop("supported_types", UNSET)
        supported_types: list[AuthorizationType] | Unset = UNSET
        if _supported_types is not UNSET:
            supported_types = []
            for supported_types_item_data in expect_type(
                _supported_types, list, "supported_types"
            ):
                supported_types_item = AuthorizationType.from_value(
                    supported_types_item_data
                )

                supported_types.append(supported_types_item)

        _passport_auth_issuers = d.pop("passport_auth_issuers", UNSET)
        passport_auth_issuers = (
            UNSET
            if isinstance(_passport_auth_issuers, Unset)
            else cast(
                list[str],
                expect_type(_passport_auth_issuers, list, "passport_auth_issuers"),
            )
        )

        _bearer_auth_issuers = d.pop("bearer_auth_issuers", UNSET)
        bearer_auth_issuers = (
            UNSET
            if isinstance(_bearer_auth_issuers, Unset)
            else cast(
                list[str],
                expect_type(_bearer_auth_issuers, list, "bearer_auth_issuers"),
            )
        )

        authorizations = cls(
            drs_object_id=drs_object_id,
            supported_types=supported_types,
            passport_auth_issuers=passport_auth_issuers,
            bearer_auth_issuers=bearer_auth_issuers,
        )

        authorizations.additional_properties = d
        return authorizations

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
