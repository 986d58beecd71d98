"""The benchmark scenarios, one module per area; `build_scenarios` lists them in run order."""

from __future__ import annotations

from bench.context import BenchContext
from bench.harness import Scenario
from bench.scenarios import data_connect, drs, overhead, scale, startup

__all__ = ["build_scenarios"]


def build_scenarios(ctx: BenchContext) -> list[Scenario]:
    return [
        *data_connect.scenarios(ctx),
        *scale.scenarios(ctx),
        *drs.scenarios(ctx),
        *overhead.scenarios(ctx),
        *startup.scenarios(ctx),
    ]
