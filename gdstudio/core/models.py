"""Models with a hand-written forward pass and backpropagation.

Every model maps one flat float64 parameter vector θ ``(p,)`` and inputs X ``(n, d)``
to outputs ``(n,)``: predictions ŷ for regression, logits z for classification (the
log-loss applies the sigmoid itself, see :class:`gdstudio.core.losses.LogLoss`).

The training step the app teaches is, literally::

    out, cache = model.forward(theta, X)           # forward pass
    L, d_out = loss.value_and_gradient(out, y)     # dL/d out, (n,)
    grad = model.backward(theta, cache, d_out)     # backpropagation: dL/dθ, (p,)

``backward`` applies the chain rule layer by layer, from the output back to the
inputs (Rumelhart, Hinton & Williams, 1986, "Learning representations by
back-propagating errors", *Nature* 323:533–536).

Parameter names (``model.param_names``, one per entry of θ, in θ order):

* linear / logistic with 1 feature: ``("w", "b")``; with d > 1 features:
  ``("w1", …, "wd", "b")``.
* polynomial of degree k: ``("w1", …, "wk", "b")`` for features x, x², …, xᵏ;
  degree 1: ``("w", "b")``.
* without intercept (``bias=False``, linear / polynomial / logistic): the same names
  without ``"b"``; one feature: the single parameter ``("w",)``.
* MLP: for each layer ℓ = 1, …, L in turn, its weights ``"Wℓ[i,j]"`` (row-major,
  i = input unit, j = output unit; ``Wℓ`` has shape ``(fan_in, fan_out)`` and the layer
  computes ``a @ Wℓ + bℓ``), then its biases ``"bℓ[j]"``. For 2-16-16-1 that is
  ``"W1[0,0]", …, "W1[1,15]", "b1[0]", …, "b1[15]", "W2[0,0]", …, "W3[15,0]", "b3[0]"``.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

import numpy as np

from gdstudio.core.losses import sigmoid
from gdstudio.core.registry import lookup

__all__ = [
    "Model",
    "LinearRegression",
    "PolynomialRegression",
    "LogisticRegression",
    "MLP",
    "ACTIVATION_NAMES",
    "MODEL_NAMES",
    "TASKS",
    "make_model",
]

#: registry keys accepted by :func:`make_model`
MODEL_NAMES: tuple[str, ...] = ("linear", "polynomial", "logistic", "mlp")
#: hidden-layer activations of :class:`MLP`
ACTIVATION_NAMES: tuple[str, ...] = ("tanh", "relu", "sigmoid")
#: the two learning tasks
TASKS: tuple[str, ...] = ("regression", "classification")

# Above this many floats per hidden activation array, forward_many works in chunks of R.
_MANY_CHUNK_FLOATS = 1 << 21


def _check_choice(kind: str, name: str, choices: tuple[str, ...]) -> None:
    lookup(kind, dict.fromkeys(choices), name)


def _positive_int(value: Any, what: str) -> int:
    """``value`` as an int ≥ 1, else ValueError mentioning ``what``."""
    try:
        v = operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be an integer ≥ 1, got {value!r}") from None
    if isinstance(value, bool) or v < 1:
        raise ValueError(f"{what} must be an integer ≥ 1, got {value!r}")
    return v


def _weight_names(n: int) -> tuple[str, ...]:
    """("w",) for one weight, else ("w1", …, "wn")."""
    return ("w",) if n == 1 else tuple(f"w{i}" for i in range(1, n + 1))


class Model:
    """A differentiable model out = f(θ, X) with a flat parameter vector θ.

    Attributes:
        name: registry key (one of :data:`MODEL_NAMES`).
        task: ``"regression"`` (out = ŷ) or ``"classification"`` (out = logit z).
        n_features: d, the number of input columns of X.
        param_names: one name per entry of θ, in θ order (see the module docstring).
        n_params: p = ``len(param_names)``.
    """

    name: str = ""
    task: str = "regression"
    n_features: int
    param_names: tuple[str, ...]
    n_params: int

    def init_params(self, rng: np.random.Generator) -> np.ndarray:
        """Initial parameters θ₀ ``(p,)`` drawn from ``rng`` (reproducible for a seed)."""
        raise NotImplementedError

    def forward(self, theta: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, Any]:
        """Forward pass: θ ``(p,)``, X ``(n, d)`` → (out ``(n,)``, cache for :meth:`backward`).

        Raises:
            ValueError: if θ is not ``(p,)`` or X is not ``(n, d)``.
        """
        raise NotImplementedError

    def backward(self, theta: np.ndarray, cache: Any, d_out: np.ndarray) -> np.ndarray:
        """Backpropagation: dL/dθ ``(p,)`` from d_out = dL/d out ``(n,)``.

        ``cache`` is the second value returned by :meth:`forward` for the same θ.
        """
        raise NotImplementedError

    def forward_many(self, thetas: np.ndarray, X: np.ndarray) -> np.ndarray:
        """Outputs for many parameter vectors at once: thetas ``(R, p)``, X ``(n, d)`` → ``(R, n)``.

        Row r equals ``forward(thetas[r], X)[0]`` (used for loss landscapes and
        parallel runs).

        Raises:
            ValueError: if thetas is not ``(R, p)`` or X is not ``(n, d)``.
        """
        raise NotImplementedError

    def predict(self, theta: np.ndarray, X: np.ndarray) -> np.ndarray:
        """Predictions ``(n,)``: ŷ (regression) or σ(z), the probability of class 1."""
        out = self.forward(theta, X)[0]
        return sigmoid(out) if self.task == "classification" else out

    def describe(self) -> str:
        """One-line human-readable description of the model, e.g. ``"ŷ = w·x + b"``."""
        raise NotImplementedError

    def _check(self, theta: np.ndarray, X: np.ndarray, many: bool = False) -> None:
        """Raise ValueError unless θ is ``(p,)`` (``(R, p)`` if many) and X is ``(n, d)``."""
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(
                f"{self.name}: X must have shape (n, {self.n_features}), got {X.shape}"
            )
        if many:
            if theta.ndim != 2 or theta.shape[1] != self.n_params:
                raise ValueError(
                    f"{self.name}: thetas must have shape (R, {self.n_params}), got {theta.shape}"
                )
        elif theta.shape != (self.n_params,):
            raise ValueError(
                f"{self.name}: theta must have shape ({self.n_params},), got {theta.shape}"
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()!r}, {self.n_params} parameters>"


class LinearRegression(Model):
    """Linear regression ŷ = X·w + b (or ŷ = X·w without intercept).

    θ = (w₁, …, w_d, b); names ``("w", "b")`` for one feature, else
    ``("w1", …, "wd", "b")``. Backward: ∂L/∂w = Xᵀ·d_out, ∂L/∂b = Σ d_out.
    Initialised to zeros (the loss is convex in θ, so no symmetry to break).
    With ``bias=False`` there is no b: θ = (w₁, …, w_d), one feature: θ = (w,), the
    line through the origin (with MSE its Hessian 2xᵀx/n is a single number and the
    least-squares solution is w* = Σxy / Σx²).

    Args:
        n_features: d ≥ 1.
        bias: whether the model has the intercept b (default True).

    Raises:
        ValueError: if ``n_features`` is not an integer ≥ 1.
    """

    name = "linear"
    task = "regression"

    def __init__(self, n_features: int, bias: bool = True) -> None:
        self.n_features = _positive_int(n_features, "n_features")
        self.bias = bool(bias)
        self.param_names = _weight_names(self.n_features) + (("b",) if self.bias else ())
        self.n_params = self.n_features + self.bias

    def init_params(self, rng: np.random.Generator) -> np.ndarray:
        """Zeros ``(p,)`` (``rng`` is not used)."""
        return np.zeros(self.n_params)

    def _features(self, X: np.ndarray) -> np.ndarray:
        """Design matrix Φ(X) ``(n, k)``; X itself here."""
        return X

    def forward(self, theta: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, Any]:
        """out = Φ(X)·w + b ``(n,)`` (Φ(X)·w without bias); the cache is Φ(X) ``(n, k)``."""
        self._check(theta, X)
        phi = self._features(X)
        if not self.bias:
            return phi @ theta, phi
        return phi @ theta[:-1] + theta[-1], phi

    def backward(self, theta: np.ndarray, cache: Any, d_out: np.ndarray) -> np.ndarray:
        """(Φᵀ·d_out, Σ d_out) ``(p,)`` (Φᵀ·d_out alone without bias)."""
        grad = np.empty(self.n_params)
        if not self.bias:
            np.matmul(d_out, cache, out=grad)
            return grad
        np.matmul(d_out, cache, out=grad[:-1])
        grad[-1] = d_out.sum()
        return grad

    def forward_many(self, thetas: np.ndarray, X: np.ndarray) -> np.ndarray:
        """thetas[:, :-1]·Φ(X)ᵀ + thetas[:, -1:] ``(R, n)`` (thetas·Φ(X)ᵀ without bias)."""
        self._check(thetas, X, many=True)
        if not self.bias:
            return thetas @ self._features(X).T
        return thetas[:, :-1] @ self._features(X).T + thetas[:, -1:]

    def describe(self) -> str:
        """E.g. ``"ŷ = w·x + b"`` or ``"ŷ = w1·x1 + w2·x2 + b"``."""
        return f"ŷ = {self._affine()}"

    def _affine(self) -> str:
        d = self.n_features
        b = " + b" if self.bias else ""
        if d == 1:
            return "w·x" + b
        if d <= 4:
            return " + ".join(f"w{i}·x{i}" for i in range(1, d + 1)) + b
        return f"w1·x1 + … + w{d}·x{d}" + b


class LogisticRegression(LinearRegression):
    """Logistic regression: logit z = X·w + b, probability p = σ(z).

    A classification model: :meth:`forward` returns the logit z ``(n,)`` (pair it with
    the log-loss, which applies σ, or the hinge loss); :meth:`predict` returns σ(z).
    Parameters, names, backward and initialisation (zeros) as
    :class:`LinearRegression`. Source: Cox, D. R. (1958), "The regression analysis of
    binary sequences", *J. R. Stat. Soc. B* 20(2):215–242.

    Raises:
        ValueError: if ``n_features`` is not an integer ≥ 1.
    """

    name = "logistic"
    task = "classification"

    def describe(self) -> str:
        """E.g. ``"p = σ(w·x + b)"``."""
        return f"p = σ({self._affine()})"


class PolynomialRegression(LinearRegression):
    """Polynomial regression in one feature x: ŷ = w₁x + w₂x² + … + w_k xᵏ + b.

    Linear regression on the features Φ(x) = (x, x², …, xᵏ), computed by repeated
    multiplication. θ = (w₁, …, w_k, b), names ``("w1", …, "wk", "b")`` (degree 1:
    ``("w", "b")``); initialised to zeros. X must be ``(n, 1)``. High degrees on
    unscaled x (|x| ≫ 1) give a badly conditioned loss: scale x to about [−1, 1].

    Args:
        degree: k ≥ 1.
        bias: whether the model has the intercept b (default True).

    Raises:
        ValueError: if ``degree`` is not an integer ≥ 1.
    """

    name = "polynomial"
    task = "regression"

    def __init__(self, degree: int, bias: bool = True) -> None:
        self.degree = _positive_int(degree, "degree")
        self.n_features = 1
        self.bias = bool(bias)
        self.param_names = _weight_names(self.degree) + (("b",) if self.bias else ())
        self.n_params = self.degree + self.bias

    def _features(self, X: np.ndarray) -> np.ndarray:
        """Φ = (x, x², …, xᵏ) ``(n, k)`` from X ``(n, 1)``, by repeated multiplication."""
        phi = np.empty((X.shape[0], self.degree))
        phi[:, 0] = X[:, 0]
        for j in range(1, self.degree):
            np.multiply(phi[:, j - 1], X[:, 0], out=phi[:, j])
        return phi

    def describe(self) -> str:
        """E.g. ``"ŷ = w1·x + w2·x² + b"``."""
        sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
        k = self.degree
        b = " + b" if self.bias else ""
        if k == 1:
            return "ŷ = w·x" + b
        terms = ["w1·x"] + [f"w{i}·x{str(i).translate(sup)}" for i in range(2, k + 1)]
        if k > 4:
            terms = [terms[0], "…", terms[-1]]
        return "ŷ = " + " + ".join(terms) + b


def _act_forward(name: str, z: np.ndarray) -> np.ndarray:
    """Apply the activation to the pre-activation z (in place where possible)."""
    if name == "tanh":
        return np.tanh(z, out=z)
    if name == "relu":
        return np.maximum(z, 0.0, out=z)
    return sigmoid(z)


def _act_derivative(name: str, a: np.ndarray) -> np.ndarray:
    """dσ/dz written in terms of the activation output a = σ(z)."""
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return a > 0.0
    return a * (1.0 - a)


def _times_act_derivative(name: str, delta: np.ndarray, a: np.ndarray) -> None:
    """delta *= dσ/dz(a) in place, with one temporary: the same arithmetic (and bits)
    as ``delta *= _act_derivative(name, a)``."""
    if name == "tanh":
        tmp = np.multiply(a, a)
        np.subtract(1.0, tmp, out=tmp)
    elif name == "relu":
        tmp = a > 0.0
    else:
        tmp = np.subtract(1.0, a)
        tmp *= a  # a · (1 − a): multiplication is commutative, bit for bit
    delta *= tmp


class MLP(Model):
    """Multilayer perceptron (fully connected network) with one output unit.

    Layer sizes d → h₁ → … → h_m → 1. Each hidden layer computes
    aℓ = act(aℓ₋₁ @ Wℓ + bℓ) with ``Wℓ`` of shape ``(fan_in, fan_out)``; the output layer
    is linear: out = a_m @ W_L + b_L, a logit z for classification (the log-loss applies
    σ) or the prediction ŷ for regression. θ holds W1, b1, W2, b2, … flattened in that
    order (row-major), named ``"W1[i,j]"``, ``"b1[j]"``, …; :meth:`unpack` gives the
    layers as views into θ.

    Backward (Rumelhart, Hinton & Williams 1986): with δ = ∂L/∂(pre-activation) of a
    layer, ∂L/∂Wℓ = aℓ₋₁ᵀ δ, ∂L/∂bℓ = Σₙ δ, and δℓ₋₁ = (δ Wℓᵀ) ⊙ act′, where act′ is
    1 − a² (tanh), a (1 − a) (sigmoid) or [a > 0] (ReLU).

    Initialisation (biases zero): Glorot/Xavier normal, std = √(2 / (fan_in + fan_out)),
    for tanh and sigmoid (Glorot & Bengio 2010, "Understanding the difficulty of
    training deep feedforward neural networks", AISTATS); He/Kaiming normal,
    std = √(2 / fan_in), for ReLU (He et al. 2015, "Delving deep into rectifiers",
    ICCV). The same rule is used for every layer, as in those papers; this matches
    ``torch.nn.init.xavier_normal_`` and ``kaiming_normal_(mode="fan_in")``.

    Args:
        n_features: d ≥ 1.
        hidden: hidden-layer widths, each ≥ 1 (``()`` gives a linear/logistic model).
        activation: one of :data:`ACTIVATION_NAMES`.
        task: ``"classification"`` (default) or ``"regression"``.

    Raises:
        ValueError: for a non-positive size, an unknown activation or task.
    """

    name = "mlp"

    def __init__(
        self,
        n_features: int,
        hidden: Sequence[int] = (16, 16),
        activation: str = "tanh",
        task: str = "classification",
    ) -> None:
        self.n_features = _positive_int(n_features, "n_features")
        try:
            widths = tuple(hidden)
        except TypeError:
            raise ValueError(f"hidden must be a sequence of layer widths, got {hidden!r}") from None
        self.hidden = tuple(_positive_int(h, "hidden layer width") for h in widths)
        _check_choice("activation", activation, ACTIVATION_NAMES)
        _check_choice("task", task, TASKS)
        self.activation = activation
        self.task = task
        self.layer_sizes = (self.n_features, *self.hidden, 1)

        layers = []
        names: list[str] = []
        offset = 0
        for ell, (fan_in, fan_out) in enumerate(zip(self.layer_sizes, self.layer_sizes[1:]), 1):
            w_end = offset + fan_in * fan_out
            b_end = w_end + fan_out
            layers.append((offset, w_end, b_end, fan_in, fan_out))
            names += [f"W{ell}[{i},{j}]" for i in range(fan_in) for j in range(fan_out)]
            names += [f"b{ell}[{j}]" for j in range(fan_out)]
            offset = b_end
        # (W start, W end = b start, b end, fan_in, fan_out) per layer, into θ
        self._layers: tuple[tuple[int, int, int, int, int], ...] = tuple(layers)
        self.param_names = tuple(names)
        self.n_params = offset

    def unpack(self, theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The layers ``[(W1 (d, h₁), b1 (h₁,)), …, (W_L (h_m, 1), b_L (1,))]``, views into θ."""
        return [(theta[w0:w1].reshape(fi, fo), theta[w1:b1]) for w0, w1, b1, fi, fo in self._layers]

    def init_params(self, rng: np.random.Generator) -> np.ndarray:
        """θ₀ ``(p,)``: Glorot normal (tanh, sigmoid) or He normal (ReLU) weights, zero biases."""
        theta = np.zeros(self.n_params)
        for w0, w1, _, fan_in, fan_out in self._layers:
            if self.activation == "relu":
                std = np.sqrt(2.0 / fan_in)
            else:
                std = np.sqrt(2.0 / (fan_in + fan_out))
            theta[w0:w1] = rng.standard_normal(w1 - w0) * std
        return theta

    def forward(self, theta: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, Any]:
        """out ``(n,)``; the cache is the list of layer inputs [X, a₁, …, a_m]."""
        self._check(theta, X)
        act = self.activation
        a = X
        acts = [a]
        for w0, w1, b1, fi, fo in self._layers[:-1]:
            z = a @ theta[w0:w1].reshape(fi, fo)
            z += theta[w1:b1]
            a = _act_forward(act, z)
            acts.append(a)
        w0, w1 = self._layers[-1][:2]
        return a @ theta[w0:w1] + theta[w1], acts

    def backward(self, theta: np.ndarray, cache: Any, d_out: np.ndarray) -> np.ndarray:
        """dL/dθ ``(p,)`` by backpropagation through the layers, output to input."""
        act = self.activation
        acts = cache
        layers = self._layers
        grad = np.empty(self.n_params)
        # output layer: out = a_m @ w + b, δ = d_out (n,)
        w0, w1 = layers[-1][:2]
        np.matmul(d_out, acts[-1], out=grad[w0:w1])
        grad[w1] = d_out.sum()
        if len(layers) == 1:
            return grad
        delta = np.multiply.outer(d_out, theta[w0:w1])  # ∂L/∂a_m  (n, h_m)
        _times_act_derivative(act, delta, acts[-1])  # ∂L/∂z_m
        for ell in range(len(layers) - 2, -1, -1):
            w0, w1, b1, fi, fo = layers[ell]
            np.matmul(acts[ell].T, delta, out=grad[w0:w1].reshape(fi, fo))
            np.sum(delta, axis=0, out=grad[w1:b1])
            if ell:
                delta = delta @ theta[w0:w1].reshape(fi, fo).T
                _times_act_derivative(act, delta, acts[ell])
        return grad

    def forward_many(self, thetas: np.ndarray, X: np.ndarray) -> np.ndarray:
        """``(R, n)`` outputs, vectorised over R with stacked matmuls (chunked to bound memory)."""
        self._check(thetas, X, many=True)
        R, n = thetas.shape[0], X.shape[0]
        chunk = max(1, _MANY_CHUNK_FLOATS // max(1, n * max(self.layer_sizes)))
        if R <= chunk:
            return self._forward_stack(thetas, X)
        out = np.empty((R, n))
        for start in range(0, R, chunk):
            out[start : start + chunk] = self._forward_stack(thetas[start : start + chunk], X)
        return out

    def _forward_stack(self, thetas: np.ndarray, X: np.ndarray) -> np.ndarray:
        """Forward pass for a stack of parameter vectors ``(R, p)`` → ``(R, n)``."""
        R = thetas.shape[0]
        act = self.activation
        a = X
        for w0, w1, b1, fi, fo in self._layers[:-1]:
            z = a @ thetas[:, w0:w1].reshape(R, fi, fo)  # (R, n, fo)
            z += thetas[:, None, w1:b1]
            a = _act_forward(act, z)
        w0, w1 = self._layers[-1][:2]
        return (a @ thetas[:, w0:w1, None])[..., 0] + thetas[:, w1, None]

    def describe(self) -> str:
        """E.g. ``"logit z = MLP 2 → 16 → 16 → 1 (tanh), p = σ(z)"``."""
        arch = " → ".join(map(str, self.layer_sizes))
        if self.task == "classification":
            return f"logit z = MLP {arch} ({self.activation}), p = σ(z)"
        return f"ŷ = MLP {arch} ({self.activation})"


def make_model(
    name: str,
    n_features: int,
    *,
    degree: int = 2,
    hidden: Sequence[int] = (16, 16),
    activation: str = "tanh",
    task: str | None = None,
    bias: bool = True,
) -> Model:
    """Build the model registered as ``name`` for inputs with ``n_features`` columns.

    ``degree`` is used by ``polynomial`` only; ``hidden`` and ``activation`` by ``mlp``
    only. ``task`` defaults to the model's own task (``"classification"`` for ``mlp``);
    ``linear`` and ``polynomial`` are regression models and ``logistic`` a
    classification model, so a different ``task`` for them is an error. ``bias=False``
    builds linear, polynomial or logistic models without the intercept b.

    Raises:
        ValueError: for an unknown ``name`` (the message lists :data:`MODEL_NAMES`),
            ``polynomial`` with ``n_features != 1``, a task the model cannot do, or any
            invalid size, activation or task, or ``bias=False`` for an MLP.
    """
    _check_choice("model", name, MODEL_NAMES)
    if task is not None:
        _check_choice("task", task, TASKS)
    if name == "mlp" and not bias:
        raise ValueError("model 'mlp' always has biases; bias=False is for linear, "
                         "polynomial and logistic models")
    if name == "mlp":
        return MLP(n_features, hidden, activation, task or "classification")
    fixed = "classification" if name == "logistic" else "regression"
    if task is not None and task != fixed:
        raise ValueError(f"model {name!r} is for {fixed} only, not {task}")
    if name == "linear":
        return LinearRegression(n_features, bias)
    if name == "logistic":
        return LogisticRegression(n_features, bias)
    if _positive_int(n_features, "n_features") != 1:
        raise ValueError(
            f"model 'polynomial' takes exactly one feature (n_features=1), got {n_features}"
        )
    return PolynomialRegression(degree, bias)
