"""The reference library's (3.x) ``dnastack.common.exceptions``.

``DependencyError`` is a base of the SDK's :class:`~dnastack.exceptions.MissingExtraError`, so
``except DependencyError`` catches a missing optional extra.
"""

from __future__ import annotations

from dnastack.reference_errors import DependencyError

__all__ = ["DependencyError"]
