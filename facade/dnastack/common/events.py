"""A tiny synchronous event hub: authenticators announce, the CLI (or a notebook) renders.

Payloads are plain mappings and never carry secrets: a device flow announces the user code
and the verification URL, never the device code or a token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dnastack.common.logs import sdk_logger

__all__ = ["Event", "EventHandler", "EventSource"]

_logger = sdk_logger("dnastack.events")


@dataclass(frozen=True)
class Event:
    """One dispatched event: its name, its payload and the object that raised it."""

    name: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    origin: object | None = field(default=None, repr=False, compare=False)


EventHandler = Callable[[Event], None]


class EventSource:
    """Named events with handlers, optionally relayed to other sources.

    Args:
        names: the event names this source may dispatch; empty means any name.
        origin: the object reported as :attr:`Event.origin`.
    """

    def __init__(self, names: Iterable[str] = (), origin: object | None = None) -> None:
        self._names = frozenset(names)
        self._origin = origin
        self._handlers: dict[str, list[EventHandler]] = {}
        self._relays: list[EventSource] = []

    @property
    def names(self) -> frozenset[str]:
        """The declared event names (empty when any name is accepted)."""
        return self._names

    def on(self, name: str, handler: EventHandler) -> None:
        """Call ``handler(event)`` every time ``name`` is dispatched."""
        self._check(name)
        self._handlers.setdefault(name, []).append(handler)

    def off(self, name: str, handler: EventHandler) -> None:
        """Stop calling ``handler`` for ``name`` (no error when it was not registered)."""
        handlers = self._handlers.get(name, [])
        if handler in handlers:
            handlers.remove(handler)

    def relay_to(self, target: EventSource) -> None:
        """Deliver every event dispatched here to ``target``'s handlers as well."""
        if target is not self and target not in self._relays:
            self._relays.append(target)

    def dispatch(self, name: str, payload: Mapping[str, Any] | None = None) -> None:
        """Call every handler of ``name``; a failing handler is logged, never raised."""
        self._check(name)
        self._deliver(Event(name, dict(payload or {}), self._origin))

    def _deliver(self, event: Event) -> None:
        for handler in list(self._handlers.get(event.name, ())):
            try:
                handler(event)
            except Exception:
                _logger.warning(
                    "event handler %r failed for %r", handler, event.name, exc_info=True
                )
        for relay in self._relays:
            relay._deliver(event)

    def _check(self, name: str) -> None:
        if self._names and name not in self._names:
            raise ValueError(f"unknown event {name!r}; known events: {sorted(self._names)}")

    def __repr__(self) -> str:
        return f"EventSource(names={sorted(self._names)!r})"
