"""The training loop: convergence to known minima, rewind, stopping, divergence, sweeps."""

import numpy as np
import pytest

from gdstudio.core.datasets import load_bundled, make_dataset
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.schedules import make_schedule
from gdstudio.core.surfaces import SURFACE_NAMES, get_surface
from gdstudio.core.trainer import Stopping, SweepTrainer, Trainer


def surface_problem(name, **params):
    return SurfaceProblem(get_surface(name, **params))


def linear_problem(X, y):
    return DataProblem(make_model("linear", X.shape[1]), get_loss("mse"), X, y)


# -- convergence -----------------------------------------------------------------------
def test_gd_on_mse_linear_regression_converges_to_least_squares():
    ds = load_bundled("penguins")
    X = (ds.X - ds.X.mean(0)) / ds.X.std(0)
    problem = linear_problem(X, ds.y)
    t = Trainer(problem, make_optimizer("gd"), 0.1, stopping=Stopping(grad_tol=1e-8))
    t.run(100_000)
    A = np.column_stack([X, np.ones(len(X))])
    expected = np.linalg.lstsq(A, ds.y, rcond=None)[0]
    assert t.status == "converged"
    np.testing.assert_allclose(t.theta, expected, rtol=1e-9)


def test_gd_on_multifeature_regression_matches_lstsq():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(500, 3)) * [1.0, 2.0, 0.5]
    y = X @ [1.5, -2.0, 3.0] + 0.7 + rng.normal(scale=0.1, size=500)
    t = Trainer(linear_problem(X, y), make_optimizer("momentum"), 0.05,
                stopping=Stopping(grad_tol=1e-10))
    t.run(100_000)
    expected = np.linalg.lstsq(np.column_stack([X, np.ones(500)]), y, rcond=None)[0]
    np.testing.assert_allclose(t.theta, expected, rtol=1e-8)


def test_newton_solves_linear_regression_in_one_step():
    ds = make_dataset("linear", n_samples=50, seed=2)
    t = Trainer(linear_problem(ds.X, ds.y), make_optimizer("newton"), 1.0)
    t.step()
    expected = np.linalg.lstsq(np.column_stack([ds.X, np.ones(50)]), ds.y, rcond=None)[0]
    np.testing.assert_allclose(t.theta, expected, rtol=1e-10)


def test_logistic_regression_converges_on_non_separable_data():
    ds = load_bundled("iris")  # versicolor vs virginica overlap: a finite optimum exists
    X = (ds.X - ds.X.mean(0)) / ds.X.std(0)
    problem = DataProblem(make_model("logistic", 2), get_loss("logloss"), X, ds.y)
    t = Trainer(problem, make_optimizer("gd"), 1.0, stopping=Stopping(grad_tol=1e-11))
    t.run(500_000)
    assert t.status == "converged"
    assert np.all(np.diff(t.history.loss) <= 1e-15)  # monotone descent
    # at the optimum, Newton's method moves no further
    H = _numerical_hessian(problem, t.theta)
    np.testing.assert_allclose(np.linalg.solve(H, problem.loss_and_grad(t.theta)[1]), 0,
                               atol=1e-8)


def _numerical_hessian(problem, theta, h=1e-5):
    p = len(theta)
    H = np.empty((p, p))
    for i in range(p):
        e = np.zeros(p)
        e[i] = h
        plus, minus = problem.loss_and_grad(theta + e)[1], problem.loss_and_grad(theta - e)[1]
        H[:, i] = (plus - minus) / (2 * h)
    return H


@pytest.mark.parametrize("name", ["xor", "circles"])
def test_mlp_learns_nonlinear_classification(name):
    ds = make_dataset(name, n_samples=200, noise=0.05, seed=0)
    model = make_model("mlp", 2, hidden=(16, 16), activation="tanh")
    problem = DataProblem(model, get_loss("logloss"), ds.X, ds.y)
    t = Trainer(problem, make_optimizer("adam"), 0.01, seed=0)
    t.run(3000)
    accuracy = np.mean((model.predict(t.theta, ds.X) > 0.5) == (ds.y > 0.5))
    assert accuracy >= 0.98


SURFACE_SOLVERS = {
    "quadratic": ("gd", 0.15, {}),
    "rosenbrock": ("newton", 1.0, {}),
    "beale": ("adam", 0.01, {}),
    "booth": ("momentum", 0.01, {}),
    "himmelblau": ("gd", 0.01, {}),
    "rastrigin": ("gd", 0.002, {}),
    "six_hump_camel": ("momentum", 0.01, {}),
    "styblinski_tang": ("gd", 0.01, {}),
}


@pytest.mark.parametrize("name", [n for n in SURFACE_NAMES if n != "saddle"])
def test_each_surface_minimum_is_reached(name):
    surface = get_surface(name)
    opt, lr, hp = SURFACE_SOLVERS[name]
    # start near a global minimum so that multi-modal surfaces end in the global basin
    start = np.array(surface.minima[0]) + 0.3
    t = Trainer(SurfaceProblem(surface), make_optimizer(opt, **hp), lr, theta0=start)
    t.run(20_000)
    assert t.status != "diverged"
    assert min(np.linalg.norm(t.theta - m) for m in surface.minima) < 1e-4
    assert t.loss == pytest.approx(surface.min_value, abs=1e-8)


def test_rosenbrock_from_the_default_start_with_adam():
    t = Trainer(surface_problem("rosenbrock"), make_optimizer("adam"), 0.01)
    t.run(10_000)
    np.testing.assert_allclose(t.theta, [1.0, 1.0], atol=1e-5)


def test_saddle_diverges_from_gd_off_the_ridge():
    t = Trainer(surface_problem("saddle"), make_optimizer("gd"), 0.1, theta0=[1.0, 1e-3])
    t.run(100_000)
    assert t.status == "diverged"


# -- history -------------------------------------------------------------------------------
def test_history_rows_follow_the_csv_convention():
    p = surface_problem("quadratic", condition=4)
    t = Trainer(p, make_optimizer("gd"), make_schedule("step", 0.1, step_size=2, gamma=0.5))
    t.run(5)
    tab = t.table()
    assert len(t.history) == 6 and t.step_count == 5
    np.testing.assert_array_equal(tab["step"], np.arange(6))
    np.testing.assert_array_equal(tab["theta"][0], p.surface.start)
    np.testing.assert_allclose(tab["lr"], [0.1, 0.1, 0.05, 0.05, 0.025, 0.025])
    for k in range(5):  # θ_{k+1} = θ_k − η_k g_k, and g_k = ∇L(θ_k), L_k = L(θ_k)
        step = tab["lr"][k] * tab["grad"][k]
        np.testing.assert_allclose(tab["theta"][k + 1], tab["theta"][k] - step, rtol=1e-15)
        loss, grad = p.loss_and_grad(tab["theta"][k])
        assert tab["loss"][k] == loss
        np.testing.assert_array_equal(tab["grad"][k], grad)


def test_history_costs_at_most_40_bytes_per_step_for_two_parameters():
    t = Trainer(surface_problem("rosenbrock"), make_optimizer("adam"), 0.01)
    t.run(20_000)
    checkpoints = t.history._ckpt_bytes  # Adam's state every 64 steps: ~0.5 byte a step
    assert (t.history.nbytes - checkpoints) / len(t.history) <= 40
    assert t.history.allocated_nbytes <= 40 * len(t.history) + 40 * 4096 + checkpoints


def test_history_grows_across_chunks():
    t = Trainer(surface_problem("booth"), make_optimizer("gd"), 0.01)
    t.run(10_000)
    th = t.history.theta
    assert th.shape == (10_001, 2)
    np.testing.assert_array_equal(t.history.rows(4090, 4100)["theta"], th[4090:4100])


# -- rewind and determinism --------------------------------------------------------------------
@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_rewind_then_forward_reproduces_bit_for_bit(name):
    t = Trainer(surface_problem("rosenbrock"), make_optimizer(name),
                1.0 if name == "newton" else 0.001, checkpoint_interval=16)
    t.run(300)
    theta, grad, loss = t.history.theta, t.history.grad, t.history.loss
    for target in (299, 170, 16, 15, 0):
        t.rewind(target)
        assert t.step_count == target
        np.testing.assert_array_equal(t.theta, theta[target])
        t.run(300 - target)
        np.testing.assert_array_equal(t.history.theta, theta)
        np.testing.assert_array_equal(t.history.grad, grad)
        np.testing.assert_array_equal(t.history.loss, loss)


def test_step_back_with_minibatches_restores_order_and_state():
    ds = make_dataset("moons", n_samples=90, seed=1)
    problem = DataProblem(make_model("mlp", 2, hidden=(8,)), get_loss("logloss"), ds.X, ds.y)
    t = Trainer(problem, make_optimizer("adam"), 0.01, batch_size=16, seed=5)
    t.run(100)
    reference = t.history.theta
    for _ in range(7):
        assert t.step_back()
    assert t.step_count == 93
    t.run(7)
    np.testing.assert_array_equal(t.history.theta, reference)


def test_same_scenario_and_seed_give_identical_history():
    ds = make_dataset("blobs", n_samples=64, seed=3)

    def run():
        problem = DataProblem(make_model("logistic", 2), get_loss("logloss"), ds.X, ds.y)
        t = Trainer(problem, make_optimizer("rmsprop"), 0.01, batch_size=8, seed=11)
        t.run(200)
        return t.history.theta

    np.testing.assert_array_equal(run(), run())


def test_minibatches_sample_without_replacement_within_each_epoch():
    ds = make_dataset("linear", n_samples=50, seed=0)
    t = Trainer(linear_problem(ds.X, ds.y), make_optimizer("gd"), 0.01, batch_size=8, seed=4)
    assert t.steps_per_epoch == 7
    for epoch in range(3):
        rows = np.concatenate([t.batch_rows(epoch * 7 + b) for b in range(7)])
        np.testing.assert_array_equal(np.sort(rows), np.arange(50))
    assert not np.array_equal(t.batch_rows(0), t.batch_rows(7))
    t.run(15)
    assert t.epoch == 2
    np.testing.assert_array_equal(t.table()["epoch"], np.arange(16) // 7)


def test_minibatch_gradient_is_the_batch_mean_gradient():
    ds = make_dataset("linear", n_samples=40, seed=0)
    problem = linear_problem(ds.X, ds.y)
    t = Trainer(problem, make_optimizer("gd"), 0.01, batch_size=10, seed=1)
    rows = t.batch_rows(0)
    sub = linear_problem(ds.X[rows], ds.y[rows])
    np.testing.assert_allclose(t.grad, sub.loss_and_grad(t.theta)[1], rtol=1e-14)
    assert t.loss == problem.loss(t.theta)  # the recorded loss is the full training loss


# -- stopping and divergence ---------------------------------------------------------------------
def test_divergence_stops_without_warnings_and_keeps_history_finite():
    t = Trainer(surface_problem("rosenbrock"), make_optimizer("gd"), 0.1)
    done = t.run(1000)
    assert t.status == "diverged" and t.diverged_at == done + 1
    assert np.all(np.isfinite(t.history.loss)) and np.all(np.isfinite(t.history.theta))
    assert np.all(np.isfinite(t.theta))
    assert t.run(10) == 0


def test_stopping_criteria():
    p = surface_problem("quadratic")
    t = Trainer(p, make_optimizer("gd"), 0.1, stopping=Stopping(max_steps=7))
    assert t.run(100) == 7 and t.status == "finished" and t.stop_reason == "max_steps"
    t = Trainer(p, make_optimizer("gd"), 0.1, stopping=Stopping(grad_tol=1e-3))
    t.run(10_000)
    g = t.history.grad
    assert t.stop_reason == "grad_tol" and np.linalg.norm(g[-1]) < 1e-3
    assert np.linalg.norm(g[-2]) >= 1e-3
    t = Trainer(p, make_optimizer("gd"), 0.1, stopping=Stopping(loss_tol=1e-6))
    t.run(10_000)
    loss = t.history.loss
    assert t.stop_reason == "loss_tol" and abs(loss[-1] - loss[-2]) < 1e-6
    ds = make_dataset("linear", n_samples=30)
    t = Trainer(linear_problem(ds.X, ds.y), make_optimizer("gd"), 0.01, batch_size=10,
                stopping=Stopping(max_epochs=2))
    assert t.run(100) == 6 and t.stop_reason == "max_epochs"


def test_rewind_after_stop_resumes():
    t = Trainer(surface_problem("quadratic"), make_optimizer("gd"), 0.1,
                stopping=Stopping(max_steps=10))
    t.run(100)
    t.rewind(4)
    assert t.status == "running" and t.step_count == 4
    assert t.run(100) == 6 and t.status == "finished"
    t.rewind(0)
    assert t.status == "ready"


def test_bad_arguments():
    p = surface_problem("booth")
    with pytest.raises(ValueError, match="needs 2 value"):
        Trainer(p, make_optimizer("gd"), 0.1, theta0=[1.0])
    with pytest.raises(ValueError, match="batch_size"):
        Trainer(p, make_optimizer("gd"), 0.1, batch_size=0)
    ds = make_dataset("blobs")
    problem = DataProblem(make_model("logistic", 2), get_loss("logloss"), ds.X, ds.y)
    with pytest.raises(ValueError, match="Hessian"):
        Trainer(problem, make_optimizer("newton"), 1.0)
    t = Trainer(p, make_optimizer("gd"), 0.1)
    with pytest.raises(ValueError, match="rewind"):
        t.rewind(5)


# -- several runs ---------------------------------------------------------------------------------
def test_sweep_equals_individual_runs_and_freezes_diverged_runs():
    p = surface_problem("rosenbrock")
    lrs = np.array([1e-4, 1e-3, 2e-3, 0.1])
    sweep = SweepTrainer(p, make_optimizer("momentum"), lrs)
    sweep.run(500)
    assert sweep.history.theta.shape == (501, 4, 2)
    for r, lr in enumerate(lrs):
        single = Trainer(p, make_optimizer("momentum"), lr)
        single.run(500)
        if single.status == "diverged":
            assert sweep.run_status[r] == "diverged"
            assert sweep.run_diverged_at[r] == single.diverged_at
            np.testing.assert_array_equal(sweep.theta[r], single.theta)
        else:
            np.testing.assert_array_equal(sweep.history.theta[:, r], single.history.theta)
    assert np.all(np.isfinite(sweep.history.loss))


def test_sweep_rewind_reproduces():
    sweep = SweepTrainer(surface_problem("beale"), make_optimizer("adam"),
                         np.geomspace(1e-3, 1.0, 8), checkpoint_interval=32)
    sweep.run(200)
    ref = sweep.history.theta
    sweep.rewind(77)
    sweep.run(123)
    np.testing.assert_array_equal(sweep.history.theta, ref)
