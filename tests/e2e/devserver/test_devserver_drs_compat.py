"""``--drs-compat 1.2``: DRS answers as a DRS 1.2 server, everything else as in DRS 1.5 mode.

Two servers over the same data directory (so the same files, mtimes and checksums): the
default one (DRS 1.5) and one started with ``--drs-compat 1.2``. Their answers are compared
with each server's own address replaced by a placeholder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.devserver.config import DevServerConfig, config_from_args
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

DRS = "/ga4gh/drs/v1"
DRS_SERVICE_ID = "com.dnastack.devserver.drs"
SERVICE_INFO_1_5_ONLY = {"drs", "maxBulkRequestLength"}
ACCESS_METHOD_1_5_ONLY = {"authorizations", "available", "cloud"}
ACCESS_METHOD_1_2 = {"type", "access_url", "access_id", "region"}  # DRS 1.2 AccessMethod


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevServer, DevServer]]:
    """(DRS 1.5 server, DRS 1.2 compat server), started one after the other on one data dir."""
    workdir = tmp_path_factory.mktemp("drs-compat")
    factory = DevServerFactory(workdir)
    data_dir = workdir / "data"
    try:
        current = factory.start("--rows", "100", data_dir=data_dir)
        compat = factory.start("--rows", "100", "--drs-compat", "1.2", data_dir=data_dir)
        yield current, compat
    finally:
        factory.stop_all()


@pytest.fixture(scope="module")
def object_ids(servers: tuple[DevServer, DevServer]) -> list[str]:
    """Every DRS id of the sample data (all its paths are readable: ``/`` -> ``~``)."""
    root = servers[0].data_dir / "drs"
    ids = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in [*dirnames, *filenames]:
            if not name.startswith("."):
                ids.append((base / name).relative_to(root).as_posix().replace("/", "~"))
    return sorted(ids)


def _anonymous(server: DevServer, document: Any) -> Any:
    """``document`` with the server's own address replaced (URLs and ``drs://`` URIs)."""
    text = json.dumps(document).replace(f"127.0.0.1:{server.port}", "NODE")
    return json.loads(text)


def _as_1_2(document: dict[str, Any]) -> dict[str, Any]:
    """What the DRS 1.5 DrsObject should look like in DRS 1.2 mode."""
    expected = dict(document)
    if "access_methods" in document:
        expected["access_methods"] = [
            {k: v for k, v in method.items() if k not in ACCESS_METHOD_1_5_ONLY}
            for method in document["access_methods"]
        ]
    return expected


def _get(server: DevServer, path: str, **kwargs: Any) -> Any:
    response = httpx.request(kwargs.pop("method", "GET"), server.url(path), **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_service_info_announces_drs_1_2_without_the_1_5_fields(
    servers: tuple[DevServer, DevServer],
) -> None:
    current, compat = servers
    info_1_5 = _get(current, f"{DRS}/service-info")
    info_1_2 = _get(compat, f"{DRS}/service-info")
    assert info_1_2["type"] == {"group": "org.ga4gh", "artifact": "drs", "version": "1.2.0"}
    assert info_1_5.keys() >= SERVICE_INFO_1_5_ONLY
    assert not SERVICE_INFO_1_5_ONLY & info_1_2.keys()
    expected = {k: v for k, v in info_1_5.items() if k not in SERVICE_INFO_1_5_ONLY}
    expected["type"] = {**info_1_5["type"], "version": "1.2.0"}
    assert info_1_2 == expected


def test_registry_entry_of_drs_follows_the_mode(servers: tuple[DevServer, DevServer]) -> None:
    current, compat = servers
    entry = _get(compat, f"/services/{DRS_SERVICE_ID}")
    assert entry["type"]["version"] == "1.2.0"
    assert entry["url"] == compat.drs_url
    listed = {s["id"]: s for s in _get(compat, "/services")}
    assert listed[DRS_SERVICE_ID] == entry
    types = _get(compat, "/services/types")
    assert {"group": "org.ga4gh", "artifact": "drs", "version": "1.2.0"} in types
    assert {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"} not in types
    # the other services and the node's own service-info are those of the DRS 1.5 server
    others = [s for s in listed.values() if s["id"] != DRS_SERVICE_ID]
    assert _anonymous(compat, others) == _anonymous(
        current, [s for s in _get(current, "/services") if s["id"] != DRS_SERVICE_ID]
    )
    assert _get(compat, "/service-info") == _get(current, "/service-info")


def test_access_methods_have_only_drs_1_2_fields(
    servers: tuple[DevServer, DevServer], object_ids: list[str]
) -> None:
    _, compat = servers
    seen = 0
    for object_id in object_ids:
        for method in _get(compat, f"{DRS}/objects/{object_id}").get("access_methods", []):
            assert method.keys() <= ACCESS_METHOD_1_2, method
            assert "access_url" in method or "access_id" in method
            seen += 1
    assert seen >= 2


@pytest.mark.parametrize("expand", [False, True])
def test_objects_are_otherwise_identical(
    servers: tuple[DevServer, DevServer], object_ids: list[str], expand: bool
) -> None:
    current, compat = servers
    query = "?expand=true" if expand else ""
    stripped = 0
    for object_id in object_ids:
        original = _get(current, f"{DRS}/objects/{object_id}{query}")
        answered = _get(compat, f"{DRS}/objects/{object_id}{query}")
        assert _anonymous(compat, answered) == _as_1_2(_anonymous(current, original))
        posted = _get(compat, f"{DRS}/objects/{object_id}", method="POST", json={"expand": expand})
        assert posted == answered
        stripped += sum(
            bool(ACCESS_METHOD_1_5_ONLY & m.keys()) for m in original.get("access_methods", [])
        )
    assert stripped >= 2, "the DRS 1.5 objects had no 1.5-only access-method fields to remove"


def test_bulk_objects_are_drs_1_2_objects(
    servers: tuple[DevServer, DevServer], object_ids: list[str]
) -> None:
    current, compat = servers
    body = {"bulk_object_ids": [*object_ids, "no-such-object"]}
    original = _get(current, f"{DRS}/objects", method="POST", json=body)
    answered = _get(compat, f"{DRS}/objects", method="POST", json=body)
    expected = {
        **_anonymous(current, original),
        "resolved_drs_object": [
            _as_1_2(o) for o in _anonymous(current, original["resolved_drs_object"])
        ],
    }
    assert _anonymous(compat, answered) == expected
    assert answered["summary"]["unresolved"] == 1
    assert answered["summary"]["resolved"] == len(object_ids)


def test_access_urls_options_and_bytes_are_unchanged(
    servers: tuple[DevServer, DevServer],
) -> None:
    current, compat = servers
    signed = _get(compat, f"{DRS}/objects/hello.json/access/signed-https")
    assert signed.keys() == _get(current, f"{DRS}/objects/hello.json/access/signed-https").keys()
    content = (compat.data_dir / "drs" / "hello.json").read_bytes()
    assert httpx.get(signed["url"]).content == content
    assert httpx.get(compat.url(f"{DRS}/bytes/hello.json")).content == content
    options = _get(compat, f"{DRS}/objects/hello.json", method="OPTIONS")
    assert options == _get(current, f"{DRS}/objects/hello.json", method="OPTIONS")
    missing = httpx.get(compat.url(f"{DRS}/objects/no-such-object"))
    assert missing.status_code == 404
    assert missing.json() == {"msg": "No DRS object with id no-such-object", "status_code": 404}


def test_drs_compat_option_accepts_only_known_versions(tmp_path: Path) -> None:
    assert config_from_args(["--data", str(tmp_path)]).drs_compat is None
    config = config_from_args(["--data", str(tmp_path), "--drs-compat", "1.2"])
    assert (config.drs_compat, config.drs_version) == ("1.2", "1.2.0")
    assert DevServerConfig(data_dir=tmp_path).drs_version == "1.5.0"
    with pytest.raises(SystemExit):
        config_from_args(["--data", str(tmp_path), "--drs-compat", "1.3"])
    with pytest.raises(ValueError, match="drs_compat"):
        DevServerConfig(data_dir=tmp_path, drs_compat="1.5")
