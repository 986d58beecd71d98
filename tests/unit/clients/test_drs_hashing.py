"""Checksum selection, streaming hashing and progress throttling (pure, no network)."""

from __future__ import annotations

import base64
import hashlib
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.client.drs import hashing
from dnastack.client.drs.hashing import (
    HashPipeline,
    digests_match,
    new_hasher,
    normalize_checksum_type,
    select_checksums,
    supported_checksum_types,
)
from dnastack.client.drs.progress import DownloadProgress, ProgressReporter


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("sha-256", "sha-256"),
        ("SHA256", "sha-256"),
        ("sha_256", "sha-256"),
        ("MD5", "md5"),
        ("sha1", "sha-1"),
        ("crc32c", "crc32c"),
        ("etag", "etag"),
    ],
)
def test_checksum_type_names_are_normalized(given: str, canonical: str) -> None:
    assert normalize_checksum_type(given) == canonical


def test_strongest_policy_picks_one_strong_type() -> None:
    offered = [("md5", "m"), ("sha-256", "s"), ("etag", "e")]
    assert select_checksums(offered) == {"sha-256": "s"}
    assert select_checksums(offered, "all") == {"sha-256": "s", "md5": "m"}
    assert select_checksums([("etag", "e")]) == {}


def test_digests_match_hex_in_any_case_and_base64() -> None:
    digest = hashlib.md5(b"x").hexdigest()
    assert digests_match(digest.upper(), digest)
    assert digests_match(base64.b64encode(bytes.fromhex(digest)).decode(), digest)
    assert not digests_match("0" * 32, digest)
    assert not digests_match("not base64 !", digest)


@pytest.fixture
def fresh_crc32c_probe() -> Iterator[None]:
    hashing._crc32c_module.cache_clear()  # the probe is cached per process
    yield
    hashing._crc32c_module.cache_clear()


@pytest.mark.usefixtures("fresh_crc32c_probe")
def test_crc32c_is_used_only_when_a_library_is_importable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "google_crc32c", None)
    monkeypatch.setitem(sys.modules, "crc32c", None)
    assert "crc32c" not in supported_checksum_types()
    assert new_hasher("crc32c") is None
    assert select_checksums([("crc32c", "aabbccdd")]) == {}

    fake = types.ModuleType("crc32c")
    fake.crc32c = lambda data, value=0: (value + len(bytes(data))) & 0xFFFFFFFF  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crc32c", fake)
    hashing._crc32c_module.cache_clear()
    assert "crc32c" in supported_checksum_types()
    hasher = new_hasher("crc32c")
    assert hasher is not None
    hasher.update(b"abc")
    assert hasher.hexdigest() == "00000003"


def test_pipeline_hashes_what_is_written_as_it_is_written(tmp_path: Path) -> None:
    data = hashlib.shake_256(b"p").digest(20 * 1024 * 1024 + 3)
    path = tmp_path / "f"
    path.write_bytes(b"")
    with HashPipeline(path, ["sha-256", "md5"]) as hashes, path.open("ab") as handle:
        written = 0
        for start in range(0, len(data), 3 * 1024 * 1024):
            chunk = data[start : start + 3 * 1024 * 1024]
            handle.write(chunk)
            handle.flush()
            written += len(chunk)
            hashes.advance(written)
        digests = hashes.result()
    assert digests == {
        "sha-256": hashlib.sha256(data).hexdigest(),
        "md5": hashlib.md5(data).hexdigest(),
    }


def test_inline_pipeline_hashes_in_the_callers_thread(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc" * 1000)
    with HashPipeline(path, ["sha-256", "md5"], threaded=False) as hashes:
        hashes.advance(1000)
        hashes.advance(3000)
        digests = hashes.result()
    assert digests["sha-256"] == hashlib.sha256(b"abc" * 1000).hexdigest()
    assert digests["md5"] == hashlib.md5(b"abc" * 1000).hexdigest()
    assert not hashing.hash_in_background(3000)
    assert hashing.hash_in_background(None) and hashing.hash_in_background(1 << 30)


def test_pipeline_reports_a_file_shorter_than_announced(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    hashes = HashPipeline(path, ["sha-256"])
    hashes.advance(10)
    with pytest.raises(OSError, match="shorter"):
        hashes.result()


def test_pipeline_without_types_starts_no_thread(tmp_path: Path) -> None:
    hashes = HashPipeline(tmp_path / "missing", [])
    hashes.advance(100)
    assert hashes.result() == {}


def test_unknown_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="etag"):
        HashPipeline(tmp_path / "f", ["etag"])


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_reports_start_then_at_most_one_per_interval_then_end() -> None:
    clock = FakeClock()
    reports: list[DownloadProgress] = []
    reporter = ProgressReporter("id", "name", 100, [reports.append], clock=clock, interval=1.0)
    reporter.start(10)
    for _ in range(9):
        clock.now += 0.2
        reporter.advance(10)
    reporter.finish()

    # start; one report once a second has passed (after 5 of the 9 batches); the end
    assert [r.bytes_done for r in reports] == [10, 60, 100]
    assert [r.done for r in reports] == [False, False, True]
    assert reports[-1].bytes_transferred == 90 and reports[-1].resumed_from == 10


def test_failing_progress_hook_does_not_break_the_download() -> None:
    def broken(report: DownloadProgress) -> None:
        raise RuntimeError("hook bug")

    reporter = ProgressReporter("id", "name", None, [broken])
    reporter.start(0)
    reporter.advance(5)
    reporter.finish()
    assert reporter.bytes_transferred == 5
    assert DownloadProgress("i", "n", 5, None, 5, 0).fraction is None


def test_an_aborted_hashing_thread_stops_with_bytes_left_unhashed(tmp_path: Path) -> None:
    """A download that fails while its background hasher lags behind the writer (a large
    object cut short) must not leave the hashing thread spinning, nor abort() waiting on it."""
    path = tmp_path / "f"
    path.write_bytes(b"a" * 100)
    hasher = hashing.new_hasher("sha-256")
    assert hasher is not None
    digest = hashing._Digest("sha-256", hasher, str(path))
    digest.aborted = True  # abort() came before the thread read the 100 written bytes
    state = hashing._Watermark()
    state.advance(100)
    state.finish()
    thread = threading.Thread(target=hashing._follow, args=(digest, state), daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert digest.hashed == 0 and digest.error is None
