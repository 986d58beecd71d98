"""service-info and the Service Registry: the node describes itself and its five services.

Routes (Service Registry base URL ``/``):

- ``GET /service-info``          the node (a Service Registry) as a GA4GH Service
- ``GET /services``              every service of the node, with its absolute ``url``
- ``GET /services/types``        distinct service types
- ``GET /services/{service_id}`` one service, 404 with the registry's Error body

Each service's ``url`` is its base URL on this node, derived from the request's Host
header. The DRS entry's type version follows ``--drs-compat`` (`node_service_kinds`).
``--registry-types reference`` publishes the types DNAstack registries use and
dnastack-client-library 3.x knows instead: DRS as ``org.ga4gh:drs:1.1.0`` and the
collection service as ``com.dnastack.explorer:collection-service:1.0.0``.
With ``--auth-issuer`` every entry carries ``authentication`` (camelCase, as DNAstack
registries do), built from the issuer's discovery document; these discovery routes stay
public so that clients can learn how to log in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.drs.compat import DRS_VERSION
from dnastack.devserver.errors import ApiError
from dnastack.devserver.responses import json_response, node_base_url

__all__ = [
    "REGISTRY_TYPE_SETS",
    "SERVICE_KINDS",
    "ServiceKind",
    "node_service_kinds",
    "registry_routes",
    "service_info",
    "service_url",
]

AuthenticationProvider = Callable[[str], Awaitable[list[dict[str, Any]]]]

DEVSERVER_VERSION = "0.1.0"
ORGANIZATION = {"name": "dnastack-sdk devserver", "url": "https://www.dnastack.com"}
DEPLOYED_AT = "2024-01-01T00:00:00Z"


@dataclass(frozen=True)
class ServiceKind:
    key: str
    name: str
    description: str
    group: str
    artifact: str
    version: str
    base_path: str

    @property
    def service_id(self) -> str:
        return f"com.dnastack.devserver.{self.artifact}"

    @property
    def type(self) -> dict[str, str]:
        return {"group": self.group, "artifact": self.artifact, "version": self.version}


SERVICE_KINDS: dict[str, ServiceKind] = {
    kind.key: kind
    for kind in (
        ServiceKind(
            "service-registry",
            "Devserver Service Registry",
            "The services of this local GA4GH node",
            "org.ga4gh",
            "service-registry",
            "1.0.0",
            "/",
        ),
        ServiceKind(
            "data-connect",
            "Devserver Data Connect",
            "Data Connect over the DuckDB tables of the data directory",
            "org.ga4gh",
            "data-connect",
            "1.0.0",
            "/data-connect/",
        ),
        ServiceKind(
            "drs",
            "Devserver DRS",
            "Data Repository Service over the files of the data directory",
            "org.ga4gh",
            "drs",
            DRS_VERSION,
            "/ga4gh/drs/v1/",
        ),
        ServiceKind(
            "collection-service",
            "Devserver Collections",
            "Collections of Data Connect tables",
            "com.dnastack",
            "collection-service",
            "1.0.0",
            "/collection-service/",
        ),
        ServiceKind(
            "explorer",
            "Devserver Explorer",
            "Federated questions over the collections",
            "com.dnastack",
            "explorer",
            "1.0.0",
            "/explorer/",
        ),
    )
}


REGISTRY_TYPE_SETS = ("standard", "reference")
"""``--registry-types``: this project's types, or those DNAstack registries publish."""


def node_service_kinds(
    drs_version: str = DRS_VERSION, registry_types: str = "standard"
) -> dict[str, ServiceKind]:
    """The node's services, the DRS one announcing ``drs_version`` (``--drs-compat``);
    ``registry_types="reference"`` announces the types of DNAstack registries instead."""
    if registry_types not in REGISTRY_TYPE_SETS:
        raise ValueError(f"registry_types must be one of {', '.join(REGISTRY_TYPE_SETS)}")
    kinds = dict(SERVICE_KINDS)
    kinds["drs"] = replace(kinds["drs"], version=drs_version)
    if registry_types == "reference":
        kinds["drs"] = replace(kinds["drs"], version="1.1.0")
        kinds["collection-service"] = replace(
            kinds["collection-service"], group="com.dnastack.explorer"
        )
    return kinds


def service_url(request: Request, kind: ServiceKind) -> str:
    return node_base_url(request) + kind.base_path


def service_info(kind: ServiceKind) -> dict[str, Any]:
    """The GA4GH service-info document of one service of the node."""
    return {
        "id": kind.service_id,
        "name": kind.name,
        "type": kind.type,
        "description": kind.description,
        "organization": dict(ORGANIZATION),
        "createdAt": DEPLOYED_AT,
        "updatedAt": DEPLOYED_AT,
        "environment": "dev",
        "version": DEVSERVER_VERSION,
    }


def registry_routes(
    kinds: Mapping[str, ServiceKind], authentication: AuthenticationProvider | None
) -> list[BaseRoute]:
    """Registry routes over ``kinds``; ``authentication(resource)`` gives the entries' auth
    info, if any (it raises `ApiError` when it cannot)."""

    async def external_services(request: Request) -> list[dict[str, Any]]:
        resource = node_base_url(request) + "/"
        auth = await authentication(resource) if authentication is not None else None
        services = []
        for kind in kinds.values():
            entry = service_info(kind)
            entry["url"] = service_url(request, kind)
            if auth is not None:
                entry["authentication"] = auth
            services.append(entry)
        return services

    async def get_service_info(request: Request) -> Response:
        return json_response(service_info(kinds["service-registry"]))

    async def list_services(request: Request) -> Response:
        return json_response(await external_services(request))

    async def list_types(request: Request) -> Response:
        types: list[dict[str, str]] = []
        for kind in kinds.values():
            if kind.type not in types:
                types.append(kind.type)
        return json_response(types)

    async def get_service(request: Request) -> Response:
        service_id = request.path_params["service_id"]
        for entry in await external_services(request):
            if entry["id"] == service_id:
                return json_response(entry)
        raise ApiError(404, f"Service {service_id} is not registered", title="Service not found")

    return [
        Route("/service-info", get_service_info, methods=["GET"]),
        Route("/services", list_services, methods=["GET"]),
        Route("/services/types", list_types, methods=["GET"]),
        Route("/services/{service_id}", get_service, methods=["GET"]),
    ]
