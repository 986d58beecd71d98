"""Generated models: JSON type checks (``expect_type``) and models that refer to each other."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.generated.support import ROOT, generate, generated_packages


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


def test_models_that_refer_to_each_other_in_a_cycle_import_and_parse(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "specs" / "service-info.yaml").read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    branch = {"$ref": "#/components/schemas/Branch"}
    schemas["Tree"] = {"type": "object", "properties": {"root": branch}}
    schemas["Branch"] = {
        "type": "object",
        "properties": {
            "tree": {"$ref": "#/components/schemas/Tree"},
            "children": {"type": "array", "items": branch},
            "leaves": {"type": "integer"},
        },
    }
    changed_spec = tmp_path / "specs" / "service-info.yaml"
    changed_spec.parent.mkdir()
    changed_spec.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    target = generate.Target(
        spec=changed_spec,
        config=ROOT / "generator" / "config" / "service-info.yaml",
        package="ga4gh_service_info",
    )
    generate.generate_package(target, tmp_path / "out")

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
        result = subprocess.run(
            [sys.executable, "-c", probe, json.dumps(document)],
            cwd=tmp_path / "out",  # the fresh package shadows the installed one
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == document
