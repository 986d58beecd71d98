"""Bounded decoding of a ``Content-Encoding`` the server applied although ``identity`` was
asked for.

Byte downloads ask for ``Accept-Encoding: identity``; a server may compress anyway. Its
``gzip``/``deflate`` body is decoded here in steps of at most :data:`STEP_BYTES` of output
(``zlib`` ``max_length``), lazily: the read loop counts decoded bytes against the object's
declared size and stops before writing beyond it, so a small compressed body that expands
to gigabytes costs one step of memory, not the whole expansion. Size and checksum are
verified on the decoded bytes as for any other body.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Final

import httpx

__all__ = ["STEP_BYTES", "decoded_chunks"]

STEP_BYTES: Final = 1024 * 1024
"""Most decoded bytes produced by one decompression step."""
_GZIP: Final = ("gzip", "x-gzip")


def decoded_chunks(raw: Iterable[bytes], encoding: str) -> Iterator[bytes] | None:
    """The decoded body of ``raw`` chunks, or None for an encoding not decoded here.

    Raises (while iterating):
        httpx.DecodingError: the body is not valid ``encoding`` data.
    """
    name = encoding.strip().lower()
    if name in _GZIP:
        return _inflate(iter(raw), 16 + zlib.MAX_WBITS)
    if name == "deflate":  # zlib-wrapped as the RFC says, or raw as some servers send
        return _inflate(iter(raw), None)
    return None


def _has_zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0


def _inflate(raw: Iterator[bytes], wbits: int | None) -> Iterator[bytes]:
    decoder: Any = None
    try:
        for data in raw:
            if not data:
                continue
            if decoder is None:
                if wbits is None:
                    wbits = zlib.MAX_WBITS if _has_zlib_header(data) else -zlib.MAX_WBITS
                decoder = zlib.decompressobj(wbits)
            out = decoder.decompress(data, STEP_BYTES)
            while True:
                if out:
                    yield out
                if not decoder.unconsumed_tail:
                    break
                out = decoder.decompress(decoder.unconsumed_tail, STEP_BYTES)
        rest = decoder.flush() if decoder is not None else b""
        if rest:
            yield rest
    except zlib.error as exc:
        raise httpx.DecodingError(f"invalid compressed body: {exc}") from exc
