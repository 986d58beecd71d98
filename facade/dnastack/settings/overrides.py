"""Session overrides: process-local settings, like dxpy's ``set_*`` functions.

They sit between explicit arguments and the environment, last for the life of the process
(or until cleared) and never touch ``os.environ`` or any file. Values are checked when
set, so a bad value fails at the call that introduced it.

:data:`SESSION_OVERRIDES` is the SDK's only mutable process-global settings state; every
resolved value is otherwise carried by an explicit, immutable ``Settings`` object.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from dnastack.configuration.short_types import normalize_short_type
from dnastack.exceptions import ConfigurationError, UnknownClientShortTypeError
from dnastack.settings.sources import (
    SETTINGS_BY_NAME,
    URL_SETTING_NAMES,
    SecurityContext,
    display_value,
)

__all__ = [
    "SESSION_OVERRIDES",
    "SessionOverrides",
    "clear_session_overrides",
    "get_session_overrides",
    "set_context",
    "set_endpoint_url",
    "set_security_context",
    "set_setting",
]

SESSION_SOURCE = "session"


class SessionOverrides:
    """A thread-safe store of checked setting values (name -> value)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        shown = {k: display_value(k, v) for k, v in self.snapshot().items()}
        return f"SessionOverrides({shown})"

    def set(self, name: str, value: Any) -> None:
        """Override setting ``name`` (None removes the override).

        Raises:
            ConfigurationError: unknown setting, or a value that does not pass its check
                (the message names the setting and the ``session`` source).
        """
        spec = SETTINGS_BY_NAME.get(name)
        if spec is None:
            raise ConfigurationError(
                f"unknown setting {name!r}; expected one of {', '.join(SETTINGS_BY_NAME)}"
            )
        with self._lock:
            if value is None:
                self._values.pop(name, None)
                return
        checked = spec.parse(value, name, SESSION_SOURCE)
        with self._lock:
            self._values[name] = checked

    def get(self, name: str) -> Any:
        """The override for ``name``, or None."""
        with self._lock:
            return self._values.get(name)

    def snapshot(self) -> Mapping[str, Any]:
        """A copy of every override."""
        with self._lock:
            return dict(self._values)

    def clear(self) -> None:
        """Remove every override."""
        with self._lock:
            self._values.clear()


SESSION_OVERRIDES = SessionOverrides()
"""The process's session overrides (read by ``resolve_settings`` by default)."""


def set_security_context(security_context: Mapping[str, Any] | SecurityContext | None) -> None:
    """Use a static token for every endpoint in this process.

    Args:
        security_context: ``{"auth_token_type": "Bearer", "auth_token": "..."}`` (as for
            ``DNASTACK_SECURITY_CONTEXT``), or None to remove the override.
    """
    SESSION_OVERRIDES.set("security_context", security_context)


def set_endpoint_url(short_type: str, url: str | None) -> None:
    """Use ``url`` for the endpoint of ``short_type`` in this process (None removes it).

    Raises:
        UnknownClientShortTypeError: ``short_type`` is not ``data_connect``, ``drs``,
            ``registry``, ``collections`` or ``explorer``.
    """
    try:
        canonical = normalize_short_type(short_type)
    except UnknownClientShortTypeError as exc:
        raise UnknownClientShortTypeError(
            f"setting 'endpoint_urls' from {SESSION_SOURCE}: {exc}"
        ) from None
    SESSION_OVERRIDES.set(URL_SETTING_NAMES[canonical], url)


def set_context(name: str | None) -> None:
    """Use the configuration context ``name`` in this process (None removes it)."""
    SESSION_OVERRIDES.set("context", name)


def set_setting(name: str, value: Any) -> None:
    """Override any setting by name (``timeout``, ``max_retries``, ``ca_cert``, ...)."""
    SESSION_OVERRIDES.set(name, value)


def clear_session_overrides() -> None:
    """Forget every session override."""
    SESSION_OVERRIDES.clear()


def get_session_overrides() -> dict[str, str]:
    """The current overrides for display (secrets masked)."""
    return {k: display_value(k, v) for k, v in SESSION_OVERRIDES.snapshot().items()}
