"""Every optimizer × learning rate × problem ends cleanly: a valid status, no numpy
warning, and only finite numbers recorded (loss, θ, g, ‖g‖).

η spans 1e-6 … 1e6: tiny steps (finished), sensible ones (finished or converged) and
absurd ones that must be caught as "diverged" before a non-finite number or a
floating-point warning escapes. Few steps and small data keep it fast.
"""

import warnings

import numpy as np
import pytest

from gdstudio.core.datasets import make_dataset
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.surfaces import SURFACE_NAMES, get_surface
from gdstudio.core.trainer import Stopping, Trainer

LEARNING_RATES = (1e-6, 1e-3, 1.0, 1e3, 1e6)
STEPS = 25


def _data_problem(kind):
    """A small problem of model ``kind`` (and loss), with a test split of 8 rows."""
    model, loss = kind.split("/")
    if model in ("linear", "polynomial"):
        ds = make_dataset("linear_outliers" if model == "linear" else "sine", n_samples=32,
                          seed=1)
        m = make_model("linear", 1) if model == "linear" else make_model(
            "polynomial", 1, degree=5)
    elif model == "mlp" and loss == "mse":  # an MLP regressor
        ds = make_dataset("sine", n_samples=32, seed=1)
        m = make_model("mlp", 1, hidden=(4,), activation="relu", task="regression")
    else:
        ds = make_dataset("blobs" if model == "logistic" else "moons", n_samples=32, seed=1)
        m = make_model("logistic", 2) if model == "logistic" else make_model(
            "mlp", 2, hidden=(4,), activation="tanh")
    X, y = ds.X, ds.y
    return DataProblem(m, get_loss(loss), X[:24], y[:24], X_test=X[24:], y_test=y[24:])


PROBLEMS = [*(f"surface:{name}" for name in SURFACE_NAMES),
            "linear/mse", "linear/mae", "linear/huber", "polynomial/mse", "logistic/logloss",
            "logistic/hinge", "mlp/logloss", "mlp/mse"]


def _problem(key):
    if key.startswith("surface:"):
        return SurfaceProblem(get_surface(key.split(":", 1)[1]))
    return _data_problem(key)


@pytest.mark.parametrize("key", PROBLEMS)
@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_every_learning_rate_ends_cleanly(name, key):
    problem = _problem(key)
    if make_optimizer(name).uses_hessian and not problem.has_hessian:
        pytest.skip("Newton's method needs an exact Hessian")
    batches = (None,) if key.startswith("surface:") else (None, 5)
    for lr in LEARNING_RATES:
        for batch_size in batches:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                t = Trainer(problem, make_optimizer(name), lr, batch_size=batch_size,
                            stopping=Stopping(max_steps=STEPS))
                t.run(STEPS)
                where = f"{name}, η = {lr:g}, {key}, batch {batch_size}"
                assert t.status in ("finished", "converged", "diverged"), where
                tab = t.table()
                for column in ("loss", "grad_norm", "theta", "grad", "test_loss"):
                    if tab[column] is None:
                        continue
                    assert np.all(np.isfinite(tab[column])), (where, column)
                assert np.all(np.isfinite(t.theta)) and np.isfinite(t.loss), where
                assert np.all(np.isfinite(t.grad)), where
                if t.status == "diverged":
                    assert t.diverged_at == t.step_count + 1, where
                    np.testing.assert_array_equal(t.theta, tab["theta"][-1])
                else:
                    assert t.step_count == STEPS, where


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_learning_rate_sweeps_over_every_surface_end_cleanly(name):
    from gdstudio.core.trainer import SweepTrainer

    for surface in SURFACE_NAMES:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            sweep = SweepTrainer(SurfaceProblem(get_surface(surface)), make_optimizer(name),
                                 LEARNING_RATES, stopping=Stopping(max_steps=STEPS))
            sweep.run(STEPS)
            assert sweep.status in ("finished", "converged", "diverged"), surface
            assert set(sweep.run_status) <= {"finished", "converged", "diverged"}, surface
            h = sweep.history
            for column in (h.loss, h.theta, h.grad, h.grad_norm):
                assert np.all(np.isfinite(column)), (name, surface)
