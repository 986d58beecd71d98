"""The 3.x download API of ``DrsClient`` against the devserver: ``_download_files`` (and
``download_files``), its events with the reference's attributes, ``DownloadStatus.FAIL``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import isolated_settings

from dnastack.client.drs import (
    DownloadFailureEvent,
    DownloadOkEvent,
    DownloadProgressEvent,
    DownloadStatus,
    DrsApiError,
    DrsClient,
    DRSDownloadException,
)
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def client(devserver: DevServer, tmp_path: Path) -> Iterator[DrsClient]:
    endpoint = ServiceEndpoint(url=devserver.drs_url)
    with DrsClient(endpoint, settings=isolated_settings(tmp_path)) as client:
        yield client


def _record(client: DrsClient) -> list[Any]:
    seen: list[Any] = []
    for name in ("download-ok", "download-failure", "download-progress"):
        client.events.on(name, seen.append)
    return seen


def test_download_files_writes_each_object_once_and_reports_ok_events(
    client: DrsClient, devserver: DevServer, tmp_path: Path
) -> None:
    seen = _record(client)
    out = tmp_path / "out"

    returned = client._download_files(["hello.json", "hello.json", "random-1mib.bin"], str(out))

    assert returned is None
    names = sorted(p.name for p in out.iterdir())
    assert names == ["hello.json", "random-1mib.bin"]
    assert (out / "hello.json").read_bytes() == (
        devserver.data_dir / "drs" / "hello.json"
    ).read_bytes()
    ok = [e for e in seen if isinstance(e, DownloadOkEvent)]
    host = devserver.drs_url.split("://", 1)[1].split("/", 1)[0]
    assert sorted(e.drs_url for e in ok) == [
        f"drs://{host}/hello.json",
        f"drs://{host}/random-1mib.bin",
    ]
    assert sorted(Path(str(e.output_file_path)).name for e in ok) == names
    progress = [e for e in seen if isinstance(e, DownloadProgressEvent)]
    last = [e for e in progress if e.drs_url == "random-1mib.bin"][-1]
    assert last.read_byte_count == last.total_byte_count == 1024 * 1024


def test_download_files_raises_drs_download_exception_when_every_object_failed(
    client: DrsClient, tmp_path: Path
) -> None:
    seen = _record(client)

    with pytest.raises(DRSDownloadException) as raised:
        client._download_files(["no-such-object"], str(tmp_path / "out"))

    assert [e.url for e in raised.value.errors] == ["no-such-object"]
    failures = [e for e in seen if isinstance(e, DownloadFailureEvent)]
    assert [f.drs_url for f in failures] == ["no-such-object"]
    assert failures[0].reason == "Unexpected error while communicating with DRS API"
    assert isinstance(failures[0].error, DrsApiError)


def test_download_files_with_some_failures_downloads_the_rest_without_raising(
    client: DrsClient, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    client.download_files(["hello.json", "no-such-object"], str(out))

    assert [p.name for p in out.iterdir()] == ["hello.json"]


def test_exit_codes_keyed_by_the_reference_members(client: DrsClient, tmp_path: Path) -> None:
    exit_codes: dict[DownloadStatus, dict[str, str]] = {s: {} for s in DownloadStatus}

    client.download(["hello.json", "no-such-object"], tmp_path, exit_codes=exit_codes)

    assert DownloadStatus.FAIL is DownloadStatus.FAILED
    assert list(exit_codes[DownloadStatus.FAIL]) == ["no-such-object"]
    assert list(exit_codes[DownloadStatus.SUCCESS]) == ["hello.json"]
