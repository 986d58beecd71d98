"""DrsClient.download under injected faults (httpx.MockTransport): nothing unverified is kept."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from drs_fake import BASE, STORAGE, FakeDrs, make_client

from dnastack.client.drs import (
    ChecksumMismatchError,
    DownloadProgress,
    DownloadStatus,
    DrsObjectNotFoundError,
    IncompleteDownloadError,
)

BLOB = hashlib.shake_256(b"unit").digest(3 * 1024 * 1024 + 17)  # > 3 batches, odd size


def final_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def fake() -> FakeDrs:
    return FakeDrs()


def test_truncated_body_is_resumed_with_range_and_verified(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", BLOB)
    fake.faults["blob"] = ["truncate"]
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert result.checksum_verified
    assert (tmp_path / "out" / "blob").read_bytes() == BLOB
    ranges = [r.headers.get("range") for r in fake.seen("http://drs.test/bytes/")]
    assert ranges[0] is None
    assert ranges[1] == f"bytes={len(BLOB) // 3}-"


@pytest.mark.parametrize("fault", ["reset", "incomplete"])
def test_connection_failure_mid_body_is_resumed(fake: FakeDrs, tmp_path: Path, fault: str) -> None:
    fake.add_blob("blob", BLOB)
    fake.faults["blob"] = [fault, fault]
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert (tmp_path / "out" / "blob").read_bytes() == BLOB
    byte_requests = fake.seen("http://drs.test/bytes/")
    assert len(byte_requests) == 3
    assert all(r.headers.get("range") for r in byte_requests[1:])
    assert result.bytes_transferred == len(BLOB)  # nothing fetched twice


def test_body_that_never_completes_fails_typed_without_final_file(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", BLOB)
    fake.faults["blob"] = ["reset"] * 100  # every attempt dies half way
    fake.blobs["blob"] = BLOB[:10]  # and there is less than the size says
    fake.objects["blob"]["size"] = len(BLOB)
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.FAILED
    assert result.path is None
    assert isinstance(result.exception, IncompleteDownloadError | ChecksumMismatchError) or (
        result.exception is not None and "blob" in str(result.exception)
    )
    assert not (tmp_path / "out" / "blob").exists()


def test_short_object_with_clean_end_is_an_incomplete_download(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", b"0123456789", size=20)  # the server claims 20 bytes, sends 10
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.FAILED
    assert isinstance(result.exception, IncompleteDownloadError)
    assert result.exception.expected == 20 and result.exception.received == 10
    assert final_files(tmp_path / "out") == [".blob.part"]  # kept for a later resume


def test_checksum_mismatch_fails_reports_digests_and_keeps_nothing(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", BLOB)
    fake.faults["blob"] = ["corrupt"]
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.FAILED
    assert isinstance(result.exception, ChecksumMismatchError)
    expected = hashlib.sha256(BLOB).hexdigest()
    corrupted = bytes([BLOB[0] ^ 0xFF]) + BLOB[1:]
    assert result.expected_checksums == {"sha-256": expected}
    assert result.actual_checksums == {"sha-256": hashlib.sha256(corrupted).hexdigest()}
    assert expected in (result.error or "")
    assert final_files(tmp_path / "out") == []


def test_all_policy_verifies_every_offered_type(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", BLOB)
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out", checksum_policy="all")

    assert result.status is DownloadStatus.SUCCESS
    assert result.actual_checksums == {
        "sha-256": hashlib.sha256(BLOB).hexdigest(),
        "md5": hashlib.md5(BLOB).hexdigest(),
    }


def test_md5_only_object_is_verified_with_md5(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob(
        "blob", BLOB, checksums=[{"type": "MD5", "checksum": hashlib.md5(BLOB).hexdigest()}]
    )
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.checksum_verified
    assert list(result.actual_checksums) == ["md5"]


def test_object_with_unknown_checksum_type_is_size_checked_not_verified(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", BLOB, checksums=[{"type": "etag", "checksum": "abc"}])
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert not result.checksum_verified


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("/etc/shadow", "shadow"),
        ("..", "evil"),
        ("C:\\Windows\\system.ini", "system.ini"),
        ("a/b/../c.txt", "c.txt"),
    ],
)
def test_object_names_cannot_escape_the_output_folder(
    fake: FakeDrs, tmp_path: Path, name: str, expected: str
) -> None:
    fake.add_blob("evil", b"payload", name=name)
    out = tmp_path / "out"
    [result] = make_client(fake, tmp_path).download("evil", out)

    assert result.status is DownloadStatus.SUCCESS
    assert result.path == out / expected
    assert final_files(tmp_path) == [f"out/{expected}"]


def test_bundle_member_names_cannot_escape_the_bundle_folder(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("m1", b"one")
    fake.add_blob("m2", b"two")
    fake.add_blob("m3", b"three")
    fake.add_bundle(
        "bundle",
        "../bundle",
        [
            {"name": "../../escape.txt", "id": "m1"},
            {"name": "/abs/path.txt", "id": "m2"},
            {"name": "sub", "contents": [{"name": "..\\..\\win.txt", "id": "m3"}], "id": "sub"},
        ],
    )
    fake.add_bundle("sub", "sub", [{"name": "..\\..\\win.txt", "id": "m3"}])
    out = tmp_path / "out"
    results = make_client(fake, tmp_path).download("bundle", out)

    assert [r.status for r in results] == [DownloadStatus.SUCCESS] * 3
    assert final_files(tmp_path) == [
        "out/bundle/abs/path.txt",
        "out/bundle/escape.txt",
        "out/bundle/sub/win.txt",
    ]
    assert {r.bundle_id for r in results} == {"bundle"}


def test_bundle_requested_twice_and_containing_itself_is_walked_once(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("m1", b"one")
    fake.add_bundle("loop", "loop", [{"name": "m1.txt", "id": "m1"}, {"name": "me", "id": "loop"}])
    results = make_client(fake, tmp_path).download(["loop", "loop"], tmp_path / "out")

    assert [(r.object_id, r.status) for r in results] == [
        ("m1", DownloadStatus.SUCCESS),
        ("loop", DownloadStatus.SKIPPED),
    ]
    assert final_files(tmp_path / "out") == ["loop/m1.txt"]


def test_access_url_on_another_origin_never_gets_the_endpoint_token(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("remote", b"remote bytes", url=f"{STORAGE}/remote")
    fake.add_blob("local", b"local bytes")
    client = make_client(fake, tmp_path, authentication={"type": "bearer", "token": "tok-123"})
    results = client.download(["remote", "local"], tmp_path / "out")

    assert [r.status for r in results] == [DownloadStatus.SUCCESS] * 2
    [storage] = fake.seen(STORAGE)
    assert "authorization" not in storage.headers
    [same_origin] = fake.seen("http://drs.test/bytes/")
    assert same_origin.headers["authorization"] == "Bearer tok-123"
    assert all(r.headers["authorization"] == "Bearer tok-123" for r in fake.seen(BASE))


def test_access_url_headers_are_sent_and_their_authorization_wins(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob(
        "remote",
        b"remote bytes",
        url=f"{STORAGE}/remote",
        headers=["Authorization: Bearer storage-token", "X-Extra: 1"],
    )
    fake.add_blob("local", b"local bytes", headers=["Authorization: Basic c3RvcmFnZTpwYXNz"])
    client = make_client(fake, tmp_path, authentication={"type": "bearer", "token": "tok-123"})
    results = client.download(["remote", "local"], tmp_path / "out")

    assert [r.status for r in results] == [DownloadStatus.SUCCESS] * 2
    [storage] = fake.seen(STORAGE)
    assert storage.headers["authorization"] == "Bearer storage-token"
    assert storage.headers["x-extra"] == "1"
    [local] = fake.seen("http://drs.test/bytes/")
    assert local.headers["authorization"] == "Basic c3RvcmFnZTpwYXNz"


def test_access_id_is_exchanged_for_a_signed_url_without_the_token(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("signed", b"signed bytes", access_id="signed-https")
    client = make_client(fake, tmp_path, authentication={"type": "bearer", "token": "tok-123"})
    [result] = client.download("signed", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert result.source_url == f"{STORAGE}/signed"  # the signature is not reported
    [access] = fake.seen(f"{BASE}/objects/signed/access/")
    assert access.headers["authorization"] == "Bearer tok-123"
    [storage] = fake.seen(STORAGE)
    assert "authorization" not in storage.headers


def test_failing_direct_url_falls_back_to_the_next_access_method(
    fake: FakeDrs, tmp_path: Path
) -> None:
    document = fake.add_blob("obj", b"bytes of obj")
    document["access_methods"].append({"type": "https", "access_id": "signed-https"})
    fake.faults["obj"] = ["unauthorized"]
    [result] = make_client(fake, tmp_path).download("obj", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert (tmp_path / "out" / "obj").read_bytes() == b"bytes of obj"
    assert result.source_url == f"{STORAGE}/obj"


def test_missing_object_is_a_typed_error_naming_id_and_url(fake: FakeDrs, tmp_path: Path) -> None:
    client = make_client(fake, tmp_path)
    with pytest.raises(DrsObjectNotFoundError) as caught:
        client.get_object("no-such-object")
    assert caught.value.object_id == "no-such-object"
    assert caught.value.status_code == 404
    assert f"{BASE}/objects/no-such-object" in str(caught.value)
    assert "'no-such-object'" in str(caught.value)

    [result] = client.download("no-such-object", tmp_path / "out")
    assert result.status is DownloadStatus.FAILED
    assert isinstance(result.exception, DrsObjectNotFoundError)
    assert "no-such-object" in (result.error or "")


def test_partial_file_is_resumed_and_only_the_rest_is_fetched(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", BLOB)
    out = tmp_path / "out"
    out.mkdir()
    kept = 1024 * 1024 + 5
    (out / ".blob.part").write_bytes(BLOB[:kept])
    reports: list[DownloadProgress] = []
    [result] = make_client(fake, tmp_path).download("blob", out, progress=reports.append)

    assert result.status is DownloadStatus.SUCCESS
    assert (out / "blob").read_bytes() == BLOB
    assert not (out / ".blob.part").exists()
    assert result.resumed_from == kept
    assert result.bytes_transferred == len(BLOB) - kept
    assert reports[0].resumed_from == kept and reports[0].bytes_done == kept
    assert reports[-1].done and reports[-1].bytes_transferred == len(BLOB) - kept
    [request] = fake.seen("http://drs.test/bytes/")
    assert request.headers["range"] == f"bytes={kept}-"


def test_server_ignoring_range_restarts_from_zero(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", BLOB)
    fake.faults["blob"] = ["ignore-range"]
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blob.part").write_bytes(BLOB[:1000])
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.status is DownloadStatus.SUCCESS
    assert (out / "blob").read_bytes() == BLOB
    assert result.resumed_from == 0


def test_stale_partial_file_of_other_bytes_is_discarded_after_verification(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", BLOB)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blob.part").write_bytes(b"x" * 5000)  # not a prefix of BLOB
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.status is DownloadStatus.SUCCESS
    assert (out / "blob").read_bytes() == BLOB


def test_complete_partial_file_needs_no_byte_request_body(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", b"complete")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blob.part").write_bytes(b"complete")
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.status is DownloadStatus.SUCCESS
    assert result.bytes_transferred == 0
    assert fake.seen("http://drs.test/bytes/") == []


def test_resume_false_starts_over(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", b"abcdefgh")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blob.part").write_bytes(b"abcd")
    [result] = make_client(fake, tmp_path).download("blob", out, resume=False)

    assert result.status is DownloadStatus.SUCCESS
    assert result.bytes_transferred == 8
    assert "range" not in fake.seen("http://drs.test/bytes/")[0].headers


def test_existing_file_with_other_content_gets_a_suffix_never_overwritten(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("data.tar.gz", b"new bytes")
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.tar.gz").write_bytes(b"precious user file")
    [result] = make_client(fake, tmp_path).download("data.tar.gz", out)

    assert result.status is DownloadStatus.SUCCESS
    assert result.path == out / "data (1).tar.gz"
    assert (out / "data.tar.gz").read_bytes() == b"precious user file"
    assert (out / "data (1).tar.gz").read_bytes() == b"new bytes"


def test_existing_file_of_the_same_size_but_other_bytes_is_kept(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.add_blob("blob", b"new bytes!")
    out = tmp_path / "out"
    out.mkdir()
    (out / "blob").write_bytes(b"old bytes!")  # same size, other content
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.status is DownloadStatus.SUCCESS
    assert result.path == out / "blob (1)"
    assert (out / "blob").read_bytes() == b"old bytes!"


def test_existing_verified_file_is_skipped(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", b"same bytes")
    out = tmp_path / "out"
    out.mkdir()
    (out / "blob").write_bytes(b"same bytes")
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.status is DownloadStatus.SKIPPED
    assert result.checksum_verified
    assert fake.seen("http://drs.test/bytes/") == []


def test_two_objects_with_one_name_get_distinct_files(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("a", b"first", name="same.txt")
    fake.add_blob("b", b"second", name="same.txt")
    out = tmp_path / "out"
    results = make_client(fake, tmp_path).download(["a", "b", "a"], out, parallel=2)

    assert [r.status for r in results] == [
        DownloadStatus.SUCCESS,
        DownloadStatus.SUCCESS,
        DownloadStatus.SKIPPED,  # requested twice
    ]
    assert (out / "same.txt").read_bytes() == b"first"
    assert (out / "same (1).txt").read_bytes() == b"second"
    assert results[2].path == out / "same.txt"


def test_file_appearing_before_the_rename_is_not_overwritten(
    fake: FakeDrs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.add_blob("blob", b"downloaded")
    out = tmp_path / "out"
    real_link = os.link

    def racing_link(source: str, target: str, **dir_fds: Any) -> None:
        if target == "blob" and not (out / target).exists():
            (out / target).write_bytes(b"written by someone else")
        real_link(source, target, **dir_fds)

    monkeypatch.setattr(os, "link", racing_link)
    [result] = make_client(fake, tmp_path).download("blob", out)

    assert result.path == out / "blob (1)"
    assert (out / "blob").read_bytes() == b"written by someone else"
    assert (out / "blob (1)").read_bytes() == b"downloaded"


def test_platform_without_writev_writes_chunk_by_chunk(
    fake: FakeDrs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dnastack.client.drs import transfer_core as transfer

    monkeypatch.setattr(transfer, "_HAS_WRITEV", False)
    fake.add_blob("blob", BLOB)
    [result] = make_client(fake, tmp_path).download("blob", tmp_path / "out")

    assert result.status is DownloadStatus.SUCCESS
    assert (tmp_path / "out" / "blob").read_bytes() == BLOB


def test_progress_is_throttled_not_per_chunk(fake: FakeDrs, tmp_path: Path) -> None:
    big = hashlib.shake_256(b"big").digest(8 * 1024 * 1024)
    fake.add_blob("big", big)
    reports: list[DownloadProgress] = []
    [result] = make_client(fake, tmp_path).download(
        "big", tmp_path / "out", progress=reports.append
    )

    assert result.status is DownloadStatus.SUCCESS
    assert 2 <= len(reports) <= 2 + 8  # start, at most one per 1 MiB batch, end
    assert reports[-1].done and reports[-1].bytes_done == len(big)
    assert reports[-1].fraction == 1.0


def test_events_report_progress_and_outcomes(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", b"bytes")
    client = make_client(fake, tmp_path)
    seen: list[tuple[str, dict[str, object]]] = []
    for name in ("download-progress", "download-ok", "download-failure"):
        client.events.on(name, lambda e: seen.append((e.name, dict(e.payload))))
    client.download(["blob", "missing"], tmp_path / "out")

    names = [name for name, _ in seen]
    assert "download-progress" in names
    assert ("download-ok", "blob") in [(n, p.get("object_id")) for n, p in seen]
    assert ("download-failure", "missing") in [(n, p.get("object_id")) for n, p in seen]


def test_exit_codes_collect_every_outcome(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("blob", b"bytes")
    client = make_client(fake, tmp_path)
    exit_codes: dict[DownloadStatus, dict[str, str]] = {}
    client.download(["blob", "missing"], tmp_path / "out", exit_codes=exit_codes)

    assert exit_codes[DownloadStatus.SUCCESS] == {"blob": ""}
    assert "missing" in exit_codes[DownloadStatus.FAILED]["missing"]

    client.exit_download("drs://x/y", DownloadStatus.FAILED, "boom", exit_codes)
    assert exit_codes[DownloadStatus.FAILED]["drs://x/y"] == "boom"
    client.exit_download("drs://x/z", DownloadStatus.SUCCESS, "", None)  # no dict: no-op
