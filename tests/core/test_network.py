"""forward_backward: one data point through a network, forward then backward."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.network import forward_backward

CASES = [
    ("mlp", (4, 3), "tanh", "classification", "logloss"),
    ("mlp", (5,), "relu", "regression", "mse"),
    ("mlp", (3, 2), "sigmoid", "regression", "huber"),
    ("mlp", (2,), "tanh", "classification", "hinge"),
    ("linear", (), "tanh", "regression", "mse"),
    ("logistic", (), "tanh", "classification", "logloss"),
]


def _setup(name, hidden, activation, task, seed=0):
    rng = np.random.default_rng(seed)
    kwargs = {"hidden": hidden, "activation": activation, "task": task} if name == "mlp" else {}
    model = make_model(name, 3, **kwargs)
    theta = rng.normal(size=model.n_params) * 0.8
    x = rng.normal(size=3)
    y = 1.0 if task == "classification" else 0.7
    return model, theta, x, y


@pytest.mark.parametrize("name, hidden, activation, task, loss", CASES)
def test_gradient_is_backward_and_finite_differences(name, hidden, activation, task, loss):
    model, theta, x, y = _setup(name, hidden, activation, task)
    loss_fn = get_loss(loss)
    trace = forward_backward(model, loss_fn, theta, x, y)
    out, cache = model.forward(theta, x[None, :])
    assert trace.output == pytest.approx(out[0], rel=1e-14, abs=1e-15)
    expected = model.backward(theta, cache, loss_fn.gradient(out, np.array([y])))
    np.testing.assert_allclose(trace.grad, expected, rtol=1e-12, atol=1e-15)
    assert trace.loss == pytest.approx(loss_fn.value(out, np.array([y])))

    def point_loss(t):
        return loss_fn.value(model.forward(t, x[None, :])[0], np.array([y]))

    h = 1e-6
    fd = np.array([(point_loss(theta + h * d) - point_loss(theta - h * d)) / (2 * h)
                   for d in np.eye(len(theta))])
    np.testing.assert_allclose(trace.grad, fd, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name, hidden, activation, task, loss", CASES)
def test_deltas_and_weight_gradients_agree(name, hidden, activation, task, loss):
    model, theta, x, y = _setup(name, hidden, activation, task, seed=1)
    trace = forward_backward(model, get_loss(loss), theta, x, y)
    L = len(trace.layer_sizes) - 1
    assert trace.backward_order == tuple(range(L, 0, -1))
    assert len(trace.z) == len(trace.a) == len(trace.delta) == L
    for ell in range(L):
        fan_in, fan_out = trace.layer_sizes[ell], trace.layer_sizes[ell + 1]
        assert trace.weights[ell].shape == (fan_in, fan_out)
        a_prev = trace.x if ell == 0 else trace.a[ell - 1]
        np.testing.assert_array_equal(trace.grad_weights[ell], np.outer(a_prev, trace.delta[ell]))
        np.testing.assert_array_equal(trace.grad_biases[ell], trace.delta[ell])
        np.testing.assert_allclose(trace.z[ell], a_prev @ trace.weights[ell] + trace.biases[ell])
    assert trace.delta[-1][0] == trace.d_output
    assert trace.a[-1][0] == trace.output
    if task == "classification":
        assert trace.prediction == pytest.approx(1 / (1 + np.exp(-trace.output)))
    else:
        assert trace.prediction == trace.output


def test_refusals():
    model, theta, x, y = _setup("mlp", (2,), "tanh", "classification")
    with pytest.raises(ValueError):
        forward_backward(model, get_loss("mse"), theta, x, y)
    with pytest.raises(ValueError):
        forward_backward(model, get_loss("logloss"), theta[:-1], x, y)
    with pytest.raises(ValueError):
        forward_backward(model, get_loss("logloss"), theta, x[:2], y)
    poly = make_model("polynomial", 1, degree=2)
    with pytest.raises(ValueError, match="MLP"):
        forward_backward(poly, get_loss("mse"), np.zeros(3), np.zeros(1), 0.0)
