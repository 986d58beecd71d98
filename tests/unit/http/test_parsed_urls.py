"""``parsed_url`` builds exactly the URL httpx would, for every string (shortcut or not)."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dnastack.http import parsed_urls
from dnastack.http.parsed_urls import parsed_url
from dnastack.http.urls import path_segment

_BASES = (
    "http://127.0.0.1:18080/ga4gh/drs/v1/objects/",
    "https://User:p%40ss@Data.Example.ORG:443/a/./b/../c/",
    "HTTPS://[::1]:8443/",
    "http://xn--bcher-kva.example/ö/",
    "http://host/q?x=/",
    "http://host/frag#a/",
    "relative/path/",
    "/absolute/path/",
    "ftp://host/dir/",
    "http:///no-host/",
)
_CHARS = st.sampled_from([*"aZ09-._~!$&'()*+,;=:@%/?#[] \t\n\x7féü\u2603", "%2F", "%2e", "%E9"])


def _reference(url: str) -> tuple[object, ...] | type[Exception]:
    try:
        return tuple(httpx.URL(url)._uri_reference)
    except httpx.InvalidURL:
        return httpx.InvalidURL


def _ours(url: str) -> tuple[object, ...] | type[Exception]:
    try:
        return tuple(parsed_url(url)._uri_reference)
    except httpx.InvalidURL:
        return httpx.InvalidURL


def test_the_shortcut_is_on_with_the_pinned_httpx() -> None:
    assert parsed_urls._ENABLED
    url = "http://127.0.0.1:18080/ga4gh/drs/v1/objects/" + path_segment("a b/c")
    parsed_url(url)
    assert parsed_url(url + "x")._uri_reference.path.endswith("/objects/a%20b%2Fcx")


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(_BASES), segment=st.lists(_CHARS, max_size=12).map("".join))
def test_any_string_parses_as_httpx_parses_it(base: str, segment: str) -> None:
    url = base + segment
    assert _ours(url) == _reference(url)
    assert _ours(url) == _reference(url)  # the second time from the cached directory


@settings(max_examples=200, deadline=None)
@given(object_id=st.text(max_size=20))
def test_object_urls_of_any_id_match(object_id: str) -> None:
    url = "http://127.0.0.1:18080/ga4gh/drs/v1/objects/" + path_segment(object_id)
    assert _ours(url) == _reference(url)


@pytest.mark.parametrize(
    "segment", [".", "..", "", "%2E", "%2E%2E", "a%2fb", "x?y", "x#y", "é", "a b", "%zz", "~"]
)
def test_edge_segments(segment: str) -> None:
    for base in _BASES:
        url = base + segment
        assert _ours(url) == _reference(url), url


def test_too_long_is_refused_as_httpx_refuses_it() -> None:
    url = "http://h/" + "a" * httpx._urlparse.MAX_URL_LENGTH
    with pytest.raises(httpx.InvalidURL):
        parsed_url(url)


def test_an_httpx_url_is_returned_as_is() -> None:
    url = httpx.URL("http://h/a")
    assert parsed_url(url) is url


def test_the_directory_cache_stays_bounded() -> None:
    for n in range(parsed_urls._MAX_DIRECTORIES * 2 + 5):
        parsed_url(f"http://h/{n}/x")
    assert len(parsed_urls._directories) <= parsed_urls._MAX_DIRECTORIES
