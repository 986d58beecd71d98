"""Service clients and the models they share.

Nothing is imported eagerly: ``from dnastack.client import ServiceEndpoint`` loads only
``dnastack.client.models``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["ServiceEndpoint"]

_EXPORTS = {"ServiceEndpoint": "dnastack.client.models"}


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'dnastack.client' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)
