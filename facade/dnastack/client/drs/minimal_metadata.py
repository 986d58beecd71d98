"""``DrsMinimalMetadata``: the reference library's (3.x) view of a hostname-based ``drs://`` URL.

Kept for scripts that build it; the SDK itself resolves ids and URIs with
:func:`~dnastack.client.drs.uri.resolve_drs_location` (compact ids, ports, the configured
endpoint's scheme and base path), which :attr:`DrsMinimalMetadata.location` exposes.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from dnastack.client.drs.uri import DrsLocation, InvalidDrsUriError, resolve_drs_location

__all__ = ["DrsMinimalMetadata"]

_OBJECT_ID = re.compile(r"^[^/#?]+$")


class DrsMinimalMetadata:
    """A DRS URL (``drs://host/id``) and what it names.

    Raises:
        InvalidDrsUrlError: ``url`` is not a ``drs://host/id`` URL (a ``ValueError``).
    """

    def __init__(self, url: str) -> None:
        try:
            self.assert_valid_drs_url(url)
        except AssertionError as exc:
            raise InvalidDrsUriError(f"The provided url ({url}) is not a valid DRS url.") from exc
        self._url = url

    @property
    def url(self) -> str:
        return self._url

    @property
    def object_id(self) -> str:
        """The object id: the last path segment of the URL."""
        return urlparse(self._url).path.split("/")[-1]

    @property
    def drs_server_url(self) -> str:
        """``https://host/ga4gh/drs/v1/`` for the URL's host (the DRS standard's location)."""
        parsed = urlparse(self._url)
        folder = "/".join(parsed.path.split("/")[:-1])
        return urljoin(f"https://{parsed.netloc}{folder}", "ga4gh/drs/v1/")

    @property
    def location(self) -> DrsLocation:
        """Where the SDK finds the object (``http`` for loopback hosts, as it does)."""
        return resolve_drs_location(self._url)

    @classmethod
    def assert_valid_drs_url(cls, url: str) -> None:
        """Raise ``AssertionError`` unless ``url`` is ``drs://host/id``."""
        parsed = urlparse(url)
        if parsed.scheme != "drs":
            raise AssertionError(f"The scheme of the given URL ({url}) is invalid.")
        if len(parsed.path) <= 2 or not parsed.path.startswith("/"):
            raise AssertionError(f"The ID is not specified in the URL ({url}).")
        if not _OBJECT_ID.search(parsed.path[1:]):
            raise AssertionError(f"The format of the ID ({parsed.path[1:]}) is not valid.")
