"""The bounds of the runner's own walks (pages, listed ids, bytes, time, downloads).

Every walk stops at its bound and the report says so (``ContractReport.cut_short``), so a
large server is sampled rather than crawled, and a sample is never mistaken for the whole.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_BOUNDS", "WalkBounds"]

MIB = 1024 * 1024


@dataclass(frozen=True)
class WalkBounds:
    """Limits of the runner's walks; each is a command-line option (see ``cli``)."""

    max_pages: int = 20
    """Pages followed through ``next_page_url`` per walk (``--max-pages``)."""
    max_ids: int = 50
    """Listed ids resolved per listing, and tables whose data is walked (``--max-ids``)."""
    max_bytes: int = 64 * MIB
    """Bytes read by all walks and consistency checks together (``--max-walk-bytes``)."""
    max_seconds: float = 120.0
    """Wall time of all walks and consistency checks together (``--max-walk-seconds``)."""
    download_bytes: int = 16 * MIB
    """DRS bytes downloaded to verify sizes and checksums (``--download-budget``; 0: off)."""
    max_downloads: int = 10
    """DRS objects downloaded at most (``--max-downloads``)."""

    def describe(self) -> str:
        return (
            f"pages {self.max_pages}/walk, ids {self.max_ids}/listing, "
            f"{self.max_bytes // MIB} MiB, {self.max_seconds:g} s, "
            f"downloads {self.max_downloads} objects / {self.download_bytes // MIB} MiB"
        )


DEFAULT_BOUNDS = WalkBounds()
