"""``auth status`` and the login note with expiry times no date can hold (a static session
stores ``valid_until`` 2**53: it never expires)."""

from __future__ import annotations

import io
import json
from typing import Any, cast

import pytest

from dnastack.cli.commands.auth import LoginTarget, _expiry_text, _status_row, _timestamp
from dnastack.cli.output import write_rows
from dnastack.client.models import ServiceEndpoint
from dnastack.http.session_info import SessionInfo

NO_EXPIRY = 2**53


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [
        (0, "1970-01-01T00:00:00Z"),
        (253402300799, "9999-12-31T23:59:59Z"),  # the last second a date can hold
        (253402300800, "never"),
        (NO_EXPIRY, "never"),
        (1e300, "never"),
        (float("inf"), "never"),
        (float("nan"), "unknown"),
        (-1e300, "unknown"),
    ],
)
def test_timestamp_beyond_any_date(epoch: float, shown: str) -> None:
    assert _timestamp(epoch) == shown


def test_a_session_without_expiry_is_valid_and_never_expires() -> None:
    target = LoginTarget(
        authenticator=cast(Any, None),
        endpoints=[ServiceEndpoint(id="dc", url="http://127.0.0.1:9/")],
        auth_info={"type": "oauth2", "client_id": "me", "grant_type": "client_credentials"},
    )
    info = SessionInfo(access_token="t", issued_at=1, valid_until=NO_EXPIRY)

    row = _status_row(target, info)

    assert row["state"] == "valid" and row["expires"] == "never"
    table, as_json = io.StringIO(), io.StringIO()
    write_rows([row], "table", stream=table)
    write_rows([row], "json", stream=as_json)
    header, _rule, first = table.getvalue().splitlines()
    assert header.split()[:3] == ["state", "expires", "endpoints"]
    assert first.split()[:3] == ["valid", "never", "dc"]
    assert json.loads(as_json.getvalue())[0]["expires"] == "never"
    assert _expiry_text(NO_EXPIRY) == "valid, never expires"
