"""The bounds of the runner's walks (pages, listed ids, bytes, time, downloads).

Every walk stops at its bound and the report says so (``ContractReport.cut_short``), so a
large server is sampled rather than crawled, and a sample is never mistaken for the whole.
Each bound is a setting (``contract_max_pages``... ``DNASTACK_CONTRACT_MAX_PAGES``...; see
:func:`dnastack.describe_settings`) and a command-line option (``--max-pages``...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dnastack.settings.sources import CONTRACT_BOUND_DEFAULTS as _DEFAULTS

if TYPE_CHECKING:
    from dnastack.settings import Settings

__all__ = ["BOUND_SETTINGS", "DEFAULT_BOUNDS", "WalkBounds"]

MIB = 1024 * 1024

BOUND_SETTINGS: dict[str, str] = {
    "max_pages": "contract_max_pages",
    "max_ids": "contract_max_ids",
    "max_bytes": "contract_max_walk_bytes",
    "max_seconds": "contract_max_walk_seconds",
    "download_bytes": "contract_download_budget",
    "max_downloads": "contract_max_downloads",
}
""":class:`WalkBounds` field -> the setting holding it."""


@dataclass(frozen=True)
class WalkBounds:
    """Limits of the runner's walks; each is a setting and a command-line option."""

    max_pages: int = int(_DEFAULTS["contract_max_pages"])
    """Pages followed through ``next_page_url`` per walk (``--max-pages``)."""
    max_ids: int = int(_DEFAULTS["contract_max_ids"])
    """Listed ids resolved per listing, and tables whose data is walked (``--max-ids``)."""
    max_bytes: int = int(_DEFAULTS["contract_max_walk_bytes"])
    """Bytes read by all walks and consistency checks together (``--max-walk-bytes``)."""
    max_seconds: float = float(_DEFAULTS["contract_max_walk_seconds"])
    """Wall time of all walks and consistency checks together (``--max-walk-seconds``)."""
    download_bytes: int = int(_DEFAULTS["contract_download_budget"])
    """DRS bytes downloaded to verify sizes and checksums (``--download-budget``; 0: off)."""
    max_downloads: int = int(_DEFAULTS["contract_max_downloads"])
    """DRS objects downloaded at most (``--max-downloads``)."""

    @classmethod
    def from_settings(cls, settings: Settings) -> WalkBounds:
        """The bounds the resolved ``settings`` hold."""
        return cls(**{field: getattr(settings, name) for field, name in BOUND_SETTINGS.items()})

    def describe(self) -> str:
        return (
            f"pages {self.max_pages}/walk, ids {self.max_ids}/listing, "
            f"{self.max_bytes // MIB} MiB, {self.max_seconds:g} s, "
            f"downloads {self.max_downloads} objects / {self.download_bytes // MIB} MiB"
        )


DEFAULT_BOUNDS = WalkBounds()
