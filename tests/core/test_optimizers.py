"""Update rules checked against steps computed by hand (torch.optim's documented rules)."""

import math

import numpy as np
import pytest

from gdstudio.core.optimizers import (
    OPTIMIZER_NAMES,
    make_optimizer,
    optimizer_defaults,
)


def steps(name, grads, theta0, lr, **hp):
    opt = make_optimizer(name, **hp)
    theta = np.array(theta0, dtype=float)
    out = []
    for g in grads:
        opt.step(theta, np.array(g, dtype=float), lr)
        out.append(theta.copy())
    return out, opt


def test_gradient_descent_update():
    (t1, t2), _ = steps("gd", [[2.0, -4.0], [1.0, 1.0]], [1.0, 1.0], 0.1)
    np.testing.assert_array_equal(t1, [0.8, 1.4])
    np.testing.assert_allclose(t2, [0.7, 1.3], rtol=0, atol=1e-15)


def test_gradient_descent_weight_decay_is_added_to_gradient():
    (t1,), _ = steps("gd", [[2.0]], [1.0], 0.1, weight_decay=0.5)
    assert t1[0] == pytest.approx(1.0 - 0.1 * (2.0 + 0.5 * 1.0), abs=1e-15)


def test_momentum_first_step_copies_gradient_then_accumulates():
    # b1 = g1 = 2 ; θ1 = 1 − 0.1·2 = 0.8 ; b2 = 0.9·2 + 1 = 2.8 ; θ2 = 0.8 − 0.28 = 0.52
    (t1, t2), opt = steps("momentum", [[2.0], [1.0]], [1.0], 0.1, momentum=0.9)
    assert t1[0] == pytest.approx(0.8, abs=1e-15)
    assert t2[0] == pytest.approx(0.52, abs=1e-15)
    assert opt.velocity[0] == pytest.approx(2.8, abs=1e-15)


def test_momentum_dampening():
    # b2 = 0.9·2 + (1 − 0.5)·1 = 2.3
    (_, t2), opt = steps("momentum", [[2.0], [1.0]], [1.0], 0.1, momentum=0.9, dampening=0.5)
    assert opt.velocity[0] == pytest.approx(2.3, abs=1e-15)
    assert t2[0] == pytest.approx(0.8 - 0.23, abs=1e-15)


def test_nesterov_uses_g_plus_beta_b():
    # b1 = 2; step1 = 2 + 0.9·2 = 3.8 -> θ1 = 1 − 0.38 = 0.62
    # b2 = 0.9·2 + 1 = 2.8; step2 = 1 + 0.9·2.8 = 3.52 -> θ2 = 0.62 − 0.352 = 0.268
    (t1, t2), _ = steps("nesterov", [[2.0], [1.0]], [1.0], 0.1, momentum=0.9)
    assert t1[0] == pytest.approx(0.62, abs=1e-15)
    assert t2[0] == pytest.approx(0.268, abs=1e-15)


def test_adagrad():
    # G1 = 4: θ1 = 1 − 0.1·2/(2 + 1e-10); G2 = 4 + 9 = 13: θ2 = θ1 − 0.1·3/(√13 + 1e-10)
    (t1, t2), _ = steps("adagrad", [[2.0], [3.0]], [1.0], 0.1)
    e1 = 1 - 0.1 * 2 / (2 + 1e-10)
    assert t1[0] == pytest.approx(e1, abs=1e-15)
    assert t2[0] == pytest.approx(e1 - 0.1 * 3 / (math.sqrt(13) + 1e-10), abs=1e-15)


def test_adagrad_lr_decay():
    (_, t2), _ = steps("adagrad", [[2.0], [3.0]], [1.0], 0.1, lr_decay=0.5)
    e1 = 1 - 0.1 * 2 / (2 + 1e-10)
    assert t2[0] == pytest.approx(e1 - (0.1 / 1.5) * 3 / (math.sqrt(13) + 1e-10), abs=1e-15)


def test_rmsprop():
    # v1 = 0.01·4 = 0.04; θ1 = 1 − 0.01·2/(0.2 + 1e-8)
    # v2 = 0.99·0.04 + 0.01·1 = 0.0496; θ2 = θ1 − 0.01·1/(√0.0496 + 1e-8)
    (t1, t2), _ = steps("rmsprop", [[2.0], [1.0]], [1.0], 0.01)
    e1 = 1 - 0.01 * 2 / (0.2 + 1e-8)
    assert t1[0] == pytest.approx(e1, abs=1e-14)
    assert t2[0] == pytest.approx(e1 - 0.01 / (math.sqrt(0.0496) + 1e-8), abs=1e-14)


def test_rmsprop_rho_and_momentum():
    # rho 0.9: v1 = 0.4, buf1 = 2/(√0.4+eps); θ1 = 1 − 0.1 buf1
    (t1, t2), opt = steps("rmsprop", [[2.0], [1.0]], [1.0], 0.1, rho=0.9, momentum=0.5)
    b1 = 2 / (math.sqrt(0.4) + 1e-8)
    v2 = 0.9 * 0.4 + 0.1 * 1
    b2 = 0.5 * b1 + 1 / (math.sqrt(v2) + 1e-8)
    assert t1[0] == pytest.approx(1 - 0.1 * b1, abs=1e-14)
    assert t2[0] == pytest.approx(1 - 0.1 * b1 - 0.1 * b2, abs=1e-14)
    assert opt.velocity[0] == pytest.approx(b2, abs=1e-14)


def test_adam_bias_corrected_first_steps():
    # m1 = 0.1·2 = 0.2, v1 = 0.001·4 = 0.004; m̂ = 2, v̂ = 4 -> θ1 = 1 − 0.1·2/(2 + 1e-8)
    (t1, t2), _ = steps("adam", [[2.0], [-1.0]], [1.0], 0.1)
    e1 = 1 - 0.1 * 2 / (2 + 1e-8)
    assert t1[0] == pytest.approx(e1, abs=1e-15)
    m2 = 0.9 * 0.2 + 0.1 * -1
    v2 = 0.999 * 0.004 + 0.001 * 1
    mhat, vhat = m2 / (1 - 0.9**2), v2 / (1 - 0.999**2)
    assert t2[0] == pytest.approx(e1 - 0.1 * mhat / (math.sqrt(vhat) + 1e-8), abs=1e-14)


def test_adam_without_bias_correction():
    (t1,), _ = steps("adam", [[2.0]], [1.0], 0.1, bias_correction=0)
    assert t1[0] == pytest.approx(1 - 0.1 * 0.2 / (math.sqrt(0.004) + 1e-8), abs=1e-14)


def test_adam_l2_vs_adamw_decoupled_weight_decay():
    (a1,), _ = steps("adam", [[2.0]], [1.0], 0.1, weight_decay=0.1)  # g = 2.1
    assert a1[0] == pytest.approx(1 - 0.1 * 2.1 / (2.1 + 1e-8), abs=1e-14)
    (w1,), _ = steps("adamw", [[2.0]], [1.0], 0.1, weight_decay=0.1)  # θ·(1 − 0.01) first
    assert w1[0] == pytest.approx(0.99 - 0.1 * 2 / (2 + 1e-8), abs=1e-14)
    assert optimizer_defaults("adamw")["weight_decay"] == 0.01


def test_newton_solves_a_quadratic_in_one_step():
    H = np.array([[2.0, 0.5], [0.5, 1.0]])
    b = np.array([1.0, -2.0])
    theta = np.array([3.0, 4.0])
    grad = H @ theta - b
    make_optimizer("newton").step(theta, grad, 1.0, H)
    np.testing.assert_allclose(theta, np.linalg.solve(H, b), rtol=1e-14)


def test_newton_requires_hessian():
    with pytest.raises(ValueError, match="Hessian"):
        make_optimizer("newton").step(np.zeros(2), np.ones(2), 1.0)


def test_vectorised_learning_rates_match_single_runs():
    lrs = np.array([0.01, 0.1, 0.5])
    grads = [np.array([[1.0, -2.0]] * 3) * (i + 1) for i in range(4)]
    for name in ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"):
        opt = make_optimizer(name)
        theta = np.ones((3, 2))
        for g in grads:
            opt.step(theta, g, lrs[:, None])
        for r, lr in enumerate(lrs):
            single = make_optimizer(name)
            th = np.ones(2)
            for g in grads:
                single.step(th, g[r], lr)
            np.testing.assert_array_equal(theta[r], th, err_msg=name)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_state_dict_round_trip_reproduces_the_path(name):
    rng = np.random.default_rng(1)
    H = np.array([[3.0, 1.0], [1.0, 2.0]])
    opt = make_optimizer(name)
    theta = np.array([1.0, -1.0])
    for _ in range(3):
        opt.step(theta, H @ theta + rng.normal(size=2), 0.05, H)
    saved, saved_theta = opt.state_dict(), theta.copy()
    grads = [H @ theta + rng.normal(size=2) for _ in range(3)]
    for g in grads:
        opt.step(theta, g, 0.05, H)
    first = theta.copy()
    opt.load_state_dict(saved)
    theta = saved_theta
    for g in grads:
        opt.step(theta, g, 0.05, H)
    np.testing.assert_array_equal(theta, first)


def test_unknown_names_and_bad_values_are_rejected():
    with pytest.raises(ValueError, match="choose one of"):
        make_optimizer("sgdd")
    with pytest.raises(ValueError, match="has no hyperparameter 'beta1'"):
        make_optimizer("gd", beta1=0.9)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        make_optimizer("momentum", momentum=1.5)
    with pytest.raises(ValueError, match="eps"):
        make_optimizer("adam", eps=-1)
    with pytest.raises(ValueError, match="momentum > 0"):
        make_optimizer("nesterov", momentum=0)
