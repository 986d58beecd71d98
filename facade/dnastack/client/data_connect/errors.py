"""Data Connect errors.

Besides :class:`QueryError`, the names of dnastack-client-library 3.x are kept, inside the
SDK's one tree, so that both ``except NotFoundError`` and ``except TableNotFoundError`` work:

=========================  ===============================================  =====================
class                      raised when                                      also an instance of
=========================  ===============================================  =====================
UnexpectedRequestError     base of the request errors below                 HttpError (RuntimeError)
InvalidQueryError          a query's first request answered 400             ClientRequestError
InvalidDataLoadingError    a table's first data request answered 400        ClientRequestError
TableNotFoundError         404 for a table's info, data, or a query         NotFoundError
DataConversionError        a value does not convert per its ``data_model``  PageParseError
=========================  ===============================================  =====================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnastack.client.pagination import IncompleteResultError, PageParseError
from dnastack.exceptions import ClientRequestError, DnastackError, HttpError, NotFoundError

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span

__all__ = [
    "DataConversionError",
    "InvalidDataLoadingError",
    "InvalidQueryError",
    "PartitionReadError",
    "PartitionRefusedError",
    "QueryError",
    "TableNotFoundError",
    "UnexpectedRequestError",
    "translate_first_request_error",
]


class QueryError(IncompleteResultError):
    """A Data Connect result that could not be read to its end.

    Raised when a page reports ``errors`` (``errors`` holds them, as
    :class:`~dnastack.client.data_connect.Error`), or when a page after the first fails
    (``__cause__`` is the :class:`~dnastack.exceptions.HttpError` or
    :class:`~dnastack.exceptions.TransportError`). ``rows_so_far`` rows were delivered
    before it: the result is never silently truncated.
    """


class UnexpectedRequestError(HttpError):
    """A Data Connect request the service refused (the reference library's name)."""


class InvalidQueryError(ClientRequestError, UnexpectedRequestError):
    """The service answered 400 to a query (invalid SQL, unknown column...).

    Attributes:
        query: the SQL that was sent.
    """

    def __init__(
        self, response: httpx.Response, trace_context: Span | None = None, *, query: str = ""
    ) -> None:
        self.query = query
        super().__init__(response, trace_context)


class InvalidDataLoadingError(ClientRequestError, UnexpectedRequestError):
    """The service answered 400 to a request for a table's rows."""


class TableNotFoundError(NotFoundError, UnexpectedRequestError):
    """The service answered 404 for a table (its info, its data, or a query)."""


class DataConversionError(PageParseError, RuntimeError):
    """A value that does not convert per the page's ``data_model`` (``__cause__`` says why)."""


def translate_first_request_error(error: HttpError, query: str | None) -> HttpError:
    """The reference library's class for a failed first request of a query or table read.

    A 400 becomes :class:`InvalidQueryError` (a query) or :class:`InvalidDataLoadingError`
    (table rows), a 404 :class:`TableNotFoundError`; other statuses keep their class.
    """
    if isinstance(error, UnexpectedRequestError):
        return error
    if error.status_code == 400:
        if query is not None:
            return InvalidQueryError(error.response, error.trace, query=query)
        return InvalidDataLoadingError(error.response, error.trace)
    if error.status_code == 404:
        return TableNotFoundError(error.response, error.trace)
    return error


class PartitionRefusedError(DnastackError, ValueError):
    """A query that cannot be split into partitions honestly (the message says why):
    not one SELECT, duplicate output names, a partition column absent from the
    ``data_model`` or of a type the strategy cannot split, too many partitions."""


class PartitionReadError(DnastackError):
    """One partition of a partitioned read failed, after its retries.

    Attributes:
        partition: the partition's index (0-based).
        partitions: how many partitions the plan has.
        attempts: how many times it was read from its start.
    """

    def __init__(self, message: str, *, partition: int, partitions: int, attempts: int) -> None:
        self.partition = partition
        self.partitions = partitions
        self.attempts = attempts
        super().__init__(message)
