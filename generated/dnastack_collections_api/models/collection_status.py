# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="CollectionStatus")


@_attrs_define
class CollectionStatus:
    """Whether the collection can be queried, and how many items it holds.

    Example:
        {'availability': 'available', 'itemCounts': {'table': 2, 'blob': 1}, 'lastChecked': '2024-05-02T09:30:00+00:00',
            'errors': [], 'validationsStatus': 'VALIDATED', 'missingItems': 0}

    Attributes:
        availability (str): For example `available`, `unavailable` or `pending`. Clients must accept other values.
        item_counts (ItemCounts): Number of items per item type (for example `table`, `blob`). Example: {'table': 2,
            'blob': 1}.
        last_checked (datetime.datetime | None | Unset): When the server last checked the items.
        errors (list[str] | None | Unset): Problems found at the last check, one message each.
        validations_status (None | str | Unset): Outcome of the last check of the items, for example `VALIDATED`,
            `VALIDATION_IN_PROGRESS`, `VALIDATION_STOPPED` or `MISSING_ITEMS`. Clients must
            accept other values.
        missing_items (int | None | Unset): Number of items found missing at the last check.
    """

    availability: str
    item_counts: ItemCounts
    last_checked: datetime.datetime | None | Unset = UNSET
    errors: list[str] | None | Unset = UNSET
    validations_status: None | str | Unset = UNSET
    missing_items: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        availability = self.availability

        item_counts = self.item_counts.to_dict()

        last_checked: None | str | Unset
        if isinstance(self.last_checked, Unset):
            last_checked = UNSET
        elif isinstance(self.last_checked, datetime.datetime):
            last_checked = self.last_checked.isoformat()
        else:
            last_checked = self.last_checked

        errors: list[str] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = self.errors

        else:
            errors = self.errors

        validations_status: None | str | Unset
        if isinstance(self.validations_status, Unset):
            validations_status = UNSET
        else:
            validations_status = self.validations_status

        missing_items: int | None | Unset
        if isinstance(self.missing_items, Unset):
            missing_items = UNSET
        else:
            missing_items = self.missing_items

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "availability": availability,
                "itemCounts": item_counts,
            }
        )
        if last_checked is not UNSET:
            field_dict["lastChecked"] = last_checked
        if errors is not UNSET:
            field_dict["errors"] = errors
        if validations_status is not UNSET:
            field_dict["validationsStatus"] = validations_status
        if missing_items is not UNSET:
            field_dict["missingItems"] = missing_items

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        availability = d.pop("availability")

        item_counts = ItemCounts.from_dict(d.pop("itemCounts"))

        def _parse_last_checked(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_checked_type_0 = datetime.datetime.fromisoformat(data)

                return last_checked_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_checked = _parse_last_checked(d.pop("lastChecked", UNSET))

        def _parse_errors(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = cast(list[str], expect_type(data, list, "errors"))

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_validations_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        validations_status = _parse_validations_status(
            d.pop("validationsStatus", UNSET)
        )

        def _parse_missing_items(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            missing_items_type_0 = expect_type(data, int, "missingItems")

            return missing_items_type_0
            return cast(int | None | Unset, data)

        missing_items = _parse_missing_items(d.pop("missingItems", UNSET))

        collection_status = cls(
            availability=availability,
            item_counts=item_counts,
            last_checked=last_checked,
            errors=errors,
            validations_status=validations_status,
            missing_items=missing_items,
        )

        collection_status.additional_properties = d
        return collection_status

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
from ..models.item_counts import ItemCounts
