# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="CollectionQuestion")


@_attrs_define
class CollectionQuestion:
    """A parameterised query published within one collection.

    Example:
        {'id': 'variants-by-gene', 'name': 'Variants by gene', 'description': 'How many variants of a gene the
            collection holds, per chromosome.', 'collectionId': '5b6f0c1e-0000-4000-8000-000000000001', 'parameters':
            [{'name': 'gene', 'inputType': 'string', 'required': True}]}

    Attributes:
        id (str):
        name (str):
        collection_id (str): The `id` of the collection the question belongs to.
        description (None | str | Unset):
        parameters (list[QuestionParameter] | Unset):
    """

    id: str
    name: str
    collection_id: str
    description: None | str | Unset = UNSET
    parameters: list[QuestionParameter] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        collection_id = self.collection_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "collectionId": collection_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        collection_id = d.pop("collectionId")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: list[QuestionParameter] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in expect_type(_parameters, list, "parameters"):
                parameters_item = QuestionParameter.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        collection_question = cls(
            id=id,
            name=name,
            collection_id=collection_id,
            description=description,
            parameters=parameters,
        )

        collection_question.additional_properties = d
        return collection_question

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
from ..models.question_parameter import QuestionParameter
