"""DRS 1.5 over the files of the data directory: store, documents, ranges, routes,
DRS 1.2 compatibility mode."""

from __future__ import annotations

__all__: list[str] = []
