# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="BulkAccessURL")


@_attrs_define
class BulkAccessURL:
    """An `AccessURL` for one object and access ID of a bulk request.

    Example:
        {'drs_object_id': '9f2c61e0', 'drs_access_id': 's3-us-east-1', 'url':
            'https://storage.example.org/bucket/9f2c61e0.cram?X-Amz-Signature=3d4f'}

    Attributes:
        url (str): Fetch the bytes from this URL.
        drs_object_id (str | Unset): The object the URL serves.
        drs_access_id (str | Unset): The access ID the URL was made for.
        headers (list[str] | Unset): HTTP headers, each as `Name: value`, to send with the request to `url`. Example:
            ['Authorization: Bearer c2lnbmVkLXRva2Vu'].
    """

    url: str
    drs_object_id: str | Unset = UNSET
    drs_access_id: str | Unset = UNSET
    headers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        drs_object_id = self.drs_object_id

        drs_access_id = self.drs_access_id

        headers: list[str] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if drs_object_id is not UNSET:
            field_dict["drs_object_id"] = drs_object_id
        if drs_access_id is not UNSET:
            field_dict["drs_access_id"] = drs_access_id
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        drs_object_id = d.pop("drs_object_id", UNSET)

        drs_access_id = d.pop("drs_access_id", UNSET)

        _headers = d.pop("headers", UNSET)
        headers = (
            UNSET
            if isinstance(_headers, Unset)
            else cast(list[str], expect_type(_headers, list, "headers"))
        )

        bulk_access_url = cls(
            url=url,
            drs_object_id=drs_object_id,
            drs_access_id=drs_access_id,
            headers=headers,
        )

        bulk_access_url.additional_properties = d
        return bulk_access_url

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
