# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_access_urls_response import BulkAccessUrlsResponse
from ...models.bulk_object_access_id import BulkObjectAccessId
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: BulkObjectAccessId,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/objects/access",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BulkAccessUrlsResponse | Error | None:
    if response.status_code == 200:
        response_200 = BulkAccessUrlsResponse.from_dict(response.json())

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
) -> Response[Any | BulkAccessUrlsResponse | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "get_bulk_access_url", response.status_code, exc, response.content
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
    body: BulkObjectAccessId,
) -> Response[Any | BulkAccessUrlsResponse | Error]:
    """Get URLs for the bytes of several objects

     Bulk form of `GetAccessURL`/`PostAccessURL`: one or more access IDs per object. All
    objects in one request must accept the same passports or the same bearer token.

    Args:
        body (BulkObjectAccessId): Body of `GetBulkAccessURL`. Example: {'bulk_object_access_ids':
            [{'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']}, {'bulk_object_id':
            '3c1d8a2b', 'bulk_access_ids': ['gs-europe-west4']}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkAccessUrlsResponse | Error]
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
    body: BulkObjectAccessId,
) -> Any | BulkAccessUrlsResponse | Error | None:
    """Get URLs for the bytes of several objects

     Bulk form of `GetAccessURL`/`PostAccessURL`: one or more access IDs per object. All
    objects in one request must accept the same passports or the same bearer token.

    Args:
        body (BulkObjectAccessId): Body of `GetBulkAccessURL`. Example: {'bulk_object_access_ids':
            [{'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']}, {'bulk_object_id':
            '3c1d8a2b', 'bulk_access_ids': ['gs-europe-west4']}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkAccessUrlsResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectAccessId,
) -> Response[Any | BulkAccessUrlsResponse | Error]:
    """Get URLs for the bytes of several objects

     Bulk form of `GetAccessURL`/`PostAccessURL`: one or more access IDs per object. All
    objects in one request must accept the same passports or the same bearer token.

    Args:
        body (BulkObjectAccessId): Body of `GetBulkAccessURL`. Example: {'bulk_object_access_ids':
            [{'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']}, {'bulk_object_id':
            '3c1d8a2b', 'bulk_access_ids': ['gs-europe-west4']}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkAccessUrlsResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectAccessId,
) -> Any | BulkAccessUrlsResponse | Error | None:
    """Get URLs for the bytes of several objects

     Bulk form of `GetAccessURL`/`PostAccessURL`: one or more access IDs per object. All
    objects in one request must accept the same passports or the same bearer token.

    Args:
        body (BulkObjectAccessId): Body of `GetBulkAccessURL`. Example: {'bulk_object_access_ids':
            [{'bulk_object_id': '9f2c61e0', 'bulk_access_ids': ['s3-us-east-1']}, {'bulk_object_id':
            '3c1d8a2b', 'bulk_access_ids': ['gs-europe-west4']}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkAccessUrlsResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
