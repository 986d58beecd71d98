# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The body of a response when nothing of the request could be done.

    Example:
        {'errors': [{'title': 'Invalid query', 'detail': 'Syntax error at line 1, column 8.'}]}

    Attributes:
        errors (list[Error] | Unset): Problems met while answering. Example: [{'title': 'Table unavailable'}].
    """

    errors: list[Error] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for componentsschemas_error_list_item_data in self.errors:
                componentsschemas_error_list_item = (
                    componentsschemas_error_list_item_data.to_dict()
                )
                errors.append(componentsschemas_error_list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _errors = d.pop("errors", UNSET)
        errors: list[Error] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for componentsschemas_error_list_item_data in expect_type(
                _errors, list, "errors"
            ):
                componentsschemas_error_list_item = Error.from_dict(
                    componentsschemas_error_list_item_data
                )

                errors.append(componentsschemas_error_list_item)

        error_response = cls(
            errors=errors,
        )

        error_response.additional_properties = d
        return error_response

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
from ..models.error import Error
