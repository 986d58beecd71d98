# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QuestionCollection")


@_attrs_define
class QuestionCollection:
    """A collection a question can run against.

    Example:
        {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'slug': 'covid-cases', 'name': 'COVID-19 cases', 'questionId':
            'variant-frequency'}

    Attributes:
        id (str): The collection's `id` (as in the Collection Service).
        slug (str): The collection's `slugName`.
        name (str): The collection's display name.
        question_id (str): The question this entry belongs to.
    """

    id: str
    slug: str
    name: str
    question_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        question_id = self.question_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "questionId": question_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        question_id = d.pop("questionId")

        question_collection = cls(
            id=id,
            slug=slug,
            name=name,
            question_id=question_id,
        )

        question_collection.additional_properties = d
        return question_collection

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
