"""The reference library's (3.x) error names catch the SDK's errors: each is a base class of
the SDK's own (``except`` matches by inheritance only), and keeps its 3.x constructor."""

from __future__ import annotations

import httpx
import pytest

from dnastack.client.base_exceptions import (
    AmbiguousArgumentsError,
    ApiError,
    DataConnectError,
    MissingResourceError,
    ServerApiError,
    UnauthenticatedApiAccessError,
    UnauthorizedApiAccessError,
)
from dnastack.client.collections.model import PageableApiError
from dnastack.client.data_connect.errors import (
    DataConnectRequestError,
    DataConnectServerError,
    InvalidQueryError,
    TableNotFoundError,
    translate_first_request_error,
)
from dnastack.common.exceptions import DependencyError
from dnastack.exceptions import (
    ClientRequestError,
    DnastackError,
    ForbiddenError,
    HttpError,
    MissingExtraError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    http_error_for,
)


def _error(status: int, body: str = '{"message": "nope"}') -> HttpError:
    request = httpx.Request("GET", "https://h.test/api/x?token=secret")
    return http_error_for(httpx.Response(status, request=request, text=body))


@pytest.mark.parametrize(
    ("status", "ours", "theirs"),
    [
        (401, UnauthorizedError, UnauthenticatedApiAccessError),
        (403, ForbiddenError, UnauthorizedApiAccessError),
        (404, NotFoundError, MissingResourceError),
        (500, ServerError, ServerApiError),
        (503, ServerError, ServerApiError),
    ],
)
def test_a_status_error_is_caught_by_the_reference_name(
    status: int, ours: type[HttpError], theirs: type[Exception]
) -> None:
    error = _error(status)

    assert isinstance(error, ours)
    with pytest.raises(theirs):
        raise error


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 429, 500])
def test_every_http_error_is_an_api_error_with_the_reference_attributes(status: int) -> None:
    error = _error(status)

    assert isinstance(error, ApiError) and isinstance(error, PageableApiError)
    assert isinstance(error, RuntimeError) and isinstance(error, DnastackError)
    assert error.status == status == error.status_code
    assert error.details == '{"message": "nope"}'
    assert error.summary == "nope"
    assert error.urls == ["https://h.test/api/x"]  # the query string (a secret) stripped


def test_reference_classes_keep_their_constructors() -> None:
    api = ApiError("https://h.test/x", 404, "gone")
    data_connect = DataConnectError("bad", 500, "body", urls=["https://h.test/a"])

    assert str(api) == "HTTP 404 from https://h.test/x: gone"
    assert (api.url, api.status, api.details) == ("https://h.test/x", 404, "gone")
    assert str(data_connect) == "HTTP 500: bad"
    assert data_connect.urls == ["https://h.test/a"] and data_connect.details == "body"
    assert str(UnauthenticatedApiAccessError("m")) == "Unauthenticated Access: m"
    assert str(UnauthorizedApiAccessError("m")) == "Unauthorized Access: m"
    assert isinstance(AmbiguousArgumentsError("x"), AssertionError)


def test_a_missing_extra_is_a_dependency_error() -> None:
    assert issubclass(MissingExtraError, DependencyError)
    assert str(MissingExtraError("pip install x")) == "pip install x"
    assert str(DependencyError("pandas")) == (
        'To install the missing dependency, please run: pip3 install "pandas"'
    )


@pytest.mark.parametrize(
    ("status", "query", "expected"),
    [
        (400, "SELEC 1", InvalidQueryError),
        (404, None, TableNotFoundError),
        (409, None, DataConnectRequestError),
        (500, "SELECT 1", DataConnectServerError),
        (502, None, DataConnectServerError),
    ],
)
def test_data_connect_first_read_errors_are_data_connect_errors(
    status: int, query: str | None, expected: type[HttpError]
) -> None:
    original = _error(status)

    translated = translate_first_request_error(original, query)

    assert type(translated) is expected
    assert isinstance(translated, DataConnectError)
    assert isinstance(translated, type(original))  # still the SDK's status class


@pytest.mark.parametrize(
    ("status", "kept"), [(401, UnauthorizedError), (403, ForbiddenError), (429, RateLimitedError)]
)
def test_data_connect_auth_and_rate_errors_keep_their_class(
    status: int, kept: type[HttpError]
) -> None:
    original = _error(status)

    translated = translate_first_request_error(original, "SELECT 1")

    assert translated is original and isinstance(translated, kept)
    assert not isinstance(translated, DataConnectError)
    assert isinstance(translated, ClientRequestError)
