"""Per-request overhead: sequential GETs of /service-info through each SDK's session."""

from __future__ import annotations

from bench.context import BenchContext
from bench.harness import Scenario
from bench.scenarios.common import sdk_variants

__all__ = ["scenarios"]


def scenarios(ctx: BenchContext) -> list[Scenario]:
    count = ctx.sizes.get_count
    url = f"{ctx.main_server.base_url}/service-info"
    return [
        Scenario(
            key="http.service_info",
            group="Per-request overhead",
            title=f"{count:,} sequential GET /service-info (HttpSession vs bare httpx.Client)",
            unit="µs/request",
            higher_is_better=False,
            variants=sdk_variants(
                ctx, "session_get", ("--url", url, "--count", str(count)), with_httpx=True
            ),
        )
    ]
