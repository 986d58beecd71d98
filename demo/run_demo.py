"""``make demo``: the main job, end to end, on the embedded local GA4GH node.

1. Starts the local node (``dnastack devserver``) on a free port over sample data in a
   temporary directory.
2. Runs the real command line (``python -m dnastack ...``, in subprocesses, as a user would)
   with ``DNASTACK_CONFIG_FILE`` and ``DNASTACK_SESSION_DIR`` inside that directory, so the
   user's own ``~/.dnastack`` is never read or written: discover the node's services through
   its Service Registry, list tables, query with a parameter, download a file and a bundle
   (checksums verified, progress bars), list a collection's items, ask a federated question.
3. Stops the node (SIGTERM, wait; SIGKILL only as a last resort) and removes the directory,
   also after a failure or Ctrl-C.

Exit status 0 only when every step succeeded (each step's exit status and, where it makes
sense, its result are checked). ``--keep`` keeps the temporary directory.
"""

from __future__ import annotations

import argparse
import os
import queue
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO

REPO_ROOT = Path(__file__).resolve().parent.parent
READY_PREFIX = "devserver ready at "
STARTUP_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0
STEP_TIMEOUT_SECONDS = 60.0
DEMO_ROWS = 2000  # rows of the node's generated `big` table: small, so the start is quick

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

Check = Callable[[], str | None]
"""Returns None when the step's result is right, else what is wrong."""


@dataclass
class Step:
    title: str
    arguments: list[str | Path]
    check: Check | None = None

    @property
    def args(self) -> list[str]:
        return [str(a) for a in self.arguments]


@dataclass
class DevServerProcess:
    process: subprocess.Popen[str]
    base_url: str
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)

    def stop(self) -> int:
        """SIGTERM, wait, SIGKILL as a last resort; never leaves the process behind."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def say(text: str = "", *, bold: bool = False) -> None:
    if bold and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        text = f"\033[1m{text}\033[0m"
    print(text, flush=True)


def demo_environment(workdir: Path) -> dict[str, str]:
    """The user's environment without DNASTACK_* settings, pointed into ``workdir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DNASTACK_")}
    env["DNASTACK_CONFIG_FILE"] = str(workdir / "config.yaml")
    env["DNASTACK_SESSION_DIR"] = str(workdir / "sessions")
    python_path = [str(REPO_ROOT), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in python_path if p)
    return env


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def launch_devserver(workdir: Path, env: dict[str, str]) -> DevServerProcess:
    """Start ``dnastack devserver --port 0 --data DIR`` (see :func:`wait_until_ready`)."""
    command = [
        sys.executable, "-m", "dnastack", "devserver", "--port", "0",
        "--data", str(workdir / "data"), "--rows", str(DEMO_ROWS),
    ]  # fmt: skip
    say(f"$ dnastack devserver --port 0 --data {workdir / 'data'} --rows {DEMO_ROWS}")
    process = subprocess.Popen(
        command,
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        preexec_fn=_unblock_stop_signals,  # the child must not inherit main()'s mask
    )
    assert process.stdout is not None
    server = DevServerProcess(process, base_url="")
    threading.Thread(target=_pump, args=(process.stdout, server.lines), daemon=True).start()
    return server


def _unblock_stop_signals() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def wait_until_ready(server: DevServerProcess) -> None:
    """Wait for the ready line and note the base URL (RuntimeError after the timeout)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = server.lines.get(timeout=0.25)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if line.startswith(READY_PREFIX):
            server.base_url = line[len(READY_PREFIX) :].strip()
            say(line.rstrip())
            return
    raise RuntimeError(
        f"the devserver did not start within {STARTUP_TIMEOUT_SECONDS:g} s:\n{''.join(seen)}"
    )


def run_step(number: int, total: int, step: Step, env: dict[str, str], workdir: Path) -> bool:
    say()
    say(f"[{number}/{total}] {step.title}", bold=True)
    say("$ dnastack " + shlex.join(step.args))
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "dnastack", *step.args],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=STEP_TIMEOUT_SECONDS,
        check=False,
    )
    elapsed = time.monotonic() - started
    if completed.returncode != 0:
        say(f"FAILED: exit status {completed.returncode} ({elapsed:.1f} s)")
        return False
    problem = step.check() if step.check is not None else None
    if problem is not None:
        say(f"FAILED: {problem}")
        return False
    say(f"ok ({elapsed:.1f} s)")
    return True


def demo_steps(base_url: str, workdir: Path) -> list[Step]:
    downloads = workdir / "downloads"
    expected = [
        downloads / "hello.json",
        downloads / "random-1mib.bin",
        downloads / "cohort-a" / "manifest.tsv",
        downloads / "cohort-a" / "nested" / "notes.txt",
    ]

    def downloaded() -> str | None:
        missing = [str(p.relative_to(workdir)) for p in expected if not p.is_file()]
        return f"not downloaded: {', '.join(missing)}" if missing else None

    sql = (
        "SELECT variant_id, chromosome, position, gene, quality FROM variants "
        "WHERE gene = ? AND quality >= ? ORDER BY quality DESC, variant_id"
    )
    return [
        Step(
            "Discover the node's services through its Service Registry",
            ["use", f"{base_url}/", "--name", "local-node", "--no-auth"],
        ),
        Step("The endpoints now configured", ["config", "endpoints", "list"]),
        Step("List the Data Connect tables", ["data-connect", "tables", "list"]),
        Step(
            "Query with parameters; the first rows, as a table",
            ["dc", "query", sql, "--param", "BRCA1", "--param", "90", "--limit", "8"],
        ),
        Step(
            "Download a file and a bundle (checksums verified)",
            ["files", "download", "hello.json", "random-1mib.bin", "cohort-a", "-o", downloads],
            check=downloaded,
        ),
        Step("List a collection's items", ["collections", "items", "cohort-a"]),
        Step(
            "Ask a federated question across collections",
            ["explorer", "questions", "ask", "variants-by-gene", "--param", "gene=BRCA1"],
        ),
    ]


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_interrupt)  # clean up on SIGTERM as on Ctrl-C

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="dnastack-demo-"))
    env = demo_environment(workdir)
    server: DevServerProcess | None = None
    ok = False
    say("dnastack demo: the main job against the embedded local GA4GH node", bold=True)
    say(f"(configuration and sessions in {workdir}; your ~/.dnastack is not touched)")
    try:
        # no signal between starting the process and holding it: `finally` must see it
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            server = launch_devserver(workdir, env)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        wait_until_ready(server)
        steps = demo_steps(server.base_url, workdir)
        ok = all(run_step(i, len(steps), s, env, workdir) for i, s in enumerate(steps, 1))
    except KeyboardInterrupt:
        say("\ninterrupted")
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        say(f"FAILED: {exc}")
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)  # a 2nd Ctrl-C waits for this
        if server is not None:
            status = server.stop()
            say()
            say(f"devserver (pid {server.process.pid}) stopped, exit status {status}")
        if args.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    say(f"demo {'succeeded' if ok else 'FAILED'} in {elapsed:.1f} s", bold=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
