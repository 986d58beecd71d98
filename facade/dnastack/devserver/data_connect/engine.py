"""The DuckDB database behind Data Connect: one table per file, read-only SQL, streaming cursors.

Every file in ``DIR/tables`` becomes one table named after the file stem: Parquet files are
views over the file, CSV/TSV files are loaded once. After loading, the database is locked
down: no file access outside ``DIR/tables``, no extension installs, no configuration
changes, and only single ``SELECT`` statements are executed.

DuckDB connections are not thread-safe, so each query gets its own cursor
(``connection.cursor()``); all methods here block and are meant to run in a thread pool.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dnastack.devserver.data_connect.sql_scope import parse_relations
from dnastack.devserver.data_connect.types import MACROS_SQL, data_model, row_json_sql, unique_names

__all__ = [
    "DuckDbEngine",
    "EngineClosedError",
    "QueryError",
    "StreamingCursor",
    "TableInfo",
    "UnknownTableError",
]

logger = logging.getLogger("devserver.data_connect")

TABLE_SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".tsv": "csv"}
# INTEGER before BIGINT: small CSV integers become JSON numbers, not bigint strings
_CSV_TYPE_CANDIDATES = "['BOOLEAN', 'INTEGER', 'BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']"


class QueryError(Exception):
    """The SQL cannot be run (syntax, binding, wrong parameters, not a SELECT)."""


class UnknownTableError(Exception):
    """The SQL names a table that does not exist (in this scope)."""


class EngineClosedError(Exception):
    """The server is stopping: the query was refused or interrupted."""


@dataclass(frozen=True)
class TableInfo:
    name: str
    description: str
    data_model: dict[str, Any]


@dataclass
class StreamingCursor:
    """An executing query whose rows (one JSON text each) are read page by page."""

    cursor: duckdb.DuckDBPyConnection | None
    data_model: dict[str, Any]
    lookahead: list[str] = field(default_factory=list)

    def read(self, count: int) -> tuple[list[str], bool]:
        """The next ``count`` rows and whether more follow; closes the cursor at the end."""
        if self.cursor is None:
            return [], False
        missing = count + 1 - len(self.lookahead)
        try:
            fetched = [row[0] for row in self.cursor.fetchmany(missing)] if missing > 0 else []
        except duckdb.InterruptException as exc:
            self.close()
            raise EngineClosedError("The query was interrupted: the server is stopping") from exc
        except duckdb.Error as exc:
            self.close()
            raise QueryError(_first_line(exc)) from exc
        rows = self.lookahead + fetched
        if len(rows) > count:
            self.lookahead = rows[count:]
            return rows[:count], True
        self.lookahead = []
        self.close()
        return rows, False

    def close(self) -> None:
        cursor, self.cursor = self.cursor, None
        if cursor is not None:
            cursor.close()


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDbEngine:
    """An in-memory DuckDB database exposing the files of one directory as tables."""

    def __init__(self, tables_dir: Path, *, threads: int = 2) -> None:
        self._tables_dir = tables_dir.resolve()
        self._lock = threading.Lock()
        self._cursors: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()
        self._closed = False
        self._running = 0
        self._conn = duckdb.connect(
            ":memory:",
            config={"threads": str(threads), "autoinstall_known_extensions": "false"},
        )
        self._conn.execute("SET TimeZone = 'UTC'")
        self._conn.execute(MACROS_SQL)
        self._tables = self._register_tables()
        self._lock_down()

    # -- setup -----------------------------------------------------------------------------

    def _register_tables(self) -> dict[str, TableInfo]:
        tables: dict[str, TableInfo] = {}
        if not self._tables_dir.is_dir():
            return tables
        for path in sorted(self._tables_dir.iterdir()):
            kind = TABLE_SUFFIXES.get(path.suffix.lower())
            if kind is None or not path.is_file() or path.name.startswith("."):
                continue
            name = path.stem
            if name.lower() in (t.lower() for t in tables):
                logger.warning("skipping %s: a table named %r already exists", path.name, name)
                continue
            source = _quote_literal(str(path))
            try:
                if kind == "parquet":
                    self._conn.execute(
                        f"CREATE VIEW {_quote_identifier(name)} AS "
                        f"SELECT * FROM read_parquet({source})"
                    )
                else:
                    self._conn.execute(
                        f"CREATE TABLE {_quote_identifier(name)} AS "
                        f"SELECT * FROM read_csv({source}, header = true, "
                        f"auto_type_candidates = {_CSV_TYPE_CANDIDATES})"
                    )
                relation = self._conn.sql(f"SELECT * FROM {_quote_identifier(name)}")
            except duckdb.Error as exc:
                logger.warning("skipping %s: %s", path.name, exc)
                continue
            names = unique_names(relation.columns)
            tables[name] = TableInfo(
                name=name,
                description=f"Rows of {path.name}",
                data_model=data_model(names, relation.types, f"Data model of table {name}"),
            )
        return tables

    def _lock_down(self) -> None:
        allowed = _quote_literal(str(self._tables_dir) + "/")
        self._conn.execute(f"SET allowed_directories = [{allowed}]")
        self._conn.execute("SET enable_external_access = false")
        self._conn.execute("SET lock_configuration = true")

    # -- catalog ---------------------------------------------------------------------------

    def tables(self, allowed: frozenset[str] | None = None) -> list[TableInfo]:
        return [t for name, t in sorted(self._tables.items()) if _in_scope(name, allowed)]

    def table(self, name: str, allowed: frozenset[str] | None = None) -> TableInfo | None:
        info = self._tables.get(name)
        return info if info is not None and _in_scope(name, allowed) else None

    def row_count(self, name: str) -> int:
        cursor = self._new_cursor()
        try:
            row = cursor.execute(f"SELECT count(*) FROM {_quote_identifier(name)}").fetchone()
            return int(row[0]) if row else 0
        finally:
            cursor.close()

    # -- queries ---------------------------------------------------------------------------

    def open_query(
        self, sql: str, parameters: Sequence[Any], allowed: frozenset[str] | None = None
    ) -> StreamingCursor:
        """Check, bind and start ``sql``; rows are then read with `StreamingCursor.read`."""
        self._check_statement(sql)
        if allowed is not None:
            self._check_scope(sql, allowed)
        cursor = self._new_cursor()
        self._count_running(+1)
        try:
            relation = cursor.sql(sql, params=list(parameters) or None)
            names = unique_names(relation.columns)
            types = relation.types
            cursor.execute(row_json_sql(sql, names, types), list(parameters))
        except duckdb.InterruptException as exc:
            cursor.close()
            raise EngineClosedError("The query was interrupted: the server is stopping") from exc
        except duckdb.CatalogException as exc:
            cursor.close()
            message = _first_line(exc)
            if "Table with name" in message:
                raise UnknownTableError(message) from exc
            raise QueryError(message) from exc
        except (duckdb.Error, ValueError, TypeError, RuntimeError) as exc:
            cursor.close()
            raise QueryError(_first_line(exc)) from exc
        finally:
            self._count_running(-1)
        return StreamingCursor(cursor, data_model(names, types, "Schema of the query result"))

    def _check_statement(self, sql: str) -> None:
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryError(_first_line(exc)) from exc
        if len(statements) != 1:
            raise QueryError(f"Expected exactly one SQL statement, got {len(statements)}")
        if statements[0].type != duckdb.StatementType.SELECT:
            raise QueryError("Only SELECT queries are supported")

    def _check_scope(self, sql: str, allowed: frozenset[str]) -> None:
        cursor = self._new_cursor()
        try:
            relations = parse_relations(cursor, sql)
        except duckdb.Error as exc:
            raise QueryError(_first_line(exc)) from exc
        finally:
            cursor.close()
        if relations.error is not None:
            raise QueryError(f"Parser Error: {relations.error}")
        outside = relations.outside(allowed)
        if outside:
            raise UnknownTableError(f"Table {outside[0]} does not exist in this collection")

    def _count_running(self, delta: int) -> None:
        with self._lock:
            self._running += delta

    @property
    def running_queries(self) -> int:
        """Queries being started (bound and executed) right now."""
        return self._running

    def _new_cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._closed:
                raise EngineClosedError("The server is shutting down")
            cursor = self._conn.cursor()
            self._cursors.add(cursor)
            return cursor

    def interrupt_all(self) -> None:
        """Refuse new queries and interrupt the running ones (the server is stopping)."""
        with self._lock:
            self._closed = True
            cursors = list(self._cursors)
        for cursor in cursors:
            with contextlib.suppress(duckdb.Error):
                cursor.interrupt()

    def close(self, *, grace_seconds: float = 2.0) -> None:
        """Interrupt running queries, then close the database (waits up to ``grace_seconds``)."""
        self.interrupt_all()
        deadline = time.monotonic() + grace_seconds
        while True:
            try:
                self._conn.close()
                return
            except duckdb.Error:
                if time.monotonic() > deadline:
                    logger.warning("DuckDB still busy at shutdown; leaving it to process exit")
                    return
                time.sleep(0.05)


def _in_scope(name: str, allowed: frozenset[str] | None) -> bool:
    return allowed is None or name.lower() in allowed


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
