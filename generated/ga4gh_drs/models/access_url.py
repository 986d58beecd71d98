# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="AccessURL")


@_attrs_define
class AccessURL:
    """A URL that serves an object's bytes, and the headers the request needs.

    Example:
        {'url': 'https://storage.example.org/bucket/9f2c61e0.cram?X-Amz-Signature=3d4f', 'headers': ['Authorization:
            Basic Z2E0Z2g6ZHJz']}

    Attributes:
        url (str): Fetch the bytes from this URL. Example: https://storage.example.org/bucket/9f2c61e0.cram?X-Amz-
            Signature=3d4f.
        headers (list[str] | Unset): HTTP headers, each as `Name: value`, to send with the request to `url`. Example:
            ['Authorization: Basic Z2E0Z2g6ZHJz'].
    """

    url: str
    headers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

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
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        _headers = d.pop("headers", UNSET)
        headers = (
            UNSET
            if isinstance(_headers, Unset)
            else cast(list[str], expect_type(_headers, list, "headers"))
        )

        access_url = cls(
            url=url,
            headers=headers,
        )

        access_url.additional_properties = d
        return access_url

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
