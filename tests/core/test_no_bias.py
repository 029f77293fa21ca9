"""Models without intercept: ŷ = w·x (bias = false)."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.landscape import loss_curve
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import DataProblem
from gdstudio.core.scenario import Scenario, ScenarioError, prepare
from gdstudio.core.stability import gd_stability_limit
from gdstudio.core.trainer import Stopping, Trainer


def _data(n=40, d=1, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = X @ np.arange(1.0, d + 1) * 1.5 + 0.3 * rng.normal(size=n) + 0.4
    return X, y


def _fd(f, theta, h=1e-6):
    g = np.zeros_like(theta)
    for i in range(len(theta)):
        e = np.zeros_like(theta)
        e[i] = h
        g[i] = (f(theta + e) - f(theta - e)) / (2 * h)
    return g


def test_names_and_description():
    m = make_model("linear", 1, bias=False)
    assert m.param_names == ("w",) and m.n_params == 1
    assert m.describe() == "ŷ = w·x"
    assert make_model("linear", 3, bias=False).param_names == ("w1", "w2", "w3")
    assert make_model("polynomial", 1, degree=2, bias=False).describe() == "ŷ = w1·x + w2·x²"
    assert make_model("logistic", 2, bias=False).param_names == ("w1", "w2")
    assert make_model("linear", 1).param_names == ("w", "b")
    with pytest.raises(ValueError, match="bias"):
        make_model("mlp", 2, bias=False)


@pytest.mark.parametrize("name, d, loss", [("linear", 1, "mse"), ("linear", 3, "huber"),
                                           ("polynomial", 1, "mae"), ("logistic", 2, "logloss")])
def test_gradient_matches_finite_differences(name, d, loss):
    X, y = _data(d=d)
    if name == "logistic":
        y = (y > y.mean()).astype(float)
    model = make_model(name, d, degree=3, bias=False)
    prob = DataProblem(model, get_loss(loss), X, y)
    theta = np.random.default_rng(1).normal(size=model.n_params)
    _, grad = prob.loss_and_grad(theta)
    np.testing.assert_allclose(grad, _fd(prob.loss, theta), rtol=1e-6, atol=1e-8)
    out = model.forward(theta, X)[0]
    np.testing.assert_allclose(model.forward_many(np.stack([theta, theta]), X)[1], out)


def test_least_squares_newton_and_stability():
    X, y = _data()
    prob = DataProblem(make_model("linear", 1, bias=False), get_loss("mse"), X, y)
    x = X[:, 0]
    w_star = (x @ y) / (x @ x)
    np.testing.assert_allclose(prob.least_squares_theta(), [w_star], rtol=1e-12)
    H = prob.hessian(np.zeros(1))
    np.testing.assert_allclose(H, [[2 * (x @ x) / len(x)]], rtol=1e-12)
    assert gd_stability_limit(prob, np.zeros(1)) == pytest.approx(len(x) / (x @ x), rel=1e-12)
    t = Trainer(prob, make_optimizer("newton"), 1.0, stopping=Stopping(max_steps=1))
    t.run_to_stop()
    assert t.theta[0] == pytest.approx(w_star, rel=1e-12)
    xs, L = loss_curve(prob, (w_star - 1, w_star + 1), 201)
    assert xs[np.argmin(L)] == pytest.approx(w_star, abs=0.01)


def test_scenario_bias_key():
    sc = Scenario.from_toml('[problem]\ndataset = "linear"\nmodel = "linear"\nbias = false\n')
    assert sc.bias is False
    assert sc.to_dict()["problem"]["bias"] is False
    assert "bias" not in Scenario(kind="data", dataset="linear").to_dict()["problem"]
    assert Scenario.from_toml(sc.to_toml()) == sc
    setup = prepare(sc)
    assert setup.problem.param_names == ("w",)
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml('[problem]\ndataset = "circles"\nmodel = "mlp"\nbias = false\n')
    assert err.value.key == "problem.bias"
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml('[problem]\ndataset = "linear"\nbias = "no"\n')
    assert err.value.key == "problem.bias"


def test_original_units_without_bias():
    sc = Scenario(kind="data", dataset="linear", bias=False, standardize=True)
    setup = prepare(sc)
    theta = np.array([2.0])
    units = setup.original_units(theta)
    assert units is not None and set(units) == {"w", "b"}
    X = setup.problem.X
    raw = setup.train.X
    np.testing.assert_allclose(units["w"] * raw[:, 0] + units["b"], X[:, 0] * 2.0, rtol=1e-10)
