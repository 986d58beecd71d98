"""``Table``: one Data Connect table, its schema (``info``) and its rows (``data``)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any

from dnastack.client.base import normalize_base_url
from dnastack.client.data_connect.conversion import ValueConversionError
from dnastack.client.data_connect.errors import (
    DataConversionError,
    QueryError,
    translate_first_request_error,
)
from dnastack.client.data_connect.models import TableInfo
from dnastack.client.data_connect.pages import TableDataParser
from dnastack.client.flows import Flow, Send
from dnastack.client.pagination import (
    PageParseError,
    PageRequest,
    Paginator,
    PollingPolicy,
    load_json,
)
from dnastack.client.result_iterator import ResultIterator
from dnastack.exceptions import DnastackError, HttpError, NotFoundError, ResponseParseError
from dnastack.http.urls import path_segment

if TYPE_CHECKING:
    from dnastack.client.data_connect.client import DataConnectClient
    from dnastack.client.data_connect.partition_source import CredentialsProvider
    from dnastack.client.data_connect.partitions import Strategy
    from dnastack.common.tracing import Span
    from dnastack.http.session import HttpSession

__all__ = ["Table", "stream_rows"]


def stream_rows(
    session: HttpSession,
    first: PageRequest,
    *,
    convert_types: bool = True,
    trace: Span | None = None,
    polling: PollingPolicy | None = None,
    prefetch: bool = True,
    what: str = "query",
    query: str | None = None,
) -> ResultIterator[dict[str, Any]]:
    """A lazy row stream over ``TableData`` pages, starting with ``first``.

    ``query`` (the SQL, for a search) names the reference library's error classes: a
    failed first request raises :class:`InvalidQueryError`, :class:`InvalidDataLoadingError`
    or :class:`TableNotFoundError` (see :mod:`dnastack.client.data_connect.errors`).
    """
    paginator: Paginator[dict[str, Any]] = Paginator(
        session,
        first,
        TableDataParser(convert_types),
        trace=trace,
        polling=polling,
        error_class=QueryError,
        prefetch=prefetch,
        what=what,
    )
    return ResultIterator(
        chain.from_iterable(_item_lists(paginator, query)),
        data_model=lambda: paginator.last_meta,
        rows_so_far=lambda: paginator.rows_so_far,
        close=paginator.close,
    )


def _item_lists(paginator: Paginator[dict[str, Any]], query: str | None) -> Iterator[list[Any]]:
    """The pages' row lists; errors get the reference library's classes (per page, not
    per row: the rows themselves still stream at C speed through ``chain``)."""
    try:
        for page in paginator.pages():
            items = page.items
            del page  # no reference to a consumed page while the next one is awaited
            yield items
            del items
    except (HttpError, PageParseError) as exc:
        translated = row_stream_error(exc, query)
        if translated is None:
            raise
        raise translated[0] from translated[1]


def row_stream_error(
    exc: BaseException, query: str | None
) -> tuple[DnastackError, BaseException] | None:
    """(error to raise, its cause) for a failure of a row stream, or None to keep ``exc``:
    the reference library's classes for a failed first request, ``DataConversionError``
    for a value that does not convert (shared by the sync and asyncio streams)."""
    if isinstance(exc, HttpError):  # only the first request raises it (later: QueryError)
        return translate_first_request_error(exc, query), exc
    if isinstance(exc, PageParseError) and isinstance(exc.__cause__, ValueConversionError):
        error = DataConversionError(
            str(exc.__cause__),
            rows_so_far=exc.rows_so_far,
            url=exc.url,
            status_code=exc.status_code,
        )
        return error, exc.__cause__
    return None


class Table:
    """Table API Wrapper

    Args:
        table_name: the table's name, as listed by the service.
        url: the Data Connect base URL.
        http_session: the session to send requests with (a new unauthenticated one when
            not given; :meth:`DataConnectClient.table` passes the client's).
    """

    def __init__(
        self,
        table_name: str,
        url: str,
        http_session: HttpSession | None = None,
        *,
        info: TableInfo | None = None,
        trace: Span | None = None,
        polling: PollingPolicy | None = None,
        prefetch: bool = True,
    ) -> None:
        self._name = table_name
        self._url = normalize_base_url(url)
        self._session = http_session
        self._info = info if info is not None and info.data_model else None
        self._trace = trace
        self._polling = polling
        self._prefetch = prefetch
        self._client: DataConnectClient | None = None

    @property
    def name(self) -> str:
        """The name of the table"""
        return self._name

    @property
    def info(self) -> TableInfo:
        """The information of the table, such as schema (fetched once, then kept)."""
        if self._info is None:
            self._info = self._fetch_info()
        return self._info

    @property
    def data(self) -> ResultIterator[dict[str, Any]]:
        """The iterator to the data in the table (a new lazy stream on each access)."""
        return stream_rows(
            self._http_session(),
            PageRequest(url=self._table_url("data")),
            trace=self._trace,
            polling=self._polling,
            prefetch=self._prefetch,
            what=f"table {self._name} data",
        )

    def to_dask(
        self,
        partition_column: str,
        partitions: int,
        *,
        strategy: Strategy = "range",
        credentials: CredentialsProvider | None = None,
    ) -> Any:
        """The table's rows as a ``dask.dataframe.DataFrame`` of ``partitions`` sub-queries
        over ``partition_column`` (see :meth:`DataConnectClient.partition_query`; needs
        the ``dask`` extra)."""
        client = self._client
        if client is None:
            from dnastack.client.data_connect.client import DataConnectClient
            from dnastack.client.models import ServiceEndpoint

            client = self._client = DataConnectClient(ServiceEndpoint(url=self._url))
        plan = client.partition_query(
            f"SELECT * FROM {self._name}",
            partition_column=partition_column,
            partitions=partitions,
            strategy=strategy,
            credentials=credentials,
        )
        return plan.to_dask()

    def _table_url(self, leaf: str) -> str:
        return f"{self._url}table/{path_segment(self._name)}/{leaf}"

    def _http_session(self) -> HttpSession:
        if self._session is None:
            from dnastack.http.session import HttpSession

            self._session = HttpSession()
        return self._session

    def _fetch_info(self) -> TableInfo:
        import time

        from dnastack.client.flows import run_flow

        session = self._http_session()
        return run_flow(self.info_flow(), lambda no_auth: session, time.sleep)

    def info_flow(self) -> Flow[TableInfo]:
        """The ``getTable`` request and parsing, I/O-free (driven by :attr:`info` and by
        :class:`~dnastack.aio.data_connect.AsyncTable`)."""
        from ga4gh_data_connect.models.table import Table as GeneratedTable

        try:
            response = yield Send("GET", self._table_url("info"), trace=self._trace)
        except NotFoundError as exc:
            raise translate_first_request_error(exc, None) from exc
        try:
            document = load_json(response.content)
            return TableInfo.from_generated(GeneratedTable.from_dict(document))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(
                f"getTable: the table info of {self._name!r} does not match the specification "
                f"({type(exc).__name__}: {exc})",
                operation="getTable",
                status_code=response.status_code,
            ) from exc

    def __repr__(self) -> str:
        return f"Table(name={self._name!r})"
