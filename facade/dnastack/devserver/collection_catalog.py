"""Collections kept in memory: named groups of tables (and DRS blobs) of this node.

A collection's table items are the tables its Data Connect view
(``/collection-service/collection/{slug}/data-connect/``) may see. Two collections are
seeded at start; collections created over the API live until the server stops.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dnastack.devserver.data_connect.engine import DuckDbEngine
from dnastack.devserver.drs.store import DrsStore
from dnastack.devserver.errors import ApiError

__all__ = ["SEEDED_COLLECTIONS", "Collection", "CollectionCatalog", "CollectionItem"]

_NAMESPACE = uuid.UUID("6f1d8a7e-3c1b-4f4e-9a53-2a4c9e1d0b17")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
SEEDED_AT = datetime(2024, 1, 1, tzinfo=UTC)
ITEM_TYPES = ("table", "blob")

SEEDED_COLLECTIONS: tuple[dict[str, Any], ...] = (
    {
        "slugName": "cohort-a",
        "name": "Cohort A",
        "description": "Variants and samples of cohort A, with its files.",
        "tags": ["genomics", "demo"],
        "items": [("table", "variants"), ("table", "samples"), ("blob", "cohort-a")],
    },
    {
        "slugName": "reference",
        "name": "Reference tables",
        "description": "Samples, the type showcase and the big benchmark table.",
        "tags": ["reference"],
        "items": [("table", "samples"), ("table", "all_types"), ("table", "big")],
    },
)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CollectionItem:
    item_id: str
    item_type: str
    name: str
    size: int
    created: datetime


@dataclass
class Collection:
    collection_id: str
    slug: str
    name: str
    description: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    access_type_labels: dict[str, str] = field(default_factory=dict)
    items: list[CollectionItem] = field(default_factory=list)
    created: datetime = SEEDED_AT
    updated: datetime = SEEDED_AT
    items_changed: datetime = SEEDED_AT

    @property
    def db_schema_name(self) -> str:
        return re.sub(r"[^a-z0-9_]", "_", self.slug.lower())

    @property
    def table_names(self) -> frozenset[str]:
        return frozenset(i.name.lower() for i in self.items if i.item_type == "table")

    def item_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ITEM_TYPES, 0)
        for item in self.items:
            counts[item.item_type] = counts.get(item.item_type, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        latest = max((i.created for i in self.items), default=None)
        return {
            "id": self.collection_id,
            "name": self.name,
            "slugName": self.slug,
            "metadata": dict(self.metadata),
            "description": self.description,
            "itemsQuery": None,
            "tags": [{"id": f"tag-{label}", "label": label} for label in self.tags],
            "createdAt": _iso(self.created),
            "updatedAt": _iso(self.updated),
            "dbSchemaName": self.db_schema_name,
            "itemsChangedAt": _iso(self.items_changed),
            "latestItemUpdatedTime": _iso(latest) if latest else None,
            "accessTypeLabels": dict(self.access_type_labels),
            "itemCounts": self.item_counts(),
        }


class CollectionCatalog:
    """The node's collections; item sources are checked against the tables and DRS files."""

    def __init__(self, engine: DuckDbEngine, drs: DrsStore) -> None:
        self._engine = engine
        self._drs = drs
        self._by_id: dict[str, Collection] = {}

    @classmethod
    def seeded(cls, engine: DuckDbEngine, drs: DrsStore) -> CollectionCatalog:
        catalog = cls(engine, drs)
        for seed in SEEDED_COLLECTIONS:
            collection = Collection(
                collection_id=str(uuid.uuid5(_NAMESPACE, seed["slugName"])),
                slug=seed["slugName"],
                name=seed["name"],
                description=seed["description"],
                tags=list(seed["tags"]),
                access_type_labels={"public": "Open access"},
                metadata={"seeded": True},
            )
            catalog._by_id[collection.collection_id] = collection
            for item_type, source_key in seed["items"]:
                if catalog.source_exists(item_type, source_key):
                    catalog.add_item(collection, item_type, source_key, when=SEEDED_AT)
        return catalog

    def all(self) -> list[Collection]:
        return sorted(self._by_id.values(), key=lambda c: c.slug)

    def find(self, id_or_slug: str) -> Collection | None:
        found = self._by_id.get(id_or_slug)
        if found is not None:
            return found
        for collection in self._by_id.values():
            if id_or_slug in (collection.slug, collection.db_schema_name):
                return collection
        return None

    def get(self, id_or_slug: str) -> Collection:
        collection = self.find(id_or_slug)
        if collection is None:
            raise ApiError(404, f"No collection with id or slug name {id_or_slug!r}")
        return collection

    def create(self, body: Any) -> Collection:
        if not isinstance(body, dict):
            raise ApiError(400, "The collection must be a JSON object")
        name, slug = body.get("name"), body.get("slugName")
        if not isinstance(name, str) or not name.strip():
            raise ApiError(400, "`name` must be a non-empty string")
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise ApiError(400, "`slugName` must match [A-Za-z0-9][A-Za-z0-9_-]*")
        if self.find(slug) is not None:
            raise ApiError(400, f"A collection with slug name {slug!r} already exists")
        description = body.get("description")
        metadata = body.get("metadata") or {}
        labels = body.get("accessTypeLabels") or {}
        tags = body.get("tags") or []
        if description is not None and not isinstance(description, str):
            raise ApiError(400, "`description` must be a string")
        if not isinstance(metadata, dict) or not isinstance(labels, dict):
            raise ApiError(400, "`metadata` and `accessTypeLabels` must be objects")
        if not isinstance(tags, list) or not all(
            isinstance(t, dict) and isinstance(t.get("label"), str) for t in tags
        ):
            raise ApiError(400, "`tags` must be a list of objects with a string `label`")
        now = _now()
        collection = Collection(
            collection_id=str(uuid.uuid5(_NAMESPACE, slug)),
            slug=slug,
            name=name,
            description=description,
            metadata=metadata,
            tags=[t["label"] for t in tags],
            access_type_labels={str(k): str(v) for k, v in labels.items()},
            created=now,
            updated=now,
            items_changed=now,
        )
        self._by_id[collection.collection_id] = collection
        return collection

    def delete(self, id_or_slug: str) -> None:
        del self._by_id[self.get(id_or_slug).collection_id]

    def source_exists(self, item_type: str, source_key: str) -> bool:
        if item_type == "table":
            return self._engine.table(source_key) is not None
        if item_type == "blob":
            return self._drs.get(source_key) is not None
        return False

    def add_item(
        self,
        collection: Collection,
        item_type: str,
        source_key: str,
        *,
        when: datetime | None = None,
    ) -> None:
        """Add one checked source (blocking: counts rows or bytes); duplicates are ignored."""
        if any(i.item_type == item_type and i.name == source_key for i in collection.items):
            return
        if item_type == "table":
            size = self._engine.row_count(source_key)
        else:
            entry = self._drs.get(source_key)
            assert entry is not None
            size = self._drs.size(entry)
        moment = when or _now()
        item_id = str(
            uuid.uuid5(_NAMESPACE, f"{collection.collection_id}/{item_type}/{source_key}")
        )
        collection.items.append(CollectionItem(item_id, item_type, source_key, size, moment))
        collection.items_changed = moment
        collection.updated = moment

    def remove_items(self, collection: Collection, item_ids: list[str]) -> None:
        known = {i.item_id for i in collection.items}
        unknown = [i for i in item_ids if i not in known]
        if unknown:
            raise ApiError(404, f"Collection {collection.slug} has no item {unknown[0]}")
        collection.items = [i for i in collection.items if i.item_id not in set(item_ids)]
        collection.items_changed = collection.updated = _now()
