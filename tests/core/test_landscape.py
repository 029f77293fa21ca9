"""Loss landscapes: grids, the sufficient-statistics path, and planes (Li et al. 2018)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from gdstudio.core.landscape import (
    LandscapeRequest,
    Plane,
    axes_plane,
    compute_landscape,
    contour_segments,
    default_plane,
    display_values,
    frame,
    least_squares_optimum,
    loss_grid,
    path_range,
    pca_plane,
    random_plane,
    robust_range,
)
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.surfaces import SURFACE_NAMES, get_surface
from gdstudio.core.trainer import Trainer


def regression_data(n=120, d=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * np.linspace(0.5, 2.0, d)
    y = X @ np.linspace(-1.0, 2.0, d) + 0.3 + 0.2 * rng.normal(size=n)
    return X, y


def mse_problem(model="linear", d=3, **kw):
    X, y = regression_data(d=d if model == "linear" else 1)
    return DataProblem(make_model(model, X.shape[1], **kw), get_loss("mse"), X, y)


def mlp_problem(hidden=(5, 4)):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    model = make_model("mlp", 2, hidden=hidden, activation="tanh", task="classification")
    return DataProblem(model, get_loss("logloss"), X, y)


def direct_losses(problem, thetas):
    return np.array([problem.loss(t) for t in thetas])


# -- grids --------------------------------------------------------------------------
@pytest.mark.parametrize("name", SURFACE_NAMES)
def test_loss_grid_on_a_surface_equals_its_value(name):
    surface = get_surface(name)
    problem = SurfaceProblem(surface)
    (x0, x1), (y0, y1) = surface.bounds
    grid = loss_grid(problem, axes_plane(problem), (x0, x1), (y0, y1), resolution=(31, 21))
    assert grid.loss.shape == (21, 31)
    np.testing.assert_array_equal(grid.a, np.linspace(x0, x1, 31))
    np.testing.assert_array_equal(grid.b, np.linspace(y0, y1, 21))
    X, Y = np.meshgrid(grid.a, grid.b)
    np.testing.assert_allclose(grid.loss, surface.value(X, Y), rtol=1e-14, atol=1e-14)
    assert grid.loss[3, 7] == pytest.approx(surface.value(grid.a[7], grid.b[3]), rel=1e-14)


def test_loss_grid_int_resolution_is_square():
    problem = SurfaceProblem(get_surface("booth"))
    grid = loss_grid(problem, axes_plane(problem), (-1, 1), (-2, 2), resolution=9)
    assert grid.loss.shape == (9, 9) and grid.plane.kind == "axes"


@pytest.mark.parametrize(("model", "kw"), [
    ("linear", {}), ("polynomial", {"degree": 4}),
])
def test_sufficient_statistics_equal_the_direct_loss(model, kw):
    problem = mse_problem(model, **kw)
    assert problem.quadratic_form() is not None  # the grid uses ΦᵀΦ/n, Φᵀy/n, yᵀy/n
    rng = np.random.default_rng(4)
    thetas = rng.normal(scale=3.0, size=(200, problem.n_params))
    np.testing.assert_allclose(problem.loss_many(thetas), direct_losses(problem, thetas),
                               rtol=1e-10)


def test_sufficient_statistics_grid_equals_the_direct_loss_on_a_plane():
    problem = mse_problem("linear", d=3)
    theta = np.array([0.5, -0.2, 1.0, 0.1])
    plane = random_plane(problem, theta, seed=3)
    grid = loss_grid(problem, plane, (-2, 2), (-1, 3), resolution=(17, 13))
    A, B = np.meshgrid(grid.a, grid.b)
    thetas = plane.point(A.ravel(), B.ravel())
    np.testing.assert_allclose(grid.loss.ravel(), direct_losses(problem, thetas), rtol=1e-10)


@pytest.mark.parametrize("problem", [
    DataProblem(make_model("linear", 3), get_loss("mae"), *regression_data()),
    DataProblem(make_model("linear", 3), get_loss("huber", delta=0.5), *regression_data()),
    mlp_problem(),
], ids=["mae", "huber", "mlp"])
def test_loss_grid_without_sufficient_statistics(problem):
    assert problem.quadratic_form() is None
    theta = problem.default_theta(np.random.default_rng(0))
    plane = random_plane(problem, theta, seed=1)
    grid = loss_grid(problem, plane, (-1, 1), (-1, 1), resolution=7)
    A, B = np.meshgrid(grid.a, grid.b)
    expected = direct_losses(problem, plane.point(A.ravel(), B.ravel()))
    np.testing.assert_allclose(grid.loss.ravel(), expected, rtol=1e-10)


def _no_warnings_grid(problem, plane, a_range, b_range, resolution=9):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):  # loss_grid must handle floating-point trouble itself
            return loss_grid(problem, plane, a_range, b_range, resolution)


@pytest.mark.parametrize("problem", [
    SurfaceProblem(get_surface("rosenbrock")),
    SurfaceProblem(get_surface("beale")),
    mse_problem("linear", d=1),
    mse_problem("polynomial", degree=5),
], ids=["rosenbrock", "beale", "linear", "polynomial"])
def test_grid_with_overflow_gives_inf_not_warnings(problem):
    plane = axes_plane(problem, 0, 1, np.zeros(problem.n_params))
    grid = _no_warnings_grid(problem, plane, (-1e200, 1e200), (-1e200, 1e200))
    assert not np.isnan(grid.loss).any()
    assert np.isinf(grid.loss).any()
    assert np.isfinite(grid.loss[4, 4])  # the centre of the grid is θ = 0


def test_grid_whose_plane_points_overflow():
    problem = mse_problem("linear", d=3)
    plane = random_plane(problem, np.array([30.0, -40.0, 50.0, 1.0]), seed=0)  # ‖u‖ ≈ 71
    grid = _no_warnings_grid(problem, plane, (-1e307, 1e307), (-1e307, 1e307))
    assert not np.isnan(grid.loss).any()
    assert np.isinf(grid.loss).any() and np.isfinite(grid.loss[4, 4])


def test_grid_with_overflow_on_a_random_plane_of_an_mlp():
    problem = mlp_problem()
    plane = random_plane(problem, problem.default_theta(np.random.default_rng(0)))
    grid = _no_warnings_grid(problem, plane, (-1e307, 1e307), (-1e307, 1e307))
    assert not np.isnan(grid.loss).any()
    assert np.isfinite(grid.loss[4, 4])


# -- planes -------------------------------------------------------------------------
def test_axes_plane_coordinates_are_the_parameters():
    problem = mse_problem("linear", d=3)  # w1, w2, w3, b
    plane = axes_plane(problem)
    assert plane.labels == ("w1", "w2") and plane.kind == "axes"
    np.testing.assert_array_equal(plane.point(0.5, -2.0), [0.5, -2.0, 0.0, 0.0])
    theta = np.array([1.0, 2.0, 3.0, 4.0])
    plane = axes_plane(problem, 3, 1, origin=theta)
    assert plane.labels == ("b", "w2")
    np.testing.assert_array_equal(plane.point(-7.0, 8.0), [1.0, 8.0, 3.0, -7.0])
    np.testing.assert_array_equal(plane.project(theta[None]), [[4.0, 2.0]])
    np.testing.assert_array_equal(theta, [1.0, 2.0, 3.0, 4.0])  # origin copied, not changed


def test_default_plane():
    surface = SurfaceProblem(get_surface("booth"))
    plane = default_plane(surface)
    np.testing.assert_array_equal(plane.origin, [0.0, 0.0])
    assert plane.labels == ("x", "y")
    problem = mse_problem("linear", d=2)
    theta = np.array([1.0, 2.0, 3.0])
    plane = default_plane(problem, theta)
    np.testing.assert_array_equal(plane.point(0.0, 0.0), [0.0, 0.0, 3.0])


def _planes():
    problem = mse_problem("linear", d=4)
    rng = np.random.default_rng(8)
    path = rng.normal(size=(10, problem.n_params))
    theta = rng.normal(size=problem.n_params)
    return [axes_plane(problem, 1, 3, theta), pca_plane(path),
            random_plane(problem, theta, seed=5), random_plane(mlp_problem(), np.ones(
                mlp_problem().n_params), seed=2)]


@pytest.mark.parametrize("plane", _planes(), ids=["axes", "pca", "random", "random-mlp"])
def test_point_project_round_trip(plane):
    rng = np.random.default_rng(2)
    ab = rng.normal(size=(25, 2)) * 3
    thetas = plane.point(ab[:, 0], ab[:, 1])
    assert thetas.shape == (25, plane.origin.size)
    np.testing.assert_allclose(plane.project(thetas), ab, rtol=1e-10, atol=1e-10)
    # broadcasting: a grid of coordinates gives a grid of θ
    A, B = np.meshgrid(ab[:4, 0], ab[:3, 1])
    assert plane.point(A, B).shape == (3, 4, plane.origin.size)
    np.testing.assert_allclose(plane.point(0, 0), plane.origin)


def test_pca_plane_of_a_planar_path():
    rng = np.random.default_rng(11)
    p = 6
    final = rng.normal(size=p)
    d1, d2 = rng.normal(size=p), rng.normal(size=p)
    t = np.linspace(0, 1, 40)
    path = final + np.outer((1 - t) ** 2 * 3, d1) + np.outer(np.sin(3 * t) * (1 - t), d2)
    path[-1] = final
    plane = pca_plane(path)
    assert plane.kind == "pca"
    np.testing.assert_array_equal(plane.origin, final)
    basis = np.stack((plane.u, plane.v))
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)  # orthonormal
    # every point of the path, and so its mean displacement, lies on the plane
    np.testing.assert_allclose(plane.point(*plane.project(path).T), path, atol=1e-10)
    mean_disp = (path - final).mean(axis=0)
    np.testing.assert_allclose(basis.T @ (basis @ mean_disp), mean_disp, atol=1e-10)
    assert plane.labels[0].startswith("PC1 (") and plane.labels[1].startswith("PC2 (")
    shares = _shares(path)
    assert plane.labels == (f"PC1 ({shares[0]:.0f} %)", f"PC2 ({shares[1]:.0f} %)")
    assert shares[0] + shares[1] == pytest.approx(100.0)


def _shares(path):
    """Percent of the path's variance along each principal component (numpy.cov)."""
    eig = np.sort(np.linalg.eigvalsh(np.cov(path.T)))[::-1]
    return 100 * eig / eig.sum()


def test_pca_plane_of_a_linear_regression_path():
    X, y = regression_data(n=100, d=2, seed=1)
    problem = DataProblem(make_model("linear", 2), get_loss("mse"), X, y)
    trainer = Trainer(problem, make_optimizer("gd"), 0.05, theta0=[3.0, 3.0, 3.0])
    trainer.run(200)
    path = trainer.history.theta
    plane = pca_plane(path)
    np.testing.assert_array_equal(plane.origin, trainer.theta)
    basis = np.stack((plane.u, plane.v))
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)
    shares = _shares(path)
    assert plane.labels == (f"PC1 ({shares[0]:.0f} %)", f"PC2 ({shares[1]:.0f} %)")
    assert shares[0] + shares[1] > 99.0  # the 3-parameter path is nearly planar
    # ... so it lies close to its PCA plane (only the first steps leave it a little, along
    # the fastest-decaying eigendirection of the Hessian)
    disp = np.linalg.norm(path - path[-1], axis=1)
    off_plane = np.linalg.norm(plane.point(*plane.project(path).T) - path, axis=1)
    assert off_plane.max() < 0.1 * disp.max()
    assert np.sqrt(np.mean(off_plane**2)) < 0.05 * np.sqrt(np.mean(disp**2))
    # what is off the plane is the third component's variance plus the mean's offset
    mean_disp = (path - path[-1]).mean(axis=0)
    mean_off = mean_disp - basis.T @ (basis @ mean_disp)
    assert np.linalg.norm(mean_off) < 0.05 * np.linalg.norm(mean_disp)
    n = len(path)
    third = np.sort(np.linalg.eigvalsh(np.cov(path.T)))[0]
    assert np.sum(off_plane**2) == pytest.approx((n - 1) * third + n * mean_off @ mean_off,
                                                 rel=1e-8)


def test_pca_plane_of_a_straight_path_is_still_a_plane():
    path = np.outer(np.linspace(1, 0, 10), [1.0, 2.0, 2.0])
    plane = pca_plane(path)
    basis = np.stack((plane.u, plane.v))
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)
    assert plane.labels == ("PC1 (100 %)", "PC2 (0 %)")


def _filter_groups(names):
    """Indices of W_l[:, j] for every layer l and unit j, and of all biases."""
    groups, biases = {}, []
    for k, name in enumerate(names):
        if name.startswith("b"):
            biases.append(k)
        else:
            layer, rest = name.split("[")
            j = rest.rstrip("]").split(",")[1]
            groups.setdefault((layer, j), []).append(k)
    return list(groups.values()), biases


def test_random_plane_is_filter_normalised_for_an_mlp():
    problem = mlp_problem(hidden=(5, 4))
    theta = problem.default_theta(np.random.default_rng(3))
    theta[problem.param_names.index("b1[2]")] = 0.7  # biases do not matter
    plane = random_plane(problem, theta, seed=9)
    assert plane.kind == "random"
    np.testing.assert_array_equal(plane.origin, theta)
    groups, biases = _filter_groups(problem.param_names)
    assert len(groups) == 5 + 4 + 1  # one filter per unit of each layer
    assert all(len(g) == f for g, f in zip(groups, [2] * 5 + [5] * 4 + [4]))
    for d in (plane.u, plane.v):
        for g in groups:
            assert np.linalg.norm(d[g]) == pytest.approx(np.linalg.norm(theta[g]), rel=1e-12)
        np.testing.assert_array_equal(d[biases], 0.0)
    assert not np.allclose(plane.u, plane.v)
    # seeded: the same seed gives the same plane, another seed another one
    again = random_plane(problem, theta, seed=9)
    np.testing.assert_array_equal(again.u, plane.u)
    np.testing.assert_array_equal(again.v, plane.v)
    assert not np.allclose(random_plane(problem, theta, seed=10).u, plane.u)


def test_random_plane_of_a_linear_model():
    problem = mse_problem("linear", d=3)
    theta = np.array([0.3, -1.2, 2.0, 5.0])
    plane = random_plane(problem, theta, seed=0)
    for d in (plane.u, plane.v):  # the weights are one filter; the bias is left out
        assert np.linalg.norm(d[:3]) == pytest.approx(np.linalg.norm(theta[:3]), rel=1e-12)
        assert d[3] == 0.0


def test_path_range():
    (a0, a1), (b0, b1) = path_range(np.array([[0.0, 0.0], [2.0, 10.0], [np.nan, 1.0]]))
    assert (a0, a1) == pytest.approx((-0.6, 2.6))  # span 2 widened by 30 % each side
    assert (b0, b1) == pytest.approx((-3.0, 13.0))
    (a0, a1), _ = path_range(np.array([[1.0, 1.0]]), min_size=2.0)
    assert a0 < 1.0 < a1 and a1 - a0 == pytest.approx(2.0 * 1.6)


# -- errors -------------------------------------------------------------------------
BAD_ARGUMENTS = {
    "axes: the same parameter twice": (lambda p: axes_plane(p, 1, 1), "two different"),
    "axes: index too large": (lambda p: axes_plane(p, 0, 4), "two different"),
    "axes: negative index": (lambda p: axes_plane(p, -1, 0), "two different"),
    "axes: origin of the wrong length": (lambda p: axes_plane(p, 0, 1, origin=[1.0, 2.0]),
                                         "4 values"),
    "pca: two points": (lambda p: pca_plane(np.zeros((2, 4))), "at least 3 points"),
    "pca: one parameter": (lambda p: pca_plane(np.zeros((5, 1))), "2 parameters"),
    "pca: not a 2-D array": (lambda p: pca_plane(np.zeros(5)), "at least 3 points"),
    "pca: not finite": (lambda p: pca_plane(np.full((5, 3), np.nan)), "finite"),
    "random: theta of the wrong length": (lambda p: random_plane(p, np.zeros(3)),
                                      "4 finite numbers"),
    "random: theta not finite": (lambda p: random_plane(p, [0.0, np.inf, 0.0, 0.0]), "finite"),
    "grid: resolution 1": (lambda p: loss_grid(p, axes_plane(p), (0, 1), (0, 1), 1),
                           "at least 2"),
    "grid: resolution (5, 1)": (lambda p: loss_grid(p, axes_plane(p), (0, 1), (0, 1), (5, 1)),
                                "at least 2"),
    "grid: fractional resolution": (
        lambda p: loss_grid(p, axes_plane(p), (0, 1), (0, 1), 2.5), "resolution"),
    "grid: three resolutions": (
        lambda p: loss_grid(p, axes_plane(p), (0, 1), (0, 1), (3, 3, 3)), "resolution"),
    "grid: empty range": (lambda p: loss_grid(p, axes_plane(p), (1, 1), (0, 1)), "max > min"),
    "grid: reversed range": (lambda p: loss_grid(p, axes_plane(p), (0, 1), (2, -2)),
                             "max > min"),
    "grid: infinite range": (lambda p: loss_grid(p, axes_plane(p), (0, np.inf), (0, 1)),
                             "finite"),
    "grid: nan range": (lambda p: loss_grid(p, axes_plane(p), (0, 1), (np.nan, 1)), "finite"),
}


@pytest.mark.parametrize("case", list(BAD_ARGUMENTS))
def test_errors_for_bad_arguments(case):
    call, match = BAD_ARGUMENTS[case]
    problem = mse_problem("linear", d=3)  # w1, w2, w3, b
    with pytest.raises(ValueError, match=match):
        call(problem)


def test_plane_titles():
    problem = SurfaceProblem(get_surface("booth"))
    titles = {plane.kind: plane.title for plane in (
        axes_plane(problem), pca_plane(np.array([[0.0, 1], [1, 3], [2, 2.0]])),
        random_plane(problem, np.array([1.0, 2.0])))}
    assert titles == {"axes": "parameter axes", "pca": "PCA plane of the descent path",
                      "random": "filter-normalised random plane"}
    assert isinstance(axes_plane(problem), Plane)


def test_display_values_and_contours_are_core_numpy():
    a = b = np.linspace(-2, 2, 41)
    A, B = np.meshgrid(a, b)
    z = A**2 + B**2
    disp, offset = display_values(np.where(z > 7.9, np.inf, z))
    assert offset == 0.0 and np.all(np.isfinite(disp))
    seg = contour_segments(a, b, z, np.array([1.0]))
    np.testing.assert_allclose(np.hypot(seg[:, 0], seg[:, 1]), 1.0, atol=0.01)


def test_least_squares_theta_frames_linear_models_only():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    y = X @ [1.0, -2.0] + 0.5
    lin = DataProblem(make_model("linear", 2), get_loss("mae"), X, y)
    np.testing.assert_allclose(lin.least_squares_theta(), [1.0, -2.0, 0.5], atol=1e-12)
    logit = DataProblem(make_model("logistic", 2), get_loss("logloss"), X, (y > 0) * 1.0)
    assert logit.least_squares_theta() is None


# -- requests and results (moved from the GUI tests: numpy only) ------------------
def test_display_values_are_finite_and_log_scaled():
    loss = np.array([[0.0, 1.0], [100.0, np.inf]])
    disp, offset = display_values(loss)
    assert np.all(np.isfinite(disp)) and offset == 0.0
    assert disp[0, 0] < disp[0, 1] < disp[1, 0] <= disp[1, 1]


def test_contour_segments_of_a_bowl_are_circles():
    a = b = np.linspace(-2, 2, 81)
    A, B = np.meshgrid(a, b)
    seg = contour_segments(a, b, A**2 + B**2, np.array([1.0]))
    assert len(seg) > 20 and len(seg) % 2 == 0
    np.testing.assert_allclose(np.hypot(seg[:, 0], seg[:, 1]), 1.0, atol=0.01)


def test_compute_landscape_frames_the_least_squares_optimum():
    setup = prepare(Scenario(kind="data", dataset="penguins", learning_rate=0.1,
                             standardize=True))
    problem = setup.problem
    opt = least_squares_optimum(problem)
    assert opt is not None and 600 < opt[0] < 800 and 4000 < opt[1] < 4400
    plane = axes_plane(problem)
    request = LandscapeRequest(problem, plane, points=np.zeros((1, 2)), include_optimum=True,
                               aspect=1.0, resolution=41)
    (a0, a1), (b0, b1) = frame(request)
    assert a0 < 0 < opt[0] < a1 and b0 < 0 < opt[1] < b1
    assert math.isclose(a1 - a0, b1 - b0)
    result = compute_landscape(request)
    assert result.error is None and result.display.shape == (41, 41)
    assert len(result.contours) > 0 and len(result.levels) == request.n_levels


def test_compute_landscape_reports_errors_instead_of_raising():
    problem = prepare(Scenario()).problem
    bad = LandscapeRequest(problem, axes_plane(problem), (1.0, 1.0), (0.0, 1.0))
    result = compute_landscape(bad)
    assert result.grid is None and "landscape" in result.error


# -- the colour scale shows the surface's shape ----------------------------------------
def _top_share(result) -> float:
    """Share of grid points in the top tenth of the colour scale (1: one flat colour)."""
    lo, hi = result.display_range
    return float(np.mean(result.display >= hi - 0.1 * (hi - lo)))


def test_saddle_colour_scale_is_linear_and_not_one_flat_colour():
    problem = SurfaceProblem(get_surface("saddle"))
    request = LandscapeRequest(problem, axes_plane(problem), (-2.0, 2.0), (-2.0, 2.0),
                               resolution=81)
    result = compute_landscape(request)
    assert result.error is None and not result.log_scale
    lo, hi = result.display_range
    assert hi > lo
    # L − min L over the grid spans the saddle's range, and the colours are spread:
    # the log scale put almost every point in the top tenth ("a flat yellow field")
    assert hi - lo == pytest.approx(8.0, rel=0.05)
    assert _top_share(result) < 0.2
    log_display, _ = display_values(result.grid.loss)
    lo_log, hi_log = float(log_display.min()), float(log_display.max())
    assert np.mean(log_display >= hi_log - 0.1 * (hi_log - lo_log)) > 0.5
    assert len(result.contours) > 0


def test_a_bowl_with_its_minimum_inside_keeps_the_log_scale():
    problem = SurfaceProblem(get_surface("rosenbrock"))
    request = LandscapeRequest(problem, axes_plane(problem), (-2.0, 2.0), (-1.0, 3.0),
                               resolution=61)
    result = compute_landscape(request)
    assert result.log_scale
    lo, hi = result.display_range
    # robust levels: the single floor pixel at the minimum does not set the low end
    assert lo > float(result.display.min())
    assert hi > lo


def test_robust_range_of_a_constant_grid_is_not_empty():
    assert robust_range(np.full((5, 5), 3.0, np.float32)) == (3.0, 4.0)
    assert robust_range(np.zeros((0, 0), np.float32)) == (0.0, 1.0)
