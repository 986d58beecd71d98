"""The one place that turns an exception into an exit code and a one-line message.

Exit codes (also in ``dnastack --help`` and the README)::

    0    success
    1    usage or configuration error (bad config file, unknown context or endpoint,
         missing setting, invalid value, a local file that cannot be read or written,
         an optional feature whose extra is not installed)
    2    invalid command line (unknown option, missing argument: click's own check)
    3    API, network or authentication error (non-2xx status, no response, login
         failed, a response that does not match the spec, a download that failed its
         checksum, contract violations)
    130  interrupted (Ctrl-C)

An expected failure prints ONE line on stderr, ``dnastack <command>: <what failed>``, where
the SDK's own messages already carry the method, the URL (query string stripped), the
status and the server's message. ``--debug`` adds the traceback.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from dnastack.exceptions import (
    AuthenticationError,
    ConfigurationError,
    DnastackError,
    HttpError,
    LocalFileError,
    LockTimeoutError,
    MissingEndpointError,
    MissingExtraError,
    ModelValidationError,
    ResponseParseError,
    TransportError,
)

__all__ = [
    "EXIT_API",
    "EXIT_CODES_HELP",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_USAGE_CLICK",
    "CommandError",
    "exit_code_for",
    "one_line",
    "report_error",
]

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_USAGE_CLICK = 2
EXIT_API = 3
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    success\n"
    "  1    usage or configuration error\n"
    "  2    invalid command line (unknown option, missing argument)\n"
    "  3    API, network or authentication error (incl. failed downloads and\n"
    "       contract violations)\n"
    "  130  interrupted"
)

_WHITESPACE = re.compile(r"\s+")

_CLI_HINTS: tuple[tuple[type[BaseException], str], ...] = (
    (
        MissingEndpointError,
        "on the command line: `dnastack use REGISTRY_URL` or `dnastack config endpoints add`",
    ),
)
"""What to do about an error, said in command-line terms, appended to its message."""


class CommandError(DnastackError):
    """A failure a command detected itself, with the exit code it should produce."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        self.exit_code = exit_code
        super().__init__(message)


def exit_code_for(error: BaseException) -> int:
    """The documented exit code for ``error`` (see the module docstring).

    Status, transport, authentication and parse errors are API errors (3); configuration
    errors and SDK errors that are also ``ValueError`` (an invalid DRS URI, a question
    parameter that fails validation, a model that does not validate) are usage errors (1);
    any other SDK error is an API error.
    """
    if isinstance(error, CommandError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, HttpError | TransportError | AuthenticationError | ResponseParseError):
        return EXIT_API
    if isinstance(
        error,
        ConfigurationError
        | ModelValidationError
        | LockTimeoutError
        | MissingExtraError
        | LocalFileError,  # a local file or folder, as a plain OSError below
    ):
        return EXIT_USAGE
    if isinstance(error, DnastackError):
        return EXIT_USAGE if isinstance(error, ValueError) else EXIT_API
    return EXIT_USAGE  # a local file or directory (OSError), or an internal error


def one_line(error: BaseException) -> str:
    """The error's message on one line (whitespace collapsed), never empty."""
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        text = f"{where}{error.strerror}"
    else:
        text = str(error)
    text = _WHITESPACE.sub(" ", text).strip() or type(error).__name__
    hints = [hint for kind, hint in _CLI_HINTS if isinstance(error, kind)]
    return "; ".join([text, *hints])


def report_error(
    error: BaseException, command: str, *, debug: bool = False, stream: TextIO | None = None
) -> int:
    """Print ``error`` as one line on ``stream`` (stderr), the trace with ``debug``; returns
    its exit code."""
    out = stream if stream is not None else sys.stderr
    if debug:
        import traceback

        traceback.print_exception(error, file=out)
    known = isinstance(error, DnastackError | OSError | KeyboardInterrupt)
    if isinstance(error, KeyboardInterrupt):
        message = "interrupted"
    elif known:
        message = one_line(error)
    else:
        message = f"internal error: {type(error).__name__}: {one_line(error)}"
        if not debug:
            message += " (run with --debug for the trace)"
    print(f"{command}: {message}", file=out, flush=True)
    return exit_code_for(error)
