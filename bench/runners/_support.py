"""Helpers shared by the runner scripts (stdlib only: runners run in either SDK's venv).

A runner is executed as ``python bench/runners/NAME.py ...`` with the interpreter of the SDK
under test, so its own directory is on ``sys.path`` and ``import _support`` works.
It prints one JSON object as its last stdout line; ``value`` is the scenario's number.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "SDKS",
    "Stopwatch",
    "emit",
    "fail",
    "load_manifest",
    "patch_reference_drs_scheme",
    "service_endpoint",
    "sha256_file",
    "stopwatch",
    "vmhwm_kib",
]

SDKS = ("ours", "reference", "httpx")


class Stopwatch:
    seconds: float = 0.0


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    watch = Stopwatch()
    started = time.perf_counter()
    try:
        yield watch
    finally:
        watch.seconds = time.perf_counter() - started


def vmhwm_kib() -> int | None:
    """This process's peak RSS since its exec (``VmHWM``), in KiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def emit(**fields: Any) -> None:
    fields.setdefault("vmhwm_kib", vmhwm_kib())
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.exit(2)


def service_endpoint(url: str) -> Any:
    """``dnastack.client.models.ServiceEndpoint(url=...)`` of whichever SDK is installed."""
    from dnastack.client.models import ServiceEndpoint

    return ServiceEndpoint(url=url)


def patch_reference_drs_scheme() -> None:
    """Let the reference DRS client talk to a plain-http node.

    dnastack-client-library builds every DRS API URL as ``https://{host}/ga4gh/drs/v1/``
    from the ``drs://`` URI (``DrsMinimalMetadata.drs_server_url``), whatever the endpoint's
    scheme. The devserver speaks http on 127.0.0.1, so the property is replaced by one that
    keeps everything the same except the scheme. Nothing else of the library is touched.
    """
    from urllib.parse import urlparse

    from dnastack.client import drs as reference_drs

    def drs_server_url(self: Any) -> str:
        return f"http://{urlparse(self.url).netloc}/ga4gh/drs/v1/"

    reference_drs.DrsMinimalMetadata.drs_server_url = property(drs_server_url)  # type: ignore[attr-defined]


def load_manifest(path: str) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(Path(path).read_text())
    return data


def sha256_file(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(4 << 20):
            digest.update(chunk)
    return digest.hexdigest()
