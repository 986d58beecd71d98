"""Build the bounded list of test cases for one operation.

In order (duplicates dropped): concrete requests built from discovery (seeds); the spec's
examples with known path values put in; the spec's examples as written; positive fuzzing
(half of it with known path values fixed); in thorough mode, the coverage phase (boundary
values, positive and negative) and negative fuzzing. Hypothesis only generates here; the
requests are sent afterwards by the runner, so generation never depends on the server.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeAlias
from urllib.parse import quote, unquote

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.core import NOT_SET
from schemathesis.schemas import APIOperation

from dnastack.contract.knowledge import SeedRequest

__all__ = [
    "DEFAULT_BUDGET",
    "THOROUGH_BUDGET",
    "AnyCase",
    "AnyOperation",
    "Budget",
    "CasePlan",
    "build_cases",
    "path_names",
]

AnyCase: TypeAlias = Case[Any]
AnyOperation: TypeAlias = APIOperation[Any, Any, Any, Any]

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class Budget:
    """How many cases of each kind one operation gets."""

    examples: int
    known: int
    fuzz: int
    negative: int
    coverage: int
    combos: int

    def with_fuzz(self, max_examples: int | None) -> Budget:
        """This budget with ``max_examples`` positive fuzz cases (and half as many negative)."""
        if max_examples is None:
            return self
        negative = max_examples // 2 if self.negative else 0
        return Budget(self.examples, self.known, max_examples, negative, self.coverage, self.combos)


DEFAULT_BUDGET = Budget(examples=5, known=10, fuzz=10, negative=0, coverage=0, combos=4)
THOROUGH_BUDGET = Budget(examples=20, known=25, fuzz=40, negative=20, coverage=60, combos=10)


@dataclass(frozen=True)
class CasePlan:
    """Everything :func:`build_cases` needs to know about one operation."""

    seeds: Sequence[SeedRequest]
    combos: Sequence[Mapping[str, str]]
    protected: Mapping[str, set[str]]
    budget: Budget
    seed: int


def path_names(operation: AnyOperation) -> list[str]:
    """Names of the operation's path parameters, in path order."""
    return [parameter.name for parameter in operation.path_parameters]


def _quoted(values: Mapping[str, str]) -> dict[str, str]:
    return {name: quote(value, safe="") for name, value in values.items()}


def _operation_seed(seed: int, label: str, salt: str) -> int:
    return (seed + zlib.crc32(f"{label}|{salt}".encode())) % (2**32)


def _draw(strategy: st.SearchStrategy[AnyCase], count: int, seed: int) -> list[AnyCase]:
    """Up to ``count`` distinct cases from ``strategy``, reproducibly for ``seed``."""
    if count <= 0:
        return []
    drawn: list[AnyCase] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )
    @given(strategy)
    def collect(case: AnyCase) -> None:
        drawn.append(case)

    collect()
    return drawn[:count]


def _case_key(case: AnyCase) -> str:
    body = None if case.body is NOT_SET else case.body
    try:
        body_text = json.dumps(body, sort_keys=True, default=repr)
    except ValueError:  # circular or otherwise unserialisable: compare by repr
        body_text = repr(body)
    query = json.dumps(case.query, sort_keys=True, default=repr)
    return f"{case.method} {case.formatted_path}?{query} {case.media_type} {body_text}"


def _touches_protected(case: AnyCase, protected: Mapping[str, set[str]]) -> bool:
    for name, value in case.path_parameters.items():
        if isinstance(value, str) and unquote(value) in protected.get(name, set()):
            return True
    return False


def _seed_case(operation: AnyOperation, seed: SeedRequest) -> AnyCase:
    return operation.Case(
        path_parameters=_quoted(seed.path_parameters),
        query=dict(seed.query),
        body=seed.body if seed.has_body else NOT_SET,
        media_type=JSON_MEDIA_TYPE if seed.has_body else None,
    )


def _with_path(operation: AnyOperation, template: AnyCase, combo: Mapping[str, str]) -> AnyCase:
    return operation.Case(
        path_parameters=_quoted(combo),
        query=dict(template.query),
        headers=dict(template.headers),
        body=template.body,
        media_type=template.media_type,
    )


def _body_required(operation: AnyOperation) -> bool:
    return any(getattr(body, "is_required", False) for body in operation.body)


def _guarded(
    producer: Callable[[], Iterable[AnyCase]], notes: list[str], what: str
) -> list[AnyCase]:
    """Run one case producer; a generation problem becomes a note, never a crash."""
    try:
        return list(producer())
    except Unsatisfiable:
        # nothing of this kind exists (e.g. no parameter that could be made invalid)
        return []
    except Exception as exc:  # noqa: BLE001 - any generator failure is reported, not raised
        notes.append(f"could not generate {what} cases: {type(exc).__name__}: {exc}"[:300])
        return []


def build_cases(operation: AnyOperation, plan: CasePlan) -> tuple[list[AnyCase], list[str]]:
    """The cases to send for ``operation``, and notes about generation problems."""
    notes: list[str] = []
    budget = plan.budget
    label = operation.label
    schema = operation.schema
    out: list[AnyCase] = []
    seen: set[str] = set()

    def add(cases: Iterable[AnyCase], limit: int | None = None) -> None:
        added = 0
        for case in cases:
            if limit is not None and added >= limit:
                return
            if _touches_protected(case, plan.protected):
                continue
            key = _case_key(case)
            if key in seen:
                continue
            seen.add(key)
            out.append(case)
            added += 1

    add((_seed_case(operation, s) for s in plan.seeds), limit=budget.known)

    def examples() -> list[AnyCase]:
        strategies = schema.get_strategies_from_examples(operation)
        cases: list[AnyCase] = []
        for index, strategy in enumerate(strategies[: budget.examples]):
            cases.extend(_draw(strategy, 1, _operation_seed(plan.seed, label, f"example{index}")))
        return cases

    example_cases = _guarded(examples, notes, "example")
    has_path = bool(path_names(operation))
    if has_path and plan.combos:
        templates = example_cases[:2]
        if not templates and not _body_required(operation):
            templates = [operation.Case()]
        add(
            (_with_path(operation, t, c) for c, t in itertools.product(plan.combos, templates)),
            limit=budget.known,
        )
    add(example_cases)

    fixed = budget.fuzz // 2 if has_path and plan.combos else 0
    for index, combo in enumerate(plan.combos):
        share = fixed // len(plan.combos) + (1 if index < fixed % len(plan.combos) else 0)
        fixed_seed = _operation_seed(plan.seed, label, f"fixed{index}")
        add(_guarded(partial(_draw_fixed, operation, combo, share, fixed_seed), notes, "fuzzing"))
    add(
        _guarded(
            lambda: _draw(
                operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                budget.fuzz - fixed,
                _operation_seed(plan.seed, label, "positive"),
            ),
            notes,
            "fuzzing",
        )
    )
    if budget.coverage:
        add(_guarded(lambda: _coverage(operation, budget.coverage), notes, "coverage"))
    if budget.negative:
        add(
            _guarded(
                lambda: _draw(
                    operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
                    budget.negative,
                    _operation_seed(plan.seed, label, "negative"),
                ),
                notes,
                "negative",
            )
        )
    return out, notes


def _draw_fixed(
    operation: AnyOperation, combo: Mapping[str, str], count: int, seed: int
) -> list[AnyCase]:
    return _draw(operation.as_strategy(path_parameters=dict(combo)), count, seed)


def _coverage(operation: AnyOperation, limit: int) -> list[AnyCase]:
    schema = operation.schema
    generation = schema.config.generation_for(operation=operation, phase="coverage")
    cases: Any = schema.iter_coverage_cases(
        operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=generation,
    )
    return list(itertools.islice(cases, limit))
