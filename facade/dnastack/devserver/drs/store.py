"""The files behind DRS: stable ids, sizes and checksums (cached in a JSON sidecar).

Every regular file under ``DIR/drs`` is a blob; every sub-directory is a bundle. Hidden
names (``.x``) are skipped. Object ids are derived from the relative path: a path made of
``[A-Za-z0-9._-]`` segments maps to the path with ``/`` replaced by ``~``
(``cohort-a/nested/notes.txt`` -> ``cohort-a~nested~notes.txt``); any other path maps to
``h-`` + 24 hex digits of its SHA-256.

Checksums (sha-256 and md5) are computed once, streaming the file in 1 MiB chunks, and
kept in ``DIR/.drs-checksums.json`` keyed by relative path and validated by size + mtime.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CHECKSUM_TYPES", "DrsEntry", "DrsStore", "object_id_for"]

logger = logging.getLogger("devserver.drs")

CHECKSUM_TYPES = ("sha-256", "md5")
HASH_CHUNK = 1024 * 1024
_READABLE_PATH = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


def object_id_for(relpath: str) -> str:
    if _READABLE_PATH.match(relpath) and not relpath.startswith("h-"):
        return relpath.replace("/", "~")
    return "h-" + hashlib.sha256(relpath.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class DrsEntry:
    object_id: str
    relpath: str
    path: Path
    is_bundle: bool

    @property
    def name(self) -> str:
        return self.path.name


class DrsStore:
    """An index of ``root``; blocking methods (checksums, scanning) belong in a thread pool."""

    def __init__(self, root: Path, sidecar: Path) -> None:
        self._root = root.resolve()
        self._sidecar = sidecar
        self._lock = threading.Lock()
        self._entries: dict[str, DrsEntry] = {}
        self._children: dict[str, list[DrsEntry]] = {}
        self._cache: dict[str, dict[str, object]] = self._load_sidecar()
        self.scan()

    # -- index -----------------------------------------------------------------------------

    def scan(self) -> None:
        entries: dict[str, DrsEntry] = {}
        children: dict[str, list[DrsEntry]] = {}
        if self._root.is_dir():
            for dirpath, dirnames, filenames in os.walk(self._root, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                base = Path(dirpath)
                parent_rel = base.relative_to(self._root).as_posix()
                parent_rel = "" if parent_rel == "." else parent_rel
                listing: list[DrsEntry] = []
                for name in dirnames:
                    listing.append(self._entry(base / name, is_bundle=True))
                for name in sorted(filenames):
                    path = base / name
                    if name.startswith(".") or not path.is_file() or path.is_symlink():
                        continue
                    listing.append(self._entry(path, is_bundle=False))
                listing.sort(key=lambda e: e.name)
                children[parent_rel] = listing
                for entry in listing:
                    entries[entry.object_id] = entry
        with self._lock:
            self._entries = entries
            self._children = children

    def _entry(self, path: Path, *, is_bundle: bool) -> DrsEntry:
        relpath = path.relative_to(self._root).as_posix()
        return DrsEntry(object_id_for(relpath), relpath, path, is_bundle)

    def get(self, object_id: str) -> DrsEntry | None:
        entry = self._entries.get(object_id)
        if entry is None:
            self.scan()
            entry = self._entries.get(object_id)
        return entry

    def children(self, entry: DrsEntry) -> list[DrsEntry]:
        return list(self._children.get(entry.relpath, []))

    def blobs(self) -> list[DrsEntry]:
        return [e for e in self._entries.values() if not e.is_bundle]

    # -- metadata --------------------------------------------------------------------------

    def size(self, entry: DrsEntry) -> int:
        if not entry.is_bundle:
            return entry.path.stat().st_size
        return sum(self.size(child) for child in self.children(entry))

    def checksums(self, entry: DrsEntry) -> dict[str, str]:
        """``{"sha-256": hex, "md5": hex}``; for bundles as the DRS spec defines them."""
        if entry.is_bundle:
            parts = [self.checksums(child) for child in self.children(entry)]
            return {
                kind: hashlib.new(
                    _algorithm(kind), "".join(sorted(p[kind] for p in parts)).encode()
                ).hexdigest()
                for kind in CHECKSUM_TYPES
            }
        stat = entry.path.stat()
        cached = self.cached_checksums(entry, stat)
        if cached is not None:
            return cached
        digests = _hash_file(entry.path)
        with self._lock:
            self._cache[entry.relpath] = {
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                **digests,
            }
            self._write_sidecar()
        return digests

    def cached_checksums(self, entry: DrsEntry, stat: os.stat_result) -> dict[str, str] | None:
        """A blob's checksums if the cache holds them for this size and mtime (no I/O)."""
        with self._lock:
            cached = self._cache.get(entry.relpath)
        if (
            cached is None
            or cached.get("size") != stat.st_size
            or cached.get("mtime_ns") != stat.st_mtime_ns
        ):
            return None
        return {kind: str(cached[kind]) for kind in CHECKSUM_TYPES}

    def stats(self) -> tuple[int, int]:
        blobs = self.blobs()
        return len(blobs), sum(b.path.stat().st_size for b in blobs)

    # -- sidecar ---------------------------------------------------------------------------

    def _load_sidecar(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self._sidecar.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_sidecar(self) -> None:
        self._sidecar.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._sidecar.parent, prefix=".drs-checksums.")
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(self._cache, handle, indent=1, sort_keys=True)
            os.replace(tmp, self._sidecar)
        except OSError:
            logger.warning("could not write checksum cache %s", self._sidecar, exc_info=True)
            Path(tmp).unlink(missing_ok=True)


def _algorithm(kind: str) -> str:
    return {"sha-256": "sha256", "md5": "md5"}[kind]


def _hash_file(path: Path) -> dict[str, str]:
    """sha-256 and md5 in one streaming pass; md5 runs on a helper thread (hashlib frees
    the GIL on large buffers), so a big file costs about one hash, not two."""
    sha256 = hashlib.sha256()
    md5 = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle, ThreadPoolExecutor(max_workers=1) as helper:
        pending: Future[None] | None = None
        while chunk := handle.read(HASH_CHUNK):
            if pending is not None:
                pending.result()
            pending = helper.submit(md5.update, chunk)
            sha256.update(chunk)
        if pending is not None:
            pending.result()
    return {"sha-256": sha256.hexdigest(), "md5": md5.hexdigest()}
