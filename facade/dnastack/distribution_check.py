"""Refuse to run beside dnastack-client-library, which installs into the same ``dnastack/`` folder.

Both distributions write one ``dnastack`` package folder: installed together they overwrite
each other's files (the old ``omics`` command breaks; uninstalling one deletes the other's
``__init__.py``). ``import dnastack`` and the ``dnastack`` command therefore check, once,
whether the shared ``dnastack/`` folder holds a file only the other distribution installs
(one ``stat``; its metadata is read only once a conflict is found) and stop with one error
that names it and the fix. Only the stdlib (and :mod:`dnastack.exceptions`) is imported
here: ``import dnastack`` stays cheap.
"""

from __future__ import annotations

import os
import sys

from dnastack.exceptions import DnastackError

__all__ = [
    "CONFLICTING_DISTRIBUTION",
    "ConflictingDistributionError",
    "check_no_conflicting_distribution",
    "conflict_message",
    "conflicting_distribution",
]

CONFLICTING_DISTRIBUTION = "dnastack-client-library"
_METADATA_PREFIX = "dnastack_client_library-"
_METADATA_SUFFIXES = (".dist-info", ".egg-info")
_MARKER_FILE = "omics_cli.py"  # in dnastack/ only when dnastack-client-library is installed there
_CONSOLE_SCRIPTS = frozenset({"dnastack", "omics"})


class ConflictingDistributionError(DnastackError, ImportError):
    """dnastack-client-library is installed beside this SDK, in the same ``dnastack/`` folder."""


def conflicting_distribution(site_dir: str | None = None) -> str | None:
    """The ``name version`` of dnastack-client-library when it is installed in ``site_dir``
    (default: the folder holding this ``dnastack`` package), else None.

    The common case costs one ``stat``: a file only the other distribution puts into the
    shared ``dnastack/`` folder. Its metadata (and ``importlib.metadata``) is read only once
    that file is found.
    """
    folder = site_dir or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.exists(os.path.join(folder, "dnastack", _MARKER_FILE)):
        return None
    version = "(unknown version)"
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name.lower()
                if name.startswith(_METADATA_PREFIX) and name.endswith(_METADATA_SUFFIXES):
                    version = entry.name[len(_METADATA_PREFIX) :].rsplit(".", 1)[0]
                    break
    except OSError:
        pass
    try:
        import importlib.metadata

        version = importlib.metadata.version(CONFLICTING_DISTRIBUTION)
    except Exception:  # noqa: BLE001 - the folder name (or "unknown") names it well enough
        pass
    return f"{CONFLICTING_DISTRIBUTION} {version}"


def conflict_message(found: str, folder: str) -> str:
    """The one error: what is installed where, why it breaks, and the fix."""
    return (
        f"{found} is installed in {folder} beside dnastack-sdk: both install the same "
        "'dnastack' package folder and overwrite each other's files. Fix: "
        "pip uninstall -y dnastack-client-library dnastack-sdk && pip install dnastack-sdk "
        "(or keep each library in its own virtual environment)."
    )


def check_no_conflicting_distribution() -> None:
    """Raise :class:`ConflictingDistributionError` when dnastack-client-library shares
    this package's folder; as the ``dnastack``/``omics`` command, print it and exit 1."""
    found = conflicting_distribution()
    if found is None:
        return
    folder = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    message = conflict_message(found, folder)
    if os.path.basename(sys.argv[0] if sys.argv else "") in _CONSOLE_SCRIPTS:
        sys.stderr.write(f"Error: {message}\n")
        raise SystemExit(1)
    raise ConflictingDistributionError(message, name="dnastack")
