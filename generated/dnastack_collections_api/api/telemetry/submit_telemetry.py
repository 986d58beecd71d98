# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.otlp_logs_request import OtlpLogsRequest
from ...models.otlp_logs_response import OtlpLogsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: OtlpLogsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/otlp/v1/logs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | OtlpLogsResponse | None:
    if response.status_code == 200:
        response_200 = OtlpLogsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | OtlpLogsResponse]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.UnparseableResponse(
            "submit_telemetry", response.status_code, exc, response.content
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
    body: OtlpLogsRequest,
) -> Response[Error | OtlpLogsResponse]:
    """Submit client logs

     An OTLP/HTTP `ExportLogsServiceRequest` in its JSON encoding. Best effort: a client
    must not fail its own work when this call fails.

    Args:
        body (OtlpLogsRequest): An OTLP `ExportLogsServiceRequest` (JSON encoding), normally with
            `resourceLogs`. Example: {'resourceLogs': [{'resource': {'attributes': [{'key':
            'service.name', 'value': {'stringValue': 'dnastack-client'}}]}, 'scopeLogs': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OtlpLogsResponse]
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
    body: OtlpLogsRequest,
) -> Error | OtlpLogsResponse | None:
    """Submit client logs

     An OTLP/HTTP `ExportLogsServiceRequest` in its JSON encoding. Best effort: a client
    must not fail its own work when this call fails.

    Args:
        body (OtlpLogsRequest): An OTLP `ExportLogsServiceRequest` (JSON encoding), normally with
            `resourceLogs`. Example: {'resourceLogs': [{'resource': {'attributes': [{'key':
            'service.name', 'value': {'stringValue': 'dnastack-client'}}]}, 'scopeLogs': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OtlpLogsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OtlpLogsRequest,
) -> Response[Error | OtlpLogsResponse]:
    """Submit client logs

     An OTLP/HTTP `ExportLogsServiceRequest` in its JSON encoding. Best effort: a client
    must not fail its own work when this call fails.

    Args:
        body (OtlpLogsRequest): An OTLP `ExportLogsServiceRequest` (JSON encoding), normally with
            `resourceLogs`. Example: {'resourceLogs': [{'resource': {'attributes': [{'key':
            'service.name', 'value': {'stringValue': 'dnastack-client'}}]}, 'scopeLogs': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OtlpLogsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OtlpLogsRequest,
) -> Error | OtlpLogsResponse | None:
    """Submit client logs

     An OTLP/HTTP `ExportLogsServiceRequest` in its JSON encoding. Best effort: a client
    must not fail its own work when this call fails.

    Args:
        body (OtlpLogsRequest): An OTLP `ExportLogsServiceRequest` (JSON encoding), normally with
            `resourceLogs`. Example: {'resourceLogs': [{'resource': {'attributes': [{'key':
            'service.name', 'value': {'stringValue': 'dnastack-client'}}]}, 'scopeLogs': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OtlpLogsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
