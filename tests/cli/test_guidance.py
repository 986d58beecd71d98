"""Messages that point the right way: name=value parameters, empty results, unknown
contexts, scheme-less and wrong registry URLs (issue 14 items 6 and 7), ``dnastack version``
(issue 11 item 8), global options anywhere and the --debug request log (item 8), the
library's NullHandler (item 10), one option list for the devserver (item 12)."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap

import pytest

import dnastack
from dnastack.cli.group import hoist_global_options
from tests.cli.support import DnastackCli, clean_environment
from tests.fixtures.devserver import DevServer


@pytest.fixture
def dc(cli: DnastackCli, devserver: DevServer) -> DnastackCli:
    cli.env["DNASTACK_DATA_CONNECT_URL"] = devserver.data_connect_url
    return cli


@pytest.mark.e2e
def test_a_name_value_parameter_is_warned_about(dc: DnastackCli) -> None:
    sql = "SELECT * FROM variants WHERE gene = ?"

    named = dc("dc", "query", sql, "--param", "gene=BRCA1", "-o", "jsonl")
    positional = dc("dc", "query", sql, "--param", "BRCA1", "-o", "jsonl")

    assert named.exit_code == 0 and named.stdout == ""
    assert "--param 'gene=BRCA1' looks like name=value" in named.stderr
    assert "write --param 'BRCA1'" in named.stderr
    assert positional.stdout and "looks like name=value" not in positional.stderr


@pytest.mark.e2e
def test_an_unknown_context_lists_the_known_ones(cli: DnastackCli, devserver: DevServer) -> None:
    assert cli("use", devserver.registry_url, "--no-auth").exit_code == 0

    result = cli("--context", "typo", "dc", "tables", "list")

    assert result.exit_code == 1
    assert f"no context 'typo'; known: 127.0.0.1:{devserver.port}" in result.stderr
    assert result.stderr.rstrip().endswith("(`dnastack config contexts list`)")


@pytest.mark.e2e
def test_use_names_the_context_host_port_so_context_works(
    cli: DnastackCli, devserver: DevServer
) -> None:
    assert cli("use", devserver.registry_url, "--no-auth").exit_code == 0

    result = cli("dc", "query", "SELECT 1 AS one", "--context", f"127.0.0.1:{devserver.port}")

    assert result.exit_code == 0, result
    assert result.stdout.strip().startswith("[")


@pytest.mark.e2e
def test_use_without_a_scheme_suggests_http(cli: DnastackCli, devserver: DevServer) -> None:
    result = cli("use", f"127.0.0.1:{devserver.port}", "--no-auth")

    assert result.exit_code == 1, result
    assert f"did you mean http://127.0.0.1:{devserver.port}/ ?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.e2e
def test_use_of_a_data_connect_url_says_what_to_give(
    cli: DnastackCli, devserver: DevServer
) -> None:
    result = cli("use", devserver.data_connect_url, "--no-auth")

    assert result.exit_code == 1, result
    assert "looks like an API endpoint, not a Service Registry" in result.stderr
    assert "dnastack config endpoints add" in result.stderr


def test_version_command(cli: DnastackCli) -> None:
    result = cli("version")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"dnastack {dnastack.__version__} with Python 3.")


def test_global_options_move_in_front_of_the_subcommand() -> None:
    args = ["dc", "query", "SELECT 1", "--debug", "--context=a", "-o", "json", "--no-color"]

    assert hoist_global_options(args, ("--debug", "--no-color"), ("--context",)) == [
        "--debug",
        "--context=a",
        "--no-color",
        "dc",
        "query",
        "SELECT 1",
        "-o",
        "json",
    ]
    assert hoist_global_options(["x", "--", "--debug"], ("--debug",), ()) == ["x", "--", "--debug"]


@pytest.mark.e2e
def test_debug_anywhere_logs_each_request_with_status_and_time(dc: DnastackCli) -> None:
    result = dc("dc", "tables", "list", "-o", "json", "--debug")

    assert result.exit_code == 0, result
    lines = [line for line in result.stderr.splitlines() if "dnastack.http" in line]
    assert any(
        line.startswith("DEBUG dnastack.http: GET http://127.0.0.1:")
        and "/data-connect/tables -> 200 (" in line
        and line.endswith(" ms)")
        for line in lines
    ), result.stderr


def test_the_library_has_a_null_handler_and_prints_nothing_on_its_own() -> None:
    script = textwrap.dedent(
        """
        import logging, dnastack
        from dnastack import DrsClient  # the modules that log (and their NullHandler)
        logging.getLogger("dnastack.http").warning("retrying GET http://x after 503")
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=clean_environment({}),
        check=True,
    )

    assert completed.stderr == ""
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("dnastack").handlers)


def test_devserver_command_has_every_option_of_python_m_dnastack_devserver(
    cli: DnastackCli,
) -> None:
    from dnastack.devserver.config import build_arg_parser

    options = {
        option
        for action in build_arg_parser()._actions
        for option in action.option_strings
        if option.startswith("--")
    }
    result = cli("devserver", "--help")

    assert result.exit_code == 0, result
    assert result.stdout.startswith("Usage: dnastack devserver")
    missing = {option for option in options if option not in result.stdout}
    assert not missing and len(options) >= 19
    assert cli("devserver", "--no-such-option").exit_code == 2
