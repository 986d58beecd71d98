"""Our GA4GH specs keep the published interface, except for the allowlisted deviations.

Runs when the published documents are beside the repository (``../shared/specs/``) and skips
otherwise. Each allowed deviation is an entry of ``specs/fidelity-allowlist.yaml``; an entry
that matches no real deviation fails too, so the list stays small and true.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.allowlist import AllowlistEntry, parse_allowlist, renames, stale, unexplained
from tests.spec.fidelity import Deviation, compare_documents
from tests.spec.spec_files import (
    ALLOWLIST_PATH,
    GA4GH_SPECS,
    PUBLISHED_DIR,
    SPEC_DIR,
    load_yaml,
)


def _entries() -> list[AllowlistEntry]:
    return parse_allowlist(load_yaml(ALLOWLIST_PATH), GA4GH_SPECS)


def _published(spec: str) -> Any:
    path = PUBLISHED_DIR / f"{spec}.yaml"
    if not path.is_file():
        pytest.skip(
            f"published document not found at {path} (../shared/specs/ is not beside the repo)"
        )
    return load_yaml(path)


def _ours(spec: str) -> Any:
    path = SPEC_DIR / f"{spec}.yaml"
    if spec == "drs" and not path.is_file():
        pytest.skip("specs/drs.yaml is not written yet (owned by the DRS spec work)")
    return load_yaml(path)


def _deviations(spec: str, entries: list[AllowlistEntry]) -> list[Deviation]:
    published = _published(spec)
    spec_entries = [e for e in entries if e.spec == spec]
    return compare_documents(published, _ours(spec), renames(spec_entries))


def test_allowlist_is_well_formed() -> None:
    entries = _entries()
    assert all(e.reason.strip() for e in entries)


@pytest.mark.parametrize("spec", GA4GH_SPECS)
def test_published_interface_is_kept(spec: str) -> None:
    entries = _entries()
    spec_entries = [e for e in entries if e.spec == spec]
    extra = unexplained(_deviations(spec, entries), spec_entries)
    assert not extra, (
        f"specs/{spec}.yaml differs from the published document; fix the spec or add an entry"
        " (spec, where, what, reason) to specs/fidelity-allowlist.yaml and specs/README.md:\n"
        + "\n".join(f"  {d}" for d in extra)
    )


@pytest.mark.parametrize("spec", GA4GH_SPECS)
def test_every_allowlist_entry_matches_a_real_deviation(spec: str) -> None:
    entries = _entries()
    spec_entries = [e for e in entries if e.spec == spec]
    gone = stale(spec_entries, _deviations(spec, entries))
    assert not gone, (
        "allowlist entries that match no deviation any more (delete them):\n"
        + "\n".join(f"  {e.spec}: {e.where}: {e.what}" for e in gone)
    )
