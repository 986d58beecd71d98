"""The reference CLI's (3.x) spellings run against the devserver: hidden aliases and options,
``config`` subcommands it had, ids on stdin for ``files download``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def node(cli: DnastackCli, devserver: DevServer) -> DnastackCli:
    cli.env["DNASTACK_DATA_CONNECT_URL"] = devserver.data_connect_url
    cli.env["DNASTACK_DRS_URL"] = devserver.drs_url
    cli.env["DNASTACK_COLLECTIONS_URL"] = devserver.collections_url
    cli.env["DNASTACK_EXPLORER_URL"] = devserver.explorer_url
    return cli


def test_hidden_aliases_run_and_are_not_listed(node: DnastackCli) -> None:
    by_alias = node("dataconnect", "query", "SELECT 1 AS one", "-o", "json")
    collections = node("cs", "list", "-o", "json")
    root_help = node("--help").stdout

    assert json.loads(by_alias.stdout) == [{"one": 1}]
    assert collections.exit_code == 0, collections
    listed = [line.split()[0] for line in root_help.splitlines() if line.startswith("  ")]
    assert not {"dataconnect", "cs", "contexts"} & set(listed)
    assert {"data-connect", "collections", "config"} <= set(listed)


def test_no_auth_is_accepted_where_the_reference_had_it(node: DnastackCli, tmp_path: Path) -> None:
    for args in (
        ("dc", "query", "--no-auth", "SELECT 2 AS two", "-o", "json"),
        ("dc", "tables", "list", "--no-auth", "-o", "json"),
        ("dc", "tables", "get", "variants", "--no-auth", "-o", "json"),
        ("collections", "list", "--no-auth", "-o", "json"),
        ("files", "download", "--no-auth", "-q", "-o", str(tmp_path / "a"), "hello.json"),
    ):
        result = node(*args)
        assert result.exit_code == 0, result


def test_collections_by_dash_c(node: DnastackCli) -> None:
    query = node("collections", "query", "-c", "cohort-a", "SELECT COUNT(*) AS n FROM variants")
    items = node("collections", "list-items", "-c", "cohort-a", "-l", "2", "-o", "json")
    tables = node("collections", "tables", "list", "-c", "cohort-a", "-o", "json")
    both = node("collections", "query", "-c", "cohort-a", "cohort-a", "SELECT 1")

    assert json.loads(query.stdout) == [{"n": 1000}]
    assert len(json.loads(items.stdout)) == 2
    assert {"samples", "variants"} <= {t["name"] for t in json.loads(tables.stdout)}
    assert both.exit_code == 2  # a usage error: an argument and -c


def test_files_download_reads_ids_from_stdin(node: DnastackCli, tmp_path: Path) -> None:
    out = tmp_path / "out"

    result = node("files", "download", "-q", "-o", str(out), input="hello.json\n\n")

    assert result.exit_code == 0, result
    assert [p.name for p in out.iterdir()] == ["hello.json"]


def test_config_subcommands_of_the_reference(cli: DnastackCli, devserver: DevServer) -> None:
    steps = [
        ("config", "contexts", "add", "first"),
        ("config", "contexts", "rename", "first", "second"),
        ("contexts", "use", "second"),
        ("config", "endpoints", "add", "my-dc", "-t", "data_connect"),
        ("config", "endpoints", "set", "my-dc", "url", devserver.data_connect_url),
        ("config", "endpoints", "set", "my-dc", "type.version", "1.0.0"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, result
    defaults = json.loads(cli("config", "endpoints", "get-defaults", "-o", "json").stdout)
    listed = json.loads(
        cli("config", "endpoints", "list", "-t", "data_connect", "-o", "json").stdout
    )
    queried = cli("dc", "query", "SELECT 3 AS three", "-o", "json")
    cli("config", "endpoints", "unset-default", "my-dc")
    after = json.loads(cli("config", "endpoints", "get-defaults", "-o", "json").stdout)
    properties = cli("config", "endpoints", "available-properties").stdout.split()

    assert defaults == {"data_connect": "my-dc"}
    assert [e["id"] for e in listed] == ["my-dc"]
    assert json.loads(queried.stdout) == [{"three": 3}]
    assert after == {}
    assert {"url", "authentication.<key>", "type.version"} <= set(properties)


def test_an_endpoint_without_url_says_how_to_set_it(cli: DnastackCli) -> None:
    cli("config", "endpoints", "add", "my-dc", "-t", "data_connect")

    result = cli("dc", "query", "--endpoint-id", "my-dc", "SELECT 1")

    assert result.exit_code == 1
    assert "dnastack config endpoints set my-dc url URL" in result.stderr


def test_explorer_ask_with_the_reference_options(node: DnastackCli, tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"

    result = node(
        "explorer",
        "questions",
        "ask",
        "--question-name",
        "variants-by-gene",
        "--param",
        "gene=BRCA1",
        "--collections",
        "cohort-a",
        "--output-file",
        str(target),
        "-o",
        "csv",
    )

    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert target.read_text().splitlines()[0].startswith("collection,gene")


def test_the_omics_command_is_declared_and_runs_the_same_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import tomllib

    from dnastack.cli.main import omics
    from tests.cli.support import REPO_ROOT

    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    with pytest.raises(SystemExit) as exited:
        omics(["--help"])

    assert scripts["omics"] == "dnastack.cli.main:omics"
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("Usage: omics [OPTIONS] COMMAND")


def test_dnastack_debug_in_the_environment_is_debug(cli: DnastackCli) -> None:
    quiet = cli("dc", "query", "SELECT 1", "--endpoint-id", "nope")
    debug = cli("dc", "query", "SELECT 1", "--endpoint-id", "nope", env={"DNASTACK_DEBUG": "1"})

    assert quiet.exit_code == debug.exit_code == 1
    assert "Traceback" not in quiet.stderr and "Traceback" in debug.stderr
