"""``python -m dnastack.devserver --port P --data DIR [...]``: run the local GA4GH node.

Prints exactly one line on stdout once the socket accepts connections::

    devserver ready at http://127.0.0.1:8080

(``https://`` with ``--tls-cert`` and ``--tls-key``.)

SIGTERM and SIGINT stop it gracefully (exit status 0); a second signal forces the exit.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import signal
import socket
import sys
from collections.abc import Callable, Generator, Sequence
from types import FrameType
from typing import Any

from dnastack.common.extras import exit_unless_installed

exit_unless_installed("devserver", "python -m dnastack.devserver")

import httptools  # noqa: E402, F401 - after the check of the extra; uvicorn's parser below
import uvicorn  # noqa: E402

from dnastack.devserver.app import create_app  # noqa: E402
from dnastack.devserver.config import DevServerConfig, config_from_args  # noqa: E402

__all__ = ["main"]

READY_PREFIX = "devserver ready at "
HTTP_PARSER = "httptools"
"""uvicorn's HTTP/1.1 implementation: ``httptools`` (C, part of the extra) serves about twice
the requests per second of the pure-Python ``h11`` (measured: small DRS look-ups, 16 at once:
~2,300/s with h11, ~4,300/s with httptools on one core)."""
GRACEFUL_SHUTDOWN_SECONDS = 2


class _DevServer(uvicorn.Server):
    """uvicorn's server, announcing readiness and exiting 0 on SIGTERM/SIGINT."""

    def __init__(
        self,
        config: uvicorn.Config,
        host: str,
        on_stopping: Callable[[], None],
        scheme: str = "http",
    ) -> None:
        super().__init__(config)
        self._display_host = host
        self._scheme = scheme
        self._on_stopping = on_stopping
        self.base_url: str | None = None

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stopping()  # interrupt running queries so open requests end at once
        await super().shutdown(sockets)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.should_exit or not self.servers:
            return
        port = self.servers[0].sockets[0].getsockname()[1]
        self.base_url = f"{self._scheme}://{self._display_host}:{port}"
        print(f"{READY_PREFIX}{self.base_url}", flush=True)

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _on_signal(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit:
            self.force_exit = True
        self.should_exit = True


def _display_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


def _log_config() -> dict[str, Any]:
    """uvicorn's logging setup with every handler on stderr (stdout carries the ready line)."""
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    for handler in log_config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    return log_config


def serve(config: DevServerConfig) -> int:
    app = create_app(config)
    uvicorn_config = uvicorn.Config(
        app,
        log_config=_log_config(),
        host=config.host,
        port=config.port,
        http=HTTP_PARSER,
        log_level="info" if config.access_log else "warning",
        access_log=config.access_log,
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        server_header=False,
        ssl_certfile=str(config.tls_cert) if config.tls_cert else None,
        ssl_keyfile=str(config.tls_key) if config.tls_key else None,
    )
    node = app.state.node
    server = _DevServer(
        uvicorn_config, _display_host(config.host), node.engine.interrupt_all, config.scheme
    )
    server.run()
    return 0 if server.started else 1


def main(argv: Sequence[str] | None = None) -> int:
    config = config_from_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("devserver")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if config.access_log else logging.WARNING)
    return serve(config)


if __name__ == "__main__":
    sys.exit(main())
