"""Name lookups shared by the core's registries (surfaces, losses, models, optimizers, …).

One wording for every "unknown name" and "unknown parameter" error, so that the CLI and
the GUI show the valid choices the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

__all__ = ["lookup", "check_params"]

T = TypeVar("T")


def lookup(kind: str, registry: Mapping[str, T], name: str) -> T:
    """``registry[name]``.

    Raises:
        ValueError: "unknown {kind} 'name'; choose one of: a, b, c".
    """
    try:
        return registry[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown {kind} {name!r}; choose one of: {', '.join(registry)}"
        ) from None


def check_params(kind: str, name: str, given: Iterable[str], valid: Iterable[str]) -> None:
    """Reject parameter names that ``name`` does not have.

    Raises:
        ValueError: "{kind} 'name' has no parameter 'p'; valid parameters: a, b" (or
            "none").
    """
    valid = tuple(valid)
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise ValueError(
            f"{kind} {name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"valid parameters: {', '.join(valid) or 'none'}"
        )
