"""The encoded DrsObject bodies of blobs the devserver answered lately, reused while the file
stays the same.

A blob's object is a function of its file (inode, size, modification time: the checksum
cache is keyed the same way), the URL the client reached the node by, and fixed settings of
the app. Rendering it (times in RFC 3339, the MIME type, the access methods) and encoding it
was most of a look-up's handler time: clients that resolve many ids measure the server, not
themselves. Keyed by all of those, a changed, replaced or renamed file is rendered afresh;
one ``stat`` per look-up remains. Bounded: least recently used bodies go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import orjson

from dnastack.devserver.drs.objects import DrsUrls, render_cached_blob
from dnastack.devserver.drs.store import DrsEntry, DrsStore

__all__ = ["RENDERED_BODIES_LIMIT", "RenderedBlobs"]

#: Bodies kept (~1 KB each).
RENDERED_BODIES_LIMIT = 4096

_Key = tuple[str, str, int, int, int, int]


class RenderedBlobs:
    """``body(entry, urls)``: the JSON body of a blob's DrsObject, from cache when unchanged.

    Args:
        store: the DRS store (checksums).
        issuer: the OIDC issuer named in the access methods' authorizations (or None).
        as_served: the document as this node serves it (DRS compatibility mode).
        limit: bodies kept.
    """

    def __init__(
        self,
        store: DrsStore,
        issuer: str | None,
        as_served: Callable[[dict[str, Any]], dict[str, Any]],
        limit: int = RENDERED_BODIES_LIMIT,
    ) -> None:
        self._store = store
        self._issuer = issuer
        self._as_served = as_served
        self._limit = limit
        self._bodies: OrderedDict[_Key, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def body(self, entry: DrsEntry, urls: DrsUrls) -> bytes | None:
        """The body for a blob whose checksums are known; None for a bundle or a blob that
        needs hashing first (render it off the event loop)."""
        if entry.is_bundle:
            return None
        stat = entry.path.stat()
        key = (entry.object_id, urls.node, stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                return body
        document = render_cached_blob(self._store, entry, urls, stat, issuer=self._issuer)
        if document is None:
            return None
        body = orjson.dumps(self._as_served(document))
        with self._lock:
            self._bodies[key] = body
            while len(self._bodies) > self._limit:
                self._bodies.popitem(last=False)
        return body
