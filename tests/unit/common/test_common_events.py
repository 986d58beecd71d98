"""``EventSource`` with the reference library's (3.x) spellings: ``details``,
``stop_propagation``, dispatching an ``Event``, ``on`` chaining, ``EventTypeNotRegistered``."""

from __future__ import annotations

from typing import Any

import pytest

from dnastack.common.events import Event, EventSource, EventTypeNotRegistered


def test_a_handler_reads_the_payload_as_details() -> None:
    source = EventSource(["ready"])
    seen: list[Any] = []

    source.on("ready", lambda event: seen.append(dict(event.details)))
    source.dispatch("ready", {"n": 1})

    assert seen == [{"n": 1}]


def test_stop_propagation_skips_the_later_handlers_and_relays() -> None:
    source, relay = EventSource(["ready"]), EventSource()
    source.relay_to(relay)
    seen: list[str] = []

    def first(event: Event) -> None:
        seen.append("first")
        event.stop_propagation()

    source.on("ready", first).on("ready", lambda event: seen.append("second"))
    relay.on("ready", lambda event: seen.append("relayed"))
    source.dispatch("ready")

    assert seen == ["first"]


def test_a_handler_registered_twice_is_called_once() -> None:
    source = EventSource()
    seen: list[Event] = []

    source.on("x", seen.append)
    source.on("x", seen.append)
    source.dispatch("x")

    assert len(seen) == 1


def test_dispatching_an_event_instance_keeps_its_class_and_sets_name_and_origin() -> None:
    class Custom(Event):
        @property
        def value(self) -> Any:
            return self.payload.get("value")

    origin = object()
    source = EventSource(origin=origin)
    seen: list[Any] = []
    source.on("custom", seen.append)

    source.dispatch("custom", Custom.make(value=3))

    assert isinstance(seen[0], Custom) and seen[0].value == 3
    assert seen[0].name == "custom" and seen[0].origin is origin


def test_an_unknown_event_name_raises_event_type_not_registered() -> None:
    source = EventSource(["ready"])

    with pytest.raises(EventTypeNotRegistered) as raised:
        source.dispatch("other")

    assert isinstance(raised.value, ValueError) and isinstance(raised.value, RuntimeError)


def test_fixed_types_can_grow_and_handlers_be_cleared() -> None:
    source = EventSource(["a"])
    seen: list[Event] = []
    source.add_fixed_types("b")
    source.on("b", seen.append)

    source.clear("b")
    source.dispatch("b")

    assert source.get_fixed_types() == ["a", "b"] and seen == []


def test_passthrough_and_relay_from_deliver_the_origin_events() -> None:
    origin, everything, only_ready = EventSource(), EventSource(), EventSource()
    everything.set_passthrough(origin)
    only_ready.relay_from(origin, "ready")
    seen: list[str] = []
    everything.on("ready", lambda e: seen.append("all:ready"))
    everything.on("other", lambda e: seen.append("all:other"))
    only_ready.on("ready", lambda e: seen.append("only:ready"))

    origin.dispatch("ready")
    origin.dispatch("other")

    assert sorted(seen) == ["all:other", "all:ready", "only:ready"]
    assert origin.get_id() != everything.get_id()
