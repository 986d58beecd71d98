"""Which OpenAPI document describes each API the contract runner knows, and where it is.

The runner always tests a server against *our* documents (``specs/<api>.yaml``). In a source
checkout they are read from the repository's ``specs/`` folder, the single source of truth; in
an installed SDK from the copy that ``make generate`` ships inside each generated package as
``openapi.yaml`` (already covered by the ``package-data`` entry in ``pyproject.toml``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dnastack.contract.errors import ContractUsageError

__all__ = ["API_NAMES", "ApiSpec", "api_spec", "resolve_spec"]

_SPEC_RESOURCE = "openapi.yaml"
_REPO_SPECS = Path(__file__).resolve().parents[3] / "specs"


@dataclass(frozen=True)
class ApiSpec:
    """One API: its name on the command line, its spec file and the package shipping it."""

    name: str
    spec_file: str
    package: str
    title: str


_APIS: tuple[ApiSpec, ...] = (
    ApiSpec("drs", "drs.yaml", "ga4gh_drs", "GA4GH DRS 1.5"),
    ApiSpec("data-connect", "data-connect.yaml", "ga4gh_data_connect", "GA4GH Data Connect 1.0"),
    ApiSpec(
        "service-registry",
        "service-registry.yaml",
        "ga4gh_service_registry",
        "GA4GH Service Registry 1.0",
    ),
    ApiSpec("service-info", "service-info.yaml", "ga4gh_service_info", "GA4GH service-info 1.0"),
    ApiSpec(
        "collections", "collections.yaml", "dnastack_collections_api", "DNAstack Collections 1.0"
    ),
    ApiSpec("explorer", "explorer.yaml", "dnastack_explorer_api", "DNAstack Explorer 1.0"),
)

API_NAMES: tuple[str, ...] = tuple(api.name for api in _APIS)
"""The values accepted by ``--api`` / ``run_contract(api=...)``."""


def api_spec(api: str) -> ApiSpec:
    """The :class:`ApiSpec` named ``api``.

    Raises:
        ContractUsageError: ``api`` is not one of :data:`API_NAMES`.
    """
    for candidate in _APIS:
        if candidate.name == api:
            return candidate
    raise ContractUsageError(f"unknown API {api!r}; choose one of: {', '.join(API_NAMES)}")


def resolve_spec(
    api: str, spec_path: str | Path | None = None, *, repo_specs: Path = _REPO_SPECS
) -> Path:
    """The OpenAPI document to test ``api`` against.

    Order: ``spec_path`` when given; ``specs/<api>.yaml`` of the source checkout; the copy
    shipped in the generated package.

    Raises:
        ContractUsageError: the API is unknown or no document can be found.
    """
    spec = api_spec(api)
    if spec_path is not None:
        path = Path(spec_path)
        if not path.is_file():
            raise ContractUsageError(f"spec file not found: {path}")
        return path
    checkout = repo_specs / spec.spec_file
    if checkout.is_file():
        return checkout
    try:
        shipped = resources.files(spec.package) / _SPEC_RESOURCE
    except ModuleNotFoundError:
        shipped = None
    if shipped is not None and shipped.is_file():
        if isinstance(shipped, Path):
            return shipped
        # A zipped install: copy the document out, once per process.
        copy = Path(tempfile.mkdtemp(prefix="dnastack-contract-")) / spec.spec_file
        copy.write_bytes(shipped.read_bytes())
        return copy
    raise ContractUsageError(
        f"no OpenAPI document for {api!r}: neither {checkout} nor the package "
        f"{spec.package!r} (with {_SPEC_RESOURCE}) is available; pass --spec PATH"
    )
