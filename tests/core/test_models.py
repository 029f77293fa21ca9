"""Tests for gdstudio.core.models: backpropagation vs finite differences, names, init."""

from __future__ import annotations

import numpy as np
import pytest

import gdstudio.core.models as models_module
from gdstudio.core.losses import get_loss, sigmoid
from gdstudio.core.models import (
    ACTIVATION_NAMES,
    MLP,
    MODEL_NAMES,
    LinearRegression,
    LogisticRegression,
    Model,
    PolynomialRegression,
    make_model,
)


def model_factories() -> dict[str, Model]:
    """One instance of every model shape worth testing, keyed by a test id."""
    out: dict[str, Model] = {
        "linear-1": LinearRegression(1),
        "linear-3": LinearRegression(3),
        "polynomial-1": PolynomialRegression(1),
        "polynomial-4": PolynomialRegression(4),
        "logistic-1": LogisticRegression(1),
        "logistic-2": LogisticRegression(2),
        "mlp-nohidden-cls": MLP(2, (), "tanh", "classification"),
    }
    for act in ACTIVATION_NAMES:
        out[f"mlp-2-5-4-1-{act}-cls"] = MLP(2, (5, 4), act, "classification")
        out[f"mlp-1-6-1-{act}-reg"] = MLP(1, (6,), act, "regression")
        out[f"mlp-3-4-3-2-1-{act}-reg"] = MLP(3, (4, 3, 2), act, "regression")
    return out


MODELS = model_factories()
REGRESSION_LOSSES = ("mse", "mae", "huber")
CLASSIFICATION_LOSSES = ("logloss", "hinge")


def combos() -> list[tuple[str, str]]:
    result = []
    for key, model in MODELS.items():
        if model.task == "classification":
            losses = CLASSIFICATION_LOSSES
        elif isinstance(model, MLP):
            losses = ("mse", "huber")
        else:
            losses = REGRESSION_LOSSES
        result += [(key, loss) for loss in losses]
    return result


def make_data(model: Model, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.5, 1.5, (n, model.n_features))
    if model.task == "classification":
        y = (X.sum(axis=1) + 0.5 * np.sin(3 * X[:, 0]) > 0).astype(float)
    else:
        y = np.cos(2 * X[:, 0]) + 0.3 * X.sum(axis=1) + 0.1 * rng.normal(size=n)
    return X, y


def random_theta(model: Model, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return model.init_params(rng) + 0.5 * rng.normal(size=model.n_params)


def kink_distance(loss_name: str, out: np.ndarray, y: np.ndarray) -> np.ndarray:
    if loss_name == "mae":
        return np.abs(out - y)
    if loss_name == "huber":
        return np.abs(np.abs(out - y) - 1.0)
    if loss_name == "hinge":
        return np.abs(1.0 - (2.0 * y - 1.0) * out)
    return np.full(out.shape, np.inf)


def total_loss(model, loss, theta, X, y) -> float:
    return loss.value(model.forward(theta, X)[0], y)


def rel_err(a, b) -> float:
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-300))


# --------------------------------------------------------------------------- backpropagation


@pytest.mark.parametrize(("model_key", "loss_name"), combos())
def test_backprop_matches_central_differences(model_key, loss_name):
    model = MODELS[model_key]
    loss = get_loss(loss_name)
    for seed in range(3):
        X, y = make_data(model, 40, seed)
        theta = random_theta(model, seed + 100)
        # keep only samples well away from the loss's kinks (mae, huber, hinge)
        keep = kink_distance(loss_name, model.forward(theta, X)[0], y) > 1e-2
        X, y = X[keep], y[keep]
        out, cache = model.forward(theta, X)
        grad = model.backward(theta, cache, loss.gradient(out, y))
        assert grad.shape == (model.n_params,) and grad.dtype == np.float64

        fd = np.empty(model.n_params)
        for i in range(model.n_params):
            h = 1e-6 * max(1.0, abs(theta[i]))
            up, down = theta.copy(), theta.copy()
            up[i] += h
            down[i] -= h
            f_up = total_loss(model, loss, up, X, y)
            f_down = total_loss(model, loss, down, X, y)
            fd[i] = (f_up - f_down) / (up[i] - down[i])
        assert rel_err(grad, fd) <= 1e-6, (model_key, loss_name, seed)


def test_backward_and_forward_leave_their_inputs_alone():
    model = MODELS["mlp-2-5-4-1-relu-cls"]
    X, y = make_data(model, 20, 0)
    theta = random_theta(model, 1)
    X0, theta0 = X.copy(), theta.copy()
    out, cache = model.forward(theta, X)
    model.backward(theta, cache, get_loss("logloss").gradient(out, y))
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(theta, theta0)


def test_linear_regression_gradient_descent_reaches_least_squares():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 0.7 + 0.1 * rng.normal(size=50)
    model, loss = make_model("linear", 3), get_loss("mse")
    theta = model.init_params(rng)
    for _ in range(2000):
        out, cache = model.forward(theta, X)
        theta -= 0.1 * model.backward(theta, cache, loss.gradient(out, y))
    A = np.column_stack([X, np.ones(50)])
    expected = np.linalg.lstsq(A, y, rcond=None)[0]
    np.testing.assert_allclose(theta, expected, rtol=1e-8, atol=1e-10)


def test_polynomial_features_are_powers_of_x():
    model = PolynomialRegression(3)
    X = np.array([[-2.0], [0.5], [3.0]])
    theta = np.array([1.0, -2.0, 0.5, 4.0])  # w1, w2, w3, b
    x = X[:, 0]
    expected = 1.0 * x - 2.0 * x**2 + 0.5 * x**3 + 4.0
    np.testing.assert_allclose(model.forward(theta, X)[0], expected, rtol=1e-15)


def test_mlp_forward_matches_a_direct_computation():
    model = MLP(2, (3,), "tanh", "classification")
    theta = random_theta(model, 4)
    (W1, b1), (W2, b2) = model.unpack(theta)
    X = np.array([[0.1, -0.2], [1.0, 2.0]])
    expected = np.tanh(X @ W1 + b1) @ W2[:, 0] + b2[0]
    np.testing.assert_allclose(model.forward(theta, X)[0], expected, rtol=1e-14)


# --------------------------------------------------------------------------- forward_many


@pytest.mark.parametrize("model_key", list(MODELS))
def test_forward_many_equals_row_wise_forward(model_key):
    model = MODELS[model_key]
    X, _ = make_data(model, 17, 5)
    thetas = np.stack([random_theta(model, s) for s in range(6)])
    many = model.forward_many(thetas, X)
    assert many.shape == (6, 17)
    for r in range(6):
        np.testing.assert_allclose(many[r], model.forward(thetas[r], X)[0], rtol=1e-12, atol=1e-13)


def test_mlp_forward_many_in_chunks(monkeypatch):
    monkeypatch.setattr(models_module, "_MANY_CHUNK_FLOATS", 100)  # forces chunks of R
    model = MLP(2, (5, 4), "relu", "regression")
    X, _ = make_data(model, 10, 6)
    thetas = np.stack([random_theta(model, s) for s in range(7)])
    many = model.forward_many(thetas, X)
    for r in range(7):
        np.testing.assert_allclose(many[r], model.forward(thetas[r], X)[0], rtol=1e-12, atol=1e-13)


# --------------------------------------------------------------------------- names and shapes


def test_parameter_names():
    assert LinearRegression(1).param_names == ("w", "b")
    assert LogisticRegression(1).param_names == ("w", "b")
    assert LinearRegression(3).param_names == ("w1", "w2", "w3", "b")
    assert LogisticRegression(2).param_names == ("w1", "w2", "b")
    assert PolynomialRegression(1).param_names == ("w", "b")
    assert PolynomialRegression(3).param_names == ("w1", "w2", "w3", "b")
    for model in MODELS.values():
        assert model.n_params == len(model.param_names) == len(set(model.param_names))


def test_mlp_parameter_names_and_layout():
    model = MLP(2, (16, 16))
    assert model.layer_sizes == (2, 16, 16, 1)
    assert model.n_params == (2 * 16 + 16) + (16 * 16 + 16) + (16 + 1) == 337
    names = model.param_names
    assert names[:3] == ("W1[0,0]", "W1[0,1]", "W1[0,2]")
    assert names[16] == "W1[1,0]"
    assert names[32:34] == ("b1[0]", "b1[1]")
    assert names[48] == "W2[0,0]"
    assert names[-2:] == ("W3[15,0]", "b3[0]")
    # unpack returns views into θ laid out exactly as the names say
    theta = np.arange(model.n_params, dtype=float)
    layers = model.unpack(theta)
    assert [(W.shape, b.shape) for W, b in layers] == [
        ((2, 16), (16,)),
        ((16, 16), (16,)),
        ((16, 1), (1,)),
    ]
    for ell, (W, b) in enumerate(layers, 1):
        assert np.shares_memory(W, theta) and np.shares_memory(b, theta)
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                assert W[i, j] == names.index(f"W{ell}[{i},{j}]")
        for j in range(b.shape[0]):
            assert b[j] == names.index(f"b{ell}[{j}]")


def test_forward_rejects_wrong_shapes():
    model = LinearRegression(2)
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        model.forward(np.zeros(3), np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"theta must have shape \(3,\)"):
        model.forward(np.zeros(4), np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"thetas must have shape \(R, 3\)"):
        model.forward_many(np.zeros(3), np.zeros((5, 2)))
    mlp = MLP(2, (4,))
    with pytest.raises(ValueError, match="X must have shape"):
        mlp.forward(np.zeros(mlp.n_params), np.zeros(5))


def test_predict():
    X = np.array([[0.0, 1.0], [2.0, -1.0], [-3.0, 0.5]])
    logistic = LogisticRegression(2)
    theta = np.array([1.0, -2.0, 0.5])
    z = X @ theta[:2] + theta[2]
    np.testing.assert_allclose(logistic.predict(theta, X), sigmoid(z), rtol=1e-15)
    linear = LinearRegression(2)
    np.testing.assert_array_equal(linear.predict(theta, X), z)
    mlp = MLP(2, (4,), task="classification")
    p = mlp.predict(random_theta(mlp, 0), X)
    assert p.shape == (3,) and np.all((p > 0) & (p < 1))


def test_describe():
    assert LinearRegression(1).describe() == "ŷ = w·x + b"
    assert LinearRegression(2).describe() == "ŷ = w1·x1 + w2·x2 + b"
    assert LogisticRegression(1).describe() == "p = σ(w·x + b)"
    assert PolynomialRegression(2).describe() == "ŷ = w1·x + w2·x² + b"
    assert MLP(2, (16, 16)).describe() == "logit z = MLP 2 → 16 → 16 → 1 (tanh), p = σ(z)"
    assert MLP(1, (8,), "relu", "regression").describe() == "ŷ = MLP 1 → 8 → 1 (relu)"


# --------------------------------------------------------------------------- initialisation


def test_linear_models_start_at_zero():
    rng = np.random.default_rng(0)
    for model in (LinearRegression(3), PolynomialRegression(2), LogisticRegression(1)):
        theta = model.init_params(rng)
        np.testing.assert_array_equal(theta, np.zeros(model.n_params))
        assert theta.dtype == np.float64


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_mlp_init_is_reproducible_from_the_seed(activation):
    model = MLP(2, (16, 16), activation)
    a = model.init_params(np.random.default_rng(42))
    b = model.init_params(np.random.default_rng(42))
    c = model.init_params(np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.shape == (model.n_params,) and a.dtype == np.float64


@pytest.mark.parametrize(
    ("activation", "rule"),
    [
        ("tanh", lambda fi, fo: np.sqrt(2.0 / (fi + fo))),  # Glorot & Bengio 2010
        ("sigmoid", lambda fi, fo: np.sqrt(2.0 / (fi + fo))),
        ("relu", lambda fi, fo: np.sqrt(2.0 / fi)),  # He et al. 2015
    ],
)
def test_mlp_init_variance_scale(activation, rule):
    model = MLP(300, (200, 100), activation)
    layers = model.unpack(model.init_params(np.random.default_rng(7)))
    for W, b in layers:
        np.testing.assert_array_equal(b, 0.0)
        fan_in, fan_out = W.shape
        expected = rule(fan_in, fan_out)
        # sample std of ≥ 100 normal draws is within ~±15% (≈ 2 σ) of the truth
        assert W.std() == pytest.approx(expected, rel=0.15 if W.size < 1000 else 0.03)
        assert abs(W.mean()) < 4 * expected / np.sqrt(W.size)


# --------------------------------------------------------------------------- make_model


def test_make_model_builds_each_model():
    assert MODEL_NAMES == ("linear", "polynomial", "logistic", "mlp")
    assert isinstance(make_model("linear", 2), LinearRegression)
    poly = make_model("polynomial", 1, degree=3)
    assert isinstance(poly, PolynomialRegression) and poly.degree == 3
    assert poly.task == "regression"
    logistic = make_model("logistic", 2)
    assert isinstance(logistic, LogisticRegression) and logistic.task == "classification"
    mlp = make_model("mlp", 3, hidden=(8,), activation="relu")
    assert isinstance(mlp, MLP) and mlp.task == "classification"
    assert mlp.layer_sizes == (3, 8, 1) and mlp.activation == "relu"
    assert make_model("mlp", 1, task="regression").task == "regression"
    assert make_model("linear", 1, task="regression").task == "regression"


def test_make_model_errors():
    with pytest.raises(ValueError, match="unknown model 'svm'") as info:
        make_model("svm", 2)
    for name in MODEL_NAMES:
        assert name in str(info.value)
    with pytest.raises(ValueError, match="one feature"):
        make_model("polynomial", 2)
    with pytest.raises(ValueError, match="regression only"):
        make_model("linear", 2, task="classification")
    with pytest.raises(ValueError, match="classification only"):
        make_model("logistic", 2, task="regression")
    with pytest.raises(ValueError, match="unknown task"):
        make_model("mlp", 2, task="ranking")
    with pytest.raises(ValueError, match="unknown activation 'gelu'.*tanh, relu, sigmoid"):
        make_model("mlp", 2, activation="gelu")
    with pytest.raises(ValueError, match="hidden layer width"):
        make_model("mlp", 2, hidden=(16, 0))
    with pytest.raises(ValueError, match="degree"):
        make_model("polynomial", 1, degree=0)
    with pytest.raises(ValueError, match="n_features"):
        make_model("linear", 0)
    with pytest.raises(ValueError, match="n_features"):
        make_model("linear", 2.5)


# --------------------------------------------------------------------------- learning


def test_gradient_descent_on_an_mlp_learns_xor():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1.0, 1.0, (200, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)  # XOR of the signs: not linearly separable
    model = make_model("mlp", 2, hidden=(16, 16), activation="tanh")
    loss = get_loss("logloss")
    theta = model.init_params(np.random.default_rng(1))
    first = None
    for _ in range(2000):
        out, cache = model.forward(theta, X)
        value, d_out = loss.value_and_gradient(out, y)
        first = value if first is None else first
        theta -= 0.3 * model.backward(theta, cache, d_out)
    accuracy = np.mean((model.predict(theta, X) > 0.5) == (y == 1.0))
    assert accuracy >= 0.98
    assert loss.value(model.forward(theta, X)[0], y) < 0.1 < first
    # a linear classifier cannot do this: logistic regression stays near chance
    logistic = make_model("logistic", 2)
    w = logistic.init_params(rng)
    for _ in range(2000):
        out, cache = logistic.forward(w, X)
        w -= 0.3 * logistic.backward(w, cache, loss.gradient(out, y))
    assert np.mean((logistic.predict(w, X) > 0.5) == (y == 1.0)) < 0.75
