"""Data Connect errors."""

from __future__ import annotations

from dnastack.client.pagination import IncompleteResultError

__all__ = ["QueryError"]


class QueryError(IncompleteResultError):
    """A Data Connect result that could not be read to its end.

    Raised when a page reports ``errors`` (``errors`` holds them, as
    :class:`~dnastack.client.data_connect.Error`), or when a page after the first fails
    (``__cause__`` is the :class:`~dnastack.exceptions.HttpError` or
    :class:`~dnastack.exceptions.TransportError`). ``rows_so_far`` rows were delivered
    before it: the result is never silently truncated.
    """
