"""``import dnastack`` stays cheap: no HTTP stack, YAML, CLI, dataframe library or generated
package at import time; importing a client does not pull in pandas, pyarrow or the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["httpx", "yaml", "ruamel", "filelock", "pandas", "pyarrow", "click", "rich"]
GENERATED = [
    "ga4gh_data_connect",
    "ga4gh_drs",
    "ga4gh_service_registry",
    "ga4gh_service_info",
    "dnastack_collections_api",
    "dnastack_explorer_api",
]


def modules_after(statement: str) -> set[str]:
    """Top-level modules loaded by a fresh interpreter after running ``statement``."""
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return {name.partition(".")[0] for name in json.loads(output.splitlines()[-1])}


def test_lazy_import_of_dnastack_loads_no_heavy_or_generated_module() -> None:
    loaded = modules_after("import dnastack")
    assert loaded.isdisjoint(HEAVY + GENERATED), sorted(loaded & set(HEAVY + GENERATED))


def test_import_dnastack_does_not_load_logging_until_a_module_that_logs() -> None:
    assert "logging" not in modules_after("import dnastack")  # ~14 ms of a ~20 ms import
    code = (
        "import logging, dnastack.client.drs.tolerance\n"
        "print([type(h).__name__ for h in logging.getLogger('dnastack').handlers])"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert output.strip() == "['NullHandler']"


def test_lazy_import_of_a_client_loads_no_dataframe_library_or_cli() -> None:
    for statement in (
        "from dnastack import DataConnectClient",
        "from dnastack import CollectionServiceClient",
        "from dnastack import ExplorerClient",
    ):
        loaded = modules_after(statement)
        assert loaded.isdisjoint(["pandas", "pyarrow", "click", "rich"]), statement
        assert "asyncio" not in loaded, statement  # only dnastack.aio needs it (~40 ms)


def test_the_configuration_manager_loads_yaml_and_the_lock_only_when_used() -> None:
    loaded = modules_after("from dnastack.configuration.manager import ConfigurationManager")
    assert loaded.isdisjoint({"ruamel", "yaml", "filelock"}), sorted(loaded)
