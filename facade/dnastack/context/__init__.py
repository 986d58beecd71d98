"""The reference library's (3.x) ``dnastack.context`` package: ``helper.use`` and
``UnknownContextError``, for scripts that import them from there."""

from __future__ import annotations

__all__: list[str] = []
