"""DRS ids and URIs resolve to the right service, respecting the endpoint's scheme and path."""

from __future__ import annotations

import pytest

from dnastack.client.drs.uri import DrsLocation, InvalidDrsUriError, resolve_drs_location

LOCAL = "http://127.0.0.1:8080/ga4gh/drs/v1"


@pytest.mark.parametrize(
    ("text", "endpoint", "prefixes", "expected"),
    [
        ("obj1", LOCAL, None, DrsLocation("obj1", LOCAL)),
        ("obj1", LOCAL + "/", None, DrsLocation("obj1", LOCAL)),
        ("drs://127.0.0.1:8080/obj1", LOCAL, None, DrsLocation("obj1", LOCAL)),
        (
            "drs://127.0.0.1:9999/obj1",
            LOCAL,
            None,
            DrsLocation("obj1", "http://127.0.0.1:9999/ga4gh/drs/v1"),
        ),
        (
            "drs://drs.example.org/abc",
            None,
            None,
            DrsLocation("abc", "https://drs.example.org/ga4gh/drs/v1"),
        ),
        (
            "drs://drs.example.org:8443/a%2Fb",
            None,
            None,
            DrsLocation("a/b", "https://drs.example.org:8443/ga4gh/drs/v1"),
        ),
        (
            "drs://dg.4503:0000ffeb-36e0",
            None,
            {"dg.4503": "https://gen3.example.org/ga4gh/drs/v1/"},
            DrsLocation("0000ffeb-36e0", "https://gen3.example.org/ga4gh/drs/v1"),
        ),
        (
            "drs://provider/DG.4503:abc",
            None,
            {"dg.4503": "https://gen3.example.org/ga4gh/drs/v1"},
            DrsLocation("abc", "https://gen3.example.org/ga4gh/drs/v1"),
        ),
        (
            "drs://example.org/some:thing",
            None,
            {"dg.4503": "https://gen3.example.org/ga4gh/drs/v1"},
            DrsLocation("some:thing", "https://example.org/ga4gh/drs/v1"),
        ),
        (
            "DRS://127.0.0.1:8080/x",
            "http://127.0.0.1:8080/prefix/drs",
            None,
            DrsLocation("x", "http://127.0.0.1:8080/prefix/drs"),
        ),
    ],
)
def test_resolution(
    text: str, endpoint: str | None, prefixes: dict[str, str] | None, expected: DrsLocation
) -> None:
    assert resolve_drs_location(text, endpoint, prefixes) == expected


def test_object_url_quotes_the_id() -> None:
    assert DrsLocation("a/b c", LOCAL).object_url == f"{LOCAL}/objects/a%2Fb%20c"


@pytest.mark.parametrize(
    ("text", "endpoint", "message"),
    [
        ("", LOCAL, "empty"),
        ("obj1", None, "no DRS endpoint is configured"),
        ("drs://unknown:acc", None, "not in the prefix map"),
        ("drs://hostonly", None, "neither drs://host/id"),
        ("drs:///id", None, "neither drs://host/id"),
        ("drs://\ud800/x", None, "not a valid host"),
        ("drs://[::1/x", None, "not a valid host"),
        ("drs://h:99999999999/x", None, "not a valid host"),
        ("drs://h:0/x", None, "not a valid host"),
    ],
)
def test_unresolvable_input_is_a_typed_error(text: str, endpoint: str | None, message: str) -> None:
    with pytest.raises(InvalidDrsUriError, match=message):
        resolve_drs_location(text, endpoint)
