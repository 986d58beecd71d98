# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="SearchRequest")


@_attrs_define
class SearchRequest:
    """A SQL query, with values for its `?` placeholders.

    Example:
        {'query': 'SELECT region, cases FROM demo.public.cases WHERE region = ? AND cases > ?', 'parameters': ['north',
            10]}

    Attributes:
        query (str): The query, in the SQL dialect the standard describes. Example: SELECT region, cases FROM
            demo.public.cases WHERE region = ?.
        parameters (list[Any] | Unset): Values for the `?` placeholders of `query`, in order. Example: ['north'].
    """

    query: str
    parameters: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        parameters: list[Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "query": query,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        query = d.pop("query")

        _parameters = d.pop("parameters", UNSET)
        parameters = (
            UNSET
            if isinstance(_parameters, Unset)
            else expect_type(_parameters, list, "parameters")
        )

        search_request = cls(
            query=query,
            parameters=parameters,
        )

        search_request.additional_properties = d
        return search_request

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
