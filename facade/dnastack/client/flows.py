"""Service operations as I/O-free flows, and their sync and asyncio drivers.

A flow is a generator that yields *steps* and returns the operation's result:

* :class:`Send`: one request through the client's session; answered with the (2xx)
  ``httpx.Response`` (body read), or the :class:`~dnastack.exceptions.DnastackError` it
  raised is thrown into the flow (``HttpError``, ``TransportError``...);
* :class:`Sleep`: wait (a 202 "come back later"); answered with ``None``;
* :class:`Gather`: run several flows; answered with one outcome per flow, in order: its
  result or the ``DnastackError`` it raised. The sync driver runs them one after the other,
  the asyncio driver at the same time (requests in flight bounded by the session).

The logic (URLs, parameters, parsing, error mapping, 202 handling, bulk-then-single
planning) lives in the flows, once; :func:`run_flow` and :func:`arun_flow` only perform
steps. Flows are tested without sockets by answering their steps by hand.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from dnastack.exceptions import DnastackError

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span

__all__ = ["Flow", "Gather", "Send", "Sleep", "Step", "arun_flow", "run_flow"]

T = TypeVar("T")


@dataclass(frozen=True)
class Send:
    """Send one request; the answer is its 2xx response (an error is thrown in)."""

    method: str
    url: str
    params: Mapping[str, str] | None = None
    json: Any = None
    no_auth: bool = False
    trace: Span | None = field(default=None, compare=False)
    idempotent: bool = False

    def options(self) -> dict[str, Any]:
        found: dict[str, Any] = {"trace_context": self.trace, "idempotent": self.idempotent}
        if self.params is not None:
            found["params"] = self.params
        if self.json is not None:
            found["json"] = self.json
        return found


@dataclass(frozen=True)
class Sleep:
    """Wait this long."""

    seconds: float


@dataclass(frozen=True)
class Gather:
    """Run ``flows``; the answer is their outcomes (result or ``DnastackError``), in order."""

    flows: Sequence[Flow[Any]]


Step = Send | Sleep | Gather
Flow = Generator[Step, Any, T]


class SyncSession(Protocol):
    def submit(self, method: str, url: str, **kwargs: Any) -> httpx.Response: ...


class AsyncSession(Protocol):
    async def submit(self, method: str, url: str, **kwargs: Any) -> httpx.Response: ...


def _advance(flow: Flow[T], reply: Any, failure: DnastackError | None) -> tuple[bool, Any]:
    """(done, value): the flow's next step, or its result when it returned."""
    try:
        return False, flow.throw(failure) if failure is not None else flow.send(reply)
    except StopIteration as stop:
        return True, stop.value


def run_flow(
    flow: Flow[T],
    session: Callable[[bool], SyncSession],
    sleep: Callable[[float], None],
) -> T:
    """Perform ``flow``'s steps with blocking calls; ``session(no_auth)`` sends."""
    reply: Any = None
    failure: DnastackError | None = None
    while True:
        done, step = _advance(flow, reply, failure)
        if done:
            result: T = step
            return result
        reply, failure = None, None
        try:
            if isinstance(step, Send):
                reply = session(step.no_auth).submit(step.method, step.url, **step.options())
            elif isinstance(step, Sleep):
                sleep(step.seconds)
            else:
                reply = _gather(step, session, sleep)
        except DnastackError as exc:
            failure = exc


async def arun_flow(
    flow: Flow[T],
    session: Callable[[bool], AsyncSession],
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> T:
    """Perform ``flow``'s steps with ``await``; a :class:`Gather` runs its flows at once.
    ``sleep`` defaults to ``asyncio.sleep`` (asyncio is imported here, not with the module:
    the sync clients import this module too)."""
    if sleep is None:
        import asyncio

        sleep = asyncio.sleep
    reply: Any = None
    failure: DnastackError | None = None
    while True:
        done, step = _advance(flow, reply, failure)
        if done:
            result: T = step
            return result
        reply, failure = None, None
        try:
            if isinstance(step, Send):
                reply = await session(step.no_auth).submit(step.method, step.url, **step.options())
            elif isinstance(step, Sleep):
                await sleep(step.seconds)
            else:
                reply = await _agather(step, session, sleep)
        except DnastackError as exc:
            failure = exc


# The gathers are functions of their own: a comprehension inside the drivers would make
# their ``session`` and ``sleep`` closure cells, two more objects per call for the garbage
# collector (thousands at once when thousands of calls are gathered).


def _gather(
    step: Gather, session: Callable[[bool], SyncSession], sleep: Callable[[float], None]
) -> list[Any]:
    return [_outcome(run_flow, f, session, sleep) for f in step.flows]


async def _agather(
    step: Gather,
    session: Callable[[bool], AsyncSession],
    sleep: Callable[[float], Awaitable[None]],
) -> list[Any]:
    import asyncio

    return list(
        await asyncio.gather(*(_aoutcome(arun_flow(f, session, sleep)) for f in step.flows))
    )


def _outcome(call: Callable[..., T], *args: Any) -> T | DnastackError:
    try:
        return call(*args)
    except DnastackError as exc:
        return exc


async def _aoutcome(call: Awaitable[T]) -> T | DnastackError:
    try:
        return await call
    except DnastackError as exc:
        return exc
