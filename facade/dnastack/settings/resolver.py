"""Resolve every setting into one immutable :class:`Settings`, remembering each source.

Order, per setting (first match wins)::

    argument  >  session override  >  environment  >  config file  >  default

``config_file`` is resolved first (it locates the file layer), then ``context`` (it picks
the endpoints the URL settings read), then the rest. The resulting :class:`Settings` is
passed explicitly to whatever needs it; nothing here is cached globally.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from dnastack.common.logs import sdk_logger
from dnastack.configuration.short_types import (
    SHORT_TYPES,
    URL_ENVIRONMENT_VARIABLES,
    normalize_short_type,
    short_type_of,
)
from dnastack.exceptions import (
    ConfigurationError,
    MissingEndpointError,
    UnknownClientShortTypeError,
)
from dnastack.http.limits import (
    DEADLINE_TIMEOUT_FACTOR,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_READ_TIMEOUT_SECONDS,
    default_deadline,
)
from dnastack.settings.overrides import SESSION_OVERRIDES, SessionOverrides
from dnastack.settings.sources import (
    CONTRACT_BOUND_DEFAULTS,
    DEFAULT_CONTEXT,
    DEFAULT_DOWNLOAD_STALL_BYTES,
    DEFAULT_DOWNLOAD_STALL_SECONDS,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_POLLING_MAX_WAIT_SECONDS,
    NOVERIFY,
    SETTINGS,
    URL_SETTING_NAMES,
    SecurityContext,
    SettingSpec,
    display_value,
)

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint
    from dnastack.configuration.models import Configuration
    from dnastack.http.session_info import SessionManager

__all__ = ["SettingReport", "Settings", "describe_settings", "resolve_settings"]

_logger = sdk_logger("dnastack.settings")

ARGUMENT = "argument"
SESSION = "session"
DEFAULT = "default"

_PARTITION_DEFAULTS = {"partitions_in_flight": 4, "partition_retries": 2, "max_partitions": 1024}

_SHORT_TYPE_BY_URL_SETTING = {name: st for st, name in URL_SETTING_NAMES.items()}


@attrs.frozen
class SettingReport:
    """One resolved setting for display: name, value (secrets masked) and source."""

    name: str
    value: str
    source: str

    def __str__(self) -> str:
        return f"{self.name} = {self.value}  [{self.source}]"


@attrs.frozen(repr=False)
class Settings:
    """Every resolved setting (immutable). Build it with :func:`resolve_settings`.

    Attributes:
        config_file: the configuration file (may not exist yet).
        context: the configuration context in use.
        session_dir: where sessions (tokens) are stored.
        security_context: a static token for every endpoint, or None.
        endpoint_urls: short type -> URL, for the short types that resolved to a URL.
        timeout: seconds for connect and read, or None for the transport's defaults.
        max_retries: retries after the first attempt.
        polling_max_wait: seconds one paged result may spend polling pages that are not
            ready (default 600).
        max_concurrency: requests in flight at once per :mod:`dnastack.aio` client.
        request_deadline: total seconds for one API call, body included (default: 10 x the
            read timeout, so 600 with the default 60 s).
        max_response_bytes: cap on the decoded size of one API response (default 256 MiB).
        ca_cert: CA bundle path, ``"NOVERIFY"``, or None (system/certifi defaults).
        log_level: level name for the ``dnastack`` logger (applied by the CLI, not here).
        session: a static session as JSON text, or None.
        session_file: a file holding a static session, or None.
        http_proxy, https_proxy, no_proxy: proxy settings (httpx also reads the
            environment itself when ``trust_env`` is on).
        download_stall_bytes, download_stall_seconds: the stall rule of byte downloads:
            fewer than this many bytes over this many seconds fails the transfer (0 bytes:
            off).
        sources: setting name -> where its value came from.
        configured_endpoints: the endpoints of ``context`` in the configuration file.
        configured_defaults: the default endpoint id per short type in ``context``.
        known_contexts: context names present in the configuration file.
        partitions_in_flight: partitions of one Data Connect server read at the same time
            by a partitioned read (``DNASTACK_PARTITIONS_IN_FLIGHT``, default 4).
        partition_retries: times a failed partition is read again from its start
            (``DNASTACK_PARTITION_RETRIES``, default 2).
        max_partitions: partitions one partitioned read may have
            (``DNASTACK_MAX_PARTITIONS``, default 1024).
        contract_max_pages, contract_max_ids, contract_max_walk_bytes,
            contract_max_walk_seconds, contract_download_budget, contract_max_downloads:
            bounds of the contract runner's walks (``docs/contract-checks.md``).
    """

    config_file: Path
    context: str
    session_dir: Path
    security_context: SecurityContext | None
    endpoint_urls: Mapping[str, str]
    timeout: float | None
    max_retries: int
    ca_cert: str | None
    log_level: str
    session: str | None
    session_file: Path | None
    http_proxy: str | None
    https_proxy: str | None
    no_proxy: str | None
    sources: Mapping[str, str]
    configured_endpoints: tuple[ServiceEndpoint, ...] = ()
    configured_defaults: Mapping[str, str] = attrs.field(factory=dict)
    known_contexts: tuple[str, ...] = ()
    polling_max_wait: float = DEFAULT_POLLING_MAX_WAIT_SECONDS
    partitions_in_flight: int = 4
    partition_retries: int = 2
    max_partitions: int = 1024
    download_stall_bytes: int = DEFAULT_DOWNLOAD_STALL_BYTES
    download_stall_seconds: float = DEFAULT_DOWNLOAD_STALL_SECONDS
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    contract_max_pages: int = int(CONTRACT_BOUND_DEFAULTS["contract_max_pages"])
    contract_max_ids: int = int(CONTRACT_BOUND_DEFAULTS["contract_max_ids"])
    contract_max_walk_bytes: int = int(CONTRACT_BOUND_DEFAULTS["contract_max_walk_bytes"])
    contract_max_walk_seconds: float = float(CONTRACT_BOUND_DEFAULTS["contract_max_walk_seconds"])
    contract_download_budget: int = int(CONTRACT_BOUND_DEFAULTS["contract_download_budget"])
    contract_max_downloads: int = int(CONTRACT_BOUND_DEFAULTS["contract_max_downloads"])
    request_deadline: float = DEFAULT_READ_TIMEOUT_SECONDS * DEADLINE_TIMEOUT_FACTOR
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def __repr__(self) -> str:
        shown = ", ".join(f"{r.name}={r.value}" for r in self.describe())
        return f"Settings({shown})"

    # -- values and sources -------------------------------------------------------------

    def value_of(self, name: str) -> Any:
        """The value of setting ``name`` (URL settings included, e.g. ``drs_url``)."""
        short_type = _SHORT_TYPE_BY_URL_SETTING.get(name)
        if short_type is not None:
            return self.endpoint_urls.get(short_type)
        return getattr(self, name)

    def source_of(self, name: str) -> str:
        """Where setting ``name`` came from (``argument``, ``session``,
        ``environment:NAME``, ``config:<file>`` or ``default``)."""
        return self.sources[name]

    def describe(self) -> list[SettingReport]:
        """Every setting with its displayed value (secrets masked) and its source."""
        return [
            SettingReport(spec.name, display_value(spec.name, self.value_of(spec.name)), src)
            for spec in SETTINGS
            for src in (self.sources.get(spec.name, DEFAULT),)
        ]

    @property
    def verify(self) -> bool | str:
        """TLS verification for httpx: False (``NOVERIFY``), a CA bundle path, or True."""
        if self.ca_cert == NOVERIFY:
            return False
        return self.ca_cert or True

    # -- what the clients need ----------------------------------------------------------

    def endpoint(self, short_type: str, endpoint_id: str | None = None) -> ServiceEndpoint:
        """The endpoint to use for ``short_type`` (or the configured ``endpoint_id``).

        * A URL from the configuration file gives the configured default endpoint, with
          its authentication.
        * A URL from an argument, a session override or the environment gives a new
          endpoint at that URL *without* the configured credentials (tokens issued for
          one service are not sent to another), unless it is the configured URL itself.
        * A security context replaces the authentication of every endpoint with its
          static bearer token.

        Raises:
            UnknownClientShortTypeError: unknown ``short_type``.
            MissingEndpointError: nothing configured; the message says how to set one.
        """
        from dnastack.client.models import ServiceEndpoint

        canonical = normalize_short_type(short_type)
        if endpoint_id is not None:
            found = next((e for e in self.configured_endpoints if e.id == endpoint_id), None)
            if found is None:
                raise MissingEndpointError(
                    f"no endpoint {endpoint_id!r} in context {self.context!r} of {self.config_file}"
                )
            return self._with_security_context(found.copy(deep=True))
        url = self.endpoint_urls.get(canonical)
        if url is None:
            raise MissingEndpointError(
                f"no {canonical} endpoint in context {self.context!r} "
                f"({self.sources.get('context', DEFAULT)}) of {self.config_file}: set "
                f"{URL_ENVIRONMENT_VARIABLES[canonical]}, call "
                f"set_endpoint_url({canonical!r}, url), or add one to the configuration"
            )
        configured = _default_endpoint(
            self.configured_endpoints, self.configured_defaults, canonical
        )
        if configured is not None and configured.url == url:
            endpoint = configured.copy(deep=True)
        else:
            endpoint = ServiceEndpoint(
                id=f"{canonical}-override", url=url, type=SHORT_TYPES[canonical]
            )
        return self._with_security_context(endpoint)

    def _with_security_context(self, endpoint: ServiceEndpoint) -> ServiceEndpoint:
        if self.security_context is None:
            return endpoint
        return endpoint.copy(
            update={
                "authentication": self.security_context.as_authentication(),
                "fallback_authentications": None,
            }
        )

    def session_manager(self) -> SessionManager:
        """A :class:`~dnastack.http.session_info.SessionManager` over ``session_dir``,
        with the static session (``session``/``session_file``) when one is set."""
        from dnastack.http.session_info import SessionManager
        from dnastack.http.session_storage import FileSessionStorage

        return SessionManager(
            FileSessionStorage(self.session_dir),
            static_session=self.session,
            static_session_file=self.session_file,
        )


def _default_endpoint(
    endpoints: tuple[ServiceEndpoint, ...], defaults: Mapping[str, str], short_type: str
) -> ServiceEndpoint | None:
    endpoint_id = defaults.get(short_type)
    if endpoint_id is not None:
        return next((e for e in endpoints if e.id == endpoint_id), None)
    candidates = [e for e in endpoints if short_type_of(e.type) == short_type]
    return candidates[0] if len(candidates) == 1 else None


# -- resolution ---------------------------------------------------------------------------


def resolve_settings(
    *,
    config_file: str | os.PathLike[str] | None = None,
    context: str | None = None,
    session_dir: str | os.PathLike[str] | None = None,
    security_context: Mapping[str, Any] | SecurityContext | None = None,
    endpoint_urls: Mapping[str, str] | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    ca_cert: str | None = None,
    max_concurrency: int | None = None,
    log_level: str | int | None = None,
    session: str | Mapping[str, Any] | None = None,
    session_file: str | os.PathLike[str] | None = None,
    http_proxy: str | None = None,
    https_proxy: str | None = None,
    no_proxy: str | None = None,
    polling_max_wait: float | None = None,
    partitions_in_flight: int | None = None,
    partition_retries: int | None = None,
    max_partitions: int | None = None,
    download_stall_bytes: int | None = None,
    download_stall_seconds: float | None = None,
    request_deadline: float | None = None,
    max_response_bytes: int | None = None,
    contract_max_pages: int | None = None,
    contract_max_ids: int | None = None,
    contract_max_walk_bytes: int | None = None,
    contract_max_walk_seconds: float | None = None,
    contract_download_budget: int | None = None,
    contract_max_downloads: int | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: SessionOverrides | None = None,
) -> Settings:
    """Resolve every setting: argument > session override > environment > file > default.

    Arguments left as None are "not given". ``endpoint_urls`` maps short types
    (``data_connect``, ``drs``, ``registry``, ``collections``, ``explorer``) to URLs.
    ``environ`` defaults to ``os.environ`` and ``overrides`` to the process's session
    overrides (both injectable for tests).

    Raises:
        ConfigurationError: a bad value; the message names the setting and its source
            (a secret value is never echoed), or the configuration file is broken.
        UnknownClientShortTypeError: an unknown short type in ``endpoint_urls``.
    """
    env = os.environ if environ is None else environ
    store = SESSION_OVERRIDES if overrides is None else overrides
    arguments: dict[str, Any] = {
        "config_file": config_file,
        "context": context,
        "session_dir": session_dir,
        "security_context": security_context,
        "timeout": timeout,
        "max_retries": max_retries,
        "ca_cert": ca_cert,
        "max_concurrency": max_concurrency,
        "log_level": log_level,
        "session": session,
        "session_file": session_file,
        "http_proxy": http_proxy,
        "https_proxy": https_proxy,
        "no_proxy": no_proxy,
        "polling_max_wait": polling_max_wait,
        "partitions_in_flight": partitions_in_flight,
        "partition_retries": partition_retries,
        "max_partitions": max_partitions,
        "download_stall_bytes": download_stall_bytes,
        "download_stall_seconds": download_stall_seconds,
        "request_deadline": request_deadline,
        "max_response_bytes": max_response_bytes,
        "contract_max_pages": contract_max_pages,
        "contract_max_ids": contract_max_ids,
        "contract_max_walk_bytes": contract_max_walk_bytes,
        "contract_max_walk_seconds": contract_max_walk_seconds,
        "contract_download_budget": contract_download_budget,
        "contract_max_downloads": contract_max_downloads,
    }
    for short_type, url in (endpoint_urls or {}).items():
        try:
            canonical = normalize_short_type(short_type)
        except UnknownClientShortTypeError as exc:
            raise UnknownClientShortTypeError(
                f"setting 'endpoint_urls' from {ARGUMENT}: {exc}"
            ) from None
        arguments[URL_SETTING_NAMES[canonical]] = url
    return _Resolution(arguments, env, store).run()


def describe_settings(settings: Settings | None = None, **kwargs: Any) -> list[SettingReport]:
    """Every resolved setting with the source it came from, secrets masked (for the CLI).

    Pass a resolved ``settings``, or the arguments of :func:`resolve_settings`.
    """
    return (settings if settings is not None else resolve_settings(**kwargs)).describe()


class _Resolution:
    def __init__(
        self, arguments: Mapping[str, Any], environ: Mapping[str, str], store: SessionOverrides
    ) -> None:
        self.arguments = arguments
        self.environ = environ
        self.store = store
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.configuration: Configuration | None = None
        self.file_source = ""

    def run(self) -> Settings:
        for spec in SETTINGS:
            self._resolve(spec)
            if spec.name == "config_file":
                self._load_configuration(self.values["config_file"])
        context = (
            self.configuration.contexts.get(self.values["context"]) if self.configuration else None
        )
        endpoint_urls = {
            st: self.values[name]
            for st, name in URL_SETTING_NAMES.items()
            if self.values.get(name) is not None
        }
        return Settings(
            config_file=self.values["config_file"],
            context=self.values["context"],
            session_dir=self.values["session_dir"],
            security_context=self.values["security_context"],
            endpoint_urls=MappingProxyType(endpoint_urls),
            timeout=self.values["timeout"],
            max_retries=self.values["max_retries"],
            ca_cert=self.values["ca_cert"],
            max_concurrency=self.values["max_concurrency"],
            log_level=self.values["log_level"],
            session=self.values["session"],
            session_file=self.values["session_file"],
            http_proxy=self.values["http_proxy"],
            https_proxy=self.values["https_proxy"],
            no_proxy=self.values["no_proxy"],
            sources=MappingProxyType(dict(self.sources)),
            configured_endpoints=tuple(context.endpoints) if context else (),
            configured_defaults=MappingProxyType(dict(context.defaults) if context else {}),
            known_contexts=tuple(self.configuration.contexts) if self.configuration else (),
            polling_max_wait=self.values["polling_max_wait"],
            partitions_in_flight=self.values["partitions_in_flight"],
            partition_retries=self.values["partition_retries"],
            max_partitions=self.values["max_partitions"],
            download_stall_bytes=self.values["download_stall_bytes"],
            download_stall_seconds=self.values["download_stall_seconds"],
            request_deadline=self.values["request_deadline"],
            max_response_bytes=self.values["max_response_bytes"],
            **{name: self.values[name] for name in CONTRACT_BOUND_DEFAULTS},
        )

    def _resolve(self, spec: SettingSpec) -> None:
        raw, source = self._find(spec)
        value = (
            self._default(spec.name) if source == DEFAULT else spec.parse(raw, spec.name, source)
        )
        self.values[spec.name] = value
        self.sources[spec.name] = source
        _logger.debug("setting %s = %s [%s]", spec.name, display_value(spec.name, value), source)

    def _find(self, spec: SettingSpec) -> tuple[Any, str]:
        argument = self.arguments.get(spec.name)
        if argument is not None:
            return argument, ARGUMENT
        override = self.store.get(spec.name)
        if override is not None:
            return override, SESSION
        for variable in spec.env:
            text = self.environ.get(variable)
            if text is not None and text.strip():
                return text, f"environment:{variable}"
        from_file = self._from_file(spec)
        if from_file is not None:
            return from_file, self.file_source
        return None, DEFAULT

    def _from_file(self, spec: SettingSpec) -> Any:
        key = spec.file_key
        configuration = self.configuration
        if key is None or configuration is None:
            return None
        if key == "current_context":  # only when the file says it (not the model default)
            explicit = "current_context" in configuration.model_fields_set
            return configuration.current_context if explicit else None
        if key.startswith("settings."):
            return configuration.settings.get(key.removeprefix("settings."))
        if key.startswith("endpoint:"):
            return self._configured_url(configuration, key.removeprefix("endpoint:"))
        raise AssertionError(f"unknown file key {key}")  # pragma: no cover

    def _configured_url(self, configuration: Configuration, short_type: str) -> str | None:
        context_name = self.values["context"]
        context = configuration.contexts.get(context_name)
        if context is None:
            return None
        endpoint = _default_endpoint(tuple(context.endpoints), context.defaults, short_type)
        if endpoint is None and short_type in context.defaults:
            raise ConfigurationError(
                f"{self.values['config_file']}: contexts.{context_name}.defaults.{short_type} "
                f"names endpoint {context.defaults[short_type]!r}, which does not exist"
            )
        # an endpoint added without a URL yet (`config endpoints add ID -t TYPE`, as the
        # reference CLI does) has none to offer
        return endpoint.url if endpoint is not None and endpoint.url else None

    def _load_configuration(self, path: Path) -> None:
        from dnastack.configuration.manager import ConfigurationManager

        self.file_source = f"config:{path}"
        try:
            path.lstat()  # (not exists(): a link loop or an unreadable folder is not "no file")
        except FileNotFoundError:
            return
        except OSError:
            pass  # the manager names the path and the cause (ConfigurationFileError)
        self.configuration = ConfigurationManager(path).load()

    def _default(self, name: str) -> Any:
        home = self._home()
        if name == "config_file":
            return home / ".dnastack" / "config.yaml"
        if name == "session_dir":
            return home / ".dnastack" / "sessions"
        if name == "context":
            return DEFAULT_CONTEXT
        if name == "max_retries":
            return DEFAULT_MAX_RETRIES
        if name == "max_concurrency":
            return DEFAULT_MAX_CONCURRENCY
        if name == "log_level":
            return "WARNING"
        if name == "polling_max_wait":
            return DEFAULT_POLLING_MAX_WAIT_SECONDS
        if name in _PARTITION_DEFAULTS:
            return _PARTITION_DEFAULTS[name]
        if name == "download_stall_bytes":
            return DEFAULT_DOWNLOAD_STALL_BYTES
        if name == "download_stall_seconds":
            return DEFAULT_DOWNLOAD_STALL_SECONDS
        if name == "request_deadline":
            return default_deadline(self.values.get("timeout") or DEFAULT_READ_TIMEOUT_SECONDS)
        if name == "max_response_bytes":
            return DEFAULT_MAX_RESPONSE_BYTES
        if name in CONTRACT_BOUND_DEFAULTS:
            return CONTRACT_BOUND_DEFAULTS[name]
        return None

    def _home(self) -> Path:
        home = self.environ.get("HOME")
        return Path(home) if home else Path.home()
