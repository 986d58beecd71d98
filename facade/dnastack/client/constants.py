"""Which client class serves which service type: the registry every factory consults.

Each client module registers its class once, at import, with
:func:`register_service_client`; the class's ``get_supported_service_types()`` says which
(group, artifact) pairs it serves, and each registration covers the whole major version of
the declared type (``org.ga4gh:data-connect:1.0.0`` covers every ``1.x``). One class per
service type: a second class claiming an overlapping (group, artifact, version range) is a
programming error and raises :class:`ValueError`.

Lookups (:func:`client_class_for`, :func:`client_class_for_adapter_type`,
:func:`registered_client_classes`) first import the built-in client modules, so a factory
finds every client without importing them itself (and ``import dnastack`` stays lazy).
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from dnastack.client.base import BaseServiceClient
    from dnastack.client.service_registry.models import ServiceType

__all__ = [
    "BUILTIN_CLIENT_MODULES",
    "SERVICE_CLIENT_CLASS",
    "ClientRegistration",
    "VersionRange",
    "client_class_for",
    "client_class_for_adapter_type",
    "parse_version",
    "register_service_client",
    "registered_client_classes",
    "registrations",
]

SERVICE_CLIENT_CLASS = TypeVar("SERVICE_CLIENT_CLASS", bound="BaseServiceClient")
"""A concrete service client class (``DataConnectClient``, ``DrsClient``, ...)."""

BUILTIN_CLIENT_MODULES: tuple[str, ...] = (
    "dnastack.client.data_connect.client",
    "dnastack.client.drs.client",
    "dnastack.client.service_registry.client",
    "dnastack.client.collections.client",
    "dnastack.client.explorer.client",
)
"""Modules that register the SDK's own clients; imported on the first registry lookup."""

_VERSION_PART = re.compile(r"\d+")


def parse_version(text: str) -> tuple[int, ...] | None:
    """``"1.0.0"`` -> ``(1, 0, 0)``; ``"v1.2"`` -> ``(1, 2)``; ``"1.x"`` -> ``(1,)``.

    Each dot-separated part contributes its leading digits; parsing stops at the first
    part without any (``"1.0.0-beta"`` -> ``(1, 0, 0)``). None when no number leads.
    """
    parts: list[int] = []
    for part in text.strip().lstrip("vV").split("."):
        match = _VERSION_PART.match(part)
        if match is None:
            break
        parts.append(int(match.group()))
    return tuple(parts) or None


@dataclass(frozen=True)
class VersionRange:
    """Versions ``>= minimum`` and ``< maximum`` (compared as integer tuples)."""

    minimum: tuple[int, ...]
    maximum: tuple[int, ...]

    @classmethod
    def major_of(cls, version: str) -> VersionRange:
        """Every version with the same major number as ``version`` (``1.0.0`` -> ``1.x``)."""
        parsed = parse_version(version)
        major = parsed[0] if parsed else 0
        return cls((major,), (major + 1,))

    def __contains__(self, version: object) -> bool:
        if not isinstance(version, str):
            return False
        parsed = parse_version(version)
        return parsed is not None and self.minimum <= parsed < self.maximum

    def overlaps(self, other: VersionRange) -> bool:
        return self.minimum < other.maximum and other.minimum < self.maximum

    def __str__(self) -> str:
        if len(self.minimum) == 1 and self.maximum == (self.minimum[0] + 1,):
            return f"{self.minimum[0]}.x"
        low = ".".join(map(str, self.minimum))
        high = ".".join(map(str, self.maximum))
        return f">={low},<{high}"


@dataclass(frozen=True)
class ClientRegistration:
    """One (group, artifact, version range) served by ``client_class``."""

    group: str
    artifact: str
    versions: VersionRange
    client_class: type[BaseServiceClient]

    def matches(self, service_type: ServiceType) -> bool:
        return (
            self.group == service_type.group
            and self.artifact == service_type.artifact
            and service_type.version in self.versions
        )

    def __str__(self) -> str:
        return f"{self.group}:{self.artifact}:{self.versions} -> {self.client_class.__name__}"


_lock = threading.RLock()
_registrations: list[ClientRegistration] = []
_builtins_loaded = False


def register_service_client(
    client_class: type[BaseServiceClient],
    service_types: Iterable[ServiceType] | None = None,
) -> type[BaseServiceClient]:
    """Register ``client_class`` for its service types (default: its supported ones).

    Each type covers its whole major version. Registering the same class again is a no-op.

    Raises:
        ValueError: another class already serves an overlapping (group, artifact, version).
    """
    types = list(
        service_types if service_types is not None else client_class.get_supported_service_types()
    )
    with _lock:
        for service_type in types:
            entry = ClientRegistration(
                service_type.group,
                service_type.artifact,
                VersionRange.major_of(service_type.version),
                client_class,
            )
            for existing in _registrations:
                if (
                    existing.group == entry.group
                    and existing.artifact == entry.artifact
                    and existing.versions.overlaps(entry.versions)
                ):
                    if _same_class(existing.client_class, client_class):
                        break
                    raise ValueError(
                        f"cannot register {client_class.__name__} for "
                        f"{entry.group}:{entry.artifact}:{entry.versions}: already served by "
                        f"{existing.client_class.__name__}"
                    )
            else:
                _registrations.append(entry)
    return client_class


def _same_class(a: type, b: type) -> bool:
    """The same class, or the same class re-created by a module reload."""
    return a is b or (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def _load_builtins() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    with _lock:
        if _builtins_loaded:
            return
        for module_name in BUILTIN_CLIENT_MODULES:
            try:
                importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:  # a missing dependency is a real error
                    raise
        _builtins_loaded = True


def registrations() -> list[ClientRegistration]:
    """Every registration (the built-in clients' included), in registration order."""
    _load_builtins()
    with _lock:
        return list(_registrations)


def registered_client_classes() -> list[type[BaseServiceClient]]:
    """Every registered client class, once each, in registration order."""
    seen: list[type[BaseServiceClient]] = []
    for entry in registrations():
        if entry.client_class not in seen:
            seen.append(entry.client_class)
    return seen


def client_class_for(service_type: ServiceType) -> type[BaseServiceClient] | None:
    """The client class serving ``service_type`` (group, artifact, version range), or None."""
    for entry in registrations():
        if entry.matches(service_type):
            return entry.client_class
    return None


def client_class_for_adapter_type(adapter_type: str) -> type[BaseServiceClient] | None:
    """The client class whose ``get_adapter_type()`` is ``adapter_type``, or None."""
    for client_class in registered_client_classes():
        if client_class.get_adapter_type() == adapter_type:
            return client_class
    return None


def __getattr__(name: str) -> Any:
    """The reference library's tuples of client classes, built on use (importing every
    client): ``ALL_SERVICE_CLIENT_CLASSES`` (the registry's included) and
    ``DATA_SERVICE_CLIENT_CLASSES`` (the data services)."""
    if name == "ALL_SERVICE_CLIENT_CLASSES":
        return tuple(registered_client_classes())
    if name == "DATA_SERVICE_CLIENT_CLASSES":
        return tuple(c for c in registered_client_classes() if c.get_adapter_type() != "registry")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
