"""One parameter, the slope at a point: the curve L(θ) with the tangent at the current θ.

For a one-parameter problem (the ``parabola`` x², the ``double_well`` x⁴ − 3x² + x, a
line through the origin ŷ = w·x) the landscape is a curve. This view draws it with each
run's path on it, the tangent line at the focus run's θ with its slope L′(θ) printed,
and the step −η·L′(θ) as an arrow along the θ axis — so a student sees η = 0.25 halve x
each step on x², η = 1 bounce between ±x for ever and η > 1 blow up.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QWidget

from gdstudio.core.formatting import format_number
from gdstudio.core.landscape import frame_1d, loss_curve
from gdstudio.core.scenario import Setup
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.plot_style import (
    ARROW_COLORS,
    OUTLINE,
    TEXT,
    house_axes,
    label_style,
    pen,
    restyle_plot,
    run_pen,
    set_title,
    style_plot,
    style_scale,
    while_open,
)
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.widgets import plain

__all__ = ["SlopePlot"]

#: Points of the loss curve.
CURVE_POINTS = 401


class SlopePlot(pg.PlotWidget):
    """The loss curve of a one-parameter problem with the paths, tangent and step arrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w", axisItems=house_axes())
        self.setMinimumSize(240, 200)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        style_plot(self.plot_item, "θ", "loss L(θ)")
        self.curve = pg.PlotDataItem(pen=pen(TEXT, 2.0), antialias=True)
        self.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.tangent = pg.PlotDataItem(pen=pen(ARROW_COLORS["tangent"], 2.0,
                                               Qt.PenStyle.DashLine))
        self.step_arrow = pg.PlotDataItem(pen=pen(ARROW_COLORS["update"], 3.0))
        self.step_head = pg.ArrowItem(angle=0, headLen=13, tipAngle=32, tailLen=None,
                                      brush=pg.mkBrush(ARROW_COLORS["update"]),
                                      pen=pg.mkPen(OUTLINE, width=0.8))
        self.minima = pg.ScatterPlotItem(symbol="star", size=15, pen=pg.mkPen(OUTLINE),
                                         brush=pg.mkBrush("#FFFFFF"))
        self.label = pg.TextItem(color=TEXT, anchor=(0, 0))
        for item in (self.curve, self.tangent, self.step_arrow, self.minima):
            self.plot_item.addItem(item)
        self.plot_item.addItem(self.step_head)
        self.plot_item.addItem(self.label, ignoreBounds=True)
        self.tangent.setZValue(15)
        self.step_arrow.setZValue(25)
        self.step_head.setZValue(26)
        self._paths: list[tuple[pg.PlotDataItem, pg.ScatterPlotItem]] = []
        self.setup: Setup | None = None
        self.x_range: tuple[float, float] | None = None
        self._name: str | None = None
        self._slope_step: tuple[float, float] | None = None
        self.retranslate()
        watch_language(self, self.retranslate)
        style_scale().changed.connect(self._restyle)

    @while_open
    def _restyle(self) -> None:
        """Fonts and the curve's pens at the new :func:`style_scale`."""
        restyle_plot(self.plot_item)
        self.curve.setPen(pen(TEXT, 2.0))
        self.tangent.setPen(pen(ARROW_COLORS["tangent"], 2.0, Qt.PenStyle.DashLine))
        self.step_arrow.setPen(pen(ARROW_COLORS["update"], 3.0))

    def retranslate(self) -> None:
        """Axis label, title and the slope text in the current language."""
        self.plot_item.setLabel("left", translate("SlopePlot", "loss L(θ)"), **label_style())
        self._show_title()
        self._show_slope()

    def _show_title(self) -> None:
        name, setup = self._name, self.setup
        if name is None or setup is None:
            return
        surface = setup.surface
        if surface is not None:
            title = f"f({name}) = {surface.formula}"
        else:
            title = translate("SlopePlot", "Loss L({name}) of ŷ = {name}·x").format(name=name)
        set_title(self.plot_item, plain(title))

    def _show_slope(self) -> None:
        if self._slope_step is None:
            self.label.setText("")
            return
        slope, step = self._slope_step
        self.label.setText(translate("SlopePlot", "slope L′(θ) = {slope}\n"
                                     "step −η·L′(θ) = {step}").format(
            slope=format_number(slope), step=format_number(step)))

    def set_problem(self, setup: Setup, name: str) -> None:
        """A one-parameter problem: axis label ``name`` (e.g. "x" or "w")."""
        self.setup = setup
        self.x_range = None
        self.plot_item.setLabel("bottom", plain(name), **label_style())
        self._name = name
        self._show_title()
        surface = setup.surface
        if surface is not None:
            xs = [float(np.ravel(m)[0]) for m in (*surface.minima,
                                                  *getattr(surface, "local_minima", ()))]
            ys = [float(setup.problem.loss(np.array([x]))) for x in xs]
            self.minima.setData(xs, ys)
        else:
            self.minima.setData([], [])

    def frame(self, runs: list[RunTrace]) -> None:
        """Draw the curve over a range containing θ₀, the paths and the minima."""
        setup = self.setup
        if setup is None:
            return
        path = np.concatenate([r.theta.data[:, 0] for r in runs if len(r.theta)] or
                              [np.zeros(0)])
        theta0 = path[0] if len(path) else 0.0
        surface = setup.surface
        minima = [] if surface is None else [*surface.minima,
                                             *getattr(surface, "local_minima", ())]
        bounds = None if surface is None else \
            (float(surface.bounds[0][0]), float(surface.bounds[0][1]))
        lo, hi = frame_1d(theta0, path, minima, bounds)
        x, loss = loss_curve(setup.problem, (lo, hi), CURVE_POINTS)
        ok = np.isfinite(loss)
        self.curve.setData(x[ok], loss[ok])
        self.x_range = (lo, hi)
        finite = loss[ok]
        if len(finite):
            top = float(np.quantile(finite, 0.98))
            bottom = float(finite.min())
            pad = 0.05 * (top - bottom or 1.0)
            self.plot_item.vb.setRange(xRange=(lo, hi), yRange=(bottom - pad, top + pad),
                                       padding=0)

    def set_runs(self, runs: list[RunTrace]) -> None:
        """One path (dots on the curve) and head per run."""
        for line, head in self._paths:
            self.plot_item.removeItem(line)
            self.plot_item.removeItem(head)
        self._paths = []
        for i, run in enumerate(runs):
            style = run.style
            line = pg.PlotDataItem(pen=run_pen(style.index, 1.5, run.color),
                                   symbol=style.symbol, symbolSize=6,
                                   symbolBrush=pg.mkBrush(run.color), symbolPen=None)
            head = pg.ScatterPlotItem(symbol=style.symbol, size=14,
                                      pen=pg.mkPen(OUTLINE, width=1.5),
                                      brush=pg.mkBrush(run.color))
            line.setZValue(10 + len(runs) - i)
            head.setZValue(30 + len(runs) - i)
            self.plot_item.addItem(line)
            self.plot_item.addItem(head)
            self._paths.append((line, head))

    def leaves_view(self, runs: list[RunTrace]) -> bool:
        """Whether a live run's θ is outside the drawn range."""
        if self.x_range is None:
            return True
        lo, hi = self.x_range
        return any(r.current.theta is not None and r.current.status != "diverged"
                   and not lo <= float(r.current.theta[0]) <= hi for r in runs)

    def refresh(self, runs: list[RunTrace], focus: int = 0) -> None:
        """Paths, heads, and the focus run's tangent, slope and step arrow."""
        for run, (line, head) in zip(runs, self._paths):
            if not len(run.theta) or run.current.theta is None:
                line.setData([], [])
                head.setData([], [])
                continue
            kept = np.searchsorted(run.steps.data, run.theta_steps.data)
            kept = kept[kept < len(run.loss)]
            line.setData(run.theta.data[:len(kept), 0], run.loss.data[kept])
            head.setData([float(run.current.theta[0])], [run.current.loss])
        self._tangent(runs[focus] if 0 <= focus < len(runs) else None)

    def _tangent(self, run: RunTrace | None) -> None:
        cur = None if run is None else run.current
        if cur is None or cur.theta is None or cur.grad is None or self.x_range is None:
            for item in (self.tangent, self.step_arrow):
                item.setData([], [])
            self.step_head.setVisible(False)
            self._slope_step = None
            self._show_slope()
            return
        theta, loss, slope = float(cur.theta[0]), float(cur.loss), float(cur.grad[0])
        lo, hi = self.x_range
        half = 0.18 * (hi - lo)
        xs = np.array([theta - half, theta + half])
        self.tangent.setData(xs, loss + slope * (xs - theta))
        step = -cur.lr * slope if math.isfinite(cur.lr) else 0.0
        self.step_arrow.setData([theta, theta + step], [loss, loss])
        self.step_head.setPos(theta + step, loss)
        self.step_head.setStyle(angle=0 if step < 0 else 180)
        self.step_head.setVisible(step != 0)
        self._slope_step = (slope, step)
        self._show_slope()
        (x0, _x1), (_y0, y1) = self.plot_item.vb.viewRange()
        self.label.setPos(x0, y1)
