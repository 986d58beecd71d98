# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.drs_object import DrsObject
from ...models.drs_object_request import DrsObjectRequest
from ...models.error import Error
from ...types import Response, path_segment


def _get_kwargs(
    object_id: str,
    *,
    body: DrsObjectRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/objects/{path_segment(str(object_id))}",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | DrsObject | Error | None:
    if response.status_code == 200:
        response_200 = DrsObject.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | DrsObject | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "post_object", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    object_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DrsObjectRequest,
) -> Response[Any | DrsObject | Error]:
    """Get one object's metadata, authorizing with passports

     Same result as `GetObject`; POST so that GA4GH Passports can travel in the request
    body.

    Args:
        object_id (str):
        body (DrsObjectRequest): Body of `PostObject`. Example: {'expand': False, 'passports':
            ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJnYTRnaF9wYXNzcG9ydF92MSI6W119.c2lnbmF0dXJl']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DrsObject | Error]
    """

    kwargs = _get_kwargs(
        object_id=object_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    object_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DrsObjectRequest,
) -> Any | DrsObject | Error | None:
    """Get one object's metadata, authorizing with passports

     Same result as `GetObject`; POST so that GA4GH Passports can travel in the request
    body.

    Args:
        object_id (str):
        body (DrsObjectRequest): Body of `PostObject`. Example: {'expand': False, 'passports':
            ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJnYTRnaF9wYXNzcG9ydF92MSI6W119.c2lnbmF0dXJl']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DrsObject | Error
    """

    return sync_detailed(
        object_id=object_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    object_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DrsObjectRequest,
) -> Response[Any | DrsObject | Error]:
    """Get one object's metadata, authorizing with passports

     Same result as `GetObject`; POST so that GA4GH Passports can travel in the request
    body.

    Args:
        object_id (str):
        body (DrsObjectRequest): Body of `PostObject`. Example: {'expand': False, 'passports':
            ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJnYTRnaF9wYXNzcG9ydF92MSI6W119.c2lnbmF0dXJl']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DrsObject | Error]
    """

    kwargs = _get_kwargs(
        object_id=object_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    object_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DrsObjectRequest,
) -> Any | DrsObject | Error | None:
    """Get one object's metadata, authorizing with passports

     Same result as `GetObject`; POST so that GA4GH Passports can travel in the request
    body.

    Args:
        object_id (str):
        body (DrsObjectRequest): Body of `PostObject`. Example: {'expand': False, 'passports':
            ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJnYTRnaF9wYXNzcG9ydF92MSI6W119.c2lnbmF0dXJl']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DrsObject | Error
    """

    return (
        await asyncio_detailed(
            object_id=object_id,
            client=client,
            body=body,
        )
    ).parsed
