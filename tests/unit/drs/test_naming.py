"""Server-chosen names can never escape the target folder or overwrite silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.client.drs.naming import safe_filename, safe_relative_path, unique_path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reads.bam", "reads.bam"),
        ("/etc/passwd", "passwd"),
        ("../../.ssh/authorized_keys", "authorized_keys"),
        ("..", "obj-1"),
        (".", "obj-1"),
        ("", "obj-1"),
        (None, "obj-1"),
        ("C:\\Windows\\system32\\evil.dll", "evil.dll"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        ('what?*<>|".txt', "what______.txt"),
        ("CON.txt", "_CON.txt"),
        ("...hidden...", "hidden"),
    ],
)
def test_safe_filename(name: str | None, expected: str) -> None:
    assert safe_filename(name, "obj-1") == expected


def test_long_names_are_cut_keeping_the_extension() -> None:
    name = safe_filename("x" * 400 + ".vcf.gz", "id")
    assert name.endswith(".gz")
    assert len(name.encode()) <= 240


def test_fallback_is_made_safe_too() -> None:
    assert safe_filename("..", "../id/with/slashes") == "slashes"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["bundle", "sub", "file.txt"], Path("bundle/sub/file.txt")),
        (["..", "..", "etc", "passwd"], Path("etc/passwd")),
        (["/abs/olute", "x"], Path("abs/olute/x")),
        (["a\\..\\b"], Path("a/b")),
        (["..", "."], Path("fb")),
    ],
)
def test_safe_relative_path(parts: list[str], expected: Path) -> None:
    result = safe_relative_path(parts, "fb")
    assert result == expected
    assert not result.is_absolute()
    assert ".." not in result.parts


def test_unique_path_never_reuses_an_existing_or_taken_name(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("existing")
    first = unique_path(tmp_path, "a.txt")
    assert first == tmp_path / "a (1).txt"
    second = unique_path(tmp_path, "a.txt", taken=[first])
    assert second == tmp_path / "a (2).txt"
    assert unique_path(tmp_path, "b.txt") == tmp_path / "b.txt"
    (tmp_path / ".env").write_text("x")
    assert unique_path(tmp_path, ".env") == tmp_path / ".env (1)"


def test_lone_surrogates_become_underscores_not_encoding_errors() -> None:
    assert safe_filename("a\ud800b.txt", "x") == "a_b.txt"
    assert safe_relative_path(["\udc80dir", "f\ud800"], "x") == Path("_dir", "f_")
