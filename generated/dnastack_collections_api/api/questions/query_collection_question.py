# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_question_query_request import CollectionQuestionQueryRequest
from ...models.error import Error
from ...models.question_result_page import QuestionResultPage
from ...types import Response, path_segment


def _get_kwargs(
    id: str,
    question_id: str,
    *,
    body: CollectionQuestionQueryRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/collections/{path_segment(str(id))}/questions/{path_segment(str(question_id))}/query",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | QuestionResultPage | None:
    if response.status_code == 200:
        response_200 = QuestionResultPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | QuestionResultPage]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "query_collection_question", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    id: str,
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionQuestionQueryRequest,
) -> Response[Error | QuestionResultPage]:
    """Ask a question of a collection

     Runs the question with the given parameter values against the collection's tables.
    The answer is the first page of rows, in the Data Connect `TableData` form: follow
    `pagination.next_page_url` (resolved against the URL of the page it came from) with
    `GET` until it is null or absent.

    Args:
        id (str):
        question_id (str):
        body (CollectionQuestionQueryRequest): The parameter values to ask a question with.
            Example: {'params': {'gene': 'BRCA1'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | QuestionResultPage]
    """

    kwargs = _get_kwargs(
        id=id,
        question_id=question_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionQuestionQueryRequest,
) -> Error | QuestionResultPage | None:
    """Ask a question of a collection

     Runs the question with the given parameter values against the collection's tables.
    The answer is the first page of rows, in the Data Connect `TableData` form: follow
    `pagination.next_page_url` (resolved against the URL of the page it came from) with
    `GET` until it is null or absent.

    Args:
        id (str):
        question_id (str):
        body (CollectionQuestionQueryRequest): The parameter values to ask a question with.
            Example: {'params': {'gene': 'BRCA1'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | QuestionResultPage
    """

    return sync_detailed(
        id=id,
        question_id=question_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionQuestionQueryRequest,
) -> Response[Error | QuestionResultPage]:
    """Ask a question of a collection

     Runs the question with the given parameter values against the collection's tables.
    The answer is the first page of rows, in the Data Connect `TableData` form: follow
    `pagination.next_page_url` (resolved against the URL of the page it came from) with
    `GET` until it is null or absent.

    Args:
        id (str):
        question_id (str):
        body (CollectionQuestionQueryRequest): The parameter values to ask a question with.
            Example: {'params': {'gene': 'BRCA1'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | QuestionResultPage]
    """

    kwargs = _get_kwargs(
        id=id,
        question_id=question_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionQuestionQueryRequest,
) -> Error | QuestionResultPage | None:
    """Ask a question of a collection

     Runs the question with the given parameter values against the collection's tables.
    The answer is the first page of rows, in the Data Connect `TableData` form: follow
    `pagination.next_page_url` (resolved against the URL of the page it came from) with
    `GET` until it is null or absent.

    Args:
        id (str):
        question_id (str):
        body (CollectionQuestionQueryRequest): The parameter values to ask a question with.
            Example: {'params': {'gene': 'BRCA1'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | QuestionResultPage
    """

    return (
        await asyncio_detailed(
            id=id,
            question_id=question_id,
            client=client,
            body=body,
        )
    ).parsed
