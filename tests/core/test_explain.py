"""explain_update: the numbers of one update, exactly as the trainer made them."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.explain import (
    MAX_SPELLED_PARAMS,
    explain_update,
    optimizer_state_at,
    parameter_groups,
)
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.schedules import make_schedule
from gdstudio.core.surfaces import get_surface
from gdstudio.core.trainer import SweepTrainer, Trainer

STEPS = 40
INTERVAL = 16
# steps on a checkpoint, between checkpoints, the last recorded one and the next one
KS = (0, 5, 16, 17, 31, 39, 40)
HYPER = {"gd": {"weight_decay": 0.05}, "momentum": {"dampening": 0.1},
         "nesterov": {"weight_decay": 0.01}, "adagrad": {"lr_decay": 0.01},
         "rmsprop": {"momentum": 0.5}, "adam": {}, "adamw": {}, "newton": {}}
LR = {"gd": 0.01, "momentum": 0.005, "nesterov": 0.005, "adagrad": 0.1, "rmsprop": 0.01,
      "adam": 0.05, "adamw": 0.05, "newton": 0.5}


def _data_problem(model="linear", n=30, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = 1.5 * X[:, 0] - 0.7 * X[:, 1] + 0.2 + 0.1 * rng.normal(size=n)
    if model == "mlp":
        return DataProblem(make_model("mlp", 2, hidden=(3,), task="regression"),
                           get_loss("mse"), X, y)
    return DataProblem(make_model("linear", 2), get_loss("huber" if model == "huber" else "mse"),
                       X, y)


def _make(kind, opt):
    if kind == "surface":
        return Trainer(SurfaceProblem(get_surface("rosenbrock")), make_optimizer(opt, **HYPER[opt]),
                       LR[opt] / 10, checkpoint_interval=INTERVAL)
    problem = _data_problem()
    schedule = make_schedule("exponential", LR[opt], gamma=0.99)
    return Trainer(problem, make_optimizer(opt, **HYPER[opt]), schedule, batch_size=7,
                   seed=3, checkpoint_interval=INTERVAL)


def _same(a, b):
    """Exact equality of two explanations' numbers, arrays and texts."""
    for field in ("step", "optimizer", "param_names", "learning_rate", "t", "loss",
                  "stability_limit", "rule", "equations", "group_norms", "hyperparameters"):
        assert getattr(a, field) == getattr(b, field), field
    for field in ("theta", "grad", "theta_next", "delta"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    for field in ("full_grad", "batch_rows"):
        x, y = getattr(a, field), getattr(b, field)
        assert (x is None) == (y is None)
        if x is not None:
            np.testing.assert_array_equal(x, y)
    assert a.loss_next == b.loss_next or (np.isnan(a.loss_next) and np.isnan(b.loss_next))
    _same_state(a.state_before, b.state_before)
    _same_state(a.state_after, b.state_after)
    assert a.quantities.keys() == b.quantities.keys()
    for key in a.quantities:
        np.testing.assert_array_equal(a.quantities[key], b.quantities[key])


def _same_state(s1, s2):
    assert s1.keys() == s2.keys()
    for key in s1:
        if s1[key] is None or s2[key] is None:
            assert s1[key] is None and s2[key] is None, key
        else:
            np.testing.assert_array_equal(s1[key], s2[key], err_msg=key)


@pytest.mark.parametrize("kind", ["surface", "data"])
@pytest.mark.parametrize("opt", OPTIMIZER_NAMES)
def test_every_number_is_the_trainers(kind, opt):
    trainer = _make(kind, opt)
    trainer.run(STEPS)
    # a second trainer, stepped one update at a time: the state after every update
    ref = _make(kind, opt)
    states = [ref.optimizer.state_dict()]
    for _ in range(STEPS + 1):
        assert ref.step()
        states.append(ref.optimizer.state_dict())
    history_before = trainer.history.theta
    state_before = trainer.optimizer.state_dict()
    for k in KS:
        e = explain_update(trainer, k)
        np.testing.assert_array_equal(e.theta, ref.history.theta[k])
        np.testing.assert_array_equal(e.theta + e.delta, ref.history.theta[k + 1])
        np.testing.assert_array_equal(e.theta_next, ref.history.theta[k + 1])
        np.testing.assert_array_equal(e.grad, ref.history.grad[k])
        assert e.loss == ref.history.loss[k] and e.loss_next == ref.history.loss[k + 1]
        assert e.learning_rate == ref.lr_at(k)
        _same_state(e.state_before, states[k])
        _same_state(e.state_after, states[k + 1])
        _same_state(optimizer_state_at(trainer, k), states[k])
        assert e.t == k + 1
    # the trainer was not disturbed
    np.testing.assert_array_equal(trainer.history.theta, history_before)
    _same_state(trainer.optimizer.state_dict(), state_before)
    assert trainer.step_count == STEPS


@pytest.mark.parametrize("kind", ["surface", "data"])
@pytest.mark.parametrize("opt", OPTIMIZER_NAMES)
def test_rewind_and_rerun_give_the_same_explanation(kind, opt):
    trainer = _make(kind, opt)
    trainer.run(STEPS)
    first = [explain_update(trainer, k) for k in (3, 20, 33)]
    trainer.rewind(18)
    assert trainer.step_count == 18
    trainer.run(STEPS - 18)
    for e in first:
        _same(e, explain_update(trainer, e.step))


@pytest.mark.parametrize("opt", OPTIMIZER_NAMES)
def test_gradient_is_the_minibatch_gradient(opt):
    trainer = _make("data", opt)
    trainer.run(12)
    problem = trainer.problem
    e = explain_update(trainer, 8)  # epoch 1, batch 3 of 5 (the last one, 9, has 2 rows)
    rows = e.batch_rows
    assert rows is not None and len(rows) == 7
    np.testing.assert_array_equal(rows, trainer.batch_rows(8))

    def batch_loss(theta):
        out = problem.model.forward(theta, problem.X[rows])[0]
        return problem.loss_fn.value(out, problem.y[rows])

    h = 1e-6
    fd = np.array([(batch_loss(e.theta + h * d) - batch_loss(e.theta - h * d)) / (2 * h)
                   for d in np.eye(len(e.theta))])
    np.testing.assert_allclose(e.grad, fd, rtol=1e-6, atol=1e-8)
    full = np.array([(problem.loss(e.theta + h * d) - problem.loss(e.theta - h * d)) / (2 * h)
                     for d in np.eye(len(e.theta))])
    np.testing.assert_allclose(e.full_grad, full, rtol=1e-6, atol=1e-8)
    assert not np.allclose(e.grad, e.full_grad)


def test_full_batch_has_no_rows_and_surface_gradient_matches_differences():
    trainer = _make("surface", "adam")
    trainer.run(5)
    e = explain_update(trainer, 2)
    assert e.batch_rows is None and e.full_grad is None
    f = get_surface("rosenbrock")
    h = 1e-6
    x, y = e.theta
    fd = [(f.value(x + h, y) - f.value(x - h, y)) / (2 * h),
          (f.value(x, y + h) - f.value(x, y - h)) / (2 * h)]
    np.testing.assert_allclose(e.grad, fd, rtol=1e-6)


def test_spelled_out_equations_on_the_parabola():
    problem = SurfaceProblem(get_surface("parabola"))
    gd = Trainer(problem, make_optimizer("gd"), 0.25)
    gd.run(1)
    e = explain_update(gd, 0)
    assert e.rule == ("g = ∇L(θ)", "θ ← θ − η·g")
    assert e.equations["x"] == ("g = ∂L/∂x = 4", "x ← x − η·g = 2 − 0.25·4 = 1", "Δx = −1")
    assert e.stability_limit == 1.0 and e.loss == 4.0 and e.loss_next == 1.0
    mom = Trainer(problem, make_optimizer("momentum"), 0.1)
    mom.run(2)
    assert mom.history.theta[1, 0] == 1.6
    assert "v ← g = 4   (first update)" in explain_update(mom, 0).equations["x"]
    assert "v ← βv + g = 0.9·4 + 3.2 = 6.8" in explain_update(mom, 1).equations["x"]
    newton = Trainer(problem, make_optimizer("newton"), 1.0)
    lines = explain_update(newton, 0).equations["x"]
    assert "x ← x − η·g / H = 2 − 1·4 / 2 = 0" in lines
    adam = Trainer(problem, make_optimizer("adam"), 0.1)
    e = explain_update(adam, 0)
    q = e.quantities
    assert q["bias_correction1"] == pytest.approx(0.1) and q["m_hat"][0] == pytest.approx(4.0)
    assert q["v_hat"][0] == pytest.approx(16.0)
    assert q["effective_lr"][0] == pytest.approx(0.1 / (4 + 1e-8))
    assert "m̂ = m / (1 − β₁¹) = 0.4 / 0.1 = 4" in e.equations["x"]
    assert e.theta_next[0] == pytest.approx(1.9)


def test_negative_numbers_are_parenthesised():
    problem = SurfaceProblem(get_surface("parabola"))
    t = Trainer(problem, make_optimizer("gd"), 0.25, theta0=[-2.0])
    lines = explain_update(t, 0).equations["x"]
    assert "x ← x − η·g = −2 − 0.25·(−4) = −1" in lines


def test_large_models_are_explained_by_layer():
    problem = _data_problem("mlp")
    trainer = Trainer(problem, make_optimizer("adam"), 0.01, batch_size=5)
    trainer.run(3)
    e = explain_update(trainer, 1)
    assert problem.n_params > MAX_SPELLED_PARAMS
    assert list(e.equations) == ["W1", "b1", "W2", "b2"]
    groups = parameter_groups(problem.param_names)
    assert sum(len(v) for v in groups.values()) == problem.n_params
    g, d = e.group_norms["W1"]
    assert g == pytest.approx(np.linalg.norm(e.grad[groups["W1"]]))
    assert d == pytest.approx(np.linalg.norm(e.delta[groups["W1"]]))
    assert e.stability_limit is None
    assert parameter_groups(("w1", "w2", "w3", "w4", "w5", "b")) == {"w": [0, 1, 2, 3, 4],
                                                                    "b": [5]}
    assert parameter_groups(("w", "b")) == {"w": [0], "b": [1]}


def test_bad_steps_and_sweeps_are_refused():
    problem = SurfaceProblem(get_surface("parabola"))
    t = Trainer(problem, make_optimizer("gd"), 0.1)
    t.run(3)
    with pytest.raises(ValueError):
        explain_update(t, 4)
    with pytest.raises(ValueError):
        explain_update(t, -1)
    sweep = SweepTrainer(problem, make_optimizer("gd"), [0.1, 0.2])
    sweep.run(2)
    with pytest.raises(ValueError, match="single"):
        explain_update(sweep, 1)


def test_the_update_that_diverges_can_be_explained():
    problem = SurfaceProblem(get_surface("parabola"))
    t = Trainer(problem, make_optimizer("gd"), 1.5)
    t.run(10**5)
    assert t.diverged_at is not None
    e = explain_update(t, t.step_count)
    assert e.step == t.diverged_at - 1
    assert not e.loss_next <= 1e8 * 4  # above the divergence limit (or not finite)
    assert e.stability_limit == 1.0 and e.learning_rate > e.stability_limit


_VARIANTS = {**{k: [v] for k, v in HYPER.items()},
             "momentum": [{}, {"dampening": 0.1}], "adamw": [{}, {"weight_decay": 0.0}],
             "adam": [{}, {"bias_correction": 0.0}, {"weight_decay": 0.1}],
             "rmsprop": [{}, {"momentum": 0.5}], "adagrad": [{}, {"lr_decay": 0.01}]}


@pytest.mark.parametrize("opt", OPTIMIZER_NAMES)
def test_the_only_english_in_the_equations_is_the_listed_words(opt):
    """A window in another language translates WORDS; every other letter is a symbol or
    a parameter's name, so nothing else can stay English."""
    import re

    from gdstudio.core.explain import WORDS

    problems = [SurfaceProblem(get_surface("rosenbrock"))]
    if opt != "newton":
        data = _data_problem()  # spelled out per parameter; an MLP by layer
        problems += [data, DataProblem(make_model("mlp", 2, hidden=(8, 8), task="regression"),
                                       get_loss("mse"), data.X, data.y)]
    seen = set()
    for problem in problems:
        for hyper in _VARIANTS[opt]:
            t = Trainer(problem, make_optimizer(opt, **hyper), LR[opt] / 10)
            t.step()
            t.step()
            for k in (0, 1):
                e = explain_update(t, k)
                names = set(e.param_names) | set(e.equations)
                lines = [*e.rule, *(x for v in e.equations.values() for x in v)]
                for line in lines:
                    for word in WORDS:
                        line = line.replace(word, " ")
                    for name in sorted(names, key=len, reverse=True):
                        line = line.replace(name, " ")
                    seen.update(re.findall(r"[A-Za-z]{2,}", line))
    assert not seen, f"English left untranslatable in the update card: {sorted(seen)}"
