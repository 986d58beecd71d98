"""``VariantWarnings``: one warning per service and tolerated variant (the tolerant readers').

A client that accepts a known real-world variant of a field says so once per service, not
once per body: a DRS server that sends ``size`` as a string would otherwise log on every
object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from dnastack.exceptions import safe_url

__all__ = ["VariantWarnings"]


class VariantWarnings:
    """Logs ``"the {service} at URL sent {what}; {outcome}"`` once per (service URL, variant).

    Args:
        logger: where the warnings go.
        service: what the server is, for the message (``"DRS service"``).
        variants: variant key -> what the server sent.
        outcome: what the client did with it (``"accepted"``).
    """

    def __init__(
        self, logger: logging.Logger, service: str, variants: Mapping[str, str], outcome: str
    ) -> None:
        self._logger = logger
        self._service = service
        self._variants = variants
        self._outcome = outcome
        self._warned: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def warn(self, service_url: str, variant: str) -> None:
        """Log ``variant`` for ``service_url`` unless it was logged before (thread-safe)."""
        key = (service_url, variant)
        with self._lock:
            if key in self._warned:
                return
            self._warned.add(key)
        self._logger.warning(
            "the %s at %s sent %s; %s (reported once per service)",
            self._service,
            safe_url(service_url),
            self._variants[variant],
            self._outcome,
        )

    def forget(self) -> None:
        """Warn again from now on (tests)."""
        with self._lock:
            self._warned.clear()
