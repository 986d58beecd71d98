"""Command-line parsing of ``python -m dnastack.contract`` and its usage-error exit status."""

from __future__ import annotations

import io
import socket

import pytest

from dnastack.contract.cli import (
    build_parser,
    main,
    parse_header,
    parse_headers,
    parse_param,
    parse_params,
)
from dnastack.contract.errors import ContractUsageError
from dnastack.contract.report import EXIT_USAGE


def test_header_splits_on_the_first_colon() -> None:
    assert parse_header("Authorization: Bearer a:b") == ("Authorization", "Bearer a:b")
    assert parse_header("X-Empty:") == ("X-Empty", "")


@pytest.mark.parametrize("text", ["Bearer secret-token", ": value", "Bad Name: x"])
def test_malformed_header_is_a_usage_error_that_never_echoes_the_value(text: str) -> None:
    with pytest.raises(ContractUsageError) as excinfo:
        parse_header(text)
    assert "secret-token" not in str(excinfo.value)
    assert "value" not in str(excinfo.value).replace("'Name: value'", "")


def test_repeated_header_keeps_the_last_value() -> None:
    assert parse_headers(["A: 1", "B: 2", "A: 3"]) == {"A": "3", "B": "2"}


def test_param_value_may_contain_equals_signs() -> None:
    assert parse_param("object_id=a=b") == ("object_id", "a=b")


@pytest.mark.parametrize("text", ["object_id", "=abc", "object_id="])
def test_malformed_param_is_a_usage_error(text: str) -> None:
    with pytest.raises(ContractUsageError):
        parse_param(text)


def test_repeated_param_collects_several_values_in_order_without_duplicates() -> None:
    params = parse_params(["object_id=a", "table_name=t", "object_id=b", "object_id=a"])
    assert params == {"object_id": ["a", "b"], "table_name": ["t"]}


def test_parser_reads_every_option() -> None:
    args = build_parser().parse_args(
        [
            "--api", "drs", "--url", "http://h/ga4gh/drs/v1",
            "--header", "A: 1", "--param", "object_id=x", "--junit", "out.xml",
            "--thorough", "--spec", "s.yaml", "--seed", "3", "--max-examples", "7",
            "--check", "not_a_server_error", "--strict",
        ]
    )  # fmt: skip
    assert args.api == "drs"
    assert args.header == ["A: 1"]
    assert args.param == ["object_id=x"]
    assert (args.junit, args.thorough, args.spec, args.seed) == ("out.xml", True, "s.yaml", 3)
    assert (args.max_examples, args.check, args.strict) == (7, ["not_a_server_error"], True)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["--url", "http://127.0.0.1:1"],
        ["--api", "nope", "--url", "http://127.0.0.1:1"],
        ["--api", "drs", "--url", "ftp://host/x"],
        ["--api", "drs", "--url", "http://127.0.0.1:1", "--header", "no colon"],
        ["--api", "drs", "--url", "http://127.0.0.1:1", "--spec", "/does/not/exist.yaml"],
        ["--api", "drs", "--url", "http://127.0.0.1:1", "--check", "no_such_check"],
    ],
)
def test_usage_errors_exit_2_with_one_line_and_no_traceback(argv: list[str]) -> None:
    code, out, err = _run(argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_exits_2_naming_the_url_but_not_the_credentials() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/ga4gh/drs/v1"
    code, out, err = _run(
        ["--api", "drs", "--url", url, "--header", "Authorization: Bearer tok-123456"]
    )
    assert code == EXIT_USAGE
    assert out == ""
    assert url in err and "not reachable" in err
    assert "tok-123456" not in err
    assert len(err.strip().splitlines()) == 1


def test_thorough_checks_test_auth_only_when_credentials_are_given() -> None:
    from dnastack.contract.checks import (
        CREDENTIAL_CHECKS,
        DEFAULT_CHECKS,
        THOROUGH_CHECKS,
        select_checks,
    )

    assert (
        select_checks(None, thorough=False, headers={"Authorization": "Bearer x"}) == DEFAULT_CHECKS
    )
    assert (
        select_checks(None, thorough=True, headers={"Accept": "application/json"})
        == THOROUGH_CHECKS
    )
    with_auth = select_checks(None, thorough=True, headers={"Authorization": "Bearer x"})
    assert with_auth == (*THOROUGH_CHECKS, *CREDENTIAL_CHECKS)
    explicit = select_checks(["a", "b", "a"], thorough=True, headers={})
    assert explicit == ("a", "b")


def test_walk_bounds_come_from_options_then_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from dnastack.contract.bounds import DEFAULT_BOUNDS
    from dnastack.contract.cli import bounds_from, build_parser

    monkeypatch.setenv("DNASTACK_CONTRACT_MAX_PAGES", "7")
    monkeypatch.setenv("DNASTACK_CONTRACT_DOWNLOAD_BUDGET", "0")
    base = ["--api", "drs", "--url", "http://127.0.0.1:1/"]
    from_env = bounds_from(build_parser().parse_args(base))
    from_option = bounds_from(build_parser().parse_args([*base, "--max-pages", "3"]))

    assert (from_env.max_pages, from_env.download_bytes) == (7, 0)
    assert from_env.max_ids == DEFAULT_BOUNDS.max_ids
    assert from_option.max_pages == 3
