"""Download progress on stderr with rich: the total, and a bar per file in progress.

:class:`DownloadProgressView` renders the DRS client's progress reports
(:class:`dnastack.client.drs.progress.DownloadProgress`, passed as the ``progress`` hook of
``DrsClient.download``). On a terminal the bars refresh live; elsewhere (a pipe, a CI log)
rich draws them once at the end, and the command's summary says what happened to each file.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from dnastack.client.drs.progress import DownloadProgress

__all__ = ["DownloadProgressView"]

_MAX_NAME = 40


class DownloadProgressView:
    """The total on top, then one bar per file in progress; thread-safe (objects download
    in parallel).

    A finished file's bar is removed and its bytes stay in the total, whose label counts
    the files finished (failed ones included) and active: with 40 files and 4 downloads at
    a time the screen shows the total and the 4 active bars, never a pile of finished ones.
    The total's size (and so its ETA) counts the files seen so far whose size is known.

    Use it as a context manager and pass it as the ``progress`` hook.
    """

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress: Progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self._lock = threading.Lock()
        self._tasks: dict[tuple[str, str], TaskID] = {}
        self._totals: dict[tuple[str, str], int | None] = {}
        self._done: dict[tuple[str, str], int] = {}
        self._finished: set[tuple[str, str]] = set()
        self._total_task: TaskID | None = None

    def __enter__(self) -> DownloadProgressView:
        self._progress.start()
        self._total_task = self._progress.add_task(self._total_label(), total=None)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def __call__(self, report: DownloadProgress) -> None:
        """The progress hook: one report for one object."""
        from rich.markup import escape

        key = (report.object_id, report.name)
        with self._lock:
            if key in self._finished:
                return
            self._totals[key] = report.bytes_total
            self._done[key] = report.bytes_done
            task = self._tasks.get(key)
            if report.done:
                self._finished.add(key)
                if task is not None:
                    self._progress.remove_task(task)
                    del self._tasks[key]
            elif task is None:
                name = report.name
                label = name if len(name) <= _MAX_NAME else "…" + name[-(_MAX_NAME - 1) :]
                task = self._progress.add_task(escape(label), total=report.bytes_total)
                self._tasks[key] = task
                self._progress.update(task, completed=report.bytes_done)
            else:
                self._progress.update(task, completed=report.bytes_done, total=report.bytes_total)
            self._update_total()

    def _total_label(self) -> str:
        active = len(self._tasks)
        return f"[bold]total[/bold] {len(self._finished)} finished, {active} active"

    def _update_total(self) -> None:
        if self._total_task is None:
            return
        known = [t for t in self._totals.values() if t is not None]
        self._progress.update(
            self._total_task,
            description=self._total_label(),
            total=sum(known) if known else None,
            completed=sum(self._done.values()),
        )
