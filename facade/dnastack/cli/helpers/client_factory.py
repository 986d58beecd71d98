"""``ConfigurationBasedClientFactory``: service clients from the configuration file.

The endpoint is chosen by the settings, in their documented order: a URL from
``set_endpoint_url`` (session override) or ``DNASTACK_<TYPE>_URL`` (environment) wins over
the context's default endpoint of that type in the configuration file; an explicit
``endpoint_id`` names a configured endpoint. The client gets the resolved settings
(sessions directory, timeouts, retries, TLS, security context).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from dnastack.client.constants import (
    SERVICE_CLIENT_CLASS,
    client_class_for_adapter_type,
)
from dnastack.configuration.short_types import normalize_short_type, short_type_of
from dnastack.exceptions import (
    ConfigurationError,
    MissingEndpointError,
    UnknownClientShortTypeError,
)

if TYPE_CHECKING:
    from dnastack.client.base import BaseServiceClient
    from dnastack.client.models import ServiceEndpoint
    from dnastack.configuration.manager import ConfigurationManager
    from dnastack.settings import Settings

__all__ = [
    "ConfigurationBasedClientFactory",
    "ServiceEndpointNotFound",
    "UnknownAdapterTypeError",
    "UnknownClientShortTypeError",
]


class ServiceEndpointNotFound(MissingEndpointError):
    """Raised when the requested service endpoint is not found"""


class UnknownAdapterTypeError(ConfigurationError):
    """Raised when the given service adapter/short type is not registered or supported"""


class ConfigurationBasedClientFactory:
    """Configuration-based Client Factory

    This class will provide a service client based on the CLI configuration.

    Args:
        config_manager: the configuration file to read.
        environ: the environment to read settings from (``os.environ`` by default).
    """

    def __init__(
        self,
        config_manager: ConfigurationManager,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._config_manager = config_manager
        self._environ = environ

    @property
    def config_manager(self) -> ConfigurationManager:
        return self._config_manager

    def settings(self, context_name: str | None = None) -> Settings:
        """The settings resolved over this factory's configuration file."""
        from dnastack.settings import resolve_settings

        return resolve_settings(
            config_file=self._config_manager.file_path,
            context=context_name,
            environ=self._environ,
        )

    def get(
        self,
        cls: type[SERVICE_CLIENT_CLASS] | str,
        endpoint_id: str | None = None,
        context_name: str | None = None,
        **kwargs: Any,
    ) -> SERVICE_CLIENT_CLASS:
        """Instantiate a service client with the given service endpoint.

        Args:
            cls: The class (type) of the target service client, e.g., cls=DataConnectClient
                (or its short type, e.g. ``"drs"``)
            endpoint_id: The ID of the endpoint registered in the given context
            context_name: The name of the given context
            kwargs: Extra keyword arguments to the class factory method

        Returns:
            an instance of the given class

        Raises:
            UnknownClientShortTypeError: ``cls`` is a short type string nobody serves.
            UnknownAdapterTypeError: ``cls`` has an adapter type that is not a service
                short type this SDK can configure.
            ServiceEndpointNotFound: no such endpoint (or no endpoint of that type) in the
                context, and no URL set by the environment or a session override.
        """
        client_class = _client_class(cls)
        short_type = _short_type_of(client_class)
        settings = self.settings(context_name)
        endpoint = self._endpoint(settings, client_class, short_type, endpoint_id)
        options = {"settings": settings, **kwargs}
        return cast("SERVICE_CLIENT_CLASS", client_class(endpoint, **options))

    def _endpoint(
        self,
        settings: Settings,
        client_class: type[BaseServiceClient],
        short_type: str,
        endpoint_id: str | None,
    ) -> ServiceEndpoint:
        try:
            endpoint = settings.endpoint(short_type, endpoint_id)
        except MissingEndpointError as exc:
            raise ServiceEndpointNotFound(str(exc)) from None
        found_type = short_type_of(endpoint.type)
        if endpoint_id is not None and found_type not in (None, short_type):
            raise ServiceEndpointNotFound(
                f"endpoint {endpoint_id!r} in context {settings.context!r} is a {found_type} "
                f"endpoint, not a {short_type} endpoint ({client_class.__name__})"
            )
        if not endpoint.url:  # added without one (`config endpoints add ID -t TYPE`)
            raise ServiceEndpointNotFound(
                f"endpoint {endpoint.id!r} in context {settings.context!r} has no URL yet: "
                f"dnastack config endpoints set {endpoint.id} url URL"
            )
        return endpoint


def _client_class(cls: type[Any] | str) -> type[BaseServiceClient]:
    from dnastack.client.base import BaseServiceClient

    if isinstance(cls, str):
        short_type = normalize_short_type(cls)  # UnknownClientShortTypeError when unknown
        found = client_class_for_adapter_type(short_type)
        if found is None:
            raise UnknownClientShortTypeError(f"no client class serves short type {cls!r}")
        return found
    if not isinstance(cls, type) or not issubclass(cls, BaseServiceClient):
        raise UnknownAdapterTypeError(f"{cls!r} is not a service client class")
    return cls


def _short_type_of(client_class: type[BaseServiceClient]) -> str:
    try:
        adapter_type = client_class.get_adapter_type()
    except NotImplementedError:
        raise UnknownAdapterTypeError(f"{client_class.__name__} declares no adapter type") from None
    try:
        return normalize_short_type(adapter_type)
    except UnknownClientShortTypeError:
        raise UnknownAdapterTypeError(
            f"{client_class.__name__}: adapter type {adapter_type!r} is not a service type "
            "that can be configured (data_connect, drs, registry, collections, explorer)"
        ) from None
