# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Checksum")


@_attrs_define
class Checksum:
    """A digest of an object's bytes.

    Example:
        {'checksum': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'type': 'sha-256'}

    Attributes:
        checksum (str): The digest, hex-encoded. Example:
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.
        type_ (str): Digest algorithm, preferably a hash name from the IANA Named Information registry
            (`sha-256`); where the storage offers only another algorithm, one of the usual names
            (`sha1`, `md5`, `crc32c`, `etag`, `trunc512`). Example: sha-256.
    """

    checksum: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checksum = self.checksum

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checksum": checksum,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        checksum = d.pop("checksum")

        type_ = d.pop("type")

        checksum = cls(
            checksum=checksum,
            type_=type_,
        )

        checksum.additional_properties = d
        return checksum

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
