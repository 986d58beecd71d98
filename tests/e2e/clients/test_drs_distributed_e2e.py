"""DrsClient.download(..., executor=...) against a devserver holding 240 objects: through
the session's Dask cluster and through a process pool, byte-identical to download(), with
its guarantees (verification, resume from .part, skip, no overwrite); results pickle; no
token in a task."""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from dnastack.client.drs import DrsClient
from dnastack.client.drs.distributed import DownloadTask, _chunks, _task
from dnastack.client.drs.download import DownloadOptions
from dnastack.client.drs.results import DownloadResult, DownloadStatus
from dnastack.client.worker_endpoint import worker_endpoint_for
from dnastack.settings import SessionOverrides, resolve_settings
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

SECRET = "drs-tok-9d2c-never-in-a-task"
DRS_TYPE = {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"}
BLOBS = 220
BUNDLE_MEMBERS = 20


def content(i: int) -> bytes:
    return hashlib.shake_256(f"object-{i}".encode()).digest((i * 997) % 40_000)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevServer, list[str]]]:
    root = tmp_path_factory.mktemp("many-objects")
    data = root / "data"
    drs = data / "drs"
    (drs / "bundle").mkdir(parents=True)
    for i in range(BLOBS):
        (drs / f"f-{i:03d}.bin").write_bytes(content(i))
    for i in range(BUNDLE_MEMBERS):
        (drs / "bundle" / f"m-{i:02d}.bin").write_bytes(content(1000 + i))
    factory = DevServerFactory(root)
    server = factory.start(data_dir=data)
    ids = [f"f-{i:03d}.bin" for i in range(BLOBS)] + ["bundle", "f-000.bin"]  # + a repeat
    try:
        yield server, ids
    finally:
        factory.stop_all()


@pytest.fixture(scope="module")
def drs(many: tuple[DevServer, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Any:
    server, _ = many
    config = tmp_path_factory.mktemp("drs-config") / "config.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "current_context": "c",
                "contexts": {
                    "c": {
                        "endpoints": [
                            {
                                "id": "drs",
                                "url": server.drs_url,
                                "type": DRS_TYPE,
                                "authentication": {"type": "bearer", "token": SECRET},
                            }
                        ],
                        "defaults": {"drs": "drs"},
                    }
                },
            }
        )
    )
    settings = resolve_settings(
        config_file=config, environ={"HOME": str(config.parent)}, overrides=SessionOverrides()
    )
    with DrsClient(settings.endpoint("drs"), settings=settings) as client:
        yield client


@pytest.fixture(scope="module")
def reference(
    drs: DrsClient, many: tuple[DevServer, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[DownloadResult]]:
    out = tmp_path_factory.mktemp("reference")
    results = drs.download(many[1], out, parallel=4)
    assert sum(r.status is DownloadStatus.SUCCESS for r in results) == BLOBS + BUNDLE_MEMBERS
    return out, results


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def same_results(got: list[DownloadResult], want: list[DownloadResult], got_root: Path,
                 want_root: Path) -> None:  # fmt: skip
    assert len(got) == len(want) == BLOBS + BUNDLE_MEMBERS + 1
    for g, w in zip(got, want, strict=True):
        assert (g.object_id, g.status, g.size, g.bundle_id, g.requested) == (
            w.object_id, w.status, w.size, w.bundle_id, w.requested
        )  # fmt: skip
        assert g.checksum_verified == w.checksum_verified
        assert g.actual_checksums == w.actual_checksums
        if w.path is not None:
            assert g.path is not None
            assert g.path.relative_to(got_root) == w.path.relative_to(want_root)


def test_download_through_a_dask_executor_equals_download(
    drs: DrsClient,
    many: tuple[DevServer, list[str]],
    reference: tuple[Path, list[DownloadResult]],
    dask_client: Any,
    tmp_path: Path,
) -> None:
    results = drs.download(many[1], tmp_path, executor=dask_client.get_executor())
    same_results(results, reference[1], tmp_path, reference[0])
    assert tree(tmp_path) == tree(reference[0])
    assert results[-1].status is DownloadStatus.SKIPPED  # the repeat, as download() says


def test_download_through_a_process_pool_keeps_every_guarantee(
    drs: DrsClient,
    many: tuple[DevServer, list[str]],
    reference: tuple[Path, list[DownloadResult]],
    tmp_path: Path,
) -> None:
    _, ref_results = reference
    ids = many[1]
    # a leftover .part to resume, and a different file under a wanted name (never replaced)
    first = ref_results[5]
    assert first.path is not None
    (tmp_path / f".{first.path.name}.part").write_bytes(first.path.read_bytes()[:1000])
    (tmp_path / ref_results[7].path.name).write_bytes(b"mine, not the object")  # type: ignore[union-attr]
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
    with pool:
        results = drs.download(ids, tmp_path, executor=pool, objects_per_task=25)
        again = drs.download(ids, tmp_path, executor=pool)
    assert results[5].resumed_from == 1000 and results[5].status is DownloadStatus.SUCCESS
    assert (tmp_path / ref_results[7].path.name).read_bytes() == b"mine, not the object"  # type: ignore[union-attr]
    assert results[7].path is not None and results[7].path.name.endswith(" (1).bin")
    assert results[7].path.read_bytes() == ref_results[7].path.read_bytes()  # type: ignore[union-attr]
    for got, want in zip(results, ref_results, strict=True):
        assert got.status is want.status and got.checksum_verified == want.checksum_verified
        if want.path is not None and got.path is not None:
            assert got.path.read_bytes() == want.path.read_bytes()
    assert not list(tmp_path.rglob(".*.part"))
    assert all(r.status is DownloadStatus.SKIPPED for r in again)
    assert pickle.loads(pickle.dumps(results)) == results


def test_a_task_holds_no_token_and_a_worker_finds_it(
    drs: DrsClient, many: tuple[DevServer, list[str]], tmp_path: Path
) -> None:
    from dnastack.client.drs.local_files import FolderTree
    from dnastack.client.drs.planning import NameAllocator, plan_downloads

    endpoint = worker_endpoint_for(drs, "drs", None, False)
    with FolderTree(tmp_path) as folders:
        jobs = plan_downloads(
            drs, many[1][:10], folders, NameAllocator(), skip_existing=True, no_auth=False,
            trace=None,
        )  # fmt: skip
    task = _task(_chunks(jobs, 5)[0], DownloadOptions(output_dir=tmp_path), endpoint)
    blob = pickle.dumps(task)
    assert SECRET.encode() not in blob and len(task.jobs) == 5
    worker_client = pickle.loads(blob).endpoint.client()
    assert worker_client.endpoint.authentication == {"type": "bearer", "token": SECRET}
    assert isinstance(pickle.loads(blob), DownloadTask)


def test_a_failed_result_pickles_with_its_error(drs: DrsClient, tmp_path: Path) -> None:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        (result,) = drs.download(["no-such-object"], tmp_path, executor=pool)
    assert result.status is DownloadStatus.FAILED and result.exception is not None
    again = pickle.loads(pickle.dumps(result))
    assert again.error == result.error
    assert type(again.exception).__name__ in (
        type(result.exception).__name__,
        "RemoteDownloadError",
    )
