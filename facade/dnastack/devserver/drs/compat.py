"""``--drs-compat 1.2``: the DRS routes answer as a DRS 1.2 server.

GA4GH's drs-compliance-suite (1.0.3, the only published one) knows DRS 1.2.0 only, and its
schemas forbid additional properties, so a faithful DRS 1.5 server fails it on exactly the
1.5 additions. In compatibility mode the DRS service-info's type version is ``1.2.0`` (the
registry's DRS entry follows) and `without_drs_1_5_additions` removes those additions from
DRS service-info and DrsObject bodies; every other route, field and status is unchanged.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ACCESS_METHOD_1_5_ADDITIONS",
    "DRS_COMPAT_VERSIONS",
    "DRS_VERSION",
    "SERVICE_INFO_1_5_ADDITIONS",
    "drs_type_version",
    "without_drs_1_5_additions",
]

DRS_VERSION = "1.5.0"
DRS_COMPAT_VERSIONS: dict[str, str] = {"1.2": "1.2.0"}  # --drs-compat value -> type version
SERVICE_INFO_1_5_ADDITIONS = frozenset({"drs", "maxBulkRequestLength"})
ACCESS_METHOD_1_5_ADDITIONS = frozenset({"authorizations", "available", "cloud"})


def drs_type_version(compat: str | None) -> str:
    """The DRS service type version the node announces (``None``: no compatibility mode)."""
    return DRS_VERSION if compat is None else DRS_COMPAT_VERSIONS[compat]


def without_drs_1_5_additions(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a DRS service-info or DrsObject document without the DRS 1.5 additions.

    Service-info loses ``drs`` and ``maxBulkRequestLength``; each of ``access_methods`` loses
    ``authorizations``, ``available`` and ``cloud``. The two schemas share none of these
    names, so one function serves both documents.
    """
    result = {k: v for k, v in document.items() if k not in SERVICE_INFO_1_5_ADDITIONS}
    methods = document.get("access_methods")
    if isinstance(methods, list):
        result["access_methods"] = [
            {k: v for k, v in method.items() if k not in ACCESS_METHOD_1_5_ADDITIONS}
            for method in methods
        ]
    return result
