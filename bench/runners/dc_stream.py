"""Stream every row of a Data Connect query; report rows/s of the iteration loop.

``--sdk ours|reference``: ``DataConnectClient(ServiceEndpoint(url)).query(sql)`` (type
conversion is on: both SDKs convert values per the page's ``data_model``).
``--sdk ours-async``: ``async for row in AsyncDataConnectClient(...).query(sql)``.
``--sdk httpx``: a bare ``httpx.Client`` + ``orjson`` loop following ``next_page_url``,
no conversion, no models: the practical limit of a Python client.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from _support import SDKS, emit, fail, service_endpoint, stopwatch


def sdk_rows(url: str, sql: str) -> Iterator[Any]:
    from dnastack import DataConnectClient

    return iter(DataConnectClient(service_endpoint(url)).query(sql))


def count_async_rows(url: str, sql: str) -> tuple[int, float]:
    """(rows, seconds) of ``async for`` over AsyncDataConnectClient's query."""
    import asyncio

    from dnastack.aio import AsyncDataConnectClient

    async def main() -> tuple[int, float]:
        count = 0
        async with AsyncDataConnectClient(service_endpoint(url)) as client:
            with stopwatch() as watch:
                async for _row in client.query(sql):
                    count += 1
        return count, watch.seconds

    return asyncio.run(main())


def httpx_rows(url: str, sql: str) -> Iterator[Any]:
    import httpx
    import orjson

    with httpx.Client(timeout=60.0) as client:
        response = client.post(urljoin(url, "search"), json={"query": sql})
        while True:
            response.raise_for_status()
            page = orjson.loads(response.content)
            yield from page.get("data") or ()
            next_url = (page.get("pagination") or {}).get("next_page_url")
            if not next_url:
                return
            response = client.get(urljoin(str(response.url), next_url))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=(*SDKS, "ours-async"), required=True)
    parser.add_argument("--url", required=True, help="Data Connect base URL (ends with /)")
    parser.add_argument("--sql", required=True)
    parser.add_argument("--expect", type=int, required=True, help="rows the query returns")
    args = parser.parse_args()

    if args.sdk == "ours-async":
        count, seconds = count_async_rows(args.url, args.sql)
    else:
        rows = (
            httpx_rows(args.url, args.sql) if args.sdk == "httpx" else sdk_rows(args.url, args.sql)
        )
        count = 0
        with stopwatch() as watch:
            for _row in rows:
                count += 1
        seconds = watch.seconds
    if count != args.expect:
        fail(f"expected {args.expect} rows, got {count}")
    emit(value=count / seconds, rows=count, seconds=seconds)


if __name__ == "__main__":
    main()
