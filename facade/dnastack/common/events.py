"""A tiny synchronous event hub: authenticators announce, the CLI (or a notebook) renders.

Payloads are plain mappings and never carry secrets: a device flow announces the user code
and the verification URL, never the device code or a token.

The reference library's (3.x) spellings work too: ``event.details`` (the payload),
``event.stop_propagation()``, ``Event.make(details)``, ``dispatch(name, event)`` with an
:class:`Event`, ``on`` returning the source (chaining), ``get_fixed_types``,
``add_fixed_types``, ``clear``, ``set_passthrough``, ``relay_from``, ``get_id``, and
:class:`EventTypeNotRegistered` for an unknown name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import DnastackError

__all__ = [
    "AbstractEventSource",
    "Event",
    "EventHandler",
    "EventSource",
    "EventTypeNotRegistered",
]

_logger = sdk_logger("dnastack.events")


@dataclass(frozen=True)
class Event:
    """One dispatched event: its name, its payload and the object that raised it."""

    name: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    origin: object | None = field(default=None, repr=False, compare=False)
    propagated: bool = field(default=True, repr=False, compare=False)
    """False once a handler called :meth:`stop_propagation`: later handlers are skipped."""

    @property
    def details(self) -> Mapping[str, Any]:
        """The payload (the reference library's name)."""
        return self.payload

    def stop_propagation(self) -> None:
        """Skip the handlers not called yet for this event (as the reference library does)."""
        object.__setattr__(self, "propagated", False)

    @classmethod
    def make(cls, details: Mapping[str, Any] | None = None, **kwargs: Any) -> Event:
        """An event with ``details`` (or keyword arguments) as payload; its name is set by
        :meth:`EventSource.dispatch` (the reference library's constructor)."""
        return cls("", dict(details or {}) | kwargs)


class EventTypeNotRegistered(DnastackError, ValueError, RuntimeError):
    """An event name the source does not declare (a ``ValueError``; a ``RuntimeError`` as in
    the reference library)."""


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

    def on(self, name: str, handler: EventHandler) -> EventSource:
        """Call ``handler(event)`` every time ``name`` is dispatched (once, however often it
        is registered); returns this source."""
        self._check(name)
        handlers = self._handlers.setdefault(name, [])
        if handler not in handlers:
            handlers.append(handler)
        return self

    def off(self, name: str, handler: EventHandler) -> EventSource:
        """Stop calling ``handler`` for ``name`` (no error when it was not registered)."""
        handlers = self._handlers.get(name, [])
        if handler in handlers:
            handlers.remove(handler)
        return self

    def clear(self, name: str | None = None) -> None:
        """Remove the handlers of ``name`` (of every name when None)."""
        if name is None:
            self._handlers.clear()
        else:
            self._handlers.pop(name, None)

    def get_fixed_types(self) -> list[str]:
        """The declared event names (the reference library's name of :attr:`names`)."""
        return sorted(self._names)

    def add_fixed_types(self, *names: str) -> None:
        """Declare more event names."""
        self._names = self._names | frozenset(names)

    def relay_to(self, target: EventSource) -> None:
        """Deliver every event dispatched here to ``target``'s handlers as well."""
        if target is not self and target not in self._relays:
            self._relays.append(target)

    def set_passthrough(self, origin: EventSource) -> None:
        """Receive every event ``origin`` dispatches (the reference library's name of
        ``origin.relay_to(self)``)."""
        origin.relay_to(self)

    def relay_from(self, origin: EventSource, name: str) -> None:
        """Receive the ``name`` events ``origin`` dispatches."""
        origin.on(name, self._deliver)

    def get_id(self) -> str:
        """An id of this source, unique while it lives (the reference library's)."""
        return str(id(self))

    def dispatch(self, name: str, payload: Mapping[str, Any] | Event | None = None) -> None:
        """Call every handler of ``name``; a failing handler is logged, never raised.

        ``payload`` is a mapping, or an :class:`Event` (of any subclass) whose name and
        origin are set here.
        """
        self._check(name)
        if isinstance(payload, Event):
            event = replace(payload, name=name, origin=payload.origin or self._origin)
        else:
            event = Event(name, dict(payload or {}), self._origin)
        self._deliver(event)

    def _deliver(self, event: Event) -> None:
        for handler in list(self._handlers.get(event.name, ())):
            if not event.propagated:
                return
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
            raise EventTypeNotRegistered(
                f"unknown event {name!r}; known events: {sorted(self._names)}"
            )

    def __repr__(self) -> str:
        return f"EventSource(names={sorted(self._names)!r})"


AbstractEventSource = EventSource
"""The reference library's base class name."""
