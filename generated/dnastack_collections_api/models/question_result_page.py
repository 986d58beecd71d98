# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="QuestionResultPage")


@_attrs_define
class QuestionResultPage:
    """One page of a question's rows (the Data Connect `TableData` form).

    Example:
        {'data_model': {'type': 'object', 'properties': {'gene': {'type': 'string'}}}, 'data': [{'gene': 'BRCA1'}],
            'pagination': {'next_page_url': None}}

    Attributes:
        data (list[Any]): The rows, each a JSON object.
        data_model (QuestionResultSchema | Unset): A JSON Schema document describing the rows (their column names and
            types). Example: {'type': 'object', 'properties': {'gene': {'type': 'string'}}}.
        pagination (QuestionResultPagination | Unset): Where the next page of rows is. Example: {'next_page_url':
            '/collection-service/collection/cohort-a/data-connect/search/abc?page=2'}.
    """

    data: list[Any]
    data_model: QuestionResultSchema | Unset = UNSET
    pagination: QuestionResultPagination | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        data_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data_model, Unset):
            data_model = self.data_model.to_dict()

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data = expect_type(d.pop("data"), list, "data")

        _data_model = d.pop("data_model", UNSET)
        data_model: QuestionResultSchema | Unset
        if isinstance(_data_model, Unset):
            data_model = UNSET
        else:
            data_model = QuestionResultSchema.from_dict(_data_model)

        _pagination = d.pop("pagination", UNSET)
        pagination: QuestionResultPagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = QuestionResultPagination.from_dict(_pagination)

        question_result_page = cls(
            data=data,
            data_model=data_model,
            pagination=pagination,
        )

        question_result_page.additional_properties = d
        return question_result_page

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
from ..models.question_result_pagination import QuestionResultPagination
from ..models.question_result_schema import QuestionResultSchema
