"""Bounded decoding of compressed bodies: at most one step of output at a time, lazily."""

from __future__ import annotations

import gzip
import zlib

import pytest

from dnastack.client.drs.content_decoding import STEP_BYTES, ContentDecodingError, decoded_chunks

DATA = bytes(range(256)) * 4096  # 1 MiB, compressible


def pieces(data: bytes, size: int = 4096) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as RFC 9110 says
        ("Deflate", lambda d: zlib.compress(d)[2:-4]),  # raw deflate, as some servers send
    ],
)
def test_known_encodings_decode_to_the_same_bytes(encoding: str, encode: object) -> None:
    chunks = decoded_chunks(pieces(encode(DATA)), encoding)  # type: ignore[operator]
    assert chunks is not None
    assert b"".join(chunks) == DATA


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip, gzip", lambda d: gzip.compress(gzip.compress(d))),
        ("identity, gzip", gzip.compress),
        ("gzip,identity", gzip.compress),
        ("deflate, GZIP", lambda d: gzip.compress(zlib.compress(d))),
    ],
)
def test_stacked_encodings_decode_to_the_same_bytes(encoding: str, encode: object) -> None:
    chunks = decoded_chunks(pieces(encode(DATA)), encoding)  # type: ignore[operator]
    assert chunks is not None
    assert b"".join(chunks) == DATA


@pytest.mark.parametrize("encoding", ["br", "zstd", "x-weird", "gzip, br", "br, gzip"])
def test_other_encodings_are_not_decoded_here(encoding: str) -> None:
    """(the transfer then writes the bytes as sent: size and checksum judge them; httpx's
    unbounded decoders are never used for a download)"""
    assert decoded_chunks([b"x"], encoding) is None


def test_a_bomb_in_a_bomb_is_decoded_one_bounded_step_at_a_time() -> None:
    inner = gzip.compress(bytes(256 * 1024 * 1024), compresslevel=9)
    chunks = decoded_chunks(pieces(gzip.compress(inner), 64 * 1024), "gzip, gzip")
    assert chunks is not None
    for _ in range(5):
        assert len(next(chunks)) <= STEP_BYTES


def test_a_bomb_is_decoded_one_bounded_step_at_a_time() -> None:
    bomb = gzip.compress(bytes(256 * 1024 * 1024), compresslevel=9)  # 256 MiB in ~250 KiB
    consumed: list[int] = []

    def raw() -> object:
        for piece in pieces(bomb, 64 * 1024):
            consumed.append(len(piece))
            yield piece

    chunks = decoded_chunks(raw(), "gzip")  # type: ignore[arg-type]
    assert chunks is not None
    first = next(chunks)
    second = next(chunks)

    assert len(first) <= STEP_BYTES and len(second) <= STEP_BYTES
    assert len(consumed) == 1  # nothing read ahead: the caller stops when it has enough


def test_corrupt_body_is_a_decoding_error() -> None:
    chunks = decoded_chunks([b"\x1f\x8b\x08\x00garbage-not-gzip"], "gzip")
    assert chunks is not None
    with pytest.raises(ContentDecodingError):
        b"".join(chunks)
