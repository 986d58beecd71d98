"""``dnastack contract-test``: check a live server against the SDK's spec for one API.

A thin wrapper over :func:`dnastack.contract.run_contract` (schemathesis loads only when the
command runs). Exit codes follow the CLI's: 0 no violation, 1 usage error, 3 violations
found (or, with ``--strict``, an operation never reached a 2xx) or the server is unreachable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click

from dnastack.cli.errors import EXIT_API, EXIT_OK
from dnastack.cli.state import CliState, pass_state
from dnastack.contract.specs import API_NAMES  # light: schemathesis loads only in the runner

__all__ = ["contract_test"]


def _bound_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--max-pages``, ``--max-ids``... (see ``dnastack.contract.cli.BOUND_OPTIONS``)."""
    from dnastack.contract.bounds import BOUND_SETTINGS, DEFAULT_BOUNDS
    from dnastack.contract.cli import BOUND_OPTIONS

    for option, name, text in reversed(BOUND_OPTIONS):
        default = getattr(DEFAULT_BOUNDS, name)
        kind = click.FloatRange(min=0) if name == "max_seconds" else click.IntRange(min=0)
        command = click.option(
            option,
            name,
            type=kind,
            default=None,
            help=f"{text} (setting {BOUND_SETTINGS[name]}; default {default:g}).",
        )(command)
    return command


@click.command(
    "contract-test",
    epilog="""\b
Examples:
  dnastack contract-test --api drs --url http://127.0.0.1:8080/ga4gh/drs/v1
  dnastack contract-test --api data-connect --url https://dc.example.org/ \\
      --header "Authorization: Bearer $TOKEN" --param table_name=variants
  dnastack contract-test --api explorer --url http://127.0.0.1:8080/explorer \\
      --thorough --junit report.xml
""",
)
@click.option("--api", required=True, type=click.Choice(API_NAMES), help="The API at --url.")
@click.option("--url", required=True, help="Base URL of the API.")
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="A header sent with every request (repeatable); values are never printed.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A known value for a path parameter (repeatable).",
)
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write JUnit XML.")
@click.option("--thorough", is_flag=True, help="More cases, negative data and more checks.")
@click.option("--strict", is_flag=True, help="An operation that never reached a 2xx fails.")
@click.option("--seed", type=int, help="Seed for reproducible case generation.")
@click.option("--max-examples", type=click.IntRange(min=1), help="Fuzzed cases per operation.")
@_bound_options
@pass_state
def contract_test(
    state: CliState,
    /,
    api: str,
    url: str,
    headers: tuple[str, ...],
    params: tuple[str, ...],
    junit: Path | None,
    thorough: bool,
    strict: bool,
    seed: int | None,
    max_examples: int | None,
    **bounds: float | None,
) -> None:
    """Contract-test the server at URL against the SDK's OpenAPI document for API."""
    from dnastack.common.extras import require_extra

    require_extra("contract", "dnastack contract-test")
    from dnastack.contract import format_report, run_contract
    from dnastack.contract.cli import bounds_from, parse_headers, parse_params

    report = run_contract(
        api,
        url,
        headers=parse_headers(headers),
        params=parse_params(params),
        thorough=thorough,
        junit_path=str(junit) if junit else None,
        max_examples=max_examples,
        seed=seed,
        strict=strict,
        bounds=bounds_from(SimpleNamespace(**bounds)),
    )
    state.stdout().write(format_report(report, strict=strict))
    if report.exit_code(strict=strict) != EXIT_OK:
        raise click.exceptions.Exit(EXIT_API)
