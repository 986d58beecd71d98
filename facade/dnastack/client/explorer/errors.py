"""Explorer errors: inputs rejected before a federated question is asked."""

from __future__ import annotations

from dnastack.exceptions import DnastackError

__all__ = [
    "DisallowedQuestionInputError",
    "InvalidQuestionInputError",
    "MissingQuestionInputError",
    "QuestionInputError",
    "UnknownQuestionCollectionError",
    "UnknownQuestionInputError",
]


class QuestionInputError(DnastackError, ValueError):
    """An input of a federated question is rejected before any request is sent.

    Attributes:
        question_id: the question.
        parameter: the name of the input (``"collections"`` for the collection list).
    """

    def __init__(self, question_id: str, parameter: str, problem: str) -> None:
        self.question_id = question_id
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"question {question_id!r}, input {parameter!r}: {problem}")


class UnknownQuestionInputError(QuestionInputError):
    """An input the question does not declare."""


class MissingQuestionInputError(QuestionInputError):
    """A required input without a value (and without a default)."""


class DisallowedQuestionInputError(QuestionInputError):
    """A value that is not one of the input's ``allowedValues``."""


class InvalidQuestionInputError(QuestionInputError):
    """A value of the wrong kind (e.g. not a number for a ``number`` input)."""


class UnknownQuestionCollectionError(QuestionInputError):
    """A collection the question cannot be asked of."""
