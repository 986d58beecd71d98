# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Errors raised by the API functions of this package."""

_EXCERPT_BYTES = 200


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnparseableResponse(Exception):
    """Raised when a response body does not match the spec: not JSON, a missing required field, a bad
    date-time or a value of the wrong type. Names the operation, the status and the cause."""

    def __init__(
        self, operation: str, status_code: int, cause: Exception, content: bytes = b""
    ):
        self.operation = operation
        self.status_code = status_code
        self.cause = cause
        self.content = content
        reason = (
            f"missing required field {cause}"
            if isinstance(cause, KeyError)
            else f"{type(cause).__name__}: {cause}"
        )
        excerpt = content[:_EXCERPT_BYTES].decode(errors="replace")
        super().__init__(
            f"{operation}: HTTP {status_code} response does not match the API specification ({reason});"
            f" body starts with {excerpt!r}"
        )


__all__ = ["UnexpectedStatus", "UnparseableResponse"]
