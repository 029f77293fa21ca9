"""The forward pass and backpropagation of a network for one data point, neuron by neuron.

:func:`forward_backward` returns every number a network diagram needs: for each layer
the weights and biases (the edges), the pre-activations z and activations a of every
neuron (forward, input to output), the prediction and the point's loss, then the error
signals δ = ∂L/∂z of every neuron and the gradients ∂L/∂W, ∂L/∂b (backward, output to
input).

Conventions (those of :class:`~gdstudio.core.models.MLP`): layer ℓ = 1 … L computes
z_ℓ = a_{ℓ−1} W_ℓ + b_ℓ with W_ℓ of shape ``(fan_in, fan_out)``, a_ℓ = act(z_ℓ) for the
hidden layers and a_L = z_L (linear output: ŷ for regression, the logit for
classification). Backpropagation (Rumelhart, Hinton & Williams 1986, "Learning
representations by back-propagating errors", *Nature* 323:533–536; Goodfellow, Bengio &
Courville, *Deep Learning*, 2016, §6.5, Algorithm 6.4):

    δ_L = ∂L/∂out,   δ_ℓ = (W_{ℓ+1} δ_{ℓ+1}) ⊙ act′(z_ℓ),
    ∂L/∂W_ℓ = a_{ℓ−1} δ_ℓᵀ  (the outer product, ``(fan_in, fan_out)``),  ∂L/∂b_ℓ = δ_ℓ.

(With weights stored as ``(fan_out, fan_in)``, as in the book, the first is δ_ℓ a_{ℓ−1}ᵀ.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdstudio.core.losses import Loss, sigmoid
from gdstudio.core.models import MLP, LinearRegression, Model

__all__ = ["NetworkTrace", "forward_backward"]


@dataclass(frozen=True, eq=False)
class NetworkTrace:
    """Forward and backward pass of one data point through a network.

    Lists indexed by layer: entry ℓ − 1 belongs to layer ℓ = 1 … L.

    Attributes:
        layer_sizes: (d, h₁, …, 1), the neurons per layer including the input.
        activation: the hidden activation ("tanh", "relu", "sigmoid"; "identity" for a
            linear or logistic model seen as a one-layer network).
        task: "regression" or "classification".
        x: the input a₀ ``(d,)``; y: the target (a label 0/1 for classification).
        weights: W_ℓ ``(fan_in, fan_out)`` (copies); biases: b_ℓ ``(fan_out,)``.
        z: pre-activations z_ℓ ``(fan_out,)``; a: activations a_ℓ ``(fan_out,)``
            (a_L = z_L, the output).
        output: the network's output (ŷ, or the logit z for classification).
        prediction: ŷ, or σ(z), the probability of class 1.
        loss: the loss of this one point, ℓ(output, y).
        d_output: ∂ℓ/∂output.
        delta: δ_ℓ = ∂ℓ/∂z_ℓ ``(fan_out,)``.
        grad_weights: ∂ℓ/∂W_ℓ ``(fan_in, fan_out)``; grad_biases: ∂ℓ/∂b_ℓ ``(fan_out,)``.
        grad: ∂ℓ/∂θ ``(p,)`` flattened in the model's parameter order.
        backward_order: the layer numbers in the order backpropagation visits them
            (L, L − 1, …, 1).
    """

    layer_sizes: tuple[int, ...]
    activation: str
    task: str
    x: np.ndarray
    y: float
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    z: list[np.ndarray]
    a: list[np.ndarray]
    output: float
    prediction: float
    loss: float
    d_output: float
    delta: list[np.ndarray]
    grad_weights: list[np.ndarray]
    grad_biases: list[np.ndarray]
    grad: np.ndarray
    backward_order: tuple[int, ...]


def _act(name: str, z: np.ndarray) -> np.ndarray:
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    return sigmoid(z)


def _act_prime(name: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """act′(z): 1 − a² (tanh), a(1 − a) (sigmoid), [z > 0] (ReLU, as the models do)."""
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (a > 0.0).astype(float)
    return a * (1.0 - a)


def _as_network(model: Model) -> MLP:
    """The model as an MLP: itself, or a linear/logistic model with intercept as the
    one-layer network d → 1 (same parameters in the same order)."""
    if isinstance(model, MLP):
        return model
    if model.name in ("linear", "logistic") and isinstance(model, LinearRegression) \
            and model.bias:
        return MLP(model.n_features, (), task=model.task)
    raise ValueError(f"a network trace needs an MLP (or a linear/logistic model with "
                     f"intercept), not {model.name!r}")


def forward_backward(model: Model, loss: Loss, theta: np.ndarray, x: np.ndarray,
                     y: float) -> NetworkTrace:
    """Forward pass and backpropagation of one data point ``x`` ``(d,)`` with target ``y``.

    Args:
        model: an :class:`~gdstudio.core.models.MLP` (or a linear / logistic model with
            intercept, drawn as a network with no hidden layer).
        loss: the loss function (its value for this one point is reported).
        theta: the parameters ``(p,)``.
        x: one input ``(d,)`` (standardised if the model was trained on standardised
            features); y: its target.

    Returns:
        :class:`NetworkTrace`; its ``grad`` equals ``model.backward`` for that point.

    Raises:
        ValueError: another kind of model, θ or x of the wrong shape, or a loss whose
            task is not the model's.
    """
    net = _as_network(model)
    theta = np.asarray(theta, dtype=float)
    x = np.asarray(x, dtype=float)
    if theta.shape != (net.n_params,):
        raise ValueError(f"theta must have shape ({net.n_params},), got {theta.shape}")
    if x.shape != (net.n_features,):
        raise ValueError(f"x must have shape ({net.n_features},), got {x.shape}")
    if loss.task != net.task:
        raise ValueError(f"the {loss.title} loss is for {loss.task}, the model does {net.task}")
    layers = net.unpack(theta)
    n_layers = len(layers)
    act = net.activation if n_layers > 1 else "identity"
    weights = [W.copy() for W, _ in layers]
    biases = [b.copy() for _, b in layers]
    zs: list[np.ndarray] = []
    acts: list[np.ndarray] = []
    a = x
    for ell, (W, b) in enumerate(zip(weights, biases), 1):
        z = a @ W + b
        a = z.copy() if ell == n_layers else _act(net.activation, z)
        zs.append(z)
        acts.append(a)
    output = float(acts[-1][0])
    out = np.array([output])
    target = np.array([float(y)])
    value = float(loss.value(out, target))
    d_out = float(loss.gradient(out, target)[0])
    deltas: list[np.ndarray] = [np.zeros(0)] * n_layers
    grad_w: list[np.ndarray] = [np.zeros(0)] * n_layers
    grad_b: list[np.ndarray] = [np.zeros(0)] * n_layers
    delta = np.array([d_out])
    for i in range(n_layers - 1, -1, -1):  # output layer first
        if i < n_layers - 1:
            delta = (weights[i + 1] @ delta) * _act_prime(net.activation, zs[i], acts[i])
        deltas[i] = delta
        a_prev = x if i == 0 else acts[i - 1]
        grad_w[i] = np.outer(a_prev, delta)
        grad_b[i] = delta.copy()
    grad = np.concatenate([part for i in range(n_layers)
                           for part in (grad_w[i].ravel(), grad_b[i])])
    prediction = float(sigmoid(out)[0]) if net.task == "classification" else output
    return NetworkTrace(
        layer_sizes=tuple(net.layer_sizes), activation=act, task=net.task, x=x.copy(),
        y=float(y), weights=weights, biases=biases, z=zs, a=acts, output=output,
        prediction=prediction, loss=value, d_output=d_out, delta=deltas,
        grad_weights=grad_w, grad_biases=grad_b, grad=grad,
        backward_order=tuple(range(n_layers, 0, -1)))
