"""What a person sees in a real terminal (tmux, 80 and 120 columns): tables never cut
(issue 14 item 1), parameter warnings and "(0 rows)" (item 6), global options anywhere and
the --debug request log (item 8), download progress with active bars and a total (item 9)."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator

import pytest

from tests.cli.support import DnastackCli
from tests.cli.terminal import Terminal, column_text
from tests.fixtures.devserver import DevServer

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

WIDTHS = [80, 120]


@pytest.fixture(params=WIDTHS, ids=[f"{w}cols" for w in WIDTHS])
def terminal(request: pytest.FixtureRequest, cli: DnastackCli) -> Iterator[Terminal]:
    term = Terminal(cli.workdir, width=request.param)
    try:
        yield term
    finally:
        term.close()


def _env(cli: DnastackCli, **extra: str) -> dict[str, str]:
    env = cli.process_env(extra)
    for name in ("TERM", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)  # the terminal's own
    return env


def _dnastack(*args: str) -> list[str]:
    return [sys.executable, "-m", "dnastack", *args]


def test_a_wide_result_becomes_blocks_with_every_value_whole(
    terminal: Terminal, cli: DnastackCli, devserver: DevServer
) -> None:
    env = _env(cli, DNASTACK_DATA_CONNECT_URL=devserver.data_connect_url)
    rows = json.loads(cli.run_process("dc", "query", "SELECT * FROM all_types", env=env).stdout)

    screen = terminal.run(_dnastack("dc", "query", "SELECT * FROM all_types"), env)

    assert terminal.exit_status() == 0, screen
    assert f"26 columns do not fit in {terminal.width} characters: one block per row" in (
        " ".join(screen.split())
    )
    assert screen.count("-- row ") == len(rows) == 3
    lines = screen.splitlines()
    assert "c_real          -0.25" in lines  # not "-0."
    assert "c_bigint        9007199254740993" in lines
    assert "c_ubigint       18446744073709551615" in lines
    assert "c_decimal38     123456789012345678901234567890" in lines
    assert all(len(line) <= terminal.width for line in lines)


def test_endpoint_urls_fold_in_their_column_never_cut(
    terminal: Terminal, cli: DnastackCli, devserver: DevServer
) -> None:
    env = _env(cli)
    assert cli.run_process("use", devserver.registry_url, "--no-auth", env=env).exit_code == 0
    listed = cli.run_process("config", "endpoints", "list", "-o", "json", env=env)
    urls = sorted(e["url"] for e in json.loads(listed.stdout))

    screen = terminal.run(_dnastack("config", "endpoints", "list"), env)

    lines = screen.splitlines()
    columns = ["id", "type", "url", "auth", "default"]
    assert sorted(column_text(lines, "url", columns, row_key="type")) == urls
    assert all(len(line) <= terminal.width for line in lines)
    if terminal.width == 80:  # the longest URL does not fit on one line at 80 columns
        assert not any(url in screen for url in urls if len(url) > 40)


def test_name_value_parameter_warns_and_an_empty_table_says_0_rows(
    terminal: Terminal, cli: DnastackCli, devserver: DevServer
) -> None:
    env = _env(cli, DNASTACK_DATA_CONNECT_URL=devserver.data_connect_url)
    sql = "SELECT variant_id, gene FROM variants WHERE gene = ?"

    screen = terminal.run(_dnastack("dc", "query", sql, "--param", "gene=BRCA1"), env)

    flat = " ".join(screen.split())
    assert "warning: --param 'gene=BRCA1' looks like name=value" in flat
    assert "for the placeholder 'gene' write --param 'BRCA1'" in flat
    assert screen.splitlines()[-1] == "(0 rows)"
    assert "variant_id" in screen  # the header, as a table on a terminal


def test_global_options_after_the_subcommand_and_one_debug_line_per_request(
    terminal: Terminal, cli: DnastackCli, devserver: DevServer
) -> None:
    env = _env(cli, DNASTACK_DATA_CONNECT_URL=devserver.data_connect_url)

    screen = terminal.run(_dnastack("dc", "tables", "list", "--debug", "--no-color"), env)
    coloured = terminal.screen()

    assert terminal.exit_status() == 0, screen
    flat = " ".join(screen.split())
    assert f"DEBUG dnastack.http: GET {devserver.data_connect_url}tables -> 200 (" in flat
    assert "variants" in screen
    assert "\x1b[" not in coloured


def test_many_files_show_the_total_and_only_the_active_bars(
    terminal: Terminal, cli: DnastackCli
) -> None:
    gate = cli.workdir / "finish"
    script = cli.workdir / "progress_demo.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import pathlib, time
            from rich.console import Console
            from dnastack.cli.progress import DownloadProgressView
            from dnastack.client.drs.progress import DownloadProgress as P

            gate = pathlib.Path({str(gate)!r})
            with DownloadProgressView(Console(stderr=True)) as view:
                for i in range(36):  # finished files roll into the total
                    view(P(f"o{{i}}", f"file-{{i:02d}}.bin", 0, 1000, 0, 0))
                    view(P(f"o{{i}}", f"file-{{i:02d}}.bin", 1000, 1000, 1000, 0, done=True))
                for i in range(36, 40):  # four transfers in progress
                    view(P(f"o{{i}}", f"file-{{i:02d}}.bin", 500, 1000, 500, 0))
                while not gate.exists():
                    time.sleep(0.05)
            """
        )
    )

    terminal.start([sys.executable, str(script)], _env(cli))
    screen = terminal.wait_for("36 finished, 4 active")
    gate.touch()
    terminal.wait_for("__command_done__")

    lines = [line for line in screen.splitlines() if line.strip()]
    assert len([line for line in lines if "total" in line]) == 1
    active = [line for line in lines if "file-" in line]
    assert [line.split()[0] for line in active] == [f"file-{i}.bin" for i in range(36, 40)]
    assert "40.0/40.0 kB" not in screen and "38.0/40.0 kB" in screen  # total of 40 files
    assert all(len(line) <= terminal.width for line in lines)
