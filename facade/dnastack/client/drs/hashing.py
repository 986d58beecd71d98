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
import hashlib
import importlib
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, Protocol

__all__ = [
    "CHECKSUM_TYPES_BY_STRENGTH",
    "ChecksumPolicy",
    "HashPipeline",
    "Hasher",
    "digests_match",
    "expected_pairs",
    "new_hasher",
    "normalize_checksum_type",
    "select_checksums",
    "supported_checksum_types",
]

ChecksumPolicy = Literal["strongest", "all"]
"""``"strongest"``: verify the strongest supported type the object offers;
``"all"``: verify every supported type it offers."""

CHECKSUM_TYPES_BY_STRENGTH: Final = ("sha-512", "sha-256", "sha-1", "md5", "crc32c")
_HASHLIB_NAMES: Final = {"sha-512": "sha512", "sha-256": "sha256", "sha-1": "sha1", "md5": "md5"}
_ALIASES: Final = {"sha512": "sha-512", "sha256": "sha-256", "sha1": "sha-1", "crc32-c": "crc32c"}
READ_BYTES: Final = 8 * 1024 * 1024
"""Block size in which the hashing threads read the written bytes back."""


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


class _Follower:
    """One algorithm on its own thread, hashing a file up to a moving watermark."""

    def __init__(self, kind: str, hasher: Hasher, path: str, state: _Watermark) -> None:
        self.kind = kind
        self.hasher = hasher
        self.error: BaseException | None = None
        self._path = path
        self._state = state
        self.thread = threading.Thread(target=self._run, name=f"dnastack-hash-{kind}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self._follow()
        except BaseException as exc:  # noqa: BLE001 - reported by HashPipeline.result
            self.error = exc

    def _follow(self) -> None:
        buffer = bytearray(READ_BYTES)
        view = memoryview(buffer)
        hashed = 0
        with open(self._path, "rb", buffering=0) as handle:
            while True:
                available, final = self._state.wait_beyond(hashed)
                if final and hashed >= available:
                    return
                while hashed < available:  # sequential reads: the position is ``hashed``
                    wanted = min(available - hashed, READ_BYTES)
                    read = handle.readinto(view[:wanted])
                    if not read:
                        raise OSError(f"{self._path} is shorter than the {available} bytes written")
                    self.hasher.update(view[:read])
                    hashed += read


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


class HashPipeline:
    """Hashes a file while it is being written, one background thread per algorithm.

    The writer calls :meth:`advance` with the number of bytes now in the file; each thread
    reads the new bytes back (from the page cache, in :data:`READ_BYTES` blocks, without
    holding the GIL) and hashes them. Reading back costs one memory copy but keeps the
    threads from contending for the GIL on every 64 KiB network chunk.

    Args:
        path: the file being written (it must exist).
        kinds: checksum types to compute (see :func:`supported_checksum_types`); with none,
            every call is a no-op and no thread starts.

    Use it as a context manager (threads always stop), then read :meth:`result`.
    """

    def __init__(self, path: str | os.PathLike[str], kinds: Iterable[str]) -> None:
        self._state = _Watermark()
        self._followers: list[_Follower] = []
        self._closed = False
        for kind in kinds:
            hasher = new_hasher(kind)
            if hasher is None:
                self.close()
                raise ValueError(f"checksum type {kind!r} cannot be computed here")
            self._followers.append(
                _Follower(normalize_checksum_type(kind), hasher, os.fspath(path), self._state)
            )

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(follower.kind for follower in self._followers)

    def advance(self, written: int) -> None:
        """The first ``written`` bytes of the file are final; hash up to there."""
        if self._followers:
            self._state.advance(written)

    def result(self) -> dict[str, str]:
        """Hash up to the last :meth:`advance` and return ``{type: hex}``.

        Raises:
            OSError: the file could not be read back.
        """
        self.close()
        for follower in self._followers:
            if follower.error is not None:
                raise follower.error
        return {follower.kind: follower.hasher.hexdigest() for follower in self._followers}

    def close(self) -> None:
        """Stop the threads once they have hashed what was written."""
        if self._closed:
            return
        self._closed = True
        self._state.finish()
        for follower in self._followers:
            follower.thread.join()

    def __enter__(self) -> HashPipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def expected_pairs(checksums: Iterable[Any]) -> list[tuple[str, str]]:
    """``(type, checksum)`` pairs from facade ``Checksum`` models or mappings."""
    pairs: list[tuple[str, str]] = []
    for item in checksums:
        if isinstance(item, Mapping):
            pairs.append((str(item.get("type", "")), str(item.get("checksum", ""))))
        else:
            pairs.append((str(item.type), str(item.checksum)))
    return pairs
