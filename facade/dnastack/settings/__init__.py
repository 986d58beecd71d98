"""Layered settings: one documented order, one immutable result, every source reported.

Each setting is resolved on its own, first match wins::

    argument  >  session override  >  environment  >  config file  >  default

Environment variables: ``DNASTACK_CONFIG_FILE``, ``DNASTACK_CONTEXT``,
``DNASTACK_SESSION_DIR``, ``DNASTACK_SECURITY_CONTEXT`` (JSON
``{"auth_token_type": "Bearer", "auth_token": "..."}``: a static token for every
endpoint), ``DNASTACK_DATA_CONNECT_URL``, ``DNASTACK_DRS_URL``,
``DNASTACK_SERVICE_REGISTRY_URL``, ``DNASTACK_COLLECTIONS_URL``,
``DNASTACK_EXPLORER_URL``, ``DNASTACK_TIMEOUT`` (seconds, connect and read),
``DNASTACK_MAX_RETRIES``, ``DNASTACK_CA_CERT`` (a CA bundle path or ``NOVERIFY``),
``DNASTACK_LOG_LEVEL``, ``DNASTACK_SESSION`` (a session as JSON) and
``DNASTACK_SESSION_FILE`` (a file holding one), and the proxies ``http_proxy``/
``HTTP_PROXY``, ``https_proxy``/``HTTPS_PROXY``, ``no_proxy``/``NO_PROXY``.

Session overrides (process-local, like dxpy's ``set_*``): :func:`set_security_context`,
:func:`set_endpoint_url`, :func:`set_context`, :func:`set_setting`,
:func:`clear_session_overrides`.

Use :func:`resolve_settings` to get a :class:`Settings` and pass it explicitly;
:func:`describe_settings` lists every value with its source (``argument``, ``session``,
``environment:NAME``, ``config:<file>``, ``default``), secrets masked.
"""

from __future__ import annotations

from dnastack.settings.overrides import (
    SESSION_OVERRIDES,
    SessionOverrides,
    clear_session_overrides,
    get_session_overrides,
    set_context,
    set_endpoint_url,
    set_security_context,
    set_setting,
)
from dnastack.settings.resolver import SettingReport, Settings, describe_settings, resolve_settings
from dnastack.settings.sources import SETTINGS, SecurityContext, SettingSpec

__all__ = [
    "SESSION_OVERRIDES",
    "SETTINGS",
    "SecurityContext",
    "SessionOverrides",
    "SettingReport",
    "SettingSpec",
    "Settings",
    "clear_session_overrides",
    "describe_settings",
    "get_session_overrides",
    "resolve_settings",
    "set_context",
    "set_endpoint_url",
    "set_security_context",
    "set_setting",
]
