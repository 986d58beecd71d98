"""Load a whole Data Connect result into a DataFrame / Arrow table; report rows/s.

``--sdk ours``: the result helpers ``query(sql).to_pandas()`` / ``.to_arrow()``.
``--sdk reference``: the reference has no such helpers, so what its users write:
``pandas.DataFrame(list(query(sql)))`` / ``pyarrow.Table.from_pylist(list(query(sql)))``.
"""

from __future__ import annotations

import argparse
from typing import Any

from _support import emit, fail, service_endpoint, stopwatch


def build(sdk: str, kind: str, url: str, sql: str) -> Any:
    from dnastack import DataConnectClient

    result = DataConnectClient(service_endpoint(url)).query(sql)
    if sdk == "ours":
        return result.to_pandas() if kind == "pandas" else result.to_arrow()
    if kind == "pandas":
        import pandas

        return pandas.DataFrame(list(result))
    import pyarrow

    return pyarrow.Table.from_pylist(list(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=("ours", "reference"), required=True)
    parser.add_argument("--kind", choices=("pandas", "arrow"), required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("--expect", type=int, required=True)
    args = parser.parse_args()

    # the library is imported before the clock starts: this measures conversion, not imports
    __import__("pandas" if args.kind == "pandas" else "pyarrow")
    with stopwatch() as watch:
        frame = build(args.sdk, args.kind, args.url, args.sql)
    count = len(frame)
    if count != args.expect:
        fail(f"expected {args.expect} rows, got {count}")
    emit(value=count / watch.seconds, rows=count, seconds=watch.seconds)


if __name__ == "__main__":
    main()
