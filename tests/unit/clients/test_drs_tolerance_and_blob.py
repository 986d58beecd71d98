"""DRS tolerant reader (real-world variants normalised, one warning per service) and ``Blob``
(verified bytes in memory), against a scripted DRS service (``httpx.MockTransport``)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import httpx
import pytest
from drs_fake import BASE, STORAGE, FakeDrs, make_client

from dnastack.client.drs import (
    ChecksumMismatchError,
    DrsApiError,
    DrsObjectNotFoundError,
    NoUsableAccessMethodError,
)
from dnastack.client.drs.tolerance import _variants
from dnastack.http.session import ClientError

DATA = b"hello, tolerant world\n"


@pytest.fixture(autouse=True)
def _forget_warnings() -> None:
    _variants.forget()


def test_headers_as_an_object_are_read_as_header_lines_and_sent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeDrs()
    document = fake.add_blob("a", DATA)
    document["access_methods"][0]["access_url"]["headers"] = {"X-Token": "t-1"}
    client = make_client(fake, tmp_path)

    with caplog.at_level(logging.WARNING, logger="dnastack.drs"):
        first = client.get_object("a")
        client.get_object("a")
        assert client.get_blob("a").data == DATA

    assert first.access_methods is not None and first.access_methods[0].access_url is not None
    assert first.access_methods[0].access_url.headers == ["X-Token: t-1"]
    assert fake.seen(BASE.replace("/ga4gh/drs/v1", "/bytes"))[-1].headers["X-Token"] == "t-1"
    warnings = [r for r in caplog.records if "AccessURL.headers as an object" in r.getMessage()]
    assert len(warnings) == 1  # once per service, however many objects


def test_numeric_string_size_and_checksum_spellings_are_normalised(tmp_path: Path) -> None:
    fake = FakeDrs()
    document = fake.add_blob(
        "a",
        DATA,
        checksums=[
            {"type": "SHA-256", "checksum": hashlib.sha256(DATA).hexdigest()},
            {"type": "MD5", "checksum": hashlib.md5(DATA).hexdigest()},
        ],
    )
    document["size"] = str(len(DATA))
    document["checksums"].append(None)
    client = make_client(fake, tmp_path)

    found = client.get_object("a")

    assert found.size == len(DATA)
    assert sorted(c.type for c in found.checksums) == ["md5", "sha-256"]
    assert client.get_blob("a").data == DATA  # verified against the normalised sha-256


def test_access_url_exchanged_for_an_access_id_reads_object_headers(tmp_path: Path) -> None:
    fake = FakeDrs()
    fake.add_blob("a", DATA, access_id="s3")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/access/s3"):
            return httpx.Response(200, json={"url": f"{STORAGE}/a", "headers": {"X-K": "v"}})
        return fake.handler(request)

    client = make_client(fake, tmp_path)
    client._http_options["transport"] = httpx.MockTransport(handler)

    access = client.get_access_url("a", "s3")

    assert access.headers == ["X-K: v"] and access.header_dict == {"X-K": "v"}


def test_blob_data_is_verified_against_the_checksum(tmp_path: Path) -> None:
    fake = FakeDrs()
    fake.add_blob("a", DATA, checksums=[{"type": "sha-256", "checksum": "0" * 64}])
    blob = make_client(fake, tmp_path).get_blob("a")

    with pytest.raises(ChecksumMismatchError):
        _ = blob.data


def test_blob_members(tmp_path: Path) -> None:
    fake = FakeDrs()
    fake.add_blob("a", DATA, name="a.txt")
    with make_client(fake, tmp_path).get_blob(id="a") as blob:
        assert blob.drs_object.name == "a.txt"
        assert blob.get_download_url().endswith("/bytes/a")
        assert blob.name == "a"  # the download URL's last segment, as the reference names it
        assert blob.drs_url == "drs://drs.test/a"
        assert blob.data == DATA and blob.data is blob.data  # fetched once, held in memory
    assert blob._data is None  # closing forgets the bytes


def test_blob_of_a_missing_object_is_a_drs_api_error(tmp_path: Path) -> None:
    blob = make_client(FakeDrs(), tmp_path).get_blob("missing")
    with pytest.raises(DrsObjectNotFoundError) as caught:
        _ = blob.drs_object
    assert isinstance(caught.value, DrsApiError) and isinstance(caught.value, RuntimeError)


def test_blob_without_http_access_method(tmp_path: Path) -> None:
    fake = FakeDrs()
    document = fake.add_blob("a", DATA)
    document["access_methods"] = [{"type": "s3", "access_url": {"url": "s3://bucket/a"}}]
    with pytest.raises(NoUsableAccessMethodError):
        make_client(fake, tmp_path).get_blob("a").get_download_url()


def test_create_http_session_suppress_error_returns_the_response(tmp_path: Path) -> None:
    client = make_client(FakeDrs(), tmp_path)
    url = f"{BASE}/objects/missing"

    assert client.create_http_session(suppress_error=True).get(url).status_code == 404
    with pytest.raises(ClientError):
        client.create_http_session().get(url)  # the reference's default: suppress_error=False
