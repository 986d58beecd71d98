"""Scenarios a dnastack-client-library 3.x user runs, written once, run through both libraries.

This module is imported by ``run_scenarios.py`` under the reference's interpreter and under
ours: it imports nothing but the stdlib at module level, and ``dnastack`` (whichever library
the interpreter has) inside each scenario. A scenario returns a JSON-ready observation; the
differential test compares the two observations (see ``differences.py`` for the deliberate
ones). ``NODE`` is the devserver's registry URL (https, reference service types).

Scenario names start with the issue-11 item they cover (``i1_`` ... ``i10_``; ``core_`` for
what already worked and must keep working).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import importlib
import inspect
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
ISOLATED = {"i2_use_with_host_and_port_means_https", "i2_use_without_auth"}
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
