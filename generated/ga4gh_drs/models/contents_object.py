# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="ContentsObject")


@_attrs_define
class ContentsObject:
    """A member of a bundle (deprecated bundle model); may itself be a bundle.

    Example:
        {'name': 'reads', 'id': '3c1d8a2b', 'drs_uri': ['drs://drs.example.org/3c1d8a2b'], 'contents': [{'name':
            'sample1.cram', 'id': '5b1e0d7a', 'drs_uri': ['drs://drs.example.org/5b1e0d7a']}]}

    Attributes:
        name (str): File name to use for this member, unique within the bundle ([A-Za-z0-9.-_]).
        id (str | Unset): DRS ID of the member; optional only inside a nested bundle.
        drs_uri (list[str] | Unset): DRS URIs that resolve to this member, possibly on other servers. Example:
            ['drs://drs.example.org/5b1e0d7a'].
        contents (list[ContentsObject] | Unset): Members of a nested bundle, present when the request asked for
            `expand=true`.
    """

    name: str
    id: str | Unset = UNSET
    drs_uri: list[str] | Unset = UNSET
    contents: list[ContentsObject] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        drs_uri: list[str] | Unset = UNSET
        if not isinstance(self.drs_uri, Unset):
            drs_uri = self.drs_uri

        contents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contents, Unset):
            contents = []
            for contents_item_data in self.contents:
                contents_item = contents_item_data.to_dict()
                contents.append(contents_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if drs_uri is not UNSET:
            field_dict["drs_uri"] = drs_uri
        if contents is not UNSET:
            field_dict["contents"] = contents

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        _drs_uri = d.pop("drs_uri", UNSET)
        drs_uri = (
            UNSET
            if isinstance(_drs_uri, Unset)
            else cast(list[str], expect_type(_drs_uri, list, "drs_uri"))
        )

        _contents = d.pop("contents", UNSET)
        contents: list[ContentsObject] | Unset = UNSET
        if _contents is not UNSET:
            contents = []
            for contents_item_data in expect_type(_contents, list, "contents"):
                contents_item = ContentsObject.from_dict(contents_item_data)

                contents.append(contents_item)

        contents_object = cls(
            name=name,
            id=id,
            drs_uri=drs_uri,
            contents=contents,
        )

        contents_object.additional_properties = d
        return contents_object

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
