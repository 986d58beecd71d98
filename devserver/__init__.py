"""The project's local GA4GH node: Data Connect, DRS, Service Registry, Collections, Explorer.

Run it with ``python -m devserver --port 8080 --data DIR``, or build the ASGI app in-process
with ``devserver.app.create_app(devserver.config.DevServerConfig(data_dir=...))``.
"""

from __future__ import annotations

__all__: list[str] = []
