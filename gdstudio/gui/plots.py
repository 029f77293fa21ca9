"""Live plots: loss curve, loss landscape with the descent path, data view and readout.

The plots never compute anything numerical beyond drawing: the per-step numbers come
from the worker's :class:`~gdstudio.gui.worker.StepBatch` es, the landscape grid from
:mod:`gdstudio.gui.landscape_job`, and the model's fit from the core's
``model.predict``. Drawing follows the house rules:

* per-run data live in :class:`RunTrace`: preallocated numpy buffers that double their
  capacity when full (:class:`GrowingBuffer`);
* each plot's ``refresh`` calls ``setData`` once per frame (the main window coalesces
  batches to at most ~60 frames a second);
* long curves use ``setClipToView(True)``, peak downsampling, width-1 pens and
  ``skipFiniteCheck=True`` (the trainer records finite numbers only);
* a descent path is one line plus one head marker; contours are computed once per
  landscape, off the GUI thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QGraphicsItem, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gdstudio.core.landscape import Plane

__all__ = [
    "OKABE_ITO", "run_color", "GrowingBuffer", "RunTrace", "LossCurvePlot", "LandscapePlot",
    "DataPlot", "Readout", "format_number",
]

#: The Okabe–Ito colour-blind-safe palette, one colour per comparison run (max 8).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")

#: Heat map of the landscape: perceptually uniform, dark = low loss.
LANDSCAPE_CMAP = "viridis"
#: Probability of class 1 in the data view: perceptually uniform diverging blue–red.
BOUNDARY_CMAP = "CET-D1"
CLASS_COLORS = ("#2C6DB5", "#C0392B")

_AXIS_FONT = QFont()
_AXIS_FONT.setPointSize(10)
_LABEL_STYLE = {"font-size": "11pt", "color": "#222"}
_TITLE_STYLE = {"size": "11pt", "color": "#222"}
#: At most this many points of a descent path are drawn (evenly thinned, last kept).
MAX_PATH_POINTS = 4000
LONG_PATH_POINTS = 1500


def run_color(index: int) -> str:
    """The Okabe–Ito colour of run ``index`` (wrapping after 8)."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def format_number(value: float, digits: int = 4) -> str:
    """Compact human formatting: 0.1234, 1.234e-05, 4201.8, 1.5e+07; '—' for None/nan."""
    if value is None:
        return "—"
    value = float(value)
    if not math.isfinite(value):
        return "—" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    mag = abs(value)
    if 1e-3 <= mag < 1e5:
        text = f"{value:.{digits}g}"
    else:
        text = f"{value:.{max(digits - 1, 1)}e}"
        mant, exp = text.split("e")
        text = f"{mant}e{int(exp)}"
    return text.replace("-", "−")


# ---------------------------------------------------------------------- buffers
class GrowingBuffer:
    """A preallocated numpy array that doubles its capacity when full.

    Args:
        shape: the shape of one row (``()`` for scalars, ``(p,)`` for vectors).
        dtype: element type.
        capacity: initial number of rows.

    ``data`` is a view of the rows appended so far: ``(n, *shape)``.
    """

    def __init__(self, shape: tuple[int, ...] = (), dtype: Any = float,
                 capacity: int = 1024) -> None:
        self._array = np.empty((max(int(capacity), 1), *shape), dtype=dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def data(self) -> np.ndarray:
        """The rows appended so far, ``(n, *shape)`` (a view: valid until the next append)."""
        return self._array[:self._n]

    @property
    def capacity(self) -> int:
        """Rows that fit before the next reallocation."""
        return len(self._array)

    def append(self, rows: np.ndarray) -> None:
        """Append ``rows`` of shape ``(m, *shape)`` (copied)."""
        rows = np.asarray(rows)
        m = len(rows)
        if m == 0:
            return
        need = self._n + m
        if need > len(self._array):
            cap = len(self._array)
            while cap < need:
                cap *= 2
            grown = np.empty((cap, *self._array.shape[1:]), dtype=self._array.dtype)
            grown[:self._n] = self._array[:self._n]
            self._array = grown
        self._array[self._n:need] = rows
        self._n = need

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` rows (no reallocation)."""
        self._n = max(0, min(int(n), self._n))

    def keep(self, mask: np.ndarray) -> None:
        """Keep only the rows where ``mask`` (``(n,)`` bool) is True, in order."""
        kept = self._array[:self._n][mask]
        self._n = len(kept)
        self._array[:self._n] = kept


# -------------------------------------------------------------------- run trace
@dataclass
class _Current:
    step: int = 0
    epoch: int = 0
    loss: float = math.nan
    lr: float = math.nan
    grad_norm: float = math.nan
    theta: np.ndarray | None = None
    prev_theta: np.ndarray | None = None
    grad: np.ndarray | None = None
    full_grad: np.ndarray | None = None
    velocity: np.ndarray | None = None
    status: str = "ready"
    diverged_at: int | None = None


class RunTrace:
    """Everything the plots draw about one run, appended batch by batch.

    Attributes:
        name, color: legend text and Okabe–Ito colour.
        steps, loss, log_loss, test_loss, grad_norm: per-step buffers ``(n,)``.
        current: the latest values (θ, gradients, velocity, status, ...).

    θ is kept for every step while the run is short; beyond ``max_floats`` numbers
    (long runs of large models) only every ``stride``-th step is kept, the stride
    doubling as needed, so memory stays bounded. ``path`` holds those θ projected on
    the landscape plane: ``(n_kept, 2)``.
    """

    def __init__(self, name: str, color: str, n_params: int, has_test: bool,
                 max_floats: int = 4_000_000) -> None:
        self.name = name
        self.color = color
        self.n_params = n_params
        self.has_test = has_test
        self.steps = GrowingBuffer((), np.int64)
        self.loss = GrowingBuffer()
        self.log_loss = GrowingBuffer()
        self.test_loss = GrowingBuffer() if has_test else None
        self.grad_norm = GrowingBuffer()
        self.theta_steps = GrowingBuffer((), np.int64)
        self.theta = GrowingBuffer((n_params,))
        self.path = GrowingBuffer((2,))
        self.stride = 1
        self.max_rows = max(2048, max_floats // max(n_params, 1))
        self.min_loss = math.inf
        self.loss_range = (math.inf, -math.inf)  # finite (min, max) of train and test loss
        self.current = _Current()
        self._plane: Plane | None = None
        self._pinv: np.ndarray | None = None
        self._identity = False

    def __len__(self) -> int:
        return len(self.loss)

    # -- plane ---------------------------------------------------------------------
    def set_plane(self, plane: Plane | None) -> None:
        """Project the kept θ onto ``plane`` (None: no landscape)."""
        self._plane = plane
        if plane is None:
            self._pinv = None
            self.path.truncate(0)
            return
        self._pinv = np.linalg.pinv(np.stack((plane.u, plane.v), axis=1)).T  # (p, 2)
        self._identity = self.n_params == 2 and not np.any(plane.origin) and \
            np.array_equal(self._pinv, np.eye(2))
        self.path.truncate(0)
        self.path.append(self.project(self.theta.data))

    def project(self, thetas: np.ndarray) -> np.ndarray:
        """Plane coordinates of θ's ``(n, p)`` → ``(n, 2)``."""
        if self._plane is None or self._pinv is None:
            return np.zeros((len(thetas), 2))
        if self._identity:  # two parameters on their own axes: nothing to project
            return np.asarray(thetas, dtype=float)
        return (np.asarray(thetas, dtype=float) - self._plane.origin) @ self._pinv

    def project_vector(self, vec: np.ndarray) -> np.ndarray:
        """A direction in parameter space projected on the plane: ``(p,)`` → ``(2,)``."""
        if self._pinv is None:
            return np.zeros(2)
        return np.asarray(vec, dtype=float) @ self._pinv

    # -- data ----------------------------------------------------------------------
    def append_batch(self, rb: Any) -> None:
        """Append the rows of a :class:`~gdstudio.gui.worker.RunBatch` and its current values."""
        steps = np.asarray(rb.steps, dtype=np.int64)
        m = len(steps)
        cur = self.current
        if m:
            loss = np.asarray(rb.loss, dtype=float)
            self.steps.append(steps)
            self.loss.append(loss)
            self.log_loss.append(np.log10(np.maximum(loss, 1e-300)))
            self.min_loss = min(self.min_loss, float(loss.min()))
            self._widen_range(loss)
            if self.test_loss is not None:
                tl = rb.test_loss
                self.test_loss.append(np.full(m, np.nan) if tl is None else tl)
                if tl is not None:
                    self._widen_range(np.asarray(tl, dtype=float))
            self.grad_norm.append(rb.grad_norm)
            theta = np.asarray(rb.theta, dtype=float).reshape(m, self.n_params)
            cur.prev_theta = theta[-2].copy() if m >= 2 else (
                None if cur.theta is None else cur.theta.copy())
            if self.stride == 1:
                kept_steps, kept = steps, theta
            else:
                keep = steps % self.stride == 0
                kept_steps, kept = steps[keep], theta[keep]
            if len(kept):
                self.theta_steps.append(kept_steps)
                self.theta.append(kept)
                if self._plane is not None:
                    self.path.append(self.project(kept))
            self._compact()
            cur.grad_norm = float(rb.grad_norm[-1])
        cur.step = int(rb.step_count)
        cur.epoch = int(rb.epoch_now)
        cur.loss = float(rb.loss_now)
        cur.lr = float(rb.lr_now)
        cur.theta = np.array(rb.current_theta, dtype=float)
        cur.grad = None if rb.current_grad is None else np.array(rb.current_grad, float)
        cur.full_grad = None if rb.full_grad is None else np.array(rb.full_grad, float)
        cur.velocity = None if rb.velocity is None else np.array(rb.velocity, float)
        cur.status = rb.status
        cur.diverged_at = rb.diverged_at
        if not m and len(self.grad_norm):
            cur.grad_norm = float(self.grad_norm.data[-1])

    def _widen_range(self, values: np.ndarray) -> None:
        finite = values[np.isfinite(values)]
        if len(finite):
            lo, hi = self.loss_range
            self.loss_range = (min(lo, float(finite.min())), max(hi, float(finite.max())))

    def _compact(self) -> None:
        while len(self.theta) > self.max_rows:
            self.stride *= 2
            mask = self.theta_steps.data % self.stride == 0
            mask[-1] = True  # the newest row stays until the next batch
            self.theta_steps.keep(mask)
            self.theta.keep(mask)
            if len(self.path) == len(mask):
                self.path.keep(mask)
            else:
                self.path.truncate(0)
                self.path.append(self.project(self.theta.data))

    def truncate(self, step: int) -> None:
        """Drop every row with step ≥ ``step`` (rewind / reset)."""
        n = int(np.searchsorted(self.steps.data, step, side="left"))
        self.steps.truncate(n)
        self.loss.truncate(n)
        self.log_loss.truncate(n)
        if self.test_loss is not None:
            self.test_loss.truncate(n)
        self.grad_norm.truncate(n)
        k = int(np.searchsorted(self.theta_steps.data, step, side="left"))
        self.theta_steps.truncate(k)
        self.theta.truncate(k)
        self.path.truncate(k)
        self.min_loss = float(self.loss.data.min()) if n else math.inf
        self.loss_range = (math.inf, -math.inf)
        self._widen_range(self.loss.data)
        if self.test_loss is not None:
            self._widen_range(self.test_loss.data)
        cur = self.current
        if n:
            cur.step = int(self.steps.data[-1])
            cur.loss = float(self.loss.data[-1])
            cur.grad_norm = float(self.grad_norm.data[-1])
        if k:
            cur.theta = self.theta.data[-1].copy()
            cur.prev_theta = self.theta.data[-2].copy() if k >= 2 and self.stride == 1 else None


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def log_tick_strings(axis: pg.AxisItem, values: list[float]) -> list[str]:
    """Labels for a log₁₀ axis: 10ⁿ at the powers of ten when the axis spans a decade or
    more (also 2 and 5 times them below 2.5 decades; other ticks unlabelled), else every
    tick's value (2 significant digits)."""
    lo, hi = sorted(axis.range)
    out = []
    for v in values:
        mantissa = 10.0 ** (v - math.floor(v + 1e-9))
        if 1.0 <= hi - lo < 2.5 and any(abs(mantissa - m) < 1e-6 for m in (2.0, 5.0)):
            out.append(_power_label(v))
        elif hi - lo >= 1.0:
            n = round(v)
            if abs(v - n) > 1e-6:
                out.append("")
            elif n == 0:
                out.append("1")
            elif n == 1:
                out.append("10")
            else:
                out.append("10" + str(int(n)).translate(_SUPERSCRIPT))
        else:
            out.append(_power_label(v))
    return out


def _power_label(v: float) -> str:
    """10**v as '0.05', '200' or '2·10⁷' (two significant digits)."""
    value = 10.0 ** v
    if 1e-3 <= value < 1e5:
        return f"{value:.2g}"
    n = math.floor(v + 1e-9)
    mant = f"{value / 10.0 ** n:.2g}"
    return ("" if mant == "1" else f"{mant}·") + "10" + str(n).translate(_SUPERSCRIPT)


class LossAxis(pg.AxisItem):
    """An axis whose log mode labels powers of ten (see :func:`log_tick_strings`)."""

    def logTickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph
                       spacing: float) -> list[str]:
        return log_tick_strings(self, values)


def _style_plot(plot: pg.PlotItem, bottom: str, left: str) -> None:
    plot.showGrid(x=True, y=True, alpha=0.25)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTickFont(_AXIS_FONT)
        axis.setPen(pg.mkPen("#444"))
        axis.setTextPen(pg.mkPen("#222"))
        # Axes (with their grid lines) repaint only when their range changes, not on
        # every frame of a growing curve.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.setLabel("bottom", bottom, **_LABEL_STYLE)
    plot.setLabel("left", left, **_LABEL_STYLE)


def _pen(color: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
         cosmetic: bool = True) -> Any:
    pen = pg.mkPen(color, width=width, style=style)
    pen.setCosmetic(cosmetic)
    return pen


# ------------------------------------------------------------------ loss curve
class LossCurvePlot(pg.PlotWidget):
    """Training (solid) and test (dashed) loss per step for every run, log-y optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w", axisItems={"left": LossAxis("left")})
        self.setMinimumSize(200, 140)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        _style_plot(self.plot_item, "step k", "loss L(θₖ)")
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)
        self.plot_item.setTitle("Loss curve", **_TITLE_STYLE)
        # The legend sits below the plot, where it never hides a curve.
        self.legend = pg.LegendItem(labelTextSize="10pt", labelTextColor="#222",
                                    horSpacing=12, verSpacing=-6)
        self.plot_item.layout.addItem(self.legend, 4, 1)
        self._curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem | None]] = []
        self._log_wanted = True
        self._log = False
        self.plot_item.setMouseEnabled(x=True, y=True)
        # Long curves: draw only what is in view, at most a few points per pixel.
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        # The step axis grows in 1-2-5 jumps rather than every frame, so the axis and
        # its grid are redrawn only now and then; a user's zoom turns that off.
        self._x_max: float | None = None
        self._y_range: tuple[float, float] | None = None
        self._x_follow = True
        self.plot_item.vb.sigRangeChangedManually.connect(self._on_manual_range)

    def _on_manual_range(self, *_: Any) -> None:
        self._x_follow = False

    @property
    def log_y(self) -> bool:
        """Whether the y axis currently shows log₁₀ of the loss."""
        return self._log

    def set_runs(self, runs: list[RunTrace]) -> None:
        """One train (and test) curve per run, in the run's colour."""
        for train, test in self._curves:
            self.plot_item.removeItem(train)
            if test is not None:
                self.plot_item.removeItem(test)
        self.legend.clear()
        self._curves = []
        for run in runs:
            train = self._make_curve(_pen(run.color, 2 if len(runs) == 1 else 1.5), run.name)
            self.legend.addItem(train, run.name)
            test = None
            if run.has_test:
                test = self._make_curve(_pen(run.color, 1, Qt.PenStyle.DashLine),
                                        f"{run.name} (test)")
            self._curves.append((train, test))
        self._x_max, self._y_range, self._x_follow = None, None, True
        if runs and runs[0].has_test:
            self._test_sample = pg.PlotDataItem(pen=_pen("#444", 1, Qt.PenStyle.DashLine))
            self.legend.addItem(self._test_sample, "dashed: loss on the test set")
        self.plot_item.enableAutoRange()

    def _make_curve(self, pen: Any, name: str) -> pg.PlotDataItem:
        curve = pg.PlotDataItem(pen=pen, skipFiniteCheck=True, name=name, antialias=True)
        self.plot_item.addItem(curve)  # applies the plot's clip-to-view and downsampling
        return curve

    def set_log_y(self, on: bool) -> None:
        """Ask for a log₁₀ y axis (used whenever every loss so far is positive)."""
        self._log_wanted = bool(on)

    def refresh(self, runs: list[RunTrace]) -> None:
        """setData of every curve (once per frame)."""
        log = self._log_wanted and all(r.min_loss > 0 for r in runs)
        if log != self._log:
            self._log = log
            self.plot_item.getAxis("left").setLogMode(False, log)
            self._x_max = self._y_range = None
        for run, (train, test) in zip(runs, self._curves):
            x = run.steps.data
            y = run.log_loss.data if log else run.loss.data
            train.setData(x, y)
            if test is not None and run.test_loss is not None:
                t = run.test_loss.data
                if log:
                    t = np.log10(np.maximum(t, 1e-300))
                test.setData(x, t, skipFiniteCheck=False)
        if self._x_follow:
            self._follow(runs, log)

    def _follow(self, runs: list[RunTrace], log: bool) -> None:
        """Set the view to the data, changing it only when the data leave it (so the
        axes and their grid are redrawn now and then, not every frame)."""
        vb = self.plot_item.vb
        last = max((int(run.steps.data[-1]) for run in runs if len(run.steps)), default=0)
        if self._x_max is None or last > self._x_max or last < self._x_max / 5:
            self._x_max = _nice_ceiling(max(1.2 * last, 10.0))
            vb.setXRange(0, self._x_max, padding=0.02)
        lo = min((r.loss_range[0] for r in runs), default=math.inf)
        hi = max((r.loss_range[1] for r in runs), default=-math.inf)
        if not lo <= hi:
            return
        if log:
            lo, hi = math.log10(max(lo, 1e-300)), math.log10(max(hi, 1e-300))
        shown = self._y_range
        if shown is None or lo < shown[0] or hi > shown[1] or \
                (hi - lo) < 0.25 * (shown[1] - shown[0]):
            pad = max(0.08 * (hi - lo), 0.15 if log else 1e-12 + 1e-9 * abs(hi))
            self._y_range = (lo - pad, hi + pad)
            vb.setYRange(*self._y_range, padding=0)


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ᵏ that is ≥ value (value > 0)."""
    exp = math.floor(math.log10(value))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * 10.0**exp >= value:
            return m * 10.0**exp
    return 10.0 ** (exp + 1)  # pragma: no cover - unreachable


# ------------------------------------------------------------------ landscape
class _Arrow:
    """A line from a point plus an arrow head (fixed pixel size) at its tip."""

    def __init__(self, plot: pg.PlotItem, color: str, width: float = 2.5,
                 style: Qt.PenStyle = Qt.PenStyle.SolidLine, z: float = 20) -> None:
        self.line = pg.PlotCurveItem(pen=_pen(color, width, style), skipFiniteCheck=True)
        self.head = pg.ArrowItem(angle=0, headLen=13, tipAngle=32, tailLen=None,
                                 brush=pg.mkBrush(color), pen=pg.mkPen("#111", width=0.8))
        self.line.setZValue(z)
        self.head.setZValue(z + 1)
        plot.addItem(self.line)
        plot.addItem(self.head)
        self.visible = False
        self.set_visible(False)
        self.start = np.zeros(2)
        self.end = np.zeros(2)

    def set_visible(self, on: bool) -> None:
        self.visible = on
        self.line.setVisible(on)
        self.head.setVisible(on)

    def set(self, start: np.ndarray, vector: np.ndarray, px: tuple[float, float]) -> None:
        """Arrow from ``start`` along ``vector`` (plane units); ``px``: units per pixel."""
        self.start = np.asarray(start, float)
        self.end = self.start + np.asarray(vector, float)
        if not (np.all(np.isfinite(self.end)) and np.all(np.isfinite(self.start))):
            self.set_visible(False)
            return
        self.line.setData(np.array([self.start[0], self.end[0]]),
                          np.array([self.start[1], self.end[1]]))
        self.head.setPos(float(self.end[0]), float(self.end[1]))
        self.reorient(px)
        self.set_visible(True)

    def reorient(self, px: tuple[float, float]) -> None:
        """Point the head along the line as drawn on screen (y grows downwards there)."""
        d = self.end - self.start
        ux = d[0] / px[0] if px[0] else 0.0
        uy = -d[1] / px[1] if px[1] else 0.0
        if ux == 0 and uy == 0:
            return
        self.head.setStyle(angle=math.degrees(math.atan2(-uy, -ux)))


class LandscapePlot(pg.PlotWidget):
    """Heat map and contours of L over a plane, with every run's descent path.

    Signals:
        startPointClicked(float, float): a left click inside the grid, in plane
            coordinates (the main window makes it the new θ₀).
        hoverText(str): "θ = … L ≈ …" for the point under the mouse.
        titleChanged(str): the landscape's title (shown above the plot by the window).

    For the focus run it draws the −∇L arrow (the mini-batch gradient for mini-batch
    variants, plus the full-batch gradient dashed), the velocity of momentum methods
    (all three share one scale, the longest 15 % of the view) and the actual update
    θₖ − θₖ₋₁ to scale.
    """

    startPointClicked = Signal(float, float)
    hoverText = Signal(str)
    titleChanged = Signal(str)

    GRAD_COLOR = "#FFFFFF"
    FULL_GRAD_COLOR = "#7FFFFF"
    VELOCITY_COLOR = "#FF66CC"
    UPDATE_COLOR = "#FF3030"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumSize(260, 220)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        _style_plot(self.plot_item, "θ₀", "θ₁")
        self.plot_item.showGrid(x=False, y=False)
        self.cmap = pg.colormap.get(LANDSCAPE_CMAP)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(self.cmap)
        self.image.setZValue(-10)
        self.plot_item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=self.cmap, interactive=False,
                                        width=14, pen="#444", label="")
        self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        self.colorbar.axis.setLogMode(False, True)
        self.colorbar.axis.enableAutoSIPrefix(False)
        self.colorbar.axis.logTickStrings = (
            lambda values, scale, spacing, axis=self.colorbar.axis: log_tick_strings(axis, values))
        self.colorbar.axis.setTickFont(_AXIS_FONT)
        self.colorbar.axis.setTextPen(pg.mkPen("#222"))
        self.colorbar.axis.setLabel("L − min L", **_LABEL_STYLE)
        self.colorbar.axis.setWidth(76)
        self.contours = pg.PlotCurveItem(pen=_pen("#FFFFFF", 1), connect="pairs",
                                         skipFiniteCheck=True)
        self.contours.setOpacity(0.45)
        self.contours.setZValue(-5)
        self.plot_item.addItem(self.contours)
        # The heat map and contours change only with the landscape, not with every
        # frame of training: cache them as pixmaps so a frame repaints just the paths.
        for item in (self.image, self.contours, self.colorbar):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.minima = pg.ScatterPlotItem(symbol="star", size=15, pen=pg.mkPen("#111"),
                                         brush=pg.mkBrush("#FFFFFF"))
        self.minima.setZValue(5)
        self.plot_item.addItem(self.minima)
        self.start_marker = pg.ScatterPlotItem(symbol="o", size=11, pen=pg.mkPen("#111", width=2),
                                               brush=pg.mkBrush(255, 255, 255, 200))
        self.start_marker.setZValue(6)
        self.plot_item.addItem(self.start_marker)
        self._paths: list[tuple[pg.PlotDataItem, pg.ScatterPlotItem]] = []
        self.arrows = {
            "grad": _Arrow(self.plot_item, self.GRAD_COLOR, 2.5),
            "full_grad": _Arrow(self.plot_item, self.FULL_GRAD_COLOR, 2.0,
                                Qt.PenStyle.DashLine),
            "velocity": _Arrow(self.plot_item, self.VELOCITY_COLOR, 2.5),
            "update": _Arrow(self.plot_item, self.UPDATE_COLOR, 3.0, z=22),
        }
        self.arrow_legend = pg.LegendItem(offset=(8, 8), labelTextSize="9pt",
                                          brush=pg.mkBrush(30, 30, 30, 170),
                                          labelTextColor="#FFFFFF", pen=pg.mkPen("#888"))
        self.arrow_legend.setParentItem(self.plot_item.vb)
        self.arrow_legend.setZValue(50)
        self.arrow_legend.setVisible(False)
        self._legend_samples: dict[str, pg.PlotDataItem] = {}
        self.result: Any = None
        self.plane: Plane | None = None
        self._arrow_vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._last_refresh: tuple[list[RunTrace], int] | None = None
        self.show_arrows = True
        self.plot_item.vb.sigRangeChanged.connect(self._on_range_changed)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot_item.vb.setDefaultPadding(0.0)

    # -- landscape -----------------------------------------------------------------
    def set_plane(self, plane: Plane | None, title: str = "") -> None:
        """The plane the paths are drawn in; axis labels from ``plane.labels``."""
        self.plane = plane
        if plane is not None:
            a, b = plane.labels
            self.plot_item.setLabel("bottom", a, **_LABEL_STYLE)
            self.plot_item.setLabel("left", b, **_LABEL_STYLE)
        if title:
            self.titleChanged.emit(title)

    def clear_landscape(self) -> None:
        """Remove the heat map and contours (e.g. while a new one is computed)."""
        self.result = None
        self.image.clear()
        self.contours.setData([], [])

    def set_result(self, result: Any) -> None:
        """Show a :class:`~gdstudio.gui.landscape_job.LandscapeResult`."""
        if result is None or result.grid is None:
            self.clear_landscape()
            return
        self.result = result
        grid = result.grid
        a, b = grid.a, grid.b
        da = (a[-1] - a[0]) / max(len(a) - 1, 1)
        db = (b[-1] - b[0]) / max(len(b) - 1, 1)
        lo, hi = result.display_range
        self.image.setImage(result.display, autoLevels=False, levels=(lo, hi))
        self.image.setRect(QRectF(a[0] - da / 2, b[0] - db / 2, a[-1] - a[0] + da,
                                  b[-1] - b[0] + db))
        self.colorbar.setLevels((lo, hi))
        seg = result.contours
        if len(seg):
            self.contours.setData(seg[:, 0], seg[:, 1], connect="pairs")
        else:
            self.contours.setData([], [])
        self.plot_item.vb.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0)

    def set_minima(self, points: np.ndarray | None) -> None:
        """Star markers at known minimisers (plane coordinates ``(k, 2)``)."""
        if points is None or len(points) == 0:
            self.minima.setData([], [])
        else:
            pts = np.asarray(points, float)
            self.minima.setData(pts[:, 0], pts[:, 1])

    def grid_extent(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """((a_min, a_max), (b_min, b_max)) of the landscape shown, or None."""
        if self.result is None or self.result.grid is None:
            return None
        g = self.result.grid
        return (float(g.a[0]), float(g.a[-1])), (float(g.b[0]), float(g.b[-1]))

    def loss_at(self, a: float, b: float) -> float | None:
        """L at plane point (a, b) read from the grid (nearest grid point), or None."""
        if self.result is None or self.result.grid is None:
            return None
        g = self.result.grid
        if not (g.a[0] <= a <= g.a[-1] and g.b[0] <= b <= g.b[-1]):
            return None
        i = int(round((a - g.a[0]) / (g.a[-1] - g.a[0]) * (len(g.a) - 1)))
        j = int(round((b - g.b[0]) / (g.b[-1] - g.b[0]) * (len(g.b) - 1)))
        return float(g.loss[j, i])

    # -- runs ----------------------------------------------------------------------
    def set_runs(self, runs: list[RunTrace]) -> None:
        """One path line and head marker per run."""
        for line, head in self._paths:
            self.plot_item.removeItem(line)
            self.plot_item.removeItem(head)
        self._paths = []
        for i, run in enumerate(runs):
            line = pg.PlotDataItem(pen=_pen(run.color, 3.0), antialias=True,
                                   shadowPen=_pen("#00000080", 5.0), skipFiniteCheck=True)
            line.setZValue(10 + len(runs) - i)
            head = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen("#111", width=1.5),
                                      brush=pg.mkBrush(run.color))
            head.setZValue(30 + len(runs) - i)
            self.plot_item.addItem(line)
            self.plot_item.addItem(head)
            self._paths.append((line, head))
        self._arrow_vectors = {}
        for arrow in self.arrows.values():
            arrow.set_visible(False)
        self._update_arrow_legend()

    def refresh(self, runs: list[RunTrace], focus: int = 0) -> None:
        """Redraw paths, heads, θ₀ marker and the focus run's arrows (once per frame)."""
        self._last_refresh = (runs, focus)
        for run, (line, head) in zip(runs, self._paths):
            path = run.path.data
            n = len(path)
            if n == 0 or run.current.theta is None:
                line.setData([], [])
                head.setData([], [])
                continue
            if n > MAX_PATH_POINTS:
                # evenly thinned, first and last points kept (linspace's end points)
                path = path[np.linspace(0, n - 1, MAX_PATH_POINTS).astype(np.intp)]
            long_path = n > LONG_PATH_POINTS
            if long_path != getattr(line, "long_path", False):
                # a long path is drawn with a thin pen, without shadow or antialiasing
                # (a thick antialiased pen costs several times more per segment)
                line.long_path = long_path
                line.setPen(_pen(run.color, 1.5 if long_path else 3.0))
                line.setShadowPen(None if long_path else _pen("#00000080", 5.0))
                line.opts["antialias"] = not long_path
            line.setData(path[:, 0], path[:, 1])
            tip = run.project(run.current.theta[None, :])[0]
            head.setData([tip[0]], [tip[1]])
        if runs and len(runs[0].path):
            p0 = runs[0].path.data[0]
            self.start_marker.setData([p0[0]], [p0[1]])
        else:
            self.start_marker.setData([], [])
        self._set_arrows(runs[focus] if 0 <= focus < len(runs) else None)

    def _set_arrows(self, run: RunTrace | None) -> None:
        vecs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        cur = None if run is None else run.current
        if run is not None and cur is not None and cur.theta is not None and self.show_arrows:
            origin = run.project(cur.theta[None, :])[0]
            grads = {}
            if cur.grad is not None:
                grads["grad"] = -run.project_vector(cur.grad)
            if cur.full_grad is not None:
                grads["full_grad"] = -run.project_vector(cur.full_grad)
            if cur.velocity is not None and np.any(cur.velocity):
                grads["velocity"] = -run.project_vector(cur.velocity)
            for key, vec in grads.items():
                vecs[key] = (origin, vec)
            if cur.prev_theta is not None and cur.step > 0:
                prev = run.project(cur.prev_theta[None, :])[0]
                vecs["update"] = (prev, origin - prev)
        self._arrow_vectors = vecs
        self._draw_arrows()

    def _draw_arrows(self) -> None:
        vb = self.plot_item.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = max(x1 - x0, 1e-300), max(y1 - y0, 1e-300)
        px = vb.viewPixelSize()
        scale_keys = [k for k in ("grad", "full_grad", "velocity") if k in self._arrow_vectors]
        longest = max((math.hypot(v[0] / w, v[1] / h)
                       for k in scale_keys for v in [self._arrow_vectors[k][1]]), default=0.0)
        factor = 0.15 / longest if longest > 0 and math.isfinite(longest) else 0.0
        for key, arrow in self.arrows.items():
            if key not in self._arrow_vectors:
                arrow.set_visible(False)
                continue
            start, vec = self._arrow_vectors[key]
            if key != "update":
                vec = vec * factor
            if not np.any(vec):
                arrow.set_visible(False)
                continue
            arrow.set(start, vec, px)
        self._update_arrow_legend()

    def _update_arrow_legend(self) -> None:
        names = {"grad": "−∇L (direction)", "full_grad": "−∇L full batch",
                 "velocity": "−velocity (momentum)", "update": "update θₖ − θₖ₋₁"}
        if "full_grad" in self._arrow_vectors:
            names["grad"] = "−∇L mini-batch"
        shown = [k for k in names if k in self._arrow_vectors and self.arrows[k].visible]
        if list(self._legend_samples) == shown and all(
                self._legend_samples[k].name() == names[k] for k in shown):
            return
        self.arrow_legend.clear()
        self._legend_samples = {}
        for key in shown:
            arrow = self.arrows[key]
            sample = pg.PlotDataItem(pen=arrow.line.opts["pen"], name=names[key])
            self._legend_samples[key] = sample
            self.arrow_legend.addItem(sample, names[key])
        self.arrow_legend.setVisible(bool(shown))

    def _on_range_changed(self, *args: Any) -> None:
        if self._arrow_vectors:
            self._draw_arrows()

    # -- mouse ---------------------------------------------------------------------
    def _on_mouse_moved(self, pos: QPointF) -> None:
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        a, b = p.x(), p.y()
        text = self._describe_point(a, b)
        self.setToolTip("")
        self.hoverText.emit(text)

    def _describe_point(self, a: float, b: float) -> str:
        labels = ("a", "b") if self.plane is None else self.plane.labels
        text = f"{labels[0]} = {format_number(a)}, {labels[1]} = {format_number(b)}"
        loss = self.loss_at(a, b)
        if loss is not None:
            text += f"   L ≈ {format_number(loss)}"
        return text

    def _on_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        extent = self.grid_extent()
        if extent is None:
            return
        (a0, a1), (b0, b1) = extent
        if a0 <= p.x() <= a1 and b0 <= p.y() <= b1:
            self.startPointClicked.emit(float(p.x()), float(p.y()))


# ------------------------------------------------------------------ data view
class DataPlot(pg.PlotWidget):
    """The dataset (original units) and the current model's fit, live.

    * regression with one feature: the points and each run's fitted curve;
    * classification with two features: the points by class, the focus run's
      probability of class 1 as a heat map and each run's decision boundary (p = ½);
    * classification with one feature: the points (0/1) and each run's σ(z) curve;
    * anything else: predicted against actual targets for the focus run.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumSize(200, 140)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        _style_plot(self.plot_item, "x", "y")
        self.plot_item.setTitle("Data and fit", **_TITLE_STYLE)
        self.legend = self.plot_item.addLegend(offset=(8, 8), labelTextSize="9pt",
                                               labelTextColor="#222",
                                               brush=pg.mkBrush(255, 255, 255, 210),
                                               pen=pg.mkPen("#bbb"))
        self.setup: Any = None
        self.mode = "none"
        self._items: list[Any] = []
        self._fits: list[pg.PlotDataItem] = []
        self._image: pg.ImageItem | None = None
        self._grid: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._xgrid: np.ndarray | None = None

    def _clear(self) -> None:
        for item in self._items:
            self.plot_item.removeItem(item)
        self.legend.clear()
        self._items = []
        self._fits = []
        self._image = None
        self._grid = None
        self._xgrid = None

    def set_setup(self, setup: Any, runs: list[RunTrace]) -> None:
        """Show ``setup``'s dataset (None: a surface, nothing to show) with one fit per run."""
        self._clear()
        self.setup = setup
        ds = None if setup is None else setup.dataset
        if ds is None:
            self.mode = "none"
            self.plot_item.setTitle("Data and fit: no data (analytic surface)", **_TITLE_STYLE)
            self.plot_item.setLabel("bottom", "")
            self.plot_item.setLabel("left", "")
            return
        self.plot_item.setTitle(f"Data: {ds.name} ({ds.n_samples} rows)", **_TITLE_STYLE)
        d, task = ds.n_features, ds.task
        if task == "regression" and d == 1:
            self.mode = "curve"
        elif task == "classification" and d == 2:
            self.mode = "boundary"
        elif task == "classification" and d == 1:
            self.mode = "proba"
        else:
            self.mode = "parity"
        train, test = setup.train, setup.test
        if self.mode in ("curve", "proba"):
            self.plot_item.setLabel("bottom", ds.feature_names[0], **_LABEL_STYLE)
            self.plot_item.setLabel("left", ds.target_name if self.mode == "curve"
                                    else f"P({ds.class_names[1] if ds.class_names else '1'})",
                                    **_LABEL_STYLE)
            self._scatter(train.X[:, 0], train.y, "#555555", "o", "training data")
            if test is not None:
                self._scatter(test.X[:, 0], test.y, "#555555", "t", "test data", hollow=True)
            lo, hi = float(ds.X[:, 0].min()), float(ds.X[:, 0].max())
            pad = 0.05 * (hi - lo or 1.0)
            self._xgrid = np.linspace(lo - pad, hi + pad, 300)
            for run in runs:
                fit = pg.PlotDataItem(pen=_pen(run.color, 3 if len(runs) == 1 else 2.5),
                                      skipFiniteCheck=True, antialias=True)
                fit.setZValue(10)
                self._add(fit)
                if len(runs) == 1:
                    self.legend.addItem(fit, "model's prediction ŷ")
                self._fits.append(fit)
        elif self.mode == "boundary":
            self.plot_item.setLabel("bottom", ds.feature_names[0], **_LABEL_STYLE)
            self.plot_item.setLabel("left", ds.feature_names[1], **_LABEL_STYLE)
            x0, x1 = float(ds.X[:, 0].min()), float(ds.X[:, 0].max())
            y0, y1 = float(ds.X[:, 1].min()), float(ds.X[:, 1].max())
            px, py = 0.08 * (x1 - x0 or 1.0), 0.08 * (y1 - y0 or 1.0)
            gx = np.linspace(x0 - px, x1 + px, 110)
            gy = np.linspace(y0 - py, y1 + py, 110)
            GX, GY = np.meshgrid(gx, gy)
            self._grid = (gx, gy, setup.features(np.column_stack((GX.ravel(), GY.ravel()))))
            self._image = pg.ImageItem(axisOrder="row-major")
            self._image.setColorMap(pg.colormap.get(BOUNDARY_CMAP))
            self._image.setOpacity(0.55)
            self._image.setZValue(-10)
            dx, dy = gx[1] - gx[0], gy[1] - gy[0]
            self._image_rect = QRectF(gx[0] - dx / 2, gy[0] - dy / 2, gx[-1] - gx[0] + dx,
                                      gy[-1] - gy[0] + dy)
            self._add(self._image)
            names = ds.class_names or ("class 0", "class 1")
            for cls in (0, 1):
                m = train.y == cls
                self._scatter(train.X[m, 0], train.X[m, 1], CLASS_COLORS[cls],
                              "o" if cls == 0 else "s", names[cls])
                if test is not None:
                    mt = test.y == cls
                    self._scatter(test.X[mt, 0], test.X[mt, 1], CLASS_COLORS[cls],
                                  "o" if cls == 0 else "s", None, hollow=True)
            for i, run in enumerate(runs):
                fit = pg.PlotCurveItem(pen=_pen(run.color if len(runs) > 1 else "#111111", 2.5),
                                       connect="pairs", skipFiniteCheck=True, antialias=True)
                fit.setZValue(10)
                self._add(fit)
                if i == 0:
                    self.legend.addItem(pg.PlotDataItem(pen=fit.opts["pen"]),
                                        "decision boundary p = ½")
                self._fits.append(fit)
            self.plot_item.vb.setRange(xRange=(gx[0], gx[-1]), yRange=(gy[0], gy[-1]),
                                       padding=0)
        else:
            self.plot_item.setLabel("bottom", f"actual {ds.target_name}", **_LABEL_STYLE)
            self.plot_item.setLabel("left", f"predicted {ds.target_name}"
                                    if task == "regression" else "P(class 1)", **_LABEL_STYLE)
            lo, hi = float(ds.y.min()), float(ds.y.max())
            diag = pg.PlotDataItem([lo, hi], [lo, hi], pen=_pen("#999", 1, Qt.PenStyle.DashLine))
            self._add(diag)
            fit = pg.ScatterPlotItem(size=6, pen=None,
                                     brush=pg.mkBrush(runs[0].color if runs else "#333"))
            self._add(fit)
            self.legend.addItem(fit, "prediction (focus run)")
            self._fits.append(fit)
        if self.mode != "boundary":
            self.plot_item.enableAutoRange()

    def _add(self, item: Any) -> None:
        self.plot_item.addItem(item)
        self._items.append(item)

    def _scatter(self, x: np.ndarray, y: np.ndarray, color: str, symbol: str,
                 name: str | None, hollow: bool = False) -> None:
        c = QColor(color)
        brush = pg.mkBrush(None) if hollow else pg.mkBrush(c.red(), c.green(), c.blue(), 150)
        item = pg.ScatterPlotItem(x=x, y=y, size=7, symbol=symbol, brush=brush,
                                  pen=pg.mkPen(c, width=1 if not hollow else 1.5))
        self._add(item)
        if name:
            self.legend.addItem(item, name)

    def refresh(self, runs: list[RunTrace], focus: int = 0) -> None:
        """Recompute the fit from each run's current θ (``model.predict``) and redraw."""
        setup = self.setup
        if setup is None or setup.dataset is None or setup.model is None:
            return
        model = setup.model
        with np.errstate(all="ignore"):
            if self.mode in ("curve", "proba") and self._xgrid is not None:
                Xg = setup.features(self._xgrid[:, None])
                for run, fit in zip(runs, self._fits):
                    theta = run.current.theta
                    if theta is None:
                        continue
                    y = model.predict(theta, Xg)
                    ok = np.isfinite(y)
                    fit.setData(self._xgrid[ok], y[ok])
            elif self.mode == "boundary" and self._grid is not None:
                gx, gy, Xg = self._grid
                from gdstudio.core.landscape import contour_segments
                for i, (run, fit) in enumerate(zip(runs, self._fits)):
                    theta = run.current.theta
                    if theta is None:
                        continue
                    p = np.nan_to_num(model.predict(theta, Xg).reshape(len(gy), len(gx)),
                                      nan=0.5)
                    if i == focus and self._image is not None:
                        self._image.setImage(p, autoLevels=False, levels=(0.0, 1.0))
                        self._image.setRect(self._image_rect)
                    seg = contour_segments(gx, gy, p, np.array([0.5]))
                    if len(seg):
                        fit.setData(seg[:, 0], seg[:, 1], connect="pairs")
                    else:
                        fit.setData([], [])
            elif self.mode == "parity" and self._fits and 0 <= focus < len(runs):
                theta = runs[focus].current.theta
                if theta is not None:
                    ds = setup.dataset
                    pred = model.predict(theta, setup.features(ds.X))
                    ok = np.isfinite(pred)
                    self._fits[0].setData(ds.y[ok], pred[ok])


# ------------------------------------------------------------------ readout
class Readout(QFrame):
    """Step, epoch, loss, ‖∇L‖, η and θ by name for the focus run (and θ in original
    units when the model has them), in a compact table."""

    MAX_PARAMS = 10
    ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("readout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        font = self.label.font()
        font.setPointSize(max(font.pointSize(), 10))
        self.label.setFont(font)
        layout.addWidget(self.label)
        self.label.setText("<i>ready</i>")

    def update_from(self, run: RunTrace | None, setup: Any, status: str | None = None) -> None:
        """Show ``run``'s current values (names from ``setup.problem.param_names``).

        ``status`` overrides the run's own status while it is still live (e.g. "paused").
        """
        if run is None or run.current.theta is None:
            self.label.setText("<i>no run</i>")
            return
        cur = run.current
        shown_status = cur.status
        if status and cur.status in ("ready", "running"):
            shown_status = status
        stats = [
            ("step k", f"{cur.step}"),
            ("epoch", f"{cur.epoch}"),
            ("loss L(θ)", format_number(cur.loss, 6)),
            ("‖∇L(θ)‖", format_number(cur.grad_norm)),
            ("η", format_number(cur.lr)),
        ]
        names = setup.problem.param_names if setup is not None else ()
        theta: np.ndarray = run.current.theta
        shown = min(len(theta), self.MAX_PARAMS)
        params = [(names[i] if i < len(names) else f"θ[{i}]", theta[i]) for i in range(shown)]
        orig = setup.original_units(theta) if setup is not None else None
        cell = "padding:0px 14px 0px 0px;"
        dim = "color:#555;"
        head = (f"<b style='color:{run.color}'>■</b> <b>{_esc(run.name)}</b>"
                f" &nbsp;<span style='{dim}'>{_esc(shown_status)}</span>")
        columns: list[list[str]] = [[], []]
        for key, value in stats:
            columns[0].append(f"<td style='{cell}{dim}'>{key}</td>")
            columns[1].append(f"<td style='{cell}'><b>{value}</b></td>")
        for c in range(0, shown, self.ROWS):
            col = [f"<td style='{cell}'>{_esc(n)} = <b>{format_number(v, 5)}</b></td>"
                   for n, v in params[c:c + self.ROWS]]
            columns.append(col)
        if orig:
            col = [f"<td style='{cell}{dim}'>original units</td>"]
            col += [f"<td style='{cell}'>{_esc(n)} = {format_number(v, 5)}</td>"
                    for n, v in orig.items()]
            columns.append(col)
        rows = []
        for r in range(self.ROWS):
            cells = [col[r] if r < len(col) else "<td></td>" for col in columns]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        if len(theta) > shown:
            head += (f" &nbsp;<span style='{dim}'>θ: the first {shown} of {len(theta)} "
                     f"parameters, ‖θ‖ = {format_number(float(np.linalg.norm(theta)))}</span>")
        self.label.setText(head + "<table style='margin-top:3px'>" + "".join(rows)
                           + "</table>")


def _esc(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
