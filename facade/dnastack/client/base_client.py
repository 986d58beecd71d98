"""The reference library's (3.x) module of ``BaseServiceClient``: the SDK's
:class:`dnastack.client.base.BaseServiceClient` (one base class for every client)."""

from __future__ import annotations

from dnastack.client.base import BaseServiceClient

__all__ = ["BaseServiceClient"]
