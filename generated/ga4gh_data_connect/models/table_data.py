# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="TableData")


@_attrs_define
class TableData:
    """One page of rows. `data_model` comes with the first page that has rows (it may be left
    out when `data` is empty). A page may hold no rows while the query is still running.

        Example:
            {'data_model': {'type': 'object', 'properties': {'region': {'type': 'string'}, 'cases': {'type': 'integer'}}},
                'data': [{'region': 'north', 'cases': 12}, {'region': 'south', 'cases': 7}], 'pagination': {'next_page_url':
                'http://127.0.0.1:8080/data-connect/search/q1?page=2'}}

        Attributes:
            data (list[Any]): The rows of this page, each a JSON value described by `data_model` (usually an object).
            data_model (JsonSchema | Unset): A JSON Schema (draft-07) document describing one row: usually an object schema
                whose
                `properties` are the columns. Kept as a plain JSON object here.
                 Example: {'$id': 'http://127.0.0.1:8080/data-connect/table/demo.public.cases/info', 'description': 'Daily case
                counts.', 'type': 'object', 'properties': {'region': {'type': 'string'}, 'cases': {'type': 'integer'}}}.
            pagination (Pagination | Unset): Where the next page is. Example: {'next_page_url': 'http://127.0.0.1:8080/data-
                connect/search/q1?page=2'}.
            errors (list[Error] | Unset): Problems met while answering. Example: [{'title': 'Table unavailable'}].
    """

    data: list[Any]
    data_model: JsonSchema | Unset = UNSET
    pagination: Pagination | Unset = UNSET
    errors: list[Error] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        data_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data_model, Unset):
            data_model = self.data_model.to_dict()

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

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
                "data": data,
            }
        )
        if data_model is not UNSET:
            field_dict["data_model"] = data_model
        if pagination is not UNSET:
            field_dict["pagination"] = pagination
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data = expect_type(d.pop("data"), list, "data")

        _data_model = d.pop("data_model", UNSET)
        data_model: JsonSchema | Unset
        if isinstance(_data_model, Unset):
            data_model = UNSET
        else:
            data_model = JsonSchema.from_dict(_data_model)

        _pagination = d.pop("pagination", UNSET)
        pagination: Pagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = Pagination.from_dict(_pagination)

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

        table_data = cls(
            data=data,
            data_model=data_model,
            pagination=pagination,
            errors=errors,
        )

        table_data.additional_properties = d
        return table_data

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
from ..models.pagination import Pagination
