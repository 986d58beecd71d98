"""A bundle member failing over HTTP leaves no empty folder the run created, while folders
that existed before the run, or that hold anything (a ``.part`` kept for a resume), stay;
``DrsClient``, ``AsyncDrsClient`` and executor tasks against a real local DRS server
(:mod:`drs_hostile_server`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.client.drs import DownloadStatus
from dnastack.exceptions import ForbiddenError, NotFoundError
from tests.unit.drs.drs_hostile_server import HostileDrsServer
from tests.unit.drs.hostile_downloads import Download, downloader, failed, tree

DATA = hashlib.shake_256(b"members").digest(50_000)
CUT = 10_000  # bytes a cut member writes before its transfer fails


@pytest.fixture
def server() -> Iterator[HostileDrsServer]:
    with HostileDrsServer() as running:
        yield running


@pytest.fixture(params=["sync", "async", "executor"])
def download(request: pytest.FixtureRequest, server: HostileDrsServer, tmp_path: Path) -> Download:
    return downloader(request.param, server.drs_url, tmp_path)


def bundle(server: HostileDrsServer, members: dict[str, str]) -> None:
    """The bundle ``bundle`` of ``members`` (path in the bundle -> object id), each a blob."""
    for object_id in members.values():
        server.add_blob(object_id, DATA)
    server.add_bundle("bundle", [{"name": name, "id": oid} for name, oid in members.items()])


def test_a_member_refused_leaves_no_empty_folder_behind(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    bundle(server, {"good.txt": "good", "sub/deeper/missing.txt": "missing"})
    server.refuse["missing"] = 404
    out = tmp_path / "out"

    results = download(["bundle"], out)

    by_id = {r.object_id: r for r in results}
    assert by_id["good"].status is DownloadStatus.SUCCESS
    assert f"{server.url}/bytes/missing" in str(failed(by_id["missing"], NotFoundError))
    assert tree(out) == ["bundle", "bundle/good.txt"]  # no bundle/sub, no bundle/sub/deeper


def test_a_bundle_whose_every_member_fails_leaves_only_the_output_folder(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    bundle(server, {"a/b/one.txt": "one", "two.txt": "two"})
    server.refuse.update({"one": 404, "two": 403})
    out = tmp_path / "out"

    results = download(["bundle"], out)

    by_id = {r.object_id: r for r in results}
    failed(by_id["one"], NotFoundError)
    failed(by_id["two"], ForbiddenError)
    assert out.is_dir()
    assert tree(out) == []


def test_a_member_that_wrote_bytes_keeps_its_folder_and_part_file(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    bundle(server, {"sub/cut.bin": "cut", "gone/missing.bin": "missing"})
    server.cut["cut"] = CUT
    server.refuse["missing"] = 404
    out = tmp_path / "out"

    results = download(["bundle"], out)

    by_id = {r.object_id: r for r in results}
    failed(by_id["cut"], NotFoundError)  # the resume of the rest was refused
    failed(by_id["missing"], NotFoundError)
    assert tree(out) == ["bundle", "bundle/sub", "bundle/sub/.cut.bin.part"]
    assert (out / "bundle/sub/.cut.bin.part").read_bytes() == DATA[:CUT]


def test_folders_that_existed_before_the_run_are_kept_even_when_empty(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    bundle(server, {"sub/one.txt": "one", "new/deeper/two.txt": "two"})
    server.refuse.update({"one": 404, "two": 404})
    out = tmp_path / "out"
    (out / "bundle" / "sub").mkdir(parents=True)
    (out / "bundle" / "unrelated").mkdir()

    results = download(["bundle"], out)

    assert all(r.status is DownloadStatus.FAILED for r in results)
    assert tree(out) == ["bundle", "bundle/sub", "bundle/unrelated"]  # bundle/new removed


def test_a_bundle_that_downloads_keeps_its_whole_tree(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    bundle(server, {"top.txt": "top", "sub/deeper/leaf.txt": "leaf"})
    out = tmp_path / "out"

    results = download(["bundle"], out)

    assert [r.status for r in results] == [DownloadStatus.SUCCESS] * 2
    assert tree(out) == [
        "bundle",
        "bundle/sub",
        "bundle/sub/deeper",
        "bundle/sub/deeper/leaf.txt",
        "bundle/top.txt",
    ]
    assert (out / "bundle/sub/deeper/leaf.txt").read_bytes() == DATA
