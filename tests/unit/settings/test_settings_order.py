"""The resolution order, proven for every setting.

argument > session override > environment > config file > default
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

from dnastack.settings import SETTINGS, SecurityContext, SessionOverrides, resolve_settings
from dnastack.settings.sources import CONTRACT_BOUND_DEFAULTS, URL_SETTING_NAMES

LAYERS = ("argument", "session", "environment", "file", "default")


CONTRACT_BOUND_CASES: dict[str, tuple[Any, Any, Any, Any]] = {
    "contract_max_pages": (2, 3, 4, 5),
    "contract_max_ids": (6, 7, 8, 9),
    "contract_max_walk_bytes": (0, 10, 20, 30),
    "contract_max_walk_seconds": (1.5, 2.5, 3.5, 4.5),
    "contract_download_budget": (0, 100, 200, 300),
    "contract_max_downloads": (0, 1, 2, 3),
}
"""Per contract bound: argument, session, environment and file values."""


@attrs.frozen
class Case:
    """Raw value per layer and the resolved value expected from each."""

    name: str
    argument: Any
    session: Any
    env: tuple[str, str]  # (variable, text)
    file: Any  # None: this setting has no config-file layer
    expected: Callable[[Path], dict[str, Any]]  # layer -> resolved value


def files(root: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = root / name
        path.write_text('{"access_token": "from-file"}')
        paths.append(path)
    return paths


def case_table(root: Path) -> list[Case]:
    home = root / "home"
    certs = files(root, "arg.pem", "session.pem", "file.pem")
    session_files = files(root, "arg.json", "session.json", "env.json")
    cases = [
        Case(
            "config_file",
            root / "arg.yaml",
            root / "session.yaml",
            ("DNASTACK_CONFIG_FILE", str(root / "env.yaml")),
            None,
            lambda r: {
                "argument": r / "arg.yaml",
                "session": r / "session.yaml",
                "environment": r / "env.yaml",
                "default": home / ".dnastack" / "config.yaml",
            },
        ),
        Case(
            "context",
            "arg-ctx",
            "session-ctx",
            ("DNASTACK_CONTEXT", "env-ctx"),
            "file-ctx",
            lambda r: {
                "argument": "arg-ctx",
                "session": "session-ctx",
                "environment": "env-ctx",
                "file": "file-ctx",
                "default": "default",
            },
        ),
        Case(
            "session_dir",
            root / "arg-sessions",
            str(root / "session-sessions"),
            ("DNASTACK_SESSION_DIR", str(root / "env-sessions")),
            str(root / "file-sessions"),
            lambda r: {
                "argument": r / "arg-sessions",
                "session": r / "session-sessions",
                "environment": r / "env-sessions",
                "file": r / "file-sessions",
                "default": home / ".dnastack" / "sessions",
            },
        ),
        Case(
            "security_context",
            {"auth_token": "arg-token"},
            SecurityContext(auth_token="session-token"),
            ("DNASTACK_SECURITY_CONTEXT", '{"auth_token_type": "Bearer", "auth_token": "env-tok"}'),
            None,
            lambda r: {
                "argument": SecurityContext(auth_token="arg-token"),
                "session": SecurityContext(auth_token="session-token"),
                "environment": SecurityContext(auth_token="env-tok"),
                "default": None,
            },
        ),
        Case(
            "timeout",
            1.5,
            "2.5",
            ("DNASTACK_TIMEOUT", "3.5"),
            4.5,
            lambda r: {
                "argument": 1.5,
                "session": 2.5,
                "environment": 3.5,
                "file": 4.5,
                "default": None,
            },
        ),
        Case(
            "request_deadline",
            21.0,
            "22",
            ("DNASTACK_REQUEST_DEADLINE", "23"),
            24,
            lambda r: {
                "argument": 21.0,
                "session": 22.0,
                "environment": 23.0,
                "file": 24.0,
                "default": 600.0,
            },
        ),
        Case(
            "max_response_bytes",
            1000,
            "2000",
            ("DNASTACK_MAX_RESPONSE_BYTES", "3000"),
            4000,
            lambda r: {
                "argument": 1000,
                "session": 2000,
                "environment": 3000,
                "file": 4000,
                "default": 256 * 1024 * 1024,
            },
        ),
        Case(
            "polling_max_wait",
            11.0,
            "12",
            ("DNASTACK_POLLING_MAX_WAIT", "13"),
            14,
            lambda r: {
                "argument": 11.0,
                "session": 12.0,
                "environment": 13.0,
                "file": 14.0,
                "default": 600.0,
            },
        ),
        Case(
            "max_retries",
            0,
            1,
            ("DNASTACK_MAX_RETRIES", "5"),
            6,
            lambda r: {
                "argument": 0,
                "session": 1,
                "environment": 5,
                "file": 6,
                "default": 3,
            },
        ),
        Case(
            "partitions_in_flight",
            1,
            2,
            ("DNASTACK_PARTITIONS_IN_FLIGHT", "3"),
            5,
            lambda r: {"argument": 1, "session": 2, "environment": 3, "file": 5, "default": 4},
        ),
        Case(
            "partition_retries",
            0,
            1,
            ("DNASTACK_PARTITION_RETRIES", "3"),
            5,
            lambda r: {"argument": 0, "session": 1, "environment": 3, "file": 5, "default": 2},
        ),
        Case(
            "max_partitions",
            8,
            16,
            ("DNASTACK_MAX_PARTITIONS", "32"),
            64,
            lambda r: {
                "argument": 8,
                "session": 16,
                "environment": 32,
                "file": 64,
                "default": 1024,
            },
        ),
        Case(
            "download_stall_bytes",
            0,
            "10",
            ("DNASTACK_DOWNLOAD_STALL_BYTES", "20"),
            30,
            lambda r: {
                "argument": 0,
                "session": 10,
                "environment": 20,
                "file": 30,
                "default": 1024,
            },
        ),
        Case(
            "download_stall_seconds",
            1.5,
            "2.5",
            ("DNASTACK_DOWNLOAD_STALL_SECONDS", "3.5"),
            4.5,
            lambda r: {
                "argument": 1.5,
                "session": 2.5,
                "environment": 3.5,
                "file": 4.5,
                "default": 30.0,
            },
        ),
        Case(
            "max_concurrency",
            2,
            3,
            ("DNASTACK_MAX_CONCURRENCY", "5"),
            6,
            lambda r: {
                "argument": 2,
                "session": 3,
                "environment": 5,
                "file": 6,
                "default": 16,
            },
        ),
        Case(
            "ca_cert",
            str(certs[0]),
            str(certs[1]),
            ("DNASTACK_CA_CERT", "NOVERIFY"),
            str(certs[2]),
            lambda r: {
                "argument": str(certs[0]),
                "session": str(certs[1]),
                "environment": "NOVERIFY",
                "file": str(certs[2]),
                "default": None,
            },
        ),
        Case(
            "log_level",
            "DEBUG",
            "info",
            ("DNASTACK_LOG_LEVEL", "error"),
            "CRITICAL",
            lambda r: {
                "argument": "DEBUG",
                "session": "INFO",
                "environment": "ERROR",
                "file": "CRITICAL",
                "default": "WARNING",
            },
        ),
        Case(
            "session",
            '{"access_token": "a"}',
            {"access_token": "s"},
            ("DNASTACK_SESSION", '{"access_token": "e"}'),
            None,
            lambda r: {
                "argument": '{"access_token": "a"}',
                "session": '{"access_token": "s"}',
                "environment": '{"access_token": "e"}',
                "default": None,
            },
        ),
        Case(
            "session_file",
            session_files[0],
            str(session_files[1]),
            ("DNASTACK_SESSION_FILE", str(session_files[2])),
            None,
            lambda r: {
                "argument": session_files[0],
                "session": session_files[1],
                "environment": session_files[2],
                "default": None,
            },
        ),
    ]
    for name, variable in (
        ("http_proxy", "http_proxy"),
        ("https_proxy", "HTTPS_PROXY"),
        ("no_proxy", "NO_PROXY"),
    ):
        cases.append(
            Case(
                name,
                "http://arg-proxy:3128",
                "http://session-proxy:3128",
                (variable, "http://env-proxy:3128"),
                None,
                lambda r: {
                    "argument": "http://arg-proxy:3128",
                    "session": "http://session-proxy:3128",
                    "environment": "http://env-proxy:3128",
                    "default": None,
                },
            )
        )
    for name, values in CONTRACT_BOUND_CASES.items():
        cases.append(
            Case(
                name,
                values[0],
                str(values[1]),
                (f"DNASTACK_{name.upper()}", str(values[2])),
                values[3],
                lambda r, v=values, n=name: {
                    "argument": v[0],
                    "session": v[1],
                    "environment": v[2],
                    "file": v[3],
                    "default": CONTRACT_BOUND_DEFAULTS[n],
                },
            )
        )
    for short_type, name in URL_SETTING_NAMES.items():
        variable = next(s.env[0] for s in SETTINGS if s.name == name)
        cases.append(
            Case(
                name,
                f"http://arg/{short_type}/",
                f"http://session/{short_type}/",
                (variable, f"http://env/{short_type}/"),
                f"http://file/{short_type}/",
                url_expectations(short_type),
            )
        )
    return cases


TYPES = {
    "data_connect": ("org.ga4gh", "data-connect", "1.0.0"),
    "drs": ("org.ga4gh", "drs", "1.5.0"),
    "registry": ("org.ga4gh", "service-registry", "1.0.0"),
    "collections": ("com.dnastack", "collection-service", "1.0.0"),
    "explorer": ("com.dnastack", "explorer", "1.0.0"),
}


def url_expectations(short_type: str) -> Callable[[Path], dict[str, Any]]:
    def expected(root: Path) -> dict[str, Any]:
        return {
            "argument": f"http://arg/{short_type}/",
            "session": f"http://session/{short_type}/",
            "environment": f"http://env/{short_type}/",
            "file": f"http://file/{short_type}/",
            "default": None,
        }

    return expected


def config_document(case: Case, with_value: bool) -> dict[str, Any]:
    """A configuration file that holds ``case``'s file value, or the same file without it."""
    document: dict[str, Any] = {"version": 4.0, "contexts": {"default": {"endpoints": []}}}
    if not with_value:
        return document
    if case.name == "context":
        document["current_context"] = case.file
    elif case.name.endswith("_url"):
        short_type = {v: k for k, v in URL_SETTING_NAMES.items()}[case.name]
        group, artifact, version = TYPES[short_type]
        document["contexts"]["default"]["endpoints"].append(
            {
                "id": "from-file",
                "url": case.file,
                "type": {"group": group, "artifact": artifact, "version": version},
            }
        )
        document["contexts"]["default"]["defaults"] = {short_type: "from-file"}
    else:
        document["settings"] = {case.name: case.file}
    return document


def resolve_with(case: Case, root: Path, layers: tuple[str, ...]) -> Any:
    config = root / "config.yaml"
    config.write_text(yaml.safe_dump(config_document(case, "file" in layers)))
    environ = {"HOME": str(root / "home")}
    if case.name != "config_file":
        environ["DNASTACK_CONFIG_FILE"] = str(config)
    if "environment" in layers:
        environ[case.env[0]] = case.env[1]
    overrides = SessionOverrides()
    if "session" in layers:
        overrides.set(case.name, case.session)
    kwargs: dict[str, Any] = {}
    if "argument" in layers:
        if case.name.endswith("_url"):
            short_type = {v: k for k, v in URL_SETTING_NAMES.items()}[case.name]
            kwargs["endpoint_urls"] = {short_type: case.argument}
        else:
            kwargs[case.name] = case.argument
    return resolve_settings(environ=environ, overrides=overrides, **kwargs)


def test_the_table_covers_every_setting(tmp_path: Path) -> None:
    assert {c.name for c in case_table(tmp_path)} == {s.name for s in SETTINGS}


def test_settings_without_a_file_layer_are_the_documented_ones() -> None:
    no_file = {s.name for s in SETTINGS if s.file_key is None}
    assert no_file == {
        "config_file",
        "security_context",
        "session",
        "session_file",
        "http_proxy",
        "https_proxy",
        "no_proxy",
    }


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_each_layer_beats_every_layer_below_it(tmp_path: Path, name: str) -> None:
    case = next(c for c in case_table(tmp_path) if c.name == name)
    expected = case.expected(tmp_path)
    layers = tuple(layer for layer in LAYERS if layer in expected)
    assert ("file" in layers) == (case.file is not None)
    for index, top in enumerate(layers):
        active = layers[index:]
        settings = resolve_with(case, tmp_path, active)
        source = settings.source_of(name)
        assert settings.value_of(name) == expected[top], f"{name} with {active}"
        if top == "environment":
            assert source == f"environment:{case.env[0]}"
        elif top == "file":
            assert source == f"config:{tmp_path / 'config.yaml'}"
        else:
            assert source == top
