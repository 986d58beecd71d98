"""DRS 1.5 on the devserver: objects, checksums, bundles, access, bytes with ranges, bulk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest

from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e

DRS = "/ga4gh/drs/v1"
BLOB_ID = "random-1mib.bin"


def _file(devserver: DevServer, object_id: str) -> Path:
    return devserver.data_dir / "drs" / object_id.replace("~", "/")


def _assert_drs_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status_code"] == status
    assert body["msg"]


def test_service_info_counts_objects(client: httpx.Client, devserver: DevServer) -> None:
    info = client.get(f"{DRS}/service-info").json()
    assert info["type"] == {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"}
    files = [p for p in (devserver.data_dir / "drs").rglob("*") if p.is_file()]
    assert info["drs"]["objectCount"] == len(files)
    assert info["drs"]["totalObjectSize"] == sum(p.stat().st_size for p in files)
    assert info["maxBulkRequestLength"] == info["drs"]["maxBulkRequestLength"] >= 1


@pytest.mark.parametrize(
    "object_id", [BLOB_ID, "README.txt", "hello.json", "cohort-a~nested~notes.txt"]
)
def test_blob_checksums_equal_hashlib(
    client: httpx.Client, devserver: DevServer, object_id: str
) -> None:
    obj = client.get(f"{DRS}/objects/{object_id}").json()
    content = _file(devserver, object_id).read_bytes()
    checksums = {c["type"]: c["checksum"] for c in obj["checksums"]}
    assert checksums == {
        "sha-256": hashlib.sha256(content).hexdigest(),
        "md5": hashlib.md5(content).hexdigest(),
    }
    assert obj["id"] == object_id
    assert obj["size"] == len(content)
    assert obj["self_uri"] == f"drs://127.0.0.1:{devserver.port}/{object_id}"
    assert obj["created_time"].endswith("Z")


def test_checksums_are_cached_in_a_sidecar(client: httpx.Client, devserver: DevServer) -> None:
    client.get(f"{DRS}/objects/{BLOB_ID}")
    sidecar = json.loads((devserver.data_dir / ".drs-checksums.json").read_text())
    entry = sidecar[BLOB_ID]
    assert entry["size"] == 1 << 20
    assert entry["sha-256"] == hashlib.sha256(_file(devserver, BLOB_ID).read_bytes()).hexdigest()


def test_blob_has_a_direct_url_and_an_access_id(client: httpx.Client, devserver: DevServer) -> None:
    obj = client.get(f"{DRS}/objects/hello.json").json()
    assert obj["mime_type"] == "application/json"
    direct, by_id = obj["access_methods"]
    assert direct["access_url"]["url"] == f"{devserver.base_url}{DRS}/bytes/hello.json"
    assert (
        httpx.get(direct["access_url"]["url"]).content
        == _file(devserver, "hello.json").read_bytes()
    )
    for method in ("GET", "POST"):
        kwargs = {"json": {"passports": []}} if method == "POST" else {}
        access = client.request(
            method, f"{DRS}/objects/hello.json/access/{by_id['access_id']}", **kwargs
        )
        assert access.status_code == 200
        url = access.json()["url"]
        assert httpx.get(url).content == _file(devserver, "hello.json").read_bytes()


def test_tampered_signed_url_is_refused(client: httpx.Client) -> None:
    url = client.get(f"{DRS}/objects/hello.json/access/signed-https").json()["url"]
    _assert_drs_error(httpx.get(url[:-4] + "0000"), 403)


def test_unknown_access_id_and_object_are_404(client: httpx.Client) -> None:
    _assert_drs_error(client.get(f"{DRS}/objects/hello.json/access/nope"), 404)
    _assert_drs_error(client.get(f"{DRS}/objects/no-such-object"), 404)
    _assert_drs_error(client.get(f"{DRS}/objects/no-such-object/access/signed-https"), 404)
    _assert_drs_error(client.get(f"{DRS}/bytes/no-such-object"), 404)


def test_post_object_with_passports_is_like_get(client: httpx.Client) -> None:
    posted = client.post(f"{DRS}/objects/hello.json", json={"passports": ["a.b.c"]})
    assert posted.status_code == 200
    assert posted.json() == client.get(f"{DRS}/objects/hello.json").json()


def test_malformed_json_bodies_are_400(client: httpx.Client) -> None:
    headers = {"content-type": "application/json"}
    for path in (f"{DRS}/objects/hello.json", f"{DRS}/objects", f"{DRS}/objects/access"):
        _assert_drs_error(client.post(path, content=b"{oops", headers=headers), 400)
    _assert_drs_error(client.post(f"{DRS}/objects", json={"bulk_object_ids": "x"}), 400)


# -- bundles ---------------------------------------------------------------------------------


def test_bundle_lists_direct_contents(client: httpx.Client, devserver: DevServer) -> None:
    bundle = client.get(f"{DRS}/objects/cohort-a").json()
    assert "access_methods" not in bundle
    names = {c["name"]: c for c in bundle["contents"]}
    assert set(names) == {"manifest.tsv", "sample-1.vcf", "nested"}
    assert names["nested"]["id"] == "cohort-a~nested"
    assert "contents" not in names["nested"]
    assert names["sample-1.vcf"]["drs_uri"] == [
        f"drs://127.0.0.1:{devserver.port}/cohort-a~sample-1.vcf"
    ]
    files = [p for p in (devserver.data_dir / "drs" / "cohort-a").rglob("*") if p.is_file()]
    assert bundle["size"] == sum(p.stat().st_size for p in files)


def test_bundle_expand_nests_sub_bundles(client: httpx.Client) -> None:
    bundle = client.get(f"{DRS}/objects/cohort-a", params={"expand": "true"}).json()
    nested = next(c for c in bundle["contents"] if c["name"] == "nested")
    assert [c["name"] for c in nested["contents"]] == ["notes.txt"]
    posted = client.post(f"{DRS}/objects/cohort-a", json={"expand": True}).json()
    assert posted == bundle


def test_bundle_checksum_follows_the_drs_rule(client: httpx.Client) -> None:
    bundle = client.get(f"{DRS}/objects/cohort-a").json()
    children = [client.get(f"{DRS}/objects/{c['id']}").json() for c in bundle["contents"]]
    for kind, algorithm in (("sha-256", hashlib.sha256), ("md5", hashlib.md5)):
        parts = sorted(
            next(c["checksum"] for c in child["checksums"] if c["type"] == kind)
            for child in children
        )
        expected = algorithm("".join(parts).encode()).hexdigest()
        assert {c["type"]: c["checksum"] for c in bundle["checksums"]}[kind] == expected


# -- bytes -----------------------------------------------------------------------------------


def test_bytes_full_body(client: httpx.Client, devserver: DevServer) -> None:
    response = client.get(f"{DRS}/bytes/{BLOB_ID}")
    assert response.status_code == 200
    assert response.content == _file(devserver, BLOB_ID).read_bytes()
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-length"] == str(1 << 20)


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, (1 << 20) - 1),
        ("bytes=-10", (1 << 20) - 10, (1 << 20) - 1),
        ("bytes=1048000-9999999", 1048000, (1 << 20) - 1),
    ],
)
def test_single_range_is_206(
    client: httpx.Client, devserver: DevServer, header: str, start: int, end: int
) -> None:
    response = client.get(f"{DRS}/bytes/{BLOB_ID}", headers={"Range": header})
    assert response.status_code == 206
    assert response.headers["content-range"] == f"bytes {start}-{end}/{1 << 20}"
    assert response.content == _file(devserver, BLOB_ID).read_bytes()[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=2000000-", "bytes=5-2", "bytes=abc", "bytes=-0"])
def test_unsatisfiable_range_is_416(client: httpx.Client, header: str) -> None:
    response = client.get(f"{DRS}/bytes/{BLOB_ID}", headers={"Range": header})
    _assert_drs_error(response, 416)
    assert response.headers["content-range"] == f"bytes */{1 << 20}"


def test_multi_range_is_answered_with_the_whole_body(client: httpx.Client) -> None:
    response = client.get(f"{DRS}/bytes/{BLOB_ID}", headers={"Range": "bytes=0-1,5-6"})
    assert response.status_code == 200
    assert len(response.content) == 1 << 20


def test_head_gives_the_size_without_a_body(client: httpx.Client) -> None:
    response = client.head(f"{DRS}/bytes/{BLOB_ID}")
    assert response.status_code == 200
    assert response.headers["content-length"] == str(1 << 20)
    assert response.content == b""


def test_bundle_has_no_bytes(client: httpx.Client) -> None:
    _assert_drs_error(client.get(f"{DRS}/bytes/cohort-a"), 400)


# -- bulk and OPTIONS ------------------------------------------------------------------------


def test_bulk_objects_resolve_and_report_unknown_ids(client: httpx.Client) -> None:
    response = client.post(
        f"{DRS}/objects", json={"bulk_object_ids": ["hello.json", "nope", "cohort-a"]}
    )
    body = response.json()
    assert body["summary"] == {"requested": 3, "resolved": 2, "unresolved": 1}
    assert body["unresolved_drs_objects"] == [{"error_code": 404, "object_ids": ["nope"]}]
    assert [o["id"] for o in body["resolved_drs_object"]] == ["hello.json", "cohort-a"]


def test_bulk_request_over_the_limit_is_413(client: httpx.Client) -> None:
    limit = client.get(f"{DRS}/service-info").json()["maxBulkRequestLength"]
    response = client.post(f"{DRS}/objects", json={"bulk_object_ids": ["x"] * (limit + 1)})
    _assert_drs_error(response, 413)


def test_bulk_access_urls(client: httpx.Client, devserver: DevServer) -> None:
    response = client.post(
        f"{DRS}/objects/access",
        json={
            "bulk_object_access_ids": [
                {"bulk_object_id": "hello.json", "bulk_access_ids": ["signed-https"]},
                {"bulk_object_id": "nope", "bulk_access_ids": ["signed-https"]},
            ]
        },
    )
    body = response.json()
    assert body["summary"] == {"requested": 2, "resolved": 1, "unresolved": 1}
    (resolved,) = body["resolved_drs_object_access_urls"]
    assert resolved["drs_object_id"] == "hello.json"
    assert resolved["drs_access_id"] == "signed-https"
    assert httpx.get(resolved["url"]).content == _file(devserver, "hello.json").read_bytes()


def test_options_object_gives_authorizations(client: httpx.Client) -> None:
    response = client.options(f"{DRS}/objects/hello.json")
    assert response.status_code == 200
    assert response.json() == {"drs_object_id": "hello.json", "supported_types": ["None"]}
    _assert_drs_error(client.options(f"{DRS}/objects/nope"), 404)


def test_options_bulk_objects(client: httpx.Client) -> None:
    response = client.request(
        "OPTIONS", f"{DRS}/objects", json={"bulk_object_ids": ["hello.json", "nope"]}
    )
    body = response.json()
    assert body["summary"] == {"requested": 2, "resolved": 1, "unresolved": 1}
    assert body["resolved_drs_object"] == [
        {"drs_object_id": "hello.json", "supported_types": ["None"]}
    ]


@pytest.mark.parametrize("value", ["null", "foo", "2", ""])
def test_expand_that_is_not_a_boolean_is_400(client: httpx.Client, value: str) -> None:
    _assert_drs_error(client.get(f"{DRS}/objects/cohort-a", params={"expand": value}), 400)
    bulk = client.post(
        f"{DRS}/objects", params={"expand": value}, json={"bulk_object_ids": ["cohort-a"]}
    )
    _assert_drs_error(bulk, 400)
    assert client.get(f"{DRS}/objects/cohort-a", params={"expand": "TRUE"}).status_code == 200


@pytest.mark.parametrize(
    "path", [f"{DRS}/objects/hello.json", f"{DRS}/objects/hello.json/access/signed-https"]
)
def test_post_without_the_required_body_is_400(client: httpx.Client, path: str) -> None:
    _assert_drs_error(client.post(path), 400)
    assert client.post(path, json={}).status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (f"{DRS}/objects/hello.json", {"passports": True}),
        (f"{DRS}/objects/hello.json", {"passports": [0]}),
        (f"{DRS}/objects/hello.json/access/signed-https", {"passports": "jwt"}),
        (f"{DRS}/objects", {"bulk_object_ids": ["hello.json"], "passports": 0}),
        (f"{DRS}/objects/access", {"bulk_object_access_ids": [], "passports": [1]}),
        (
            f"{DRS}/objects/access",
            {"bulk_object_access_ids": [{"bulk_object_id": "x", "bulk_access_ids": [0]}]},
        ),
    ],
)
def test_passports_and_ids_of_the_wrong_type_are_400(
    client: httpx.Client, path: str, body: object
) -> None:
    _assert_drs_error(client.post(path, json=body), 400)
