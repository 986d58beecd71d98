"""The SDK's one exception tree.

Every error the SDK raises derives from :class:`DnastackError`. Transport failures
(nothing came back) are separate from status failures (a response came back with a
non-2xx status), and each common status has its own subclass. Lower-layer errors are
translated at the boundary with ``raise ... from exc``; messages never contain secrets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dnastack.reference_errors import (
    ApiError,
    DependencyError,
    MissingResourceError,
    ServerApiError,
    UnauthenticatedApiAccessError,
    UnauthorizedApiAccessError,
)

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span

__all__ = [
    "AuthenticationError",
    "ClientRequestError",
    "ConfigurationError",
    "ConfigurationFileError",
    "DeadlineExceededError",
    "DnastackError",
    "ForbiddenError",
    "HttpError",
    "InsecureFileWarning",
    "LocalFileError",
    "LocalFileInUseError",
    "LockTimeoutError",
    "MissingEndpointError",
    "MissingExtraError",
    "ModelValidationError",
    "NotFoundError",
    "RateLimitedError",
    "ResponseParseError",
    "ResponseTooLargeError",
    "ResultConsumedError",
    "ServerError",
    "TransportError",
    "UnauthorizedError",
    "UnknownClientShortTypeError",
    "UnsafePathError",
    "UnsafeUrlError",
    "UnsupportedContentEncodingError",
    "UnsupportedModelVersionError",
    "format_field_path",
    "http_error_for",
    "safe_url",
]

_MAX_MESSAGE_CHARS = 500


class DnastackError(Exception):
    """Root of every error raised by the dnastack SDK."""


class ConfigurationError(DnastackError, RuntimeError):
    """General configuration error (bad file, missing setting, unknown context).

    A ``RuntimeError`` too, as in the reference library."""


class ConfigurationFileError(ConfigurationError):
    """A configuration or session file (or its folder) could not be read or written.

    ``path`` names the file or folder, ``reason`` the cause (e.g. "No space left on
    device") and ``errno`` the OS error number, when there is one. A failed write leaves
    the previous content of the file as it was.
    """

    def __init__(self, path: str, action: str, reason: str, errno: int | None = None) -> None:
        self.path = path
        self.action = action
        self.reason = reason
        self.errno = errno
        code = f" [errno {errno}]" if errno is not None else ""
        super().__init__(f"cannot {action} {path}: {reason}{code}")


class InsecureFileWarning(UserWarning):
    """A credential file or folder was open to other users; the SDK made it private.

    A warning (shown once per file by Python's default filter), not an error: the file is
    used after its mode is fixed. A file whose mode cannot be fixed is refused instead.
    """


class MissingEndpointError(ConfigurationError):
    """Raised when a request endpoint is not registered."""


class UnknownClientShortTypeError(ConfigurationError):
    """Raised when a given short service type is not recognized."""


class UnsupportedModelVersionError(ConfigurationError):
    """Raised when a configuration file uses a model version this SDK cannot read."""


class ModelValidationError(DnastackError, ValueError):
    """Data that does not fit a model; ``path`` locates the offending field.

    The message names the field and the expected type, never the offending value (it may
    be a secret).
    """

    def __init__(self, problem: str, *, path: tuple[str | int, ...] = (), model: str | None = None):
        self.problem = problem
        self.path = path
        self.model = model
        where = format_field_path(path)
        prefix = f"{model}." if model and where else (f"{model}: " if model else "")
        super().__init__(f"{prefix}{where}: {problem}" if where else f"{prefix}{problem}")


class LockTimeoutError(DnastackError, TimeoutError):
    """An inter-process file lock could not be acquired in time."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        super().__init__(
            f"could not lock {path} within {timeout:g} s: another dnastack process holds it; "
            "retry, or remove the .lock file if no other process is running"
        )


class LocalFileError(DnastackError):
    """A local file or folder could not be used (read-only, full, missing, wrong kind).

    ``path`` is the file or folder, ``reason`` says why, ``errno`` is the system's error
    number when there was one. Never a raw ``OSError``: the message always names the path.
    """

    def __init__(self, path: str, reason: str, *, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.errno = errno
        super().__init__(f"{path}: {reason}")


class UnsafePathError(LocalFileError):
    """A local path was refused: a symbolic or hard link, not a regular file (a folder, a
    FIFO, a device), or a way out of the target folder. Nothing was written through it."""


class LocalFileInUseError(LocalFileError):
    """Another process (or another download in this one) is writing the same file."""


class MissingExtraError(DnastackError, ImportError, DependencyError):
    """An optional feature whose extra is not installed; the message names the pip command.

    Also the reference library's ``DependencyError`` (``dnastack.common.exceptions``)."""


class ResultConsumedError(DnastackError, RuntimeError):
    """A single-pass result used again after rows were read from it (run the query again)."""


class TransportError(DnastackError):
    """The request did not get a response: connection, TLS, timeout or protocol failure."""

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        self.method = method
        self.url = url
        where = f"{method} {url}: " if method and url else ""
        super().__init__(f"{where}{message}")


class DeadlineExceededError(TransportError):
    """A request (headers and body) did not complete within its total deadline
    (``request_deadline``), e.g. a server trickling bytes; ``.deadline`` in seconds."""

    def __init__(
        self, message: str, *, deadline: float, method: str | None = None, url: str | None = None
    ) -> None:
        self.deadline = deadline
        super().__init__(message, method=method, url=url)


class AuthenticationError(DnastackError, RuntimeError):
    """Authentication Error: no valid credentials could be obtained for an endpoint.

    A ``RuntimeError`` too, as in the reference library."""


class ResponseParseError(DnastackError):
    """A response body that does not match the API specification."""

    def __init__(
        self, message: str, *, operation: str | None = None, status_code: int | None = None
    ) -> None:
        self.operation = operation
        self.status_code = status_code
        super().__init__(message)


class ResponseTooLargeError(ResponseParseError):
    """A response body whose decoded size passed ``max_response_bytes`` (stopped while
    reading); ``.url`` (query string stripped) and ``.limit`` in bytes."""

    def __init__(self, message: str, *, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        super().__init__(message)


class UnsupportedContentEncodingError(ResponseParseError):
    """A response whose ``Content-Encoding`` names a coding the SDK does not decode (``br``,
    ``zstd``, ``compress``, an unknown token); its body is not read as data. ``.url`` (query
    string stripped), ``.coding`` (the first coding not decoded), ``.encoding`` (the header
    as sent; both shortened), ``.status_code``."""

    def __init__(
        self, message: str, *, url: str, coding: str, encoding: str, status_code: int | None
    ) -> None:
        self.url = url
        self.coding = coding
        self.encoding = encoding
        super().__init__(message, status_code=status_code)


class UnsafeUrlError(ResponseParseError):
    """A URL sent by a server (next page, redirect, access URL) that the SDK does not follow:
    a scheme other than http/https, or no host. ``.url`` is shown without query string."""

    def __init__(self, message: str, *, url: str) -> None:
        self.url = url
        super().__init__(message)


class HttpError(DnastackError, ApiError):
    """A response with a non-2xx status (a ``RuntimeError`` too, as in the reference library).

    Also the reference's ``ApiError`` (``.status``, ``.details``); the status classes below
    are its ``UnauthenticatedApiAccessError`` (401), ``UnauthorizedApiAccessError`` (403),
    ``MissingResourceError`` (404) and ``ServerApiError`` (5xx), see
    :mod:`dnastack.reference_errors`.

    Carries the method, the URL (query string and credentials stripped), the status, the
    server's own message and the request id when the server sent one.
    """

    response: httpx.Response
    trace: Span | None

    def __init__(self, response: httpx.Response, trace_context: Span | None = None) -> None:
        self.response = response
        self.trace = trace_context
        request = response.request
        self.method: str = request.method
        self.url: str = safe_url(request.url)
        self.status_code: int = response.status_code
        self.request_id: str | None = response.headers.get("x-request-id")
        self.server_message: str | None = _server_message(response)
        super().__init__(self._describe())

    def _describe(self) -> str:
        text = f"{self.method} {self.url} -> HTTP {self.status_code}"
        reason = self.response.reason_phrase
        if reason:
            text += f" {reason}"
        if self.server_message:
            text += f": {self.server_message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text


class ClientRequestError(HttpError):
    """A 4xx response."""


class UnauthorizedError(ClientRequestError, UnauthenticatedApiAccessError):
    """A 401 response."""


class ForbiddenError(ClientRequestError, UnauthorizedApiAccessError):
    """A 403 response."""


class NotFoundError(ClientRequestError, MissingResourceError):
    """A 404 response."""


class RateLimitedError(ClientRequestError):
    """A 429 response."""


class ServerError(HttpError, ServerApiError):
    """A 5xx response."""


_BY_STATUS: dict[int, type[HttpError]] = {
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitedError,
}


def http_error_for(response: httpx.Response, trace_context: Span | None = None) -> HttpError:
    """Build the most specific :class:`HttpError` subclass for ``response``."""
    status = response.status_code
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else ClientRequestError if status >= 400 else HttpError
    return cls(response, trace_context)


def format_field_path(path: tuple[str | int, ...]) -> str:
    """Render a field path: ``("contexts", "a", "endpoints", 0)`` -> ``contexts.a.endpoints[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def safe_url(url: httpx.URL | str) -> str:
    """The URL without userinfo, query string or fragment (they may carry secrets)."""
    import httpx

    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
        if not (parsed.userinfo or parsed.query or parsed.fragment):
            return str(parsed)  # nothing to strip (the common case: no re-parsing)
        return str(parsed.copy_with(username=None, password=None, query=None, fragment=None))
    except httpx.InvalidURL:
        return "<unparseable URL>"


def _server_message(response: httpx.Response) -> str | None:
    """Best-effort extraction of the server's error message from the body."""
    try:
        body: Any = response.json()
    except Exception:  # noqa: BLE001 - any undecodable body falls back to text
        try:
            text = response.text.strip()
        except Exception:  # noqa: BLE001 - a streamed body may be unread
            return None
        return text[:_MAX_MESSAGE_CHARS] or None
    return _message_from_json(body)


def _message_from_json(body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("msg", "message", "error_description", "detail", "title"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value[:_MAX_MESSAGE_CHARS]
        error = body.get("error")
        if isinstance(error, str):
            return error[:_MAX_MESSAGE_CHARS]
        if isinstance(error, dict):
            return _message_from_json(error)
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            return _message_from_json(errors[0])
    return None
