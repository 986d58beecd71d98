"""Where this SDK deliberately differs from dnastack-client-library 3.1.240, and why.

Only where matching would be unsafe or wrong. ``docs/migrating.md`` shows the same table;
``test_differential.py`` checks that each listed scenario still differs (a stale entry
fails) and that our side is what the reason says.

``PENDING`` lists scenarios whose fix belongs to another change that has not landed yet:
they run as ``xfail(strict=True)``, so they fail loudly the moment they start to pass.
"""

from __future__ import annotations

__all__ = ["DELIBERATE", "PENDING"]

DELIBERATE: dict[str, str] = {
    "core_query_all_types": (
        "typed values: every Data Connect type is converted per its data_model (decimal(p,s) "
        "-> Decimal, also inside structs and lists; blob -> bytes; interval -> Interval), "
        "where the reference leaves some as JSON strings"
    ),
    "core_collection_status": (
        "CollectionStatus.availability and .itemCounts: this project's Collection Service "
        "spec has them (next to the reference's validationsStatus, lastChecked and "
        "missingItems, which both libraries read: i11_collection_status_validation_fields); "
        "the reference's model has no such attributes"
    ),
    "i2_use_all_lists_every_service_type": (
        "one endpoint per service: the reference also adds the registry it was given as a "
        "second registry endpoint (id host:port) when the registry already lists itself"
    ),
    "i2_use_get_one_of_explorer": (
        "get_one_of(client_class=ExplorerClient) returns an ExplorerClient; the reference "
        "returns whichever class it registers first for the endpoint's type (here a "
        "CollectionServiceClient)"
    ),
    "i3_invalid_query": (
        "one error tree: InvalidQueryError is also an HttpError/ClientError (status, URL, "
        "server message), so `except HttpError` catches it; the reference's is not"
    ),
    "i8_cli_query_decimal_as_float": (
        "`--decimal-as float` prints numbers; the reference accepts the option but still "
        "prints decimals as strings"
    ),
    "i3_missing_table_data": (
        "one error tree: the 404 on a table's rows (UnexpectedRequestError, here a "
        "TableNotFoundError) is also an HttpError; the reference's is not"
    ),
    "i12_download_files_all_failed_raises": (
        "a failed object is reported: download-failure event (reason, error), then "
        "DRSDownloadException when every object failed; the reference raises pydantic's "
        "PydanticSerializationError while dispatching its failure event (it hashes the event, "
        "which holds the exception, as JSON)"
    ),
    "i12_download_files_some_failed": (
        "a failed object is reported (download-failure event) and the others are "
        "downloaded; the reference raises pydantic's PydanticSerializationError while "
        "dispatching its failure event"
    ),
}

PENDING: dict[str, str] = {}
