# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="DrsObject")


@_attrs_define
class DrsObject:
    """Metadata of a DRS object and the ways to fetch its bytes.

    Example:
        {'id': '9f2c61e0', 'name': 'sample1.cram', 'self_uri': 'drs://drs.example.org/9f2c61e0', 'size': 12345678901,
            'created_time': '2024-01-15T09:30:00+00:00', 'updated_time': '2024-02-01T08:00:00+00:00', 'version': '1',
            'mime_type': 'application/octet-stream', 'checksums': [{'checksum':
            '0d3f7c58a1e44b8a9f7e2c6b4a1d9e08f3c2b1a0e9d8c7b6a5f4e3d2c1b0a998', 'type': 'sha-256'}, {'checksum':
            '9e107d9d372bb6826bd81d3542a419d6', 'type': 'md5'}], 'access_methods': [{'type': 'https', 'access_url': {'url':
            'https://storage.example.org/public/sample1.cram'}}, {'type': 's3', 'access_id': 's3-us-east-1', 'cloud': 'aws',
            'region': 'us-east-1', 'available': True, 'authorizations': {'drs_object_id': '9f2c61e0', 'supported_types':
            ['BearerAuth'], 'bearer_auth_issuers': ['https://auth.example.org/']}}], 'description': 'Aligned reads of sample
            1.', 'aliases': ['EGAF00001234567']}

    Attributes:
        id (str): ID of the object on this server.
        self_uri (str): Hostname-based `drs://` URI of this object on this server. Example:
            drs://drs.example.org/9f2c61e0.
        size (int): Size in bytes (for a bundle, the sum over its contents).
        created_time (datetime.datetime): When the content (not this JSON) was created, RFC 3339.
        checksums (list[Checksum]): One or more digests of the content. For a bundle: the digest of the sorted,
            concatenated digests of its direct members.
        name (str | Unset): Suggested file name ([A-Za-z0-9.-_]).
        updated_time (datetime.datetime | Unset): When the content was last changed, RFC 3339; equals `created_time`
            where updates are not supported.
        version (str | Unset): Version label of the content (a checksum, a timestamp or a counter).
        mime_type (str | Unset): Media type of the content. Example: application/json.
        access_methods (list[AccessMethod] | Unset): Ways to fetch the bytes. Required for blobs, optional for bundles.
        contents (list[ContentsObject] | Unset): Present only for a bundle (deprecated), listing its members.
        description (str | Unset): Human-readable description of the object.
        aliases (list[str] | Unset): Other names for the object in external metadata systems (accessions, GUIDs).
    """

    id: str
    self_uri: str
    size: int
    created_time: datetime.datetime
    checksums: list[Checksum]
    name: str | Unset = UNSET
    updated_time: datetime.datetime | Unset = UNSET
    version: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    access_methods: list[AccessMethod] | Unset = UNSET
    contents: list[ContentsObject] | Unset = UNSET
    description: str | Unset = UNSET
    aliases: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        self_uri = self.self_uri

        size = self.size

        created_time = self.created_time.isoformat()

        checksums = []
        for checksums_item_data in self.checksums:
            checksums_item = checksums_item_data.to_dict()
            checksums.append(checksums_item)

        name = self.name

        updated_time: str | Unset = UNSET
        if not isinstance(self.updated_time, Unset):
            updated_time = self.updated_time.isoformat()

        version = self.version

        mime_type = self.mime_type

        access_methods: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.access_methods, Unset):
            access_methods = []
            for access_methods_item_data in self.access_methods:
                access_methods_item = access_methods_item_data.to_dict()
                access_methods.append(access_methods_item)

        contents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contents, Unset):
            contents = []
            for contents_item_data in self.contents:
                contents_item = contents_item_data.to_dict()
                contents.append(contents_item)

        description = self.description

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "self_uri": self_uri,
                "size": size,
                "created_time": created_time,
                "checksums": checksums,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if updated_time is not UNSET:
            field_dict["updated_time"] = updated_time
        if version is not UNSET:
            field_dict["version"] = version
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if access_methods is not UNSET:
            field_dict["access_methods"] = access_methods
        if contents is not UNSET:
            field_dict["contents"] = contents
        if description is not UNSET:
            field_dict["description"] = description
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        self_uri = d.pop("self_uri")

        size = expect_type(d.pop("size"), int, "size")

        created_time = datetime.datetime.fromisoformat(d.pop("created_time"))

        checksums = []
        _checksums = expect_type(d.pop("checksums"), list, "checksums")
        for checksums_item_data in _checksums:
            checksums_item = Checksum.from_dict(checksums_item_data)

            checksums.append(checksums_item)

        name = d.pop("name", UNSET)

        _updated_time = d.pop("updated_time", UNSET)
        updated_time: datetime.datetime | Unset
        if isinstance(_updated_time, Unset):
            updated_time = UNSET
        else:
            updated_time = datetime.datetime.fromisoformat(_updated_time)

        version = d.pop("version", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        _access_methods = d.pop("access_methods", UNSET)
        access_methods: list[AccessMethod] | Unset = UNSET
        if _access_methods is not UNSET:
            access_methods = []
            for access_methods_item_data in expect_type(
                _access_methods, list, "access_methods"
            ):
                access_methods_item = AccessMethod.from_dict(access_methods_item_data)

                access_methods.append(access_methods_item)

        _contents = d.pop("contents", UNSET)
        contents: list[ContentsObject] | Unset = UNSET
        if _contents is not UNSET:
            contents = []
            for contents_item_data in expect_type(_contents, list, "contents"):
                contents_item = ContentsObject.from_dict(contents_item_data)

                contents.append(contents_item)

        description = d.pop("description", UNSET)

        _aliases = d.pop("aliases", UNSET)
        aliases = (
            UNSET
            if isinstance(_aliases, Unset)
            else cast(list[str], expect_type(_aliases, list, "aliases"))
        )

        drs_object = cls(
            id=id,
            self_uri=self_uri,
            size=size,
            created_time=created_time,
            checksums=checksums,
            name=name,
            updated_time=updated_time,
            version=version,
            mime_type=mime_type,
            access_methods=access_methods,
            contents=contents,
            description=description,
            aliases=aliases,
        )

        drs_object.additional_properties = d
        return drs_object

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
from ..models.access_method import AccessMethod
from ..models.checksum import Checksum
from ..models.contents_object import ContentsObject
