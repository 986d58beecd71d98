"""The fidelity allowlist: parsing, and matching entries against deviations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.allowlist import (
    AllowlistEntry,
    AllowlistError,
    parse_allowlist,
    renames,
    stale,
    unexplained,
)
from tests.spec.fidelity import Deviation

ENTRY = {"spec": "pets", "where": "Pet.born", "what": "type", "reason": "because"}


def test_allowlist_entries_explain_and_only_explain_matching_deviations() -> None:
    [entry] = parse_allowlist({"deviations": [ENTRY]}, ["pets"])
    born, age = Deviation("Pet.born", "type"), Deviation("Pet.age", "extra-property")
    assert unexplained([born, age], [entry]) == [age]
    assert stale([entry], [born, age]) == []
    assert stale([entry], [age]) == [entry]
    assert unexplained([Deviation("Pet.born", "enum")], [entry]) == [Deviation("Pet.born", "enum")]


def test_renamed_schema_entries_give_the_rename_map() -> None:
    raw = {
        "spec": "pets",
        "where": "Pet",
        "what": "renamed-schema",
        "ours": "Animal",
        "reason": "r",
    }
    entries = parse_allowlist({"deviations": [raw, ENTRY]}, ["pets"])
    assert renames(entries) == {"Pet": "Animal"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "mapping with a `deviations` list"),
        ({"deviations": [{**ENTRY, "reason": " "}]}, "non-empty `reason`"),
        ({"deviations": [{**ENTRY, "spec": "cats"}]}, "unknown spec"),
        ({"deviations": [{**ENTRY, "what": "vibes"}]}, "unknown kind"),
        ({"deviations": [{**ENTRY, "note": "x"}]}, "unknown keys"),
        ({"deviations": [ENTRY, ENTRY]}, "repeats"),
        ({"deviations": [{**ENTRY, "what": "renamed-schema"}]}, "`ours`"),
        ({"deviations": [{**ENTRY, "ours": "Animal"}]}, "`ours`"),
    ],
)
def test_malformed_allowlist_is_rejected(data: Any, message: str) -> None:
    with pytest.raises(AllowlistError, match=message):
        parse_allowlist(data, ["pets"])


def test_allowlist_entry_type_is_a_plain_record() -> None:
    entry = AllowlistEntry("pets", "Pet.born", "type", "because")
    assert entry.matches(Deviation("Pet.born", "type", "any detail"))
