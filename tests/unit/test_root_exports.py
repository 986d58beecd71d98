"""The package root's lazy exports: every name resolves, and the static view matches."""

from __future__ import annotations

import importlib

import dnastack


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert set(dnastack.__all__) == {"__version__", *dnastack._EXPORTS}


def test_every_exported_name_resolves_to_the_object_in_its_module() -> None:
    for name, module_name in dnastack._EXPORTS.items():
        assert getattr(dnastack, name) is getattr(importlib.import_module(module_name), name)


def test_unknown_names_raise_attribute_error() -> None:
    try:
        dnastack.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
