# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OtlpPartialSuccess")


@_attrs_define
class OtlpPartialSuccess:
    """How many records were rejected, and why.

    Example:
        {'rejectedLogRecords': '0', 'errorMessage': None}

    Attributes:
        rejected_log_records (None | str | Unset): Number of rejected records (an int64, as a decimal string in the OTLP
            JSON encoding).
        error_message (None | str | Unset):
    """

    rejected_log_records: None | str | Unset = UNSET
    error_message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rejected_log_records: None | str | Unset
        if isinstance(self.rejected_log_records, Unset):
            rejected_log_records = UNSET
        else:
            rejected_log_records = self.rejected_log_records

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rejected_log_records is not UNSET:
            field_dict["rejectedLogRecords"] = rejected_log_records
        if error_message is not UNSET:
            field_dict["errorMessage"] = error_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_rejected_log_records(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rejected_log_records = _parse_rejected_log_records(
            d.pop("rejectedLogRecords", UNSET)
        )

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("errorMessage", UNSET))

        otlp_partial_success = cls(
            rejected_log_records=rejected_log_records,
            error_message=error_message,
        )

        otlp_partial_success.additional_properties = d
        return otlp_partial_success

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
