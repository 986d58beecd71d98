"""Set up one benchmark session: data, devservers, interpreters; tear it all down after."""

from __future__ import annotations

import shutil
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.context import BenchContext, Sizes
from bench.datasets import ensure_drs_files
from bench.reference_env import ReferenceEnv
from bench.servers import DevserverInstance, DevserverPool

__all__ = ["REPO_ROOT", "bench_environment", "ours_python"]

REPO_ROOT = Path(__file__).resolve().parents[1]
PRIME_TIMEOUT_SECONDS = 600


def ours_python(repo_root: Path = REPO_ROOT) -> Path:
    """The project's ``.venv`` interpreter (the one `make` bootstraps), else this one."""
    candidate = repo_root / ".venv" / "bin" / "python"
    return candidate if candidate.exists() else Path(sys.executable)


def _prime_checksums(server: DevserverInstance, object_ids: list[str]) -> None:
    """Resolve every object once so the devserver computes and caches its checksums now."""
    for object_id in object_ids:
        url = f"{server.drs_url}objects/{object_id}"
        with urllib.request.urlopen(url, timeout=PRIME_TIMEOUT_SECONDS) as response:
            response.read()


@contextmanager
def bench_environment(
    sizes: Sizes,
    data_dir: Path,
    reference: ReferenceEnv | None,
    *,
    repo_root: Path = REPO_ROOT,
    log: Callable[[str], None] = print,
) -> Iterator[BenchContext]:
    python = ours_python(repo_root)
    pool = DevserverPool(python, repo_root, data_dir, sizes.rows)
    try:
        log(f"starting the devserver ({sizes.rows:,} rows) over {data_dir} ...")
        first = pool.get(sizes.page_sizes[0])
        if not (data_dir / "tables" / "big.parquet").is_file():
            raise RuntimeError(
                f"{data_dir} has no tables/big.parquet: remove the directory and run again"
            )
        log("writing DRS files ...")
        small_count = max(sizes.resolve_count, sizes.parallel_count)
        drs = ensure_drs_files(
            data_dir, list(sizes.download_sizes), small_count, sizes.small_object_size
        )
        log("priming the devserver's checksum cache ...")
        _prime_checksums(first, [*drs.big_ids.values(), *drs.small_ids])
        servers = {page_size: pool.get(page_size) for page_size in sizes.page_sizes}
        log("devservers: " + ", ".join(f"{p}/page at {s.base_url}" for p, s in servers.items()))
        yield BenchContext(
            repo_root=repo_root,
            ours_python=python,
            ours_cli=python.parent / "dnastack",
            reference=reference,
            sizes=sizes,
            servers=servers,
            drs=drs,
            curl=shutil.which("curl"),
        )
    finally:
        pool.close()
