"""Loss functions L(ŷ, y) on model outputs and targets: value and dL/dŷ.

Each loss is the **mean** over the samples of a per-sample loss, following the
definitions (and the default ``reduction="mean"``) of the PyTorch ``torch.nn`` loss
classes named in each docstring:

========  ==============  ==========================================  ================
name      task            per-sample loss ℓ(ŷ, y)                      torch.nn class
========  ==============  ==========================================  ================
mse       regression      (ŷ − y)²   (no ½)                            MSELoss
mae       regression      |ŷ − y|                                      L1Loss
huber     regression      ½r² if |r| ≤ δ else δ(|r| − ½δ), r = ŷ − y   HuberLoss(delta)
logloss   classification  binary cross-entropy on the logit z          BCEWithLogitsLoss
hinge     classification  max(0, 1 − s·z), s = 2y − 1                  (SVM hinge loss)
========  ==============  ==========================================  ================

Shapes: ``out`` is ``(n,)`` (one model) or ``(R, n)`` (R parameter vectors, e.g. a
loss-landscape grid); ``y`` is ``(n,)`` and broadcasts. The mean is over the last axis,
so ``value`` returns a float for ``(n,)`` and an ``(R,)`` array for ``(R, n)``;
``gradient`` returns d(mean loss)/d out with the shape of ``out`` — it includes the
1/n. ``n`` must be ≥ 1. For classification losses ``out`` is a logit / score z (any
real number) and ``y`` holds labels in {0, 1}.

No input conversion is done (these run in the trainer's hot loop): pass float64 numpy
arrays whose last axes match.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gdstudio.core.registry import check_params, lookup

__all__ = [
    "Loss",
    "MSELoss",
    "MAELoss",
    "HuberLoss",
    "LogLoss",
    "HingeLoss",
    "LOSS_NAMES",
    "get_loss",
    "sigmoid",
]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function σ(z) = 1 / (1 + e^(−z)), computed without overflow.

    Uses e = exp(−|z|) ∈ (0, 1]: σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0,
    so no exponential of a large positive number is ever taken (no warnings for any
    finite z) and small probabilities keep their relative precision.

    Args:
        z: array of any shape.

    Returns:
        σ(z), same shape, in [0, 1].
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0.0, 1.0, e) / (1.0 + e)


def _mean(a: np.ndarray) -> Any:
    """Mean over the last axis (``np.add.reduce`` + divide: same result as ``a.mean(-1)``,
    without its Python overhead)."""
    return np.add.reduce(a, axis=-1) / a.shape[-1]


class Loss:
    """A loss function: mean over samples of a per-sample loss ℓ(out, y).

    Attributes:
        name: registry key (one of :data:`LOSS_NAMES`).
        title: display name.
        formula: human-readable formula.
        task: ``"regression"`` or ``"classification"``.
        params: parameters as ``{name: value}``; ``get_loss(l.name, **l.params)``
            rebuilds the loss.
    """

    name: str = ""
    title: str = ""
    formula: str = ""
    task: str = "regression"
    param_names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params: dict[str, float] = {}

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """Mean loss over the last axis. out ``(n,)`` → float; ``(R, n)`` → ``(R,)``."""
        return self.value_and_gradient(out, y)[0]

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """d(mean loss)/d out, shape of ``out`` (includes the 1/n)."""
        return self.value_and_gradient(out, y)[1]

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """``(value(out, y), gradient(out, y))``, sharing the intermediate arrays."""
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"


class MSELoss(Loss):
    """Mean squared error L = (1/n) Σ (ŷᵢ − yᵢ)², with no ½ (as torch.nn.MSELoss).

    dL/dŷᵢ = 2 (ŷᵢ − yᵢ) / n.
    """

    name = "mse"
    title = "Mean squared error (MSE)"
    formula = "L = (1/n) Σ (ŷᵢ − yᵢ)²"
    task = "regression"

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """(1/n) Σ (ŷ − y)² over the last axis."""
        r = out - y
        return _mean(r * r)

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """2 (ŷ − y) / n."""
        return (out - y) * (2.0 / out.shape[-1])

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """(MSE, 2 (ŷ − y) / n)."""
        r = out - y
        return _mean(r * r), r * (2.0 / out.shape[-1])


class MAELoss(Loss):
    """Mean absolute error L = (1/n) Σ |ŷᵢ − yᵢ| (as torch.nn.L1Loss).

    Not differentiable at ŷᵢ = yᵢ; the subgradient sign(ŷᵢ − yᵢ)/n is used, which is 0
    there (``np.sign``).
    """

    name = "mae"
    title = "Mean absolute error (MAE)"
    formula = "L = (1/n) Σ |ŷᵢ − yᵢ|"
    task = "regression"

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """(1/n) Σ |ŷ − y| over the last axis."""
        return _mean(np.abs(out - y))

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """sign(ŷ − y) / n (subgradient 0 where ŷ = y)."""
        return np.sign(out - y) * (1.0 / out.shape[-1])

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """(MAE, sign(ŷ − y) / n)."""
        r = out - y
        return _mean(np.abs(r)), np.sign(r) * (1.0 / out.shape[-1])


class HuberLoss(Loss):
    """Huber loss with threshold δ, as torch.nn.HuberLoss(delta=δ).

    With r = ŷ − y: ℓ = ½ r² if |r| ≤ δ, else δ (|r| − ½ δ) — quadratic near zero,
    linear (like MAE, scaled by δ) for outliers. Computed branch-free as
    ℓ = m (|r| − ½ m) with m = min(|r|, δ). dℓ/dr = clip(r, −δ, δ).
    Source: Huber, P. J. (1964), "Robust Estimation of a Location Parameter",
    *Ann. Math. Statist.* 35(1):73–101; torch.nn.HuberLoss docs.

    Args:
        delta: δ > 0, finite (default 1.0).

    Raises:
        ValueError: if ``delta`` is not a finite number > 0.
    """

    name = "huber"
    title = "Huber"
    task = "regression"
    param_names = ("delta",)

    def __init__(self, delta: float = 1.0) -> None:
        super().__init__()
        try:
            d = float(delta)
        except (TypeError, ValueError):
            raise ValueError(f"huber: delta must be a number > 0, got {delta!r}") from None
        if not (math.isfinite(d) and d > 0.0):
            raise ValueError(f"huber: delta must be a finite number > 0, got {delta!r}")
        self.delta = d
        self.params = {"delta": d}
        self.formula = (
            f"L = (1/n) Σ ℓδ(ŷᵢ − yᵢ),  ℓδ(r) = ½r² if |r| ≤ δ else δ(|r| − ½δ),  δ = {d:g}"
        )

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """(1/n) Σ ℓδ(ŷ − y) over the last axis."""
        a = np.abs(out - y)
        m = np.minimum(a, self.delta)
        return _mean(m * (a - 0.5 * m))

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """clip(ŷ − y, −δ, δ) / n."""
        r = out - y
        return np.copysign(np.minimum(np.abs(r), self.delta), r) * (1.0 / out.shape[-1])

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """(Huber loss, clip(ŷ − y, −δ, δ) / n)."""
        r = out - y
        a = np.abs(r)
        m = np.minimum(a, self.delta)
        value = _mean(m * (a - 0.5 * m))
        return value, np.copysign(m, r) * (1.0 / out.shape[-1])


class LogLoss(Loss):
    """Log-loss (binary cross-entropy) on logits, as torch.nn.BCEWithLogitsLoss.

    With logit z = ``out``, probability p = σ(z) and label y ∈ {0, 1}:
    ℓ = −[y log p + (1 − y) log(1 − p)], evaluated stably as
    ℓ = max(z, 0) − y·z + log(1 + e^(−|z|)), which never overflows (for z = ±800 the
    loss is 800 for the wrong label and 0 for the right one, as it should be).
    dℓ/dz = σ(z) − y, with σ from :func:`sigmoid`. Soft labels y ∈ [0, 1] also work.
    """

    name = "logloss"
    title = "Log-loss (binary cross-entropy)"
    formula = "L = −(1/n) Σ [yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ))]"
    task = "classification"

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """(1/n) Σ [max(z, 0) − y·z + log1p(e^(−|z|))] over the last axis."""
        return _mean(np.maximum(out, 0.0) - y * out + np.log1p(np.exp(-np.abs(out))))

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(σ(z) − y) / n."""
        return (sigmoid(out) - y) * (1.0 / out.shape[-1])

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """(log-loss, (σ(z) − y) / n), sharing e^(−|z|)."""
        e = np.exp(-np.abs(out))
        value = _mean(np.maximum(out, 0.0) - y * out + np.log1p(e))
        p = np.where(out >= 0.0, 1.0, e) / (1.0 + e)
        return value, (p - y) * (1.0 / out.shape[-1])


class HingeLoss(Loss):
    """Hinge loss of a linear SVM on scores z, labels y ∈ {0, 1} mapped to s = 2y − 1.

    ℓ = max(0, 1 − s·z). Not differentiable at the margin s·z = 1; the subgradient
    −s/n is used where s·z < 1 and 0 elsewhere (including at the margin).
    Source: Cortes, C. & Vapnik, V. (1995), "Support-vector networks", *Machine
    Learning* 20:273–297 (torch.nn has no binary hinge loss on a single score).
    """

    name = "hinge"
    title = "Hinge"
    formula = "L = (1/n) Σ max(0, 1 − sᵢ zᵢ),  sᵢ = 2yᵢ − 1"
    task = "classification"

    def value(self, out: np.ndarray, y: np.ndarray) -> Any:
        """(1/n) Σ max(0, 1 − s·z) over the last axis."""
        return _mean(np.maximum(1.0 - (2.0 * y - 1.0) * out, 0.0))

    def gradient(self, out: np.ndarray, y: np.ndarray) -> np.ndarray:
        """−s/n where s·z < 1, else 0."""
        s = 2.0 * y - 1.0
        return (s * out < 1.0) * (-s * (1.0 / out.shape[-1]))

    def value_and_gradient(self, out: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """(hinge loss, −s/n where s·z < 1 else 0)."""
        s = 2.0 * y - 1.0
        slack = 1.0 - s * out
        value = _mean(np.maximum(slack, 0.0))
        return value, (slack > 0.0) * (-s * (1.0 / out.shape[-1]))


_LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (MSELoss, MAELoss, HuberLoss, LogLoss, HingeLoss)
}

#: registry keys accepted by :func:`get_loss`
LOSS_NAMES: tuple[str, ...] = ("mse", "mae", "huber", "logloss", "hinge")


def get_loss(name: str, **params: Any) -> Loss:
    """Build the loss registered as ``name``.

    Only ``huber`` takes a parameter: ``delta`` (δ > 0, default 1.0).

    Raises:
        ValueError: for an unknown ``name`` (the message lists :data:`LOSS_NAMES`), a
            parameter the loss does not have, or an invalid value (``delta`` ≤ 0).
    """
    cls = lookup("loss", _LOSSES, name)
    check_params("loss", name, params, cls.param_names)
    return cls(**params)
