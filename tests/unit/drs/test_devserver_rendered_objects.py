"""The devserver's cache of encoded DrsObject bodies: reused while the file and the URL the
client used stay the same, rendered afresh otherwise, bounded."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from dnastack.devserver.drs import objects
from dnastack.devserver.drs.objects import DrsUrls
from dnastack.devserver.drs.rendered import RenderedBlobs
from dnastack.devserver.drs.store import DrsStore


@pytest.fixture
def store(tmp_path: Path) -> DrsStore:
    root = tmp_path / "drs"
    root.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_bytes(name.encode() * 10)
    (root / "folder").mkdir()
    (root / "folder" / "d.txt").write_bytes(b"d")
    store = DrsStore(root, tmp_path / ".sidecar.json")
    for entry in store.blobs():
        store.checksums(entry)  # what the devserver does off the event loop on a first look-up
    return store


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The object ids rendered (rather than served from the cache)."""
    seen: list[str] = []
    real = objects._render

    def counting(store: DrsStore, entry: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(entry.object_id)
        return real(store, entry, *args, **kwargs)

    monkeypatch.setattr(objects, "_render", counting)
    return seen


URLS = DrsUrls("http://127.0.0.1:8000")


def _entry(store: DrsStore, object_id: str) -> Any:
    entry = store.get(object_id)
    assert entry is not None
    return entry


def _document(body: bytes | None) -> dict[str, Any]:
    assert body is not None
    document: dict[str, Any] = json.loads(body)
    return document


def test_an_unchanged_blob_is_rendered_once(store: DrsStore, renders: list[str]) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d)
    first = rendered.body(_entry(store, "a.txt"), URLS)
    assert rendered.body(_entry(store, "a.txt"), URLS) == first
    assert renders == ["a.txt"]
    assert _document(first)["size"] == 50


def test_a_changed_file_is_rendered_afresh(store: DrsStore, renders: list[str]) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d)
    entry = _entry(store, "a.txt")
    rendered.body(entry, URLS)
    entry.path.write_bytes(b"new content")
    store.checksums(entry)
    document = _document(rendered.body(entry, URLS))
    assert document["size"] == len(b"new content")
    assert {c["type"]: c["checksum"] for c in document["checksums"]}["sha-256"] == (
        hashlib.sha256(b"new content").hexdigest()
    )
    assert renders == ["a.txt", "a.txt"]


def test_a_file_changed_but_not_hashed_yet_is_left_to_the_hashing_path(store: DrsStore) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d)
    entry = _entry(store, "b.txt")
    rendered.body(entry, URLS)
    entry.path.write_bytes(b"longer content than before")
    assert rendered.body(entry, URLS) is None  # never the old body


def test_a_replaced_file_of_the_same_size_and_time_is_rendered_afresh(
    store: DrsStore, renders: list[str]
) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d)
    entry = _entry(store, "c.txt")
    rendered.body(entry, URLS)
    before = entry.path.stat()
    replacement = entry.path.with_name("c.new")
    replacement.write_bytes(entry.path.read_bytes())
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, entry.path)  # a new inode
    store.checksums(entry)
    rendered.body(entry, URLS)
    assert renders == ["c.txt", "c.txt"]


def test_each_node_url_has_its_own_body(store: DrsStore) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d)
    entry = _entry(store, "a.txt")
    local = _document(rendered.body(entry, URLS))
    other = _document(rendered.body(entry, DrsUrls("https://drs.example:8443")))
    assert local["self_uri"] == "drs://127.0.0.1:8000/a.txt"
    assert other["self_uri"] == "drs://drs.example:8443/a.txt"
    assert other["access_methods"][0]["access_url"]["url"].startswith("https://drs.example:8443/")


def test_bodies_are_served_as_the_node_serves_them(store: DrsStore) -> None:
    rendered = RenderedBlobs(store, "https://issuer", lambda d: {**d, "served": True})
    document = _document(rendered.body(_entry(store, "a.txt"), URLS))
    assert document["served"] is True


def test_bundles_are_not_cached_here(store: DrsStore) -> None:
    assert RenderedBlobs(store, None, lambda d: d).body(_entry(store, "folder"), URLS) is None


def test_the_least_recently_used_body_goes_first(store: DrsStore, renders: list[str]) -> None:
    rendered = RenderedBlobs(store, None, lambda d: d, limit=2)
    for object_id in ("a.txt", "b.txt", "a.txt", "c.txt", "a.txt", "b.txt"):
        rendered.body(_entry(store, object_id), URLS)
    assert renders == ["a.txt", "b.txt", "c.txt", "b.txt"]
