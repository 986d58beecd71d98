# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="QuestionParameter")


@_attrs_define
class QuestionParameter:
    """One input of a collection's question.

    Example:
        {'id': 'variants-by-gene.gene', 'name': 'gene', 'label': 'Gene symbol', 'inputType': 'string', 'description':
            'HGNC symbol', 'required': True, 'defaultValue': None, 'testValue': 'BRCA1', 'inputSubtype': None,
            'allowedValues': None, 'table': 'variants', 'column': 'gene', 'values': None, 'multiple': False}

    Attributes:
        name (str): Key of this input in `CollectionQuestionQueryRequest.params`.
        input_type (str): Kind of value expected, for example `string`, `number` or `date`.
        required (bool): Whether a value must be given when asking the question.
        id (None | str | Unset):
        label (None | str | Unset): Text to show next to the input.
        description (None | str | Unset):
        default_value (None | str | Unset): Value used when none is given.
        test_value (None | str | Unset): A value known to give a result.
        input_subtype (None | str | Unset): Refinement of `inputType`, for example `dropdown`.
        allowed_values (None | str | Unset): The accepted values, as one string (often comma-separated).
        table (None | str | Unset): Table the values of this input come from.
        column (None | str | Unset): Column of `table` the values come from.
        values (None | str | Unset): Known values, as one string.
        multiple (bool | None | Unset): Whether several values may be given.
    """

    name: str
    input_type: str
    required: bool
    id: None | str | Unset = UNSET
    label: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    default_value: None | str | Unset = UNSET
    test_value: None | str | Unset = UNSET
    input_subtype: None | str | Unset = UNSET
    allowed_values: None | str | Unset = UNSET
    table: None | str | Unset = UNSET
    column: None | str | Unset = UNSET
    values: None | str | Unset = UNSET
    multiple: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        input_type = self.input_type

        required = self.required

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        default_value: None | str | Unset
        if isinstance(self.default_value, Unset):
            default_value = UNSET
        else:
            default_value = self.default_value

        test_value: None | str | Unset
        if isinstance(self.test_value, Unset):
            test_value = UNSET
        else:
            test_value = self.test_value

        input_subtype: None | str | Unset
        if isinstance(self.input_subtype, Unset):
            input_subtype = UNSET
        else:
            input_subtype = self.input_subtype

        allowed_values: None | str | Unset
        if isinstance(self.allowed_values, Unset):
            allowed_values = UNSET
        else:
            allowed_values = self.allowed_values

        table: None | str | Unset
        if isinstance(self.table, Unset):
            table = UNSET
        else:
            table = self.table

        column: None | str | Unset
        if isinstance(self.column, Unset):
            column = UNSET
        else:
            column = self.column

        values: None | str | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        else:
            values = self.values

        multiple: bool | None | Unset
        if isinstance(self.multiple, Unset):
            multiple = UNSET
        else:
            multiple = self.multiple

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "inputType": input_type,
                "required": required,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if label is not UNSET:
            field_dict["label"] = label
        if description is not UNSET:
            field_dict["description"] = description
        if default_value is not UNSET:
            field_dict["defaultValue"] = default_value
        if test_value is not UNSET:
            field_dict["testValue"] = test_value
        if input_subtype is not UNSET:
            field_dict["inputSubtype"] = input_subtype
        if allowed_values is not UNSET:
            field_dict["allowedValues"] = allowed_values
        if table is not UNSET:
            field_dict["table"] = table
        if column is not UNSET:
            field_dict["column"] = column
        if values is not UNSET:
            field_dict["values"] = values
        if multiple is not UNSET:
            field_dict["multiple"] = multiple

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        input_type = d.pop("inputType")

        required = expect_type(d.pop("required"), bool, "required")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_default_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_value = _parse_default_value(d.pop("defaultValue", UNSET))

        def _parse_test_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        test_value = _parse_test_value(d.pop("testValue", UNSET))

        def _parse_input_subtype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        input_subtype = _parse_input_subtype(d.pop("inputSubtype", UNSET))

        def _parse_allowed_values(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        allowed_values = _parse_allowed_values(d.pop("allowedValues", UNSET))

        def _parse_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        table = _parse_table(d.pop("table", UNSET))

        def _parse_column(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        column = _parse_column(d.pop("column", UNSET))

        def _parse_values(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        values = _parse_values(d.pop("values", UNSET))

        def _parse_multiple(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            multiple_type_0 = expect_type(data, bool, "multiple")

            return multiple_type_0
            return cast(bool | None | Unset, data)

        multiple = _parse_multiple(d.pop("multiple", UNSET))

        question_parameter = cls(
            name=name,
            input_type=input_type,
            required=required,
            id=id,
            label=label,
            description=description,
            default_value=default_value,
            test_value=test_value,
            input_subtype=input_subtype,
            allowed_values=allowed_values,
            table=table,
            column=column,
            values=values,
            multiple=multiple,
        )

        question_parameter.additional_properties = d
        return question_parameter

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
