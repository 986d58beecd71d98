"""The reference library's (3.x) ``dnastack.context.helper``: :func:`use` is
:func:`dnastack.use`."""

from __future__ import annotations

from dnastack.client.use import use
from dnastack.configuration.wrapper import UnknownContextError

__all__ = ["UnknownContextError", "use"]
