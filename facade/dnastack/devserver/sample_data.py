"""Deterministic sample data: Data Connect tables and DRS files.

Generated when the data directory is missing or empty (same bytes, ids and checksums on
every run with the same DuckDB version):

- ``tables/variants.parquet`` (1000 rows), ``tables/samples.csv`` (100 rows),
  ``tables/all_types.parquet`` (3 rows, one column per supported type),
  ``tables/partition_keys.parquet`` (10,000 rows; NULL, negative, skewed, extreme keys),
  ``tables/big.parquet`` (``--rows`` rows, 10 columns incl. decimal, date and a struct)
- ``drs/``: ``README.txt``, ``hello.json``, ``random-1mib.bin`` (1 MiB) and the bundle
  ``cohort-a/`` (``manifest.tsv``, ``sample-1.vcf``, ``nested/notes.txt``)

A manifest (``.devserver-sample.json``) records what was generated; when only ``--rows``
changes, just ``big.parquet`` is rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb

__all__ = ["FIXED_MTIME", "MANIFEST_NAME", "ensure_sample_data"]

MANIFEST_NAME = ".devserver-sample.json"
SAMPLE_VERSION = 1
FIXED_MTIME = 1_704_067_200  # 2024-01-01T00:00:00Z, so timestamps are stable too

_CHROMOSOMES = "['chr1','chr2','chr3','chr7','chr13','chr17','chrX']"
_GENES = "['BRCA1','BRCA2','TP53','EGFR','KRAS','CFTR','APOE','MTHFR']"
_POPULATIONS = "['AFR','AMR','EAS','EUR','SAS']"

VARIANTS_SQL = f"""
SELECT
  'var-' || lpad(CAST(i AS VARCHAR), 5, '0') AS variant_id,
  {_CHROMOSOMES}[1 + i % 7] AS chromosome,
  CAST(10000 + (i * 7919) % 900000 AS BIGINT) AS position,
  ['A','C','G','T'][1 + i % 4] AS reference,
  ['C','G','T','A'][1 + (i * 3) % 4] AS alternate,
  {_GENES}[1 + (i * 5) % 8] AS gene,
  'sample-' || lpad(CAST(1 + i % 100 AS VARCHAR), 3, '0') AS sample_id,
  CAST(((i * 37) % 1000) / 10.0 AS DOUBLE) AS quality,
  CAST(((i * 13) % 1000) / 1000 AS DECIMAL(6,3)) AS allele_frequency,
  i % 10 <> 0 AS passed_filter
FROM range(1000) t(i)
ORDER BY i
"""

SAMPLES_SQL = f"""
SELECT
  'sample-' || lpad(CAST(i AS VARCHAR), 3, '0') AS sample_id,
  {_POPULATIONS}[1 + i % 5] AS population,
  ['female','male'][1 + i % 2] AS sex,
  20 + (i * 7) % 60 AS age,
  DATE '2020-01-01' + CAST((i * 11) % 1000 AS INTEGER) AS collected_on,
  CASE WHEN i <= 50 THEN 'cohort-a' ELSE 'cohort-b' END AS cohort
FROM range(1, 101) t(i)
ORDER BY i
"""

ALL_TYPES_SQL = """
SELECT * FROM (VALUES
  (1, true, CAST(-8 AS TINYINT), CAST(-16 AS SMALLINT), CAST(-32 AS INTEGER),
   CAST(9007199254740993 AS BIGINT), CAST(200 AS UTINYINT), CAST(4000000000 AS UINTEGER),
   CAST(18446744073709551615 AS UBIGINT), CAST(1.5 AS REAL), CAST(2.25 AS DOUBLE),
   CAST(12345.678 AS DECIMAL(18,3)), CAST(123456789012345678901234567890 AS DECIMAL(38,0)),
   'héllo, "world"', DATE '2024-02-29', TIME '13:45:30.123456',
   TIMESTAMP '2024-02-29 13:45:30.5', TIMESTAMPTZ '2024-02-29 13:45:30+02',
   INTERVAL '1 year 2 months 3 days 04:05:06.5', [1, 2, 3], ['a', NULL],
   {'a': 1, 'b': 'x', 'c': DATE '2024-01-01'}, MAP {'k1': 1, 'k2': 2},
   [{'amount': CAST(1.25 AS DECIMAL(5,2))}], CAST('\\xDE\\xAD\\xBE\\xEF' AS BLOB),
   CAST('123e4567-e89b-12d3-a456-426614174000' AS UUID)),
  (2, false, CAST(127 AS TINYINT), CAST(32767 AS SMALLINT), CAST(2147483647 AS INTEGER),
   CAST(-9223372036854775808 AS BIGINT), CAST(0 AS UTINYINT), CAST(0 AS UINTEGER),
   CAST(0 AS UBIGINT), CAST(-0.25 AS REAL), CAST(-1e300 AS DOUBLE),
   CAST(-0.001 AS DECIMAL(18,3)), CAST(0 AS DECIMAL(38,0)),
   '', DATE '1970-01-01', TIME '00:00:00', TIMESTAMP '1970-01-01 00:00:00',
   TIMESTAMPTZ '1970-01-01 00:00:00+00', INTERVAL '90 minutes', [], [],
   {'a': NULL, 'b': NULL, 'c': NULL}, MAP {}, [], CAST('' AS BLOB),
   CAST('00000000-0000-0000-0000-000000000000' AS UUID)),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) AS t(id, c_boolean, c_tinyint, c_smallint, c_integer, c_bigint, c_utinyint, c_uinteger,
       c_ubigint, c_real, c_double, c_decimal, c_decimal38, c_varchar, c_date, c_time,
       c_timestamp, c_timestamptz, c_interval, c_list, c_list_varchar, c_struct, c_map,
       c_list_struct, c_blob, c_uuid)
ORDER BY id
"""


PARTITION_KEYS_SQL = """
SELECT
  CAST(i AS BIGINT) AS id,
  CASE WHEN i % 10 = 0 THEN NULL
       WHEN i = 1 THEN CAST(-9223372036854775808 AS BIGINT)
       WHEN i = 2 THEN CAST(9223372036854775807 AS BIGINT)
       WHEN i % 3 = 0 THEN CAST(42 AS BIGINT)
       ELSE CAST((i * 7919) % 20001 - 10000 AS BIGINT) END AS k,
  CASE WHEN i % 7 = 0 THEN NULL ELSE CAST((i * 31) % 2001 - 1000 AS INTEGER) END AS k_small,
  CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '2020-01-01' + CAST(i % 500 AS INTEGER) END AS day,
  CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(((i * 17) % 1000) - 500 AS DOUBLE) / 8 END AS score,
  'row-' || CAST(i AS VARCHAR) AS label
FROM range(10000) t(i)
ORDER BY i
"""
"""``partition_keys``: keys that break naive splits: NULLs, negatives, one value taking a
third of the rows, and the smallest and largest BIGINT."""


def big_sql(rows: int) -> str:
    return f"""
SELECT
  CAST(i AS BIGINT) AS id,
  'row-' || CAST(i AS VARCHAR) AS name,
  ['alpha','beta','gamma','delta','epsilon'][1 + i % 5] AS category,
  CAST(i % 1000 AS INTEGER) AS bucket,
  CAST((i * 7919) % 100000 AS DOUBLE) / 100 AS score,
  CAST(((i * 104729) % 10000000) / 1000 AS DECIMAL(18,3)) AS amount,
  DATE '2020-01-01' + CAST(i % 3650 AS INTEGER) AS event_date,
  TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i) AS created_at,
  i % 3 = 0 AS flagged,
  {{'x': CAST(i % 10 AS INTEGER), 'label': 'l' || CAST(i % 7 AS VARCHAR)}} AS details
FROM range({rows}) t(i)
ORDER BY i
"""


def _copy(con: duckdb.DuckDBPyConnection, sql: str, target: Path, fmt: str) -> None:
    tmp = target.with_name(target.name + ".tmp")
    options = "FORMAT parquet, ROW_GROUP_SIZE 100000" if fmt == "parquet" else "HEADER, FORMAT csv"
    con.execute(f"COPY ({sql}) TO '{tmp}' ({options})")
    os.replace(tmp, target)
    os.utime(target, (FIXED_MTIME, FIXED_MTIME))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def _vcf() -> bytes:
    lines = [
        "##fileformat=VCFv4.3",
        "##source=dnastack-sdk-devserver",
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
    ]
    for i in range(20):
        lines.append(f"chr{1 + i % 3}\t{10000 + i * 137}\tvar-{i:05d}\tA\tG\t{30 + i}\tPASS\t.")
    return ("\n".join(lines) + "\n").encode()


def _drs_files(root: Path) -> None:
    _write(root / "README.txt", b"Sample files served by the dnastack-sdk devserver over DRS.\n")
    _write(
        root / "hello.json",
        json.dumps({"hello": "world", "numbers": [1, 2, 3]}, indent=2).encode() + b"\n",
    )
    _write(root / "random-1mib.bin", hashlib.shake_256(b"devserver-sample").digest(1 << 20))
    bundle = root / "cohort-a"
    manifest = "file\tsample\nsample-1.vcf\tsample-001\nnested/notes.txt\t-\n"
    _write(bundle / "manifest.tsv", manifest.encode())
    _write(bundle / "sample-1.vcf", _vcf())
    _write(bundle / "nested" / "notes.txt", b"Nested notes of cohort A.\n")
    for directory in (bundle / "nested", bundle, root):
        os.utime(directory, (FIXED_MTIME, FIXED_MTIME))


def _read_manifest(data_dir: Path) -> dict[str, object] | None:
    try:
        manifest = json.loads((data_dir / MANIFEST_NAME).read_text())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def ensure_sample_data(data_dir: Path, rows: int) -> bool:
    """Generate the sample data if ``data_dir`` is missing or empty; True if anything changed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(data_dir)
    fresh = not any(data_dir.iterdir())
    if not fresh and (manifest is None or manifest.get("version") != SAMPLE_VERSION):
        return False
    if not fresh and manifest is not None and manifest.get("rows") == rows:
        return False
    tables = data_dir / "tables"
    tables.mkdir(exist_ok=True)
    con = duckdb.connect(":memory:", config={"threads": "1"})
    try:
        con.execute("SET TimeZone = 'UTC'")
        if fresh:
            _copy(con, VARIANTS_SQL, tables / "variants.parquet", "parquet")
            _copy(con, SAMPLES_SQL, tables / "samples.csv", "csv")
            _copy(con, ALL_TYPES_SQL, tables / "all_types.parquet", "parquet")
            _copy(con, PARTITION_KEYS_SQL, tables / "partition_keys.parquet", "parquet")
            _drs_files(data_dir / "drs")
        _copy(con, big_sql(rows), tables / "big.parquet", "parquet")
    finally:
        con.close()
    manifest_text = json.dumps({"version": SAMPLE_VERSION, "rows": rows})
    (data_dir / MANIFEST_NAME).write_text(manifest_text + "\n")
    return True
