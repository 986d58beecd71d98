# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import expect_type

T = TypeVar("T", bound="FederatedQuestionListResponse")


@_attrs_define
class FederatedQuestionListResponse:
    """The questions the caller may ask.

    Example:
        {'questions': [{'id': 'variant-frequency', 'name': 'Variant frequency', 'description': 'How often variants of a
            gene occur in each collection.', 'params': [], 'collections': []}]}

    Attributes:
        questions (list[FederatedQuestion]):
    """

    questions: list[FederatedQuestion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "questions": questions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        questions = []
        _questions = expect_type(d.pop("questions"), list, "questions")
        for questions_item_data in _questions:
            questions_item = FederatedQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        federated_question_list_response = cls(
            questions=questions,
        )

        federated_question_list_response.additional_properties = d
        return federated_question_list_response

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
from ..models.federated_question import FederatedQuestion
