"""Start-up: cold imports in a fresh interpreter and ``--help`` of each CLI."""

from __future__ import annotations

from bench.context import BenchContext
from bench.harness import OTHER, OURS, REFERENCE, Scenario, Variant, child_value
from bench.scenarios.common import wall_ms

__all__ = ["scenarios"]

GROUP = "Start-up"
IMPORTS = (
    ("package", "import dnastack"),
    ("data-connect", "from dnastack import DataConnectClient"),
)


def scenarios(ctx: BenchContext) -> list[Scenario]:
    probe = ctx.runner("import_probe")
    found: list[Scenario] = []
    for key, statement in IMPORTS:
        variants = [Variant("ours", OURS, (str(ctx.ours_python), probe, key), child_value)]
        if ctx.reference is not None:
            variants.append(
                Variant(
                    "reference",
                    REFERENCE,
                    (str(ctx.reference.python), probe, key),
                    child_value,
                    env=ctx.reference_env_vars,
                )
            )
        found.append(
            Scenario(
                key=f"import.{key}",
                group=GROUP,
                title=f"cold `{statement}` (in-process time, fresh interpreter)",
                unit="ms",
                higher_is_better=False,
                variants=tuple(variants),
            )
        )
    help_variants = [Variant("ours: dnastack --help", OURS, (str(ctx.ours_cli), "--help"), wall_ms)]
    if ctx.reference is not None:
        for command in ("omics", "dnastack"):
            help_variants.append(
                Variant(
                    f"reference: {command} --help",
                    REFERENCE if command == "omics" else OTHER,
                    (str(ctx.reference.script(command)), "--help"),
                    wall_ms,
                    env=ctx.reference_env_vars,
                )
            )
    found.append(
        Scenario(
            key="cli.help",
            group=GROUP,
            title="`--help` of each CLI (process wall time)",
            unit="ms",
            higher_is_better=False,
            variants=tuple(help_variants),
        )
    )
    return found
