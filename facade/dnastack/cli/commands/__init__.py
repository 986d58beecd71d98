"""One module per command group of the ``dnastack`` command line (loaded on first use)."""

from __future__ import annotations

__all__: list[str] = []
