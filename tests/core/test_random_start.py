"""Seeded random starts θ₀: repeatable, inside the bounds, and able to change the outcome."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem, random_theta0
from gdstudio.core.scenario import Scenario
from gdstudio.core.session import Session
from gdstudio.core.surfaces import ALL_SURFACE_NAMES, get_surface
from gdstudio.core.trainer import Stopping, Trainer


@pytest.mark.parametrize("name", ALL_SURFACE_NAMES)
def test_repeatable_and_inside_bounds(name):
    problem = SurfaceProblem(get_surface(name))
    lo, hi = np.array(problem.surface.bounds).T
    for seed in range(20):
        theta = random_theta0(problem, seed)
        assert theta.shape == (problem.n_params,)
        assert np.all(theta >= lo) and np.all(theta <= hi)
        np.testing.assert_array_equal(theta, random_theta0(problem, seed))
    assert not np.array_equal(random_theta0(problem, 1), random_theta0(problem, 2))


def test_models_use_their_initialiser_with_the_seed():
    X = np.random.default_rng(0).normal(size=(10, 2))
    y = (X[:, 0] > 0).astype(float)
    mlp = make_model("mlp", 2, hidden=(3,))
    problem = DataProblem(mlp, get_loss("logloss"), X, y)
    np.testing.assert_array_equal(random_theta0(problem, 5),
                                  mlp.init_params(np.random.default_rng(5)))
    lin = DataProblem(make_model("logistic", 2), get_loss("logloss"), X, y)
    a, b = random_theta0(lin, 5), random_theta0(lin, 6)
    assert a.shape == (3,) and np.any(a != 0) and not np.array_equal(a, b)
    np.testing.assert_array_equal(a, random_theta0(lin, 5))
    with pytest.raises(ValueError):
        random_theta0(lin, -1)


def _end(name, theta0, lr=0.01, steps=5000):
    t = Trainer(SurfaceProblem(get_surface(name)), make_optimizer("gd"), lr, theta0=theta0,
                stopping=Stopping(max_steps=steps))
    t.run_to_stop()
    return t.theta


def _nearest(point, minima):
    return int(np.argmin([np.linalg.norm(np.subtract(point, m)) for m in minima]))


def test_two_seeds_end_in_two_minima_of_the_double_well():
    s = get_surface("double_well")
    minima = s.minima + s.local_minima
    problem = SurfaceProblem(s)
    # seed 0 and seed 3 start on opposite sides of the hump at x ≈ 0.17
    ends = {seed: _end("double_well", random_theta0(problem, seed)) for seed in (0, 3)}
    found = {_nearest(e, minima) for e in ends.values()}
    assert found == {0, 1}
    for e in ends.values():
        assert min(abs(e[0] - m[0]) for m in minima) < 1e-6


def test_two_seeds_end_in_two_minima_of_himmelblau():
    s = get_surface("himmelblau")
    problem = SurfaceProblem(s)
    ends = [_end("himmelblau", random_theta0(problem, seed), lr=0.005) for seed in (0, 1)]
    idx = [_nearest(e, s.minima) for e in ends]
    assert idx[0] != idx[1]
    for e, i in zip(ends, idx):
        np.testing.assert_allclose(e, s.minima[i], atol=1e-6)


def test_session_randomize_start():
    session = Session(Scenario(surface="double_well"))
    session.add_run()
    seen = []
    session.run_changed.connect(lambda k, start: seen.append(k))
    theta = session.randomize_start(1, 7)
    assert seen == [1]
    assert session.run(1).init == theta.tolist()
    assert session.run(0).init is None
    np.testing.assert_array_equal(session.make_trainer(1).theta0, theta)
    np.testing.assert_array_equal(session.randomize_start(0, 7), theta)
    with pytest.raises(IndexError):
        session.randomize_start(5, 0)


def test_switching_to_a_network_restores_biases():
    session = Session(Scenario(kind="data", dataset="linear", bias=False))
    assert session.setup.problem.param_names == ("w",)
    session.edit_problem(model="mlp")
    assert session.run(0).bias is True
