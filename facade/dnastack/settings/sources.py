"""The settings table: every setting, where it can come from, and how its value is checked.

Each setting is resolved on its own, first match wins::

    argument  >  session override  >  environment  >  config file  >  default

A source is reported as ``argument``, ``session``, ``environment:NAME``,
``config:<file>`` or ``default``. Not every setting has every layer: a setting whose
``file_key`` is None cannot come from the configuration file (the file cannot choose
itself; tokens and static sessions do not belong in it).
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from dnastack.common.redact import REDACTED, redact_url, redacted_repr
from dnastack.configuration.short_types import URL_ENVIRONMENT_VARIABLES
from dnastack.exceptions import ConfigurationError

__all__ = [
    "CONTRACT_BOUND_DEFAULTS",
    "DEFAULT_CONTEXT",
    "DEFAULT_DOWNLOAD_STALL_BYTES",
    "DEFAULT_DOWNLOAD_STALL_SECONDS",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_POLLING_MAX_WAIT_SECONDS",
    "MAX_BYTE_COUNT",
    "MAX_DURATION_SECONDS",
    "MAX_RETRIES_LIMIT",
    "MAX_TIMEOUT_SECONDS",
    "MAX_WHOLE_NUMBER",
    "NOVERIFY",
    "SETTINGS",
    "SETTINGS_BY_NAME",
    "URL_SETTING_NAMES",
    "InvalidSettingError",
    "SecurityContext",
    "SettingSpec",
    "display_value",
    "number_setting_problem",
]

DEFAULT_CONTEXT = "default"
DEFAULT_MAX_RETRIES = 3
"""Retries after the first attempt (the transport makes at most 1 + this many attempts)."""
DEFAULT_POLLING_MAX_WAIT_SECONDS = 600.0
"""Seconds one paged result may spend polling pages that are not ready (10 minutes)."""
DEFAULT_DOWNLOAD_STALL_BYTES = 1024
"""Stall rule of byte downloads: at least this many bytes per window ..."""
DEFAULT_DOWNLOAD_STALL_SECONDS = 30.0
"""... of this many seconds (a slower transfer fails with DownloadStalledError)."""
DEFAULT_MAX_CONCURRENCY = 16
"""Requests in flight at once per asyncio client (``dnastack.aio``)."""
MAX_TIMEOUT_SECONDS = 86400.0
"""Largest accepted ``timeout`` (one day); larger values are refused as out of range."""
MAX_RETRIES_LIMIT = 100
"""Largest accepted ``max_retries`` (and ``partition_retries``)."""
MAX_DURATION_SECONDS = 30 * 86400.0
"""Largest accepted duration of the other time settings (30 days)."""
MAX_WHOLE_NUMBER = 2**31 - 1
"""Largest accepted count (partitions, concurrency)."""
MAX_BYTE_COUNT = 2**40
"""Largest accepted byte count (1 TiB)."""
NOVERIFY = "NOVERIFY"
"""``DNASTACK_CA_CERT=NOVERIFY`` turns TLS certificate verification off."""
CONTRACT_BOUND_DEFAULTS: Mapping[str, int | float] = {
    "contract_max_pages": 20,
    "contract_max_ids": 50,
    "contract_max_walk_bytes": 64 * 1024 * 1024,
    "contract_max_walk_seconds": 120.0,
    "contract_download_budget": 16 * 1024 * 1024,
    "contract_max_downloads": 10,
}
"""Bounds of the contract runner's walks (``dnastack.contract.bounds.WalkBounds``)."""

_LOG_LEVELS = {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "NOTSET"}


@attrs.frozen
class SecurityContext:
    """A static token used for every endpoint (``DNASTACK_SECURITY_CONTEXT``)."""

    auth_token: str = attrs.field(repr=redacted_repr)
    auth_token_type: str = "Bearer"

    def as_authentication(self) -> dict[str, str]:
        """The endpoint authentication dict for this token (``{type: bearer, token}``)."""
        return {"type": "bearer", "token": self.auth_token}


class InvalidSettingError(ConfigurationError):
    """A setting's value is refused: ``setting``, ``source`` (``argument``, ``session``,
    ``environment:NAME``, ``config:<file>``) and ``problem`` (never the value: it may be
    a secret)."""

    def __init__(self, setting: str, source: str, problem: str) -> None:
        self.setting = setting
        self.source = source
        self.problem = problem
        super().__init__(f"setting {setting!r} from {source}: {problem}")


def _fail(name: str, source: str, problem: str) -> InvalidSettingError:
    return InvalidSettingError(name, source, problem)


# -- parsers: (raw value, setting name, source) -> checked value ----------------------------

Parser = Callable[[Any, str, str], Any]


def _text(raw: Any, name: str, source: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(name, source, "expected a non-empty string")
    return raw.strip()


def _path(raw: Any, name: str, source: str) -> Path:
    if isinstance(raw, os.PathLike):
        raw = os.fspath(raw)
    return Path(_text(raw, name, source)).expanduser()


def _existing_file(raw: Any, name: str, source: str) -> Path:
    path = _path(raw, name, source)
    if not path.is_file():
        raise _fail(name, source, f"file not found: {path}")
    return path


def _url(raw: Any, name: str, source: str) -> str:
    text = _text(raw, name, source)
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise _fail(name, source, "expected an http:// or https:// URL")
    return text


def _seconds(raw: Any, name: str, source: str, most: float) -> float:
    value: float
    if isinstance(raw, bool):
        raise _fail(name, source, "expected a number of seconds")
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:  # an integer beyond the range of a float
            raise _fail(name, source, f"out of range (at most {most:g} seconds)") from None
    elif isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            raise _fail(name, source, "expected a number of seconds") from None
    else:
        raise _fail(name, source, "expected a number of seconds")
    if not math.isfinite(value) or value <= 0:
        raise _fail(name, source, "expected a positive number of seconds")
    if value > most:
        raise _fail(name, source, f"out of range (at most {most:g} seconds)")
    return value


def _timeout(raw: Any, name: str, source: str) -> float:
    return _seconds(raw, name, source, MAX_TIMEOUT_SECONDS)


def _duration(raw: Any, name: str, source: str) -> float:
    return _seconds(raw, name, source, MAX_DURATION_SECONDS)


def _whole(raw: Any, name: str, source: str, least: int, most: int) -> int:
    value: int
    if isinstance(raw, bool):
        raise _fail(name, source, "expected a whole number")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str):
        try:
            value = int(raw.strip())
        except ValueError:  # not a number, or more than 4300 digits
            raise _fail(name, source, "expected a whole number") from None
    else:
        raise _fail(name, source, "expected a whole number")
    if not least <= value <= most:
        raise _fail(name, source, f"out of range ({least} to {most})")
    return value


def _max_retries(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 0, MAX_RETRIES_LIMIT)


def _max_concurrency(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 1, MAX_WHOLE_NUMBER)


def _positive_int(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 1, MAX_WHOLE_NUMBER)


def _count(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 0, MAX_WHOLE_NUMBER)


def _byte_count(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 0, MAX_BYTE_COUNT)


def _positive_byte_count(raw: Any, name: str, source: str) -> int:
    return _whole(raw, name, source, 1, MAX_BYTE_COUNT)


def _ca_cert(raw: Any, name: str, source: str) -> str:
    if isinstance(raw, str) and raw.strip().upper() == NOVERIFY:
        return NOVERIFY
    return str(_existing_file(raw, name, source))


def _log_level(raw: Any, name: str, source: str) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        text = logging.getLevelName(raw)
    elif isinstance(raw, str):
        text = raw.strip().upper()
        text = "WARNING" if text == "WARN" else text
    else:
        text = ""
    if text not in _LOG_LEVELS:
        raise _fail(name, source, f"expected one of {', '.join(sorted(_LOG_LEVELS))}")
    return text


def _security_context(raw: Any, name: str, source: str) -> SecurityContext:
    expected = 'expected JSON like {"auth_token_type": "Bearer", "auth_token": "..."}'
    if isinstance(raw, SecurityContext):
        return raw
    data: Any = raw
    if isinstance(raw, str):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            raise _fail(name, source, f"not valid JSON; {expected}") from None
    if not isinstance(data, Mapping):
        raise _fail(name, source, expected)
    token = data.get("auth_token")
    token_type = data.get("auth_token_type", "Bearer")
    if not isinstance(token, str) or not token:
        raise _fail(name, source, f"auth_token is missing or empty; {expected}")
    if not isinstance(token_type, str) or token_type.lower() != "bearer":
        raise _fail(name, source, "only auth_token_type 'Bearer' is supported")
    return SecurityContext(auth_token=token, auth_token_type="Bearer")


def _static_session(raw: Any, name: str, source: str) -> str:
    if isinstance(raw, Mapping):
        raw = json.dumps(dict(raw))
    if not isinstance(raw, str):
        raise _fail(name, source, "expected a JSON object (a session)")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise _fail(name, source, "not valid JSON; expected a session object") from None
    if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
        raise _fail(name, source, "expected a session object with an access_token")
    return raw


# -- the table ---------------------------------------------------------------------------


@attrs.frozen
class SettingSpec:
    """One setting: its name, environment variables, config-file key and checker.

    Attributes:
        name: the setting (argument name of ``resolve_settings`` and key of overrides).
        env: environment variables, the first non-empty one wins.
        file_key: ``"settings.<key>"`` (the file's ``settings`` mapping),
            ``"current_context"``, ``"endpoint:<short type>"`` (the URL of the context's
            default endpoint of that type), or None (no file layer).
        parse: checks and converts a raw value; raises ConfigurationError naming the
            setting and the source.
        secret: the value is redacted in every report.
    """

    name: str
    env: tuple[str, ...]
    file_key: str | None
    parse: Parser
    secret: bool = False


URL_SETTING_NAMES: Mapping[str, str] = {
    "data_connect": "data_connect_url",
    "drs": "drs_url",
    "registry": "service_registry_url",
    "collections": "collections_url",
    "explorer": "explorer_url",
}
"""Short type -> name of the setting holding its URL."""

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("config_file", ("DNASTACK_CONFIG_FILE",), None, _path),
    SettingSpec("context", ("DNASTACK_CONTEXT",), "current_context", _text),
    SettingSpec("session_dir", ("DNASTACK_SESSION_DIR",), "settings.session_dir", _path),
    SettingSpec("security_context", ("DNASTACK_SECURITY_CONTEXT",), None, _security_context, True),
    *(
        SettingSpec(URL_SETTING_NAMES[st], (env,), f"endpoint:{st}", _url)
        for st, env in URL_ENVIRONMENT_VARIABLES.items()
    ),
    SettingSpec("timeout", ("DNASTACK_TIMEOUT",), "settings.timeout", _timeout),
    SettingSpec("max_retries", ("DNASTACK_MAX_RETRIES",), "settings.max_retries", _max_retries),
    SettingSpec(
        "request_deadline", ("DNASTACK_REQUEST_DEADLINE",), "settings.request_deadline", _duration
    ),
    SettingSpec(
        "max_response_bytes",
        ("DNASTACK_MAX_RESPONSE_BYTES",),
        "settings.max_response_bytes",
        _positive_byte_count,
    ),
    SettingSpec(
        "polling_max_wait", ("DNASTACK_POLLING_MAX_WAIT",), "settings.polling_max_wait", _duration
    ),
    SettingSpec("ca_cert", ("DNASTACK_CA_CERT",), "settings.ca_cert", _ca_cert),
    SettingSpec(
        "partitions_in_flight",
        ("DNASTACK_PARTITIONS_IN_FLIGHT",),
        "settings.partitions_in_flight",
        _positive_int,
    ),
    SettingSpec(
        "partition_retries",
        ("DNASTACK_PARTITION_RETRIES",),
        "settings.partition_retries",
        _max_retries,
    ),
    SettingSpec(
        "max_partitions", ("DNASTACK_MAX_PARTITIONS",), "settings.max_partitions", _positive_int
    ),
    SettingSpec(
        "max_concurrency",
        ("DNASTACK_MAX_CONCURRENCY",),
        "settings.max_concurrency",
        _max_concurrency,
    ),
    SettingSpec("log_level", ("DNASTACK_LOG_LEVEL",), "settings.log_level", _log_level),
    SettingSpec("session", ("DNASTACK_SESSION",), None, _static_session, True),
    SettingSpec("session_file", ("DNASTACK_SESSION_FILE",), None, _existing_file),
    SettingSpec("http_proxy", ("http_proxy", "HTTP_PROXY"), None, _text),
    SettingSpec("https_proxy", ("https_proxy", "HTTPS_PROXY"), None, _text),
    SettingSpec("no_proxy", ("no_proxy", "NO_PROXY"), None, _text),
    SettingSpec(
        "download_stall_bytes",
        ("DNASTACK_DOWNLOAD_STALL_BYTES",),
        "settings.download_stall_bytes",
        _byte_count,
    ),
    SettingSpec(
        "download_stall_seconds",
        ("DNASTACK_DOWNLOAD_STALL_SECONDS",),
        "settings.download_stall_seconds",
        _duration,
    ),
    *(
        SettingSpec(name, (f"DNASTACK_{name.upper()}",), f"settings.{name}", parse)
        for name, parse in (
            ("contract_max_pages", _positive_int),
            ("contract_max_ids", _positive_int),
            ("contract_max_walk_bytes", _byte_count),
            ("contract_max_walk_seconds", _duration),
            ("contract_download_budget", _byte_count),
            ("contract_max_downloads", _count),
        )
    ),
)
"""Every setting, in resolution order (``config_file`` first: it locates the file layer;
``context`` next: it selects the endpoints the URL settings read)."""

SETTINGS_BY_NAME: Mapping[str, SettingSpec] = {spec.name: spec for spec in SETTINGS}

_NUMBER_PARSERS: frozenset[Parser] = frozenset(
    {
        _timeout,
        _duration,
        _max_retries,
        _max_concurrency,
        _positive_int,
        _count,
        _byte_count,
        _positive_byte_count,
    }
)


def number_setting_problem(key: str, raw: Any) -> str | None:
    """What is wrong with ``settings.<key>: raw`` in a configuration file when ``key`` is a
    number setting (a timeout, a limit, a count): its own parser's complaint (not a number,
    NaN, infinite, out of range), or None (a good value, or not a number setting).

    The configuration loader reports it with the file, line and field
    (:class:`~dnastack.configuration.manager.InvalidExistingConfigurationError`).
    """
    spec = SETTINGS_BY_NAME.get(key)
    if spec is None or spec.file_key != f"settings.{key}" or spec.parse not in _NUMBER_PARSERS:
        return None
    try:
        spec.parse(raw, key, "the configuration file")
    except InvalidSettingError as exc:
        return exc.problem
    return None


def display_value(name: str, value: Any) -> str:
    """A value as shown in reports and logs: secrets masked, URL credentials removed."""
    if value is None:
        return "None"
    spec = SETTINGS_BY_NAME.get(name)
    if isinstance(value, SecurityContext):
        return f"{value.auth_token_type} {REDACTED}"
    if spec is not None and spec.secret:
        return REDACTED
    if isinstance(value, str) and "://" in value:
        return redact_url(value)
    return str(value)
