"""Gradient-descent variants, each an object with explicit, saveable state.

Every optimizer updates a parameter array ``theta`` in place from its gradient ``grad``
(same shape: ``(p,)`` for one run, or ``(R, p)`` for R runs vectorised together) and a
learning rate ``lr`` (a float, or an ``(R, 1)`` array of per-run learning rates). The
update rules, their defaults and even the order of the floating-point operations follow
the algorithms documented for ``torch.optim`` (PyTorch 2.x, single-tensor code path):
``SGD`` (momentum, dampening, Nesterov), ``Adagrad``, ``RMSprop`` (its ``alpha`` is our
ρ), ``Adam`` and ``AdamW``. Newton's method uses the exact Hessian of an analytic
surface. State lives in :meth:`Optimizer.state_dict` so that a run can be rewound,
saved and explained step by step.

References:
    PyTorch documentation, ``torch.optim`` (SGD, Adagrad, RMSprop, Adam, AdamW).
    Polyak 1964 (heavy ball); Nesterov 1983 and Sutskever et al. 2013 (Nesterov
    momentum in the form used by torch); Duchi, Hazan & Singer 2011 (AdaGrad);
    Tieleman & Hinton 2012 (RMSProp); Kingma & Ba 2015 (Adam);
    Loshchilov & Hutter 2019 (AdamW, decoupled weight decay).
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np

from gdstudio.core.registry import ParameterError, lookup

__all__ = [
    "OPTIMIZER_NAMES",
    "Optimizer",
    "GradientDescent",
    "Momentum",
    "Nesterov",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "AdamW",
    "Newton",
    "make_optimizer",
    "optimizer_defaults",
]


class Optimizer:
    """Base class. Subclasses define ``name``, ``defaults`` and :meth:`_update`.

    Attributes:
        hyperparameters: dict of the optimizer's hyperparameters (``momentum``,
            ``beta1``, ``beta2``, ``eps``, ``rho``, ``weight_decay``, ...).
        t: number of updates applied so far (torch's ``state['step']``).

    Raises (constructor):
        ValueError: an unknown hyperparameter name or a value out of range.
    """

    name: ClassVar[str] = "gd"
    title: ClassVar[str] = "Gradient descent"
    defaults: ClassVar[dict[str, float]] = {"weight_decay": 0.0}
    uses_hessian: ClassVar[bool] = False
    _buffers: ClassVar[tuple[str, ...]] = ()

    # Hyperparameters and state buffers are set per subclass from ``defaults`` and
    # ``_buffers`` (setattr); declared here so their types are known.
    momentum: float
    dampening: float
    lr_decay: float
    eps: float
    rho: float
    beta1: float
    beta2: float
    weight_decay: float
    bias_correction: float
    momentum_buffer: np.ndarray | None
    sum: np.ndarray | None
    square_avg: np.ndarray | None
    exp_avg: np.ndarray | None
    exp_avg_sq: np.ndarray | None

    def __init__(self, **hyperparameters: float) -> None:
        unknown = set(hyperparameters) - set(self.defaults)
        if unknown:
            raise ParameterError(
                sorted(unknown)[0],
                f"optimizer {self.name!r} has no hyperparameter {sorted(unknown)[0]!r}; "
                f"its hyperparameters are: {', '.join(self.defaults) or 'none'}"
            )
        hp = {**self.defaults, **{k: float(v) for k, v in hyperparameters.items()}}
        self._validate(hp)
        self.hyperparameters: dict[str, float] = hp
        for key, value in hp.items():
            setattr(self, key, value)
        self.reset()

    # -- state -------------------------------------------------------------------
    def reset(self) -> None:
        """Forget all state: the next update is update number 1."""
        self.t = 0
        for buf in self._buffers:
            setattr(self, buf, None)

    def state_dict(self) -> dict[str, Any]:
        """A deep copy of the state: ``{"t": int, <buffer>: ndarray | None, ...}``."""
        state: dict[str, Any] = {"t": self.t}
        for buf in self._buffers:
            value = getattr(self, buf)
            state[buf] = None if value is None else value.copy()
        return state

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a state returned by :meth:`state_dict` (copied, so it can be reused).

        Raises:
            KeyError: a buffer of this optimizer is missing from ``state``.
        """
        self.t = int(state["t"])
        for buf in self._buffers:
            value = state[buf]
            setattr(self, buf, None if value is None else np.array(value, dtype=float))

    @property
    def velocity(self) -> np.ndarray | None:
        """The momentum buffer (velocity) where the method has one, else None."""
        return None

    # -- update ------------------------------------------------------------------
    def step(self, theta: np.ndarray, grad: np.ndarray, lr: Any,
             hessian: np.ndarray | None = None) -> None:
        """Apply one update to ``theta`` in place.

        Args:
            theta: parameters, shape ``(p,)`` or ``(R, p)``; modified in place.
            grad: ∇L(θ) at ``theta``, same shape (not modified).
            lr: learning rate η for this update: float, or ``(R, 1)`` array.
            hessian: ``(p, p)`` Hessian at ``theta``, only for :class:`Newton`.
        """
        self.t += 1
        self._update(theta, grad, lr, hessian)

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: Any,
                hessian: np.ndarray | None) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _decayed(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """grad + λθ (L2 weight decay folded into the gradient, as torch does)."""
        if self.hyperparameters["weight_decay"]:
            return grad + self.hyperparameters["weight_decay"] * theta
        return grad

    @classmethod
    def _validate(cls, hp: dict[str, float]) -> None:
        for key, value in hp.items():
            if not math.isfinite(value):
                raise ParameterError(key, f"{key} must be a finite number, got {value!r}")
            if key in ("momentum", "dampening", "rho", "beta1", "beta2") and not 0 <= value < 1:
                raise ParameterError(key, f"{key} must be in [0, 1), got {value!r}")
            if key in ("eps", "weight_decay", "lr_decay") and value < 0:
                raise ParameterError(key, f"{key} must be ≥ 0, got {value!r}")

    def __repr__(self) -> str:
        hp = ", ".join(f"{k}={v:g}" for k, v in self.hyperparameters.items())
        return f"{type(self).__name__}({hp})"


class GradientDescent(Optimizer):
    """Plain (batch, stochastic or mini-batch) gradient descent: θ ← θ − η (g + λθ).

    torch ``SGD`` with ``momentum=0``.
    """

    name = "gd"
    title = "Gradient descent"
    defaults = {"weight_decay": 0.0}

    def _update(self, theta, grad, lr, hessian):
        g = self._decayed(theta, grad)
        theta -= lr * g


class Momentum(Optimizer):
    """Heavy-ball momentum, torch ``SGD(momentum=β, dampening=τ)``.

    g ← ∇L + λθ; b ← g at the first step, else b ← β b + (1 − τ) g; θ ← θ − η b.
    (Polyak 1964, in torch's form: the learning rate multiplies the velocity.)
    """

    name = "momentum"
    title = "Momentum"
    defaults = {"momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0}
    _buffers = ("momentum_buffer",)
    nesterov = False

    def _update(self, theta, grad, lr, hessian):
        g = self._decayed(theta, grad)
        buf = self.momentum_buffer
        if buf is None:
            buf = self.momentum_buffer = np.array(g, dtype=float, copy=True)
        else:
            buf *= self.momentum
            buf += (1.0 - self.dampening) * g
        if self.nesterov:
            g = g + self.momentum * buf
        else:
            g = buf
        theta -= lr * g

    @property
    def velocity(self):
        return self.momentum_buffer


class Nesterov(Momentum):
    """Nesterov accelerated gradient, torch ``SGD(momentum=β, nesterov=True)``.

    b as for momentum; the step uses g + β b (Sutskever et al. 2013 reformulation, so
    the gradient is taken at θ itself, not at a look-ahead point). Dampening is 0.
    """

    name = "nesterov"
    title = "Nesterov"
    defaults = {"momentum": 0.9, "weight_decay": 0.0}
    nesterov = True
    dampening = 0.0

    @classmethod
    def _validate(cls, hp):
        super()._validate(hp)
        if hp["momentum"] <= 0:
            raise ParameterError("momentum", "Nesterov momentum requires momentum > 0")


class AdaGrad(Optimizer):
    """AdaGrad, torch ``Adagrad`` (Duchi et al. 2011).

    g ← ∇L + λθ; η̃ = η / (1 + (t − 1)·lr_decay); G ← G + g²; θ ← θ − η̃ g / (√G + ε).
    Defaults: ε = 1e-10, lr_decay = 0, initial accumulator 0.
    """

    name = "adagrad"
    title = "AdaGrad"
    defaults = {"eps": 1e-10, "lr_decay": 0.0, "weight_decay": 0.0}
    _buffers = ("sum",)

    def _update(self, theta, grad, lr, hessian):
        g = self._decayed(theta, grad)
        clr = lr / (1 + (self.t - 1) * self.lr_decay)
        if self.sum is None:
            self.sum = np.zeros_like(g, dtype=float)
        self.sum += g * g
        std = np.sqrt(self.sum)
        std += self.eps
        theta -= clr * (g / std)


class RMSProp(Optimizer):
    """RMSProp, torch ``RMSprop`` with ``alpha`` = ρ (Tieleman & Hinton 2012).

    g ← ∇L + λθ; v ← ρ v + (1 − ρ) g²; with momentum μ > 0: b ← μ b + g / (√v + ε),
    θ ← θ − η b; else θ ← θ − η g / (√v + ε). Defaults: ρ = 0.99, ε = 1e-8, μ = 0.
    """

    name = "rmsprop"
    title = "RMSProp"
    defaults = {"rho": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0}
    _buffers = ("square_avg", "momentum_buffer")

    def _update(self, theta, grad, lr, hessian):
        g = self._decayed(theta, grad)
        if self.square_avg is None:
            self.square_avg = np.zeros_like(g, dtype=float)
        sq = self.square_avg
        sq *= self.rho
        sq += (1.0 - self.rho) * (g * g)
        avg = np.sqrt(sq)
        avg += self.eps
        if self.momentum > 0:
            if self.momentum_buffer is None:
                self.momentum_buffer = np.zeros_like(g, dtype=float)
            buf = self.momentum_buffer
            buf *= self.momentum
            buf += g / avg
            theta -= lr * buf
        else:
            theta -= lr * (g / avg)

    @property
    def velocity(self):
        return self.momentum_buffer


class Adam(Optimizer):
    """Adam, torch ``Adam`` (Kingma & Ba 2015), with optional bias correction.

    g ← ∇L + λθ; m ← m + (1 − β₁)(g − m); v ← β₂ v + (1 − β₂) g²;
    with bias correction: θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
    (the operation order of torch's implementation); without: θ ← θ − η m / (√v + ε).
    Defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0, bias correction on.
    """

    name = "adam"
    title = "Adam"
    defaults = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0,
                "bias_correction": 1.0}
    _buffers = ("exp_avg", "exp_avg_sq")
    decoupled = False

    @classmethod
    def _validate(cls, hp):
        super()._validate(hp)
        if hp["bias_correction"] not in (0.0, 1.0):
            raise ParameterError("bias_correction", "bias_correction must be true or false")

    def _update(self, theta, grad, lr, hessian):
        if self.decoupled:
            if self.weight_decay:
                theta *= 1 - lr * self.weight_decay
            g = grad
        else:
            g = self._decayed(theta, grad)
        if self.exp_avg is None:
            self.exp_avg = np.zeros_like(g, dtype=float)
            self.exp_avg_sq = np.zeros_like(g, dtype=float)
        m, v = self.exp_avg, self.exp_avg_sq
        assert m is not None and v is not None
        # (in-place steps with as few temporaries as possible: the same arithmetic)
        tmp = g - m
        tmp *= 1.0 - self.beta1
        m += tmp  # torch: exp_avg.lerp_(grad, 1 - beta1) = m + (1 − β₁)(g − m)
        v *= self.beta2
        np.multiply(g, g, out=tmp)
        tmp *= 1.0 - self.beta2
        v += tmp
        denom = np.sqrt(v)
        if self.bias_correction:
            step_size = lr / (1.0 - self.beta1**self.t)
            denom /= math.sqrt(1.0 - self.beta2**self.t)
        else:
            step_size = lr
        denom += self.eps
        np.divide(m, denom, out=denom)
        denom *= step_size
        theta -= denom

    @property
    def velocity(self):
        return self.exp_avg


class AdamW(Adam):
    """AdamW, torch ``AdamW`` (Loshchilov & Hutter 2019): decoupled weight decay.

    θ ← θ (1 − η λ) first, then the Adam update with the plain gradient.
    Defaults as torch: λ = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    """

    name = "adamw"
    title = "AdamW"
    defaults = {**Adam.defaults, "weight_decay": 0.01}
    decoupled = True


class Newton(Optimizer):
    """Newton's method (damped by η): θ ← θ − η H⁻¹ ∇L, with the exact Hessian H.

    η = 1 is the pure Newton step; it jumps to the minimum of a quadratic in one step,
    and it is attracted to saddle points and maxima as well (a lesson in itself). A
    singular Hessian falls back to the minimum-norm least-squares solution.
    """

    name = "newton"
    title = "Newton's method"
    defaults = {}
    uses_hessian = True

    def _update(self, theta, grad, lr, hessian):
        if hessian is None:
            raise ValueError("Newton's method needs the Hessian of the loss")
        if theta.ndim == 1:
            try:
                delta = np.linalg.solve(hessian, grad)
            except np.linalg.LinAlgError:
                delta = np.linalg.lstsq(hessian, grad, rcond=None)[0]
        else:  # (R, p) runs with (R, p, p) Hessians
            try:
                delta = np.linalg.solve(hessian, grad[..., None])[..., 0]
            except np.linalg.LinAlgError:
                delta = np.stack([np.linalg.lstsq(h, g, rcond=None)[0]
                                  for h, g in zip(hessian, grad)])
        theta -= lr * delta


_OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls
    for cls in (GradientDescent, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW, Newton)
}
OPTIMIZER_NAMES: tuple[str, ...] = tuple(_OPTIMIZERS)


def optimizer_defaults(name: str) -> dict[str, float]:
    """The hyperparameters of optimizer ``name`` with their default values.

    Raises:
        ValueError: an unknown optimizer name (the message lists the valid ones).
    """
    return dict(_optimizer_class(name).defaults)


def _optimizer_class(name: str) -> type[Optimizer]:
    return lookup("optimizer", _OPTIMIZERS, name)


def make_optimizer(name: str, **hyperparameters: float) -> Optimizer:
    """Build optimizer ``name`` (see :data:`OPTIMIZER_NAMES`) with the given hyperparameters.

    Hyperparameters not relevant to the method are rejected, so that a typo never
    passes silently; use :func:`optimizer_defaults` to see which ones it takes.

    Raises:
        ValueError: unknown name, unknown hyperparameter or out-of-range value.
    """
    return _optimizer_class(name)(**hyperparameters)
