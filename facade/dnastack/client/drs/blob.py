"""``Blob``: one DRS object's bytes in memory, verified (``DrsClient.get_blob``).

The reference library's guide reads objects this way::

    with drs.get_blob("hello.json") as blob:
        print(blob.name, blob.drs_object.size)
        content = blob.data  # bytes, checked against the object's size and checksum

``data`` goes through the SDK's verified download engine (:meth:`DrsClient.download`:
access methods tried in order, retries, resume, size and checksum checked) into a private
temporary folder that is removed as soon as the bytes are read. The whole object is then
**held in memory** for the life of the ``Blob``: use :meth:`DrsClient.download` for objects
that do not comfortably fit in memory. Bytes that fail verification are never returned
(:class:`~dnastack.client.drs.ChecksumMismatchError`).
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dnastack.client.drs.download import FETCHABLE_SCHEMES
from dnastack.client.drs.errors import DrsDownloadError, NoAccessMethodError
from dnastack.client.drs.results import DownloadStatus
from dnastack.common.closing import Closeable
from dnastack.exceptions import DnastackError

if TYPE_CHECKING:
    from dnastack.client.drs.client import DrsClient
    from dnastack.client.drs.models import AccessURL, DrsObject

__all__ = ["Blob", "drs_url_for"]


def drs_url_for(id_or_url: str, endpoint_url: str) -> str:
    """``drs://host[:port]/id`` for a plain id on ``endpoint_url``; a ``drs://`` URL as is."""
    if id_or_url.lower().startswith("drs://"):
        return id_or_url
    return f"drs://{urlsplit(endpoint_url).netloc}/{id_or_url}"


class Blob(Closeable):
    """A DRS blob: its object, its download URL, and its bytes (verified, in memory).

    Nothing is requested before a member is used; the object, the access URL and the bytes
    are each fetched once and kept.

    Args:
        client: the DRS client that resolves ``id_or_url``.
        id_or_url: an object id on the client's endpoint, or a ``drs://`` URI.
        no_auth: send no credentials.
    """

    def __init__(self, client: DrsClient, id_or_url: str, *, no_auth: bool = False) -> None:
        self._client = client
        self._id_or_url = id_or_url
        self._no_auth = no_auth
        self._lock = threading.RLock()
        self._object: DrsObject | None = None
        self._access_url: AccessURL | None = None
        self._data: bytes | None = None

    @property
    def drs_url(self) -> str:
        """The ``drs://`` URL of the object."""
        return drs_url_for(self._id_or_url, self._client.url)

    @property
    def drs_object(self) -> DrsObject:
        """The DRS object (fetched on first use)."""
        return self.get_object()

    @property
    def name(self) -> str:
        """The last path segment of the download URL, as the reference library names it."""
        path = urlsplit(self.get_download_url()).path
        return path.rstrip("/").rsplit("/", 1)[-1]

    @property
    def data(self) -> bytes:
        """The object's bytes, checked against its size and checksum (held in memory).

        Raises:
            ChecksumMismatchError, IncompleteDownloadError, NoAccessMethodError,
            DrsDownloadError: the bytes could not be fetched and verified.
        """
        with self._lock:
            if self._data is None:
                self._data = self._download()
            return self._data

    def get_object(self) -> DrsObject:
        """The DRS object (fetched once).

        Raises:
            DrsObjectNotFoundError: no such object (also a ``DrsApiError``).
        """
        with self._lock:
            if self._object is None:
                self._object = self._client.get_object(self._id_or_url, no_auth=self._no_auth)
            return self._object

    def get_access_url_object(self) -> AccessURL:
        """The first http(s) access URL: a direct one, else one exchanged for an access id.

        Raises:
            NoAccessMethodError: the object offers no http(s) access method (also known as
                ``NoUsableAccessMethodError``).
        """
        with self._lock:
            if self._access_url is None:
                self._access_url = self._find_access_url()
            return self._access_url

    def get_download_url(self) -> str:
        """The URL the bytes are served from (it may be signed: treat it as a secret)."""
        return self.get_access_url_object().url

    def close(self) -> None:
        """Forget the bytes held in memory (the client's connections stay open)."""
        with self._lock:
            self._data = None

    def __repr__(self) -> str:
        return f"Blob(drs_url={self.drs_url!r})"

    # -- internals ------------------------------------------------------------------------

    def _find_access_url(self) -> AccessURL:
        drs_object = self.get_object()
        for method in drs_object.access_methods or []:
            if method.available is False:
                continue
            direct = method.access_url
            if direct is not None and direct.url.lower().startswith(FETCHABLE_SCHEMES):
                return direct
            if direct is None and method.access_id and method.type.lower() in ("https", "http"):
                found = self._client.get_access_url(
                    self._id_or_url, method.access_id, no_auth=self._no_auth
                )
                if found.url.lower().startswith(FETCHABLE_SCHEMES):
                    return found
        raise NoAccessMethodError(
            f"DRS object {drs_object.id!r} offers no http(s) access method",
            object_id=drs_object.id,
        )

    def _download(self) -> bytes:
        drs_object = self.get_object()
        if drs_object.is_bundle:
            raise NoAccessMethodError(
                f"DRS object {drs_object.id!r} is a bundle (no access method of its own): "
                "use DrsClient.download()",
                object_id=drs_object.id,
            )
        with tempfile.TemporaryDirectory(prefix="dnastack-blob-") as folder:
            results = self._client.download(
                [self._id_or_url],
                folder,
                parallel=1,
                resume=False,
                skip_existing=False,
                no_auth=self._no_auth,
            )
            result = results[0]
            if result.status is DownloadStatus.FAILED or result.path is None:
                if isinstance(result.exception, DnastackError):
                    raise result.exception
                raise DrsDownloadError(
                    result.error or f"DRS object {drs_object.id!r} could not be downloaded",
                    object_id=drs_object.id,
                ) from result.exception
            return Path(result.path).read_bytes()
