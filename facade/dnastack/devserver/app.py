"""The devserver ASGI application: every API of the local GA4GH node on one port.

=====================  ==================================================================
API                    base path
=====================  ==================================================================
service-info (node)    ``/service-info``
Service Registry       ``/`` (``/services``, ``/services/types``, ``/services/{id}``)
Data Connect           ``/data-connect/``
DRS 1.5 (or 1.2)       ``/ga4gh/drs/v1/`` (bytes: ``/ga4gh/drs/v1/bytes/{id}``)
Collections            ``/collection-service/``
per-collection DC      ``/collection-service/collection/{slug}/data-connect/``
Explorer               ``/explorer/``
(devserver only)       ``/_devserver/status`` query and telemetry counts (for tests)
=====================  ==================================================================
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from dnastack.devserver.auth import AuthMiddleware, OidcIssuer
from dnastack.devserver.collection_catalog import CollectionCatalog
from dnastack.devserver.collection_questions import TelemetrySink, collection_question_routes
from dnastack.devserver.collections import collection_routes, collection_scope_resolver
from dnastack.devserver.config import DevServerConfig
from dnastack.devserver.data_connect.engine import DuckDbEngine
from dnastack.devserver.data_connect.queries import DataConnectScope, QueryService
from dnastack.devserver.data_connect.routes import data_connect_routes
from dnastack.devserver.drs.routes import drs_routes
from dnastack.devserver.drs.signing import UrlSigner
from dnastack.devserver.drs.store import DrsStore
from dnastack.devserver.drs.throttle import ThrottleBytes
from dnastack.devserver.errors import exception_handlers
from dnastack.devserver.explorer import QuestionCatalog, explorer_routes
from dnastack.devserver.registry import node_service_kinds, registry_routes, service_info
from dnastack.devserver.responses import json_response
from dnastack.devserver.sample_data import ensure_sample_data

__all__ = ["NodeState", "create_app"]

DATA_CONNECT_BASE = "/data-connect"
STATUS_PATH = "/_devserver/status"  # not part of any API: query counts, for tests
NODE_SCOPE = DataConnectScope(key="node", base_path=DATA_CONNECT_BASE, tables=None)


@dataclass
class NodeState:
    """What the routes share; reachable as ``app.state.node``."""

    config: DevServerConfig
    engine: DuckDbEngine
    queries: QueryService
    drs: DrsStore
    collections: CollectionCatalog
    questions: QuestionCatalog
    issuer: OidcIssuer | None
    telemetry: TelemetrySink


class _CollapseSlashes:
    """``//data-connect//tables`` -> ``/data-connect/tables`` (clients joining base URLs)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "//" in scope["path"]:
            path = scope["path"]
            while "//" in path:
                path = path.replace("//", "/")
            scope = {**scope, "path": path, "raw_path": path.encode()}
        await self.app(scope, receive, send)


def _build_state(config: DevServerConfig) -> NodeState:
    ensure_sample_data(config.data_dir, config.rows)
    engine = DuckDbEngine(config.data_dir / "tables")
    queries = QueryService(
        engine,
        max_open=config.max_open_queries,
        ttl_seconds=config.query_ttl_seconds,
        polling_retry_after=config.polling_retry_after,
    )
    drs = DrsStore(config.data_dir / "drs", config.data_dir / ".drs-checksums.json")
    collections = CollectionCatalog.seeded(engine, drs)
    questions = QuestionCatalog.seeded(collections)
    issuer = OidcIssuer(config) if config.auth_enabled else None
    return NodeState(config, engine, queries, drs, collections, questions, issuer, TelemetrySink())


def create_app(config: DevServerConfig) -> Starlette:
    """The ASGI app; sample data is generated (if needed) and tables loaded right here."""
    state = _build_state(config)
    kinds = node_service_kinds(config.drs_version, config.registry_types)

    def info_of(key: str) -> Callable[[Request], dict[str, Any]]:
        document = service_info(kinds[key])
        return lambda request: dict(document)

    def node_scope(request: Request) -> DataConnectScope:
        return NODE_SCOPE

    routes = [
        Mount(
            DATA_CONNECT_BASE,
            routes=data_connect_routes(state.queries, config, node_scope, info_of("data-connect")),
        ),
        Mount(
            "/collection-service/collection/{slug}/data-connect",
            routes=data_connect_routes(
                state.queries,
                config,
                collection_scope_resolver(state.collections),
                info_of("data-connect"),
            ),
        ),
        Mount(
            "/collection-service",
            routes=[
                *collection_routes(state.collections),
                *collection_question_routes(
                    state.collections,
                    state.questions,
                    state.queries,
                    config.page_size,
                    state.telemetry,
                ),
            ],
        ),
        Mount(
            "/explorer",
            routes=explorer_routes(state.questions, state.collections, state.engine),
        ),
        Mount(
            "/ga4gh/drs/v1",
            routes=drs_routes(
                state.drs,
                UrlSigner(),
                config.auth_issuer,
                kinds["drs"],
                drs_compat=config.drs_compat,
            ),
        ),
        *registry_routes(kinds, state.issuer.authentication_entries if state.issuer else None),
    ]

    async def status(request: Request) -> Response:
        return json_response(
            {
                "runningQueries": state.engine.running_queries,
                "openQueries": state.queries.open_count,
                **state.telemetry.counts(),
            }
        )

    routes.append(Route(STATUS_PATH, status, methods=["GET"]))
    middleware = [Middleware(_CollapseSlashes)]
    if state.issuer is not None:
        middleware.append(Middleware(AuthMiddleware, issuer=state.issuer, config=config))
    if config.throttle_bytes_per_second > 0:
        middleware.append(
            Middleware(ThrottleBytes, bytes_per_second=config.throttle_bytes_per_second)
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(
            state.queries.sweep_forever(max(0.5, min(30.0, config.query_ttl_seconds / 2)))
        )
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            state.engine.interrupt_all()
            await state.queries.aclose_all()
            state.engine.close()
            if state.issuer is not None:
                await state.issuer.aclose()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers=exception_handlers(),
        lifespan=lifespan,
    )
    app.state.node = state
    return app
