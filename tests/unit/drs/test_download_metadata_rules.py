"""Metadata that rules a download out fails typed before anything is created or requested,
and a download refused before its first byte leaves no empty ``.part`` behind; the sync
engine and the asyncio client (which runs the same engine) against a real local DRS server
(:mod:`drs_hostile_server`)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dnastack.client.drs import DownloadStatus, InvalidObjectMetadataError, NoAccessMethodError
from dnastack.client.drs.object_rules import MAX_OBJECT_SIZE
from dnastack.exceptions import ForbiddenError, NotFoundError
from tests.unit.drs.drs_hostile_server import HostileDrsServer
from tests.unit.drs.hostile_downloads import Download, downloader, failed, tree

DATA = b"the bytes of the object\n" * 100


@pytest.fixture
def server() -> Iterator[HostileDrsServer]:
    with HostileDrsServer() as running:
        yield running


@pytest.fixture(params=["sync", "async"])
def download(request: pytest.FixtureRequest, server: HostileDrsServer, tmp_path: Path) -> Download:
    return downloader(request.param, server.drs_url, tmp_path)


@pytest.mark.parametrize("size", [-1, -5, MAX_OBJECT_SIZE + 1, 10**19])
def test_a_size_that_is_not_a_byte_count_fails_before_any_file_or_byte_request(
    server: HostileDrsServer, download: Download, tmp_path: Path, size: int
) -> None:
    server.add_blob("blob", DATA, size=size)
    out = tmp_path / "out"

    [result] = download(["blob"], out)

    error = failed(result, InvalidObjectMetadataError)
    assert error.field == "size" and error.object_id == "blob"
    assert error.url == server.object_url("blob")
    assert str(size) in str(error) and server.object_url("blob") in str(error)
    assert tree(out) == []  # no .part, no final file
    assert server.byte_requests() == []


@pytest.mark.parametrize(
    ("kind", "checksum"),
    [
        ("sha-256", "zz-not-hex"),
        ("sha-256", "ab" * 31),  # hex, one byte short
        ("sha-256", base64.b64encode(b"x" * 31).decode()),  # base64 of the wrong length
        ("md5", "not a digest at all!"),
    ],
)
def test_a_checksum_that_cannot_be_a_digest_fails_before_any_byte_is_fetched(
    server: HostileDrsServer, download: Download, tmp_path: Path, kind: str, checksum: str
) -> None:
    server.add_blob("blob", DATA, checksums=[{"type": kind, "checksum": checksum}])
    out = tmp_path / "out"

    [result] = download(["blob"], out)

    error = failed(result, InvalidObjectMetadataError)
    assert error.field == f"checksums[{kind}]"
    assert checksum in str(error) and server.object_url("blob") in str(error)
    assert tree(out) == []
    assert server.byte_requests() == []


@pytest.mark.parametrize(
    "checksums",
    [
        [{"type": "sha-256", "checksum": base64.b64encode(hashlib.sha256(DATA).digest()).decode()}],
        [{"type": "MD5", "checksum": hashlib.md5(DATA).hexdigest().upper()}],
        [{"type": "sha-256", "checksum": f"  {hashlib.sha256(DATA).hexdigest()}  "}],
    ],
)
def test_digests_in_base64_or_upper_case_hex_are_still_accepted(
    server: HostileDrsServer, download: Download, tmp_path: Path, checksums: list[Any]
) -> None:
    server.add_blob("blob", DATA, checksums=checksums)
    [result] = download(["blob"], tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS, result.error
    assert result.checksum_verified
    assert tree(tmp_path / "out") == ["blob"]


def test_an_object_without_an_http_access_method_leaves_no_part_file(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    server.add_blob(
        "blob", DATA, access_methods=[{"type": "s3", "access_url": {"url": "s3://bucket/blob"}}]
    )
    out = tmp_path / "out"

    [result] = download(["blob"], out)

    assert "s3" in str(failed(result, NoAccessMethodError))
    assert tree(out) == []


@pytest.mark.parametrize(("status", "kind"), [(404, NotFoundError), (403, ForbiddenError)])
def test_bytes_refused_before_the_first_byte_leave_no_empty_part_file(
    server: HostileDrsServer,
    download: Download,
    tmp_path: Path,
    status: int,
    kind: type[Exception],
) -> None:
    server.add_blob("blob", DATA)
    server.refuse["blob"] = status
    out = tmp_path / "out"

    [result] = download(["blob"], out)

    assert f"{server.url}/bytes/blob" in str(failed(result, kind))
    assert tree(out) == []
    assert server.byte_requests() == ["/bytes/blob"]


def test_a_leftover_part_file_is_kept_when_the_bytes_are_refused(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    server.add_blob("blob", DATA)
    server.refuse["blob"] = 404
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blob.part").write_bytes(DATA[:10])  # not this download's: never removed

    [result] = download(["blob"], out)

    failed(result, NotFoundError)
    assert tree(out) == [".blob.part"]
    assert (out / ".blob.part").read_bytes() == DATA[:10]


def test_a_bundle_member_with_a_bad_size_creates_no_folder_for_it(
    server: HostileDrsServer, download: Download, tmp_path: Path
) -> None:
    server.add_blob("good", DATA)
    server.add_blob("bad", DATA, size=-1)
    server.add_bundle(
        "bundle", [{"name": "good.txt", "id": "good"}, {"name": "sub/bad.txt", "id": "bad"}]
    )
    out = tmp_path / "out"

    results = download(["bundle"], out)

    by_id = {r.object_id: r for r in results}
    assert by_id["good"].status is DownloadStatus.SUCCESS
    assert failed(by_id["bad"], InvalidObjectMetadataError).field == "size"
    assert tree(out) == ["bundle", "bundle/good.txt"]  # no bundle/sub, no .part
    assert server.byte_requests() == ["/bytes/good"]
