# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="ListTablesResponse")


@_attrs_define
class ListTablesResponse:
    """One page of tables.

    Example:
        {'tables': [{'name': 'demo.public.cases', 'data_model': {'type': 'object', 'properties': {'region': {'type':
            'string'}}}}], 'pagination': {'next_page_url': None}}

    Attributes:
        tables (list[Table]):
        pagination (Pagination | Unset): Where the next page is. Example: {'next_page_url': 'http://127.0.0.1:8080/data-
            connect/search/q1?page=2'}.
        errors (list[Error] | Unset): Problems met while answering. Example: [{'title': 'Table unavailable'}].
    """

    tables: list[Table]
    pagination: Pagination | Unset = UNSET
    errors: list[Error] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

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
                "tables": tables,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tables = []
        _tables = expect_type(d.pop("tables"), list, "tables")
        for tables_item_data in _tables:
            tables_item = Table.from_dict(tables_item_data)

            tables.append(tables_item)

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

        list_tables_response = cls(
            tables=tables,
            pagination=pagination,
            errors=errors,
        )

        list_tables_response.additional_properties = d
        return list_tables_response

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
from ..models.pagination import Pagination
from ..models.table import Table
