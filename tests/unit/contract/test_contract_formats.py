"""Every format the runner enforces bites: a bad value is reported, a good one is not.

Draft 4 (OpenAPI 3.0) validators treat ``format`` as an annotation; the runner registers
its own checkers (``dnastack.contract.formats``) in the validator ``SpecDocument.check``
uses for ``format_conformance``. One case per format, through that validator.
"""

from __future__ import annotations

from typing import Any

import pytest

from dnastack.contract.formats import FORMAT_CHECKS, INTEGER_FORMATS
from dnastack.contract.spec_document import SpecDocument

GOOD_AND_BAD: dict[str, tuple[object, object]] = {
    "uri": ("https://example.org/a?b=c", "not a uri"),
    "uri-reference": ("/data-connect/search/q?page=2", "next page, please"),
    "url": ("drs://example.org/abc", "/relative/only"),
    "date-time": ("2024-02-29T13:45:30.5Z", "2024-02-29 13:45"),
    "date": ("2024-02-29", "2023-02-29"),
    "email": ("someone@example.org", "someone"),
    "uuid": ("123e4567-e89b-12d3-a456-426614174000", "123e4567"),
    "int32": (2**31 - 1, 2**31),
    "int64": (-(2**63), 2**64),
}


def _document(fmt: str, kind: str) -> SpecDocument:
    schema = {"type": "object", "properties": {"value": {"type": kind, "format": fmt}}}
    return SpecDocument(
        {
            "openapi": "3.0.3",
            "paths": {
                "/thing": {
                    "get": {
                        "responses": {
                            "200": {
                                "description": "a thing",
                                "content": {"application/json": {"schema": schema}},
                            }
                        }
                    }
                }
            },
        }
    )


def test_every_enforced_format_has_a_case() -> None:
    assert set(GOOD_AND_BAD) == set(FORMAT_CHECKS) | set(INTEGER_FORMATS)


@pytest.mark.parametrize("fmt", sorted(GOOD_AND_BAD))
def test_format_bites(fmt: str) -> None:
    good, bad = GOOD_AND_BAD[fmt]
    kind = "integer" if fmt in INTEGER_FORMATS else "string"
    document = _document(fmt, kind)
    schema = document.response_schema("GET", "/thing", 200)
    assert schema is not None

    accepted = document.check({"value": good}, schema)
    rejected = document.check({"value": bad}, schema)

    assert accepted.structure == [] and accepted.formats == []
    assert rejected.structure == []  # the structure is right: only the format is wrong
    assert len(rejected.formats) == 1 and rejected.formats[0].startswith("/value: ")


def test_a_format_inside_a_nullable_anyof_is_explained() -> None:
    document = SpecDocument({"components": {}})
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {"at": {"type": "string", "format": "date-time", "nullable": True}},
    }
    assert document.check({"at": None}, schema).formats == []
    assert document.check({"at": "yesterday"}, schema).formats == [
        '/at: "yesterday" is not a "date-time"'
    ]


def test_unknown_formats_are_annotations() -> None:
    document = SpecDocument({})
    schema = {"type": "string", "format": "varchar"}
    assert document.check("anything", schema).formats == []
