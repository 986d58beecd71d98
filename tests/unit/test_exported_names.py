"""The exported names (``__all__``) of the documented client modules are the documented ones,
plus the deliberate extras listed here; every exported name exists."""

from __future__ import annotations

import importlib

import pytest

# module -> (documented names, deliberate extras)
EXPORTS: dict[str, tuple[set[str], set[str]]] = {
    "dnastack.client.data_connect": (
        {"DataConnectClient", "Table", "TableInfo", "Error"},
        {"QueryError"}  # raised when a result cannot be read to its end
        # the reference library's names (issue 11)
        | {
            "DATA_CONNECT_TYPE_V1_0",
            "DataConversionError",
            "InvalidDataLoadingError",
            "InvalidQueryError",
            "TableNotFoundError",
            "UnexpectedRequestError",
            "InactiveQuerySessionError",
            "InterruptedLoadingError",
        }
        # the reference's DataConnectError for statuses it has no other class for
        | {"DataConnectRequestError", "DataConnectServerError"},
    ),
    "dnastack.client.collections.client": (
        {"CollectionServiceClient"},
        {"COLLECTION_SERVICE_TYPE_V1_0", "parse_item_page", "parse_question_result_page"}
        # the reference library's names (issue 11)
        | {
            "EXPLORER_COLLECTION_SERVICE_TYPE_V1_0",
            "STANDARD_COLLECTION_SERVICE_TYPE_V1_0",
            "STANDARD_DATASOURCE_SERVICE_TYPE_V1_0",
            "UnknownCollectionError",
            "InvalidApiResponse",
        },
    ),
    "dnastack.client.collections.model": (
        {
            "Collection",
            "CollectionItem",
            "CollectionItemListOptions",
            "CollectionStatus",
            "CreateCollectionItemsRequest",
            "DeleteCollectionItemRequest",
            "Tag",
        },
        {"CollectionItemRef", "CollectionItemSource", "from_generated", "to_generated"}
        # the reference library's names (issue 11; the validation status models: compat)
        | {
            "Question",
            "QuestionParameter",
            "CollectionValidationMissingItems",
            "CollectionValidationStatus",
            "PageableApiError",
        },
    ),
    "dnastack.client.explorer.client": (
        {"ExplorerClient"},
        {"EXPLORER_TYPE_V1_0", "validate_question_inputs"}
        | {"EXPLORER_SERVICE_TYPE_V1_0"},  # the reference library's name (issue 11)
    ),
    "dnastack.client.explorer.models": (
        {"FederatedQuestion", "QuestionCollection", "QuestionParam"},
        set(),
    ),
    "dnastack.client.result_iterator": (
        {"ResultIterator"},
        {"require_optional", "InactiveLoaderError"},  # the reference library's name
    ),
    "dnastack.client.constants": (
        {"SERVICE_CLIENT_CLASS"},
        {
            "BUILTIN_CLIENT_MODULES",
            "ClientRegistration",
            "VersionRange",
            "client_class_for",
            "client_class_for_adapter_type",
            "parse_version",
            "register_service_client",
            "registered_client_classes",
            "registrations",
        },
    ),
    "dnastack.client.base": ({"BaseServiceClient"}, {"normalize_base_url"}),
}


@pytest.mark.parametrize("module_name", sorted(EXPORTS))
def test_exported_names_are_the_documented_ones(module_name: str) -> None:
    module = importlib.import_module(module_name)
    documented, extras = EXPORTS[module_name]

    assert set(module.__all__) == documented | extras
    assert len(module.__all__) == len(set(module.__all__))
    for name in module.__all__:
        assert hasattr(module, name), f"{module_name}.{name} is exported but missing"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("dnastack.client.data_connect", "DataConnectClient"),
        ("dnastack.client.collections.client", "CollectionServiceClient"),
        ("dnastack.client.explorer.client", "ExplorerClient"),
    ],
)
def test_exported_names_root_package_gives_the_same_client_class(path: str, name: str) -> None:
    import dnastack

    assert getattr(dnastack, name) is getattr(importlib.import_module(path), name)
