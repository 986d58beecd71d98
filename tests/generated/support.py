"""Shared helpers for the tests of the generated packages."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "generator"))

import generate  # noqa: E402  (generator/ is a script folder, not a package)


@dataclass(frozen=True)
class GeneratedPackage:
    """A spec and the package generated from it."""

    spec_path: Path
    package: str

    @property
    def spec(self) -> dict[str, Any]:
        return _load_yaml(self.spec_path)

    @property
    def models(self) -> ModuleType:
        return importlib.import_module(f"{self.package}.models")


def _load_yaml(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def generated_packages() -> list[GeneratedPackage]:
    return [
        GeneratedPackage(spec_path=target.spec, package=target.package)
        for target in generate.discover_targets()
    ]


def normalised_name(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def service_info_spec() -> dict[str, Any]:
    """A fresh copy of the service-info spec, to change in a test."""
    return _load_yaml(ROOT / "specs" / "service-info.yaml")


def generate_service_info(spec: dict[str, Any], root: Path) -> Path:
    """Generate ``ga4gh_service_info`` from ``spec`` (a changed copy) under ``root``; the
    folder holding the package."""
    changed_spec = root / "specs" / "service-info.yaml"
    changed_spec.parent.mkdir(parents=True)
    changed_spec.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    target = generate.Target(
        spec=changed_spec,
        config=ROOT / "generator" / "config" / "service-info.yaml",
        package="ga4gh_service_info",
    )
    generate.generate_package(target, root / "out")
    return root / "out"
