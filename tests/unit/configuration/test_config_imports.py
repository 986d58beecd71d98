"""Configuration, settings and session modules import without YAML or httpx."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("yaml", "httpx", "click", "rich", "pandas")


@pytest.mark.parametrize(
    "module",
    [
        "dnastack.configuration",
        "dnastack.configuration.manager",
        "dnastack.configuration.wrapper",
        "dnastack.settings",
        "dnastack.http",
        "dnastack.http.session_info",
        "dnastack.http.session_storage",
        "dnastack.client.models",
    ],
)
def test_importing_stays_light(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_package_root_re_exports_the_session_override_functions() -> None:
    import dnastack
    import dnastack.settings

    for name in ("set_security_context", "set_endpoint_url", "set_context"):
        assert getattr(dnastack, name) is getattr(dnastack.settings, name)
