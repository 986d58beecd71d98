"""The reference library's (dnastack-client-library 3.x) HTTP error names, as bases of our tree.

3.x raises ``UnauthenticatedApiAccessError`` on a 401, ``UnauthorizedApiAccessError`` on a
403, ``MissingResourceError`` (``TableNotFoundError``) on a 404, ``ApiError`` /
``DataConnectError`` for the rest; scripts name them in ``except`` clauses. ``except`` matches
by inheritance only, so each name is a base class of the SDK's own status class:

=============================  ============================================================
3.x name (``dnastack.client.base_exceptions``)   base of (``dnastack.exceptions``)
=============================  ============================================================
ApiError                       HttpError (every non-2xx response)
UnauthenticatedApiAccessError  UnauthorizedError (401)
UnauthorizedApiAccessError     ForbiddenError (403)
MissingResourceError           NotFoundError (404)
ServerApiError                 ServerError (5xx)
DataConnectError               UnexpectedRequestError (Data Connect requests)
=============================  ============================================================

Each is a ``RuntimeError`` (as in 3.x) and keeps the 3.x constructor and attributes
(``status``, ``details``, ``summary``, ``urls``) for code that builds or reads them; an
error the SDK builds from a response answers them from the response. Nothing here imports
the rest of the SDK (``dnastack.exceptions`` imports this module).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ApiError",
    "DataConnectError",
    "DependencyError",
    "MissingResourceError",
    "ServerApiError",
    "UnauthenticatedApiAccessError",
    "UnauthorizedApiAccessError",
]


class _ReferenceHttpError(RuntimeError):
    """3.x's status/details/summary/urls, read from the SDK's response or the 3.x arguments."""

    _legacy: dict[str, Any]

    def __init__(self, *args: Any) -> None:
        if not hasattr(self, "_legacy"):
            self._legacy = {}
        super().__init__(*args)

    def _from_response(self) -> bool:
        return getattr(self, "response", None) is not None

    @property
    def status(self) -> int | None:
        """The HTTP status (3.x name of ``status_code``)."""
        if self._from_response():
            status: int = self.response.status_code  # type: ignore[attr-defined]
            return status
        value = self._legacy.get("status")
        return value if isinstance(value, int) else None

    @property
    def details(self) -> Any:
        """The response body (3.x name)."""
        if self._from_response():
            try:
                return self.response.text  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - a streamed body may be unread
                return None
        return self._legacy.get("details")

    @property
    def summary(self) -> str | None:
        """The server's message (3.x ``DataConnectError.summary``)."""
        if self._from_response():
            message: str | None = getattr(self, "server_message", None)
            return message
        value = self._legacy.get("summary")
        return None if value is None else str(value)

    @property
    def urls(self) -> list[str]:
        """The URLs the failing request sequence visited (3.x ``DataConnectError.urls``)."""
        if self._from_response():
            url = getattr(self, "url", None)
            return [url] if url else []
        return list(self._legacy.get("urls") or [])


class ApiError(_ReferenceHttpError):
    """Raised when the server responds an error for unexpected reason.

    Built by the SDK from a response (as an ``HttpError``), or by 3.x code as
    ``ApiError(url, response_status, response_body)`` (``PageableApiError`` adds ``urls``).
    """

    def __init__(self, *args: Any) -> None:
        if self._from_response() or len(args) not in (3, 4):
            super().__init__(*args)
            return
        url, status, body = args[:3]
        urls = list(args[3] or []) if len(args) == 4 else [url]
        self._legacy = {"status": status, "details": body, "urls": urls}
        self.url = url
        super().__init__(f"HTTP {status} from {url}: {body}")


class UnauthenticatedApiAccessError(_ReferenceHttpError):
    """Raised when the access to the API requires an authentication (HTTP 401)."""

    def __init__(self, *args: Any) -> None:
        if not self._from_response() and len(args) == 1 and isinstance(args[0], str):
            args = (f"Unauthenticated Access: {args[0]}",)
        super().__init__(*args)


class UnauthorizedApiAccessError(_ReferenceHttpError):
    """Raised when the access to the API is denied (HTTP 403)."""

    def __init__(self, *args: Any) -> None:
        if not self._from_response() and len(args) == 1 and isinstance(args[0], str):
            args = (f"Unauthorized Access: {args[0]}",)
        super().__init__(*args)


class MissingResourceError(_ReferenceHttpError):
    """Raised when the requested resource is not found (HTTP 404)."""


class ServerApiError(_ReferenceHttpError):
    """Raised when the server fails (HTTP 5xx)."""


class DataConnectError(_ReferenceHttpError):
    """Raised when a Data Connect service answers an error.

    3.x code builds it as ``DataConnectError(summary, response_status, details=None,
    urls=None, url=None)``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self._from_response():
            super().__init__(*args)
            return
        names = ("summary", "response_status", "details", "urls", "url")
        given = dict(zip(names, args, strict=False)) | kwargs
        summary = given.get("summary") or given.get("details")
        urls = [u for u in given.get("urls") or [] if u]
        if given.get("url"):
            urls.append(given["url"])
        self._legacy = {
            "status": given.get("response_status"),
            "summary": summary,
            "details": given.get("details") if summary != given.get("details") else None,
            "urls": urls,
        }
        status = given.get("response_status")
        super().__init__(f"HTTP {status}: {summary}" if summary else f"HTTP {status}")


class DependencyError(RuntimeError):
    """An optional dependency is not installed (3.x ``dnastack.common.exceptions``); the SDK's
    ``MissingExtraError`` is one. ``DependencyError(*package_names)`` names the pip command."""

    def __init__(self, *package_names: str) -> None:
        self.package_names = package_names
        super().__init__(*package_names)

    def __str__(self) -> str:
        names = getattr(self, "package_names", ())
        if not names:
            return super().__str__()
        command = " ".join(["pip3", "install", *(f'"{name}"' for name in names)])
        quantifier = "dependency" if len(names) == 1 else "dependencies"
        return f"To install the missing {quantifier}, please run: {command}"
