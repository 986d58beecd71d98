# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_authorizations_response import BulkAuthorizationsResponse
from ...models.bulk_object_id_no_passport import BulkObjectIdNoPassport
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: BulkObjectIdNoPassport,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "options",
        "url": "/objects",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BulkAuthorizationsResponse | Error | None:
    if response.status_code == 200:
        response_200 = BulkAuthorizationsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = cast(Any, None)
        return response_405

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
) -> Response[Any | BulkAuthorizationsResponse | Error]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "options_bulk_object", response.status_code, exc, response.content
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
    body: BulkObjectIdNoPassport,
) -> Response[Any | BulkAuthorizationsResponse | Error]:
    """Ask how requests for several objects must be authorized

     Bulk form of `OptionsObject`: one `Authorizations` entry per requested object ID.
    Needs no credentials.

    Args:
        body (BulkObjectIdNoPassport): Body of `OptionsBulkObject`. Example: {'bulk_object_ids':
            ['9f2c61e0', '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkAuthorizationsResponse | Error]
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
    body: BulkObjectIdNoPassport,
) -> Any | BulkAuthorizationsResponse | Error | None:
    """Ask how requests for several objects must be authorized

     Bulk form of `OptionsObject`: one `Authorizations` entry per requested object ID.
    Needs no credentials.

    Args:
        body (BulkObjectIdNoPassport): Body of `OptionsBulkObject`. Example: {'bulk_object_ids':
            ['9f2c61e0', '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkAuthorizationsResponse | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectIdNoPassport,
) -> Response[Any | BulkAuthorizationsResponse | Error]:
    """Ask how requests for several objects must be authorized

     Bulk form of `OptionsObject`: one `Authorizations` entry per requested object ID.
    Needs no credentials.

    Args:
        body (BulkObjectIdNoPassport): Body of `OptionsBulkObject`. Example: {'bulk_object_ids':
            ['9f2c61e0', '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BulkAuthorizationsResponse | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BulkObjectIdNoPassport,
) -> Any | BulkAuthorizationsResponse | Error | None:
    """Ask how requests for several objects must be authorized

     Bulk form of `OptionsObject`: one `Authorizations` entry per requested object ID.
    Needs no credentials.

    Args:
        body (BulkObjectIdNoPassport): Body of `OptionsBulkObject`. Example: {'bulk_object_ids':
            ['9f2c61e0', '3c1d8a2b']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BulkAuthorizationsResponse | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
