"""Resolve DRS objects one by one (id -> DrsObject with checksums and access methods).

``--sdk ours``: ``DrsClient(endpoint).get_object(id)``.
``--sdk reference``: ``DrsClient(endpoint).get_blob(id).get_object()`` (with the http scheme
patch, see ``_support.patch_reference_drs_scheme``).
``--sdk httpx``: ``httpx.Client().get(.../objects/{id})`` + ``orjson``.
``--sdk ours-async``: ``AsyncDrsClient(endpoint, max_concurrency=N).get_object(id)`` for
every id at once (``asyncio.gather``; single look-ups, at most N in flight).
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


def resolve_all_async(url: str, ids: list[str], concurrency: int) -> tuple[list[Any], float]:
    """(objects, seconds) with AsyncDrsClient; one untimed look-up first."""
    import asyncio

    from dnastack.aio import AsyncDrsClient

    async def main() -> tuple[list[Any], float]:
        async with AsyncDrsClient(service_endpoint(url), max_concurrency=concurrency) as drs:
            await drs.get_object(ids[-1])
            with stopwatch() as watch:
                objects = await asyncio.gather(*(drs.get_object(i) for i in ids))
        return list(objects), watch.seconds

    return asyncio.run(main())


def size_of(drs_object: Any) -> int:
    return int(drs_object["size"] if isinstance(drs_object, dict) else drs_object.size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=(*SDKS, "ours-async"), required=True)
    parser.add_argument("--concurrency", type=int, default=16, help="ours-async only")
    parser.add_argument("--url", required=True, help="DRS base URL (ends with /)")
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--ids", required=True, help="comma-separated object ids")
    args = parser.parse_args()

    ids = args.ids.split(",")
    manifest = load_manifest(args.manifest)
    if args.sdk == "ours-async":
        objects, seconds = resolve_all_async(args.url, ids, args.concurrency)
    else:
        resolve = resolver(args.sdk, args.url)
        resolve(ids[-1])  # untimed: first-use costs (lazy imports, first connection)
        with stopwatch() as watch:
            objects = [resolve(object_id) for object_id in ids]
        seconds = watch.seconds
    for object_id, drs_object in zip(ids, objects, strict=True):
        if size_of(drs_object) != manifest[object_id]["size"]:
            fail(f"{object_id}: wrong size {size_of(drs_object)}")
    emit(value=len(ids) / seconds, objects=len(ids), seconds=seconds)


if __name__ == "__main__":
    main()
