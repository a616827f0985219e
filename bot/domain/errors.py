"""Errors a citizen or staff member can cause, named by an i18n message key.

Handlers catch :class:`DomainError`, translate ``error.key`` with ``error.kwargs``
and keep the form where it was; nothing here knows the wording.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A broken business rule, carried as an i18n key plus the values its message needs."""

    def __init__(self, key: str, /, **kwargs: Any) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs: dict[str, Any] = kwargs

    def __str__(self) -> str:
        if not self.kwargs:
            return self.key
        args = ", ".join(f"{name}={value!r}" for name, value in sorted(self.kwargs.items()))
        return f"{self.key}({args})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"

    def __reduce__(self) -> tuple[Any, ...]:
        # subclasses take other constructor arguments; rebuild from the state instead
        return (_restore, (type(self), self.__dict__))


def _restore(cls: type[DomainError], state: dict[str, Any]) -> DomainError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["key"])
    error.__dict__.update(state)
    return error
