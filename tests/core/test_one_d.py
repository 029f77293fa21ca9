"""One-parameter problems: the parabola x² and the double well x⁴ − 3x² + x, end to end."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from gdstudio.core.landscape import choose_plane, default_plane, frame_1d, loss_curve
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.problems import SurfaceProblem, SurfaceProblem1D
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.stability import gd_stability_limit
from gdstudio.core.status import Status
from gdstudio.core.surfaces import (
    ALL_SURFACE_NAMES,
    SURFACE_NAMES,
    SURFACE_NAMES_1D,
    Surface1D,
    get_surface,
)
from gdstudio.core.trainer import Stopping, SweepTrainer, Trainer

ONE_D = ("parabola", "double_well")


def test_registry_keeps_2d_menu_apart():
    assert set(SURFACE_NAMES_1D) == set(ONE_D)
    assert not set(SURFACE_NAMES) & set(ONE_D)
    assert ALL_SURFACE_NAMES == SURFACE_NAMES + SURFACE_NAMES_1D
    for name in ONE_D:
        s = get_surface(name)
        assert isinstance(s, Surface1D)
        assert s.variables == ("x",) and s.n_vars == 1
        assert len(s.bounds) == 1 and len(s.start) == 1
        assert s.title and s.formula
    assert get_surface("parabola").formula == "x²"
    assert get_surface("double_well").formula == "x⁴ − 3x² + x"
    assert get_surface("rosenbrock").n_vars == 2


@pytest.mark.parametrize("name", ONE_D)
def test_derivatives_match_central_differences(name):
    s = get_surface(name)
    (lo, hi), = s.bounds
    h = 1e-5
    for x in np.linspace(lo, hi, 37):
        x = float(x)
        fd1 = (s.value(x + h) - s.value(x - h)) / (2 * h)
        fd2 = (s.derivative(x + h) - s.derivative(x - h)) / (2 * h)
        assert s.gradient(x) == (s.derivative(x),)
        assert s.hessian(x) == (s.second_derivative(x),)
        assert s.derivative(x) == pytest.approx(fd1, rel=1e-7, abs=1e-7)
        assert s.second_derivative(x) == pytest.approx(fd2, rel=1e-7, abs=1e-7)


@pytest.mark.parametrize("name", ONE_D)
def test_arrays_broadcast(name):
    s = get_surface(name)
    x = np.linspace(-2, 2, 5)
    assert s.value(x).shape == (5,)
    assert s.derivative(x).shape == (5,)
    assert np.shape(s.second_derivative(x)) == (5,)
    np.testing.assert_array_equal(s.value(x), [s.value(float(v)) for v in x])


@pytest.mark.parametrize("name", ONE_D)
def test_minima_are_minima(name):
    s = get_surface(name)
    for (x,) in s.minima + s.local_minima:
        assert abs(s.derivative(x)) < 1e-12
        assert s.second_derivative(x) > 0
    (xg,) = s.minima[0]
    assert s.value(xg) == pytest.approx(s.min_value, abs=1e-15)
    grid = np.linspace(-5, 5, 100001)
    assert s.value(grid).min() >= s.min_value - 1e-12


def test_double_well_local_and_global():
    s = get_surface("double_well")
    assert s.minima[0][0] == pytest.approx(-1.301, abs=1e-3)
    assert s.local_minima[0][0] == pytest.approx(1.131, abs=1e-3)
    assert s.value(s.local_minima[0][0]) > s.min_value
    assert abs(s.derivative(s.maximum)) < 1e-12 and s.second_derivative(s.maximum) < 0


def test_problem_is_one_parameter():
    p = SurfaceProblem(get_surface("parabola"))
    assert isinstance(p, SurfaceProblem1D) and isinstance(p, SurfaceProblem)
    assert p.param_names == ("x",) and p.n_params == 1
    loss, grad = p.loss_and_grad(np.array([3.0]))
    assert loss == 9.0 and grad.shape == (1,) and grad[0] == 6.0
    assert p.loss(np.array([3.0])) == 9.0
    many, g = p.loss_and_grad(np.array([[1.0], [2.0]]))
    np.testing.assert_array_equal(many, [1.0, 4.0])
    np.testing.assert_array_equal(g, [[2.0], [4.0]])
    np.testing.assert_array_equal(p.loss_many(np.array([[1.0], [-2.0]])), [1.0, 4.0])
    assert p.hessian(np.array([1.0])).shape == (1, 1)
    assert p.hessian(np.array([[1.0], [2.0]])).shape == (2, 1, 1)
    np.testing.assert_array_equal(p.default_theta(np.random.default_rng(0)), [2.0])
    assert gd_stability_limit(p, np.array([2.0])) == 1.0
    for problem in (p, SurfaceProblem(get_surface("himmelblau"))):
        twin = pickle.loads(pickle.dumps(problem))
        assert type(twin) is type(problem) and twin.param_names == problem.param_names
        assert copy.deepcopy(problem).loss(np.ones(problem.n_params)) == \
            problem.loss(np.ones(problem.n_params))


def _gd(name, lr, x0=None, steps=50):
    p = SurfaceProblem(get_surface(name))
    t = Trainer(p, make_optimizer("gd"), lr, theta0=x0, stopping=Stopping(max_steps=steps))
    t.run_to_stop()
    return t


def test_parabola_quarter_halves_x_exactly():
    t = _gd("parabola", 0.25, steps=20)
    np.testing.assert_array_equal(t.history.theta[:, 0], 2.0 * 0.5 ** np.arange(21))
    assert t.status is Status.FINISHED


def test_parabola_one_bounces_forever():
    t = _gd("parabola", 1.0, steps=1000)
    xs = t.history.theta[:, 0]
    np.testing.assert_array_equal(xs, 2.0 * (-1.0) ** np.arange(1001))
    assert t.status is Status.FINISHED and t.diverged_at is None


def test_parabola_above_one_diverges():
    t = _gd("parabola", 1.1, steps=100_000)
    assert t.status is Status.DIVERGED and t.diverged_at is not None


@pytest.mark.parametrize("x0, expected", [(2.0, 1.1309011226299859),
                                          (-2.0, -1.3008395659415772)])
def test_double_well_start_decides(x0, expected):
    t = _gd("double_well", 0.01, x0=[x0], steps=3000)
    assert t.theta[0] == pytest.approx(expected, abs=1e-9)


def test_default_start_lands_in_local_minimum():
    t = _gd("double_well", 0.01, steps=3000)
    assert t.theta[0] == pytest.approx(get_surface("double_well").local_minima[0][0], abs=1e-9)


@pytest.mark.parametrize("opt", OPTIMIZER_NAMES)
def test_every_optimizer_and_rewind(opt):
    p = SurfaceProblem(get_surface("double_well"))
    t = Trainer(p, make_optimizer(opt), 0.01, checkpoint_interval=8)
    t.run(40)
    theta = t.history.theta.copy()
    t.rewind(13)
    np.testing.assert_array_equal(t.theta, theta[13])
    t.run(27)
    np.testing.assert_array_equal(t.history.theta, theta)


def test_stopping_on_one_parameter():
    p = SurfaceProblem(get_surface("parabola"))
    t = Trainer(p, make_optimizer("gd"), 0.1, stopping=Stopping(grad_tol=1e-6, max_steps=10**5))
    t.run_to_stop()
    assert t.status is Status.CONVERGED and abs(t.grad[0]) < 1e-6


@pytest.mark.parametrize("opt", ["gd", "adam", "newton"])
def test_sweep_vectorises_one_parameter(opt):
    p = SurfaceProblem(get_surface("double_well"))
    lrs = [0.001, 0.01, 0.05]
    sweep = SweepTrainer(p, make_optimizer(opt), lrs, stopping=Stopping(max_steps=200))
    sweep.run_to_stop()
    assert sweep.history.theta.shape == (201, 3, 1)
    for r, lr in enumerate(lrs):
        single = Trainer(p, make_optimizer(opt), lr, stopping=Stopping(max_steps=200))
        single.run_to_stop()
        np.testing.assert_allclose(sweep.history.theta[:, r], single.history.theta, rtol=1e-12)


def test_loss_curve_and_frame():
    p = SurfaceProblem(get_surface("double_well"))
    x, L = loss_curve(p, (-2.0, 2.0), 9)
    np.testing.assert_array_equal(x, np.linspace(-2, 2, 9))
    np.testing.assert_array_equal(L, p.surface.value(x))
    with pytest.raises(ValueError, match="one-parameter"):
        loss_curve(SurfaceProblem(get_surface("rosenbrock")), (0, 1))
    with pytest.raises(ValueError):
        loss_curve(p, (1.0, 1.0))
    with pytest.raises(ValueError):
        loss_curve(p, (0.0, 1.0), 1)
    _, big = loss_curve(p, (1e100, 1e101), 3)
    assert np.all(np.isinf(big))
    s = p.surface
    lo, hi = frame_1d(2.0, path=np.array([[2.0], [1.5], [1.2]]),
                      minima=s.minima + s.local_minima)
    assert lo < -1.3008 and hi > 2.0
    lo, hi = frame_1d(7.0, bounds=s.bounds[0])
    assert lo < -2.5 and hi > 7.0
    lo, hi = frame_1d([0.0])
    assert hi - lo == pytest.approx(1.0)
    with pytest.raises(ValueError):
        frame_1d([1.0, 2.0])


def test_planes_refuse_one_parameter():
    p = SurfaceProblem(get_surface("parabola"))
    with pytest.raises(ValueError, match="loss_curve"):
        default_plane(p)
    with pytest.raises(ValueError, match="loss_curve"):
        choose_plane(p, "pca", np.array([2.0]))


def test_scenario_round_trip():
    sc = Scenario.from_toml('[problem]\nsurface = "double_well"\n[init]\ntheta = [-2.0]\n')
    assert Scenario.from_toml(sc.to_toml()) == sc
    setup = prepare(sc)
    trainer = setup.make_trainer()
    assert trainer.problem.param_names == ("x",)
    trainer.run(2000)
    assert trainer.theta[0] == pytest.approx(-1.3008395659415772, abs=1e-6)
