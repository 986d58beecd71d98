# Generated from specs/service-registry.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Body of an error response.

    Example:
        {'status': 404, 'title': 'Not found', 'detail': "No service with id 'org.example.nope'."}

    Attributes:
        status (int): The HTTP status code the server gave this response (repeated for clients behind proxies). Example:
            500.
        title (str): Short summary of the kind of error; the same for every occurrence. Example: Internal server error.
        detail (str | Unset): What went wrong this time. Example: The registry database did not answer..
    """

    status: int
    title: str
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        title = self.title

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "title": title,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = expect_type(d.pop("status"), int, "status")

        title = d.pop("title")

        detail = d.pop("detail", UNSET)

        error = cls(
            status=status,
            title=title,
            detail=detail,
        )

        error.additional_properties = d
        return error

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
