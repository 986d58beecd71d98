"""Help on every command, aliases, exit codes in the root help, and a light start-up."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from dnastack.cli.main import ALIASES, COMMANDS, cli
from tests.cli.support import REPO_ROOT, DnastackCli, clean_environment


def _walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            paths += _walk(sub, (*path, name))
    return paths


ALL_COMMAND_PATHS = _walk(cli)


def test_the_command_tree_is_the_documented_one() -> None:
    leaves = {" ".join(p) for p in ALL_COMMAND_PATHS if p}
    expected = {
        "use",
        "config",
        "config show",
        "config reset",
        "config contexts",
        "config contexts list",
        "config contexts use",
        "config contexts remove",
        "config endpoints",
        "config endpoints list",
        "config endpoints add",
        "config endpoints set",
        "config endpoints remove",
        "config endpoints set-default",
        "auth",
        "auth login",
        "auth status",
        "auth revoke",
        "data-connect",
        "data-connect query",
        "data-connect tables",
        "data-connect tables list",
        "data-connect tables get",
        "files",
        "files download",
        "collections",
        "collections list",
        "collections get",
        "collections items",
        "collections query",
        "explorer",
        "explorer questions",
        "explorer questions list",
        "explorer questions describe",
        "explorer questions ask",
        "contract-test",
        "devserver",
    }
    assert expected <= leaves, expected - leaves


@pytest.mark.parametrize("path", ALL_COMMAND_PATHS, ids=lambda p: " ".join(p) or "dnastack")
def test_every_command_has_help_with_examples(cli: DnastackCli, path: tuple[str, ...]) -> None:
    result = cli(*path, "--help")

    assert result.exit_code == 0, result
    assert "Usage: dnastack" in result.stdout
    assert "Example" in result.stdout, f"no examples in `dnastack {' '.join(path)} --help`"


def test_root_help_documents_the_exit_codes_and_aliases(cli: DnastackCli) -> None:
    result = cli("--help")

    text = result.stdout
    for line in (
        "0    success",
        "1    usage or configuration error",
        "2    invalid command",
        "3    API, network or authentication error",
        "130  interrupted",
    ):
        assert line in text
    assert "data-connect (dc)" in text and "files (drs)" in text


@pytest.mark.parametrize(("alias", "name"), sorted(ALIASES.items()))
def test_an_alias_runs_the_same_command(cli: DnastackCli, alias: str, name: str) -> None:
    by_alias = cli(alias, "--help")
    by_name = cli(name, "--help")

    assert by_alias.exit_code == by_name.exit_code == 0
    usage, _, body = by_alias.stdout.partition("\n")
    assert usage.replace(f"dnastack {alias}", f"dnastack {name}") + "\n" + body == by_name.stdout


def test_lazy_commands_have_the_short_help_the_root_help_shows() -> None:
    ctx = click.Context(cli)
    for name, lazy in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.get_short_help_str(200) == lazy.short_help


def test_version(cli: DnastackCli) -> None:
    import dnastack

    result = cli("--version")

    assert result.exit_code == 0 and result.stdout.strip() == f"dnastack {dnastack.__version__}"


def test_unknown_command_is_a_usage_error_with_exit_code_2(cli: DnastackCli) -> None:
    result = cli("no-such-command")

    assert result.exit_code == 2
    assert "No such command" in result.stderr


_PROBE = """
import sys
sys.argv = ["dnastack", "--help"]
from dnastack.cli.main import main
try:
    main()
except SystemExit as exit:
    code = exit.code
print("\\n" + __import__("json").dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_help_in_a_fresh_process_imports_no_client_httpx_yaml_pandas_or_rich() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=clean_environment({}),
        cwd=REPO_ROOT,
        check=True,
        timeout=60,
    )
    probe = json.loads(completed.stdout.strip().splitlines()[-1])
    modules: list[str] = probe["modules"]

    assert probe["code"] == 0
    assert "Commands:" in completed.stdout
    forbidden = ("httpx", "yaml", "pandas", "pyarrow", "rich", "dnastack.client", "dnastack.http")
    loaded = [m for m in modules if m.split(".")[0] in forbidden or m.startswith(forbidden)]
    assert loaded == []
    assert not [m for m in modules if m.startswith("dnastack.cli.commands.")]
