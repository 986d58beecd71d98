"""DNAstack Explorer: federated questions asked across collections."""

from __future__ import annotations

from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.explorer.errors import QuestionInputError
from dnastack.client.explorer.models import FederatedQuestion, QuestionCollection, QuestionParam

__all__ = [
    "ExplorerClient",
    "FederatedQuestion",
    "QuestionCollection",
    "QuestionInputError",
    "QuestionParam",
]
