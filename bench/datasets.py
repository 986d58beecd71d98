"""The DRS files the benchmark serves, written into the devserver's data directory.

The devserver serves every file under ``DATA/drs`` and derives the object id from the
relative path (``/`` -> ``~``), so ``DATA/drs/bench/blob-100mib.bin`` is the object
``bench~blob-100mib.bin``. Big files are allocated with ``posix_fallocate`` and filled with a
repeating pseudo-random 1 MiB block (incompressible, not zeros); small files get distinct
pseudo-random content. Files that already have the right size are kept, so the devserver's
checksum cache stays valid between runs. A manifest ``bench-manifest.json`` next to
``drs/`` maps every id to its size and sha-256, for runners that verify downloads themselves.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DrsFiles", "ensure_drs_files", "size_label"]

BLOCK_SIZE = 1 << 20
BIG_DIR = "bench"
SMALL_DIR = "bench-small"
MANIFEST_NAME = "bench-manifest.json"


@dataclass(frozen=True)
class DrsFiles:
    big_ids: dict[int, str]  # size in bytes -> object id
    small_ids: list[str]
    manifest_path: Path


def size_label(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} B"


def _pattern_block(seed: str, size: int) -> bytes:
    return hashlib.shake_256(seed.encode()).digest(size)


def _write_big(path: Path, size: int) -> None:
    tmp = path.with_name(path.name + ".partial")
    block = _pattern_block(f"bench-{size}", BLOCK_SIZE)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        if hasattr(os, "posix_fallocate"):
            os.posix_fallocate(fd, 0, size)
        written = 0
        with memoryview(block) as view:
            while written < size:
                written += os.write(fd, view[: min(BLOCK_SIZE, size - written)])
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(4 * BLOCK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _load_manifest(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ensure_drs_files(
    data_dir: Path, big_sizes: list[int], small_count: int, small_size: int
) -> DrsFiles:
    """Make sure the files exist (writing only what is missing) and return their ids."""
    drs_root = data_dir / "drs"
    manifest_path = data_dir / MANIFEST_NAME
    old_manifest = _load_manifest(manifest_path)
    manifest: dict[str, dict[str, object]] = {}

    def register(path: Path, object_id: str, size: int, fresh: bool) -> None:
        previous = old_manifest.get(object_id)
        stat = path.stat()
        if not fresh and previous and previous.get("mtime_ns") == stat.st_mtime_ns:
            manifest[object_id] = previous
        else:
            manifest[object_id] = {
                "size": size,
                "sha256": _sha256_of(path),
                "mtime_ns": stat.st_mtime_ns,
            }

    big_ids: dict[int, str] = {}
    (drs_root / BIG_DIR).mkdir(parents=True, exist_ok=True)
    for size in big_sizes:
        name = "blob-" + size_label(size).replace(" ", "").lower() + ".bin"
        path = drs_root / BIG_DIR / name
        fresh = not (path.is_file() and path.stat().st_size == size)
        if fresh:
            _write_big(path, size)
        object_id = f"{BIG_DIR}~{name}"
        register(path, object_id, size, fresh)
        big_ids[size] = object_id

    small_ids: list[str] = []
    (drs_root / SMALL_DIR).mkdir(parents=True, exist_ok=True)
    for index in range(small_count):
        name = f"obj-{index:04d}.bin"
        path = drs_root / SMALL_DIR / name
        fresh = not (path.is_file() and path.stat().st_size == small_size)
        if fresh:
            path.write_bytes(_pattern_block(f"small-{index}", small_size))
        object_id = f"{SMALL_DIR}~{name}"
        register(path, object_id, small_size, fresh)
        small_ids.append(object_id)

    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return DrsFiles(big_ids, small_ids, manifest_path)
