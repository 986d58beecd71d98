"""Data Connect errors.

Besides :class:`QueryError`, the names of dnastack-client-library 3.x are kept, inside the
SDK's one tree, so that both ``except NotFoundError`` and ``except TableNotFoundError`` work:

=========================  ===============================================  =====================
class                      raised when                                      also an instance of
=========================  ===============================================  =====================
UnexpectedRequestError     base of the request errors below                 HttpError,
                                                                            DataConnectError
InvalidQueryError          a query's first request answered 400             ClientRequestError
InvalidDataLoadingError    a table's first data request answered 400        ClientRequestError
TableNotFoundError         404 for a table's info, data, or a query         NotFoundError
DataConnectRequestError    another 4xx (not 401, 403, 429) on a first read  ClientRequestError
DataConnectServerError     a 5xx on a query's or table's first read         ServerError
DataConversionError        a value does not convert per its ``data_model``  PageParseError
=========================  ===============================================  =====================

``DataConnectError`` (3.x ``dnastack.client.base_exceptions``) is the reference's class for a
Data Connect error other than 401/403; 401 and 403 keep ``UnauthorizedError`` /
``ForbiddenError`` (3.x ``UnauthenticatedApiAccessError`` / ``UnauthorizedApiAccessError``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnastack.client.pagination import IncompleteResultError, PageParseError
from dnastack.client.result_iterator import InactiveLoaderError
from dnastack.exceptions import (
    ClientRequestError,
    DnastackError,
    ForbiddenError,
    HttpError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
)
from dnastack.reference_errors import DataConnectError

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span

__all__ = [
    "DataConnectRequestError",
    "DataConnectServerError",
    "DataConversionError",
    "InactiveQuerySessionError",
    "InterruptedLoadingError",
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


class UnexpectedRequestError(HttpError, DataConnectError):
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


class DataConnectRequestError(ClientRequestError, UnexpectedRequestError):
    """The service answered another 4xx (not 400, 401, 403, 404, 429) to a first read."""


class DataConnectServerError(ServerError, UnexpectedRequestError):
    """The service answered a 5xx to a query's or a table's first read."""


class InterruptedLoadingError(DnastackError, RuntimeError):
    """The reference library's name for a row stream stopped early (not raised here: a
    result that cannot be read to its end raises :class:`QueryError`)."""


class InactiveQuerySessionError(InactiveLoaderError):
    """The reference library's name for reading an ended result loader (not raised here:
    a result read again raises :class:`~dnastack.exceptions.ResultConsumedError`)."""


class DataConversionError(PageParseError, RuntimeError):
    """A value that does not convert per the page's ``data_model`` (``__cause__`` says why)."""


_OWN_CLASS = (UnauthorizedError, ForbiddenError, RateLimitedError)
"""Statuses whose class stays the SDK's (the reference has its own names for 401 and 403)."""


def translate_first_request_error(error: HttpError, query: str | None) -> HttpError:
    """The reference library's class for a failed first request of a query or table read.

    A 400 becomes :class:`InvalidQueryError` (a query) or :class:`InvalidDataLoadingError`
    (table rows), a 404 :class:`TableNotFoundError`, another 4xx
    :class:`DataConnectRequestError`, a 5xx :class:`DataConnectServerError`; 401, 403 and 429
    keep their class.
    """
    if isinstance(error, (UnexpectedRequestError, *_OWN_CLASS)):
        return error
    if error.status_code == 400:
        if query is not None:
            return InvalidQueryError(error.response, error.trace, query=query)
        return InvalidDataLoadingError(error.response, error.trace)
    if error.status_code == 404:
        return TableNotFoundError(error.response, error.trace)
    if error.status_code >= 500:
        return DataConnectServerError(error.response, error.trace)
    if error.status_code >= 400:
        return DataConnectRequestError(error.response, error.trace)
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
