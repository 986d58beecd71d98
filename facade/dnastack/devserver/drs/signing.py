"""Short-lived signed byte URLs, handed out by ``/objects/{id}/access/{access_id}``.

A signed URL works without a bearer token even when auth is on (as a cloud signed URL
would). The key is random per process, so URLs do not survive a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

__all__ = ["UrlSigner"]


class UrlSigner:
    def __init__(
        self,
        key: bytes | None = None,
        *,
        lifetime_seconds: int = 3600,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = key or secrets.token_bytes(32)
        self._lifetime = lifetime_seconds
        self._clock = clock

    def _signature(self, object_id: str, expires: int) -> str:
        message = f"{object_id}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def query(self, object_id: str) -> str:
        """The query string (``expires=...&signature=...``) that signs ``object_id``."""
        expires = int(self._clock()) + self._lifetime
        return f"expires={expires}&signature={self._signature(object_id, expires)}"

    def verify(self, object_id: str, expires: str | None, signature: str | None) -> bool:
        if not expires or not signature or not expires.isdigit():
            return False
        if int(expires) < self._clock():
            return False
        return hmac.compare_digest(self._signature(object_id, int(expires)), signature)
