"""Checksums of downloaded bytes, computed beside the socket reads.

:class:`HashPipeline` runs one thread per algorithm beside the downloading thread: the
downloader reports how far the file is written (``advance``), each hashing thread reads the
new bytes back in 8 MiB blocks and hashes them, so the network, the disk and every hash
proceed in parallel (file reads and hashlib both release the GIL). A resumed download's
bytes already on disk are simply hashed first.

Algorithms: ``sha-256``, ``sha-512``, ``sha-1``, ``md5`` (hashlib) and ``crc32c`` when a
crc32c library (``google_crc32c`` or ``crc32c``) is importable. Which ones are computed is
the caller's choice (:func:`select_checksums`): by default only the strongest type the
object offers, since a second digest of the same bytes adds no integrity but costs a full
pass (md5 alone runs at about half the speed of the loopback network here).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import importlib
import io
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, Protocol

__all__ = [
    "CHECKSUM_TYPES_BY_STRENGTH",
    "DIGEST_BYTES",
    "ChecksumPolicy",
    "HashPipeline",
    "Hasher",
    "digests_match",
    "expected_pairs",
    "hash_in_background",
    "is_digest_spelling",
    "new_hasher",
    "normalize_checksum_type",
    "select_checksums",
    "supported_checksum_types",
]

ChecksumPolicy = Literal["strongest", "all"]
"""``"strongest"``: verify the strongest supported type the object offers;
``"all"``: verify every supported type it offers."""

CHECKSUM_TYPES_BY_STRENGTH: Final = ("sha-512", "sha-256", "sha-1", "md5", "crc32c")
DIGEST_BYTES: Final = {"sha-512": 64, "sha-256": 32, "sha-1": 20, "md5": 16, "crc32c": 4}
"""Digest length in bytes of each type this module computes."""
_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")
_HASHLIB_NAMES: Final = {"sha-512": "sha512", "sha-256": "sha256", "sha-1": "sha1", "md5": "md5"}
_ALIASES: Final = {"sha512": "sha-512", "sha256": "sha-256", "sha1": "sha-1", "crc32-c": "crc32c"}
READ_BYTES: Final = 8 * 1024 * 1024
"""Largest block in which the written bytes are read back for hashing."""
FIRST_READ_BYTES: Final = 1024 * 1024
_HAS_PREADV: Final = hasattr(os, "preadv")
INLINE_HASH_MAX_BYTES: Final = 4 * 1024 * 1024
"""Objects up to this size are hashed inline: a thread start costs more than it saves."""


class Hasher(Protocol):
    """What every algorithm offers (hashlib's interface)."""

    def update(self, data: bytes | memoryview, /) -> None: ...

    def hexdigest(self) -> str: ...


def normalize_checksum_type(kind: str) -> str:
    """The canonical IANA-style name: ``SHA256`` -> ``sha-256``, ``MD5`` -> ``md5``."""
    key = kind.strip().lower().replace("_", "-")
    return _ALIASES.get(key.replace("-", ""), _ALIASES.get(key, key))


class _Crc32cHasher:
    """crc32c through whichever library is installed; hex of the big-endian 32-bit value."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._google = hasattr(module, "Checksum")
        self._state: Any = module.Checksum() if self._google else 0

    def update(self, data: bytes | memoryview, /) -> None:
        if self._google:
            self._state.update(bytes(data) if isinstance(data, memoryview) else data)
        else:
            self._state = self._module.crc32c(data, self._state)

    def hexdigest(self) -> str:
        if self._google:
            return str(self._state.digest().hex())
        return f"{int(self._state):08x}"


@functools.cache
def _crc32c_module() -> Any:
    for name in ("google_crc32c", "crc32c"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def supported_checksum_types() -> tuple[str, ...]:
    """The types this installation can compute, strongest first."""
    return tuple(
        kind
        for kind in CHECKSUM_TYPES_BY_STRENGTH
        if kind in _HASHLIB_NAMES or _crc32c_module() is not None
    )


def new_hasher(kind: str) -> Hasher | None:
    """A fresh hasher for ``kind``, or None when it cannot be computed here."""
    canonical = normalize_checksum_type(kind)
    name = _HASHLIB_NAMES.get(canonical)
    if name is not None:
        return hashlib.new(name, usedforsecurity=False)
    if canonical == "crc32c":
        module = _crc32c_module()
        return _Crc32cHasher(module) if module is not None else None
    return None


def select_checksums(
    checksums: Iterable[tuple[str, str]], policy: ChecksumPolicy = "strongest"
) -> dict[str, str]:
    """The ``{type: expected}`` pairs to verify, from ``(type, checksum)`` pairs.

    Unknown or uncomputable types are skipped; an empty result means nothing can be verified.
    """
    offered: dict[str, str] = {}
    for kind, value in checksums:
        canonical = normalize_checksum_type(kind)
        if canonical not in offered and value:
            offered[canonical] = value.strip()
    computable = [k for k in supported_checksum_types() if k in offered]
    chosen = computable[:1] if policy == "strongest" else computable
    return {kind: offered[kind] for kind in chosen}


def digests_match(expected: str, actual_hex: str) -> bool:
    """Whether ``expected`` (hex, any case, or base64 as some stores send) is ``actual_hex``."""
    wanted = expected.strip()
    if wanted.lower() == actual_hex.lower():
        return True
    try:
        return base64.b64decode(wanted, validate=True) == bytes.fromhex(actual_hex)
    except (binascii.Error, ValueError):
        return False


def is_digest_spelling(kind: str, expected: str) -> bool:
    """Whether ``expected`` can be a ``kind`` digest as :func:`digests_match` reads one: hex
    of the digest's length (any case), or its base64. True for a type of unknown length."""
    size = DIGEST_BYTES.get(normalize_checksum_type(kind))
    if size is None:
        return True
    wanted = expected.strip()
    if len(wanted) == 2 * size and _HEX_DIGITS.issuperset(wanted):
        return True
    try:
        return len(base64.b64decode(wanted, validate=True)) == size
    except (binascii.Error, ValueError):
        return False


class _Digest:
    """One algorithm hashing a file from its start up to a given number of bytes.

    The read buffer grows with the gap to close (1 MiB at first, at most
    :data:`READ_BYTES`), so a small object never costs an 8 MiB allocation.
    """

    def __init__(self, kind: str, hasher: Hasher, source: str | int) -> None:
        self.kind = kind
        self.hasher = hasher
        self.error: BaseException | None = None
        self.hashed = 0
        self._source = source
        self._handle: io.FileIO | None = None
        self._view = memoryview(bytearray(0))
        self.aborted = False

    def _read(self, view: memoryview) -> int:
        if isinstance(self._source, int):  # the writer's descriptor: positioned reads
            if _HAS_PREADV:
                return os.preadv(self._source, [view], self.hashed)
            data = os.pread(self._source, len(view), self.hashed)
            view[: len(data)] = data
            return len(data)
        if self._handle is None:
            self._handle = io.FileIO(self._source, "rb")  # closed in close()
        return self._handle.readinto(view) or 0

    def catch_up(self, available: int) -> None:
        """Hash bytes ``hashed .. available`` (sequential reads: the position is ``hashed``)."""
        while self.hashed < available and not self.aborted:
            wanted = min(available - self.hashed, READ_BYTES)
            if len(self._view) < wanted:
                self._view = memoryview(bytearray(max(wanted, min(READ_BYTES, FIRST_READ_BYTES))))
            read = self._read(self._view[:wanted])
            if not read:
                raise OSError(f"the file is shorter than the {available} bytes written")
            self.hasher.update(self._view[:read])
            self.hashed += read

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class _Watermark:
    """How many bytes of the file are written; whether more will come."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._written = 0
        self._final = False

    def advance(self, written: int) -> None:
        with self._condition:
            self._written = written
            self._condition.notify_all()

    def finish(self) -> None:
        with self._condition:
            self._final = True
            self._condition.notify_all()

    def wait_beyond(self, hashed: int) -> tuple[int, bool]:
        """Block until more than ``hashed`` bytes are written, or no more will be."""
        with self._condition:
            while self._written <= hashed and not self._final:
                self._condition.wait()
            return self._written, self._final


def _follow(digest: _Digest, state: _Watermark) -> None:
    """Thread body: hash whatever is written until the writer says it is done."""
    try:
        while True:
            available, final = state.wait_beyond(digest.hashed)
            digest.catch_up(available)
            if digest.aborted or (final and digest.hashed >= available):
                return  # (aborted: catch_up makes no progress, so waiting again would spin)
    except BaseException as exc:  # noqa: BLE001 - reported by HashPipeline.result
        digest.error = exc


class HashPipeline:
    """Hashes a file while it is being written.

    The writer calls :meth:`advance` with the number of bytes now in the file. Threaded
    (large objects), one background thread per algorithm reads the new bytes back (from
    the page cache, without holding the GIL) and hashes them while the writer goes on:
    one memory copy, instead of contending for the GIL on every 64 KiB network chunk.
    Not threaded (small objects), ``advance`` hashes the new bytes right away, sparing a
    thread start per object.

    Args:
        path: the file being written (it must exist), or the writer's own descriptor (read
            with positioned reads, never reopened by name: a link swapped in cannot redirect
            them).
        kinds: checksum types to compute (see :func:`supported_checksum_types`); with none,
            every call is a no-op and no thread starts.
        threaded: hash on background threads (see :func:`hash_in_background`).

    Use it as a context manager (threads always stop), then read :meth:`result`.
    """

    def __init__(
        self, path: str | os.PathLike[str] | int, kinds: Iterable[str], *, threaded: bool = True
    ) -> None:
        self._state = _Watermark()
        self._digests: list[_Digest] = []
        self._threads: list[threading.Thread] = []
        self._closed = False
        for kind in kinds:
            hasher = new_hasher(kind)
            if hasher is None:
                raise ValueError(f"checksum type {kind!r} cannot be computed here")
            source = path if isinstance(path, int) else os.fspath(path)
            self._digests.append(_Digest(normalize_checksum_type(kind), hasher, source))
        if threaded:
            for digest in self._digests:
                thread = threading.Thread(
                    target=_follow,
                    args=(digest, self._state),
                    name=f"dnastack-hash-{digest.kind}",
                    daemon=True,
                )
                thread.start()
                self._threads.append(thread)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(digest.kind for digest in self._digests)

    def advance(self, written: int) -> None:
        """The first ``written`` bytes of the file are final; hash up to there."""
        if self._threads:
            self._state.advance(written)
            return
        for digest in self._digests:
            if digest.error is None:
                try:
                    digest.catch_up(written)
                except OSError as exc:
                    digest.error = exc

    def result(self) -> dict[str, str]:
        """Hash up to the last :meth:`advance` and return ``{type: hex}``.

        Raises:
            OSError: the file could not be read back.
        """
        self.close()
        for digest in self._digests:
            if digest.error is not None:
                raise digest.error
        return {digest.kind: digest.hasher.hexdigest() for digest in self._digests}

    def close(self) -> None:
        """Stop the threads once they have hashed what was written."""
        if self._closed:
            return
        self._closed = True
        self._state.finish()
        for thread in self._threads:
            thread.join()
        for digest in self._digests:
            digest.close()

    def abort(self) -> None:
        """Stop the threads without hashing the rest (a failed or cancelled download)."""
        for digest in self._digests:
            digest.aborted = True
        self.close()

    def __enter__(self) -> HashPipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def hash_in_background(size: int | None) -> bool:
    """Whether an object of ``size`` bytes is hashed on background threads (large or
    unknown size) rather than inline (at most :data:`INLINE_HASH_MAX_BYTES`)."""
    return size is None or size > INLINE_HASH_MAX_BYTES


def expected_pairs(checksums: Iterable[Any]) -> list[tuple[str, str]]:
    """``(type, checksum)`` pairs from facade ``Checksum`` models or mappings."""
    pairs: list[tuple[str, str]] = []
    for item in checksums:
        if isinstance(item, Mapping):
            pairs.append((str(item.get("type", "")), str(item.get("checksum", ""))))
        else:
            pairs.append((str(item.type), str(item.checksum)))
    return pairs
