# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_item_list_response import CollectionItemListResponse
from ...models.error import Error
from ...types import UNSET, Response, Unset, path_segment


def _get_kwargs(
    id: str,
    *,
    type_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["type"] = type_

    params["limit"] = limit

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/collection/{path_segment(str(id))}/items",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionItemListResponse | Error | None:
    if response.status_code == 200:
        response_200 = CollectionItemListResponse.from_dict(response.json())

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
) -> Response[CollectionItemListResponse | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "list_collection_items", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[CollectionItemListResponse | Error]:
    """List the items of a collection

     One page of items. Follow `pagination.nextPageUrl` (resolved against the URL of the
    page it came from) until it is null or absent.

    Args:
        id (str):
        type_ (str | Unset):
        limit (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionItemListResponse | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        type_=type_,
        limit=limit,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> CollectionItemListResponse | Error | None:
    """List the items of a collection

     One page of items. Follow `pagination.nextPageUrl` (resolved against the URL of the
    page it came from) until it is null or absent.

    Args:
        id (str):
        type_ (str | Unset):
        limit (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionItemListResponse | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        type_=type_,
        limit=limit,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[CollectionItemListResponse | Error]:
    """List the items of a collection

     One page of items. Follow `pagination.nextPageUrl` (resolved against the URL of the
    page it came from) until it is null or absent.

    Args:
        id (str):
        type_ (str | Unset):
        limit (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionItemListResponse | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        type_=type_,
        limit=limit,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> CollectionItemListResponse | Error | None:
    """List the items of a collection

     One page of items. Follow `pagination.nextPageUrl` (resolved against the URL of the
    page it came from) until it is null or absent.

    Args:
        id (str):
        type_ (str | Unset):
        limit (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionItemListResponse | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            type_=type_,
            limit=limit,
            page_token=page_token,
        )
    ).parsed
