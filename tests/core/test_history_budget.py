"""The history's memory budget: thinned θ, complete scalars, exact rewind and replay."""

import numpy as np
import pytest

from gdstudio.core import history as history_module
from gdstudio.core.datasets import make_dataset
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.schedules import make_schedule
from gdstudio.core.surfaces import get_surface
from gdstudio.core.trainer import History, SweepTrainer, ThinnedHistoryError, Trainer

BUDGET = 48 * 1024  # small enough to thin a two-parameter run after ~800 steps


def pair(problem, name, lr, steps, budget=BUDGET, **kwargs):
    """The same run twice: with a small history budget and with an unlimited one."""
    runs = []
    for b in (budget, None):
        t = Trainer(problem, make_optimizer(name), lr, history_budget_bytes=b,
                    recent_rows=100, checkpoint_interval=16, **kwargs)
        t.run(steps)
        runs.append(t)
    return runs


def assert_thinned_like(small, full):
    h, ref = small.history, full.history
    assert len(h) == len(ref) and h.full_start > 0 and h.stride > 1
    # every scalar of every row is kept
    np.testing.assert_array_equal(h.loss, ref.loss)
    np.testing.assert_array_equal(h.grad_norm, np.sqrt(np.sum(ref.grad**2, axis=-1)))
    np.testing.assert_array_equal(small.table(vectors=False)["grad_norm"],
                                  full.table()["grad_norm"])
    # the kept θ are the reference's, at their steps; row 0 and the recent window in full
    steps, theta = small.thinned_path()
    assert steps[0] == 0 and np.all(np.diff(steps) > 0)
    np.testing.assert_array_equal(theta, ref.theta[steps])
    old = steps[steps < h.full_start]
    assert np.all(old % h.stride == 0)
    assert len(h) - h.full_start >= h.recent_rows
    np.testing.assert_array_equal(steps[len(old):], np.arange(h.full_start, len(h)))
    recent = small.table(len(h) - h.recent_rows)
    expected = full.table(len(h) - h.recent_rows)
    for key in ("theta", "grad", "loss", "grad_norm", "step", "lr"):
        np.testing.assert_array_equal(recent[key], expected[key])


def check_rewinds(small, full, targets):
    ref_theta, ref_grad, ref_loss = full.history.theta, full.history.grad, full.history.loss
    end = small.step_count
    for k in targets:
        theta, grad, loss = small.history.row(k)  # replayed without moving the run
        np.testing.assert_array_equal(theta, ref_theta[k])
        np.testing.assert_array_equal(grad, ref_grad[k])
        assert loss == ref_loss[k]
    assert small.step_count == end
    for k in targets:
        small.rewind(k)
        assert small.step_count == k
        np.testing.assert_array_equal(small.theta, ref_theta[k])
        np.testing.assert_array_equal(small.grad, ref_grad[k])
        assert small.loss == ref_loss[k]
        small.run(end - k)
        np.testing.assert_array_equal(small.theta, full.theta)
        np.testing.assert_array_equal(small.history.loss, ref_loss)
        np.testing.assert_array_equal(small.thinned_path()[1],
                                      ref_theta[small.thinned_path()[0]])


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_rewind_to_thinned_steps_is_bit_for_bit_for_every_optimizer(name):
    surface = "quadratic" if name == "newton" else "rosenbrock"
    lr = 0.5 if name == "newton" else 0.001
    small, full = pair(SurfaceProblem(get_surface(surface)), name, lr, 4000)
    assert_thinned_like(small, full)
    thinned = [k for k in (1, 333, 1001, 2047, 2500) if k < small.history.full_start]
    assert len(thinned) >= 4
    check_rewinds(small, full, [3999, 3990, *thinned, 0])


def test_minibatch_sgd_with_a_schedule_rewinds_exactly_to_thinned_steps():
    ds = make_dataset("moons", n_samples=60, seed=2)
    problem = DataProblem(make_model("mlp", 2, hidden=(4,)), get_loss("logloss"), ds.X, ds.y)
    # 17 parameters: 272 bytes a full row
    sched = make_schedule("step", 0.05, step_size=500, gamma=0.5)
    small, full = pair(problem, "momentum", sched, 3000, budget=256 * 1024, batch_size=7,
                       seed=4)
    assert_thinned_like(small, full)
    assert small.history.full_start > 1500
    check_rewinds(small, full, [1777, 1234, 15, 2999])


def test_memory_stays_within_the_budget_on_a_long_run():
    ds = make_dataset("circles", n_samples=40, seed=0)
    problem = DataProblem(make_model("mlp", 2, hidden=(8, 8)), get_loss("logloss"), ds.X, ds.y)
    budget = 1 << 20  # 105 parameters: 1.7 kB a full row
    t = Trainer(problem, make_optimizer("adam"), 0.01, history_budget_bytes=budget)
    peak = 0
    for _ in range(30):
        t.run(1000)
        scalars = 8 * (len(t.history) + t.history.full_start)
        peak = max(peak, t.history.nbytes - scalars)
    assert peak <= budget
    assert t.history.stride >= 4 and len(t.history) == 30_001
    assert np.all(np.isfinite(t.history.loss)) and len(t.history.grad_norm) == 30_001
    # an unlimited history would hold 30,001 × (2 · 105 + 1) · 8 bytes ≈ 50 MB
    assert t.history.nbytes < 2 * budget


def test_table_of_thinned_rows_raises_a_clear_error_and_scalars_still_work():
    t = Trainer(SurfaceProblem(get_surface("rosenbrock")), make_optimizer("adam"), 1e-3,
                history_budget_bytes=BUDGET, recent_rows=100)
    t.run(5000)
    assert t.history.full_start > 0
    with pytest.raises(ThinnedHistoryError, match="thinned"):
        t.table(0, 10)
    with pytest.raises(ThinnedHistoryError):
        t.history.theta  # noqa: B018
    tab = t.table(0, None, vectors=False)
    assert tab["theta"] is None and len(tab["loss"]) == 5001 and len(tab["grad_norm"]) == 5001
    assert t.table(5001 - t.recent_rows)["theta"].shape == (t.recent_rows, 2)


def test_streaming_reader_sees_every_row():
    """The worker's and the runner's pattern: run a chunk, read the rows not read yet."""
    t = Trainer(SurfaceProblem(get_surface("himmelblau")), make_optimizer("rmsprop"), 1e-3,
                history_budget_bytes=BUDGET, recent_rows=100)
    ref = Trainer(SurfaceProblem(get_surface("himmelblau")), make_optimizer("rmsprop"), 1e-3,
                  history_budget_bytes=None)
    ref.run(6000)
    sent, thetas = 0, []
    while t.step_count < 6000:
        t.run(min(t.recent_rows, 6000 - t.step_count))
        tab = t.table(sent, None)
        thetas.append(tab["theta"])
        sent += len(tab["step"])
    np.testing.assert_array_equal(np.concatenate(thetas), ref.history.theta)
    assert t.history.full_start > 0


def test_shared_default_budget_is_split_among_live_trainers(monkeypatch):
    monkeypatch.setattr(history_module, "DEFAULT_HISTORY_BUDGET", 1 << 20)
    problem = SurfaceProblem(get_surface("booth"))
    a = Trainer(problem, make_optimizer("gd"), 0.01)
    b = Trainer(problem, make_optimizer("gd"), 0.01)
    assert a.history.budget_bytes <= (1 << 20) // 2
    a.run(40_000)
    b.run(40_000)
    scalars = 8 * (len(a.history) + a.history.full_start)
    assert a.history.nbytes - scalars <= (1 << 20) // 2
    assert a.history.stride > 1


def test_unlimited_histories_and_sweeps_never_thin():
    t = Trainer(SurfaceProblem(get_surface("booth")), make_optimizer("gd"), 0.01,
                history_budget_bytes=None)
    t.run(20_000)
    assert t.history.full_start == 0 and t.history.theta.shape == (20_001, 2)
    sweep = SweepTrainer(SurfaceProblem(get_surface("booth")), make_optimizer("adam"),
                         [1e-3, 1e-2])
    sweep.run(9000)
    assert sweep.history.theta.shape == (9001, 2, 2)
    ref = sweep.history.theta
    sweep.rewind(4321)
    sweep.run(9000 - 4321)
    np.testing.assert_array_equal(sweep.history.theta, ref)


def test_bad_budgets_are_rejected():
    for bad in (0, -5, "lots", True):
        with pytest.raises(ValueError, match="budget"):
            History(2, budget_bytes=bad)
    with pytest.raises(ValueError, match="recent_rows"):
        History(2, budget_bytes=1000, recent_rows=0)


def test_gui_worker_run_batch_streams_a_thinned_run():
    """The worker's pattern (run_batch of the rows not sent yet) after thinning, and
    after a step back into the thinned part."""
    worker = pytest.importorskip("gdstudio.gui.training_thread")
    problem = SurfaceProblem(get_surface("rosenbrock"))
    t = Trainer(problem, make_optimizer("adam"), 1e-3, history_budget_bytes=BUDGET,
                recent_rows=100)
    ref = Trainer(problem, make_optimizer("adam"), 1e-3, history_budget_bytes=None)
    ref.run(5000)
    sent, thetas = 0, []
    while t.step_count < 5000:
        t.run(min(97, 5000 - t.step_count))
        batch = worker.run_batch(0, t, sent)
        assert batch.steps[0] == sent and len(batch.theta) == len(batch.steps)
        thetas.append(batch.theta)
        sent += len(batch.steps)
    assert t.history.full_start > 0
    np.testing.assert_array_equal(np.concatenate(thetas), ref.history.theta)
    k = t.history.full_start - 37  # thinned
    t.rewind(k)
    batch = worker.run_batch(0, t, k + 1)  # the worker after stepBack: nothing new
    assert len(batch.steps) == 0 and batch.step_count == k
    np.testing.assert_array_equal(batch.current_theta, ref.history.theta[k])
    t.run(50)
    batch = worker.run_batch(0, t, k + 1)
    np.testing.assert_array_equal(batch.theta, ref.history.theta[k + 1:k + 51])
