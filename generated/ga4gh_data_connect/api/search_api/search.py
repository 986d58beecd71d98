# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.search_request import SearchRequest
from ...models.table_data import TableData
from ...types import Response


def _get_kwargs(
    *,
    body: SearchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/search",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | TableData | None:
    if response.status_code == 200:
        response_200 = TableData.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | TableData]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "search", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> Response[Any | ErrorResponse | TableData]:
    """Run a SQL query

     Optional in the standard. Answers with the first page of the result.

    Args:
        body (SearchRequest): A SQL query, with values for its `?` placeholders. Example:
            {'query': 'SELECT region, cases FROM demo.public.cases WHERE region = ? AND cases > ?',
            'parameters': ['north', 10]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TableData]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> Any | ErrorResponse | TableData | None:
    """Run a SQL query

     Optional in the standard. Answers with the first page of the result.

    Args:
        body (SearchRequest): A SQL query, with values for its `?` placeholders. Example:
            {'query': 'SELECT region, cases FROM demo.public.cases WHERE region = ? AND cases > ?',
            'parameters': ['north', 10]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TableData
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> Response[Any | ErrorResponse | TableData]:
    """Run a SQL query

     Optional in the standard. Answers with the first page of the result.

    Args:
        body (SearchRequest): A SQL query, with values for its `?` placeholders. Example:
            {'query': 'SELECT region, cases FROM demo.public.cases WHERE region = ? AND cases > ?',
            'parameters': ['north', 10]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TableData]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> Any | ErrorResponse | TableData | None:
    """Run a SQL query

     Optional in the standard. Answers with the first page of the result.

    Args:
        body (SearchRequest): A SQL query, with values for its `?` placeholders. Example:
            {'query': 'SELECT region, cases FROM demo.public.cases WHERE region = ? AND cases > ?',
            'parameters': ['north', 10]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TableData
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
