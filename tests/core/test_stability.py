"""The GD stability limit 2/λ_max against the exact Hessian, and what it predicts."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import SurfaceProblem
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.stability import gd_stability_limit, largest_curvature, suggest_learning_rate
from gdstudio.core.surfaces import get_surface
from gdstudio.core.trainer import Stopping, Trainer


def test_quadratic_limit_is_two_over_the_largest_eigenvalue():
    problem = SurfaceProblem(get_surface("quadratic", condition=10.0))
    hessian = problem.hessian(np.zeros(2))
    lam = np.linalg.eigvalsh(hessian)[-1]
    assert largest_curvature(problem, np.zeros(2)) == pytest.approx(lam)
    assert gd_stability_limit(problem, np.zeros(2)) == pytest.approx(2 / lam)


@pytest.mark.parametrize("factor, diverges", [(0.9, False), (1.1, True)])
def test_the_limit_separates_convergence_from_divergence(factor, diverges):
    problem = SurfaceProblem(get_surface("quadratic", condition=10.0))
    limit = gd_stability_limit(problem, np.zeros(2))
    trainer = Trainer(problem, make_optimizer("gd"), factor * limit, theta0=[1.0, 1.0],
                      stopping=Stopping(max_steps=2000))
    trainer.run_to_stop()
    assert (trainer.status == "diverged") == diverges


def test_linear_regression_limit_uses_the_constant_hessian():
    setup = prepare(Scenario(kind="data", dataset="penguins", standardize=True))
    X = np.column_stack((setup.problem.X, np.ones(len(setup.problem.X))))
    lam = np.linalg.eigvalsh(2 * X.T @ X / len(X))[-1]
    assert gd_stability_limit(setup.problem, np.zeros(2)) == pytest.approx(2 / lam)


def test_no_limit_without_a_hessian():
    setup = prepare(Scenario(kind="data", dataset="moons", model="logistic", loss="logloss"))
    assert gd_stability_limit(setup.problem, np.zeros(3)) is None
    assert suggest_learning_rate(setup.problem, np.zeros(3), 0.5) == pytest.approx(0.05)


def test_suggestion_is_below_the_limit_and_typeable():
    problem = SurfaceProblem(get_surface("rosenbrock"))
    theta = np.array([-1.5, 2.0])
    eta = suggest_learning_rate(problem, theta, 0.1)
    assert eta <= gd_stability_limit(problem, theta) / 2
    assert float(f"{eta:.1g}") == pytest.approx(eta)
