# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """One problem met while answering.

    Example:
        {'source': 'demo.public', 'title': 'Table unavailable', 'detail': 'The data source did not answer.'}

    Attributes:
        title (str): Short summary of the kind of problem; the same for every occurrence. Example: Table unavailable.
        source (str | Unset): Present only when the problem came from a data source behind the service: the name
            of the table concerned, or a prefix of it ending just before a `.`. Absent for bad
            requests and for failures of the service itself.
        detail (str | Unset): What went wrong this time.
    """

    title: str
    source: str | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        source = self.source

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        source = d.pop("source", UNSET)

        detail = d.pop("detail", UNSET)

        error = cls(
            title=title,
            source=source,
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
