"""Problems: what the trainer minimises — an analytic surface, or a model + loss + data.

A problem turns a flat parameter vector θ into the full training loss L(θ) and its
gradient ∇L(θ) (and, for mini-batch variants, the gradient on a subset of the
training rows). The trainer only ever talks to this interface.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gdstudio.core.losses import Loss
from gdstudio.core.models import Model
from gdstudio.core.surfaces import Surface

__all__ = ["Problem", "SurfaceProblem", "SurfaceProblem1D", "DataProblem", "random_theta0"]


class Problem:
    """Interface of a problem.

    Attributes:
        param_names: one name per entry of θ, e.g. ``("x", "y")`` or ``("w", "b")``.
        n_params: p, the length of θ.
        n_train: number of training rows, or None for an analytic surface (no data).
        has_test: whether :meth:`test_loss` is available (a train/test split).
        vectorised: whether :meth:`loss_and_grad` accepts θ of shape ``(R, p)``.
    """

    param_names: tuple[str, ...]
    n_train: int | None = None
    has_test = False
    vectorised = False

    @property
    def n_params(self) -> int:
        return len(self.param_names)

    def loss(self, theta: np.ndarray) -> float:
        """Full training loss L(θ) for ``theta: (p,)``."""
        return self.loss_and_grad(theta)[0]

    def loss_and_grad(self, theta: np.ndarray) -> tuple[Any, np.ndarray]:
        """(L(θ), ∇L(θ)) on the full training set; ``theta: (p,)`` → (float, (p,))."""
        raise NotImplementedError

    def batch_grad(self, theta: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """∇ of the mean loss over training ``rows`` (int indices) at ``theta``: (p,)."""
        raise NotImplementedError

    def test_loss(self, theta: np.ndarray) -> float:
        """Loss on the held-out test set. Raises ValueError when there is none."""
        raise ValueError("this problem has no test set")

    def loss_many(self, thetas: np.ndarray) -> np.ndarray:
        """Full training loss for each row of ``thetas: (R, p)`` → ``(R,)`` (landscapes)."""
        raise NotImplementedError

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        """Exact Hessian ∇²L(θ): ``(p, p)``.

        Raises:
            ValueError: the problem has no exact Hessian (Newton's method then
                cannot be used on it).
        """
        raise ValueError(
            "Newton's method needs an exact Hessian, which only the analytic surfaces "
            "and MSE linear regression provide; choose another optimizer"
        )

    @property
    def has_hessian(self) -> bool:
        return type(self).hessian is not Problem.hessian

    def least_squares_theta(self) -> np.ndarray | None:
        """θ* = argmin ‖Φθ − y‖² for a model linear in θ (linear and polynomial
        regression), whatever loss is trained; None for other problems or a degenerate
        design. Used to frame a landscape around its optimum."""
        return None

    def default_theta(self, rng: np.random.Generator) -> np.ndarray:
        """A sensible starting point θ₀: ``(p,)``."""
        raise NotImplementedError

    def random_theta(self, rng: np.random.Generator) -> np.ndarray:
        """A random starting point θ₀ ``(p,)`` drawn from ``rng`` (see :func:`random_theta0`)."""
        raise NotImplementedError


class SurfaceProblem(Problem):
    """Minimise an analytic function f(x, y) of two parameters — or f(x) of one.

    ``loss_and_grad`` is vectorised: θ of shape ``(R, p)`` gives losses ``(R,)`` and
    gradients ``(R, p)`` (used by learning-rate sweeps). ``param_names`` are the
    surface's variables: ``("x", "y")``, or ``("x",)`` for a
    :class:`~gdstudio.core.surfaces.Surface1D` (``SurfaceProblem(surface)`` then
    builds the one-parameter kind, :class:`SurfaceProblem1D`, with the same interface).
    """

    vectorised = True
    param_names: tuple[str, ...] = ("x", "y")
    _value: Any
    _gradient: Any

    def __new__(cls, surface: Surface | None = None) -> SurfaceProblem:
        # (surface None: copy/pickle re-creating an instance of an already chosen class)
        if cls is SurfaceProblem and surface is not None and surface.n_vars == 1:
            cls = SurfaceProblem1D
        return super().__new__(cls)

    def __init__(self, surface: Surface) -> None:
        self.surface = surface
        self._value = surface.value
        self._gradient = surface.gradient

    def loss_and_grad(self, theta):
        if theta.ndim == 1:
            x, y = theta.tolist()
            gx, gy = self._gradient(x, y)
            return float(self._value(x, y)), np.array((gx, gy), dtype=float)
        x, y = theta[..., 0], theta[..., 1]
        grad = np.empty(theta.shape)
        grad[..., 0], grad[..., 1] = self._gradient(x, y)
        return self._value(x, y), grad

    def loss(self, theta):
        x, y = theta.tolist()
        return float(self._value(x, y))

    def batch_grad(self, theta, rows):
        return self.loss_and_grad(theta)[1]

    def loss_many(self, thetas):
        return np.asarray(self._value(thetas[:, 0], thetas[:, 1]), dtype=float)

    def hessian(self, theta):
        x, y = theta[..., 0], theta[..., 1]
        hxx, hxy, hyy = self.surface.hessian(x, y)
        hxx, hxy, hyy = np.broadcast_arrays(hxx, hxy, hyy)
        return np.stack((np.stack((hxx, hxy), -1), np.stack((hxy, hyy), -1)), -2).astype(float)

    def default_theta(self, rng):
        return np.array(self.surface.start, dtype=float)

    def random_theta(self, rng: np.random.Generator) -> np.ndarray:
        """θ₀ ``(p,)`` drawn uniformly from the surface's ``bounds`` (one draw per variable)."""
        lo, hi = np.array(self.surface.bounds, dtype=float).T
        return rng.uniform(lo, hi)


class SurfaceProblem1D(SurfaceProblem):
    """Minimise f(x) of one parameter (θ = (x,)); made by ``SurfaceProblem(surface)``.

    Shapes as :class:`SurfaceProblem` with p = 1: θ ``(1,)`` or ``(R, 1)``, gradients of
    θ's shape, Hessians ``(1, 1)`` or ``(R, 1, 1)``.
    """

    param_names = ("x",)

    def loss_and_grad(self, theta):
        if theta.ndim == 1:
            x = float(theta[0])
            return float(self._value(x)), np.array(self._gradient(x), dtype=np.float64)
        x = theta[..., 0]
        grad = np.empty(theta.shape)
        grad[..., 0] = self._gradient(x)[0]
        return self._value(x), grad

    def loss(self, theta):
        return float(self._value(float(theta[0])))

    def loss_many(self, thetas):
        return np.asarray(self._value(thetas[:, 0]), dtype=float)

    def hessian(self, theta):
        h = np.asarray(self.surface.hessian(theta[..., 0], None)[0], dtype=np.float64)
        return np.broadcast_to(h, theta.shape[:-1])[..., None, None].copy()


class DataProblem(Problem):
    """Fit ``model`` to ``(X, y)`` by minimising the mean ``loss`` over the rows.

    Args:
        model: a :class:`~gdstudio.core.models.Model`.
        loss: a :class:`~gdstudio.core.losses.Loss`.
        X: training features ``(n, d)``; y: training targets ``(n,)``.
        X_test, y_test: optional held-out set for the test-loss curve.

    Raises:
        ValueError: shapes that do not match the model, or a loss whose task does not
            match the model's (e.g. log-loss on a regression model).
    """

    def __init__(self, model: Model, loss: Loss, X: np.ndarray, y: np.ndarray,
                 X_test: np.ndarray | None = None, y_test: np.ndarray | None = None) -> None:
        X = np.ascontiguousarray(X, dtype=float)
        y = np.ascontiguousarray(y, dtype=float)
        if X.ndim != 2 or y.shape != (X.shape[0],):
            raise ValueError(f"X must be (n, d) and y (n,), got {X.shape} and {y.shape}")
        if X.shape[1] != model.n_features:
            raise ValueError(
                f"the model expects {model.n_features} feature(s), the data has {X.shape[1]}"
            )
        if loss.task != model.task:
            raise ValueError(
                f"the {loss.title} loss is for {loss.task}, but the {model.name} model "
                f"does {model.task}"
            )
        self.model, self.loss_fn = model, loss
        self.X, self.y = X, y
        self.param_names = tuple(model.param_names)
        self.n_train = X.shape[0]
        self.X_test = None if X_test is None else np.ascontiguousarray(X_test, dtype=float)
        self.y_test = None if y_test is None else np.ascontiguousarray(y_test, dtype=float)
        self.has_test = self.X_test is not None and len(self.X_test) > 0

    def loss_and_grad(self, theta):
        out, cache = self.model.forward(theta, self.X)
        value, d_out = self.loss_fn.value_and_gradient(out, self.y)
        return float(value), self.model.backward(theta, cache, d_out)

    def loss(self, theta):
        out, _ = self.model.forward(theta, self.X)
        return float(self.loss_fn.value(out, self.y))

    def batch_grad(self, theta, rows):
        Xb, yb = self.X[rows], self.y[rows]
        out, cache = self.model.forward(theta, Xb)
        return self.model.backward(theta, cache, self.loss_fn.gradient(out, yb))

    def test_loss(self, theta):
        if self.X_test is None or self.y_test is None:
            raise ValueError("this problem has no test set")
        out, _ = self.model.forward(theta, self.X_test)
        return float(self.loss_fn.value(out, self.y_test))

    def loss_many(self, thetas):
        quad = self.quadratic_form()
        if quad is not None:
            A, b, c = quad
            return np.einsum("ri,ij,rj->r", thetas, A, thetas) - 2.0 * thetas @ b + c
        return np.asarray(self.loss_fn.value(self.model.forward_many(thetas, self.X), self.y),
                          dtype=float)

    def quadratic_form(self) -> tuple[np.ndarray, np.ndarray, float] | None:
        """For MSE on a model linear in θ: (A, b, c) with L(θ) = θᵀAθ − 2bᵀθ + c.

        A = ΦᵀΦ/n, b = Φᵀy/n, c = yᵀy/n where Φ is the design matrix (features, then a
        column of ones for the bias). These sufficient statistics make a landscape
        grid cost nothing per data point. None for any other model or loss.
        """
        if self.loss_fn.name != "mse":
            return None
        cached = getattr(self, "_quad", None)
        if cached is None:
            phi = self.design_matrix()
            if phi is None:
                return None
            n = len(self.y)
            cached = self._quad = (phi.T @ phi / n, phi.T @ self.y / n,
                                   float(self.y @ self.y) / n)
        return cached

    def design_matrix(self) -> np.ndarray | None:
        """Φ ``(n, p)`` of a model linear in θ (ŷ = Φθ), or None for other models.

        The model is linear in θ, so its output for θ = e_i is column i of Φ.
        """
        if self.model.name not in ("linear", "polynomial"):
            return None
        return self.model.forward_many(np.eye(self.n_params), self.X).T

    def least_squares_theta(self) -> np.ndarray | None:
        phi = self.design_matrix()
        if phi is None:
            return None
        theta = np.linalg.lstsq(phi, self.y, rcond=None)[0]
        return theta if np.all(np.isfinite(theta)) else None

    def hessian(self, theta):
        quad = self.quadratic_form()
        if quad is None:
            return Problem.hessian(self, theta)
        return 2.0 * quad[0]

    @property
    def has_hessian(self) -> bool:
        return self.quadratic_form() is not None

    def default_theta(self, rng):
        return np.asarray(self.model.init_params(rng), dtype=float)

    def random_theta(self, rng: np.random.Generator) -> np.ndarray:
        """The model's own random initialiser (MLP: Glorot/He normal weights, zero biases);
        for the models initialised to zeros (linear, polynomial, logistic) every
        parameter is drawn from the standard normal N(0, 1) instead, so the start moves."""
        if self.model.name == "mlp":
            return np.asarray(self.model.init_params(rng), dtype=float)
        return rng.standard_normal(self.n_params)


def random_theta0(problem: Problem, seed: int) -> np.ndarray:
    """A random start θ₀ ``(p,)`` for ``problem``, the same for the same ``seed``.

    A surface: uniform within its ``bounds`` (the drawn view), one draw per variable.
    A model: the MLP's own initialiser (Glorot/He) with ``np.random.default_rng(seed)``;
    linear, polynomial and logistic models (initialised to zeros) draw each parameter
    from N(0, 1).

    Raises:
        ValueError: ``seed`` is not a whole number ≥ 0.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    return np.asarray(problem.random_theta(np.random.default_rng(int(seed))), dtype=float)
