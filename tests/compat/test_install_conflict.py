"""Installing this SDK over dnastack-client-library (one ``dnastack/`` folder) stops with one
clear error, on import and in the command line; the documented fix works.

The end-to-end test uses a throwaway venv: the reference's wheel (no dependencies), then this
SDK's wheel (no dependencies) on top, as ``pip install`` would leave them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from dnastack.distribution_check import conflict_message, conflicting_distribution
from tests.compat.conftest import REFERENCE_VERSION, _unreachable_pypi

pytestmark = pytest.mark.timeout(1800)  # builds throwaway venvs from PyPI

ROOT = Path(__file__).resolve().parents[2]
PIP_TIMEOUT_SECONDS = 600


def test_conflict_is_found_from_the_other_distributions_files(tmp_path: Path) -> None:
    (tmp_path / "dnastack").mkdir()
    (tmp_path / "dnastack_client_library-3.1.240.dist-info").mkdir()
    assert conflicting_distribution(str(tmp_path)) is None  # metadata alone: not in dnastack/
    (tmp_path / "dnastack" / "omics_cli.py").touch()
    assert conflicting_distribution(str(tmp_path)) == "dnastack-client-library 3.1.240"


def test_conflict_message_names_the_distribution_and_the_fix() -> None:
    message = conflict_message("dnastack-client-library 3.1.240", "/site-packages")
    assert "dnastack-client-library 3.1.240" in message and "/site-packages" in message
    assert "pip uninstall -y dnastack-client-library dnastack-sdk" in message


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT_SECONDS,
    )


def _checked(completed: subprocess.CompletedProcess[str], what: str) -> None:
    if completed.returncode != 0:
        output = completed.stderr + completed.stdout
        if _unreachable_pypi(output):
            pytest.skip(f"PyPI is unreachable ({what}): {output[-500:]}")
        raise AssertionError(f"{what} failed:\n{output[-3000:]}")


@pytest.fixture(scope="module")
def our_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    _checked(
        _pip(Path(sys.executable), "wheel", "--no-deps", "-w", str(folder), str(ROOT)),
        "building this SDK's wheel",
    )
    [wheel] = folder.glob("dnastack_sdk-*.whl")
    return wheel


@pytest.fixture
def throwaway_venv(tmp_path: Path) -> Path:
    folder = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(folder)
    return folder / "bin" / "python"


def _run(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, timeout=120, env=env, cwd="/"
    )


def test_installing_over_the_reference_gives_one_error_on_import_and_in_the_cli(
    throwaway_venv: Path, our_wheel: Path
) -> None:
    python = throwaway_venv
    _checked(
        _pip(python, "install", "--no-deps", f"dnastack-client-library=={REFERENCE_VERSION}"),
        "installing the reference",
    )
    _checked(_pip(python, "install", "--no-deps", str(our_wheel)), "installing this SDK")

    imported = _run(python, "-c", "import dnastack")
    assert imported.returncode != 0
    last_line = imported.stderr.strip().splitlines()[-1]
    assert last_line.startswith("dnastack.distribution_check.ConflictingDistributionError: ")
    assert f"dnastack-client-library {REFERENCE_VERSION} is installed" in last_line
    assert "pip uninstall -y dnastack-client-library dnastack-sdk" in last_line

    command = _run(python.parent / "dnastack", "--help")
    assert command.returncode == 1
    assert command.stdout == ""
    [line] = command.stderr.strip().splitlines()  # one line, no traceback
    assert line.startswith("Error: dnastack-client-library ") and "pip uninstall" in line

    # the documented fix
    _checked(_pip(python, "uninstall", "-y", "dnastack-client-library", "dnastack-sdk"), "fix")
    _checked(_pip(python, "install", "--no-deps", str(our_wheel)), "reinstalling this SDK")
    fixed = _run(python, "-c", "import dnastack; print(dnastack.__version__)")
    assert fixed.returncode == 0, fixed.stderr
