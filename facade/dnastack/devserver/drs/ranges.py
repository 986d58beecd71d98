"""HTTP ``Range`` parsing for the byte route (RFC 9110 section 14), one range at a time.

- no header, another unit, or several ranges: the whole body (200)
- one satisfiable range: that range (206), the end clamped to the file
- one range that is invalid (``bytes=5-2``, ``bytes=x``) or starts past the end, or any
  range of an empty file: `RangeNotSatisfiable` (416 with ``Content-Range: bytes */size``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ByteRange", "RangeNotSatisfiable", "parse_range"]

_SPEC = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def header_value(self) -> str:
        return f"bytes={self.start}-{self.end}"

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


class RangeNotSatisfiable(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"Range not satisfiable for {size} bytes")
        self.size = size


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single range asked for, or None for the whole body."""
    if header is None:
        return None
    unit, sep, specs = header.partition("=")
    if not sep or unit.strip().lower() != "bytes":
        return None
    parts = [p for p in specs.split(",") if p.strip()]
    if len(parts) > 1:
        return None
    match = _SPEC.match(parts[0]) if parts else None
    if match is None or size == 0:
        raise RangeNotSatisfiable(size)
    first, last = match.group(1), match.group(2)
    if first == "" and last == "":
        raise RangeNotSatisfiable(size)
    if first == "":
        suffix = int(last)
        if suffix == 0:
            raise RangeNotSatisfiable(size)
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    end = size - 1 if last == "" else int(last)
    if end < start or start >= size:
        raise RangeNotSatisfiable(size)
    return ByteRange(start, min(end, size - 1))
