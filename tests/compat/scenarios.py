"""Scenarios a dnastack-client-library 3.x user runs, written once, run through both libraries.

This module is imported by ``run_scenarios.py`` under the reference's interpreter and under
ours: it imports nothing but the stdlib at module level, and ``dnastack`` (whichever library
the interpreter has) inside each scenario. A scenario returns a JSON-ready observation; the
differential test compares the two observations (see ``differences.py`` for the deliberate
ones). ``NODE`` is the devserver's registry URL (https, reference service types).

Scenario names start with the issue-11 item they cover (``i1_`` ... ``i11_``; ``i12_`` for the
second compatibility pass: error names, download events, endpoints, events; ``core_`` for
what already worked and must keep working).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import importlib
import inspect
import json
import os
import tempfile
from collections.abc import Callable
from typing import Any

__all__ = ["ISOLATED", "SCENARIOS", "show"]

NODE = os.environ.get("COMPAT_NODE_URL", "https://127.0.0.1:8080/")
DC_ID = "com.dnastack.devserver.data-connect"
DRS_ID = "com.dnastack.devserver.drs"
COLLECTIONS_ID = "com.dnastack.devserver.collection-service"
EXPLORER_ID = "com.dnastack.devserver.explorer"

SCENARIOS: dict[str, Callable[[], Any]] = {}
ISOLATED = {
    "i2_use_with_host_and_port_means_https",
    "i2_use_without_auth",
    "i12_use_with_positional_no_auth",
    "i12_context_helper_use",
    "i12_default_event_interceptors",
}
"""Scenarios run in a process of their own (a second ``use()`` call in one process changes
the reference's endpoint ids)."""


def scenario(function: Callable[[], Any]) -> Callable[[], Any]:
    SCENARIOS[function.__name__] = function
    return function


def show(value: Any) -> Any:
    """A JSON-ready, library-independent form of ``value`` (types of scalars kept visible)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, decimal.Decimal):
        return f"Decimal({value})"
    if isinstance(value, dt.datetime):
        return f"datetime({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"date({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"time({value.isoformat()})"
    if isinstance(value, dt.timedelta):
        return f"timedelta({value.total_seconds()})"
    if isinstance(value, bytes):
        return f"bytes({len(value)}, sha256={hashlib.sha256(value).hexdigest()})"
    if isinstance(value, dict):
        return {str(k): show(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [show(v) for v in value]
    return f"{type(value).__name__}({value})"


def load(path: str) -> Any:
    """``module:name`` -> the object."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def caught(action: Callable[[], Any], *class_paths: str) -> dict[str, Any]:
    """Run ``action``; which of the named classes (``module:Name``) the error is an instance of."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - the observation is the class
        return {path: isinstance(exc, load(path)) for path in class_paths}
    return {"raised": False}


_FACTORY: list[Any] = []


def factory() -> Any:
    """What ``dnastack.use(NODE)`` returns, once per process (as a user's script calls it)."""
    if not _FACTORY:
        import dnastack

        _FACTORY.append(dnastack.use(NODE))
    return _FACTORY[0]


def client(endpoint_id: str) -> Any:
    return factory().get(endpoint_id)


def positional(function: Any) -> list[str]:
    """The names of the parameters a caller may pass positionally (``self`` left out)."""
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind in kinds and p.name != "self"
    ]


# -- item 1: DrsClient.get_blob and Blob ------------------------------------------------------


@scenario
def i1_blob_data_by_id() -> Any:
    return show(client(DRS_ID).get_blob("hello.json").data)


@scenario
def i1_blob_data_of_a_larger_object() -> Any:
    return show(client(DRS_ID).get_blob("random-1mib.bin").data)


@scenario
def i1_blob_name() -> Any:
    return client(DRS_ID).get_blob("hello.json").name


@scenario
def i1_blob_drs_object() -> Any:
    found = client(DRS_ID).get_blob("hello.json").drs_object
    checksums = sorted((c.type, c.checksum) for c in found.checksums)
    return [found.id, found.name, found.size, show(checksums)]


@scenario
def i1_blob_download_url_is_on_the_node() -> Any:
    url = client(DRS_ID).get_blob("hello.json").get_download_url()
    return url.startswith(NODE.rstrip("/")) and "hello.json" in url


@scenario
def i1_blob_as_context_manager() -> Any:
    with client(DRS_ID).get_blob("hello.json") as blob:
        return show(blob.data)


@scenario
def i1_blob_by_drs_url() -> Any:
    host = NODE.split("://", 1)[1].rstrip("/")
    return show(client(DRS_ID).get_blob(f"drs://{host}/hello.json").data)


@scenario
def i1_blob_by_explicit_id_keyword() -> Any:
    return show(client(DRS_ID).get_blob(id="hello.json").data)


@scenario
def i1_blob_by_explicit_url_keyword() -> Any:
    host = NODE.split("://", 1)[1].rstrip("/")
    return client(DRS_ID).get_blob(url=f"drs://{host}/hello.json").name


@scenario
def i1_blob_drs_url() -> Any:
    host = NODE.split("://", 1)[1].rstrip("/")
    return client(DRS_ID).get_blob("hello.json").drs_url == f"drs://{host}/hello.json"


@scenario
def i1_blob_of_a_missing_object_raises_drs_api_error() -> Any:
    blob = client(DRS_ID).get_blob("no-such-object")
    return caught(lambda: blob.data, "dnastack.client.drs:DrsApiError", "builtins:RuntimeError")


@scenario
def i1_blob_of_an_invalid_drs_url_raises_invalid_drs_url_error() -> Any:
    def action() -> Any:
        return client(DRS_ID).get_blob(url="drs://").data

    return caught(action, "dnastack.client.drs:InvalidDrsUrlError", "builtins:ValueError")


# -- item 2: the factory dnastack.use() returns ---------------------------------------------


@scenario
def i2_use_with_host_and_port_means_https() -> Any:
    import dnastack

    host = NODE.split("://", 1)[1].rstrip("/")
    found = dnastack.use(host).get(DC_ID)
    return [type(found).__name__, found.url.startswith("https://")]


@scenario
def i2_use_all_lists_every_service_type() -> Any:
    return sorted(f"{e.type.group}:{e.type.artifact}:{e.type.version}" for e in factory().all())


@scenario
def i2_use_all_service_ids() -> Any:
    return sorted(e.id for e in factory().all() if e.id.startswith("com.dnastack.devserver."))


@scenario
def i2_use_get_data_connect_by_id() -> Any:
    return type(client(DC_ID)).__name__


@scenario
def i2_use_get_drs_by_id() -> Any:
    return type(client(DRS_ID)).__name__


@scenario
def i2_use_get_collections_by_id() -> Any:
    return type(client(COLLECTIONS_ID)).__name__


@scenario
def i2_use_get_unknown_id_is_none() -> Any:
    return factory().get("no-such-endpoint") is None


@scenario
def i2_use_all_by_client_class() -> Any:
    from dnastack import DataConnectClient

    return [e.id for e in factory().all(client_class=DataConnectClient)]


@scenario
def i2_use_all_by_endpoint_type() -> Any:
    from dnastack.client.data_connect import DATA_CONNECT_TYPE_V1_0

    return [e.id for e in factory().all(endpoint_type=DATA_CONNECT_TYPE_V1_0)]


@scenario
def i2_use_get_one_of_data_connect() -> Any:
    from dnastack import DataConnectClient

    found = factory().get_one_of(client_class=DataConnectClient)
    return [type(found).__name__, found.url.endswith("/data-connect/")]


@scenario
def i2_use_get_one_of_drs() -> Any:
    from dnastack import DrsClient

    return type(factory().get_one_of(client_class=DrsClient)).__name__


@scenario
def i2_use_get_one_of_collections() -> Any:
    from dnastack import CollectionServiceClient

    return type(factory().get_one_of(client_class=CollectionServiceClient)).__name__


@scenario
def i2_use_get_one_of_without_match_raises() -> Any:
    from dnastack.client.data_connect import DATA_CONNECT_TYPE_V1_0

    wanted = type(DATA_CONNECT_TYPE_V1_0)(group="org.ga4gh", artifact="data-connect", version="9")
    return caught(
        lambda: factory().get_one_of(endpoint_type=wanted),
        "dnastack.client.factory:SingleEndpointIdentifyingCriteriaError",
        "builtins:RuntimeError",
    )


@scenario
def i2_client_factory_get_by_id() -> Any:
    from dnastack.client.service_registry.factory import ClientFactory

    return type(ClientFactory.use(NODE).get(DC_ID)).__name__


@scenario
def i2_client_factory_get_unknown_id_raises() -> Any:
    from dnastack.client.service_registry.factory import ClientFactory

    return caught(
        lambda: ClientFactory.use(NODE).get("no-such-service"),
        "dnastack.client.service_registry.factory:UnregisteredServiceEndpointError",
    )


@scenario
def i2_use_get_one_of_explorer() -> Any:
    from dnastack.client.explorer.client import ExplorerClient

    return type(factory().get_one_of(client_class=ExplorerClient)).__name__


@scenario
def i2_use_without_auth() -> Any:
    import dnastack

    host = NODE.split("://", 1)[1].rstrip("/")
    found = dnastack.use(NODE, no_auth=True).get_one_of(endpoint_type=_dc_type())
    return [type(found).__name__, host in found.url, found.require_authentication()]


@scenario
def i2_client_factory_create_by_url() -> Any:
    from dnastack import DataConnectClient
    from dnastack.client.service_registry.factory import ClientFactory

    created = ClientFactory.use(NODE).create(DataConnectClient, NODE + "data-connect/")
    return [type(created).__name__, sorted(t.name for t in created.list_tables())]


def _dc_type() -> Any:
    from dnastack.client.data_connect import DATA_CONNECT_TYPE_V1_0

    return DATA_CONNECT_TYPE_V1_0


# -- item 3: the reference's exception classes ---------------------------------------------

_NAMES = {
    "TableNotFoundError": "dnastack.client.data_connect",
    "InvalidQueryError": "dnastack.client.data_connect",
    "UnexpectedRequestError": "dnastack.client.data_connect",
    "DataConversionError": "dnastack.client.data_connect",
    "DrsApiError": "dnastack.client.drs",
    "DRSDownloadException": "dnastack.client.drs",
    "NoUsableAccessMethodError": "dnastack.client.drs",
    "InvalidDrsUrlError": "dnastack.client.drs",
    "UnknownCollectionError": "dnastack.client.collections.client",
    "ClientError": "dnastack.http.session",
    "ServerError": "dnastack.http.session",
}


def _importable(name: str) -> Callable[[], Any]:
    def check() -> Any:
        cls = load(f"{_NAMES[name]}:{name}")
        return [issubclass(cls, base) for base in (Exception, RuntimeError, ValueError)]

    check.__name__ = f"i3_importable_{name}"
    return check


for _name in _NAMES:
    scenario(_importable(_name))


@scenario
def i3_invalid_query() -> Any:
    dc = client(DC_ID)
    return caught(
        lambda: list(dc.query("SELEC 1")),
        "dnastack.client.data_connect:InvalidQueryError",
        "dnastack.client.data_connect:UnexpectedRequestError",
        "dnastack.http.session:ClientError",
        "dnastack.http.session:HttpError",
        "builtins:RuntimeError",
    )


@scenario
def i3_missing_table_info() -> Any:
    dc = client(DC_ID)
    return caught(
        lambda: dc.table("no_such_table").info,
        "dnastack.client.data_connect:TableNotFoundError",
        "builtins:RuntimeError",
    )


@scenario
def i3_missing_table_data() -> Any:
    dc = client(DC_ID)
    return caught(
        lambda: list(dc.table("no_such_table").data),
        "dnastack.client.data_connect:UnexpectedRequestError",
        "dnastack.http.session:HttpError",
    )


@scenario
def i3_unknown_collection() -> Any:
    collections = client(COLLECTIONS_ID)
    return caught(
        lambda: collections.get("no-such-collection"),
        "dnastack.client.collections.client:UnknownCollectionError",
        "builtins:RuntimeError",
    )


@scenario
def i3_blob_of_a_bundle_has_no_usable_access_method() -> Any:
    blob = client(DRS_ID).get_blob("cohort-a")
    return caught(
        lambda: blob.data,
        "dnastack.client.drs:NoUsableAccessMethodError",
        "builtins:RuntimeError",
    )


@scenario
def i3_http_error_of_a_session_is_a_client_error() -> Any:
    dc = client(DC_ID)
    session = dc.create_http_session()
    return caught(
        lambda: session.get(dc.url + "table/no_such_table/info"),
        "dnastack.http.session:ClientError",
        "dnastack.http.session:HttpError",
    )


# -- item 4: create_http_session(suppress_error) ---------------------------------------------


@scenario
def i4_suppress_error_default_is_false() -> Any:
    from dnastack import DataConnectClient

    parameter = inspect.signature(DataConnectClient.create_http_session).parameters
    return parameter["suppress_error"].default


@scenario
def i4_suppress_error_true_returns_the_error_response() -> Any:
    dc = client(DC_ID)
    response = dc.create_http_session(suppress_error=True).get(dc.url + "table/nope/info")
    return [response.status_code, response.json()["errors"][0]["title"]]


@scenario
def i4_suppress_error_false_raises() -> Any:
    dc = client(DC_ID)
    session = dc.create_http_session(suppress_error=False)
    return caught(
        lambda: session.get(dc.url + "table/nope/info"), "dnastack.http.session:HttpError"
    )


@scenario
def i4_session_success() -> Any:
    dc = client(DC_ID)
    response = dc.create_http_session().get(dc.url + "tables")
    return [response.status_code, sorted(t["name"] for t in response.json()["tables"])]


# -- item 5: DataConnectClient.query(query, no_auth, trace) ---------------------------------


@scenario
def i5_query_positional_no_auth() -> Any:
    return show(list(client(DC_ID).query("SELECT 1 AS one", True)))


@scenario
def i5_query_positional_parameters() -> Any:
    from dnastack import DataConnectClient

    return positional(DataConnectClient.query)[:3]


def _signature_scenario(path: str, method: str) -> Callable[[], Any]:
    def check() -> Any:
        return positional(getattr(load(path), method))

    check.__name__ = f"i5_signature_{path.rsplit(':', 1)[1]}_{method}"
    return check


for _path, _method in (
    ("dnastack:DataConnectClient", "list_tables"),
    ("dnastack:DataConnectClient", "iterate_tables"),
    ("dnastack:DataConnectClient", "table"),
    ("dnastack:DrsClient", "get_blob"),
    ("dnastack:CollectionServiceClient", "get"),
    ("dnastack:CollectionServiceClient", "list_collections"),
    ("dnastack:CollectionServiceClient", "list_collection_items"),
    ("dnastack:CollectionServiceClient", "create_collection"),
    ("dnastack:CollectionServiceClient", "get_collection_status"),
    ("dnastack:CollectionServiceClient", "data_connect_endpoint"),
    ("dnastack:CollectionServiceClient", "delete_collection"),
    ("dnastack:CollectionServiceClient", "create_collection_items"),
    ("dnastack:CollectionServiceClient", "delete_collection_items"),
    ("dnastack:DataConnectClient", "create_http_session"),
    ("dnastack:DrsClient", "exit_download"),
    ("dnastack.client.data_connect:Table", "__init__"),
    ("dnastack.client.service_registry.client:ServiceRegistry", "list_services"),
    ("dnastack.client.explorer.client:ExplorerClient", "list_federated_questions"),
    ("dnastack.client.explorer.client:ExplorerClient", "describe_federated_question"),
    ("dnastack.client.explorer.client:ExplorerClient", "ask_federated_question"),
):
    scenario(_signature_scenario(_path, _method))


# -- item 6: model defaults ---------------------------------------------------------------


@scenario
def i6_table_info_defaults() -> Any:
    from dnastack.client.data_connect import TableInfo

    info = TableInfo(name="t")
    return [info.data_model, info.errors]


@scenario
def i6_collection_defaults() -> Any:
    from dnastack.client.collections.model import Collection

    found = Collection(name="c", slugName="c")
    return [found.metadata, found.tags, found.itemCounts]


@scenario
def i6_iterating_tags_of_listed_collections() -> Any:
    return sorted(
        (c.slugName, [t.label for t in c.tags]) for c in client(COLLECTIONS_ID).list_collections()
    )


# -- item 7: a fresh configuration ------------------------------------------------------------


@scenario
def i7_fresh_configuration_has_a_default_context() -> Any:
    from dnastack.configuration.manager import ConfigurationManager

    with tempfile.TemporaryDirectory() as folder:
        configuration = ConfigurationManager(os.path.join(folder, "config.yaml")).load()
        return [configuration.current_context, sorted(configuration.contexts)]


# -- item 9: names users import ---------------------------------------------------------------


def _constant_scenario(path: str) -> Callable[[], Any]:
    def check() -> Any:
        value = load(path)
        return [value.group, value.artifact, value.version]

    check.__name__ = f"i9_constant_{path.rsplit(':', 1)[1]}"
    return check


for _constant in (
    "dnastack.client.data_connect:DATA_CONNECT_TYPE_V1_0",
    "dnastack.client.drs:DRS_TYPE_V1_1",
    "dnastack.client.service_registry.client:STANDARD_SERVICE_REGISTRY_TYPE_V1_0",
    "dnastack.client.collections.client:STANDARD_COLLECTION_SERVICE_TYPE_V1_0",
    "dnastack.client.collections.client:STANDARD_DATASOURCE_SERVICE_TYPE_V1_0",
    "dnastack.client.collections.client:EXPLORER_COLLECTION_SERVICE_TYPE_V1_0",
    "dnastack.client.explorer.client:EXPLORER_SERVICE_TYPE_V1_0",
):
    scenario(_constant_scenario(_constant))


@scenario
def i9_question_model() -> Any:
    from dnastack.client.collections.model import Question

    question = Question(
        **{
            "id": "q",
            "name": "Q",
            "collectionId": "c",
            "parameters": [{"name": "gene", "inputType": "string", "required": True}],
        }
    )
    first = question.parameters[0]
    return [question.id, question.collection_id, first.name, first.input_type, first.required]


# -- item 10: the types DNAstack registries publish -----------------------------------------


@scenario
def i10_drs_1_1_maps_to_the_drs_client() -> Any:
    from dnastack import DrsClient

    return [e.id for e in factory().all(client_class=DrsClient)]


@scenario
def i10_explorer_collection_service_maps_to_the_collections_client() -> Any:
    from dnastack import CollectionServiceClient

    return [e.id for e in factory().all(client_class=CollectionServiceClient)]


# -- what already worked --------------------------------------------------------------------


@scenario
def core_list_tables() -> Any:
    return sorted(t.name for t in client(DC_ID).list_tables())


@scenario
def core_query_samples() -> Any:
    return show(list(client(DC_ID).query("SELECT * FROM samples ORDER BY sample_id LIMIT 5")))


@scenario
def core_query_across_pages() -> Any:
    rows = list(client(DC_ID).query("SELECT id FROM big ORDER BY id LIMIT 250"))
    return [len(rows), show(rows[0]), show(rows[-1])]


@scenario
def core_query_variants_filtered() -> Any:
    sql = (
        "SELECT variant_id, gene, position FROM variants WHERE gene = 'BRCA1' "
        "ORDER BY variant_id LIMIT 5"
    )
    return show(list(client(DC_ID).query(sql)))


@scenario
def core_query_all_types() -> Any:
    return show(list(client(DC_ID).query("SELECT * FROM all_types ORDER BY id LIMIT 3")))


@scenario
def core_query_empty_result() -> Any:
    return show(list(client(DC_ID).query("SELECT * FROM samples WHERE 1 = 0")))


@scenario
def core_table_info_schema() -> Any:
    info = client(DC_ID).table("samples").info
    return [info.name, sorted(info.data_model["properties"])]


@scenario
def core_table_data() -> Any:
    return show(list(client(DC_ID).table("samples").data)[:3])


@scenario
def core_table_by_table_info() -> Any:
    dc = client(DC_ID)
    info = next(t for t in dc.list_tables() if t.name == "samples")
    return dc.table(info).name


@scenario
def core_list_collections() -> Any:
    return sorted((c.slugName, c.name) for c in client(COLLECTIONS_ID).list_collections())


@scenario
def core_get_collection() -> Any:
    found = client(COLLECTIONS_ID).get("cohort-a")
    return [found.slugName, found.name, show(found.metadata)]


@scenario
def core_explorer_questions() -> Any:
    from dnastack.client.explorer.client import ExplorerClient
    from dnastack.client.models import ServiceEndpoint

    endpoint = ServiceEndpoint(id="explorer", url=NODE + "explorer/")
    questions = ExplorerClient.make(endpoint).list_federated_questions()
    return sorted(q.id for q in questions)


@scenario
def core_drs_client_type() -> Any:
    from dnastack import DrsClient

    return [DrsClient.get_adapter_type(), type(client(DRS_ID)).__name__]


@scenario
def core_require_authentication() -> Any:
    return [client(DC_ID).require_authentication(), client(DRS_ID).require_authentication()]


@scenario
def core_collection_items() -> Any:
    from dnastack.client.collections.model import CollectionItemListOptions

    items = client(COLLECTIONS_ID).list_collection_items("cohort-a", CollectionItemListOptions())
    return sorted((i.type, i.name) for i in items)


@scenario
def core_collection_status() -> Any:
    status = client(COLLECTIONS_ID).get_collection_status("cohort-a")
    return [status.availability, show(status.itemCounts)]


@scenario
def core_collection_data_connect() -> Any:
    from dnastack import DataConnectClient

    collections = client(COLLECTIONS_ID)
    endpoint = collections.data_connect_endpoint(collections.get("cohort-a"))
    rows = DataConnectClient.make(endpoint).query("SELECT COUNT(*) AS n FROM samples")
    return show(list(rows))


@scenario
def core_explorer_describe() -> Any:
    from dnastack.client.explorer.client import ExplorerClient
    from dnastack.client.models import ServiceEndpoint

    explorer = ExplorerClient.make(ServiceEndpoint(id="explorer", url=NODE + "explorer/"))
    question = explorer.describe_federated_question("variants-by-gene")
    return [question.id, question.name, sorted(p.name for p in question.params)]


@scenario
def core_explorer_ask() -> Any:
    from dnastack.client.explorer.client import ExplorerClient
    from dnastack.client.models import ServiceEndpoint

    explorer = ExplorerClient.make(ServiceEndpoint(id="explorer", url=NODE + "explorer/"))
    question = explorer.describe_federated_question("variants-by-gene")
    collections = [c.id for c in question.collections]
    rows = explorer.ask_federated_question("variants-by-gene", {"gene": "BRCA1"}, collections)
    return len(list(rows)) > 0


@scenario
def core_drs_blob_of_a_bundle_member() -> Any:
    host = NODE.split("://", 1)[1].rstrip("/")
    drs = client(DRS_ID)
    return drs.get_blob(f"drs://{host}/hello.json").drs_object.size


@scenario
def core_table_info_by_list_tables() -> Any:
    info = {t.name: t for t in client(DC_ID).list_tables()}["variants"]
    return [info.name, sorted((info.data_model or {}).get("properties", {}))]


@scenario
def core_query_null_values() -> Any:
    return show(list(client(DC_ID).query("SELECT NULL AS n, 1 AS one")))


@scenario
def core_query_dates_and_timestamps() -> Any:
    sql = (
        "SELECT DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:45:30' AS ts, TIME '13:45:30' AS t"
    )
    return show(list(client(DC_ID).query(sql)))


@scenario
def core_query_bigint_and_double() -> Any:
    return show(list(client(DC_ID).query("SELECT 9007199254740993::BIGINT AS b, 2.5::DOUBLE AS d")))


# -- item 11: the rest of the 3.x public API (questions, telemetry, factory, configuration) --


def registry_factory() -> Any:
    """``ClientFactory.use(NODE)`` (``dnastack.use`` returns another class in the reference)."""
    from dnastack.client.service_registry.factory import ClientFactory

    return ClientFactory.use(NODE)


@scenario
def i11_collection_make_with_a_slug() -> Any:
    from dnastack.client.collections.model import Collection

    made = Collection.make("My Set", "SELECT 1", slug_name="my-set", description="d")
    return [made.name, made.itemsQuery, made.slugName, made.description]


@scenario
def i11_collection_make_slug_from_the_name() -> Any:
    from dnastack.client.collections.model import Collection

    slug = Collection.make("My  Big_Set!", "SELECT 1").slugName
    return [slug.rstrip("0123456789"), slug[len("my-big-set-") :].isdigit()]


@scenario
def i11_collection_status_validation_fields() -> Any:
    status = client(COLLECTIONS_ID).get_collection_status("cohort-a")
    return [status.validationsStatus == "VALIDATED", status.missingItems, bool(status.lastChecked)]


@scenario
def i11_list_questions() -> Any:
    collections = client(COLLECTIONS_ID)
    cohort_id = collections.get("cohort-a").id
    return sorted(
        (q.id, q.collection_id == cohort_id, sorted(p.name for p in q.parameters))
        for q in collections.list_questions("cohort-a")
    )


@scenario
def i11_get_question() -> Any:
    question = client(COLLECTIONS_ID).get_question("cohort-a", "variants-by-gene")
    return [
        question.id,
        question.name,
        question.description,
        [(p.name, p.input_type, p.required, p.test_value) for p in question.parameters],
    ]


@scenario
def i11_ask_question() -> Any:
    rows = client(COLLECTIONS_ID).ask_question(
        "cohort-a", "samples-by-population", {"population": "EUR", "min_age": "20"}
    )
    return show(list(rows))


@scenario
def i11_questions_of_an_unknown_collection() -> Any:
    return caught(
        lambda: client(COLLECTIONS_ID).list_questions("no-such-collection"),
        "dnastack.client.collections.client:UnknownCollectionError",
        "builtins:RuntimeError",
    )


@scenario
def i11_submit_telemetry() -> Any:
    payload = {"resourceLogs": [{"resource": {}, "scopeLogs": [{"logRecords": [{}]}]}]}
    return client(COLLECTIONS_ID).submit_telemetry(payload)


@scenario
def i11_factory_all_service_infos() -> Any:
    infos = list(registry_factory().all_service_infos())
    return [sorted(i.info.id for i in infos), len({i.source_url for i in infos})]


@scenario
def i11_factory_get_service_endpoint_by_url() -> Any:
    from dnastack import DataConnectClient

    endpoint = registry_factory().get_service_endpoint_by_url(
        DataConnectClient, NODE + "data-connect/"
    )
    return [endpoint.id, endpoint.url == NODE + "data-connect/", endpoint.type.artifact]


@scenario
def i11_factory_endpoint_by_url_of_another_kind() -> Any:
    from dnastack import DrsClient

    return caught(
        lambda: registry_factory().get_service_endpoint_by_url(DrsClient, NODE + "data-connect/"),
        "dnastack.client.service_registry.factory:UnregisteredServiceEndpointError",
        "dnastack.client.service_registry.factory:ServiceEndpointNotFound",
        "builtins:RuntimeError",
    )


@scenario
def i11_factory_use_without_registries() -> Any:
    from dnastack.client.service_registry.factory import ClientFactory

    return caught(
        ClientFactory.use,
        "dnastack.client.service_registry.factory:UsePreConditionError",
        "builtins:RuntimeError",
    )


@scenario
def i11_parse_ga4gh_service_info() -> Any:
    from dnastack.client.service_registry.helper import parse_ga4gh_service_info
    from dnastack.client.service_registry.models import Service, ServiceType

    service = Service(
        id="dc",
        name="DC",
        type=ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0"),
        url="https://h.test/dc/",
        authentication=[
            {
                "accessTokenUrl": "https://auth.test/token",
                "clientId": "cli",
                "resource": "https://h.test/",
                "scope": "read",
            }
        ],
    )
    endpoint = parse_ga4gh_service_info(service, "alt")
    auth = endpoint.authentication
    keys = ("client_id", "token_endpoint", "resource_url", "scope")
    return [endpoint.id, endpoint.url, [auth[k] for k in keys]]


@scenario
def i11_configuration_hard_reset() -> Any:
    from dnastack.configuration.manager import ConfigurationManager

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "config.yaml")
        manager = ConfigurationManager(path)
        manager.hard_reset()  # nothing to reset: no error
        manager.save(manager.load())
        existed = os.path.exists(path)
        manager.hard_reset()
        return [existed, os.path.exists(path), manager.load().current_context]


@scenario
def i11_invalid_existing_configuration() -> Any:
    from dnastack.configuration.manager import ConfigurationManager

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "config.yaml")
        with open(path, "w") as file:
            file.write("contexts:\n  default:\n    endpoints: 5\n")
        os.chmod(path, 0o600)
        return caught(
            ConfigurationManager(path).load,
            "dnastack.configuration.manager:InvalidExistingConfigurationError",
            "builtins:RuntimeError",
        )


# -- item 12: what 3.x scripts import and catch, DRS download events, endpoints, events --------

_REFERENCE_NAMES = (
    # module, name, the builtin bases a 3.x `except` relies on
    ("dnastack.client.base_exceptions", "ApiError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "UnauthenticatedApiAccessError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "UnauthorizedApiAccessError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "MissingResourceError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "ServerApiError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "DataConnectError", "RuntimeError"),
    ("dnastack.client.base_exceptions", "AmbiguousArgumentsError", "AssertionError"),
    ("dnastack.common.exceptions", "DependencyError", "RuntimeError"),
    ("dnastack.client.data_connect", "DataConnectError", "RuntimeError"),
    ("dnastack.client.data_connect", "MissingResourceError", "RuntimeError"),
    ("dnastack.client.data_connect", "InactiveQuerySessionError", "StopIteration"),
    ("dnastack.client.data_connect", "InterruptedLoadingError", "RuntimeError"),
    ("dnastack.client.data_connect", "UnauthenticatedApiAccessError", "RuntimeError"),
    ("dnastack.client.result_iterator", "InactiveLoaderError", "StopIteration"),
    ("dnastack.client.collections.model", "PageableApiError", "RuntimeError"),
    ("dnastack.client.collections.client", "PageableApiError", "RuntimeError"),
    ("dnastack.client.collections.client", "UnauthorizedApiAccessError", "RuntimeError"),
    ("dnastack.client.explorer.client", "UnauthenticatedApiAccessError", "RuntimeError"),
    ("dnastack.client.drs", "MissingOptionalRequirementError", "RuntimeError"),
    ("dnastack.client.drs", "InvalidFileStreamingResponse", "RuntimeError"),
    ("dnastack.http.session", "AuthenticationError", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "AuthenticationRequired", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "ReauthenticationRequired", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "RefreshRequired", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "NoRefreshToken", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "FeatureNotAvailable", "RuntimeError"),
    ("dnastack.http.authenticators.abstract", "InvalidStateError", "RuntimeError"),
    ("dnastack.http.authenticators.oauth2", "OAuth2MisconfigurationError", "RuntimeError"),
    (
        "dnastack.http.authenticators.factory",
        "UnsupportedAuthenticationInformationError",
        "RuntimeError",
    ),
    ("dnastack.configuration.exceptions", "ConfigurationError", "RuntimeError"),
    ("dnastack.common.events", "EventTypeNotRegistered", "RuntimeError"),
)


@scenario
def i12_reference_exception_names_and_bases() -> Any:
    import builtins

    found = []
    for module, name, base in _REFERENCE_NAMES:
        try:
            cls = load(f"{module}:{name}")
        except (ImportError, AttributeError) as exc:
            found.append([module, name, f"missing: {type(exc).__name__}"])
            continue
        found.append([module, name, issubclass(cls, getattr(builtins, base))])
    return found


@scenario
def i12_missing_table_is_a_missing_resource() -> Any:
    dc = client(DC_ID)
    return caught(
        lambda: dc.table("no_such_table").info,
        "dnastack.client.base_exceptions:MissingResourceError",
        "dnastack.client.data_connect:TableNotFoundError",
    )


@scenario
def i12_reference_error_constructors() -> Any:
    from dnastack.client.base_exceptions import (
        ApiError,
        DataConnectError,
        UnauthenticatedApiAccessError,
        UnauthorizedApiAccessError,
    )
    from dnastack.common.exceptions import DependencyError

    api = ApiError("https://h.test/x", 404, "gone")
    dc = DataConnectError("bad", 500, "body", urls=["https://h.test/a"])
    return [
        [str(api), api.url, api.status, api.details],
        [dc.summary, dc.status, dc.details, dc.urls, str(dc)],
        str(UnauthenticatedApiAccessError("m")),
        str(UnauthorizedApiAccessError("m")),
        str(DependencyError("pandas")),
        str(DependencyError("pandas", "pyarrow")),
    ]


@scenario
def i12_download_status_fail() -> Any:
    from dnastack.client.drs import DownloadStatus

    exit_codes: dict[Any, dict[str, str]] = {status: {} for status in DownloadStatus}
    return [
        DownloadStatus.FAIL.value,
        DownloadStatus.SUCCESS.value,
        DownloadStatus.FAIL in exit_codes,
    ]


def _sha256_of(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def _download_with_events(ids: list[str]) -> Any:
    drs = client(DRS_ID)
    seen: list[Any] = []
    drs.events.on(
        "download-ok",
        lambda e: seen.append(["ok", e.drs_url, os.path.basename(e.output_file_path)]),
    )
    drs.events.on(
        "download-failure",
        lambda e: seen.append(["failure", e.drs_url, e.reason, isinstance(e.error, Exception)]),
    )
    with tempfile.TemporaryDirectory() as folder:
        try:
            returned = drs._download_files(ids, folder)
        except Exception as exc:  # noqa: BLE001 - the observation is the class
            from dnastack.client.drs import DRSDownloadException

            errors = getattr(exc, "errors", None)
            returned = [
                type(exc).__name__,
                isinstance(exc, DRSDownloadException),
                len(errors) if isinstance(errors, list) else None,
            ]
        files = sorted(
            (name, _sha256_of(os.path.join(folder, name)))
            for name in os.listdir(folder)
            if not name.startswith(".")
        )
    return [returned, sorted(seen), files]


@scenario
def i12_download_files_events_and_files() -> Any:
    return _download_with_events(["hello.json", "random-1mib.bin", "hello.json"])


@scenario
def i12_download_files_all_failed_raises() -> Any:
    return _download_with_events(["no-such-object"])


@scenario
def i12_download_files_some_failed() -> Any:
    return _download_with_events(["hello.json", "no-such-object"])


@scenario
def i12_drs_minimal_metadata() -> Any:
    from dnastack.client.drs import DrsMinimalMetadata

    found = DrsMinimalMetadata("drs://h.test/abc")
    return [
        [found.url, found.object_id, found.drs_server_url],
        caught(
            lambda: DrsMinimalMetadata("https://h.test/abc"),
            "dnastack.client.drs:InvalidDrsUrlError",
            "builtins:ValueError",
        ),
    ]


@scenario
def i12_service_endpoint_authentications_and_hash() -> Any:
    from dnastack.client.models import ServiceEndpoint

    def make() -> Any:
        return ServiceEndpoint(
            id="x",
            url="https://h.test/",
            authentication={"oauth2": {"client_id": "c", "token_endpoint": "https://h.test/t"}},
            fallback_authentications=[{"type": "oauth2", "client_id": "d"}],
        )

    first, second = make(), make()
    equal = first == second  # before get_authentications: the reference's changes the dict
    content_hash = first.get_content_hash()
    return [
        equal,
        content_hash == second.get_content_hash(),
        content_hash,
        ServiceEndpoint.hash({"b": 1, "a": [2]}),
        first.get_authentications(),
    ]


@scenario
def i12_event_source() -> Any:
    from dnastack.common.events import EventSource, EventTypeNotRegistered

    source = EventSource(["ready"])
    seen: list[Any] = []

    def first(event: Any) -> None:
        seen.append(["first", dict(event.details)])
        event.stop_propagation()

    source.on("ready", first)
    source.on("ready", lambda event: seen.append(["second"]))
    source.dispatch("ready", {"n": 1})
    try:
        source.dispatch("unknown", {})
    except EventTypeNotRegistered as exc:
        seen.append(["unknown", isinstance(exc, RuntimeError)])
    return seen


@scenario
def i12_use_with_positional_no_auth() -> Any:
    import dnastack

    found = dnastack.use(NODE, True).get_one_of(endpoint_type=_dc_type())
    return [type(found).__name__, found.require_authentication()]


@scenario
def i12_context_helper_use() -> Any:
    from dnastack.context.helper import UnknownContextError, use

    found = use(NODE).get_one_of(endpoint_type=_dc_type())
    return [type(found).__name__, issubclass(UnknownContextError, RuntimeError)]


@scenario
def i12_reference_module_constants() -> Any:
    from dnastack.client.base_client import BaseServiceClient
    from dnastack.configuration.wrapper import UnknownContextError
    from dnastack.constants import LOCAL_STORAGE_DIRECTORY

    return [
        os.path.join(os.path.expanduser("~"), ".dnastack") == LOCAL_STORAGE_DIRECTORY,
        BaseServiceClient.__name__,
        issubclass(UnknownContextError, RuntimeError),
    ]


@scenario
def i12_session_takes_requests_style_options() -> Any:
    import json

    dc = client(DC_ID)
    session = dc.create_http_session()
    listed = session.get(dc.url + "tables", timeout=(5, 30), allow_redirects=True, stream=False)
    body = json.dumps({"query": "SELECT 7 AS seven"})
    searched = session.post(
        dc.url + "search", data=body, headers={"Content-Type": "application/json"}
    )
    return [
        listed.status_code,
        sorted(t["name"] for t in listed.json()["tables"]),
        searched.status_code,
        searched.json()["data"],
    ]


@scenario
def i12_default_event_interceptors() -> Any:
    seen: list[Any] = []
    factory().set_default_event_interceptors(
        {"download-ok": lambda event: seen.append(os.path.basename(event.output_file_path))}
    )
    drs = client(DRS_ID)
    with tempfile.TemporaryDirectory() as folder:
        drs._download_files(["hello.json"], folder)
    return seen  # (no removal with None: the reference fails on it, changing a dict it iterates)


@scenario
def i12_client_factory_create_and_class_tuples() -> Any:
    from dnastack.client.constants import ALL_SERVICE_CLIENT_CLASSES, DATA_SERVICE_CLIENT_CLASSES
    from dnastack.client.factory import create
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.service_registry.models import ServiceType

    ours = {"CollectionServiceClient", "DataConnectClient", "DrsClient", "ExplorerClient"}
    drs = ServiceType(group="org.ga4gh", artifact="drs", version="1.1.0")
    unknown = ServiceType(group="org.example", artifact="nothing", version="1.0.0")
    return [
        ours <= {c.__name__ for c in ALL_SERVICE_CLIENT_CLASSES},
        ours <= {c.__name__ for c in DATA_SERVICE_CLIENT_CLASSES},
        "ServiceRegistry" in {c.__name__ for c in DATA_SERVICE_CLIENT_CLASSES},
        type(create(ServiceEndpoint(url=NODE + "ga4gh/drs/v1/", type=drs))).__name__,
        caught(
            lambda: create(ServiceEndpoint(url=NODE, type=unknown)),
            "dnastack.client.factory:UnsupportedServiceTypeError",
            "builtins:RuntimeError",
        ),
    ]


# -- the pydantic v2 method names of 3.x models ------------------------------------------------


def v2_names_round_trip(found: Any, include: set[str] | None = None) -> list[Any]:
    """What a 3.x script on pydantic v2 does with a model: dump, validate, copy, fields."""
    cls = type(found)
    copied = found.model_copy(update={"id" if "id" in cls.model_fields else "name": "changed"})
    return [
        show(found.model_dump(include=include, exclude_none=True)),
        show(found.model_dump(mode="json", include=include, by_alias=True)),
        json.loads(found.model_dump_json(include=include)),
        cls.model_validate(found.model_dump()) == found,
        cls.model_validate_json(found.model_dump_json()) == found,
        cls.model_validate(found) == found,
        cls.model_construct(**found.model_dump()) == found,
        copied == found,
        copied.model_copy(deep=True) == copied,
        sorted(include or cls.model_fields),
        {n: cls.model_fields[n].is_required() for n in sorted(include or cls.model_fields)},
    ]


@scenario
def i12_model_v2_names_service_endpoint() -> Any:
    from dnastack.client.models import ServiceEndpoint

    endpoint = ServiceEndpoint.model_validate(
        {
            "model_version": 2.0,
            "id": "e1",
            "url": "https://h.test/",
            "type": {"group": "org.ga4gh", "artifact": "drs", "version": "1.1.0"},
            "authentication": {"type": "oauth2", "client_id": "c"},
        }
    )
    deep = endpoint.model_copy(deep=True)
    deep.authentication["client_id"] = "changed"
    shallow = endpoint.model_copy()
    return [
        *v2_names_round_trip(endpoint),
        endpoint.authentication["client_id"],
        shallow.authentication is endpoint.authentication,
        ServiceEndpoint.model_fields["dnastack_schema_version"].alias,
        endpoint.model_copy(update={"url": "https://other.test/"}).url,
        endpoint.url,
    ]


@scenario
def i12_model_v2_names_table_info() -> Any:
    return v2_names_round_trip(client(DC_ID).table("samples").info)


@scenario
def i12_model_v2_names_drs_object() -> Any:
    found = client(DRS_ID).get_blob("hello.json").drs_object
    return v2_names_round_trip(found, include={"id", "size", "version"})
