"""Optional features and the extras that install them.

Each optional entry point checks its extra first, so that a plain ``pip install
dnastack-sdk`` answers ``dnastack contract-test``, ``python -m dnastack.devserver`` or
``result.to_pandas()`` with the extra to install and the pip command, never with an
internal ``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import NoReturn

from dnastack.exceptions import MissingExtraError

__all__ = ["DISTRIBUTION", "EXTRAS", "exit_unless_installed", "missing_modules", "require_extra"]

DISTRIBUTION = "dnastack-sdk"

EXTRAS: dict[str, tuple[str, ...]] = {
    "pandas": ("pandas",),
    "arrow": ("pyarrow",),
    "dataframes": ("pandas", "pyarrow"),
    "dask": ("pandas", "pyarrow", "dask", "distributed"),
    "spark": ("pandas", "pyarrow", "pyspark"),
    "devserver": ("starlette", "uvicorn", "httptools", "duckdb", "orjson"),
    "contract": ("schemathesis", "hypothesis", "requests", "jsonschema_rs"),
    "fast": ("orjson",),
}
"""extra -> the top-level modules it provides (pyproject.toml declares the distributions)."""


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (found without importing)."""
    missing = []
    for module in EXTRAS[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(module)
    return missing


def require_extra(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtraError` when a module of ``extra`` is missing.

    The message names ``feature``, the missing modules and the pip command.
    """
    missing = missing_modules(extra)
    if missing:
        raise MissingExtraError(
            f"{feature} needs the {extra!r} extra ({', '.join(missing)} not installed): "
            f"pip install '{DISTRIBUTION}[{extra}]'"
        )


def exit_unless_installed(extra: str, feature: str) -> None:
    """For ``python -m`` entry points: one line on stderr and exit status 1 when the extra
    is missing."""
    try:
        require_extra(extra, feature)
    except MissingExtraError as exc:
        _exit(str(exc))


def _exit(message: str) -> NoReturn:
    print(f"{message}", file=sys.stderr)
    raise SystemExit(1)
