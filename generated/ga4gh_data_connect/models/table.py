# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="Table")


@_attrs_define
class Table:
    """A table offered by this service.

    Example:
        {'name': 'demo.public.cases', 'description': 'Daily case counts.', 'data_model': {'type': 'object',
            'properties': {'region': {'type': 'string'}, 'cases': {'type': 'integer'}}}}

    Attributes:
        name (str): Name of the table, unique within the service; often two or three dot-separated parts. Example:
            demo.public.cases.
        data_model (JsonSchema): A JSON Schema (draft-07) document describing one row: usually an object schema whose
            `properties` are the columns. Kept as a plain JSON object here.
             Example: {'$id': 'http://127.0.0.1:8080/data-connect/table/demo.public.cases/info', 'description': 'Daily case
            counts.', 'type': 'object', 'properties': {'region': {'type': 'string'}, 'cases': {'type': 'integer'}}}.
        description (str | Unset): What the table holds.
        errors (list[Error] | Unset): Problems met while answering. Example: [{'title': 'Table unavailable'}].
    """

    name: str
    data_model: JsonSchema
    description: str | Unset = UNSET
    errors: list[Error] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data_model = self.data_model.to_dict()

        description = self.description

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
        field_dict.update(
            {
                "name": name,
                "data_model": data_model,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        data_model = JsonSchema.from_dict(d.pop("data_model"))

        description = d.pop("description", UNSET)

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

        table = cls(
            name=name,
            data_model=data_model,
            description=description,
            errors=errors,
        )

        table.additional_properties = d
        return table

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
from ..models.json_schema import JsonSchema
