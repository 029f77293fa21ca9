"""Tests for gdstudio.core.surfaces: exact derivatives, minima, broadcasting, registry."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdstudio.core.surfaces import SURFACE_NAMES, Surface, get_surface

# every surface with its defaults, plus non-default parameters where it has any
VARIANTS = [(name, {}) for name in SURFACE_NAMES] + [
    ("quadratic", {"condition": 3.5}),
    ("rosenbrock", {"a": -0.5, "b": 20.0}),
    ("rastrigin", {"A": 3.0}),
]
VARIANT_IDS = [name + "".join(f"-{k}={v}" for k, v in p.items()) for name, p in VARIANTS]


@pytest.fixture(params=VARIANTS, ids=VARIANT_IDS)
def surface(request) -> Surface:
    name, params = request.param
    return get_surface(name, **params)


BOUNDED = [(v, i) for v, i in zip(VARIANTS, VARIANT_IDS) if v[0] != "saddle"]


@pytest.fixture(params=[v for v, _ in BOUNDED], ids=[i for _, i in BOUNDED])
def bounded_surface(request) -> Surface:
    """The surfaces that have a global minimum (all but the saddle)."""
    name, params = request.param
    return get_surface(name, **params)


def random_points(s: Surface, k: int, seed: int = 0) -> list[tuple[float, float]]:
    """k points drawn uniformly from the surface's view, as Python floats."""
    rng = np.random.default_rng(seed)
    (x0, x1), (y0, y1) = s.bounds
    return [(float(x), float(y)) for x, y in zip(rng.uniform(x0, x1, k), rng.uniform(y0, y1, k))]


def central_diff(f, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
    """Central differences of f (scalar or tuple valued) along x and along y.

    h = 1e-6 scaled by the coordinate; the step actually taken ((x+h) − (x−h), exact in
    floating point) is used as the divisor.
    """
    hx = 1e-6 * max(1.0, abs(x))
    hy = 1e-6 * max(1.0, abs(y))
    dx = (np.array(f(x + hx, y)) - np.array(f(x - hx, y))) / ((x + hx) - (x - hx))
    dy = (np.array(f(x, y + hy)) - np.array(f(x, y - hy))) / ((y + hy) - (y - hy))
    return dx, dy


def rel_err(a, b) -> float:
    """max |a − b| / max(|a|, |b|) over the components (tiny floor against 0/0)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-12))


def newton(s: Surface, x: float, y: float, steps: int = 30) -> tuple[float, float]:
    """Newton's method on ∇f = 0 with the surface's exact Hessian."""
    for _ in range(steps):
        gx, gy = s.gradient(x, y)
        hxx, hxy, hyy = s.hessian(x, y)
        det = hxx * hyy - hxy * hxy
        x, y = x - (hyy * gx - hxy * gy) / det, y - (hxx * gy - hxy * gx) / det
    return x, y


# --------------------------------------------------------------------------- derivatives


def test_gradient_matches_central_differences(surface):
    for x, y in random_points(surface, 25):
        fd = central_diff(surface.value, x, y)
        assert rel_err(surface.gradient(x, y), fd) <= 1e-6, (x, y)


def test_hessian_matches_central_differences_of_gradient(surface):
    for x, y in random_points(surface, 25, seed=1):
        (hxx_fd, hyx_fd), (hxy_fd, hyy_fd) = central_diff(surface.gradient, x, y)
        hxx, hxy, hyy = surface.hessian(x, y)
        assert rel_err((hxx, hxy, hyy), (hxx_fd, hxy_fd, hyy_fd)) <= 1e-6, (x, y)
        assert rel_err((hxx, hxy, hyy), (hxx_fd, hyx_fd, hyy_fd)) <= 1e-6, (x, y)


def test_derivatives_on_arrays_match_central_differences(surface):
    pts = np.array(random_points(surface, 40, seed=2))
    x, y = pts[:, 0], pts[:, 1]
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    gx_fd = (surface.value(x + h, y) - surface.value(x - h, y)) / ((x + h) - (x - h))
    gx, gy = surface.gradient(x, y)
    assert np.all(np.abs(gx - gx_fd) <= 1e-6 * np.maximum(np.abs(gx), np.abs(gy)))
    h = 1e-6 * np.maximum(1.0, np.abs(y))
    hxy_fd = (surface.gradient(x, y + h)[0] - surface.gradient(x, y - h)[0]) / ((y + h) - (y - h))
    hxx, hxy, hyy = surface.hessian(x, y)
    scale = np.maximum.reduce([np.abs(hxx), np.abs(hxy), np.abs(hyy)])
    assert np.all(np.abs(hxy - hxy_fd) <= 1e-6 * scale)


# --------------------------------------------------------------------------- floats vs arrays


def test_float_inputs_give_scalars(surface):
    x, y = random_points(surface, 1, seed=3)[0]
    results = [surface.value(x, y), *surface.gradient(x, y), *surface.hessian(x, y)]
    for r in results:
        assert isinstance(r, float), type(r)  # Python float or np.float64, not an array


def test_array_calls_agree_with_float_calls(surface):
    (x0, x1), (y0, y1) = surface.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, 7), np.linspace(y0, y1, 5))
    value = surface.value(X, Y)
    grad = surface.gradient(X, Y)
    hess = surface.hessian(X, Y)
    assert value.shape == X.shape
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            x, y = float(X[i, j]), float(Y[i, j])
            np.testing.assert_allclose(value[i, j], surface.value(x, y), rtol=1e-14, atol=1e-12)
            for arr, ref in zip(grad + hess, surface.gradient(x, y) + surface.hessian(x, y)):
                np.testing.assert_allclose(arr[i, j], ref, rtol=1e-14, atol=1e-12)


@pytest.mark.parametrize(
    ("xshape", "yshape", "shape"),
    [((4, 1), (1, 3), (4, 3)), ((6,), (6,), (6,)), ((), (5,), (5,)), ((5,), (), (5,))],
)
def test_outputs_have_the_broadcast_shape(surface, xshape, yshape, shape):
    x = np.full(xshape, 0.3)
    y = np.full(yshape, -0.4)
    outputs = [surface.value(x, y), *surface.gradient(x, y), *surface.hessian(x, y)]
    for out in outputs:
        assert np.shape(out) == shape
    assert np.all(np.isfinite(np.array(outputs)))


def test_gradient_never_returns_the_input_array(surface):
    x = np.array([0.5, -1.0])
    y = np.array([0.25, 0.75])
    for out in [*surface.gradient(x, y), *surface.hessian(x, y)]:
        out += 1.0  # writable, and must not write through to x or y
    np.testing.assert_array_equal(x, [0.5, -1.0])
    np.testing.assert_array_equal(y, [0.25, 0.75])


def test_view_grid_evaluates_without_warnings(surface):
    (x0, x1), (y0, y1) = surface.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, 101), np.linspace(y0, y1, 101))
    assert np.all(np.isfinite(surface.value(X, Y)))
    assert all(np.all(np.isfinite(g)) for g in surface.gradient(X, Y))


# --------------------------------------------------------------------------- minima and starts


def test_minima_have_min_value_and_zero_gradient(bounded_surface):
    surface = bounded_surface
    assert len(surface.minima) >= 1
    for x, y in surface.minima:
        assert surface.value(x, y) == pytest.approx(surface.min_value, rel=1e-14, abs=1e-12)
        gx, gy = surface.gradient(x, y)
        assert math.hypot(gx, gy) < 1e-9
        hxx, hxy, hyy = surface.hessian(x, y)
        assert hxx > 0 and hxx * hyy - hxy * hxy > 0  # a strict local minimum


def test_minima_are_the_lowest_values_on_the_view(bounded_surface):
    surface = bounded_surface
    (x0, x1), (y0, y1) = surface.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, 401), np.linspace(y0, y1, 401))
    assert surface.value(X, Y).min() >= surface.min_value - 1e-12


def test_start_is_inside_the_view_and_not_a_minimum(surface):
    (x0, x1), (y0, y1) = surface.bounds
    x, y = surface.start
    assert x0 < x < x1 and y0 < y < y1
    assert math.hypot(*surface.gradient(x, y)) > 1e-3
    if surface.min_value is not None:
        assert surface.value(x, y) > surface.min_value + 1e-3
    for mx, my in surface.minima:
        assert x0 <= mx <= x1 and y0 <= my <= y1


def test_himmelblau_minima_to_full_precision():
    s = get_surface("himmelblau")
    spec = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    assert len(s.minima) == 4
    for (x, y), (sx, sy) in zip(s.minima, spec):
        assert (x, y) == pytest.approx((sx, sy), abs=1e-6)
        nx, ny = newton(s, sx, sy)
        assert (x, y) == pytest.approx((nx, ny), rel=1e-14, abs=1e-15)
        assert s.value(x, y) < 1e-25


def test_six_hump_camel_minima_to_full_precision():
    s = get_surface("six_hump_camel")
    assert s.min_value == -1.031628453489877
    assert len(s.minima) == 2
    (x1, y1), (x2, y2) = s.minima
    assert (x1, y1) == (-x2, -y2)  # f(x, y) = f(−x, −y)
    assert (x1, y1) == pytest.approx((0.0898, -0.7126), abs=1e-4)
    assert (x1, y1) == pytest.approx(newton(s, 0.09, -0.71), rel=1e-14)
    assert s.value(x1, y1) == pytest.approx(-1.031628453489877, rel=1e-15)


def test_styblinski_tang_global_minimum():
    s = get_surface("styblinski_tang")
    (x, y) = s.minima[0]
    assert (x, y) == pytest.approx(newton(s, -2.9, -2.9), rel=1e-14)
    assert s.min_value == pytest.approx(s.value(x, y), rel=1e-15)
    # SFU quotes f* ≈ −39.16599 d, rounded; the exact value is −39.1661657… d
    assert s.min_value == pytest.approx(-39.16599 * 2, rel=1e-5)


def test_rosenbrock_minimum_follows_its_parameters():
    s = get_surface("rosenbrock", a=2.0, b=5.0)
    assert s.minima == ((2.0, 4.0),)
    assert s.value(2.0, 4.0) == 0.0
    assert s.gradient(2.0, 4.0) == (0.0, 0.0)
    assert get_surface("rosenbrock").formula == "(1 − x)² + 100 (y − x²)²"


@pytest.mark.parametrize("condition", [1.0, 2.5, 10.0, 1000.0])
def test_quadratic_hessian_eigenvalue_ratio_is_the_condition_number(condition):
    s = get_surface("quadratic", condition=condition)
    for x, y in [(0.3, -2.0), (7.0, 1.5)]:
        hxx, hxy, hyy = s.hessian(x, y)
        eig = np.linalg.eigvalsh(np.array([[hxx, hxy], [hxy, hyy]]))
        assert eig.max() / eig.min() == pytest.approx(condition, rel=1e-12)


def test_quadratic_default_condition_is_ten():
    s = get_surface("quadratic")
    assert s.params == {"condition": 10.0}
    assert s.hessian(1.0, 1.0) == (1.0, 0.0, 10.0)


def test_saddle_has_no_minimum():
    s = get_surface("saddle")
    assert s.minima == ()
    assert s.min_value is None
    assert s.gradient(0.0, 0.0) == (0.0, 0.0)
    hxx, hxy, hyy = s.hessian(0.0, 0.0)
    eig = np.linalg.eigvalsh(np.array([[hxx, hxy], [hxy, hyy]]))
    assert eig[0] < 0 < eig[1]


def test_plain_gradient_descent_reaches_a_minimum_on_rosenbrock():
    s = get_surface("rosenbrock")
    x, y = s.start
    for _ in range(30_000):
        gx, gy = s.gradient(x, y)
        x, y = x - 1e-3 * gx, y - 1e-3 * gy
    assert (x, y) == pytest.approx((1.0, 1.0), abs=1e-3)


# --------------------------------------------------------------------------- registry


def test_registry_has_the_required_surfaces():
    required = {
        "quadratic",
        "rosenbrock",
        "beale",
        "booth",
        "himmelblau",
        "rastrigin",
        "saddle",
        "six_hump_camel",
    }
    assert required <= set(SURFACE_NAMES)
    for name in SURFACE_NAMES:
        s = get_surface(name)
        assert s.name == name and s.title and s.formula
        again = get_surface(name, **s.params)
        assert again.params == s.params and again.formula == s.formula


def test_get_surface_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match="unknown surface 'banana'") as info:
        get_surface("banana")
    for name in SURFACE_NAMES:
        assert name in str(info.value)


def test_get_surface_unknown_parameter_lists_the_valid_ones():
    with pytest.raises(ValueError, match="condition") as info:
        get_surface("quadratic", kappa=3.0)
    assert "'kappa'" in str(info.value)
    with pytest.raises(ValueError, match="valid parameters: none"):
        get_surface("booth", a=1.0)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("quadratic", {"condition": 0.5}),
        ("quadratic", {"condition": float("inf")}),
        ("quadratic", {"condition": "ten"}),
        ("rosenbrock", {"b": 0.0}),
        ("rosenbrock", {"a": float("nan")}),
        ("rastrigin", {"A": -1.0}),
    ],
)
def test_get_surface_invalid_parameter_values(name, params):
    with pytest.raises(ValueError, match=next(iter(params))):
        get_surface(name, **params)
