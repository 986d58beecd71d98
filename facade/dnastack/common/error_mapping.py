"""``ErrorMapping``: a context manager that re-raises failures as the SDK's own errors."""

from __future__ import annotations

__all__ = ["ErrorMapping"]


class ErrorMapping:
    """Base of the context managers that translate errors (a class, not a generator context
    manager: they wrap every request, and cost a third as much).

    Subclasses implement :meth:`on_error`: the error to raise instead (chained ``from`` the
    original), or ``None`` to let the original through.
    """

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        if exc is not None:
            replacement = self.on_error(exc)
            if replacement is not None:
                raise replacement from exc

    def on_error(self, exc: BaseException) -> BaseException | None:
        """The error to raise for ``exc`` (None: ``exc`` stands)."""
        raise NotImplementedError
