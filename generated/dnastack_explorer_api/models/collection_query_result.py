# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.query_result_status import QueryResultStatus
from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="CollectionQueryResult")


@_attrs_define
class CollectionQueryResult:
    """The answer of one collection.

    Example:
        {'collectionId': '5b6f0c1e-0000-4000-8000-000000000001', 'collectionSlug': 'covid-cases', 'collectionName':
            'COVID-19 cases', 'status': 'ok', 'data': [{'gene': 'BRCA1', 'count': 12}], 'dataModel': {'type': 'object',
            'properties': {'gene': {'type': 'string'}, 'count': {'type': 'integer'}}}, 'error': None}

    Attributes:
        collection_id (str):
        collection_slug (str):
        status (QueryResultStatus): Outcome for one collection. Clients must accept values not listed here. Example: ok.
        data (list[Any]): The rows, each a JSON object; empty when `status` is `error`.
        collection_name (None | str | Unset):
        data_model (JsonSchema | Unset): A JSON Schema document describing the rows (their column names and types).
            Example: {'type': 'object', 'properties': {'gene': {'type': 'string'}, 'count': {'type': 'integer'}}}.
        error (None | str | Unset): Why the collection could not answer, when `status` is `error`.
    """

    collection_id: str
    collection_slug: str
    status: QueryResultStatus
    data: list[Any]
    collection_name: None | str | Unset = UNSET
    data_model: JsonSchema | Unset = UNSET
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collection_id = self.collection_id

        collection_slug = self.collection_slug

        status = self.status.value

        data = self.data

        collection_name: None | str | Unset
        if isinstance(self.collection_name, Unset):
            collection_name = UNSET
        else:
            collection_name = self.collection_name

        data_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data_model, Unset):
            data_model = self.data_model.to_dict()

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collectionId": collection_id,
                "collectionSlug": collection_slug,
                "status": status,
                "data": data,
            }
        )
        if collection_name is not UNSET:
            field_dict["collectionName"] = collection_name
        if data_model is not UNSET:
            field_dict["dataModel"] = data_model
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        collection_id = d.pop("collectionId")

        collection_slug = d.pop("collectionSlug")

        status = QueryResultStatus.from_value(d.pop("status"))

        data = expect_type(d.pop("data"), list, "data")

        def _parse_collection_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        collection_name = _parse_collection_name(d.pop("collectionName", UNSET))

        _data_model = d.pop("dataModel", UNSET)
        data_model: JsonSchema | Unset
        if isinstance(_data_model, Unset):
            data_model = UNSET
        else:
            data_model = JsonSchema.from_dict(_data_model)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        collection_query_result = cls(
            collection_id=collection_id,
            collection_slug=collection_slug,
            status=status,
            data=data,
            collection_name=collection_name,
            data_model=data_model,
            error=error,
        )

        collection_query_result.additional_properties = d
        return collection_query_result

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
from ..models.json_schema import JsonSchema
