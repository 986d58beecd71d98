"""What every scenario needs to build its commands: sizes, interpreters, servers, data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.datasets import DrsFiles
from bench.reference_env import ReferenceEnv
from bench.servers import DevserverInstance

__all__ = ["FULL", "QUICK", "BenchContext", "Sizes"]

MiB = 1 << 20
GiB = 1 << 30


@dataclass(frozen=True)
class Sizes:
    """How big each scenario is; ``FULL`` is what the issue's targets are defined on."""

    rows: int
    small_rows: int
    page_sizes: tuple[int, ...]
    download_sizes: tuple[int, ...]
    resolve_count: int
    parallel_count: int
    parallel_workers: int
    small_object_size: int
    get_count: int
    runs: int
    warmup: bool
    scale: bool = True  # the partitioned-read and memory scenarios (minutes: full mode only)


FULL = Sizes(
    rows=1_000_000,
    small_rows=10_000,
    page_sizes=(100, 1000),
    download_sizes=(MiB, 100 * MiB, GiB),
    resolve_count=1000,
    parallel_count=100,
    parallel_workers=8,
    small_object_size=64 * 1024,
    get_count=1000,
    runs=5,
    warmup=True,
)

QUICK = Sizes(
    rows=20_000,
    small_rows=2_000,
    page_sizes=(100, 1000),
    download_sizes=(MiB, 10 * MiB),
    resolve_count=100,
    parallel_count=100,
    parallel_workers=8,
    small_object_size=64 * 1024,
    get_count=200,
    runs=1,
    warmup=False,
    scale=False,
)


@dataclass
class BenchContext:
    repo_root: Path
    ours_python: Path
    ours_cli: Path
    reference: ReferenceEnv | None
    sizes: Sizes
    servers: dict[int, DevserverInstance]  # page size -> instance
    drs: DrsFiles
    curl: str | None
    reference_env_vars: dict[str, str] = field(
        default_factory=lambda: {"DNASTACK_NO_UPDATE_CHECK": "1"}
    )

    @property
    def runners(self) -> Path:
        return self.repo_root / "bench" / "runners"

    def runner(self, name: str) -> str:
        return str(self.runners / f"{name}.py")

    @property
    def main_server(self) -> DevserverInstance:
        return self.servers[self.sizes.page_sizes[0]]
