"""Loss landscapes: L(θ) over a 2-D grid, or over a plane through parameter space.

A one-parameter problem (the parabola, the double well, ŷ = w·x without intercept)
has no plane: its landscape is the curve L(x), from :func:`loss_curve` over the range
:func:`frame_1d` chooses; :func:`default_plane` and :func:`choose_plane` raise
ValueError for it.

For a two-parameter problem the plane is simply the (θ₀, θ₁) axes. For more
parameters a plane through θ is spanned by two directions u, v:
θ(a, b) = origin + a·u + b·v, where u, v are

* two chosen parameter axes (:func:`axes_plane`),
* the first two principal components of the descent path (:func:`pca_plane`), or
* filter-normalised random directions (:func:`random_plane`),

following Li, Xu, Taylor, Studer & Goldstein 2018, "Visualizing the Loss Landscape of
Neural Nets" (NeurIPS). Grids are evaluated in vectorised chunks through
``problem.loss_many``; for MSE linear regression that uses the sufficient statistics
(ΦᵀΦ/n, Φᵀy/n, yᵀy/n), so a grid costs nothing per data point.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gdstudio.core.problems import Problem

__all__ = ["Plane", "Grid", "axes_plane", "pca_plane", "random_plane", "loss_grid",
           "default_plane", "choose_plane", "path_range", "display_values", "display_scale",
           "robust_range", "contour_segments",
           "LandscapeRequest", "LandscapeResult", "frame", "compute_landscape",
           "least_squares_optimum", "PLANE_MODES", "loss_curve", "frame_1d",
           "LandscapeCancelled"]

_CHUNK_ROWS = 16384
#: With a ``should_stop`` callable, a chunk of the grid costs at most about this many
#: (training rows × parameters) per grid point summed — tens of milliseconds — so a
#: cancelled computation ends that soon (an MLP 2-64-64-1 on 500 points: 1 point).
_CANCEL_COST = 2_000_000


class LandscapeCancelled(Exception):
    """A landscape computation was stopped by its ``should_stop`` callable."""


@dataclass(frozen=True)
class Plane:
    """θ(a, b) = origin + a·u + b·v.

    Attributes:
        origin, u, v: ``(p,)`` arrays.
        kind: "axes", "pca" or "random".
        labels: axis titles for a and b (e.g. ``("w", "b")`` or ``("PC1 (93 %)", ...)``).
    """

    origin: np.ndarray
    u: np.ndarray
    v: np.ndarray
    kind: str
    labels: tuple[str, str]

    def point(self, a, b) -> np.ndarray:
        """θ at plane coordinates a, b (arrays broadcasting together) → ``(..., p)``."""
        a = np.asarray(a, dtype=float)[..., None]
        b = np.asarray(b, dtype=float)[..., None]
        return self.origin + a * self.u + b * self.v

    @functools.cached_property
    def _projector(self) -> np.ndarray:
        """``(p, 2)``: the transposed pseudo-inverse of the basis [u v]."""
        return np.linalg.pinv(np.stack((self.u, self.v), axis=1)).T

    @functools.cached_property
    def _identity(self) -> bool:
        """True for the (θ₀, θ₁) axes of a two-parameter problem: projecting is copying."""
        return len(self.origin) == 2 and not np.any(self.origin) and \
            bool(np.array_equal(self._projector, np.eye(2)))

    def project(self, thetas: np.ndarray) -> np.ndarray:
        """Plane coordinates of θ's ``(n, p)`` → ``(n, 2)`` (least squares if off-plane).

        The one projection of GD Studio: paths, θ₀, arrows and frames all use it.
        """
        if self._identity:
            return np.array(thetas, dtype=float)
        return (np.asarray(thetas, dtype=float) - self.origin) @ self._projector

    def project_vector(self, vector: np.ndarray) -> np.ndarray:
        """A direction ``(p,)`` in parameter space (a gradient, a step) → ``(2,)``."""
        return np.asarray(vector, dtype=float) @ self._projector

    @property
    def title(self) -> str:
        return {"axes": "parameter axes", "pca": "PCA plane of the descent path",
                "random": "filter-normalised random plane"}[self.kind]


@dataclass(frozen=True)
class Grid:
    """Loss on a regular grid: ``loss[j, i]`` = L(θ(a[i], b[j])).

    Attributes:
        a: ``(nx,)`` coordinates; b: ``(ny,)``; loss: ``(ny, nx)`` (may hold inf/nan
        where the loss overflows); plane: the :class:`Plane` it lies on.
    """

    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    plane: Plane


def axes_plane(problem: Problem, i: int = 0, j: int = 1,
               origin: np.ndarray | None = None) -> Plane:
    """The plane of parameters i and j through ``origin`` (default: θ = 0).

    With the default origin the plane coordinates are the parameter values themselves.

    Raises:
        ValueError: i == j or an index out of range.
    """
    p = problem.n_params
    if i == j or not (0 <= i < p and 0 <= j < p):
        raise ValueError(f"choose two different parameters among 0 … {p - 1}")
    origin = np.zeros(p) if origin is None else np.array(origin, dtype=float)
    if origin.shape != (p,):
        raise ValueError(f"origin must have {p} values")
    origin = origin.copy()
    origin[[i, j]] = 0.0
    u, v = np.zeros(p), np.zeros(p)
    u[i] = v[j] = 1.0
    names = problem.param_names
    return Plane(origin, u, v, "axes", (names[i], names[j]))


def pca_plane(trajectory: np.ndarray) -> Plane:
    """Plane of the first two principal components of a descent path ``(n, p)``.

    As in Li et al. 2018 §6: the directions are the top two principal components of
    {θ_k − θ_final}, the origin is the final θ; the labels give the share of the path's
    variance each explains.

    Raises:
        ValueError: fewer than 3 points, p < 2, or a point that is not finite.
    """
    traj = np.asarray(trajectory, dtype=float)
    if traj.ndim != 2 or traj.shape[0] < 3 or traj.shape[1] < 2:
        raise ValueError("a PCA plane needs a path of at least 3 points and 2 parameters")
    if not np.all(np.isfinite(traj)):
        raise ValueError("a PCA plane needs a path of finite points")
    origin = traj[-1].copy()
    centred = traj - origin
    _, s, vt = np.linalg.svd(centred - centred.mean(axis=0), full_matrices=False)
    var = s**2
    share = var / var.sum() if var.sum() > 0 else np.zeros_like(var)
    u, v = vt[0], vt[1]
    return Plane(origin, u.copy(), v.copy(), "pca",
                 (f"PC1 ({100 * share[0]:.0f} %)", f"PC2 ({100 * share[1]:.0f} %)"))


_FILTER = re.compile(r"^(W\d+)\[\d+,(\d+)\]$")


def _filters(names: tuple[str, ...]) -> list[list[int]]:
    """Group parameter indices into filters: for a weight matrix W_l[i, j], the incoming
    weights of unit j; the weights ("w", "w1", …) of a linear model are one filter;
    biases are excluded (their direction is set to zero, as in Li et al. 2018)."""
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        m = _FILTER.match(name)
        if m:
            groups.setdefault(f"{m.group(1)}:{m.group(2)}", []).append(k)
        elif not name.startswith("b"):
            groups.setdefault("weights", []).append(k)
    return list(groups.values())


def random_plane(problem: Problem, theta: np.ndarray, seed: int = 0) -> Plane:
    """Two filter-normalised random Gaussian directions through θ (Li et al. 2018 §4).

    Each filter of a random direction d is rescaled to the norm of the same filter of
    θ: d_f ← d_f / ‖d_f‖ · ‖θ_f‖; bias entries are set to zero.

    Raises:
        ValueError: θ is not ``(p,)`` finite numbers.
    """
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (problem.n_params,) or not np.all(np.isfinite(theta)):
        raise ValueError(f"θ must be {problem.n_params} finite numbers, got shape {theta.shape}")
    rng = np.random.default_rng(seed)
    groups = _filters(problem.param_names)
    dirs = []
    for _ in range(2):
        d = np.zeros_like(theta)
        raw = rng.standard_normal(theta.shape)
        for idx in groups:
            norm_d = np.linalg.norm(raw[idx])
            norm_t = np.linalg.norm(theta[idx])
            d[idx] = raw[idx] / norm_d * (norm_t if norm_t > 0 else 1.0)
        dirs.append(d)
    return Plane(theta.copy(), dirs[0], dirs[1], "random", ("direction 1", "direction 2"))


def _need_two(problem: Problem) -> None:
    if problem.n_params < 2:
        raise ValueError(
            f"a one-parameter problem ({', '.join(problem.param_names)}) has no plane: "
            "draw its loss curve with loss_curve and frame_1d")


def default_plane(problem: Problem, theta: np.ndarray | None = None) -> Plane:
    """Parameter axes for a 2-parameter problem; else the first two parameters through θ.

    Raises:
        ValueError: a one-parameter problem (use :func:`loss_curve`).
    """
    _need_two(problem)
    if problem.n_params == 2:
        return axes_plane(problem)
    return axes_plane(problem, 0, 1, theta)


#: How a plane through more than two parameters is chosen (:func:`choose_plane`).
PLANE_MODES = ("pca", "random", "axes")


def choose_plane(problem: Problem, mode: str, theta0: np.ndarray,
                 path: np.ndarray | None = None, current: np.ndarray | None = None,
                 axes: tuple[int, int] = (0, 1), seed: int = 0) -> Plane:
    """The plane to draw a landscape on.

    Two parameters: their own axes, whatever ``mode``. More: ``"pca"`` — the PCA plane
    of the descent ``path`` ``(n, p)`` followed by ``current`` (the parameter axes 0, 1
    through θ₀ until the path has 3 distinct points); ``"random"`` — filter-normalised
    random directions through θ₀ (seeded); ``"axes"`` — parameters ``axes`` through the
    current θ (θ₀ before any step).

    Raises:
        ValueError: an unknown mode, θ's of the wrong length, or a one-parameter
            problem (it has no plane: draw :func:`loss_curve` over :func:`frame_1d`).
    """
    _need_two(problem)
    p = problem.n_params
    if mode not in PLANE_MODES:
        raise ValueError(f"unknown plane {mode!r}; choose one of: {', '.join(PLANE_MODES)}")
    theta0 = np.asarray(theta0, dtype=float)
    if theta0.shape != (p,):
        raise ValueError(f"θ₀ must have {p} values, got shape {theta0.shape}")
    if p == 2:
        return axes_plane(problem)
    now = theta0 if current is None else np.asarray(current, dtype=float)
    if mode == "pca":
        points = np.zeros((0, p)) if path is None else np.asarray(path, dtype=float)
        points = np.vstack((points.reshape(-1, p), now[None, :]))
        if len(points) >= 3 and np.ptp(points, axis=0).max() > 0:
            try:
                return pca_plane(points)
            except (ValueError, np.linalg.LinAlgError):
                pass
        return axes_plane(problem, 0, 1, theta0)
    if mode == "random":
        return random_plane(problem, theta0, seed=seed)
    i, j = axes
    if i == j or not (0 <= i < p and 0 <= j < p):
        i, j = 0, 1
    return axes_plane(problem, i, j, now)


def path_range(points: np.ndarray, margin: float = 0.3,
               min_size: float = 1.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """Bounds ((a_min, a_max), (b_min, b_max)) around plane points ``(n, 2)``.

    Finite points only; each side is widened by ``margin`` of the span and made at
    least ``min_size`` wide.
    """
    pts = np.asarray(points, dtype=float)
    pts = pts[np.all(np.isfinite(pts), axis=1)]
    if len(pts) == 0:
        pts = np.zeros((1, 2))
    out = []
    for lo, hi in zip(pts.min(axis=0), pts.max(axis=0)):
        span = max(hi - lo, min_size)
        mid = (lo + hi) / 2
        half = span * (0.5 + margin)
        out.append((float(mid - half), float(mid + half)))
    return out[0], out[1]


def loss_grid(problem: Problem, plane: Plane, a_range: tuple[float, float],
              b_range: tuple[float, float], resolution: int | tuple[int, int] = 121,
              should_stop: Callable[[], bool] | None = None) -> Grid:
    """Evaluate L over a ``resolution``-point grid on ``plane``.

    Args:
        problem: any problem with ``loss_many``.
        plane: where the grid lies (:func:`axes_plane` etc.).
        a_range, b_range: (min, max) of the plane coordinates.
        resolution: points per axis (an int, or (nx, ny)); at least 2.
        should_stop: called between chunks of the grid (from the computing thread);
            when it returns True the computation stops. The chunks are then small
            enough to take tens of milliseconds each.

    Returns:
        :class:`Grid` with ``loss`` of shape ``(ny, nx)``. No numpy warnings; an
        overflowing loss shows as inf.

    Raises:
        ValueError: a resolution that is not whole numbers ≥ 2, or a range that is empty
            or not finite.
        LandscapeCancelled: ``should_stop`` returned True.
    """
    res = np.atleast_1d(resolution)
    if res.shape not in ((1,), (2,)) or res.dtype.kind not in "iu":
        raise ValueError(f"resolution must be an int or (nx, ny), got {resolution!r}")
    nx, ny = int(res[0]), int(res[-1])
    if nx < 2 or ny < 2:
        raise ValueError("a grid needs at least 2 points per axis")
    if not np.all(np.isfinite([*a_range, *b_range])):
        raise ValueError("the grid ranges must be finite numbers")
    if not (a_range[1] > a_range[0] and b_range[1] > b_range[0]):
        raise ValueError("the grid ranges must have max > min")
    a = np.linspace(*a_range, nx)
    b = np.linspace(*b_range, ny)
    A, B = np.meshgrid(a, b)
    rows = max(1, _CHUNK_ROWS // max(1, problem.n_train or 1) * 64)
    if should_stop is not None:
        cost = max(1, problem.n_train or 1) * max(1, problem.n_params)
        rows = max(1, min(rows, _CANCEL_COST // cost))
    a_flat, b_flat = A.ravel(), B.ravel()
    with np.errstate(all="ignore"):
        out = np.empty(len(a_flat))
        for s in range(0, len(a_flat), rows):
            if should_stop is not None and should_stop():
                raise LandscapeCancelled("the landscape computation was cancelled")
            # θ for this chunk only: all of them at once is (points × p) floats, 0.5 GB
            # for an MLP with 4,417 parameters at resolution 121
            thetas = plane.point(a_flat[s:s + rows], b_flat[s:s + rows])
            out[s:s + rows] = problem.loss_many(thetas)
    out[np.isnan(out)] = np.inf
    return Grid(a, b, out.reshape(ny, nx), plane)


def display_values(loss: np.ndarray) -> tuple[np.ndarray, float]:
    """Log-scaled, finite display values of a loss grid: (log₁₀(L − L_min + δ), L_min).

    δ is 10⁻⁶ of the finite range (at least a tiny absolute value), so the minimum maps
    to a finite floor and a valley stays resolved across many decades. Non-finite
    losses (overflow) show as the largest finite value.
    """
    finite = np.isfinite(loss)
    if not finite.any():
        return np.zeros(loss.shape, np.float32), 0.0
    lo = float(loss[finite].min())
    hi = float(loss[finite].max())
    span = hi - lo
    delta = max(span * 1e-6, abs(lo) * 1e-12, 1e-300)
    shifted = np.where(finite, loss - lo, span) + delta
    return np.log10(shifted).astype(np.float32), lo


def display_scale(loss: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """The colour scale that shows a loss grid's shape: (display, offset, log_scale).

    A valley or bowl whose lowest point lies inside the grid is shown on the log scale
    of :func:`display_values` (it resolves the valley floor across many decades). A
    surface whose lowest grid value lies on the grid's border — one that keeps falling
    beyond the view, such as the saddle x² − y² — would be a flat field on that scale
    (almost every point sits decades above the corner minimum), so it is shown linearly:
    ``display = L − L_min`` (non-finite losses as the largest finite value).
    """
    finite = np.isfinite(loss)
    if loss.ndim != 2 or not finite.any() or min(loss.shape) < 3:
        display, offset = display_values(loss)
        return display, offset, True
    masked = np.where(finite, loss, np.inf)
    j, i = np.unravel_index(int(np.argmin(masked)), loss.shape)
    on_border = j in (0, loss.shape[0] - 1) or i in (0, loss.shape[1] - 1)
    if not on_border:
        display, offset = display_values(loss)
        return display, offset, True
    lo = float(loss[finite].min())
    span = float(loss[finite].max()) - lo
    linear = np.where(finite, loss - lo, span).astype(np.float32)
    return linear, lo, False


def robust_range(display: np.ndarray) -> tuple[float, float]:
    """(low, high) colour levels of a display grid: its 0.5th and 99.5th percentiles, so
    a single deep pixel (the log scale's floor at the minimum) or a few huge corner
    values do not squeeze every other point into one colour; (min, min + 1) for a
    constant grid."""
    if display.size == 0:
        return (0.0, 1.0)
    values = display[np.isfinite(display)]
    if values.size == 0:
        return (0.0, 1.0)
    lo, hi = (float(v) for v in np.percentile(values, [0.5, 99.5]))
    if not hi > lo:
        lo, hi = float(values.min()), float(values.max())
    return (lo, hi if hi > lo else lo + 1.0)


# (edge, edge) pairs crossed for each marching-squares case (corner bits: 1 = (i, j),
# 2 = (i+1, j), 4 = (i+1, j+1), 8 = (i, j+1)); edges 0 bottom, 1 right, 2 top, 3 left.
_PAIRS: dict[tuple[int, int], tuple[int, ...]] = {
    (0, 1): (2, 13, 10), (0, 2): (6, 9), (0, 3): (1, 14, 5),
    (1, 2): (4, 11, 5), (1, 3): (3, 12), (2, 3): (8, 7, 10),
}


def contour_segments(a: np.ndarray, b: np.ndarray, z: np.ndarray,
                     levels: np.ndarray) -> np.ndarray:
    """Contour lines of ``z`` (``(ny, nx)``, finite) at ``levels`` as segment point pairs.

    Args:
        a: ``(nx,)`` x coordinates; b: ``(ny,)`` y coordinates; z: ``(ny, nx)`` values.
        levels: the contour values.

    Returns:
        ``(2m, 2)`` array: rows 2k and 2k+1 are the ends of segment k (plane coordinates).
    """
    z = np.asarray(z, dtype=float)
    z00, z10, z11, z01 = z[:-1, :-1], z[:-1, 1:], z[1:, 1:], z[1:, :-1]
    a0, a1 = a[:-1][None, :], a[1:][None, :]
    b0, b1 = b[:-1][:, None], b[1:][:, None]
    out = []
    for c in np.atleast_1d(levels):
        case = ((z00 > c) * 1 + (z10 > c) * 2 + (z11 > c) * 4 + (z01 > c) * 8).astype(np.int8)
        if not ((case > 0) & (case < 15)).any():
            continue
        for (e1, e2), cases in _PAIRS.items():
            jj, ii = np.nonzero(np.isin(case, cases))
            if len(jj) == 0:
                continue
            ends = [_edge_point(e, jj, ii, c, z00, z10, z11, z01, a0, a1, b0, b1)
                    for e in (e1, e2)]
            seg = np.empty((2 * len(jj), 2))
            seg[0::2] = ends[0]
            seg[1::2] = ends[1]
            out.append(seg)
    return np.concatenate(out) if out else np.zeros((0, 2))


def _edge_point(edge, jj, ii, c, z00, z10, z11, z01, a0, a1, b0, b1) -> np.ndarray:
    """Where level c crosses ``edge`` of the cells (jj, ii), by linear interpolation."""
    x0, x1 = a0[0, ii], a1[0, ii]
    y0, y1 = b0[jj, 0], b1[jj, 0]
    if edge == 0:
        za, zb = z00[jj, ii], z10[jj, ii]
        t = (c - za) / (zb - za)
        return np.column_stack((x0 + t * (x1 - x0), y0))
    if edge == 1:
        za, zb = z10[jj, ii], z11[jj, ii]
        t = (c - za) / (zb - za)
        return np.column_stack((x1, y0 + t * (y1 - y0)))
    if edge == 2:
        za, zb = z01[jj, ii], z11[jj, ii]
        t = (c - za) / (zb - za)
        return np.column_stack((x0 + t * (x1 - x0), y1))
    za, zb = z00[jj, ii], z01[jj, ii]
    t = (c - za) / (zb - za)
    return np.column_stack((x0, y0 + t * (y1 - y0)))


# -- requests and results (computed off the GUI thread by the window) ----------------
@dataclass(frozen=True)
class LandscapeRequest:
    """What to compute: L on a ``resolution``² grid over ``a_range × b_range`` of ``plane``.

    Attributes:
        problem: the problem whose loss is drawn (its ``loss_many`` is used).
        plane: the plane through parameter space (for two parameters, their axes).
        a_range, b_range: (min, max) plane coordinates; None: framed automatically
            (see :func:`frame`) from ``points``, ``bounds`` and ``include_optimum``.
        resolution: grid points per axis (≥ 2).
        n_levels: number of contour levels (evenly spaced in the display scale).
        tag: anything the caller uses to recognise the result (e.g. a generation).
        setup_id: the session's setup the request was made for (a result for another
            setup is stale: drop it, never project it).
        points: ``(n, 2)`` plane points the frame must show (θ₀, descent paths).
        bounds: ((a0, a1), (b0, b1)) the frame must contain (a surface's domain).
        include_optimum: also show the least-squares θ* of a model linear in θ.
        aspect: width / height of the plot in pixels; the frame is widened to match
            so that both axes have the same scale.
        max_span: the frame is never wider than this (None: no limit).
    """

    problem: Problem
    plane: Plane
    a_range: tuple[float, float] | None = None
    b_range: tuple[float, float] | None = None
    resolution: int = 121
    n_levels: int = 14
    tag: Any = None
    setup_id: int = 0
    points: np.ndarray | None = None
    bounds: tuple[tuple[float, float], ...] | None = None
    include_optimum: bool = False
    aspect: float | None = None
    max_span: float | None = None


@dataclass
class LandscapeResult:
    """A computed landscape.

    Attributes:
        request: the :class:`LandscapeRequest` it answers.
        grid: the raw :class:`~gdstudio.core.landscape.Grid` (``loss`` may hold inf).
        display: ``(ny, nx)`` float32, finite everywhere: log₁₀(L − offset + δ), or
            L − offset when ``log_scale`` is False (see :func:`display_scale`).
        offset: the loss subtracted (the grid's smallest loss).
        levels: display values of the contour lines.
        contours: ``(2m, 2)`` segment end points in plane coordinates (pairs).
        error: a message when the computation failed (then the arrays are empty).
    """

    request: LandscapeRequest
    grid: Grid | None
    display: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    offset: float = 0.0
    levels: np.ndarray = field(default_factory=lambda: np.zeros(0))
    contours: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    error: str | None = None
    log_scale: bool = True

    @property
    def display_range(self) -> tuple[float, float]:
        """Colour levels of :attr:`display`: its robust range (:func:`robust_range`)."""
        return robust_range(self.display)


def loss_curve(problem: Problem, x_range: tuple[float, float],
               n: int = 401) -> tuple[np.ndarray, np.ndarray]:
    """The landscape of a one-parameter problem: L(x) at ``n`` evenly spaced x.

    Args:
        problem: a problem with ``n_params == 1`` (any kind: a 1-D surface, or a model
            with one parameter such as ŷ = w·x).
        x_range: (min, max) of the parameter, finite, max > min.
        n: number of points, ≥ 2.

    Returns:
        (x ``(n,)``, L ``(n,)``); L is inf where the loss overflows (no numpy warnings).

    Raises:
        ValueError: a problem with more than one parameter, n < 2, or a bad range.
    """
    if problem.n_params != 1:
        raise ValueError(f"a loss curve needs a one-parameter problem, this one has "
                         f"{problem.n_params}: draw loss_grid on a plane instead")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ValueError(f"a loss curve needs a whole number n ≥ 2 of points, got {n!r}")
    lo, hi = (float(v) for v in x_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        raise ValueError(f"the range must be finite numbers with max > min, got {x_range!r}")
    x = np.linspace(lo, hi, int(n))
    with np.errstate(all="ignore"):
        loss = np.asarray(problem.loss_many(x[:, None]), dtype=float)
    loss[~np.isfinite(loss)] = np.inf
    return x, loss


def frame_1d(theta0: Any, path: np.ndarray | None = None, minima: Any = (),
             bounds: tuple[float, float] | None = None, margin: float = 0.15,
             min_size: float = 1.0) -> tuple[float, float]:
    """The x range (min, max) to draw a one-parameter landscape over.

    Contains θ₀, every finite point of the descent ``path`` (``(n,)`` or ``(n, 1)``),
    the ``minima`` (numbers or 1-tuples, e.g. a surface's ``minima + local_minima``)
    and ``bounds`` (a surface's ``bounds[0]``), widened by ``margin`` of the span on
    each side and to at least ``min_size``. Mirrors :func:`frame` for planes.

    Raises:
        ValueError: θ₀ is not one finite number, or margin/min_size are negative.
    """
    start = np.ravel(np.asarray(theta0, dtype=float))
    if start.shape != (1,) or not math.isfinite(start[0]):
        raise ValueError(f"θ₀ must be one finite number, got {theta0!r}")
    if margin < 0 or min_size < 0:
        raise ValueError("margin and min_size must be ≥ 0")
    pts = [start]
    if path is not None:
        pts.append(np.ravel(np.asarray(path, dtype=float)))
    pts.append(np.ravel(np.asarray(list(minima), dtype=float)))
    if bounds is not None:
        pts.append(np.asarray(bounds, dtype=float).ravel())
    allpts = np.concatenate(pts)
    allpts = allpts[np.isfinite(allpts)]
    lo, hi = float(allpts.min()), float(allpts.max())
    span = hi - lo
    lo, hi = lo - margin * span, hi + margin * span
    if hi - lo < min_size:
        mid = (lo + hi) / 2
        lo, hi = mid - min_size / 2, mid + min_size / 2
    return lo, hi


def least_squares_optimum(problem: Problem) -> np.ndarray | None:
    """θ* of least squares for a model linear in θ (the landscape's natural centre), else
    None; see :meth:`gdstudio.core.problems.Problem.least_squares_theta`."""
    return problem.least_squares_theta()


def frame(request: LandscapeRequest) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (a_range, b_range) a landscape should cover for ``request``.

    Contains the request's points (θ₀, the paths), its bounds (a surface's domain) and,
    with ``include_optimum``, the least-squares θ*; 25 % margin; widened to the plot's
    aspect ratio; at most ``max_span`` wide.
    """
    pts = [np.zeros((0, 2))]
    if request.points is not None and len(request.points):
        pts.append(np.asarray(request.points, dtype=float).reshape(-1, 2))
    if request.include_optimum:
        opt = least_squares_optimum(request.problem)
        if opt is not None:
            pts.append(request.plane.project(opt[None, :]))
    allpts = np.concatenate(pts)
    allpts = allpts[np.all(np.isfinite(allpts), axis=1)]
    if request.bounds is not None:
        (a0, a1), (b0, b1) = request.bounds
        if len(allpts):
            # Keep the domain, add room for points outside it.
            a0, a1 = min(a0, allpts[:, 0].min()), max(a1, allpts[:, 0].max())
            b0, b1 = min(b0, allpts[:, 1].min()), max(b1, allpts[:, 1].max())
            ra, rb = request.bounds[0][1] - request.bounds[0][0], \
                request.bounds[1][1] - request.bounds[1][0]
            if a0 < request.bounds[0][0]:
                a0 -= 0.05 * ra
            if a1 > request.bounds[0][1]:
                a1 += 0.05 * ra
            if b0 < request.bounds[1][0]:
                b0 -= 0.05 * rb
            if b1 > request.bounds[1][1]:
                b1 += 0.05 * rb
    else:
        if not len(allpts):
            allpts = np.zeros((1, 2))
        scale = float(np.abs(allpts).max()) if len(allpts) else 1.0
        (a0, a1), (b0, b1) = path_range(allpts, margin=0.25, min_size=max(1.0, 0.5 * scale))
    ca, cb = (a0 + a1) / 2, (b0 + b1) / 2
    wa, wb = a1 - a0, b1 - b0
    if request.max_span is not None and request.max_span > 0:
        wa, wb = min(wa, request.max_span), min(wb, request.max_span)
    if request.aspect is not None and request.aspect > 0 and wa > 0 and wb > 0:
        if wa / wb < request.aspect:
            wa = wb * request.aspect
        else:
            wb = wa / request.aspect
    return (ca - wa / 2, ca + wa / 2), (cb - wb / 2, cb + wb / 2)


def compute_landscape(request: LandscapeRequest,
                      should_stop: Callable[[], bool] | None = None) -> LandscapeResult:
    """Grid, display values and contours for ``request`` (plain numpy; any thread).

    Errors are returned in :attr:`LandscapeResult.error`, never raised.

    Raises:
        LandscapeCancelled: ``should_stop`` (see :func:`loss_grid`) returned True.
    """
    try:
        with np.errstate(all="ignore"):
            if request.a_range is None or request.b_range is None:
                a_range, b_range = frame(request)
            else:
                a_range, b_range = request.a_range, request.b_range
            grid = loss_grid(request.problem, request.plane, a_range, b_range,
                             request.resolution, should_stop=should_stop)
            display, offset, log_scale = display_scale(grid.loss)
            lo, hi = robust_range(display)
            if not (hi > lo and math.isfinite(hi - lo)) or display.size == 0:
                levels = np.zeros(0)
            else:
                # Evenly spaced in the display scale; the top level stays below the edge.
                levels = np.linspace(lo, hi, request.n_levels + 2)[1:-1]
            contours = contour_segments(grid.a, grid.b, display, levels)
        return LandscapeResult(request, grid, display, offset, levels, contours,
                               log_scale=log_scale)
    except (ValueError, ArithmeticError, np.linalg.LinAlgError, MemoryError) as exc:
        # shown to the user in the landscape's status line, never raised to a thread
        return LandscapeResult(request, None, error=f"cannot compute the landscape: {exc}")
