# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_object_id import BulkObjectId
from ...models.bulk_objects_response import BulkObjectsResponse
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BulkObjectId,
    expand: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["expand"] = expand

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/objects",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BulkObjectsResponse | Error | None:
    if response.status_code == 200:
        response_200 = BulkObjectsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | BulkObjectsResponse | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "get_bulk_objects", response.status_code, exc, response.content
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
    body: BulkObjectId,
    expand: bool | Unset = UNSET,
) -> Response[Any | BulkObjectsResponse | Error]:
    """Get the metadata of several objects

     Bulk form of `GetObject`/`PostObject`. All objects in one request must accept the
    same passports or the same bearer token.

    Args:
        expand (bool | Unset):
        body (BulkObjectId): Body of `GetBulkObjects`. Example: {'bulk_object_ids': ['9f2c61e0',
            '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkObjectsResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        expand=expand,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectId,
    expand: bool | Unset = UNSET,
) -> Any | BulkObjectsResponse | Error | None:
    """Get the metadata of several objects

     Bulk form of `GetObject`/`PostObject`. All objects in one request must accept the
    same passports or the same bearer token.

    Args:
        expand (bool | Unset):
        body (BulkObjectId): Body of `GetBulkObjects`. Example: {'bulk_object_ids': ['9f2c61e0',
            '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkObjectsResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        expand=expand,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectId,
    expand: bool | Unset = UNSET,
) -> Response[Any | BulkObjectsResponse | Error]:
    """Get the metadata of several objects

     Bulk form of `GetObject`/`PostObject`. All objects in one request must accept the
    same passports or the same bearer token.

    Args:
        expand (bool | Unset):
        body (BulkObjectId): Body of `GetBulkObjects`. Example: {'bulk_object_ids': ['9f2c61e0',
            '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkObjectsResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        expand=expand,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectId,
    expand: bool | Unset = UNSET,
) -> Any | BulkObjectsResponse | Error | None:
    """Get the metadata of several objects

     Bulk form of `GetObject`/`PostObject`. All objects in one request must accept the
    same passports or the same bearer token.

    Args:
        expand (bool | Unset):
        body (BulkObjectId): Body of `GetBulkObjects`. Example: {'bulk_object_ids': ['9f2c61e0',
            '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkObjectsResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            expand=expand,
        )
    ).parsed
