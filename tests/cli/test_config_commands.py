"""``dnastack config``: settings with their sources, contexts, endpoints, reset; exit codes."""

from __future__ import annotations

import json

import yaml

from tests.cli.support import DnastackCli

DC_URL = "http://127.0.0.1:9/data-connect/"
DRS_URL = "http://127.0.0.1:9/ga4gh/drs/v1/"


def _settings(cli: DnastackCli, *args: str, env: dict[str, str | None] | None = None) -> dict:
    result = cli("config", "show", "-o", "json", *args, env=env)
    assert result.exit_code == 0, result
    return {row["setting"]: row for row in json.loads(result.stdout)}


def _file(cli: DnastackCli) -> dict:
    return yaml.safe_load(cli.config_file.read_text())


def test_show_reports_every_setting_with_its_source(cli: DnastackCli) -> None:
    cli("config", "endpoints", "add", "dc", "--type", "data_connect", "--url", DC_URL)

    rows = _settings(cli, env={"DNASTACK_TIMEOUT": "12"})

    assert rows["config_file"]["source"] == "environment:DNASTACK_CONFIG_FILE"
    assert rows["timeout"] == {
        "setting": "timeout",
        "value": "12.0",
        "source": "environment:DNASTACK_TIMEOUT",
    }
    assert rows["data_connect_url"]["value"] == DC_URL
    assert rows["data_connect_url"]["source"] == f"config:{cli.config_file}"
    assert rows["max_retries"]["source"] == "default"


def test_show_never_prints_a_secret(cli: DnastackCli) -> None:
    token = "sekret-token-value-123"
    context = json.dumps({"auth_token_type": "Bearer", "auth_token": token})

    result = cli("config", "show", env={"DNASTACK_SECURITY_CONTEXT": context})

    assert result.exit_code == 0, result
    assert token not in result.stdout + result.stderr
    assert "security_context" in result.stdout


def test_context_option_is_an_argument_above_the_environment(cli: DnastackCli) -> None:
    rows = _settings(cli, env={"DNASTACK_CONTEXT": "from-env"})
    assert rows["context"]["value"] == "from-env"

    result = cli(
        "--context", "chosen", "config", "show", "-o", "json", env={"DNASTACK_CONTEXT": "from-env"}
    )

    (context,) = [r for r in json.loads(result.stdout) if r["setting"] == "context"]
    assert context == {"setting": "context", "value": "chosen", "source": "argument"}


def test_endpoints_add_list_set_default_and_remove(cli: DnastackCli) -> None:
    assert (
        cli(
            "config",
            "endpoints",
            "add",
            "dc",
            "--type",
            "data_connect",
            "--url",
            DC_URL,
            "--default",
        ).exit_code
        == 0
    )
    assert (
        cli("config", "endpoints", "add", "drs", "--type", "drs", "--url", DRS_URL).exit_code == 0
    )

    listed = json.loads(cli("config", "endpoints", "list", "-o", "json").stdout)
    assert [e["id"] for e in listed] == ["dc", "drs"]
    assert listed[1]["type"] == {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"}

    assert cli("config", "endpoints", "set", "drs", "url", DRS_URL + "v2/").exit_code == 0
    assert cli("config", "endpoints", "set-default", "drs").exit_code == 0
    context = _file(cli)["contexts"]["default"]
    assert context["defaults"] == {"data_connect": "dc", "drs": "drs"}
    assert context["endpoints"][1]["url"] == DRS_URL + "v2/"

    table = cli("config", "endpoints", "list", "-o", "table")
    assert "dc" in table.stdout and "data_connect" in table.stdout

    assert cli("config", "endpoints", "remove", "dc").exit_code == 0
    context = _file(cli)["contexts"]["default"]
    assert [e["id"] for e in context["endpoints"]] == ["drs"]
    assert context["defaults"] == {"drs": "drs"}


def test_authentication_keys_are_set_from_arguments_or_stdin_and_listed_redacted(
    cli: DnastackCli,
) -> None:
    secret = "client-secret-xyz-987"
    cli(
        "config",
        "endpoints",
        "add",
        "dc",
        "--type",
        "data_connect",
        "--url",
        DC_URL,
        "--auth",
        "type=oauth2",
        "--auth",
        "grant_type=client_credentials",
        "--auth",
        "token_endpoint=http://127.0.0.1:9/token",
    )

    assert cli("config", "endpoints", "set", "dc", "authentication.client_id", "me").exit_code == 0
    result = cli(
        "config", "endpoints", "set", "dc", "authentication.client_secret", "-", input=secret + "\n"
    )
    assert result.exit_code == 0, result

    stored = _file(cli)["contexts"]["default"]["endpoints"][0]["authentication"]
    assert stored["client_id"] == "me" and stored["client_secret"] == secret
    for output in ("table", "json", "yaml"):
        shown = cli("config", "endpoints", "list", "-o", output)
        assert secret not in shown.stdout + shown.stderr
    listed = json.loads(cli("config", "endpoints", "list", "-o", "json").stdout)
    assert listed[0]["authentication"]["client_secret"] == "***"

    assert (
        cli("config", "endpoints", "set", "dc", "authentication.client_secret", "").exit_code == 0
    )
    assert (
        "client_secret" not in _file(cli)["contexts"]["default"]["endpoints"][0]["authentication"]
    )


def test_contexts_list_use_and_remove(cli: DnastackCli) -> None:
    cli("config", "endpoints", "add", "dc", "--type", "data_connect", "--url", DC_URL)
    cli(
        "--context", "other", "config", "endpoints", "add", "drs", "--type", "drs", "--url", DRS_URL
    )

    listed = json.loads(cli("config", "contexts", "list", "-o", "json").stdout)
    assert listed == [
        {"name": "default", "current": True, "endpoints": 1},
        {"name": "other", "current": False, "endpoints": 1},
    ]

    assert cli("config", "contexts", "use", "other").exit_code == 0
    assert _file(cli)["current_context"] == "other"
    assert _settings(cli)["drs_url"]["value"] == DRS_URL

    assert cli("config", "contexts", "remove", "other", "--yes").exit_code == 0
    assert set(_file(cli)["contexts"]) == {"default"}
    assert _file(cli).get("current_context") is None


def test_removing_a_context_asks_first(cli: DnastackCli) -> None:
    cli("config", "endpoints", "add", "dc", "--type", "data_connect", "--url", DC_URL)

    result = cli("config", "contexts", "remove", "default", input="n\n")

    assert result.exit_code != 0
    assert "default" in _file(cli)["contexts"]


def test_unknown_context_endpoint_or_type_is_a_usage_error_on_one_line(cli: DnastackCli) -> None:
    cli("config", "endpoints", "add", "dc", "--type", "data_connect", "--url", DC_URL)
    cases = [
        (("config", "contexts", "use", "nope"), "no context 'nope'"),
        (("config", "endpoints", "remove", "nope"), "nope"),
        (("config", "endpoints", "set", "dc", "colour", "blue"), "cannot set 'colour'"),
        (("config", "endpoints", "add", "x", "--type", "ftp", "--url", DC_URL), "ftp"),
    ]
    for args, expected in cases:
        result = cli(*args)

        assert result.exit_code == 1, result
        assert expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result
        assert "Traceback" not in result.stderr


def test_a_broken_configuration_file_is_exit_code_1_with_file_and_line(cli: DnastackCli) -> None:
    cli.config_file.write_text("version: 4.0\ncontexts:\n  default:\n    endpoints: 12\n")

    result = cli("config", "show")

    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("dnastack config show: ")
    assert str(cli.config_file) in line and "line 4" in line


def test_debug_adds_the_traceback(cli: DnastackCli) -> None:
    cli.config_file.write_text("contexts: [\n")

    result = cli("--debug", "config", "show")

    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("dnastack config show: ")


def test_reset_replaces_even_a_broken_file_and_can_delete_sessions(cli: DnastackCli) -> None:
    cli.config_file.write_text("contexts: [\n")
    cli.session_dir.mkdir()
    (cli.session_dir / ("a" * 64 + ".json")).write_text("{}")

    result = cli("config", "reset", "--yes", "--sessions")

    assert result.exit_code == 0, result
    # a reset configuration is a fresh one: only the empty, current `default` context
    assert _file(cli)["current_context"] == "default"
    assert _file(cli)["contexts"] == {"default": {"endpoints": [], "defaults": {}}}
    assert list(cli.session_dir.glob("*.json")) == []
    assert cli("config", "show").exit_code == 0
