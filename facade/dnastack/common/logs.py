"""The SDK's loggers (``dnastack.*``), and the library's ``NullHandler``.

A library never prints on its own: without a handler on ``dnastack``, records would reach
stderr through logging's last-resort handler when the application configured nothing (the
logging HOWTO's advice). The handler is added here, when the first module that logs is
imported, so ``import dnastack`` itself does not load :mod:`logging` (about 14 ms, two
thirds of the import time).
"""

from __future__ import annotations

import logging

__all__ = ["sdk_logger"]

logging.getLogger("dnastack").addHandler(logging.NullHandler())


def sdk_logger(name: str) -> logging.Logger:
    """``logging.getLogger(name)`` for a ``dnastack.*`` logger (the NullHandler is in place)."""
    return logging.getLogger(name)
