# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="FederatedQuestionQueryRequest")


@_attrs_define
class FederatedQuestionQueryRequest:
    """The input values, and optionally which collections to ask.

    Example:
        {'inputs': {'gene': 'BRCA1'}, 'collections': ['5b6f0c1e-0000-4000-8000-000000000001']}

    Attributes:
        inputs (QuestionInputs): Value per input, keyed by `QuestionParam.name`. Every value is sent as a string.
            Example: {'gene': 'BRCA1'}.
        collections (list[str] | Unset): Ids of the collections to query; absent means all of the question's
            collections.
    """

    inputs: QuestionInputs
    collections: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inputs = self.inputs.to_dict()

        collections: list[str] | Unset = UNSET
        if not isinstance(self.collections, Unset):
            collections = self.collections

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputs": inputs,
            }
        )
        if collections is not UNSET:
            field_dict["collections"] = collections

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        inputs = QuestionInputs.from_dict(d.pop("inputs"))

        _collections = d.pop("collections", UNSET)
        collections = (
            UNSET
            if isinstance(_collections, Unset)
            else cast(list[str], expect_type(_collections, list, "collections"))
        )

        federated_question_query_request = cls(
            inputs=inputs,
            collections=collections,
        )

        federated_question_query_request.additional_properties = d
        return federated_question_query_request

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
from ..models.question_inputs import QuestionInputs
