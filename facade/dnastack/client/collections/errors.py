"""Collection Service errors (the reference library's names, in the SDK's one tree)."""

from __future__ import annotations

from dnastack.exceptions import NotFoundError, ResponseParseError

__all__ = ["InvalidApiResponse", "UnknownCollectionError"]


class InvalidApiResponse(ResponseParseError, RuntimeError):
    """The service answered a collection that does not match the specification (raised by
    :meth:`CollectionServiceClient.get`, as in the reference library)."""


class UnknownCollectionError(NotFoundError, RuntimeError):
    """The service answered 404 for a collection id or slug name (``id_or_slug_name``)."""

    def __init__(self, id_or_slug_name: str, error: NotFoundError) -> None:
        self.id_or_slug_name = id_or_slug_name
        super().__init__(error.response, error.trace)

    def _describe(self) -> str:
        return f"unknown collection {self.id_or_slug_name!r}: {super()._describe()}"
