"""``ConfigurationWrapper``: one context of a configuration, with endpoint look-ups."""

from __future__ import annotations

from collections.abc import Sequence

from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.models import ServiceType
from dnastack.configuration.models import (
    CONFIGURATION_VERSION,
    DEFAULT_CONTEXT_NAME,
    Configuration,
    Context,
)
from dnastack.configuration.short_types import normalize_short_type, short_type_of
from dnastack.exceptions import (
    ConfigurationError,
    MissingEndpointError,
    UnsupportedModelVersionError,
)

__all__ = ["ConfigurationWrapper", "UnknownContextError", "UnsupportedModelVersionError"]


class UnknownContextError(ConfigurationError):
    """A context name the configuration does not have (the reference library's name; the
    CLI reports an unknown ``--context`` with the known ones)."""


class ConfigurationWrapper:
    """A view of ``configuration`` focused on one context.

    Args:
        configuration: the (migrated) configuration; it is changed in place by the
            mutating methods, ready for ``ConfigurationManager.save``/``update``.
        context_name: the context to use; ``configuration.current_context`` (or
            ``"default"``) when None. A context that does not exist yet is created empty.

    Raises:
        UnsupportedModelVersionError: the configuration's version is newer than this SDK.
    """

    def __init__(self, configuration: Configuration, context_name: str | None = None) -> None:
        if configuration.version > CONFIGURATION_VERSION:
            raise UnsupportedModelVersionError(
                f"unsupported configuration version {configuration.version:g} (this SDK "
                f"reads versions up to {CONFIGURATION_VERSION:g})"
            )
        self._configuration = configuration
        self._context_name = context_name or configuration.current_context or DEFAULT_CONTEXT_NAME

    def __repr__(self) -> str:
        return f"ConfigurationWrapper(context_name={self._context_name!r})"

    @property
    def original(self) -> Configuration:
        """The wrapped configuration."""
        return self._configuration

    @property
    def context_name(self) -> str:
        """Name of the context this wrapper works on."""
        return self._context_name

    @property
    def current_context(self) -> Context:
        """The context (created empty in the configuration when missing)."""
        contexts = self._configuration.contexts
        context = contexts.get(self._context_name)
        if context is None:
            context = contexts[self._context_name] = Context()
        return context

    @property
    def endpoints(self) -> list[ServiceEndpoint]:
        """The context's endpoints (the live list)."""
        return self.current_context.endpoints

    @property
    def defaults(self) -> dict[str, str]:
        """The context's default endpoint id per short type (the live dict)."""
        return self.current_context.defaults

    # -- look-ups -----------------------------------------------------------------------

    def get_endpoint(
        self,
        endpoint_id: str,
        service_types: Sequence[ServiceType] | None = None,
        reference_endpoint_id: str | None = None,
    ) -> ServiceEndpoint:
        """The endpoint with ``endpoint_id``.

        The reference library's form, ``get_endpoint(adapter_type, service_types,
        endpoint_id=None)``, is accepted too: with ``service_types`` given, the first
        endpoint whose type is one of them (or the one with ``reference_endpoint_id``).

        Raises:
            MissingEndpointError: no such endpoint in this context.
        """
        if service_types is not None:
            return self._reference_get_endpoint(endpoint_id, service_types, reference_endpoint_id)
        for endpoint in self.endpoints:
            if endpoint.id == endpoint_id:
                return endpoint
        raise MissingEndpointError(
            f"no endpoint with id {endpoint_id!r} in context {self._context_name!r}"
        )

    def get_endpoint_by_id(self, id: str) -> ServiceEndpoint | None:
        """The endpoint with ``id``, or None (the reference library's look-up)."""
        return next((e for e in self.endpoints if e.id == id), None)

    def _reference_get_endpoint(
        self, adapter_type: str, service_types: Sequence[ServiceType], endpoint_id: str | None
    ) -> ServiceEndpoint:
        for endpoint in self.endpoints:
            if endpoint_id is not None:
                if endpoint.id == endpoint_id:
                    return endpoint
            elif not service_types or endpoint.type in service_types:
                return endpoint
        raise MissingEndpointError(
            f"the {adapter_type!r} endpoint #{endpoint_id or '?'} is not defined in context "
            f"{self._context_name!r}"
        )

    def endpoints_of_type(self, short_type: str) -> list[ServiceEndpoint]:
        """Endpoints whose type belongs to ``short_type`` (any version)."""
        wanted = normalize_short_type(short_type)
        return [e for e in self.endpoints if short_type_of(e.type) == wanted]

    def get_default_endpoint(self, short_type: str) -> ServiceEndpoint | None:
        """The default endpoint of ``short_type``: the one named in ``defaults``, else the
        only endpoint of that type, else None.

        Raises:
            MissingEndpointError: ``defaults`` names an endpoint that does not exist.
            UnknownClientShortTypeError: ``short_type`` is not a known short type.
        """
        wanted = normalize_short_type(short_type)
        endpoint_id = self.defaults.get(wanted)
        if endpoint_id is not None:
            return self.get_endpoint(endpoint_id)
        candidates = self.endpoints_of_type(wanted)
        return candidates[0] if len(candidates) == 1 else None

    # -- changes ------------------------------------------------------------------------

    def add_endpoint(self, endpoint: ServiceEndpoint, *, make_default: bool = False) -> None:
        """Add ``endpoint`` (replacing one with the same id); optionally make it default."""
        endpoints = self.endpoints
        for index, existing in enumerate(endpoints):
            if existing.id == endpoint.id:
                endpoints[index] = endpoint
                break
        else:
            endpoints.append(endpoint)
        if make_default:
            short_type = short_type_of(endpoint.type)
            if short_type is None:
                raise MissingEndpointError(
                    f"endpoint {endpoint.id!r} has no known service type to be a default for"
                )
            self.defaults[short_type] = endpoint.id

    def remove_endpoint(self, endpoint_id: str) -> None:
        """Remove the endpoint and any default pointing at it (no error if absent)."""
        context = self.current_context
        context.endpoints = [e for e in context.endpoints if e.id != endpoint_id]
        context.defaults = {k: v for k, v in context.defaults.items() if v != endpoint_id}

    def set_default(self, short_type: str, endpoint_id: str) -> None:
        """Make ``endpoint_id`` the default for ``short_type``.

        Raises:
            MissingEndpointError: no such endpoint in this context.
        """
        self.get_endpoint(endpoint_id)
        self.defaults[normalize_short_type(short_type)] = endpoint_id

    def unset_default(self, short_type: str) -> None:
        """Forget the default endpoint of ``short_type``."""
        self.defaults.pop(normalize_short_type(short_type), None)
