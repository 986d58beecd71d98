"""Settings of one devserver instance, and the command line that fills them."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dnastack.devserver.drs.compat import DRS_COMPAT_VERSIONS, drs_type_version

__all__ = ["DevServerConfig", "build_arg_parser", "config_from_args"]

DEFAULT_PAGE_SIZE = 100
DEFAULT_BIG_ROWS = 10_000
MAX_PAGE_SIZE = 100_000


@dataclass(frozen=True)
class DevServerConfig:
    """Everything `create_app` needs; every field has the documented CLI default."""

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8080
    rows: int = DEFAULT_BIG_ROWS
    page_size: int = DEFAULT_PAGE_SIZE
    polling: bool = False
    polling_retry_after: int = 0
    absolute_page_urls: bool = True  # False: relative references (--relative-page-urls)
    query_ttl_seconds: float = 300.0
    max_open_queries: int = 64
    access_log: bool = False
    auth_issuer: str | None = None
    auth_client_id: str = "sdk-cli"
    auth_scope: str = "openid offline_access"
    auth_introspection_client_id: str = "sdk-test"
    auth_introspection_client_secret: str = field(default="sdk-secret", repr=False)
    auth_audiences: tuple[str, ...] = ()
    auth_required_scopes: tuple[str, ...] = ()
    auth_cache_seconds: float = 30.0
    drs_compat: str | None = None  # "1.2": DRS answers as DRS 1.2 (see devserver.drs.compat)
    registry_types: str = "standard"  # "reference": the types DNAstack registries publish
    throttle_bytes_per_second: int = 0  # > 0: the DRS byte route sends at most this rate
    tls_cert: Path | None = None  # serve https with this certificate (PEM) ...
    tls_key: Path | None = None  # ... and this private key (PEM)

    def __post_init__(self) -> None:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("tls_cert and tls_key go together")
        if self.drs_compat is not None and self.drs_compat not in DRS_COMPAT_VERSIONS:
            known = ", ".join(DRS_COMPAT_VERSIONS)
            raise ValueError(f"drs_compat must be None or one of {known}, not {self.drs_compat!r}")

    @property
    def scheme(self) -> str:
        """``https`` with ``tls_cert``, else ``http``."""
        return "https" if self.tls_cert is not None else "http"

    @property
    def auth_enabled(self) -> bool:
        return self.auth_issuer is not None

    @property
    def drs_version(self) -> str:
        """The DRS version the node announces: ``1.5.0``, or ``1.2.0`` with ``--drs-compat 1.2``."""
        return drs_type_version(self.drs_compat)


def build_arg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dnastack.devserver",
        description="Local GA4GH node: service-info, Service Registry, Data Connect, DRS, "
        "Collections and Explorer on one port.",
    )
    parser.add_argument("--port", type=int, default=8080, help="TCP port (0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument(
        "--data", type=Path, required=True, help="data directory (sample data if empty)"
    )
    parser.add_argument(
        "--rows", type=int, default=DEFAULT_BIG_ROWS, help="rows of the generated `big` table"
    )
    parser.add_argument(
        "--page-size", type=int, default=DEFAULT_PAGE_SIZE, help="Data Connect rows per page"
    )
    parser.add_argument(
        "--polling",
        action="store_true",
        help="Data Connect answers every query with an empty first page (polling pattern)",
    )
    parser.add_argument(
        "--polling-retry-after",
        type=int,
        default=0,
        help="Retry-After seconds sent with empty polling pages (default 0)",
    )
    parser.add_argument(
        "--relative-page-urls",
        dest="absolute_page_urls",
        action="store_false",
        default=True,
        help="Data Connect next_page_url as relative references (default: absolute URLs)",
    )
    parser.add_argument(
        "--absolute-page-urls",
        dest="absolute_page_urls",
        action="store_true",
        help="Data Connect next_page_url as absolute URLs (the default; kept for old scripts)",
    )
    parser.add_argument("--query-ttl", type=float, default=300.0, help="idle seconds per query")
    parser.add_argument("--max-open-queries", type=int, default=64, help="open query cursors")
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument("--auth-issuer", default=None, help="OIDC issuer URL; enables auth")
    parser.add_argument("--auth-client-id", default="sdk-cli")
    parser.add_argument("--auth-scope", default="openid offline_access")
    parser.add_argument("--auth-introspection-client-id", default="sdk-test")
    parser.add_argument("--auth-introspection-client-secret", default="sdk-secret")
    parser.add_argument(
        "--auth-audience",
        action="append",
        default=[],
        help="accepted token audience (repeatable; default: this node's base URL)",
    )
    parser.add_argument(
        "--auth-required-scope",
        action="append",
        default=[],
        help="scope every token must carry (repeatable; default: none)",
    )
    parser.add_argument(
        "--drs-compat",
        choices=sorted(DRS_COMPAT_VERSIONS),
        default=None,
        help="DRS answers as a DRS 1.2 server (type version 1.2.0, no DRS 1.5 additions in "
        "service-info and access methods); default: DRS 1.5",
    )
    parser.add_argument(
        "--registry-types",
        choices=("standard", "reference"),
        default="standard",
        help="service types the registry publishes: 'reference' uses those of DNAstack "
        "registries (org.ga4gh:drs:1.1.0, com.dnastack.explorer:collection-service:1.0.0); "
        "default: standard",
    )
    parser.add_argument(
        "--throttle-bytes-per-second",
        type=int,
        default=0,
        metavar="N",
        help="the DRS byte route sends at most N bytes per second (tests of slow servers, "
        "Ctrl-C and resume); default 0: no limit",
    )
    parser.add_argument(
        "--tls-cert",
        type=Path,
        default=None,
        help="serve https with this PEM certificate (with --tls-key); default: http",
    )
    parser.add_argument("--tls-key", type=Path, default=None, help="the PEM private key")
    return parser


def config_from_args(argv: Sequence[str] | None = None) -> DevServerConfig:
    args = build_arg_parser().parse_args(argv)
    parser = build_arg_parser()
    if args.page_size < 1 or args.page_size > MAX_PAGE_SIZE:
        parser.error(f"--page-size must be between 1 and {MAX_PAGE_SIZE}")
    if args.rows < 0:
        parser.error("--rows must be >= 0")
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    return DevServerConfig(
        data_dir=args.data,
        host=args.host,
        port=args.port,
        rows=args.rows,
        page_size=args.page_size,
        polling=args.polling,
        polling_retry_after=args.polling_retry_after,
        absolute_page_urls=args.absolute_page_urls,
        query_ttl_seconds=args.query_ttl,
        max_open_queries=args.max_open_queries,
        access_log=args.access_log,
        auth_issuer=args.auth_issuer.rstrip("/") if args.auth_issuer else None,
        auth_client_id=args.auth_client_id,
        auth_scope=args.auth_scope,
        auth_introspection_client_id=args.auth_introspection_client_id,
        auth_introspection_client_secret=args.auth_introspection_client_secret,
        auth_audiences=tuple(args.auth_audience),
        auth_required_scopes=tuple(args.auth_required_scope),
        drs_compat=args.drs_compat,
        registry_types=args.registry_types,
        throttle_bytes_per_second=max(0, args.throttle_bytes_per_second),
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
    )
