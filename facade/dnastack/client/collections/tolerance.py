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

from typing import Any

from dnastack.common.logs import sdk_logger
from dnastack.common.variants import VariantWarnings

__all__ = ["TOLERATED_VARIANTS", "tolerant_collection_status"]

_logger = sdk_logger("dnastack.collections")

TOLERATED_VARIANTS: dict[str, str] = {
    "status-without-availability": "a CollectionStatus without `availability` (the "
    "specification requires it)",
    "status-without-item-counts": "a CollectionStatus without `itemCounts` (the "
    "specification requires it)",
}
"""Variant key -> what the server sent (the warning's text)."""

_variants = VariantWarnings(_logger, "Collection Service", TOLERATED_VARIANTS, "accepted")


def tolerant_collection_status(document: Any, service_url: str) -> Any:
    """A ``CollectionStatus`` body with its known variants normalised (in place; returned)."""
    if not isinstance(document, dict):
        return document
    if "availability" not in document:
        document["availability"] = None
        _variants.warn(service_url, "status-without-availability")
    if document.get("itemCounts") is None:
        document["itemCounts"] = {}
        _variants.warn(service_url, "status-without-item-counts")
    return document
