"""Generated models: JSON type checks (``expect_type``) and models that refer to each other."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.generated.support import (
    generate_service_info,
    generated_packages,
    service_info_spec,
)


@pytest.mark.parametrize(
    ("value", "expected", "error"),
    [
        (65536, int, None),
        (True, int, "size: expected int, got a boolean"),
        ("12", int, "size: expected int, got str"),
        (None, int, "size: expected int, got NoneType"),
        (1.5, float, None),
        (1, float, None),
        (True, float, "size: expected float, got a boolean"),
        (True, bool, None),
        (1, bool, "size: expected bool, got int"),
        ([1], list, None),
        ("abc", list, "size: expected list, got str"),
        (False, list, "size: expected list, got a boolean"),
    ],
)
def test_expect_type_returns_a_value_of_the_declared_json_type_or_names_the_field(
    value: Any, expected: type, error: str | None
) -> None:
    for package in generated_packages():
        expect_type = importlib.import_module(f"{package.package}.types").expect_type
        if error is None:
            assert expect_type(value, expected, "size") is value
        else:
            with pytest.raises(TypeError) as caught:
                expect_type(value, expected, "size")
            assert str(caught.value) == error


@pytest.fixture(scope="module")
def extended_service_info(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """service-info generated with two models in a cycle and an integer and a string enum."""
    root = tmp_path_factory.mktemp("extended")
    spec = service_info_spec()
    schemas = spec["components"]["schemas"]
    branch = {"$ref": "#/components/schemas/Branch"}
    schemas["Tree"] = {"type": "object", "properties": {"root": branch}}
    schemas["Branch"] = {
        "type": "object",
        "properties": {
            "tree": {"$ref": "#/components/schemas/Tree"},
            "children": {"type": "array", "items": branch},
            "leaves": {"type": "integer"},
            "level": {"$ref": "#/components/schemas/Level"},
            "colour": {"$ref": "#/components/schemas/Colour"},
        },
    }
    schemas["Level"] = {"type": "integer", "enum": [1, 2, 3]}
    schemas["Colour"] = {"type": "string", "enum": ["green", "brown"]}
    return generate_service_info(spec, root)


def _probe(package_root: Path, code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=package_root,  # the fresh package shadows the installed one
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_models_that_refer_to_each_other_in_a_cycle_import_and_parse(
    extended_service_info: Path,
) -> None:
    document = {"root": {"leaves": 2, "children": [{"tree": {"root": {"leaves": 1}}}], "x": 1}}
    for first in ("tree", "branch"):  # either module imported first
        probe = (
            "import json, sys\n"
            f"import ga4gh_service_info.models.{first}\n"
            "from ga4gh_service_info.models import Branch, Tree\n"
            "tree = Tree.from_dict(json.loads(sys.argv[1]))\n"
            "assert isinstance(tree.root.children[0].tree.root, Branch)\n"
            "print(json.dumps(tree.to_dict()))\n"
        )
        assert json.loads(_probe(extended_service_info, probe, json.dumps(document))) == document


def test_enum_values_parse_as_the_enum_class_call_parses_them(extended_service_info: Path) -> None:
    probe = (
        "from ga4gh_service_info.models import Branch, Colour, Level\n"
        "def outcome(parse, value):\n"
        "    try:\n"
        "        member = parse(value)\n"
        "    except ValueError as exc:\n"
        "        return f'ValueError: {exc}'\n"
        "    return f'{member!r} {getattr(member, \"is_known\", None)}'\n"
        "for enum, values in ((Level, [1, 2, True, 7, '1', None, [1]]),\n"
        "                     (Colour, ['green', 'blue', 1, None, [1], Colour.BROWN])):\n"
        "    for value in values:\n"
        "        assert outcome(enum.from_value, value) == outcome(enum, value), value\n"
        "branch = Branch.from_dict({'level': 2, 'colour': 'blue'})\n"
        "print(branch.level is Level.VALUE_2, branch.colour.is_known, branch.to_dict())\n"
    )
    assert _probe(extended_service_info, probe).strip() == (
        "True False {'level': 2, 'colour': 'blue'}"
    )
