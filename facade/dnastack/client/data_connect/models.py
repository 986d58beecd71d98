"""Documented Data Connect models: ``TableInfo`` and ``Error``.

They are built from the generated ``ga4gh_data_connect`` models at the boundary
(:meth:`TableInfo.from_generated`, :meth:`Error.from_generated`), so a rename in the
generated code never reaches a user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dnastack.common.model import Model, field, model

if TYPE_CHECKING:
    from ga4gh_data_connect.models.error import Error as GeneratedError
    from ga4gh_data_connect.models.table import Table as GeneratedTable

__all__ = ["Error", "TableInfo"]


def unset_to_none(value: Any) -> Any:
    """None for the generated ``UNSET`` marker, the value otherwise."""
    return None if type(value).__name__ == "Unset" else value


@model(extra="allow")
class Error(Model):
    """A problem a Data Connect service reports (GA4GH ``Error``: title, detail, source)."""

    title: str | None = None
    detail: str | None = None
    source: str | None = None

    @classmethod
    def from_generated(cls, error: GeneratedError) -> Error:
        """The documented model of a generated ``Error``."""
        built = cls(
            title=error.title,
            detail=unset_to_none(error.detail),
            source=unset_to_none(error.source),
        )
        if error.additional_properties:
            object.__setattr__(built, "__extra__", dict(error.additional_properties))
        return built

    def __str__(self) -> str:
        text = self.title or "error"
        if self.detail:
            text += f": {self.detail}"
        if self.source:
            text += f" (source {self.source})"
        return text


@model(extra="allow")
class TableInfo(Model):
    """Table metadata"""

    name: str
    description: str | None = None
    data_model: dict[str, Any] | None = field(factory=dict)
    errors: list[Error] | None = field(factory=list)

    @classmethod
    def from_generated(cls, table: GeneratedTable) -> TableInfo:
        """The documented model of a generated ``Table``."""
        data_model = unset_to_none(table.data_model)
        errors = unset_to_none(table.errors)
        return cls(
            name=table.name,
            description=unset_to_none(table.description),
            data_model=dict(data_model.additional_properties) if data_model is not None else {},
            errors=[Error.from_generated(e) for e in errors] if errors else [],
        )
