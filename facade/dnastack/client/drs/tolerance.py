"""Tolerant reader for DRS bodies: known real-world variants, normalised at the facade boundary.

DRS servers in the field do not all send what the published specification says. The
client accepts these variants, rewrites them to the specified form before the generated
(strict) models parse the body, and logs **one warning per service and variant** on the
``dnastack.drs`` logger. The contract runner (``python -m dnastack.contract``) stays
strict and reports each of them as a violation.

==========================  =====================================  ==============================
field                       accepted variant                       normalised to
==========================  =====================================  ==============================
``AccessURL.headers``       an object ``{"Name": "value"}``        ``["Name: value"]`` (the spec)
``DrsObject.size``          a numeric string ``"1024"``            the integer ``1024``
``Checksum.type``           ``SHA-256``, ``sha256``, ``MD5``...    ``sha-256``, ``md5`` (IANA)
``DrsObject.checksums``     ``null`` entries (``[null]``)          dropped
==========================  =====================================  ==============================
"""

from __future__ import annotations

import functools
from typing import Any

from dnastack.client.drs.hashing import normalize_checksum_type
from dnastack.common.logs import sdk_logger
from dnastack.common.variants import VariantWarnings

__all__ = ["TOLERATED_VARIANTS", "tolerant_access_url", "tolerant_drs_object"]

_logger = sdk_logger("dnastack.drs")

TOLERATED_VARIANTS: dict[str, str] = {
    "headers-object": "AccessURL.headers as an object (the specification: a list of "
    "'Name: value' strings)",
    "size-string": "DrsObject.size as a string (the specification: an integer)",
    "checksum-type-spelling": "Checksum.type not in its IANA spelling (e.g. SHA-256 or "
    "sha256 for sha-256)",
    "checksum-null": "null entries in DrsObject.checksums",
}
"""Variant key -> what the server sent (the warning's text)."""

_variants = VariantWarnings(_logger, "DRS service", TOLERATED_VARIANTS, "accepted and normalised")


def tolerant_access_url(document: Any, service_url: str) -> Any:
    """An ``AccessURL`` body with its known variants normalised (in place; returned)."""
    if isinstance(document, dict):
        headers = document.get("headers")
        if isinstance(headers, dict):
            document["headers"] = [f"{name}: {value}" for name, value in headers.items()]
            _variants.warn(service_url, "headers-object")
    return document


_canonical_checksum_type = functools.lru_cache(maxsize=64)(normalize_checksum_type)
"""``normalize_checksum_type`` remembered for the few spellings servers send (checked per
checksum of every object read)."""


def _tolerant_checksums(checksums: Any, service_url: str) -> Any:
    if not isinstance(checksums, list):
        return checksums
    if None in checksums:
        checksums = [c for c in checksums if c is not None]
        _variants.warn(service_url, "checksum-null")
    for checksum in checksums:
        kind = checksum.get("type") if isinstance(checksum, dict) else None
        if isinstance(kind, str):
            canonical = _canonical_checksum_type(kind)
            if canonical != kind:
                checksum["type"] = canonical
                _variants.warn(service_url, "checksum-type-spelling")
    return checksums


def tolerant_drs_object(document: Any, service_url: str) -> Any:
    """A ``DrsObject`` body (and its access methods) normalised (in place; returned)."""
    if not isinstance(document, dict):
        return document
    size = document.get("size")
    if isinstance(size, str) and size.strip().isdigit():
        document["size"] = int(size.strip())
        _variants.warn(service_url, "size-string")
    if "checksums" in document:
        document["checksums"] = _tolerant_checksums(document["checksums"], service_url)
    methods = document.get("access_methods")
    if isinstance(methods, list):
        for method in methods:
            if isinstance(method, dict):
                tolerant_access_url(method.get("access_url"), service_url)
    return document
