"""Packaging (issue 14 items 4, 5 and 12): the distribution declares what it imports and
imports what it declares, each extra pulls only its feature's packages, the wheel has no
generic top-level names, optional entry points on a base install name their extra, and the
editable install type-checks like a normal one."""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.common.extras import EXTRAS
from tests.cli.support import REPO_ROOT, clean_environment

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
ROOTS = [REPO_ROOT / "facade", REPO_ROOT / "generated"]
FIRST_PARTY = {p.name for root in ROOTS for p in root.iterdir() if (p / "__init__.py").exists()}
MODULE_OF = {"pyyaml": "yaml", "dask[dataframe]": "dask", "ruamel.yaml": "ruamel"}
"""distribution -> top-level module, where the names differ."""


def _distribution(requirement: str) -> str:
    return re.split(r"[<>=!~ ;]", requirement, maxsplit=1)[0].lower()


def _module(requirement: str) -> str:
    name = _distribution(requirement)
    return MODULE_OF.get(name, name.replace("-", "_"))


def _imported_modules() -> set[str]:
    """Every third-party top-level module imported anywhere in facade/ and generated/."""
    found: set[str] = set()
    for root in ROOTS:
        for path in root.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                found.update(name.split(".")[0] for name in names)
    return {m for m in found if m not in sys.stdlib_module_names and m not in FIRST_PARTY}


def _importlib_names() -> set[str]:
    """Modules imported by name (``require_optional("pandas", ...)``, ``import_module``)."""
    names: set[str] = set()
    pattern = re.compile(r"""(?:require_optional|import_module)\(\s*["']([a-z_]+)""")
    for root in ROOTS:
        for path in root.rglob("*.py"):
            names.update(pattern.findall(path.read_text()))
    return names


def test_every_imported_package_is_declared_and_every_declared_one_is_imported() -> None:
    extras = {k: v for k, v in PROJECT["optional-dependencies"].items() if k != "dev"}
    declared = {_module(r) for r in PROJECT["dependencies"]}
    declared |= {_module(r) for reqs in extras.values() for r in reqs}
    imported = _imported_modules() | _importlib_names()

    assert imported - declared == set(), "imported but not declared"
    assert {_module(r) for r in PROJECT["dependencies"]} - imported == set(), "declared, unused"
    assert {_module(r) for reqs in extras.values() for r in reqs} - imported == set()


def test_each_extra_pulls_only_what_its_feature_imports() -> None:
    extras = PROJECT["optional-dependencies"]

    for name, modules in EXTRAS.items():
        assert sorted(_module(r) for r in extras[name]) == sorted(modules), name
    assert [_module(r) for r in extras["pandas"]] == ["pandas"]  # no 170 MB pyarrow
    assert "platformdirs" not in {_module(r) for r in PROJECT["dependencies"]}


def test_to_pandas_works_without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    from dnastack.client.result_iterator import ResultIterator

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # a pandas-only install
    model = {"properties": {"n": {"type": "integer", "format": "int64"}}}

    frame = ResultIterator(iter([{"n": 1}, {"n": None}]), data_model=model).to_pandas()

    assert frame["n"].tolist()[0] == 1 and str(frame["n"].dtype) == "Int64"


@pytest.mark.slow
def test_the_wheel_has_no_generic_top_level_names(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), "."],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")

    names = {n.split("/")[0] for n in zipfile.ZipFile(wheel).namelist()}
    top_level = {n for n in names if not n.endswith(".dist-info")}

    assert "dnastack" in top_level and "devserver" not in top_level
    assert all(re.fullmatch(r"dnastack(_[a-z_]+_api)?|ga4gh_[a-z_]+", n) for n in top_level), (
        top_level
    )


# -- a base install (no extra) -------------------------------------------------------------


@pytest.fixture(scope="session")
def base_python() -> Iterator[Path]:
    """A venv with only the base dependencies (no extra), built once and kept in
    ``.venv-base/`` (rebuilt when they change); the project comes from the source tree."""
    requirements = sorted(PROJECT["dependencies"])
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:16]
    home = REPO_ROOT / ".venv-base"
    python = home / "bin" / "python"
    stamp = home / f".deps-{digest}"
    if not stamp.exists():
        venv.EnvBuilder(clear=True, with_pip=True).create(home)
        pip = [str(python), "-m", "pip", "install", "-q", "-c", str(REPO_ROOT / "constraints.txt")]
        completed = subprocess.run([*pip, *requirements], capture_output=True, text=True)
        if completed.returncode != 0:
            pytest.skip(f"cannot install the base dependencies: {completed.stderr[-500:]}")
        stamp.touch()
    yield python


def _run_base(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    roots = ":".join(str(r) for r in ROOTS)
    env = clean_environment({"PYTHONPATH": roots, "HOME": str(REPO_ROOT / ".venv-base")})
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


OPTIONAL_ENTRY_POINTS = [
    (
        ["-m", "dnastack", "contract-test", "--api", "drs", "--url", "http://127.0.0.1:9/"],
        "contract",
    ),
    (["-m", "dnastack.contract", "--api", "drs", "--url", "http://127.0.0.1:9/"], "contract"),
    (["-m", "dnastack", "devserver", "--port", "0"], "devserver"),
    (["-m", "dnastack.devserver", "--port", "0", "--data", "unused"], "devserver"),
    (
        [
            "-c",
            "from dnastack.client.result_iterator import ResultIterator as R; "
            "R(iter([{'a': 1}])).to_pandas()",
        ],
        "pandas",
    ),
    (
        [
            "-c",
            "from dnastack.client.result_iterator import ResultIterator as R; "
            "R(iter([{'a': 1}])).to_arrow()",
        ],
        "arrow",
    ),
]


@pytest.mark.slow
def test_the_base_install_runs_the_cli(base_python: Path) -> None:
    assert _run_base(base_python, "-c", "import pandas").returncode != 0  # really without
    result = _run_base(base_python, "-m", "dnastack", "--help")

    assert result.returncode == 0, result.stderr
    assert "Usage: dnastack" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("args", "extra"), OPTIONAL_ENTRY_POINTS, ids=lambda v: str(v)[:40])
def test_optional_entry_points_on_a_base_install_name_their_extra(
    base_python: Path, args: list[str], extra: str
) -> None:
    result = _run_base(base_python, *args)

    assert result.returncode == 1, result
    assert f"pip install 'dnastack-sdk[{extra}]'" in result.stderr
    assert "internal error" not in result.stderr
    if args[0] == "-m":  # an entry point: one line, no traceback
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# -- the editable install, seen by a type checker ------------------------------------------

USER_SCRIPT = """\
import dnastack
from dnastack import DataConnectClient

reveal_type(dnastack.use)
reveal_type(DataConnectClient.query)
reveal_type(dnastack.DrsClient)
"""


@pytest.mark.slow
def test_the_editable_install_type_checks_like_a_normal_one(tmp_path: Path) -> None:
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.skip("mypy is not installed (the dev extra)")
    (tmp_path / "user.py").write_text(USER_SCRIPT)

    result = subprocess.run(  # outside the repository: no mypy_path, only site-packages
        [str(mypy), "--no-incremental", "user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_environment({}),
        check=False,
    )

    revealed = re.findall(r'Revealed type is "(.*)"', result.stdout)
    assert "import-not-found" not in result.stdout, result.stdout
    assert len(revealed) == 3 and not any(r == "Any" for r in revealed), result.stdout
    assert "-> dnastack.client.use.RegistryContext" in revealed[0]
    assert "ResultIterator[dict[str, Any]]" in revealed[1]
    assert "dnastack.client.drs" in revealed[2]
