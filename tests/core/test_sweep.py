"""The vectorised learning-rate sweep agrees with single runs at the same η."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.problems import DataProblem
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.sweep import log_spaced, sweep_learning_rates, vectorise

CASES = [
    (dict(kind="surface", surface="rosenbrock", optimizer="adam"), 400),
    (dict(kind="surface", surface="quadratic", condition=10.0, grad_tol=1e-6), 400),
    (dict(kind="surface", surface="parabola", optimizer="momentum", loss_tol=1e-9), 300),
    (dict(kind="surface", surface="himmelblau", optimizer="newton"), 100),
    (dict(kind="surface", surface="saddle", optimizer="rmsprop"), 200),
    (dict(kind="data", dataset="penguins", model="linear", loss="mse"), 300),
    (dict(kind="data", dataset="penguins", model="linear", loss="mse", standardize=False,
          optimizer="newton"), 50),
    (dict(kind="data", dataset="penguins", model="polynomial", degree=3, loss="huber",
          optimizer="rmsprop", batch_size=16), 300),
    (dict(kind="data", dataset="penguins_species", model="logistic", loss="logloss",
          optimizer="nesterov", schedule="exponential", schedule_params={"gamma": 0.99}), 300),
    (dict(kind="data", dataset="circles", n_samples=120, model="mlp", loss="logloss",
          optimizer="adam", hidden=[16, 16]), 150),
    (dict(kind="data", dataset="moons", n_samples=100, model="mlp", loss="hinge",
          hidden=[8], activation="relu", batch_size=10, bias=True), 150),
    (dict(kind="data", dataset="sine", n_samples=80, model="mlp", loss="mse", optimizer="adamw",
          hidden=[8, 4], activation="sigmoid", max_epochs=40, max_steps=None), None),
    (dict(kind="data", dataset="linear", model="linear", loss="mae", bias=False,
          optimizer="adagrad", schedule="cosine", schedule_params={"t_max": 50.0}), 120),
]


@pytest.mark.parametrize("kwargs, steps", CASES)
def test_the_sweep_agrees_with_single_runs(kwargs, steps):
    sc = Scenario(**kwargs)
    setup = prepare(sc)
    lrs = log_spaced(1e-4, 3.0, 12)
    result = sweep_learning_rates(setup, lrs, steps)
    for i, lr in enumerate(lrs):
        changes = {"learning_rate": float(lr)}
        if steps is not None:
            changes["max_steps"] = steps
        trainer = setup.make_trainer(sc.replace(**changes))
        with np.errstate(all="ignore"):
            trainer.run_to_stop()
        assert result.status[i] == str(trainer.status), (lr, trainer.stop_reason)
        assert result.steps[i] == trainer.step_count
        final = float(trainer.history.row(-1)[2])
        assert result.final_loss[i] == pytest.approx(final, rel=1e-12, abs=1e-300)
        assert result.diverged_at[i] == (trainer.diverged_at or -1)


def test_statuses_and_the_stability_limit():
    setup = prepare(Scenario(kind="surface", surface="quadratic", condition=10.0))
    result = sweep_learning_rates(setup, [0.001, 0.1, 0.19, 0.21, 5.0], 300)
    assert list(result.status) == ["finished"] * 3 + ["diverged"] * 2
    assert result.stability_limit == pytest.approx(0.2)
    assert result.best() == 1
    assert np.all(np.isfinite(result.final_loss))
    assert result.rows()[3]["diverged_at"] == result.diverged_at[3] > 0


def test_every_run_converges_at_the_start():
    setup = prepare(Scenario(kind="surface", surface="parabola", init=[0.0], grad_tol=1e-3))
    result = sweep_learning_rates(setup, [0.1, 0.2], 50)
    assert list(result.status) == ["converged", "converged"] and list(result.steps) == [0, 0]


@pytest.mark.parametrize("bad", [[], [0.1, -1.0], [np.nan], [0.0]])
def test_bad_learning_rates(bad):
    setup = prepare(Scenario(kind="surface", surface="parabola"))
    with pytest.raises(ValueError):
        sweep_learning_rates(setup, bad, 10)


def test_log_spaced():
    assert log_spaced(1e-3, 1.0, 4) == pytest.approx([1e-3, 1e-2, 1e-1, 1.0])
    assert list(log_spaced(0.5, 0.5, 1)) == [0.5]
    for args in ((0, 1, 3), (1, 0.5, 3), (1e-3, 1, 0), (1e-3, 1, 10**6)):
        with pytest.raises(ValueError):
            log_spaced(*args)


def test_the_mlp_stack_gradient_equals_the_single_backward():
    setup = prepare(Scenario(kind="data", dataset="xor", n_samples=50, model="mlp",
                             hidden=[5, 3], activation="tanh", loss="logloss"))
    problem = setup.problem
    assert isinstance(problem, DataProblem)
    rng = np.random.default_rng(1)
    thetas = rng.standard_normal((4, problem.n_params))
    loss, grad = vectorise(problem).loss_and_grad(thetas)
    for r in range(4):
        single_loss, single_grad = problem.loss_and_grad(thetas[r])
        assert loss[r] == single_loss and np.array_equal(grad[r], single_grad)
    rows = np.array([3, 1, 4, 1, 5])
    _, batch = vectorise(problem).loss_and_grad(thetas, rows)
    assert np.array_equal(batch[2], problem.batch_grad(thetas[2], rows))


def test_should_stop_cancels():
    from gdstudio.core.sweep import SweepCancelled

    setup = prepare(Scenario(kind="surface", surface="rosenbrock"))
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(SweepCancelled):
        sweep_learning_rates(setup, [1e-4, 1e-3], 10_000, should_stop=stop)
    assert len(calls) == 2


@pytest.mark.parametrize("kwargs", [
    dict(dataset="circles", n_samples=200, hidden=[16, 16], activation="tanh", loss="logloss"),
    dict(dataset="sine", n_samples=50, hidden=[3], activation="sigmoid", loss="mse"),
    dict(dataset="sine", n_samples=60, hidden=[1, 7], activation="relu", loss="mae"),
    dict(dataset="moons", n_samples=90, hidden=[2, 2], activation="tanh", loss="hinge"),
])
def test_the_mlp_stack_equals_single_runs_for_wide_and_narrow_layers(kwargs):
    # narrow layers: strided views round differently in some BLAS kernels (OpenBLAS,
    # 1 to 3 columns), where the stack must fall back to contiguous copies
    problem = prepare(Scenario(kind="data", model="mlp", **kwargs)).problem
    assert isinstance(problem, DataProblem)
    rng = np.random.default_rng(2)
    for R in (1, 5):
        thetas = rng.standard_normal((R, problem.n_params))
        rows = rng.integers(0, problem.n_train, 7)
        stack = vectorise(problem)
        loss, grad = stack.loss_and_grad(thetas)
        _, batch = stack.loss_and_grad(thetas, rows)
        for r in range(R):
            single_loss, single_grad = problem.loss_and_grad(thetas[r])
            assert loss[r] == single_loss and np.array_equal(grad[r], single_grad)
            assert np.array_equal(batch[r], problem.batch_grad(thetas[r], rows))


CHUNKED = dict(kind="data", dataset="circles", n_samples=500, model="mlp", hidden=[16, 16],
               loss="logloss", optimizer="adam")  # a few runs per chunk of the stack


def test_chunks_of_runs_give_the_results_of_single_runs():
    sc = Scenario(**CHUNKED, batch_size=100)  # a new permutation of the rows every 5 steps
    setup = prepare(sc)
    lrs = log_spaced(1e-3, 30.0, 20)
    result = sweep_learning_rates(setup, lrs, 40)
    from gdstudio.core.sweep import _CHUNK_FLOATS

    assert _CHUNK_FLOATS // vectorise(setup.problem).floats_per_run < 10  # 3 chunks
    for i in (0, 9, 19):  # one run from each chunk
        trainer = setup.make_trainer(sc.replace(learning_rate=float(lrs[i]), max_steps=40))
        with np.errstate(all="ignore"):
            trainer.run_to_stop()
        assert result.status[i] == str(trainer.status)
        assert result.steps[i] == trainer.step_count
        assert result.final_loss[i] == float(trainer.history.row(-1)[2])
        assert result.diverged_at[i] == (trainer.diverged_at or -1)


def test_progress_is_reported_every_64_steps_up_to_the_end():
    setup = prepare(Scenario(kind="surface", surface="quadratic", optimizer="gd"))
    seen = []
    result = sweep_learning_rates(setup, [1e-3, 1e-2], 300,
                                  progress=lambda k, end: seen.append((k, end)))
    assert seen == [(64, 300), (128, 300), (192, 300), (256, 300)]
    assert result.steps.tolist() == [300, 300]
