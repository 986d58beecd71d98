# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OtlpLogsResponse")


@_attrs_define
class OtlpLogsResponse:
    """An OTLP `ExportLogsServiceResponse`; empty when every record was accepted.

    Example:
        {}

    Attributes:
        partial_success (OtlpPartialSuccess | Unset): How many records were rejected, and why. Example:
            {'rejectedLogRecords': '0', 'errorMessage': None}.
    """

    partial_success: OtlpPartialSuccess | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partial_success: dict[str, Any] | Unset = UNSET
        if not isinstance(self.partial_success, Unset):
            partial_success = self.partial_success.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if partial_success is not UNSET:
            field_dict["partialSuccess"] = partial_success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _partial_success = d.pop("partialSuccess", UNSET)
        partial_success: OtlpPartialSuccess | Unset
        if isinstance(_partial_success, Unset):
            partial_success = UNSET
        else:
            partial_success = OtlpPartialSuccess.from_dict(_partial_success)

        otlp_logs_response = cls(
            partial_success=partial_success,
        )

        otlp_logs_response.additional_properties = d
        return otlp_logs_response

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
from ..models.otlp_partial_success import OtlpPartialSuccess
