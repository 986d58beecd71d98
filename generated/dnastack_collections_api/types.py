# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar, cast

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def expect_type(value: object, expected: type[T], field: str) -> T:
    """Return ``value`` when it has the JSON type the spec declares; raise TypeError naming ``field`` otherwise.

    (overlay) ``bool`` is not accepted where a number is expected, and an ``int`` is accepted where a
    ``float`` is expected, as in JSON.
    """
    # the usual case first: the exact type, returned without the checks below (issue 15)
    if type(value) is expected:
        return value
    if isinstance(value, bool) and expected is not bool:
        raise TypeError(f"{field}: expected {expected.__name__}, got a boolean")
    if isinstance(value, expected) or (expected is float and isinstance(value, int)):
        return cast(T, value)
    raise TypeError(
        f"{field}: expected {expected.__name__}, got {type(value).__name__}"
    )


def path_segment(value: str) -> str:
    """``value`` as exactly one percent-encoded path segment: ``/``, ``?``, ``#``, ``%``
    encoded, and the dot segments ``.``/``..`` (which URL resolution would drop or climb
    with) written ``%2E``/``%2E%2E``."""
    from urllib.parse import quote

    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "expect_type",
    "path_segment",
]
