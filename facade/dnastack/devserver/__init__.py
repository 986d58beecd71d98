"""The project's local GA4GH node: Data Connect, DRS, Service Registry, Collections, Explorer.

Run it with ``dnastack devserver --port 8080 --data DIR`` (or ``python -m dnastack.devserver``),
or build the ASGI app in-process with
``dnastack.devserver.app.create_app(dnastack.devserver.config.DevServerConfig(data_dir=...))``.
"""

from __future__ import annotations

__all__: list[str] = []
