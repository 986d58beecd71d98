"""Where the project's specs, the allowlist and the published GA4GH documents live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ALLOWLIST_PATH",
    "GA4GH_SPECS",
    "PUBLISHED_DIR",
    "REPO_ROOT",
    "SPEC_DIR",
    "api_spec_paths",
    "load_yaml",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = REPO_ROOT / "specs"
ALLOWLIST_PATH = SPEC_DIR / "fidelity-allowlist.yaml"
# Bundled copies of the published standards, beside the repository (reference only).
PUBLISHED_DIR = REPO_ROOT.parent / "shared" / "specs"
# Our specs that implement a published GA4GH standard of the same file name.
GA4GH_SPECS = ("drs", "data-connect", "service-registry", "service-info")


def api_spec_paths() -> list[Path]:
    """Every OpenAPI document under ``specs/`` (the allowlist is not one)."""
    return sorted(p for p in SPEC_DIR.glob("*.yaml") if p != ALLOWLIST_PATH)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
