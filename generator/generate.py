#!/usr/bin/env python3
"""Turn ``specs/*.yaml`` into the packages under ``generated/`` (``make generate``).

Each ``generator/config/<name>.yaml`` pairs with ``specs/<name>.yaml`` and names the output
package (``package_name_override``). Every package is deleted and generated anew with the
pinned openapi-python-client, our template overlays and ``--fail-on-warning``; the post-hooks
run the pinned ruff in isolation, so the output does not depend on the machine.

``--check`` (``make check-generated``) generates into a scratch folder instead and fails on any
difference from ``generated/`` and on any untracked file there: nobody edits generated code by
hand, and no spec change lands without its regenerated code.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_DIR = ROOT / "generator"
CONFIG_DIR = GENERATOR_DIR / "config"
TEMPLATE_DIR = GENERATOR_DIR / "templates"
SPEC_DIR = ROOT / "specs"
GENERATED_DIR = ROOT / "generated"
SPEC_RESOURCE = "openapi.yaml"
# The one header line, shared with the templates.
HEADER_TEMPLATE = TEMPLATE_DIR / "generated_header.jinja"
MAX_DIFF_LINES = 40


class GenerationError(RuntimeError):
    """openapi-python-client failed or warned on a spec."""


@dataclass(frozen=True)
class Target:
    """One spec and the package generated from it."""

    spec: Path
    config: Path
    package: str

    def spec_label(self, root: Path = ROOT) -> str:
        """The spec path as written into headers: relative to the repo when inside it."""
        try:
            return self.spec.resolve().relative_to(root).as_posix()
        except ValueError:
            return self.spec.as_posix()


def check_toolchain(requirements: Path = GENERATOR_DIR / "requirements.txt") -> None:
    """Fail unless the installed generator and ruff are exactly the pinned versions."""
    from importlib.metadata import PackageNotFoundError, version

    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, pinned = line.partition("==")
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        if installed != pinned:
            raise GenerationError(
                f"{name} {installed} is installed but {requirements.name} pins {pinned}:"
                " run `make install`"
            )


def discover_targets(config_dir: Path = CONFIG_DIR, spec_dir: Path = SPEC_DIR) -> list[Target]:
    """One target per ``config_dir/<name>.yaml`` whose spec ``spec_dir/<name>.yaml`` exists."""
    targets = []
    for config in sorted(config_dir.glob("*.yaml")):
        spec = spec_dir / config.name
        if not spec.is_file():
            raise GenerationError(f"{config}: no spec {spec} for this generator config")
        settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        package = settings.get("package_name_override")
        if not isinstance(package, str) or not package.isidentifier():
            raise GenerationError(f"{config}: package_name_override must be a Python identifier")
        targets.append(Target(spec=spec, config=config, package=package))
    return targets


def generate_package(target: Target, out_dir: Path, template_dir: Path = TEMPLATE_DIR) -> Path:
    """Generate ``target`` into ``out_dir/<package>`` (deleted first); return the package path."""
    package_dir = out_dir / target.package
    shutil.rmtree(package_dir, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    tool_bin = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{tool_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(tool_bin / "openapi-python-client"),
        "generate",
        "--path",
        target.spec_label(),
        "--config",
        str(target.config),
        "--custom-template-path",
        str(template_dir),
        "--meta",
        "none",
        "--output-path",
        str(package_dir),
        "--fail-on-warning",
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GenerationError(
            f"openapi-python-client failed on {target.spec_label()} (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    _write_spec_module(target, package_dir, env)
    (package_dir / "py.typed").write_text("", encoding="utf-8")
    shutil.copyfile(target.spec, package_dir / SPEC_RESOURCE)  # the spec ships with its package
    return package_dir


def _write_spec_module(target: Target, package_dir: Path, env: dict[str, str]) -> None:
    """Write ``_spec.py``: the title, version and sha-256 of the spec the package came from."""
    raw = target.spec.read_bytes()
    info = (yaml.safe_load(raw) or {}).get("info", {})
    label = target.spec_label()
    module = package_dir / "_spec.py"
    header = HEADER_TEMPLATE.read_text(encoding="utf-8")
    header = header.replace("{{ config.document_source }}", label)
    module.write_text(
        header
        + '"""The OpenAPI document this package was generated from."""\n\n'
        + f"SPEC_PATH = {json.dumps(label)}\n"
        + f"SPEC_TITLE = {json.dumps(str(info.get('title', '')))}\n"
        + f"SPEC_VERSION = {json.dumps(str(info.get('version', '')))}\n"
        + f"SPEC_SHA256 = {json.dumps(hashlib.sha256(raw).hexdigest())}\n"
        + f"SPEC_RESOURCE = {json.dumps(SPEC_RESOURCE)}  # the spec, shipped beside\n",
        encoding="utf-8",
    )
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run(
        [str(ruff), "format", "--isolated", "--no-cache", "--quiet", str(module)],
        env=env,
        check=True,
    )


def generate_all(targets: Sequence[Target], out_dir: Path) -> None:
    """Generate every target, and the folder's README, into ``out_dir`` (emptied first)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine has two cores
        list(pool.map(lambda target: generate_package(target, out_dir), targets))
    (out_dir / "README.md").write_text(_readme(targets), encoding="utf-8")


def _readme(targets: Sequence[Target]) -> str:
    rows = "".join(f"| `{t.package}` | `{t.spec_label()}` |\n" for t in targets)
    return (
        "# generated/\n\n"
        "Written by `make generate` from `specs/`; **never edit these files by hand**:\n"
        "change a spec (or a template in `generator/templates/`) and regenerate.\n"
        "`make test` fails when this folder differs from what the specs produce.\n\n"
        "| package | spec |\n|---|---|\n" + rows
    )


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Differences between a fresh generation (``expected``) and the committed tree."""
    problems: list[str] = []
    expected_files = _files(expected)
    actual_files = _files(actual)
    for rel in sorted(expected_files - actual_files):
        problems.append(f"missing from generated/: {rel} (run `make generate`)")
    for rel in sorted(actual_files - expected_files):
        problems.append(f"not produced by the specs: generated/{rel} (hand-written or stale)")
    for rel in sorted(expected_files & actual_files):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            problems.append(f"differs from what the specs produce: generated/{rel}")
            problems.extend(_diff_excerpt(expected / rel, actual / rel, rel))
    return problems


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _diff_excerpt(expected: Path, actual: Path, rel: str) -> Iterable[str]:
    try:
        before = actual.read_text(encoding="utf-8").splitlines()
        after = expected.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return []
    diff = list(difflib.unified_diff(before, after, f"generated/{rel}", "regenerated", lineterm=""))
    excerpt = ["    " + line for line in diff[:MAX_DIFF_LINES]]
    if len(diff) > MAX_DIFF_LINES:
        excerpt.append(f"    ... ({len(diff) - MAX_DIFF_LINES} more diff lines)")
    return excerpt


def untracked_files(path: Path) -> list[str]:
    """Files under ``path`` that git does not track (empty outside a git checkout)."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        return []
    result = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line and "__pycache__" not in line]


def check(targets: Sequence[Target]) -> list[str]:
    """Regenerate into a scratch folder and list every way ``generated/`` differs."""
    with tempfile.TemporaryDirectory(prefix="check-generated-") as scratch:
        fresh = Path(scratch) / "generated"
        generate_all(targets, fresh)
        problems = compare_trees(fresh, GENERATED_DIR)
    problems.extend(
        f"untracked file under generated/: {rel} (git add it with the spec change)"
        for rel in untracked_files(GENERATED_DIR)
    )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is not up to date")
    args = parser.parse_args(argv)
    try:
        check_toolchain()
        targets = discover_targets()
        if args.check:
            problems = check(targets)
            if problems:
                print("generated/ is not what specs/ produce:", file=sys.stderr)
                print("\n".join(problems), file=sys.stderr)
                return 1
            print(f"check-generated: {len(targets)} packages match their specs")
            return 0
        generate_all(targets, GENERATED_DIR)
    except GenerationError as exc:
        print(f"make generate: {exc}", file=sys.stderr)
        return 1
    print(f"generated {len(targets)} packages: {', '.join(t.package for t in targets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
