"""W3C trace context: the documented ``Span`` that produces ``traceparent`` headers."""

from __future__ import annotations

import secrets

__all__ = ["Span"]


class Span:
    """One unit of traced work; children share the trace id and record their parent."""

    def __init__(self, trace_id: str | None = None, parent: Span | None = None) -> None:
        self.trace_id: str = trace_id or (parent.trace_id if parent else secrets.token_hex(16))
        self.span_id: str = secrets.token_hex(8)
        self.parent_id: str | None = parent.span_id if parent else None

    def new_span(self) -> Span:
        """Start a child span in the same trace."""
        return Span(parent=self)

    def create_http_headers(self) -> dict[str, str]:
        """The W3C ``traceparent`` header for a request made within this span."""
        return {"traceparent": f"00-{self.trace_id}-{self.span_id}-01"}

    def __repr__(self) -> str:
        return f"Span(trace_id={self.trace_id!r}, span_id={self.span_id!r})"
