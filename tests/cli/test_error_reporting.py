"""One place maps exceptions to exit codes and one-line messages."""

from __future__ import annotations

import io
import logging

import httpx
import pytest

from dnastack.cli.errors import (
    EXIT_API,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CommandError,
    exit_code_for,
    one_line,
    report_error,
)
from dnastack.exceptions import (
    AuthenticationError,
    ConfigurationError,
    DnastackError,
    LockTimeoutError,
    MissingEndpointError,
    ModelValidationError,
    ResponseParseError,
    TransportError,
    http_error_for,
)
from tests.cli.support import DnastackCli


def _http_error(status: int, body: str) -> Exception:
    request = httpx.Request("GET", "http://127.0.0.1:9/data-connect/table/x/info?token=abc")
    response = httpx.Response(status, request=request, content=body.encode())
    return http_error_for(response)


class _InvalidInput(DnastackError, ValueError):
    """Like a bad DRS URI or a question parameter that fails validation."""


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ConfigurationError("bad file"), EXIT_USAGE),
        (MissingEndpointError("no endpoint"), EXIT_USAGE),
        (ModelValidationError("bad"), EXIT_USAGE),
        (LockTimeoutError("/x", 1.0), EXIT_USAGE),
        (_InvalidInput("bad uri"), EXIT_USAGE),
        (FileNotFoundError(2, "No such file or directory", "q.sql"), EXIT_USAGE),
        (_http_error(404, '{"msg": "no table"}'), EXIT_API),
        (_http_error(503, "down"), EXIT_API),
        (TransportError("refused", method="GET", url="http://h/"), EXIT_API),
        (AuthenticationError("denied"), EXIT_API),
        (ResponseParseError("bad body"), EXIT_API),
        (DnastackError("a client error"), EXIT_API),
        (CommandError("2 files failed", EXIT_API), EXIT_API),
        (KeyboardInterrupt(), EXIT_INTERRUPTED),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v),
)
def test_exit_codes(error: BaseException, code: int) -> None:
    assert exit_code_for(error) == code


def test_an_http_error_is_one_line_with_method_url_status_and_server_message() -> None:
    stream = io.StringIO()

    code = report_error(
        _http_error(404, '{"msg": "Table x\\ndoes not exist"}'), "dnastack dc", stream=stream
    )

    assert code == EXIT_API
    assert stream.getvalue() == (
        "dnastack dc: GET http://127.0.0.1:9/data-connect/table/x/info -> HTTP 404 Not Found: "
        "Table x does not exist\n"
    )


def test_an_unexpected_error_says_so_and_points_at_debug() -> None:
    stream = io.StringIO()

    code = report_error(ZeroDivisionError("division by zero"), "dnastack x", stream=stream)

    assert code == EXIT_USAGE
    assert stream.getvalue() == (
        "dnastack x: internal error: ZeroDivisionError: division by zero "
        "(run with --debug for the trace)\n"
    )


def test_debug_prints_the_trace_before_the_line() -> None:
    stream = io.StringIO()
    try:
        raise ConfigurationError("broken")
    except ConfigurationError as error:
        report_error(error, "dnastack x", debug=True, stream=stream)

    text = stream.getvalue()
    assert text.startswith("Traceback") and text.endswith("dnastack x: broken\n")


def test_os_errors_name_the_file() -> None:
    assert one_line(FileNotFoundError(2, "No such file or directory", "q.sql")) == (
        "q.sql: No such file or directory"
    )


def test_an_in_process_run_leaves_the_dnastack_logger_as_it_was(cli: DnastackCli) -> None:
    logger = logging.getLogger("dnastack")
    before = (logger.level, list(logger.handlers))

    assert cli("--debug", "config", "show").exit_code == 0
    assert cli("config", "show").exit_code == 0

    assert (logger.level, list(logger.handlers)) == before
