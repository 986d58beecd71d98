"""Download DRS objects with checksum verification; report MB/s and objects/s.

``--sdk ours``: ``DrsClient(endpoint).download(ids, out, parallel=N)``; the SDK verifies
the checksum itself, and every result must say so.
``--sdk reference``: ``DrsClient(endpoint)._download_files(ids, out)`` (what its
``files download`` command calls; it always uses ``os.cpu_count()`` threads and verifies
nothing), then sha-256 of every written file against the DRS checksum, inside the timed
section: that is the work a user of the reference must add to get a verified download.
Both are timed from the call to the last verified byte. MB = 10**6 bytes.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from _support import (
    emit,
    fail,
    load_manifest,
    patch_reference_drs_scheme,
    service_endpoint,
    sha256_file,
    stopwatch,
)


def _field(result: Any, name: str) -> Any:
    return result.get(name) if isinstance(result, dict) else getattr(result, name, None)


def download_ours(url: str, ids: list[str], out: Path, parallel: int) -> None:
    from dnastack import DrsClient

    results = DrsClient(service_endpoint(url)).download(ids, str(out), parallel=parallel)
    results = list(results)
    if len(results) != len(ids):
        fail(f"expected {len(ids)} results, got {len(results)}")
    for result in results:
        status = _field(result, "status")
        if "SUCCESS" not in str(status).upper() or _field(result, "error"):
            fail(f"download failed: {result!r}")
        if _field(result, "checksum_verified") is not True:
            fail(f"checksum not verified: {result!r}")


def download_reference(
    url: str, ids: list[str], out: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    from dnastack import DrsClient

    patch_reference_drs_scheme()
    DrsClient(service_endpoint(url))._download_files(ids, str(out))
    for object_id in ids:
        # the reference names the file after the access URL's last path segment
        path = out / object_id
        if not path.is_file():
            fail(f"{object_id}: not downloaded (files: {sorted(os.listdir(out))[:5]}...)")
        if sha256_file(path) != manifest[object_id]["sha256"]:
            fail(f"{object_id}: checksum mismatch")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=("ours", "reference"), required=True)
    parser.add_argument("--url", required=True, help="DRS base URL (ends with /)")
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--ids", required=True, help="comma-separated object ids")
    parser.add_argument("--out", required=True)
    parser.add_argument("--parallel", type=int, default=1)
    args = parser.parse_args()

    ids = args.ids.split(",")
    manifest = load_manifest(args.manifest)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with stopwatch() as watch:
        if args.sdk == "ours":
            download_ours(args.url, ids, out, args.parallel)
        else:
            download_reference(args.url, ids, out, manifest)
    total = sum(int(manifest[i]["size"]) for i in ids)
    written = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    if written != total:
        fail(f"expected {total} bytes on disk, found {written}")
    emit(
        value=total / 1e6 / watch.seconds,
        objects_per_s=len(ids) / watch.seconds,
        bytes=total,
        objects=len(ids),
        seconds=watch.seconds,
    )


if __name__ == "__main__":
    main()
