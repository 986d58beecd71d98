"""Service Registry: the models (``dnastack.client.service_registry.models``) and client."""

from __future__ import annotations

__all__: list[str] = []
