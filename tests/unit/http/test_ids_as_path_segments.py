"""An object id is always exactly one percent-encoded path segment, in every URL a client
builds from ids (facade and generated operations): ``.``, ``..``, ``/``, ``?``, ``#`` and
``%`` never change the path the request goes to."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import httpx
import pytest

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DrsClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import DnastackError
from dnastack.http.urls import path_segment
from dnastack.settings import SessionOverrides, resolve_settings

HOSTILE_IDS = [".", "..", "../../etc/passwd", "a/b", "a?b=1", "a#frag", "%2F", "%2E%2E", "a b"]


@pytest.mark.parametrize("object_id", HOSTILE_IDS)
def test_path_segment_is_one_segment_that_decodes_back(object_id: str) -> None:
    segment = path_segment(object_id)
    assert "/" not in segment and "?" not in segment and "#" not in segment
    assert segment not in (".", "..")
    assert unquote(segment) == object_id
    url = httpx.URL("http://h/base/objects/").join(segment)
    assert url.raw_path.decode().rsplit("/", 1)[0] == "/base/objects"


def test_every_character_is_encoded_as_quote_encodes_it() -> None:
    """Ids made only of unreserved characters skip ``quote``; the result must not change."""
    characters = [chr(code) for code in range(0x300)] + ["\u20ac", "\U0001f600", "\ud800"]
    for character in characters:
        for object_id in (character, f"id-{character}.bam", character * 3):
            expected = quote(object_id, safe="", errors="surrogatepass")
            expected = expected.replace(".", "%2E") if expected in (".", "..") else expected
            assert path_segment(object_id) == expected, repr(object_id)


@pytest.mark.parametrize("object_id", HOSTILE_IDS)
def test_generated_operations_keep_ids_in_one_segment(object_id: str) -> None:
    from ga4gh_drs.api.objects import get_access_url, get_object

    client = httpx.Client(base_url="http://h/ga4gh/drs/v1/")
    for kwargs in (
        get_object._get_kwargs(object_id),
        get_access_url._get_kwargs(object_id, object_id),
    ):
        request = client.build_request(kwargs["method"], kwargs["url"])
        segments = request.url.raw_path.decode().split("?")[0].split("/")
        assert segments[:5] == ["", "ga4gh", "drs", "v1", "objects"]
        assert unquote(segments[5]) == object_id


def _settings(tmp_path: Path) -> object:
    return resolve_settings(
        config_file=tmp_path / "c.yaml",
        session_dir=tmp_path / "s",
        environ={},
        overrides=SessionOverrides(),
    )


@pytest.mark.parametrize("object_id", HOSTILE_IDS)
def test_drs_and_data_connect_requests_stay_under_their_base(
    tmp_path: Path, object_id: str
) -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.raw_path.decode().split("?")[0])
        return httpx.Response(404, json={"msg": "no"})

    options = {"transport": httpx.MockTransport(handler), "sleep": lambda s: None}
    settings = _settings(tmp_path)
    drs = DrsClient(
        ServiceEndpoint(url="http://h/ga4gh/drs/v1/"), settings=settings, http_options=options
    )
    dc = DataConnectClient(
        ServiceEndpoint(url="http://h/data-connect/"), settings=settings, http_options=options
    )
    with pytest.raises(DnastackError):  # a 404: the request path is the point
        drs.get_object(object_id)
    with pytest.raises(DnastackError):
        _ = dc.table(object_id).info

    assert paths, "no request was sent"
    for path in paths:
        base, _, leaf = path.partition("/objects/") if "/objects/" in path else (path, "", "")
        if leaf:
            assert base == "/ga4gh/drs/v1" and unquote(leaf.split("/")[0]) == object_id
        else:
            assert path.startswith("/data-connect/table/")
            assert unquote(path.split("/")[3]) == object_id and path.endswith("/info")


def test_an_id_with_a_lone_surrogate_is_one_segment_not_an_encoding_error() -> None:
    segment = path_segment("a/\ud800")
    assert segment == "a%2F%ED%A0%80"
    assert httpx.URL("http://h/objects/").join(segment).raw_path == b"/objects/a%2F%ED%A0%80"


def test_ids_json_cannot_encode_as_utf8_are_sent_as_json_escapes(tmp_path: Path) -> None:
    """A lone surrogate (valid JSON text, e.g. an id from a bundle) reaches the server as a
    typed 404, in a path and in a JSON body (bulk look-up), never a UnicodeEncodeError."""
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(404, json={"msg": "no"})

    options = {"transport": httpx.MockTransport(handler), "sleep": lambda s: None}
    drs = DrsClient(
        ServiceEndpoint(url="http://h/ga4gh/drs/v1/"),
        settings=_settings(tmp_path),
        http_options=options,
    )
    with pytest.raises(DnastackError, match="not found"):
        drs.get_object("\ud800")
    with pytest.raises(DnastackError):
        drs.get_objects(["\ud800", "drs://h/\udc80"])
    [bulk] = [body for body in bodies if body]
    assert b'"\\ud800"' in bulk and b'"\\udc80"' in bulk
