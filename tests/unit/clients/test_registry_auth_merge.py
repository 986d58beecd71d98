"""merge_authentications: OAuth2 entries that differ only in resource and scope share one
resource list and the union of their scopes (``None`` when one asks for all scopes)."""

from __future__ import annotations

from typing import Any

import pytest

from dnastack.client.service_registry.auth_merge import merge_authentications

AUTH = {"type": "oauth2", "accessTokenUrl": "https://auth.test/token", "clientId": "cli"}


def _entry(resource: str, scope: str | None = None, **extra: Any) -> dict[str, Any]:
    return {**AUTH, "resource": resource, "scope": scope, **extra}


@pytest.mark.parametrize(
    ("entries", "resource", "scope"),
    [
        (
            [_entry("https://a/", "read"), _entry("https://b/", "write read")],
            "https://a/ https://b/",
            "read write",
        ),
        ([_entry("https://a/", "read"), _entry("https://b/")], "https://a/ https://b/", None),
        ([_entry("https://a/", "x"), _entry("https://a/", "y")], "https://a/", "x y"),
    ],
)
def test_one_group_shares_resources_and_scopes(
    entries: list[dict[str, Any]], resource: str, scope: str | None
) -> None:
    merge_authentications([("https://r/", f"s{i}", [e]) for i, e in enumerate(entries)])

    assert {(e["resource"], e["scope"]) for e in entries} == {(resource, scope)}


def test_other_clients_non_oauth2_and_resourceless_entries_are_left_alone() -> None:
    other_client = _entry("https://b/", "write", clientId="other")
    basic = {"type": "basic", "resource": "https://c/"}
    no_resource = {**AUTH, "scope": "z"}
    first = _entry("https://a/", "read")

    merge_authentications(
        [("https://r/", "s1", [first, basic]), ("https://r/", "s2", [other_client, no_resource])]
    )

    assert (first["resource"], first["scope"]) == ("https://a/", "read")
    assert (other_client["resource"], other_client["scope"]) == ("https://b/", "write")
    assert basic == {"type": "basic", "resource": "https://c/"}
    assert no_resource == {**AUTH, "scope": "z"}
