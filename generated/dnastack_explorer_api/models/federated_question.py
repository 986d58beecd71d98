# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import expect_type

T = TypeVar("T", bound="FederatedQuestion")


@_attrs_define
class FederatedQuestion:
    """A prepared question, its inputs, and the collections it can be asked of.

    Example:
        {'id': 'variant-frequency', 'name': 'Variant frequency', 'description': 'How often variants of a gene occur in
            each collection.', 'params': [{'id': 'p1', 'name': 'gene', 'label': 'Gene symbol', 'inputType': 'string',
            'required': True}], 'collections': [{'id': '5b6f0c1e-0000-4000-8000-000000000001', 'slug': 'covid-cases',
            'name': 'COVID-19 cases', 'questionId': 'variant-frequency'}]}

    Attributes:
        id (str):
        name (str):
        description (str):
        params (list[QuestionParam]):
        collections (list[QuestionCollection]):
    """

    id: str
    name: str
    description: str
    params: list[QuestionParam]
    collections: list[QuestionCollection]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        collections = []
        for collections_item_data in self.collections:
            collections_item = collections_item_data.to_dict()
            collections.append(collections_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "params": params,
                "collections": collections,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        params = []
        _params = expect_type(d.pop("params"), list, "params")
        for params_item_data in _params:
            params_item = QuestionParam.from_dict(params_item_data)

            params.append(params_item)

        collections = []
        _collections = expect_type(d.pop("collections"), list, "collections")
        for collections_item_data in _collections:
            collections_item = QuestionCollection.from_dict(collections_item_data)

            collections.append(collections_item)

        federated_question = cls(
            id=id,
            name=name,
            description=description,
            params=params,
            collections=collections,
        )

        federated_question.additional_properties = d
        return federated_question

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
from ..models.question_collection import QuestionCollection
from ..models.question_param import QuestionParam
