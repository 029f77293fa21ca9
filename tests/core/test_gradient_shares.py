"""Residuals and each training point's share of the gradient."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.explain import gradient_shares, residuals
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.surfaces import get_surface


def _problem(model, loss, d=1, n=25, seed=0, **kw):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = X.sum(axis=1) * 2.0 + 0.5 + rng.normal(size=n)
    m = make_model(model, d, **kw)
    if m.task == "classification":
        y = (y > np.median(y)).astype(float)
    return DataProblem(m, get_loss(loss), X, y)


@pytest.mark.parametrize("model, loss, d, kw", [
    ("linear", "mse", 1, {}), ("linear", "mae", 2, {}), ("linear", "huber", 1, {}),
    ("linear", "mse", 1, {"bias": False}), ("polynomial", "mse", 1, {"degree": 3}),
    ("logistic", "logloss", 2, {}), ("mlp", "mse", 2, {"hidden": (4,), "task": "regression"}),
    ("mlp", "hinge", 2, {"hidden": (3,)}),
])
def test_rows_average_to_the_gradient(model, loss, d, kw):
    problem = _problem(model, loss, d, **kw)
    theta = np.random.default_rng(2).normal(size=problem.n_params)
    shares = gradient_shares(problem, theta)
    assert shares.shape == (problem.n_train, problem.n_params)
    np.testing.assert_allclose(shares.mean(axis=0), problem.loss_and_grad(theta)[1],
                               rtol=1e-10, atol=1e-12)


def test_mse_share_is_twice_the_residual_times_the_features():
    problem = _problem("linear", "mse")
    theta = np.array([1.3, -0.4])
    r = residuals(problem, theta)
    np.testing.assert_allclose(r, theta[0] * problem.X[:, 0] + theta[1] - problem.y)
    shares = gradient_shares(problem, theta)
    np.testing.assert_allclose(shares[:, 0], 2 * r * problem.X[:, 0], rtol=1e-12)
    np.testing.assert_allclose(shares[:, 1], 2 * r, rtol=1e-12)


def test_refusals():
    with pytest.raises(ValueError):
        residuals(SurfaceProblem(get_surface("parabola")), np.array([1.0]))
    with pytest.raises(ValueError):
        gradient_shares(SurfaceProblem(get_surface("parabola")), np.array([1.0]))
    with pytest.raises(ValueError, match="regression"):
        residuals(_problem("logistic", "logloss"), np.zeros(2))
