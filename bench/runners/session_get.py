"""N sequential GETs of one URL through a session; report microseconds per request.

``--sdk ours|reference``: ``dnastack.http.session.HttpSession().get(url)`` (no auth).
``--sdk httpx``: a bare ``httpx.Client().get(url)``.
Every response body is read and its status checked.
"""

from __future__ import annotations

import argparse
from typing import Any

from _support import SDKS, emit, fail, stopwatch


def make_session(sdk: str) -> Any:
    if sdk == "httpx":
        import httpx

        return httpx.Client(timeout=30.0)
    from dnastack.http.session import HttpSession

    return HttpSession(enable_auth=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=SDKS, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()

    session = make_session(args.sdk)
    session.get(args.url)  # connection set-up is not per-request overhead
    with stopwatch() as watch:
        for _ in range(args.count):
            response = session.get(args.url)
            if response.status_code != 200 or not response.content:
                fail(f"unexpected response {response.status_code}")
    session.close()
    emit(
        value=watch.seconds * 1e6 / args.count,
        requests=args.count,
        seconds=watch.seconds,
    )


if __name__ == "__main__":
    main()
