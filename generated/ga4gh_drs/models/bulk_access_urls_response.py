# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="BulkAccessUrlsResponse")


@_attrs_define
class BulkAccessUrlsResponse:
    """Body of a successful `GetBulkAccessURL`.

    Example:
        {'summary': {'requested': 2, 'resolved': 1, 'unresolved': 1}, 'unresolved_drs_objects': [{'error_code': 404,
            'object_ids': ['3c1d8a2b']}], 'resolved_drs_object_access_urls': [{'drs_object_id': '9f2c61e0', 'drs_access_id':
            's3-us-east-1', 'url': 'https://storage.example.org/bucket/9f2c61e0.cram?X-Amz-Signature=3d4f', 'headers':
            ['Authorization: Bearer c2lnbmVkLXRva2Vu']}]}

    Attributes:
        summary (Summary | Unset): Counts for a bulk request. Example: {'requested': 3, 'resolved': 2, 'unresolved': 1}.
        unresolved_drs_objects (list[UnresolvedDrsObject] | Unset): The IDs of a bulk request that were not resolved,
            grouped by error code.
        resolved_drs_object_access_urls (list[BulkAccessURL] | Unset): One URL per resolved object and access ID.
    """

    summary: Summary | Unset = UNSET
    unresolved_drs_objects: list[UnresolvedDrsObject] | Unset = UNSET
    resolved_drs_object_access_urls: list[BulkAccessURL] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = self.summary.to_dict()

        unresolved_drs_objects: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unresolved_drs_objects, Unset):
            unresolved_drs_objects = []
            for componentsschemasunresolved_item_data in self.unresolved_drs_objects:
                componentsschemasunresolved_item = (
                    componentsschemasunresolved_item_data.to_dict()
                )
                unresolved_drs_objects.append(componentsschemasunresolved_item)

        resolved_drs_object_access_urls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.resolved_drs_object_access_urls, Unset):
            resolved_drs_object_access_urls = []
            for (
                resolved_drs_object_access_urls_item_data
            ) in self.resolved_drs_object_access_urls:
                resolved_drs_object_access_urls_item = (
                    resolved_drs_object_access_urls_item_data.to_dict()
                )
                resolved_drs_object_access_urls.append(
                    resolved_drs_object_access_urls_item
                )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if summary is not UNSET:
            field_dict["summary"] = summary
        if unresolved_drs_objects is not UNSET:
            field_dict["unresolved_drs_objects"] = unresolved_drs_objects
        if resolved_drs_object_access_urls is not UNSET:
            field_dict["resolved_drs_object_access_urls"] = (
                resolved_drs_object_access_urls
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _summary = d.pop("summary", UNSET)
        summary: Summary | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = Summary.from_dict(_summary)

        _unresolved_drs_objects = d.pop("unresolved_drs_objects", UNSET)
        unresolved_drs_objects: list[UnresolvedDrsObject] | Unset = UNSET
        if _unresolved_drs_objects is not UNSET:
            unresolved_drs_objects = []
            for componentsschemasunresolved_item_data in expect_type(
                _unresolved_drs_objects, list, "unresolved_drs_objects"
            ):
                componentsschemasunresolved_item = UnresolvedDrsObject.from_dict(
                    componentsschemasunresolved_item_data
                )

                unresolved_drs_objects.append(componentsschemasunresolved_item)

        _resolved_drs_object_access_urls = d.pop(
            "resolved_drs_object_access_urls", UNSET
        )
        resolved_drs_object_access_urls: list[BulkAccessURL] | Unset = UNSET
        if _resolved_drs_object_access_urls is not UNSET:
            resolved_drs_object_access_urls = []
            for resolved_drs_object_access_urls_item_data in expect_type(
                _resolved_drs_object_access_urls,
                list,
                "resolved_drs_object_access_urls",
            ):
                resolved_drs_object_access_urls_item = BulkAccessURL.from_dict(
                    resolved_drs_object_access_urls_item_data
                )

                resolved_drs_object_access_urls.append(
                    resolved_drs_object_access_urls_item
                )

        bulk_access_urls_response = cls(
            summary=summary,
            unresolved_drs_objects=unresolved_drs_objects,
            resolved_drs_object_access_urls=resolved_drs_object_access_urls,
        )

        bulk_access_urls_response.additional_properties = d
        return bulk_access_urls_response

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
from ..models.bulk_access_url import BulkAccessURL
from ..models.summary import Summary
from ..models.unresolved_drs_object import UnresolvedDrsObject
