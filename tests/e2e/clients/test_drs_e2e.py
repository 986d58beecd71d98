"""DrsClient end to end against the devserver: resolution, bundles, access ids, verified
downloads checked byte for byte against the data directory, resume, parallelism, names."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from aio_e2e_support import CLIENT_KINDS, Blocking
from drs_e2e_support import RecordingTransport, isolated_settings

from dnastack.aio import AsyncDrsClient
from dnastack.client.drs import (
    DownloadProgress,
    DownloadStatus,
    DrsClient,
    DrsObjectNotFoundError,
    UnresolvedDrsObjectsError,
)
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def transport() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture(params=CLIENT_KINDS)
def client(
    request: pytest.FixtureRequest,
    devserver: DevServer,
    tmp_path: Path,
    transport: RecordingTransport,
) -> Iterator[DrsClient]:
    """``DrsClient``, then ``AsyncDrsClient`` behind a blocking view (same tests)."""
    endpoint = ServiceEndpoint(url=devserver.drs_url)
    options = {"settings": isolated_settings(tmp_path), "http_options": {"transport": transport}}
    if request.param == "async":
        with Blocking(AsyncDrsClient(endpoint, **options)) as blocking:  # type: ignore[arg-type]
            yield blocking  # type: ignore[misc]
        return
    with DrsClient(endpoint, **options) as client:  # type: ignore[arg-type]
        yield client


def drs_file(server: DevServer, relpath: str) -> Path:
    return server.data_dir / "drs" / relpath


def test_plain_id_resolves_with_checksums_of_the_file(
    client: DrsClient, devserver: DevServer
) -> None:
    drs_object = client.get_object("hello.json")
    data = drs_file(devserver, "hello.json").read_bytes()

    assert drs_object.name == "hello.json"
    assert drs_object.size == len(data)
    assert drs_object.checksum("sha-256") == hashlib.sha256(data).hexdigest()
    assert drs_object.checksum("md5") == hashlib.md5(data).hexdigest()
    assert not drs_object.is_bundle


def test_drs_uri_with_host_and_port_resolves_on_the_devserver(
    client: DrsClient, devserver: DevServer, transport: RecordingTransport
) -> None:
    host_port = devserver.base_url.split("://", 1)[1]
    by_uri = client.get_object(f"drs://{host_port}/hello.json")
    assert by_uri == client.get_object("hello.json")
    assert client.get_object(by_uri.self_uri).id == "hello.json"  # its own self_uri
    assert all(s.url.startswith(devserver.drs_url) for s in transport.seen)


def test_bundle_expands_into_nested_contents(client: DrsClient) -> None:
    flat = client.get_object("cohort-a")
    expanded = client.get_object("cohort-a", expand=True)

    assert flat.is_bundle and expanded.is_bundle
    names = {c.name: c for c in expanded.contents or []}
    assert set(names) == {"manifest.tsv", "sample-1.vcf", "nested"}
    nested = names["nested"]
    assert [c.name for c in nested.contents or []] == ["notes.txt"]


def test_several_objects_resolve_in_bulk(client: DrsClient, transport: RecordingTransport) -> None:
    objects = client.get_objects(["hello.json", "README.txt", "random-1mib.bin"])
    assert [o.id for o in objects] == ["hello.json", "README.txt", "random-1mib.bin"]
    assert [s.method for s in transport.seen] == ["POST"]
    with pytest.raises(UnresolvedDrsObjectsError) as caught:
        client.get_objects(["hello.json", "nope-1", "nope-2"])
    assert caught.value.object_ids == ["nope-1", "nope-2"]


def test_missing_object_is_typed(client: DrsClient, devserver: DevServer) -> None:
    with pytest.raises(DrsObjectNotFoundError) as caught:
        client.get_object("no-such-object")
    assert caught.value.object_id == "no-such-object"
    assert f"{devserver.drs_url}objects/no-such-object" in str(caught.value)


def test_access_id_gives_a_working_signed_url(client: DrsClient, devserver: DevServer) -> None:
    access = client.get_access_url("hello.json", "signed-https")

    assert "signature=" in access.url
    assert "signature" not in repr(access)
    assert httpx.get(access.url).content == drs_file(devserver, "hello.json").read_bytes()


def test_blobs_and_a_bundle_download_verified_byte_for_byte(
    client: DrsClient, devserver: DevServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    results = client.download(["hello.json", "random-1mib.bin", "cohort-a"], out)

    assert all(r.status is DownloadStatus.SUCCESS for r in results), results
    assert all(r.checksum_verified and r.expected_checksums for r in results)
    expected = {
        "hello.json": "hello.json",
        "random-1mib.bin": "random-1mib.bin",
        "cohort-a/manifest.tsv": "cohort-a/manifest.tsv",
        "cohort-a/sample-1.vcf": "cohort-a/sample-1.vcf",
        "cohort-a/nested/notes.txt": "cohort-a/nested/notes.txt",
    }
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == sorted(expected)
    for local, source in expected.items():
        assert (out / local).read_bytes() == drs_file(devserver, source).read_bytes(), local
    bundle_members = [r for r in results if r.bundle_id == "cohort-a"]
    assert len(bundle_members) == 3


def test_partial_file_is_resumed_fetching_only_the_rest(
    client: DrsClient, devserver: DevServer, tmp_path: Path, transport: RecordingTransport
) -> None:
    data = drs_file(devserver, "random-1mib.bin").read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    kept = 300 * 1024
    (out / ".random-1mib.bin.part").write_bytes(data[:kept])
    reports: list[DownloadProgress] = []

    [result] = client.download("random-1mib.bin", out, progress=reports.append)

    assert result.status is DownloadStatus.SUCCESS and result.checksum_verified
    assert (out / "random-1mib.bin").read_bytes() == data
    assert not (out / ".random-1mib.bin.part").exists()
    assert reports[0].resumed_from == kept
    assert reports[-1].done
    assert reports[-1].bytes_transferred == len(data) - kept  # only the remainder
    assert result.bytes_transferred == len(data) - kept
    assert len(transport.to("/bytes/random-1mib.bin")) == 1


@pytest.fixture
def custom_node(devserver_factory: DevServerFactory) -> DevServer:
    """A devserver with 40 small objects and two objects sharing one name."""
    server = devserver_factory.start("--rows", "100")
    root = server.data_dir / "drs"
    for index in range(40):
        blob = hashlib.shake_256(f"small-{index}".encode()).digest(20_000 + index)
        (root / "many").mkdir(exist_ok=True)
        (root / "many" / f"f-{index:02d}.bin").write_bytes(blob)
    for folder, content in (("x", b"first same"), ("y", b"second same")):
        (root / folder).mkdir()
        (root / folder / "same.txt").write_bytes(content)
    return server


def test_many_small_objects_download_in_parallel(custom_node: DevServer, tmp_path: Path) -> None:
    ids = [f"many~f-{index:02d}.bin" for index in range(40)]
    with DrsClient(
        ServiceEndpoint(url=custom_node.drs_url), settings=isolated_settings(tmp_path)
    ) as client:
        results = client.download(ids, tmp_path / "out", parallel=8)

    assert [r.object_id for r in results] == ids
    assert all(r.status is DownloadStatus.SUCCESS and r.checksum_verified for r in results)
    for index in range(40):
        name = f"f-{index:02d}.bin"
        local = (tmp_path / "out" / name).read_bytes()
        assert local == drs_file(custom_node, f"many/{name}").read_bytes()


def test_same_names_get_suffixes_and_nothing_is_overwritten(
    custom_node: DevServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with DrsClient(
        ServiceEndpoint(url=custom_node.drs_url), settings=isolated_settings(tmp_path)
    ) as client:
        first = client.download(["x~same.txt", "y~same.txt"], out)
        again = client.download(["x~same.txt", "y~same.txt"], out)

    assert [r.path for r in first] == [out / "same.txt", out / "same (1).txt"]
    assert (out / "same.txt").read_bytes() == b"first same"
    assert (out / "same (1).txt").read_bytes() == b"second same"
    # a second run finds both files already there (y's under its suffixed name)
    assert [r.status for r in again] == [DownloadStatus.SKIPPED, DownloadStatus.SKIPPED]
    assert again[1].path == out / "same (1).txt"
    assert (out / "same.txt").read_bytes() == b"first same"
    assert sorted(p.name for p in out.iterdir()) == ["same (1).txt", "same.txt"]


def test_body_reads_are_widened_for_the_download_only(devserver: DevServer, tmp_path: Path) -> None:
    """The sync engine's httpcore connections only (the asyncio transport reads widely)."""
    from dnastack.client.drs import connection_access as transfer

    endpoint = ServiceEndpoint(url=devserver.drs_url)
    client = DrsClient(endpoint, settings=isolated_settings(tmp_path))
    session = client.create_http_session()
    with session.stream("GET", f"{devserver.drs_url}bytes/hello.json") as response:
        connection = transfer.http11_connection(response)
        assert connection is not None, "httpx/httpcore layout changed: reads are not widened"
        default = type(connection).READ_NUM_BYTES
        with transfer.wide_socket_reads(response):
            assert connection.READ_NUM_BYTES == transfer.WIDE_READ_BYTES
            response.read()
        assert default == connection.READ_NUM_BYTES  # restored
