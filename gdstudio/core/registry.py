"""Name lookups shared by the core's registries (surfaces, losses, models, optimizers, …).

One wording for every "unknown name" and "unknown parameter" error, so that the CLI and
the GUI show the valid choices the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

__all__ = ["lookup", "check_params", "ParameterError"]

T = TypeVar("T")


class ParameterError(ValueError):
    """An invalid value of one named parameter of a core object.

    ``param`` names it as the object's constructor does (``"beta1"``, ``"t_max"``,
    ``"learning_rate"``, ``"name"`` for an unknown name, ``"theta0"``, ...), so callers
    map errors to their own keys by this attribute, never by the message text.
    """

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


def lookup(kind: str, registry: Mapping[str, T], name: str) -> T:
    """``registry[name]``.

    Raises:
        ParameterError: (param "name") "unknown {kind} 'name'; choose one of: a, b, c".
    """
    try:
        return registry[name]
    except (KeyError, TypeError):
        raise ParameterError(
            "name", f"unknown {kind} {name!r}; choose one of: {', '.join(registry)}"
        ) from None


def check_params(kind: str, name: str, given: Iterable[str], valid: Iterable[str]) -> None:
    """Reject parameter names that ``name`` does not have.

    Raises:
        ParameterError: (param: the first unknown one) "{kind} 'name' has no
            parameter 'p'; valid parameters: a, b" (or "none").
    """
    valid = tuple(valid)
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise ParameterError(
            unknown[0], f"{kind} {name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"valid parameters: {', '.join(valid) or 'none'}"
        )
