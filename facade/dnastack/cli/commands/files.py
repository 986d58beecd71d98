"""``dnastack files`` (alias ``drs``): download DRS objects and bundles, checksums verified.

Each object is streamed to a temporary file in the target directory, its checksum verified,
then renamed into place (by the SDK's ``DrsClient.download``). A bar per file and a total
show on stderr; the summary lists every object with its outcome. Exit code 3 when any
object failed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dnastack.cli.commands.data_connect import endpoint_option
from dnastack.cli.errors import EXIT_API, CommandError
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import write_rows
from dnastack.cli.reference_options import no_auth_option
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.drs.results import DownloadResult

__all__ = ["files", "read_id_file"]


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack files download hello.json
  dnastack drs download drs://127.0.0.1:8080/cohort-a -o data/
  dnastack files download -i ids.txt --parallel 8 -o data/
""",
)
def files() -> None:
    """Download DRS objects and bundles (GA4GH DRS), checksums verified."""


def read_id_file(path: str) -> list[str]:
    """Ids or URIs from a file (``-`` for stdin): one per line, blank lines and ``#``
    comments ignored."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).expanduser().read_text("utf-8")
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    found = []
    for line in text.splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            found.append(item)
    return found


@files.command(
    "download",
    epilog="""\b
ID_OR_URI is an object id of the configured DRS endpoint, a drs://host/id URI
or a compact identifier (drs://prefix:accession). A bundle is downloaded as a
folder. Nothing is overwritten: a name already taken gets a suffix.

\b
Examples:
  dnastack files download hello.json random-1mib.bin -o downloads/
  dnastack files download drs://127.0.0.1:8080/cohort-a
  dnastack files download -i ids.txt --parallel 8 -o downloads/
  cut -f1 manifest.tsv | dnastack drs download -i - -o downloads/
""",
)
@click.argument("ids", nargs=-1, metavar="ID_OR_URI...")
@click.option(
    "-i",
    "--input-file",
    "input_files",
    multiple=True,
    metavar="FILE",
    help="Read ids/URIs from FILE, one per line ('-' for stdin; repeatable).",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory to download into (created if missing).",
)
@click.option(
    "--parallel",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Objects downloaded at the same time.",
)
@click.option(
    "--no-progress",
    is_flag=True,
    help="No progress bars (there are none when stderr is not a terminal either).",
)
@click.option("-q", "--quiet", is_flag=True, hidden=True, help="As --no-progress.")
@endpoint_option("DRS")
@no_auth_option
@pass_state
def download(
    state: CliState,
    ids: tuple[str, ...],
    input_files: tuple[str, ...],
    output_dir: Path,
    parallel: int,
    no_progress: bool,
    quiet: bool,
    endpoint_id: str | None,
) -> None:
    """Download objects and bundles into a directory, verifying every checksum.

    Without ID_OR_URI or -i, ids are read from stdin when it is not a terminal.
    """
    from dnastack.client.drs import DrsClient

    no_progress = no_progress or quiet
    wanted = [*ids, *(item for path in input_files for item in read_id_file(path))]
    if not ids and not input_files and not sys.stdin.isatty():
        wanted = read_id_file("-")  # the reference CLI reads them from stdin too
    if not wanted:
        raise click.UsageError("give at least one ID_OR_URI or -i FILE")
    from dnastack.client.drs.local_paths import os_errors_named

    with os_errors_named(output_dir):  # a LocalFileError naming the folder and the cause
        output_dir.mkdir(parents=True, exist_ok=True)
    console = state.err_console()
    with state.client(DrsClient, endpoint_id) as client:
        if no_progress or not console.is_terminal:  # bars only where they can move
            results = list(client.download(wanted, output_dir, parallel=parallel))
        else:
            from dnastack.cli.progress import DownloadProgressView

            with DownloadProgressView(console) as view:
                results = list(
                    client.download(wanted, output_dir, parallel=parallel, progress=view)
                )
    failed = _summarize(state, results, output_dir)
    if failed:
        raise CommandError(f"{failed} of {len(results)} object(s) failed", EXIT_API)


def _summarize(state: CliState, results: Sequence[DownloadResult], output_dir: Path) -> int:
    """The summary table on stdout (one row per object), then each failure with its full
    reason; returns the number that failed."""
    rows = [
        {
            "object": result.object_id,
            "status": result.status.name.lower(),
            "path": _relative(result.path, output_dir) if result.path else "",
            "bytes": result.size,
            "checksum": (
                f"{', '.join(sorted(result.expected_checksums))} verified"
                if result.checksum_verified
                else "not verified"
            ),
        }
        for result in results
    ]
    columns = ["object", "status", "path", "bytes", "checksum"]
    write_rows(rows, "table", columns=columns, console=state.console)
    failures = [r for r in results if not r.ok]
    if failures:  # in full, never cut to a column's width
        state.console().print(
            "\n".join(["failed:", *(f"  {r.object_id}: {r.error or 'failed'}" for r in failures)]),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    failed = len(failures)
    verified = sum(1 for r in results if r.ok and r.checksum_verified)
    state.note(
        f"{len(results) - failed} downloaded ({verified} checksum-verified), {failed} failed"
    )
    return failed


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
