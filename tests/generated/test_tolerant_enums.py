"""Unknown enum values (a server on a newer spec version) are kept and round-trip."""

from __future__ import annotations

import inspect
from enum import StrEnum

import pytest

from tests.generated.support import generated_packages

ENUMS = [
    (package.package, name, obj)
    for package in generated_packages()
    for name, obj in vars(package.models).items()
    if inspect.isclass(obj) and issubclass(obj, StrEnum) and obj is not StrEnum
]


def test_the_specs_declare_enums_to_check() -> None:
    assert ENUMS, "expected at least one string enum across the generated packages"


@pytest.mark.parametrize(("package", "name", "enum"), ENUMS, ids=[f"{p}.{n}" for p, n, _ in ENUMS])
def test_unknown_value_is_kept(package: str, name: str, enum: type[StrEnum]) -> None:
    value = enum("x-value-from-a-newer-spec")
    assert value == "x-value-from-a-newer-spec"
    assert str(value) == "x-value-from-a-newer-spec"
    assert not value.is_known  # type: ignore[attr-defined]
    assert "x-value-from-a-newer-spec" not in [member.value for member in enum]


@pytest.mark.parametrize(("package", "name", "enum"), ENUMS, ids=[f"{p}.{n}" for p, n, _ in ENUMS])
def test_known_values_are_the_real_members(package: str, name: str, enum: type[StrEnum]) -> None:
    for member in enum:
        assert enum(member.value) is member
        assert member.is_known  # type: ignore[attr-defined]


def test_unknown_access_method_type_round_trips_through_a_drs_object() -> None:
    from ga4gh_drs.models import DrsObject

    payload = {
        "id": "obj1",
        "self_uri": "drs://drs.example.org/obj1",
        "size": 12,
        "created_time": "2024-01-01T00:00:00+00:00",
        "checksums": [{"checksum": "abc", "type": "sha-256"}],
        "access_methods": [{"type": "azure-blob", "access_id": "a1"}],
    }
    parsed = DrsObject.from_dict(payload)
    assert parsed.to_dict()["access_methods"][0]["type"] == "azure-blob"
