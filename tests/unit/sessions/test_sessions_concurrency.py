"""Two processes writing sessions at once lose nothing."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from dnastack.http.session_info import FileSessionStorage, SessionInfo, SessionManager

WRITES_PER_PROCESS = 50


def _write_sessions(directory: str, worker: int) -> None:
    manager = SessionManager(FileSessionStorage(directory))
    storage = manager.storage
    for index in range(WRITES_PER_PROCESS):
        manager.save(
            f"w{worker}-{index}",
            SessionInfo(access_token=f"t{worker}-{index}", issued_at=0, valid_until=1),
        )

        def append(current: SessionInfo | None, tag: str = f"w{worker}-{index}") -> SessionInfo:
            scopes = (current.scope or "").split() if current else []
            return SessionInfo(
                access_token="shared", scope=" ".join([*scopes, tag]), issued_at=0, valid_until=1
            )

        storage.update("shared", append)


def test_two_processes_x_50_session_writes_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_sessions, args=(str(tmp_path), n)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    storage = FileSessionStorage(tmp_path)
    expected = {f"w{n}-{i}" for n in range(2) for i in range(WRITES_PER_PROCESS)}
    assert set(storage) == expected | {"shared"}
    for session_id in expected:
        assert storage[session_id].access_token == f"t{session_id[1:]}"
    shared = storage["shared"].scope
    assert shared is not None and set(shared.split()) == expected  # every read-modify-write kept
