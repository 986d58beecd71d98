"""Download rules for an object's metadata: what it must declare before any byte is fetched.

The download engine applies them before it creates anything (no folder, no ``.part`` file)
and before it requests a byte, so an object whose metadata rules the download out fails with
:class:`~dnastack.client.drs.errors.InvalidObjectMetadataError` and leaves nothing behind:

- ``size`` is a byte count: 0 to :data:`MAX_OBJECT_SIZE` (DRS declares it ``int64``);
- every checksum the download would verify is spelled as a digest of its type (hex of the
  digest's length, or its base64: :func:`~dnastack.client.drs.hashing.is_digest_spelling`):
  one that can never match would only be found out after the whole transfer.

Pure functions, no I/O: every driver (thread pool, asyncio, executor tasks) applies them
through the engine, and :class:`~dnastack.client.drs.transfer_core.TransferCore` refuses a
size out of range too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from dnastack.client.drs.errors import InvalidObjectMetadataError
from dnastack.client.drs.hashing import is_digest_spelling
from dnastack.client.drs.models import DrsObject

__all__ = ["MAX_OBJECT_SIZE", "check_declared_size", "check_object_metadata"]

MAX_OBJECT_SIZE: Final = 2**63 - 1
"""The largest ``size`` a DRS object can declare (``int64``)."""
_SHOWN_CHARS: Final = 80


def check_declared_size(object_id: str, size: int, url: str | None = None) -> None:
    """Refuse a declared ``size`` that is not a byte count.

    Raises:
        InvalidObjectMetadataError: ``size`` is negative or beyond :data:`MAX_OBJECT_SIZE`.
    """
    if not 0 <= size <= MAX_OBJECT_SIZE:
        raise InvalidObjectMetadataError(
            f"{size} is not a byte count (0 to {MAX_OBJECT_SIZE})",
            object_id=object_id,
            field="size",
            url=url,
        )


def check_object_metadata(
    drs_object: DrsObject, expected: Mapping[str, str], url: str | None = None
) -> None:
    """Refuse ``drs_object`` when its size or a checksum to verify (``expected``: type ->
    digest, as :func:`~dnastack.client.drs.hashing.select_checksums` chose) rules the
    download out; ``url`` names the object in the error.

    Raises:
        InvalidObjectMetadataError: naming the field and the object.
    """
    check_declared_size(drs_object.id, drs_object.size, url)
    for kind, digest in expected.items():
        if not is_digest_spelling(kind, digest):
            shown = digest if len(digest) <= _SHOWN_CHARS else digest[:_SHOWN_CHARS] + "..."
            raise InvalidObjectMetadataError(
                f"{shown!r} is not a {kind} digest (hex or base64)",
                object_id=drs_object.id,
                field=f"checksums[{kind}]",
                url=url,
            )
