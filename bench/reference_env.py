"""The reference library, ``dnastack-client-library``, in its own virtual environment.

Installed on first use into ``bench/.venv-ref`` (git-ignored) with the latest release from
PyPI plus ``pyarrow`` (for the reference's side of the ``to_arrow()`` comparison; pandas is
already one of its dependencies). A stamp file records the installed version; delete the
directory (or pass ``--reinstall-reference``) to pick up a newer release.

``version`` pins a release instead (the compatibility tests use the release issue 11 was
measured with): a venv holding another version is reinstalled with the pinned one.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

__all__ = ["REFERENCE_PACKAGE", "ReferenceEnv", "ensure_reference_env"]

REFERENCE_PACKAGE = "dnastack-client-library"
EXTRA_PACKAGES = ("pyarrow",)
STAMP_NAME = ".bench-installed"
INSTALL_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class ReferenceEnv:
    venv: Path
    python: Path
    version: str

    def script(self, name: str) -> Path:
        return self.venv / "bin" / name


def _installed_version(python: Path) -> str | None:
    try:
        completed = subprocess.run(
            [
                str(python),
                "-c",
                "import importlib.metadata as m; print(m.version('dnastack-client-library'))",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout.strip() or None


def ensure_reference_env(
    venv: Path,
    *,
    reinstall: bool = False,
    base_python: str | None = None,
    version: str | None = None,
    extra_packages: tuple[str, ...] = EXTRA_PACKAGES,
) -> ReferenceEnv:
    """Create/refresh the reference venv; raise RuntimeError when it cannot be installed.

    Args:
        venv: where the venv lives (git-ignored).
        reinstall: start from an empty venv.
        base_python: the interpreter that creates the venv (default: this one).
        version: install exactly this release (default: the latest).
        extra_packages: installed beside it (default: ``pyarrow``, for the bench).

    Concurrent callers (a bench run and the quick test) wait for each other on a lock file.
    """
    venv.parent.mkdir(parents=True, exist_ok=True)
    lock_path = venv.parent / f"{venv.name}.lock.d"
    lock_path.mkdir(exist_ok=True)  # a directory: matched by the .venv-*/ ignore rule
    with FileLock(lock_path / "lock"):  # portable (flock on POSIX, msvcrt on Windows)
        return _ensure_unlocked(
            venv,
            reinstall=reinstall,
            base_python=base_python,
            version=version,
            extra_packages=extra_packages,
        )


def _ensure_unlocked(
    venv: Path,
    *,
    reinstall: bool,
    base_python: str | None,
    version: str | None,
    extra_packages: tuple[str, ...],
) -> ReferenceEnv:
    python = venv / "bin" / "python"
    stamp = venv / STAMP_NAME
    if reinstall and venv.exists():
        shutil.rmtree(venv)
    if stamp.is_file() and python.exists():
        installed = _installed_version(python)
        if installed and (version is None or installed == version):
            return ReferenceEnv(venv, python, installed)
    steps = []
    if not python.exists():
        steps.append([base_python or sys.executable, "-m", "venv", "--clear", str(venv)])
    requirement = f"{REFERENCE_PACKAGE}=={version}" if version else REFERENCE_PACKAGE
    steps.append(
        [str(python), "-m", "pip", "install", "-q", "--upgrade", requirement, *extra_packages]
    )
    for step in steps:
        try:
            completed = subprocess.run(
                step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"installing the reference library failed: {exc}") from exc
        if completed.returncode != 0:
            tail = (completed.stderr or completed.stdout).strip()[-1500:]
            raise RuntimeError(f"installing the reference library failed:\n{tail}")
    installed = _installed_version(python)
    if not installed:
        raise RuntimeError("the reference library was installed but cannot be imported")
    stamp.write_text(installed + "\n")
    return ReferenceEnv(venv, python, installed)
