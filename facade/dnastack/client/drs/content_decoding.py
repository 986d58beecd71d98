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

__all__ = [
    "STEP_BYTES",
    "BoundedDecoder",
    "ContentDecodingError",
    "StackedDecoder",
    "decoded_chunks",
    "decoder_for",
]

STEP_BYTES: Final = 1024 * 1024
"""Most decoded bytes produced by one decompression step."""
_GZIP: Final = ("gzip", "x-gzip")


class ContentDecodingError(ValueError):
    """A body that is not valid data of its ``Content-Encoding`` (the transfer driver
    reports it as a :class:`~dnastack.exceptions.TransportError` naming the URL)."""


def decoder_for(encoding: str) -> BoundedDecoder | StackedDecoder | None:
    """A decoder for ``encoding``, or None when there is nothing this module decodes.

    ``encoding`` is a ``Content-Encoding`` value: one coding (``gzip``, ``x-gzip``,
    ``deflate``) or several in the order they were applied (``gzip, gzip``;
    ``identity`` entries are ignored). A value naming any other coding (``br``, ``zstd``,
    unknown) gets None: the caller keeps the bytes as sent (size and checksum then judge
    them), never an unbounded decoder.
    """
    codings = [c.strip().lower() for c in encoding.split(",")]
    stages: list[BoundedDecoder] = []
    for name in reversed([c for c in codings if c not in ("", "identity")]):
        if name in _GZIP:
            stages.append(BoundedDecoder(16 + zlib.MAX_WBITS))
        elif name == "deflate":  # zlib-wrapped as the RFC says, or raw as some servers send
            stages.append(BoundedDecoder(None))
        else:
            return None
    if not stages:
        return None
    return stages[0] if len(stages) == 1 else StackedDecoder(stages)


def decoded_chunks(raw: Iterable[bytes], encoding: str) -> Iterator[bytes] | None:
    """The decoded body of ``raw`` chunks, or None for an encoding not decoded here.

    Raises (while iterating):
        ContentDecodingError: the body is not valid ``encoding`` data.
    """
    decoder = decoder_for(encoding)
    return None if decoder is None else _all(decoder, raw)


def _all(decoder: BoundedDecoder | StackedDecoder, raw: Iterable[bytes]) -> Iterator[bytes]:
    for data in raw:
        yield from decoder.decode(data)
    tail = decoder.flush()
    if tail:
        yield tail


def _has_zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0


class BoundedDecoder:
    """Push-style ``zlib`` decoding in steps of at most :data:`STEP_BYTES` of output.

    Args:
        wbits: ``zlib`` window bits, or None to tell zlib-wrapped from raw ``deflate`` by
            the first bytes.
    """

    def __init__(self, wbits: int | None) -> None:
        self._wbits = wbits
        self._decoder: Any = None

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``data``, one bounded step per item (lazily).

        Raises (while iterating):
            ContentDecodingError: not valid compressed data.
        """
        if not data:
            return
        try:
            if self._decoder is None:
                wbits = self._wbits
                if wbits is None:
                    wbits = zlib.MAX_WBITS if _has_zlib_header(data) else -zlib.MAX_WBITS
                self._decoder = zlib.decompressobj(wbits)
            out = self._decoder.decompress(data, STEP_BYTES)
            while True:
                if out:
                    yield out
                if not self._decoder.unconsumed_tail:
                    return
                out = self._decoder.decompress(self._decoder.unconsumed_tail, STEP_BYTES)
        except zlib.error as exc:
            raise ContentDecodingError(f"invalid compressed body: {exc}") from exc

    def flush(self) -> bytes:
        """What is left once the body ended."""
        if self._decoder is None:
            return b""
        try:
            return bytes(self._decoder.flush())
        except zlib.error as exc:  # pragma: no cover - flush rarely fails
            raise ContentDecodingError(f"invalid compressed body: {exc}") from exc


class StackedDecoder:
    """Several bounded stages (``gzip, gzip``), outermost first: each step of each stage
    is at most :data:`STEP_BYTES`, and a stage's output is handed on lazily, so a bomb
    nested in a bomb costs a few steps of memory."""

    def __init__(self, stages: list[BoundedDecoder]) -> None:
        self._stages = stages

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``data`` through every stage, one bounded step per item."""
        return self._through(0, [data])

    def flush(self) -> bytes:
        """What the stages still hold once the body ended (small: :meth:`decode` drains
        each stage's input)."""
        tail = b""
        for stage in self._stages:
            held = b"".join(stage.decode(tail)) if tail else b""
            tail = held + stage.flush()
        return tail

    def _through(self, index: int, pieces: Iterable[bytes]) -> Iterator[bytes]:
        if index == len(self._stages):
            yield from pieces
            return
        stage = self._stages[index]
        for piece in pieces:
            yield from self._through(index + 1, stage.decode(piece))
