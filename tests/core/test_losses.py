"""Tests for gdstudio.core.losses: hand-computed values, gradients, batching, stability."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from gdstudio.core.losses import LOSS_NAMES, Loss, get_loss, sigmoid

ALL_LOSSES = [("mse", {}), ("mae", {}), ("huber", {}), ("huber", {"delta": 0.3})]
ALL_LOSSES += [("logloss", {}), ("hinge", {})]
LOSS_IDS = [name + "".join(f"-{k}={v}" for k, v in p.items()) for name, p in ALL_LOSSES]


@pytest.fixture(params=ALL_LOSSES, ids=LOSS_IDS)
def loss(request) -> Loss:
    name, params = request.param
    return get_loss(name, **params)


def kink_distance(loss: Loss, out: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance of each sample from the loss's non-differentiable points (inf if smooth)."""
    r = out - y
    if loss.name == "mae":
        return np.abs(r)
    if loss.name == "huber":
        return np.abs(np.abs(r) - loss.delta)  # ℓ is C¹ there, but ℓ'' jumps
    if loss.name == "hinge":
        return np.abs(1.0 - (2.0 * y - 1.0) * out)
    return np.full(r.shape, np.inf)


def sample(loss: Loss, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random (out, y) for the loss's task, with every sample ≥ 0.05 from a kink."""
    rng = np.random.default_rng(seed)
    if loss.task == "classification":
        y = rng.integers(0, 2, n).astype(float)
        out = rng.normal(0.0, 3.0, n)
    else:
        y = rng.normal(0.0, 1.0, n)
        out = y + rng.normal(0.0, 2.0, n)
    far = kink_distance(loss, out, y) > 0.05
    return out[far], y[far]


def central_diff_gradient(loss: Loss, out: np.ndarray, y: np.ndarray) -> np.ndarray:
    g = np.empty_like(out)
    for i in range(out.size):
        h = 1e-6 * max(1.0, abs(out[i]))
        up, down = out.copy(), out.copy()
        up[i] += h
        down[i] -= h
        g[i] = (loss.value(up, y) - loss.value(down, y)) / (up[i] - down[i])
    return g


def rel_err(a, b) -> float:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-300))


# --------------------------------------------------------------------------- hand-computed


def test_mse_by_hand():
    mse = get_loss("mse")
    out, y = np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 5.0])  # r = 0, 2, −2
    assert mse.value(out, y) == pytest.approx(8.0 / 3.0, rel=1e-15)  # no ½ (torch MSELoss)
    np.testing.assert_allclose(mse.gradient(out, y), [0.0, 4.0 / 3.0, -4.0 / 3.0], rtol=1e-15)


def test_mae_by_hand():
    mae = get_loss("mae")
    out, y = np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 5.0])
    assert mae.value(out, y) == pytest.approx(4.0 / 3.0, rel=1e-15)
    # subgradient 0 where ŷ = y
    np.testing.assert_array_equal(mae.gradient(out, y), [0.0, 1.0 / 3.0, -1.0 / 3.0])


@pytest.mark.parametrize(
    ("delta", "expected_value"),
    [
        (1.0, (0.0 + 2.5 + 0.125 + 0.5) / 4),  # 3 → δ(3 − δ/2) = 2.5; 1 → ½·1² (at δ)
        (2.0, (0.0 + 4.0 + 0.125 + 0.5) / 4),  # 3 → 2 (3 − 1) = 4
        (0.25, (0.0 + 0.71875 + 0.09375 + 0.21875) / 4),
    ],
)
def test_huber_by_hand(delta, expected_value):
    huber = get_loss("huber", delta=delta)
    out, y = np.array([0.0, 3.0, -0.5, 1.0]), np.zeros(4)
    assert huber.value(out, y) == pytest.approx(expected_value, rel=1e-15)
    expected_grad = np.clip([0.0, 3.0, -0.5, 1.0], -delta, delta) / 4
    np.testing.assert_allclose(huber.gradient(out, y), expected_grad, rtol=1e-15)


def test_huber_limits():
    rng = np.random.default_rng(5)
    out, y = rng.normal(size=50), rng.normal(size=50)
    # δ larger than every residual: Huber = ½ MSE; tiny δ: Huber ≈ δ · MAE
    assert get_loss("huber", delta=100.0).value(out, y) == pytest.approx(
        0.5 * get_loss("mse").value(out, y), rel=1e-14
    )
    assert get_loss("huber", delta=1e-9).value(out, y) == pytest.approx(
        1e-9 * get_loss("mae").value(out, y), rel=1e-6
    )
    assert get_loss("huber").params == {"delta": 1.0}


def test_logloss_by_hand():
    ll = get_loss("logloss")
    assert ll.value(np.array([0.0]), np.array([1.0])) == pytest.approx(math.log(2.0), rel=1e-15)
    z, y = np.array([0.0, 2.0, -1.5, 0.7]), np.array([1.0, 0.0, 0.0, 1.0])
    p = 1.0 / (1.0 + np.exp(-z))
    bce = -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))  # textbook form, fine for small |z|
    assert ll.value(z, y) == pytest.approx(bce.mean(), rel=1e-14)
    np.testing.assert_allclose(ll.gradient(z, y), (p - y) / 4, rtol=1e-14)
    # soft labels: minimised where σ(z) = y
    assert ll.gradient(np.array([math.log(3.0)]), np.array([0.75]))[0] == pytest.approx(
        0.0, abs=1e-15
    )


def test_hinge_by_hand():
    hinge = get_loss("hinge")
    z, y = np.array([2.0, 0.5, -1.0, 0.0]), np.array([1.0, 1.0, 1.0, 0.0])
    # s = 1, 1, 1, −1; 1 − s·z = −1, 0.5, 2, 1
    assert hinge.value(z, y) == pytest.approx((0.0 + 0.5 + 2.0 + 1.0) / 4, rel=1e-15)
    np.testing.assert_array_equal(hinge.gradient(z, y), [0.0, -0.25, -0.25, 0.25])
    # at the margin s·z = 1 the subgradient is 0
    np.testing.assert_array_equal(hinge.gradient(np.array([1.0, -1.0]), np.array([1.0, 0.0])), 0.0)


# --------------------------------------------------------------------------- gradients


def test_gradient_matches_central_differences(loss):
    for seed in range(4):
        out, y = sample(loss, 30, seed)
        g = loss.gradient(out, y)
        assert g.shape == out.shape
        assert rel_err(g, central_diff_gradient(loss, out, y)) <= 1e-6


def test_value_and_gradient_agree_with_value_and_gradient(loss):
    out, y = sample(loss, 40, seed=7)
    v, g = loss.value_and_gradient(out, y)
    assert v == loss.value(out, y)
    np.testing.assert_array_equal(g, loss.gradient(out, y))
    batch = np.stack([out, out + 0.3, -out])
    v, g = loss.value_and_gradient(batch, y)
    np.testing.assert_array_equal(v, loss.value(batch, y))
    np.testing.assert_array_equal(g, loss.gradient(batch, y))


def test_value_is_a_scalar_for_one_output_vector(loss):
    out, y = sample(loss, 10, seed=8)
    v = loss.value(out, y)
    assert isinstance(v, float) and np.ndim(v) == 0


def test_batched_rows_equal_row_wise_results(loss):
    rng = np.random.default_rng(9)
    out, y = sample(loss, 25, seed=9)
    batch = out + rng.normal(0.0, 1.0, (6, out.size))
    values = loss.value(batch, y)
    grads = loss.gradient(batch, y)
    assert values.shape == (6,) and grads.shape == batch.shape
    for r in range(6):
        assert values[r] == pytest.approx(loss.value(batch[r], y), rel=1e-14)
        np.testing.assert_allclose(grads[r], loss.gradient(batch[r], y), rtol=1e-14)


def test_inputs_are_not_modified(loss):
    out, y = sample(loss, 10, seed=10)
    out0, y0 = out.copy(), y.copy()
    loss.value_and_gradient(out, y)
    loss.gradient(out, y)
    np.testing.assert_array_equal(out, out0)
    np.testing.assert_array_equal(y, y0)


def test_tasks():
    for name in LOSS_NAMES:
        expected = "classification" if name in ("logloss", "hinge") else "regression"
        assert get_loss(name).task == expected
        assert get_loss(name).name == name


# --------------------------------------------------------------------------- stability


@pytest.mark.parametrize("z", [800.0, 1e4])
def test_logloss_is_stable_for_huge_logits(z):
    ll = get_loss("logloss")
    out = np.array([z, z, -z, -z])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = np.array([ll.value(out[i : i + 1], y[i : i + 1]) for i in range(4)])
        v, g = ll.value_and_gradient(out, y)
        g2 = ll.gradient(out, y)
    # right side: loss 0; wrong side: loss |z| (−log σ(−z) → z)
    np.testing.assert_array_equal(values, [0.0, z, z, 0.0])
    assert v == pytest.approx(z / 2, rel=1e-15)
    np.testing.assert_array_equal(g, [0.0, 0.25, -0.25, 0.0])
    np.testing.assert_array_equal(g2, g)


def test_logloss_keeps_precision_for_confident_predictions():
    ll = get_loss("logloss")
    # −log(1 − σ(−50)) = log1p(e^−50) ≈ e^−50: tiny but not rounded to 0
    v = ll.value(np.array([-50.0]), np.array([0.0]))
    assert v == pytest.approx(math.exp(-50.0), rel=1e-12)
    g = ll.gradient(np.array([-50.0]), np.array([0.0]))[0]
    assert g == pytest.approx(math.exp(-50.0), rel=1e-12)


def test_sigmoid():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        z = np.array([-1e4, -800.0, -700.0, -5.0, 0.0, 5.0, 800.0, 1e4])
        s = sigmoid(z)
    assert s[4] == 0.5
    np.testing.assert_array_equal(s[[0, 1, 6, 7]], [0.0, 0.0, 1.0, 1.0])
    assert s[2] == pytest.approx(math.exp(-700.0), rel=1e-12)
    np.testing.assert_allclose(s[3] + s[5], 1.0, rtol=1e-15)
    assert np.all(np.diff(s) >= 0)


def test_hinge_and_mae_have_no_warnings_for_extreme_values():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = np.array([-1e300, 1e300, 0.0])
        y = np.array([1.0, 0.0, 1.0])
        assert get_loss("hinge").value(out, y) == pytest.approx(2e300 / 3)
        assert np.all(np.isfinite(get_loss("mae").gradient(out, y)))


# --------------------------------------------------------------------------- registry


def test_get_loss_unknown_name_lists_the_choices():
    assert LOSS_NAMES == ("mse", "mae", "huber", "logloss", "hinge")
    with pytest.raises(ValueError, match="unknown loss 'cross_entropy'") as info:
        get_loss("cross_entropy")
    for name in LOSS_NAMES:
        assert name in str(info.value)


@pytest.mark.parametrize("delta", [0.0, -1.0, float("nan"), float("inf"), "big", None])
def test_huber_rejects_bad_delta(delta):
    with pytest.raises(ValueError, match="delta"):
        get_loss("huber", delta=delta)


def test_get_loss_unknown_parameter():
    with pytest.raises(ValueError, match="valid parameters: none"):
        get_loss("mse", delta=1.0)
    with pytest.raises(ValueError, match="valid parameters: delta"):
        get_loss("huber", epsilon=1.0)
    assert get_loss("huber", delta=2).delta == 2.0
