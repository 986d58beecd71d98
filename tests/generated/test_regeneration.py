"""Regeneration end to end: a spec change becomes a model change; drift is detected."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.generated.support import ROOT, generate, generate_service_info, service_info_spec


def test_a_field_added_to_a_spec_appears_in_the_regenerated_model(tmp_path: Path) -> None:
    spec = service_info_spec()
    service = spec["components"]["schemas"]["Service"]
    service["properties"]["favouriteColour"] = {"type": "string", "description": "A new field."}

    generate_service_info(spec, tmp_path)

    probe = (
        "import json, sys\n"
        "from ga4gh_service_info.models import Service\n"
        "payload = json.loads(sys.argv[1])\n"
        "service = Service.from_dict(payload)\n"
        "import ga4gh_service_info\n"
        "print(json.dumps({'value': service.favourite_colour, 'back': service.to_dict(),\n"
        "                  'file': ga4gh_service_info.__file__}))\n"
    )
    payload = spec["components"]["schemas"]["Service"]["example"] | {"favouriteColour": "teal"}
    result = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(payload)],
        cwd=tmp_path / "out",  # the fresh package shadows the installed one
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["file"].startswith(str(tmp_path))
    assert answer["value"] == "teal"
    assert answer["back"]["favouriteColour"] == "teal"


def test_compare_trees_reports_hand_edits_extra_and_missing_files(tmp_path: Path) -> None:
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    (fresh / "pkg").mkdir(parents=True)
    (fresh / "pkg" / "a.py").write_text("x = 1\n")
    (fresh / "pkg" / "gone.py").write_text("y = 2\n")
    shutil.copytree(fresh, committed)
    (committed / "pkg" / "a.py").write_text("x = 2  # hand edit\n")
    (committed / "pkg" / "gone.py").unlink()
    (committed / "pkg" / "extra.py").write_text("z = 3\n")

    problems = generate.compare_trees(fresh, committed)

    assert "differs from what the specs produce: generated/pkg/a.py" in problems
    assert "missing from generated/: pkg/gone.py (run `make generate`)" in problems
    assert any("generated/pkg/extra.py" in problem for problem in problems)
    assert any("hand edit" in problem for problem in problems)


def test_compare_trees_accepts_identical_trees(tmp_path: Path) -> None:
    (tmp_path / "a" / "pkg").mkdir(parents=True)
    (tmp_path / "a" / "pkg" / "m.py").write_text("x = 1\n")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    assert generate.compare_trees(tmp_path / "a", tmp_path / "b") == []


def test_every_generated_file_is_headed_with_its_spec() -> None:
    for target in generate.discover_targets():
        package_dir = ROOT / "generated" / target.package
        files = list(package_dir.rglob("*.py"))
        assert files, f"{package_dir} has no Python files"
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith(f"# Generated from {target.spec_label()} by `make generate`"), (
                path
            )
