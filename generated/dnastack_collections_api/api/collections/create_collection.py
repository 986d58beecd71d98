# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection import Collection
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: Collection,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/collections",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Collection | Error | None:
    if response.status_code == 200:
        response_200 = Collection.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Collection.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Collection | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "create_collection", response.status_code, exc, response.content
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
    body: Collection,
) -> Response[Collection | Error]:
    """Create a collection

     The server assigns `id`, timestamps and counts; a client sends at least `name` and `slugName`.

    Args:
        body (Collection): A named group of tables and files. Only `name` and `slugName` are
            needed to create one. Example: {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'name':
            'COVID-19 cases', 'slugName': 'covid-cases', 'metadata': {'owner': 'demo'}, 'description':
            'Daily case counts by region.', 'itemsQuery': 'SELECT * FROM demo.public.cases', 'tags':
            [{'id': 'tag-1', 'label': 'public'}], 'createdAt': '2024-05-01T10:00:00+00:00',
            'updatedAt': '2024-05-02T10:00:00+00:00', 'dbSchemaName': 'covid_cases', 'itemsChangedAt':
            '2024-05-02T09:00:00+00:00', 'latestItemUpdatedTime': '2024-05-02T08:00:00+00:00',
            'accessTypeLabels': {'public': 'Open access'}, 'itemCounts': {'table': 2, 'blob': 1}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Collection | Error]
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
    body: Collection,
) -> Collection | Error | None:
    """Create a collection

     The server assigns `id`, timestamps and counts; a client sends at least `name` and `slugName`.

    Args:
        body (Collection): A named group of tables and files. Only `name` and `slugName` are
            needed to create one. Example: {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'name':
            'COVID-19 cases', 'slugName': 'covid-cases', 'metadata': {'owner': 'demo'}, 'description':
            'Daily case counts by region.', 'itemsQuery': 'SELECT * FROM demo.public.cases', 'tags':
            [{'id': 'tag-1', 'label': 'public'}], 'createdAt': '2024-05-01T10:00:00+00:00',
            'updatedAt': '2024-05-02T10:00:00+00:00', 'dbSchemaName': 'covid_cases', 'itemsChangedAt':
            '2024-05-02T09:00:00+00:00', 'latestItemUpdatedTime': '2024-05-02T08:00:00+00:00',
            'accessTypeLabels': {'public': 'Open access'}, 'itemCounts': {'table': 2, 'blob': 1}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Collection | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Collection,
) -> Response[Collection | Error]:
    """Create a collection

     The server assigns `id`, timestamps and counts; a client sends at least `name` and `slugName`.

    Args:
        body (Collection): A named group of tables and files. Only `name` and `slugName` are
            needed to create one. Example: {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'name':
            'COVID-19 cases', 'slugName': 'covid-cases', 'metadata': {'owner': 'demo'}, 'description':
            'Daily case counts by region.', 'itemsQuery': 'SELECT * FROM demo.public.cases', 'tags':
            [{'id': 'tag-1', 'label': 'public'}], 'createdAt': '2024-05-01T10:00:00+00:00',
            'updatedAt': '2024-05-02T10:00:00+00:00', 'dbSchemaName': 'covid_cases', 'itemsChangedAt':
            '2024-05-02T09:00:00+00:00', 'latestItemUpdatedTime': '2024-05-02T08:00:00+00:00',
            'accessTypeLabels': {'public': 'Open access'}, 'itemCounts': {'table': 2, 'blob': 1}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Collection | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: Collection,
) -> Collection | Error | None:
    """Create a collection

     The server assigns `id`, timestamps and counts; a client sends at least `name` and `slugName`.

    Args:
        body (Collection): A named group of tables and files. Only `name` and `slugName` are
            needed to create one. Example: {'id': '5b6f0c1e-0000-4000-8000-000000000001', 'name':
            'COVID-19 cases', 'slugName': 'covid-cases', 'metadata': {'owner': 'demo'}, 'description':
            'Daily case counts by region.', 'itemsQuery': 'SELECT * FROM demo.public.cases', 'tags':
            [{'id': 'tag-1', 'label': 'public'}], 'createdAt': '2024-05-01T10:00:00+00:00',
            'updatedAt': '2024-05-02T10:00:00+00:00', 'dbSchemaName': 'covid_cases', 'itemsChangedAt':
            '2024-05-02T09:00:00+00:00', 'latestItemUpdatedTime': '2024-05-02T08:00:00+00:00',
            'accessTypeLabels': {'public': 'Open access'}, 'itemCounts': {'table': 2, 'blob': 1}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Collection | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
