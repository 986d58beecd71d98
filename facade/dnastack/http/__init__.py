"""HTTP layer: one transport, authenticators and session (token) storage.

Nothing is imported eagerly (``import dnastack.http`` does not import httpx). The session
storage names below are loaded from :mod:`dnastack.http.session_info` and
:mod:`dnastack.http.session_storage` on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    **{
        name: "dnastack.http.session_info"
        for name in (
            "SessionInfo",
            "SessionInfoHandler",
            "SessionManager",
            "UnknownSessionError",
            "session_id_for",
        )
    },
    **{
        name: "dnastack.http.session_storage"
        for name in ("BaseSessionStorage", "FileSessionStorage", "InMemorySessionStorage")
    },
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'dnastack.http' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)
