# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_url import AccessURL
from ...models.error import Error
from ...types import Response, path_segment


def _get_kwargs(
    object_id: str,
    access_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/objects/{path_segment(str(object_id))}/access/{path_segment(str(access_id))}",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessURL | Any | Error | None:
    if response.status_code == 200:
        response_200 = AccessURL.from_dict(response.json())

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
) -> Response[AccessURL | Any | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "get_access_url", response.status_code, exc, response.content
        ) from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    object_id: str,
    access_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccessURL | Any | Error]:
    """Get a URL for an object's bytes

     Turns an `access_id` from one of the object's access methods into an `AccessURL`
    (for example a short-lived signed URL). Only needed for access methods that carry an
    `access_id` instead of an `access_url`.

    Args:
        object_id (str):
        access_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessURL | Any | Error]
    """

    kwargs = _get_kwargs(
        object_id=object_id,
        access_id=access_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    object_id: str,
    access_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AccessURL | Any | Error | None:
    """Get a URL for an object's bytes

     Turns an `access_id` from one of the object's access methods into an `AccessURL`
    (for example a short-lived signed URL). Only needed for access methods that carry an
    `access_id` instead of an `access_url`.

    Args:
        object_id (str):
        access_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessURL | Any | Error
    """

    return sync_detailed(
        object_id=object_id,
        access_id=access_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    object_id: str,
    access_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccessURL | Any | Error]:
    """Get a URL for an object's bytes

     Turns an `access_id` from one of the object's access methods into an `AccessURL`
    (for example a short-lived signed URL). Only needed for access methods that carry an
    `access_id` instead of an `access_url`.

    Args:
        object_id (str):
        access_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessURL | Any | Error]
    """

    kwargs = _get_kwargs(
        object_id=object_id,
        access_id=access_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    object_id: str,
    access_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AccessURL | Any | Error | None:
    """Get a URL for an object's bytes

     Turns an `access_id` from one of the object's access methods into an `AccessURL`
    (for example a short-lived signed URL). Only needed for access methods that carry an
    `access_id` instead of an `access_url`.

    Args:
        object_id (str):
        access_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessURL | Any | Error
    """

    return (
        await asyncio_detailed(
            object_id=object_id,
            access_id=access_id,
            client=client,
        )
    ).parsed
