# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServiceType")


@_attrs_define
class ServiceType:
    """The API a service implements, as a (group, artifact, version) triple.

    Example:
        {'group': 'org.ga4gh', 'artifact': 'data-connect', 'version': '1.0.0'}

    Attributes:
        group (str): Reverse-domain namespace of the API; `org.ga4gh` for GA4GH standards. Example: org.ga4gh.
        artifact (str): Name of the API within the group, for example `drs` or `data-connect`. Example: data-connect.
        version (str): Version of the API (semantic versioning for GA4GH standards). Example: 1.0.0.
    """

    group: str
    artifact: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        artifact = self.artifact

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "artifact": artifact,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        group = d.pop("group")

        artifact = d.pop("artifact")

        version = d.pop("version")

        service_type = cls(
            group=group,
            artifact=artifact,
            version=version,
        )

        service_type.additional_properties = d
        return service_type

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
