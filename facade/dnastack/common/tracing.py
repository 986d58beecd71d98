"""W3C trace context: the documented ``Span`` that produces ``traceparent`` headers."""

from __future__ import annotations

import random

__all__ = ["Span"]


class Span:
    """One unit of traced work; children share the trace id and record their parent."""

    def __init__(self, trace_id: str | None = None, parent: Span | None = None) -> None:
        self.trace_id: str = trace_id or (parent.trace_id if parent else _random_hex(128))
        self.span_id: str = _random_hex(64)
        self.parent_id: str | None = parent.span_id if parent else None

    def new_span(self) -> Span:
        """Start a child span in the same trace."""
        return Span(parent=self)

    def create_http_headers(self) -> dict[str, str]:
        """The W3C ``traceparent`` header for a request made within this span."""
        return {"traceparent": f"00-{self.trace_id}-{self.span_id}-01"}

    def __repr__(self) -> str:
        return f"Span(trace_id={self.trace_id!r}, span_id={self.span_id!r})"


def _random_hex(bits: int) -> str:
    """A random non-zero id of ``bits`` bits in lower-case hex (W3C trace context ids need
    to be unique, not secret: the fast generator, reseeded in forked children, is enough)."""
    return f"{random.getrandbits(bits) or 1:0{bits // 4}x}"
