"""``dnastack files download`` (alias ``drs``) against the devserver: verified downloads."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def drs(cli: DnastackCli, devserver: DevServer) -> DnastackCli:
    cli.env["DNASTACK_DRS_URL"] = devserver.drs_url
    return cli


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_download_a_file_and_a_bundle_verified(drs: DnastackCli, devserver: DevServer) -> None:
    target = drs.workdir / "downloads"

    result = drs(
        "files",
        "download",
        "hello.json",
        "random-1mib.bin",
        "cohort-a",
        "-o",
        str(target),
        "--parallel",
        "2",
    )

    assert result.exit_code == 0, result
    source = devserver.data_dir / "drs"
    for relative in (
        "hello.json",
        "random-1mib.bin",
        "cohort-a/manifest.tsv",
        "cohort-a/sample-1.vcf",
        "cohort-a/nested/notes.txt",
    ):
        assert _sha256(target / relative) == _sha256(source / relative), relative
    assert not list(target.rglob("*.part"))
    summary = result.stdout
    assert summary.split()[:5] == ["object", "status", "path", "bytes", "checksum"]
    assert "failed:" not in summary
    assert summary.count("success") == 5 and "sha-256 verified" in summary
    assert "5 downloaded (5 checksum-verified), 0 failed" in result.stderr


def test_ids_from_a_file_and_stdin_and_a_drs_uri(drs: DnastackCli, devserver: DevServer) -> None:
    ids = drs.workdir / "ids.txt"
    ids.write_text("# objects to fetch\nhello.json\n\nREADME.txt  # the readme\n")
    uri = f"drs://127.0.0.1:{devserver.port}/cohort-a~nested~notes.txt"

    from_file = drs("drs", "download", "-i", str(ids), "-o", str(drs.workdir / "a"))
    from_stdin = drs("drs", "download", "-i", "-", "-o", str(drs.workdir / "b"), input=uri + "\n")

    assert from_file.exit_code == 0, from_file
    assert {p.name for p in (drs.workdir / "a").iterdir()} == {"hello.json", "README.txt"}
    assert from_stdin.exit_code == 0, from_stdin
    assert (drs.workdir / "b" / "notes.txt").read_text() == (
        devserver.data_dir / "drs" / "cohort-a" / "nested" / "notes.txt"
    ).read_text()


def test_a_failed_object_is_exit_code_3_and_listed(drs: DnastackCli) -> None:
    target = drs.workdir / "downloads"

    result = drs(
        "files", "download", "hello.json", "no-such-object", "-o", str(target), "--no-progress"
    )

    assert result.exit_code == 3
    assert (target / "hello.json").is_file()
    failed = [line for line in result.stdout.splitlines() if "no-such-object" in line]
    assert failed and "failed" in failed[0]
    reason = result.stdout.split("failed:\n", 1)[1]  # in full under the table
    assert reason.startswith("  no-such-object: ") and "404" in reason, result.stdout
    assert result.stderr.strip().splitlines()[-1] == (
        "dnastack files download: 1 of 2 object(s) failed"
    )


def test_an_output_folder_that_cannot_be_made_is_a_local_file_error(drs: DnastackCli) -> None:
    blocker = drs.workdir / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "out"
    missing_ids = drs.workdir / "no-such-ids.txt"

    result = drs("files", "download", "hello.json", "-o", str(target), "--no-progress")
    other_local_failure = drs("files", "download", "-i", str(missing_ids), "-o", str(target))

    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("dnastack files download: ") and "Traceback" not in result.stderr
    assert line.endswith(f"{target}: a file is where a folder is expected")  # path and cause
    assert result.exit_code == other_local_failure.exit_code == 1
    assert not target.exists()


def test_nothing_to_download_is_a_usage_error(drs: DnastackCli) -> None:
    result = drs("files", "download")

    assert result.exit_code == 2
    assert "ID_OR_URI" in result.stderr
