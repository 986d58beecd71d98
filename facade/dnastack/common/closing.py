"""One context-manager protocol for everything that holds connections: ``with x:`` closes it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self

__all__ = ["Closeable"]


class Closeable(ABC):
    """Mixin: ``__enter__`` returns the object, ``__exit__`` calls :meth:`close`."""

    @abstractmethod
    def close(self) -> None:
        """Release what the object holds; calling it twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
