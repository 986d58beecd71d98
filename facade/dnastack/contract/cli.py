"""``python -m dnastack.contract``: test a live server against our spec for one API.

Exit status: 0 when no violation was found (UNTESTED operations are listed but do not fail
the run unless ``--strict``); 1 on any violation (or, with ``--strict``, any UNTESTED
operation); 2 on a usage error or when nothing answers at ``--url`` (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from dnastack.contract.bounds import BOUND_SETTINGS, DEFAULT_BOUNDS, WalkBounds
from dnastack.contract.errors import ContractUsageError
from dnastack.contract.report import EXIT_USAGE, format_report
from dnastack.contract.specs import API_NAMES
from dnastack.exceptions import DnastackError

__all__ = [
    "BOUND_OPTIONS",
    "add_bound_arguments",
    "bounds_from",
    "build_parser",
    "main",
    "parse_header",
    "parse_headers",
    "parse_param",
    "parse_params",
]

PROG = "python -m dnastack.contract"


class _UsageError(Exception):
    """argparse found a problem with the command line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def parse_header(text: str) -> tuple[str, str]:
    """``"Authorization: Bearer x"`` -> ``("Authorization", "Bearer x")``.

    Raises:
        ContractUsageError: no ``:`` or an empty name (the value is never echoed).
    """
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep:
        raise ContractUsageError("--header needs 'Name: value' (no ':' in the argument)")
    if not name or any(c.isspace() for c in name):
        raise ContractUsageError("--header needs 'Name: value' (the name is empty or has spaces)")
    return name, value.strip()


def parse_headers(texts: Sequence[str]) -> dict[str, str]:
    """Every ``--header``; a repeated name keeps the last value."""
    return dict(parse_header(text) for text in texts)


def parse_param(text: str) -> tuple[str, str]:
    """``"object_id=abc"`` -> ``("object_id", "abc")`` (the value may contain ``=``).

    Raises:
        ContractUsageError: no ``=``, an empty name or an empty value.
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not value:
        raise ContractUsageError(f"--param needs NAME=VALUE, got {text!r}")
    return name, value


def parse_params(texts: Sequence[str]) -> dict[str, list[str]]:
    """Every ``--param``; a repeated name collects several values, in order."""
    params: dict[str, list[str]] = {}
    for text in texts:
        name, value = parse_param(text)
        values = params.setdefault(name, [])
        if value not in values:
            values.append(value)
    return params


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Contract-test a live server against the SDK's OpenAPI document for one API.",
        epilog="Exit status: 0 no violation, 1 violations (or UNTESTED with --strict), "
        "2 usage error or server unreachable.",
    )
    parser.add_argument("--api", required=True, choices=API_NAMES, help="which API the URL serves")
    parser.add_argument(
        "--url", required=True, help="base URL of the API, e.g. http://127.0.0.1:8080/ga4gh/drs/v1"
    )
    parser.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="header sent with every request (repeatable); credentials are never printed",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a known value for a path parameter (repeatable, also for several values)",
    )
    parser.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    parser.add_argument(
        "--thorough",
        action="store_true",
        help="more cases, coverage phase, negative data and more checks",
    )
    parser.add_argument("--spec", metavar="PATH", help="test against this OpenAPI document")
    parser.add_argument("--seed", type=int, help="seed for reproducible case generation")
    parser.add_argument("--max-examples", type=int, metavar="N", help="fuzzed cases per operation")
    parser.add_argument(
        "--check",
        action="append",
        default=[],
        metavar="NAME",
        help="schemathesis check to run instead of the mode's set (repeatable)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="an UNTESTED operation (no 2xx reached) fails the run"
    )
    add_bound_arguments(parser)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


BOUND_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--max-pages", "max_pages", "pages followed through next_page_url per walk"),
    ("--max-ids", "max_ids", "listed ids resolved per listing (and tables walked)"),
    ("--max-walk-bytes", "max_bytes", "bytes read by all walks and checks together"),
    ("--max-walk-seconds", "max_seconds", "seconds spent by all walks and checks together"),
    ("--download-budget", "download_bytes", "DRS bytes downloaded to verify checksums (0: off)"),
    ("--max-downloads", "max_downloads", "DRS objects downloaded at most"),
)
"""Option, :class:`WalkBounds` field, help: the bounds of the runner's own walks."""


def add_bound_arguments(parser: argparse.ArgumentParser) -> None:
    for option, name, text in BOUND_OPTIONS:
        setting = BOUND_SETTINGS[name]
        parser.add_argument(
            option,
            dest=name,
            type=float if name == "max_seconds" else _positive_int,
            default=None,
            metavar="N",
            help=f"{text} (setting {setting}, default {getattr(DEFAULT_BOUNDS, name):g})",
        )


def bounds_from(values: object) -> WalkBounds:
    """The bounds: options given (attributes not None), else the settings, else defaults.

    Raises:
        ConfigurationError: a value out of range (or a broken configuration file).
    """
    from dnastack.settings import resolve_settings

    given = {
        BOUND_SETTINGS[name]: getattr(values, name)
        for _option, name, _text in BOUND_OPTIONS
        if getattr(values, name, None) is not None
    }
    return WalkBounds.from_settings(resolve_settings(**given))


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        args = build_parser().parse_args(argv)
        headers = parse_headers(args.header)
        params = parse_params(args.param)
        from dnastack.contract.runner import run_contract  # schemathesis loads only here

        report = run_contract(
            args.api,
            args.url,
            headers=headers,
            params=params,
            thorough=args.thorough,
            junit_path=args.junit,
            spec_path=args.spec,
            max_examples=args.max_examples,
            seed=args.seed,
            checks=args.check or None,
            strict=args.strict,
            bounds=bounds_from(args),
        )
    except _UsageError as exc:
        print(f"{PROG}: error: {exc} (see --help)", file=err)
        return EXIT_USAGE
    except (DnastackError, OSError) as exc:
        print(f"{PROG}: error: {exc}", file=err)
        return EXIT_USAGE
    out.write(format_report(report, strict=args.strict))
    return report.exit_code(strict=args.strict)
