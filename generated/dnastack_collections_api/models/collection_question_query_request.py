# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CollectionQuestionQueryRequest")


@_attrs_define
class CollectionQuestionQueryRequest:
    """The parameter values to ask a question with.

    Example:
        {'params': {'gene': 'BRCA1'}}

    Attributes:
        params (QuestionParams): Value per parameter, keyed by `QuestionParameter.name`; every value is a string.
            Example: {'gene': 'BRCA1'}.
    """

    params: QuestionParams
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "params": params,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        params = QuestionParams.from_dict(d.pop("params"))

        collection_question_query_request = cls(
            params=params,
        )

        collection_question_query_request.additional_properties = d
        return collection_question_query_request

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
from ..models.question_params import QuestionParams
