"""Loss-landscape computation off the GUI thread.

The landscape panel needs, for a problem and a plane through parameter space, the loss
on a grid (:func:`gdstudio.core.landscape.loss_grid`), a display version of it
(log-scaled, finite) and contour lines. :func:`compute_landscape` does all of that as
plain numpy work; :class:`LandscapeJob` runs it on a private one-thread
:class:`~PySide6.QtCore.QThreadPool` and hands the result back to the GUI thread through
a queued signal. Only the newest request matters: a request made while another is
being computed replaces any request still waiting, and results of superseded requests
are dropped.

Contours use a vectorised marching-squares pass (Lorensen & Cline 1987, in its 2-D
form) that returns line segments as point pairs, ready for one
``PlotCurveItem(connect="pairs")``; nothing is traced on the GUI thread.
"""

from __future__ import annotations

import math
import traceback
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from gdstudio.core.landscape import (
    Grid,
    Plane,
    contour_segments,
    display_values,
    loss_grid,
    path_range,
)
from gdstudio.core.problems import Problem

__all__ = ["LandscapeRequest", "LandscapeResult", "LandscapeJob", "compute_landscape",
           "contour_segments", "display_values", "frame", "least_squares_optimum"]


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
    points: np.ndarray | None = None
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    include_optimum: bool = False
    aspect: float | None = None
    max_span: float | None = None


@dataclass
class LandscapeResult:
    """A computed landscape.

    Attributes:
        request: the :class:`LandscapeRequest` it answers.
        grid: the raw :class:`~gdstudio.core.landscape.Grid` (``loss`` may hold inf).
        display: ``(ny, nx)`` float32, log₁₀(L − offset + δ), finite everywhere.
        offset: the loss subtracted before the logarithm (the grid's smallest loss).
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

    @property
    def display_range(self) -> tuple[float, float]:
        """(min, max) of :attr:`display` (for the colour scale)."""
        if self.display.size == 0:
            return (0.0, 1.0)
        lo, hi = float(self.display.min()), float(self.display.max())
        return (lo, hi if hi > lo else lo + 1.0)


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


def compute_landscape(request: LandscapeRequest) -> LandscapeResult:
    """Grid, display values and contours for ``request`` (plain numpy; any thread).

    Errors are returned in :attr:`LandscapeResult.error`, never raised.
    """
    try:
        with np.errstate(all="ignore"):
            if request.a_range is None or request.b_range is None:
                a_range, b_range = frame(request)
            else:
                a_range, b_range = request.a_range, request.b_range
            grid = loss_grid(request.problem, request.plane, a_range, b_range,
                             request.resolution)
            display, offset = display_values(grid.loss)
            lo, hi = float(display.min()), float(display.max())
            if not (hi > lo and math.isfinite(hi - lo)):
                levels = np.zeros(0)
            else:
                # Evenly spaced in the log display; the top level stays below the edge.
                levels = np.linspace(lo, hi, request.n_levels + 2)[1:-1]
            contours = contour_segments(grid.a, grid.b, display, levels)
        return LandscapeResult(request, grid, display, offset, levels, contours)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never crashes the GUI
        traceback.print_exc()
        return LandscapeResult(request, None, error=f"cannot compute the landscape: {exc}")


class _Signaller(QObject):
    done = Signal(object)


class LandscapeJob(QObject):
    """Computes landscapes on a private worker thread, newest request first.

    Signals:
        finished(LandscapeResult): a computation finished (in the GUI thread). Results
            of requests superseded by a newer one are not emitted.

    Call :meth:`shutdown` before the application quits (idempotent): it drops the
    waiting request and waits for the running one.
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(2000)
        self._signaller = _Signaller(self)
        self._signaller.done.connect(self._on_done)
        self._running: LandscapeRequest | None = None
        self._pending: LandscapeRequest | None = None
        self._latest: LandscapeRequest | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        """True while a computation runs or waits."""
        return self._running is not None or self._pending is not None

    def request(self, request: LandscapeRequest) -> None:
        """Compute ``request`` (replacing any request that has not started yet)."""
        if self._closed:
            return
        self._latest = request
        if self._running is None:
            self._start(request)
        else:
            self._pending = request

    def _start(self, request: LandscapeRequest) -> None:
        self._running = request
        done = self._signaller.done
        self._pool.start(lambda: done.emit(compute_landscape(request)))

    @Slot(object)
    def _on_done(self, result: LandscapeResult) -> None:
        self._running = None
        if self._closed:
            return
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(pending)
        if result.request is self._latest:
            self.finished.emit(result)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop accepting requests and wait for the running computation (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._pending = None
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        self._running = None
