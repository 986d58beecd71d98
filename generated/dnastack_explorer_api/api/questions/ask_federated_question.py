# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.federated_question_query_request import FederatedQuestionQueryRequest
from ...models.federated_question_query_response import FederatedQuestionQueryResponse
from ...types import Response, path_segment


def _get_kwargs(
    question_id: str,
    *,
    body: FederatedQuestionQueryRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/questions/{path_segment(str(question_id))}/query",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | FederatedQuestionQueryResponse | None:
    if response.status_code == 200:
        response_200 = FederatedQuestionQueryResponse.from_dict(response.json())

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
) -> Response[Error | FederatedQuestionQueryResponse]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "ask_federated_question", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FederatedQuestionQueryRequest,
) -> Response[Error | FederatedQuestionQueryResponse]:
    """Ask a federated question

     Runs the question with the given input values against the chosen collections (all of
    the question's collections when `collections` is absent). A collection that fails does
    not fail the request: its result has `status: error` and an `error` message.

    Args:
        question_id (str):
        body (FederatedQuestionQueryRequest): The input values, and optionally which collections
            to ask. Example: {'inputs': {'gene': 'BRCA1'}, 'collections':
            ['5b6f0c1e-0000-4000-8000-000000000001']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FederatedQuestionQueryResponse]
    """

    kwargs = _get_kwargs(
        question_id=question_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FederatedQuestionQueryRequest,
) -> Error | FederatedQuestionQueryResponse | None:
    """Ask a federated question

     Runs the question with the given input values against the chosen collections (all of
    the question's collections when `collections` is absent). A collection that fails does
    not fail the request: its result has `status: error` and an `error` message.

    Args:
        question_id (str):
        body (FederatedQuestionQueryRequest): The input values, and optionally which collections
            to ask. Example: {'inputs': {'gene': 'BRCA1'}, 'collections':
            ['5b6f0c1e-0000-4000-8000-000000000001']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FederatedQuestionQueryResponse
    """

    return sync_detailed(
        question_id=question_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FederatedQuestionQueryRequest,
) -> Response[Error | FederatedQuestionQueryResponse]:
    """Ask a federated question

     Runs the question with the given input values against the chosen collections (all of
    the question's collections when `collections` is absent). A collection that fails does
    not fail the request: its result has `status: error` and an `error` message.

    Args:
        question_id (str):
        body (FederatedQuestionQueryRequest): The input values, and optionally which collections
            to ask. Example: {'inputs': {'gene': 'BRCA1'}, 'collections':
            ['5b6f0c1e-0000-4000-8000-000000000001']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FederatedQuestionQueryResponse]
    """

    kwargs = _get_kwargs(
        question_id=question_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    question_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FederatedQuestionQueryRequest,
) -> Error | FederatedQuestionQueryResponse | None:
    """Ask a federated question

     Runs the question with the given input values against the chosen collections (all of
    the question's collections when `collections` is absent). A collection that fails does
    not fail the request: its result has `status: error` and an `error` message.

    Args:
        question_id (str):
        body (FederatedQuestionQueryRequest): The input values, and optionally which collections
            to ask. Example: {'inputs': {'gene': 'BRCA1'}, 'collections':
            ['5b6f0c1e-0000-4000-8000-000000000001']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FederatedQuestionQueryResponse
    """

    return (
        await asyncio_detailed(
            question_id=question_id,
            client=client,
            body=body,
        )
    ).parsed
