"""Resolve DRS objects one by one (id -> DrsObject with checksums and access methods).

``--sdk ours``: ``DrsClient(endpoint).get_object(id)``.
``--sdk reference``: ``DrsClient(endpoint).get_blob(id).get_object()`` (with the http scheme
patch, see ``_support.patch_reference_drs_scheme``).
``--sdk httpx``: ``httpx.Client().get(.../objects/{id})`` + ``orjson``.
Reports objects/s. One untimed resolution comes first, as in a warmed-up program.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from _support import (
    SDKS,
    emit,
    fail,
    load_manifest,
    patch_reference_drs_scheme,
    service_endpoint,
    stopwatch,
)


def resolver(sdk: str, url: str) -> Callable[[str], Any]:
    if sdk == "httpx":
        import httpx
        import orjson

        client = httpx.Client(timeout=30.0)

        def resolve_bare(object_id: str) -> Any:
            response = client.get(urljoin(url, f"objects/{object_id}"))
            response.raise_for_status()
            return orjson.loads(response.content)

        return resolve_bare
    from dnastack import DrsClient

    drs = DrsClient(service_endpoint(url))
    if sdk == "reference":
        patch_reference_drs_scheme()
        return lambda object_id: drs.get_blob(object_id).get_object()
    return drs.get_object


def size_of(drs_object: Any) -> int:
    return int(drs_object["size"] if isinstance(drs_object, dict) else drs_object.size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=SDKS, required=True)
    parser.add_argument("--url", required=True, help="DRS base URL (ends with /)")
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--ids", required=True, help="comma-separated object ids")
    args = parser.parse_args()

    ids = args.ids.split(",")
    manifest = load_manifest(args.manifest)
    resolve = resolver(args.sdk, args.url)
    resolve(ids[-1])  # untimed: first-use costs (lazy imports, first connection) for every SDK
    with stopwatch() as watch:
        objects = [resolve(object_id) for object_id in ids]
    for object_id, drs_object in zip(ids, objects, strict=True):
        if size_of(drs_object) != manifest[object_id]["size"]:
            fail(f"{object_id}: wrong size {size_of(drs_object)}")
    emit(value=len(ids) / watch.seconds, objects=len(ids), seconds=watch.seconds)


if __name__ == "__main__":
    main()
