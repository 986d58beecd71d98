"""``dnastack explorer questions``: federated questions, listed, described and asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from dnastack.cli.commands.data_connect import endpoint_option
from dnastack.cli.errors import EXIT_API, CommandError
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import (
    OBJECT_FORMATS,
    ROW_FORMATS,
    columns_from_data_model,
    output_option,
    print_heading,
    write_object,
    write_rows,
)
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.explorer.client import ExplorerClient

__all__ = ["explorer", "parse_inputs"]


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack explorer questions list
  dnastack explorer questions describe variants-by-gene
  dnastack explorer questions ask variants-by-gene --param gene=BRCA1
""",
)
def explorer() -> None:
    """Federated questions across collections (DNAstack Explorer)."""


@explorer.group(
    "questions",
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack explorer questions list
  dnastack explorer questions ask samples-by-population --param population=EUR -o csv
""",
)
def questions() -> None:
    """List, describe and ask federated questions."""


def _client(state: CliState, endpoint_id: str | None) -> ExplorerClient:
    from dnastack.client.explorer.client import ExplorerClient

    return state.client(ExplorerClient, endpoint_id)


@questions.command(
    "list",
    epilog="""\b
Examples:
  dnastack explorer questions list
  dnastack explorer questions list -o jsonl | jq -r .id
""",
)
@output_option(ROW_FORMATS)
@endpoint_option("Explorer")
@pass_state
def questions_list(state: CliState, output_format: str, endpoint_id: str | None) -> None:
    """Every federated question: id, name, parameters and collections."""
    with _client(state, endpoint_id) as client:
        found = client.list_federated_questions()
        if output_format in ("table", "csv"):
            rows = (
                {
                    "id": q.id,
                    "name": q.name,
                    "params": ", ".join(
                        p.name + ("" if p.required else "?") for p in q.params or []
                    ),
                    "collections": ", ".join(c.slug for c in q.collections or []),
                }
                for q in found
            )
            columns = ["id", "name", "params", "collections"]
            write_rows(rows, output_format, columns=columns, console=state.console)
        else:
            full = (q.to_dict(exclude_none=True) for q in found)
            write_rows(full, output_format, console=state.console)


@questions.command(
    "describe",
    epilog="""\b
Examples:
  dnastack explorer questions describe variants-by-gene
  dnastack explorer questions describe variants-by-gene -o json
""",
)
@click.argument("question_id")
@output_option(OBJECT_FORMATS)
@endpoint_option("Explorer")
@pass_state
def questions_describe(
    state: CliState, question_id: str, output_format: str, endpoint_id: str | None
) -> None:
    """A question: its description, parameters (required ones marked) and collections."""
    with _client(state, endpoint_id) as client:
        question = client.describe_federated_question(question_id)
    if output_format != "table":
        write_object(question.to_dict(exclude_none=True), output_format, console=state.console)
        return
    console = state.console()
    print_heading(console, question.id, question.name)
    if question.description:
        console.print(question.description, markup=False)
    params = [
        {
            "param": p.name,
            "label": p.label or "",
            "type": p.input_type or "",
            "required": "yes" if p.required else "",
            "default": p.default_value or "",
            "allowed": p.allowed_values or "",
        }
        for p in question.params or []
    ]
    if params:
        columns = ["param", "label", "type", "required", "default", "allowed"]
        write_rows(params, "table", columns=columns, console=lambda: console)
    slugs = ", ".join(c.slug for c in question.collections or [])
    if slugs:
        console.print(f"collections: {slugs}", markup=False)


def _listed_collections(text: str | None) -> list[str]:
    """``a,b`` or ``@FILE`` (ids separated by commas or lines) -> ``["a", "b"]``."""
    if not text:
        return []
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as file:
                text = file.read()
        except OSError as exc:
            raise CommandError(f"cannot read {text[1:]}: {exc.strerror}") from None
    return [item.strip() for item in text.replace("\n", ",").split(",") if item.strip()]


def parse_inputs(items: tuple[str, ...]) -> dict[str, str]:
    """``("gene=BRCA1", "min_quality=30")`` -> ``{"gene": "BRCA1", "min_quality": "30"}``."""
    inputs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"--param needs NAME=VALUE (got {item!r})")
        inputs[name.strip()] = value
    return inputs


@questions.command(
    "ask",
    epilog="""\b
Parameters are checked before the question is sent: required ones must be
given, dropdown values must be among the allowed ones. Each row carries the
collection it came from; a collection that failed is reported on stderr and
makes the exit code 3 (the other collections' rows are still written).

\b
Examples:
  dnastack explorer questions ask variants-by-gene --param gene=BRCA1
  dnastack explorer questions ask samples-by-population --param population=EUR \\
      --collection cohort-a -o jsonl
""",
)
@click.argument("question_id", required=False)
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="A question parameter."
)
@click.option(
    "--collection",
    "collection_ids",
    multiple=True,
    metavar="ID",
    help="Ask only these collections (repeatable; default: all of the question's).",
)
@output_option(ROW_FORMATS)
@endpoint_option("Explorer")
@click.option("--question-name", hidden=True, help="QUESTION_ID (the reference CLI's spelling).")
@click.option(
    "--collections",
    "collection_list",
    hidden=True,
    help="Comma-separated collection ids, or @FILE (the reference CLI's spelling).",
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, writable=True),
    hidden=True,
    help="Write the rows to this file instead of stdout.",
)
@pass_state
def questions_ask(
    state: CliState,
    question_id: str | None,
    params: tuple[str, ...],
    collection_ids: tuple[str, ...],
    output_format: str,
    endpoint_id: str | None,
    question_name: str | None,
    collection_list: str | None,
    output_file: str | None,
) -> None:
    """Ask QUESTION_ID with --param NAME=VALUE; one row per answer, per collection."""
    question_id = question_id or question_name
    if not question_id:
        raise click.UsageError("give QUESTION_ID")
    collection_ids = (*collection_ids, *_listed_collections(collection_list))
    inputs = parse_inputs(params)
    with _client(state, endpoint_id) as client:
        answers = list(
            client.ask_federated_question(question_id, inputs, list(collection_ids) or None)
        )
    model = next((a["dataModel"] for a in answers if a.get("dataModel")), None)
    columns = ["collection", *(columns_from_data_model(model) or [])]
    rows = (
        {"collection": answer.get("collectionSlug"), **row}
        for answer in answers
        for row in answer.get("data") or []
    )
    if output_file is None:
        write_rows(rows, output_format, columns=columns, console=state.console)
    else:
        with open(output_file, "w", encoding="utf-8") as file:
            write_rows(rows, output_format, columns=columns, stream=file)
    failed = [a for a in answers if a.get("status") != "ok"]
    for answer in failed:
        state.note(f"collection {answer.get('collectionSlug')}: {answer.get('error') or 'failed'}")
    if failed:
        raise CommandError(
            f"{len(failed)} of {len(answers)} collection(s) could not answer", EXIT_API
        )
