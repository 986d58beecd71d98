"""``Table``: one Data Connect table, its schema (``info``) and its rows (``data``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dnastack.client.base import normalize_base_url
from dnastack.client.data_connect.errors import QueryError
from dnastack.client.data_connect.models import TableInfo
from dnastack.client.data_connect.pages import TableDataParser
from dnastack.client.pagination import PageRequest, Paginator, PollingPolicy, load_json
from dnastack.client.result_iterator import ResultIterator
from dnastack.exceptions import ResponseParseError

if TYPE_CHECKING:
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
) -> ResultIterator[dict[str, Any]]:
    """A lazy row stream over ``TableData`` pages, starting with ``first``."""
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
        paginator.items(),
        data_model=lambda: paginator.last_meta,
        rows_so_far=lambda: paginator.rows_so_far,
        close=paginator.close,
    )


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
        self._info = info if info is not None and info.data_model is not None else None
        self._trace = trace
        self._polling = polling
        self._prefetch = prefetch

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

    def _table_url(self, leaf: str) -> str:
        return f"{self._url}table/{quote(self._name, safe='')}/{leaf}"

    def _http_session(self) -> HttpSession:
        if self._session is None:
            from dnastack.http.session import HttpSession

            self._session = HttpSession()
        return self._session

    def _fetch_info(self) -> TableInfo:
        from ga4gh_data_connect.models.table import Table as GeneratedTable

        response = self._http_session().get(self._table_url("info"), trace_context=self._trace)
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
