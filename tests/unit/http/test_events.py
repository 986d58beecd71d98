"""The events hub used for authentication progress."""

from __future__ import annotations

import logging

import pytest

from dnastack.common.events import Event, EventSource


def test_handlers_receive_the_event_with_payload_and_origin() -> None:
    origin = object()
    source = EventSource(["user-verification-required"], origin=origin)
    seen: list[Event] = []
    source.on("user-verification-required", seen.append)
    source.dispatch("user-verification-required", {"user_code": "ABCD-EFGH"})
    assert seen == [Event("user-verification-required", {"user_code": "ABCD-EFGH"})]
    assert seen[0].origin is origin


def test_unknown_event_names_are_rejected() -> None:
    source = EventSource(["a"])
    with pytest.raises(ValueError, match="unknown event 'b'"):
        source.on("b", lambda e: None)
    with pytest.raises(ValueError):
        source.dispatch("b")


def test_a_source_without_declared_names_accepts_any() -> None:
    seen: list[str] = []
    source = EventSource()
    source.on("anything", lambda e: seen.append(e.name))
    source.dispatch("anything")
    assert seen == ["anything"]


def test_off_removes_a_handler() -> None:
    seen: list[str] = []
    source = EventSource(["a"])
    source.on("a", seen.append)  # type: ignore[arg-type]
    source.off("a", seen.append)  # type: ignore[arg-type]
    source.off("a", print)  # not registered: no error
    source.dispatch("a")
    assert seen == []


def test_relayed_events_reach_the_target_handlers() -> None:
    inner, outer = EventSource(["a"]), EventSource(["a"])
    inner.relay_to(outer)
    inner.relay_to(outer)  # once only
    seen: list[str] = []
    outer.on("a", lambda e: seen.append(e.name))
    inner.dispatch("a")
    assert seen == ["a"]


def test_a_failing_handler_is_logged_and_does_not_stop_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = EventSource(["a"])
    seen: list[str] = []

    def broken(event: Event) -> None:
        raise RuntimeError("renderer bug")

    source.on("a", broken)
    source.on("a", lambda e: seen.append(e.name))
    with caplog.at_level(logging.WARNING, logger="dnastack.events"):
        source.dispatch("a")
    assert seen == ["a"]
    assert "failed for 'a'" in caplog.text
