"""Downloads against :mod:`drs_hostile_server` as a user makes them: with ``DrsClient``,
with ``AsyncDrsClient`` (the same engine in a worker thread), or with ``DrsClient`` over an
executor (planned here, downloaded by executor tasks); and what the tests look at after."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dnastack.aio import AsyncDrsClient
from dnastack.client.drs import DownloadResult, DownloadStatus, DrsClient
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, Settings, resolve_settings

__all__ = ["Download", "downloader", "failed", "isolated", "tree"]

Download = Callable[[list[str], Path], list[DownloadResult]]


def isolated(tmp_path: Path) -> Settings:
    """Settings that read no environment, no session override and no user file."""
    return resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )


def downloader(kind: str, drs_url: str, tmp_path: Path) -> Download:
    """``download(ids, out)`` with the client ``kind``: sync, async or executor."""
    endpoint = ServiceEndpoint(url=drs_url)
    settings = isolated(tmp_path)

    def sync(ids: list[str], out: Path) -> list[DownloadResult]:
        with DrsClient(endpoint, settings=settings) as client:
            return client.download(ids, out)

    def in_asyncio(ids: list[str], out: Path) -> list[DownloadResult]:
        async def go() -> list[DownloadResult]:
            async with AsyncDrsClient(endpoint, settings=settings) as client:
                return await client.download(ids, out)

        return asyncio.run(go())

    def on_executor(ids: list[str], out: Path) -> list[DownloadResult]:
        with DrsClient(endpoint, settings=settings) as client, ThreadPoolExecutor(2) as pool:
            return client.download(ids, out, executor=pool, objects_per_task=1)

    return {"sync": sync, "async": in_asyncio, "executor": on_executor}[kind]


def tree(folder: Path) -> list[str]:
    """Everything under ``folder`` (files and folders, hidden ones included)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def failed(result: DownloadResult, kind: type[BaseException]) -> Any:
    """``result``'s exception, checked to be a FAILED one of ``kind`` with no file."""
    assert result.status is DownloadStatus.FAILED, result
    assert result.path is None
    assert isinstance(result.exception, kind), result.exception
    return result.exception
