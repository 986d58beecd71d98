"""Tolerant reader for Collection Service bodies: known real-world variants, accepted at the
facade boundary.

Collection services in the field do not all send what specs/collections.yaml says. The
client accepts these variants, normalises them before the generated (strict) models parse
the body, and logs **one warning per service and variant** on the ``dnastack.collections``
logger. The contract runner (``python -m dnastack.contract``) stays strict and reports each
of them as a violation.

======================================  ==================================  ==================
field                                   accepted variant                    normalised to
======================================  ==================================  ==================
``CollectionStatus.availability``       absent (3.x-era services send only  ``None`` (unknown)
                                        ``validationsStatus``)
``CollectionStatus.itemCounts``         absent or ``null``                  ``{}``
======================================  ==================================  ==================
"""

from __future__ import annotations

import threading
from typing import Any

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import safe_url

__all__ = ["TOLERATED_VARIANTS", "tolerant_collection_status"]

_logger = sdk_logger("dnastack.collections")

TOLERATED_VARIANTS: dict[str, str] = {
    "status-without-availability": "a CollectionStatus without `availability` (the "
    "specification requires it)",
    "status-without-item-counts": "a CollectionStatus without `itemCounts` (the "
    "specification requires it)",
}
"""Variant key -> what the server sent (the warning's text)."""

_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def _warn_once(service_url: str, variant: str) -> None:
    key = (service_url, variant)
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    _logger.warning(
        "the Collection Service at %s sent %s; accepted (reported once per service)",
        safe_url(service_url),
        TOLERATED_VARIANTS[variant],
    )


def tolerant_collection_status(document: Any, service_url: str) -> Any:
    """A ``CollectionStatus`` body with its known variants normalised (in place; returned)."""
    if not isinstance(document, dict):
        return document
    if "availability" not in document:
        document["availability"] = None
        _warn_once(service_url, "status-without-availability")
    if document.get("itemCounts") is None:
        document["itemCounts"] = {}
        _warn_once(service_url, "status-without-item-counts")
    return document
