# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import expect_type

T = TypeVar("T", bound="FederatedQuestionQueryResponse")


@_attrs_define
class FederatedQuestionQueryResponse:
    """One result per collection queried, in no particular order.

    Example:
        {'results': [{'collectionId': '5b6f0c1e-0000-4000-8000-000000000001', 'collectionSlug': 'covid-cases', 'status':
            'ok', 'data': [{'gene': 'BRCA1', 'count': 12}]}, {'collectionId': '5b6f0c1e-0000-4000-8000-000000000002',
            'collectionSlug': 'rare-disease', 'status': 'error', 'data': [], 'error': "The collection's data source did not
            answer in time."}]}

    Attributes:
        results (list[CollectionQueryResult]):
    """

    results: list[CollectionQueryResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        results = []
        _results = expect_type(d.pop("results"), list, "results")
        for results_item_data in _results:
            results_item = CollectionQueryResult.from_dict(results_item_data)

            results.append(results_item)

        federated_question_query_response = cls(
            results=results,
        )

        federated_question_query_response.additional_properties = d
        return federated_question_query_response

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
from ..models.collection_query_result import CollectionQueryResult
