"""Learning-rate schedules: η_t as a pure function of the step index t.

A schedule maps the index ``t`` of an update (0 for the first update) to the learning
rate used for that update. Because a schedule is a pure function of ``t`` it is never
stored per step: the trainer derives the learning-rate history from it, and rewinding
needs no schedule state. Every schedule is evaluated per *step* (iteration), not per
epoch, and accepts a Python ``int`` or an integer array of steps (vectorised).

Conventions follow ``torch.optim.lr_scheduler`` (StepLR, ExponentialLR,
CosineAnnealingLR, LinearLR) in their closed forms, and Keras ``InverseTimeDecay``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.registry import ParameterError, check_params, lookup

__all__ = [
    "SCHEDULE_NAMES",
    "Schedule",
    "ConstantLR",
    "StepDecay",
    "ExponentialDecay",
    "InverseTimeDecay",
    "CosineAnnealing",
    "LinearWarmup",
    "make_schedule",
]


class Schedule:
    """Base class: ``schedule(t) -> η_t`` for ``t`` an int or an int array (same shape out).

    Subclasses are frozen dataclasses whose fields are the schedule's parameters; the
    initial learning rate η₀ is always the field ``learning_rate``.
    """

    name = "constant"
    learning_rate: float

    def __call__(self, t: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def is_constant(self) -> bool:
        """True when η_t = η₀ for every t (lets the trainer skip the call per step)."""
        return False

    def params(self) -> dict[str, float]:
        """The schedule's parameters other than η₀, by name (for saving and the GUI)."""
        return {k: v for k, v in self.__dict__.items() if k != "learning_rate"}


@dataclass(frozen=True)
class ConstantLR(Schedule):
    """η_t = η₀."""

    learning_rate: float
    name = "constant"

    def __call__(self, t: Any) -> Any:
        if isinstance(t, np.ndarray):
            return np.full(t.shape, self.learning_rate)
        return self.learning_rate

    @property
    def is_constant(self) -> bool:
        return True


@dataclass(frozen=True)
class StepDecay(Schedule):
    """η_t = η₀ · γ^⌊t / step_size⌋ (torch ``StepLR``)."""

    learning_rate: float
    step_size: int = 100
    gamma: float = 0.5
    name = "step"

    def __call__(self, t: Any) -> Any:
        return self.learning_rate * self.gamma ** (t // self.step_size)


@dataclass(frozen=True)
class ExponentialDecay(Schedule):
    """η_t = η₀ · γ^t (torch ``ExponentialLR``)."""

    learning_rate: float
    gamma: float = 0.99
    name = "exponential"

    def __call__(self, t: Any) -> Any:
        return self.learning_rate * self.gamma**t


@dataclass(frozen=True)
class InverseTimeDecay(Schedule):
    """η_t = η₀ / (1 + decay_rate · t / decay_steps) (Keras ``InverseTimeDecay``)."""

    learning_rate: float
    decay_rate: float = 0.01
    decay_steps: int = 1
    name = "inverse_time"

    def __call__(self, t: Any) -> Any:
        return self.learning_rate / (1.0 + self.decay_rate * t / self.decay_steps)


@dataclass(frozen=True)
class CosineAnnealing(Schedule):
    """η_t = η_min + (η₀ − η_min)(1 + cos(π t / T_max)) / 2 for t ≤ T_max, then η_min.

    The closed form of torch ``CosineAnnealingLR`` (SGDR without restarts,
    Loshchilov & Hutter 2017), held at ``eta_min`` after ``t_max`` steps.
    """

    learning_rate: float
    t_max: int = 1000
    eta_min: float = 0.0
    name = "cosine"

    def __call__(self, t: Any) -> Any:
        frac = np.minimum(t, self.t_max) / self.t_max
        if not isinstance(t, np.ndarray):
            frac = float(frac)
            return self.eta_min + (self.learning_rate - self.eta_min) * (
                1.0 + math.cos(math.pi * frac)
            ) / 2.0
        return self.eta_min + (self.learning_rate - self.eta_min) * (
            1.0 + np.cos(np.pi * frac)
        ) / 2.0


@dataclass(frozen=True)
class LinearWarmup(Schedule):
    """η_t = η₀ · (s + (1 − s) · min(t, W) / W): linear warm-up over W = ``warmup_steps``.

    The factor rises from ``start_factor`` s at t = 0 to 1 at t = W and stays there
    (torch ``LinearLR(start_factor=s, end_factor=1, total_iters=W)``).
    """

    learning_rate: float
    warmup_steps: int = 100
    start_factor: float = 1.0 / 3.0
    name = "warmup"

    def __call__(self, t: Any) -> Any:
        s = self.start_factor
        return self.learning_rate * (s + (1.0 - s) * np.minimum(t, self.warmup_steps)
                                     / self.warmup_steps)


_SCHEDULES: dict[str, type[Schedule]] = {
    "constant": ConstantLR,
    "step": StepDecay,
    "exponential": ExponentialDecay,
    "inverse_time": InverseTimeDecay,
    "cosine": CosineAnnealing,
    "warmup": LinearWarmup,
}
SCHEDULE_NAMES: tuple[str, ...] = tuple(_SCHEDULES)

_INTEGER_FIELDS = {"step_size", "decay_steps", "t_max", "warmup_steps"}


def make_schedule(name: str, learning_rate: float, **params: float) -> Schedule:
    """Build a schedule by name with η₀ = ``learning_rate`` and its own parameters.

    Raises:
        ValueError: an unknown name, an unknown parameter, a non-positive η₀, or a
            parameter out of range (step sizes and periods must be ≥ 1, γ > 0).
    """
    cls = lookup("schedule", _SCHEDULES, name)
    if not (learning_rate > 0 and math.isfinite(learning_rate)):
        raise ParameterError("learning_rate",
                             f"learning_rate must be a positive number, got {learning_rate!r}")
    valid = [f for f in cls.__dataclass_fields__ if f != "learning_rate"]  # type: ignore[attr-defined]
    check_params("schedule", name, params, valid)
    kwargs: dict[str, Any] = {}
    for key, value in params.items():
        if key in _INTEGER_FIELDS:
            if int(value) != value or value < 1:
                raise ParameterError(key, f"{key} must be a whole number ≥ 1, got {value!r}")
            value = int(value)
        elif key == "gamma" and not value > 0:
            raise ParameterError("gamma", f"gamma must be > 0, got {value!r}")
        elif key in ("decay_rate", "eta_min") and not value >= 0:
            raise ParameterError(key, f"{key} must be ≥ 0, got {value!r}")
        elif key == "start_factor" and not 0 < value <= 1:
            raise ParameterError("start_factor", f"start_factor must be in (0, 1], got {value!r}")
        kwargs[key] = value
    return cls(learning_rate=float(learning_rate), **kwargs)  # type: ignore[call-arg]
