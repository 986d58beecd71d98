"""Data Connect 1.0 on DuckDB: engine, type mapping, paged queries, routes."""

from __future__ import annotations

__all__: list[str] = []
