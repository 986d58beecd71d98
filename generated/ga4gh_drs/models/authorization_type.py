# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from enum import StrEnum
from typing import Any


class AuthorizationType(StrEnum):
    BASICAUTH = "BasicAuth"
    BEARERAUTH = "BearerAuth"
    NONE = "None"
    PASSPORTAUTH = "PassportAuth"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the value is one the spec lists."""
        return self._name_ != "UNKNOWN"

    @classmethod
    def from_value(cls, value: Any) -> "AuthorizationType":
        """``cls(value)``; a value the spec lists is looked up in a table built once."""
        member = _MEMBERS.get(value) if isinstance(value, str) else None
        return cls(value) if member is None else member


_MEMBERS: dict[str, AuthorizationType] = {
    member.value: member for member in AuthorizationType
}
