"""DrsClient identifiers, object look-ups and models (httpx.MockTransport)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from drs_fake import BASE, STORAGE, FakeDrs, make_client

from dnastack.client.drs import (
    AccessURL,
    DrsClient,
    DrsObject,
    DrsObjectNotFoundError,
    InvalidDrsUriError,
    UnresolvedDrsObjectsError,
)
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import DnastackError, ResponseParseError


@pytest.fixture
def fake() -> FakeDrs:
    fake = FakeDrs()
    fake.add_blob("a", b"aaa", name="a.txt")
    fake.add_blob("b", b"bbb", name="b.txt")
    return fake


def test_plain_id_uses_the_endpoint_scheme_and_base_path(fake: FakeDrs, tmp_path: Path) -> None:
    drs_object = make_client(fake, tmp_path).get_object("a")

    assert isinstance(drs_object, DrsObject)
    assert drs_object.name == "a.txt" and drs_object.size == 3
    assert str(fake.requests[0].url) == f"{BASE}/objects/a"


def test_drs_uri_with_the_endpoint_host_and_port_uses_the_endpoint(
    fake: FakeDrs, tmp_path: Path
) -> None:
    client = DrsClient.make(ServiceEndpoint(url="http://drs.test:80/ga4gh/drs/v1"))
    assert client.resolve("drs://drs.test:80/a").object_url == (
        "http://drs.test:80/ga4gh/drs/v1/objects/a"
    )
    make_client(fake, tmp_path).get_object("drs://drs.test/a")
    assert str(fake.requests[0].url) == f"{BASE}/objects/a"


def test_drs_uri_of_another_host_goes_there_without_credentials(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    document = FakeDrs().add_blob("x", b"x")

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=document)

    client = make_client(FakeDrs(), tmp_path, authentication={"type": "bearer", "token": "t"})
    client._http_options["transport"] = httpx.MockTransport(handler)
    client.get_object("drs://other.example.org/x")
    client.get_object("drs://127.0.0.1:9999/x")

    assert [str(r.url) for r in seen] == [
        "https://other.example.org/ga4gh/drs/v1/objects/x",
        "http://127.0.0.1:9999/ga4gh/drs/v1/objects/x",
    ]
    assert all("authorization" not in r.headers for r in seen)


def test_ids_with_slashes_and_spaces_are_quoted(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_blob("dir/file name", b"z")
    make_client(fake, tmp_path).get_object("dir/file name")
    assert fake.requests[0].url.raw_path == b"/ga4gh/drs/v1/objects/dir%2Ffile%20name"


def test_compact_ids_resolve_through_the_prefix_map(fake: FakeDrs, tmp_path: Path) -> None:
    client = make_client(fake, tmp_path, prefix_map={"ex": BASE})
    assert client.get_object("drs://ex:a").id == "a"
    assert client.get_object("drs://provider/EX:b").id == "b"
    with pytest.raises(InvalidDrsUriError, match="prefix 'nope' is not in the prefix map"):
        client.get_object("drs://nope:abc")


def test_prefix_map_can_come_from_the_endpoint_configuration() -> None:
    endpoint = ServiceEndpoint.parse_obj(
        {"id": "drs", "url": BASE, "prefix_map": {"cfg": "https://cfg.example/ga4gh/drs/v1"}}
    )
    client = DrsClient(endpoint, prefix_map={"arg": "https://arg.example/drs"})
    assert client.prefix_map == {
        "cfg": "https://cfg.example/ga4gh/drs/v1",
        "arg": "https://arg.example/drs",
    }
    assert client.resolve("drs://cfg:42").base_url == "https://cfg.example/ga4gh/drs/v1"


def test_plain_id_without_endpoint_url_is_rejected_clearly() -> None:
    with pytest.raises(InvalidDrsUriError):
        DrsClient.make(ServiceEndpoint(url=BASE)).resolve("   ")


def test_bundle_with_expand_lists_nested_contents(fake: FakeDrs, tmp_path: Path) -> None:
    fake.add_bundle(
        "bundle",
        "cohort",
        [{"name": "a.txt", "id": "a"}, {"name": "sub", "id": "sub", "contents": []}],
    )
    bundle = make_client(fake, tmp_path).get_object("bundle", expand=True)

    assert bundle.is_bundle
    assert [c.name for c in bundle.contents or []] == ["a.txt", "sub"]
    assert bundle.contents is not None and bundle.contents[1].is_bundle
    assert fake.requests[0].url.params["expand"] == "true"


def test_many_objects_resolve_in_one_bulk_request(fake: FakeDrs, tmp_path: Path) -> None:
    objects = make_client(fake, tmp_path).get_objects(["b", "a", "b"])

    assert [o.id for o in objects] == ["b", "a", "b"]
    assert [r.method for r in fake.requests] == ["POST"]


def test_bulk_falls_back_to_single_requests_when_unsupported(fake: FakeDrs, tmp_path: Path) -> None:
    fake.bulk_enabled = False
    objects = make_client(fake, tmp_path).get_objects(["a", "b"])

    assert [o.id for o in objects] == ["a", "b"]
    assert [r.method for r in fake.requests] == ["POST", "GET", "GET"]


def test_unresolved_objects_are_all_named(fake: FakeDrs, tmp_path: Path) -> None:
    with pytest.raises(UnresolvedDrsObjectsError) as caught:
        make_client(fake, tmp_path).get_objects(["a", "x1", "x2"])
    assert caught.value.object_ids == ["x1", "x2"]
    assert caught.value.error_codes == {"x1": 404, "x2": 404}


def test_accepted_202_waits_for_retry_after_then_returns_the_object(
    fake: FakeDrs, tmp_path: Path
) -> None:
    fake.accepted_once.add("a")
    sleeps: list[float] = []
    drs_object = make_client(fake, tmp_path, sleeps=sleeps).get_object("a")

    assert drs_object.id == "a"
    assert sleeps == [3.0]


def test_access_id_gives_an_access_url(fake: FakeDrs, tmp_path: Path) -> None:
    access = make_client(fake, tmp_path).get_access_url("a", "signed-https")

    assert isinstance(access, AccessURL)
    assert access.url == f"{STORAGE}/a?sig=secret-signature"
    assert "secret-signature" not in repr(access)


def test_unknown_access_id_is_not_found(fake: FakeDrs, tmp_path: Path) -> None:
    with pytest.raises(DrsObjectNotFoundError):
        make_client(fake, tmp_path).get_access_url("missing", "signed-https")


def test_body_that_does_not_match_the_spec_is_a_parse_error(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "a"})  # no self_uri, size, ...

    client = make_client(FakeDrs(), tmp_path)
    client._http_options["transport"] = httpx.MockTransport(handler)
    with pytest.raises(ResponseParseError, match="self_uri"):
        client.get_object("a")


def test_server_error_is_an_http_error_in_the_one_tree(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"msg": "database down", "status_code": 500})

    client = make_client(FakeDrs(), tmp_path)
    client._http_options["transport"] = httpx.MockTransport(handler)
    with pytest.raises(DnastackError, match="database down"):
        client.get_object("a")


def test_models_keep_unknown_keys_and_helpers(fake: FakeDrs, tmp_path: Path) -> None:
    fake.objects["a"]["x_vendor"] = {"tier": "cold"}
    fake.objects["a"]["access_methods"][0]["access_url"]["headers"] = ["X-Key: v"]
    drs_object = make_client(fake, tmp_path).get_object("a")

    assert drs_object.model_extra == {"x_vendor": {"tier": "cold"}}
    assert drs_object.checksum("SHA256") == drs_object.checksums[0].checksum
    assert drs_object.checksum("crc32c") is None
    methods = drs_object.access_methods or []
    assert methods[0].access_url is not None
    assert methods[0].access_url.header_dict == {"X-Key": "v"}
    assert drs_object.dict()["name"] == "a.txt"
    assert DrsObject.parse_obj(drs_object.to_dict()) == drs_object


def test_client_declares_its_type_and_adapter() -> None:
    assert DrsClient.get_adapter_type() == "drs"
    [default, *_] = DrsClient.get_supported_service_types()
    assert (default.group, default.artifact, default.version) == ("org.ga4gh", "drs", "1.5.0")
