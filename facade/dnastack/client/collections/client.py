"""``CollectionServiceClient``: DNAstack Collection Service 1.0 (collections and their items)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from dnastack.client.base import BaseServiceClient
from dnastack.client.collections.errors import InvalidApiResponse, UnknownCollectionError
from dnastack.client.collections.model import (
    Collection,
    CollectionItem,
    CollectionItemListOptions,
    CollectionStatus,
    CreateCollectionItemsRequest,
    DeleteCollectionItemRequest,
    Question,
    from_generated,
    to_generated,
)

# names the reference library's module also offers (importable, not exported)
from dnastack.client.collections.model import PageableApiError as PageableApiError
from dnastack.client.constants import register_service_client
from dnastack.client.pagination import Page, PageRequest, Paginator, load_json
from dnastack.client.result_iterator import ResultIterator
from dnastack.client.service_registry.models import ServiceType
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import ClientRequestError, NotFoundError, ResponseParseError
from dnastack.exceptions import HttpError as HttpError
from dnastack.http.urls import path_segment
from dnastack.reference_errors import UnauthenticatedApiAccessError as UnauthenticatedApiAccessError
from dnastack.reference_errors import UnauthorizedApiAccessError as UnauthorizedApiAccessError

ClientError = ClientRequestError
"""The reference library's name of :class:`~dnastack.exceptions.ClientRequestError`."""


def __getattr__(name: str) -> Any:
    if name == "DATA_CONNECT_TYPE_V1_0":  # the reference re-exports it; imported on use
        from dnastack.client.data_connect.client import DATA_CONNECT_TYPE_V1_0

        return DATA_CONNECT_TYPE_V1_0
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint
    from dnastack.common.tracing import Span

__all__ = [
    "COLLECTION_SERVICE_TYPE_V1_0",
    "EXPLORER_COLLECTION_SERVICE_TYPE_V1_0",
    "STANDARD_COLLECTION_SERVICE_TYPE_V1_0",
    "STANDARD_DATASOURCE_SERVICE_TYPE_V1_0",
    "CollectionServiceClient",
    "InvalidApiResponse",
    "UnknownCollectionError",
    "parse_item_page",
    "parse_question_result_page",
]

COLLECTION_SERVICE_TYPE_V1_0 = ServiceType(
    group="com.dnastack", artifact="collection-service", version="1.0.0"
)
STANDARD_COLLECTION_SERVICE_TYPE_V1_0 = COLLECTION_SERVICE_TYPE_V1_0
"""The reference library's name for :data:`COLLECTION_SERVICE_TYPE_V1_0`."""
STANDARD_DATASOURCE_SERVICE_TYPE_V1_0 = COLLECTION_SERVICE_TYPE_V1_0
"""The reference library's name (the same type) for its data source service."""
EXPLORER_COLLECTION_SERVICE_TYPE_V1_0 = ServiceType(
    group="com.dnastack.explorer", artifact="collection-service", version="1.0.0"
)
"""The type DNAstack Explorer deployments publish their collection service under."""
_logger = sdk_logger("dnastack.collections")
_DATA_CONNECT_TYPE = ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0")


def parse_item_page(content: bytes) -> Page[CollectionItem]:
    """Parse one ``CollectionItemListResponse`` page (next page: ``pagination.nextPageUrl``)."""
    from dnastack_collections_api.models.collection_item_list_response import (
        CollectionItemListResponse,
    )

    page, link = _parsed_page(
        content, CollectionItemListResponse, "listCollectionItems", "nextPageUrl"
    )
    return Page([from_generated(CollectionItem, item) for item in page.items], link)


def parse_question_result_page(content: bytes) -> Page[Any]:
    """Parse one page of a question's rows (Data Connect ``TableData`` form; next page:
    ``pagination.next_page_url``)."""
    from dnastack_collections_api.models.question_result_page import QuestionResultPage

    page, link = _parsed_page(
        content, QuestionResultPage, "queryCollectionQuestion", "next_page_url"
    )
    return Page(list(page.data), link)


def _parsed_page(
    content: bytes, generated: Any, operation: str, link_key: str
) -> tuple[Any, str | None]:
    """(the generated model of a page body, its next-page link or ``None``)."""
    what = generated.__name__
    document = load_json(content)
    if not isinstance(document, dict):
        raise ResponseParseError(f"{what}: expected a JSON object", operation=operation)
    try:
        page = generated.from_dict(document)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResponseParseError(
            f"{what} does not match the specification ({type(exc).__name__}: {exc})",
            operation=operation,
        ) from exc
    pagination = document.get("pagination")
    link = pagination.get(link_key) if isinstance(pagination, Mapping) else None
    return page, link if isinstance(link, str) and link else None


class CollectionServiceClient(BaseServiceClient):
    """Client for Collection API"""

    _generated_package = "dnastack_collections_api"

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type"""
        return "collections"

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        return [COLLECTION_SERVICE_TYPE_V1_0, EXPLORER_COLLECTION_SERVICE_TYPE_V1_0]

    # -- collections ----------------------------------------------------------------------

    def list_collections(
        self, no_auth: bool = False, trace: Span | None = None
    ) -> list[Collection]:
        """List all available collections"""
        from dnastack_collections_api.api.collections import list_collections

        found = self._call(list_collections.sync_detailed, trace=trace, no_auth=no_auth)
        return [from_generated(Collection, c) for c in _as_list(found, "listCollections")]

    def get(
        self, id_or_slug_name: str, no_auth: bool = False, trace: Span | None = None
    ) -> Collection:
        """Get a collection by ID or slug name

        Raises:
            UnknownCollectionError: no collection with that id or slug name (a
                :class:`~dnastack.exceptions.NotFoundError`).
            InvalidApiResponse: the answer is not a collection (a
                :class:`~dnastack.exceptions.ResponseParseError`).
        """
        from dnastack_collections_api.api.collections import get_collection
        from dnastack_collections_api.models.collection import Collection as GeneratedCollection

        try:
            found = self._call(
                get_collection.sync_detailed, trace=trace, no_auth=no_auth, id=id_or_slug_name
            )
            return from_generated(Collection, _expect(found, GeneratedCollection, "getCollection"))
        except NotFoundError as exc:
            raise UnknownCollectionError(id_or_slug_name, exc) from exc
        except ResponseParseError as exc:
            if type(exc) is not ResponseParseError:
                raise  # a more specific failure (too large, unsafe URL) keeps its type
            raise InvalidApiResponse(
                str(exc), operation=exc.operation, status_code=exc.status_code
            ) from exc

    def create_collection(self, collection: Collection, trace: Span | None = None) -> Collection:
        """Create a collection (the server assigns ``id``, timestamps and counts)."""
        from dnastack_collections_api.api.collections import create_collection
        from dnastack_collections_api.models.collection import Collection as GeneratedCollection

        created = self._call(
            create_collection.sync_detailed,
            trace=trace,
            body=to_generated(GeneratedCollection, collection),
        )
        return from_generated(Collection, _expect(created, GeneratedCollection, "createCollection"))

    def delete_collection(self, collection_id: str, trace: Span | None = None) -> None:
        """Delete a collection, by id or slug name (its tables and files are not touched)."""
        from dnastack_collections_api.api.collections import delete_collection

        self._call(delete_collection.sync_detailed, trace=trace, id=collection_id)

    def get_collection_status(
        self, collection_id_or_slug_name_or_db_schema_name: str, trace: Span | None = None
    ) -> CollectionStatus:
        """Get the status of a collection

        A status without ``availability`` or ``itemCounts`` (3.x-era services) is accepted,
        with one warning per service (:mod:`dnastack.client.collections.tolerance`).
        """
        from dnastack.client.collections.tolerance import tolerant_collection_status
        from dnastack_collections_api.models.collection_status import (
            CollectionStatus as GeneratedStatus,
        )

        collection = path_segment(collection_id_or_slug_name_or_db_schema_name)
        response = self._session().get(
            f"{self.url}collection/{collection}/status", trace_context=trace
        )
        document = tolerant_collection_status(load_json(response.content), self.url)
        if not isinstance(document, dict):
            raise ResponseParseError(
                "getCollectionStatus: expected a JSON object", operation="getCollectionStatus"
            )
        try:
            generated = GeneratedStatus.from_dict(document)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(
                f"CollectionStatus does not match the specification ({type(exc).__name__}: {exc})",
                operation="getCollectionStatus",
                status_code=response.status_code,
            ) from exc
        return from_generated(CollectionStatus, generated)

    # -- items ----------------------------------------------------------------------------

    def create_collection_items(
        self,
        collection_id_or_slug_name_or_db_schema_name: str,
        create_items_request: CreateCollectionItemsRequest,
        trace: Span | None = None,
    ) -> None:
        """Add items to a collection"""
        from dnastack_collections_api.api.items import add_collection_items
        from dnastack_collections_api.models.create_collection_items_request import (
            CreateCollectionItemsRequest as GeneratedRequest,
        )

        self._call(
            add_collection_items.sync_detailed,
            trace=trace,
            id=collection_id_or_slug_name_or_db_schema_name,
            body=to_generated(GeneratedRequest, create_items_request),
        )

    def delete_collection_items(
        self,
        collection_id_or_slug_name_or_db_schema_name: str,
        delete_items_request: DeleteCollectionItemRequest,
        trace: Span | None = None,
    ) -> None:
        """Delete items from a collection"""
        from dnastack_collections_api.api.items import delete_collection_items
        from dnastack_collections_api.models.delete_collection_item_request import (
            DeleteCollectionItemRequest as GeneratedRequest,
        )

        self._call(
            delete_collection_items.sync_detailed,
            trace=trace,
            id=collection_id_or_slug_name_or_db_schema_name,
            body=to_generated(GeneratedRequest, delete_items_request),
        )

    def list_collection_items(
        self,
        collection_id_or_slug_name_or_db_schema_name: str,
        list_options: CollectionItemListOptions | None = None,
        max_results: int | None = None,
        trace: Span | None = None,
    ) -> Iterator[CollectionItem]:
        """List all items in a collection

        Pages are followed lazily (``pagination.nextPageUrl``), the next one fetched while
        the current one is consumed.

        Args:
            list_options: item type filter and page size.
            max_results: stop after this many items (no further page is fetched).
        """
        collection = path_segment(collection_id_or_slug_name_or_db_schema_name)
        paginator: Paginator[CollectionItem] = Paginator(
            self._session(),
            PageRequest(
                url=f"{self.url}collection/{collection}/items",
                params=(list_options or CollectionItemListOptions()).as_query() or None,
            ),
            parse_item_page,
            trace=trace,
            polling=self._polling_policy(),
            what=f"items of collection {collection_id_or_slug_name_or_db_schema_name}",
        )
        items: Iterator[CollectionItem] = paginator.items()
        if max_results is not None:
            items = _limited(items, max_results, paginator)
        return ResultIterator(
            items, rows_so_far=lambda: paginator.rows_so_far, close=paginator.close
        )

    # -- questions ----------------------------------------------------------------------------

    def list_questions(
        self, collection_id_or_slug_name: str, no_auth: bool = False, trace: Span | None = None
    ) -> list[Question]:
        """List all questions for a collection

        Raises:
            UnknownCollectionError: the service answered 404 (no such collection).
        """
        from dnastack_collections_api.api.questions import list_collection_questions
        from dnastack_collections_api.models.collection_question_list import (
            CollectionQuestionList,
        )

        try:
            found = self._call(
                list_collection_questions.sync_detailed,
                trace=trace,
                no_auth=no_auth,
                id=collection_id_or_slug_name,
            )
        except NotFoundError as exc:
            raise UnknownCollectionError(collection_id_or_slug_name, exc) from exc
        listing = _expect(found, CollectionQuestionList, "listCollectionQuestions")
        return [from_generated(Question, question) for question in listing.items]

    def get_question(
        self,
        collection_id_or_slug_name: str,
        question_id: str,
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> Question:
        """Get details of a specific question

        Raises:
            UnknownCollectionError: the service answered 404 (no such collection, or no such
                question in it; the server's message says which), as the reference library.
        """
        from dnastack_collections_api.api.questions import get_collection_question
        from dnastack_collections_api.models.collection_question import CollectionQuestion

        try:
            found = self._call(
                get_collection_question.sync_detailed,
                trace=trace,
                no_auth=no_auth,
                id=collection_id_or_slug_name,
                question_id=question_id,
            )
        except NotFoundError as exc:
            raise UnknownCollectionError(collection_id_or_slug_name, exc) from exc
        return from_generated(Question, _expect(found, CollectionQuestion, "getCollectionQuestion"))

    def ask_question(
        self,
        collection_id_or_slug_name: str,
        question_id: str,
        params: dict[str, str],
        no_auth: bool = False,
        trace: Span | None = None,
    ) -> ResultIterator[dict[str, Any]]:
        """Execute a question with parameters and return a result iterator

        The rows (dicts) are fetched lazily, page by page (``pagination.next_page_url``).

        Args:
            params: value per parameter name (see :meth:`get_question`).

        Raises (while iterating):
            HttpError: the service refused the question (400: a bad parameter; 404: no such
                collection or question; 401/403: not allowed).
        """
        collection = path_segment(collection_id_or_slug_name)
        question = path_segment(question_id)
        paginator: Paginator[Any] = Paginator(
            self._session(no_auth),
            PageRequest(
                url=f"{self.url}collections/{collection}/questions/{question}/query",
                method="POST",
                json={"params": dict(params)},
            ),
            parse_question_result_page,
            trace=trace,
            polling=self._polling_policy(),
            what=f"question {question_id} of collection {collection_id_or_slug_name}",
        )
        return ResultIterator(
            paginator.items(), rows_so_far=lambda: paginator.rows_so_far, close=paginator.close
        )

    # -- telemetry ----------------------------------------------------------------------------

    def submit_telemetry(self, otlp_payload: dict[str, Any], trace: Span | None = None) -> None:
        """Submit an OTLP logs payload. Best-effort — callers should handle failures gracefully.

        Args:
            otlp_payload: an OTLP ``ExportLogsServiceRequest`` in its JSON encoding.

        Raises:
            HttpError: the service refused the payload; TransportError: no answer. (A 2xx
                answer whose body is not an OTLP response is accepted.)
        """
        from dnastack_collections_api.api.telemetry import submit_telemetry
        from dnastack_collections_api.models.otlp_logs_request import OtlpLogsRequest

        try:
            self._call(
                submit_telemetry.sync_detailed,
                trace=trace,
                body=OtlpLogsRequest.from_dict(dict(otlp_payload)),
            )
        except ResponseParseError:
            _logger.debug("the telemetry endpoint accepted the logs with a non-OTLP body")

    # -- Data Connect -----------------------------------------------------------------------

    def data_connect_endpoint(
        self, collection: str | Collection | None = None, no_auth: bool = False
    ) -> ServiceEndpoint:
        """Get the URL to the corresponding Data Connect endpoint

        Args:
            collection: The collection or collection ID (or slug name). It is optional and only
                used by the explorer: without it, the endpoint is the service's own
                ``data-connect/``.
            no_auth: Trigger this method without invoking authentication even if it is
                required (used when a collection id must be resolved to its slug name).

        Returns:
            A Data Connect endpoint (same authentication as this one) at
            ``{collections base}/collection/{slugName}/data-connect/``.
        """
        if collection is None:
            path, suffix = "data-connect/", "data-connect"
        else:
            slug = collection.slugName if isinstance(collection, Collection) else None
            if slug is None:
                slug = self.get(str(collection), no_auth=no_auth).slugName
            path = f"collection/{path_segment(slug)}/data-connect/"
            suffix = f"collection/{slug}/data-connect"
        return self.endpoint.copy(
            update={
                "id": f"{self.endpoint.id}/{suffix}",
                "url": f"{self.url}{path}",
                "type": _DATA_CONNECT_TYPE,
                "source": None,
            },
            deep=True,
        )


def _limited(items: Iterator[Any], limit: int, paginator: Paginator[Any]) -> Iterator[Any]:
    yield from itertools.islice(items, max(0, limit))
    paginator.close()


def _as_list(value: Any, operation: str) -> list[Any]:
    if not isinstance(value, list):
        raise ResponseParseError(f"{operation}: expected a list", operation=operation)
    return value


def _expect(value: Any, expected: type[Any], operation: str) -> Any:
    if not isinstance(value, expected):
        raise ResponseParseError(
            f"{operation}: expected a {expected.__name__}, got {type(value).__name__}",
            operation=operation,
        )
    return value


register_service_client(CollectionServiceClient)
