"""The loss curve: training loss (the run's dash pattern) and test loss (thin, dotted) per
step of every run."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from gdstudio.core.formatting import format_number, superscript
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.plot_style import (
    OUTLINE,
    HouseAxis,
    axis_color,
    fit_to_width,
    house_axes,
    keep_plot_height,
    label_style,
    line_width,
    marker_size,
    pen,
    restyle_legend,
    restyle_plot,
    run_pen,
    set_title,
    style_plot,
    style_scale,
    text_color,
    while_open,
)
from gdstudio.gui.run_trace import RunTrace

__all__ = ["LossCurvePlot", "LossAxis", "log_tick_strings", "X_UNITS"]

#: The loss curve's x axis: unit → label (English; shown through ``translate``).
X_UNITS = {"step": QT_TRANSLATE_NOOP("LossCurvePlot", "step k"),
           "epoch": QT_TRANSLATE_NOOP("LossCurvePlot", "epoch (passes over the training set)"),
           "examples": QT_TRANSLATE_NOOP("LossCurvePlot", "training examples seen")}


def log_tick_strings(axis: pg.AxisItem, values: list[float]) -> list[str]:
    """Labels for a log₁₀ axis: 10ⁿ at the powers of ten when the axis spans a decade or
    more (also 2 and 5 times them below 2.5 decades; other ticks unlabelled), else every
    tick's value (2 significant digits). The 2 and 5 are left out where a decade is
    shorter than four lines of tick text (a small plot), so no labels overlap."""
    lo, hi = sorted(axis.range)
    rect = axis.geometry()
    length = rect.height() if axis.orientation in ("left", "right") else rect.width()
    line = QFontMetricsF(axis.style.get("tickFont") or axis.font()).height()
    roomy = length <= 0 or length / max(hi - lo, 1e-12) >= 4.0 * line
    out = []
    for v in values:
        mantissa = 10.0 ** (v - math.floor(v + 1e-9))
        if 1.0 <= hi - lo < 2.5 and roomy and any(abs(mantissa - m) < 1e-6 for m in (2.0, 5.0)):
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
                out.append("10" + superscript(int(n)))
        else:
            out.append(_power_label(v))
    return out


def _power_label(v: float) -> str:
    """10**v as '0.05', '200' or '2·10⁷' (two significant digits)."""
    value = 10.0 ** v
    if 1e-3 <= value < 1e5:
        return format_number(float(f"{value:.2g}"), 2)
    n = math.floor(v + 1e-9)
    mant = f"{value / 10.0 ** n:.2g}"
    return ("" if mant == "1" else f"{mant}·") + "10" + superscript(n)


class LossAxis(HouseAxis):
    """A house-style axis whose log mode labels powers of ten (see
    :func:`log_tick_strings`)."""

    def logTickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph
                       spacing: float) -> list[str]:
        return log_tick_strings(self, values)


# ------------------------------------------------------------------ loss curve
class LossCurvePlot(pg.PlotWidget):
    """Training and test (thin, dotted) loss per step for every run, log-y optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w",
                         axisItems={**house_axes(), "left": LossAxis("left")})
        self.setMinimumSize(200, 140)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        set_title(self.plot_item, "Loss curve")
        style_plot(self.plot_item, "step k", "loss L(θₖ)")
        # The legend sits below the plot, where it never hides a curve.
        self.legend = pg.LegendItem(labelTextSize="10pt", labelTextColor=text_color(),
                                    horSpacing=12, verSpacing=-6)
        self.plot_item.layout.addItem(self.legend, 4, 1)
        self._curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem | None]] = []
        #: each run's marker at the newest point of its training curve
        self._ends: list[pg.ScatterPlotItem] = []
        self._runs: list[RunTrace] = []
        self._test_sample: pg.PlotDataItem | None = None
        style_scale().changed.connect(self._restyle)
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
        #: x axis: "step", "epoch" or "examples" (training examples seen)
        self.x_unit = "step"
        self._epoch_ticks: tuple[int, float] | None = None
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Axis labels, title and legend in the current language."""
        self.plot_item.setLabel("bottom", translate("LossCurvePlot", str(X_UNITS[self.x_unit])),
                                **label_style())
        self.plot_item.setLabel("left", translate("LossCurvePlot", "loss L(θₖ)"),
                                **label_style())
        set_title(self.plot_item, translate("LossCurvePlot", "Loss curve"))
        if self._epoch_ticks is not None:
            self.plot_item.getAxis("top").setLabel(translate("LossCurvePlot", "epoch"),
                                                   **label_style())
        self._fill_legend()

    def _fill_legend(self) -> None:
        """The test-set sample's text in the current language (the window names the runs
        again on a language change: see :meth:`set_runs`)."""
        for sample, label in self.legend.items:
            if sample.item is self._test_sample:
                label.setText(translate("LossCurvePlot", "thin dotted: loss on the test set"))
        self.legend.updateSize()

    def set_x_unit(self, unit: str) -> None:
        """Show the curves against steps, epochs or training examples seen."""
        if unit not in X_UNITS:
            raise ValueError(f"unknown x unit {unit!r}; choose one of: {', '.join(X_UNITS)}")
        self.x_unit = unit
        self.plot_item.setLabel("bottom", translate("LossCurvePlot", str(X_UNITS[unit])),
                                **label_style())
        self._x_max, self._x_follow, self._epoch_ticks = None, True, None

    def _on_manual_range(self, *_: Any) -> None:
        self._x_follow = False

    def hold_view(self) -> None:
        """Keep the axes where they are from now on, as a manual zoom does (frames of an
        animation drawn on fixed axes)."""
        self._x_follow = False

    @property
    def log_y(self) -> bool:
        """Whether the y axis currently shows log₁₀ of the loss."""
        return self._log

    def set_runs(self, runs: list[RunTrace]) -> None:
        """One train (and test) curve per run, in the run's colour and dash pattern, with
        the run's marker at its newest point; the legend shows marker and dash."""
        for train, test in self._curves:
            self.plot_item.removeItem(train)
            if test is not None:
                self.plot_item.removeItem(test)
        for end in self._ends:
            self.plot_item.removeItem(end)
        self.legend.clear()
        self._curves = []
        self._runs = list(runs)
        self._test_sample = None
        self._ends = []
        for run in runs:
            style = run.style
            # one run needs no number (a shorter legend keeps its text large)
            label = run.label if len(runs) > 1 else run.name
            train = self._make_curve(self._train_pen(run), label)
            # (one point, so that the legend draws the marker in the run's colours)
            sample = pg.PlotDataItem([0.0], [0.0], pen=self._sample_pen(run),
                                     symbol=style.symbol, symbolSize=marker_size(9),
                                     symbolBrush=pg.mkBrush(run.color),
                                     symbolPen=pg.mkPen(OUTLINE, width=line_width(1)))
            self.legend.addItem(sample, label)
            end = pg.ScatterPlotItem(symbol=style.symbol, size=marker_size(9),
                                     brush=pg.mkBrush(run.color),
                                     pen=pg.mkPen(OUTLINE, width=line_width(1)))
            end.setZValue(5)
            self.plot_item.addItem(end)
            self._ends.append(end)
            test = None
            if run.has_test:
                test = self._make_curve(pen(run.color, 1, Qt.PenStyle.DotLine),
                                        f"{label} (test)")
            self._curves.append((train, test))
        self._x_max, self._y_range, self._x_follow = None, None, True
        if runs and runs[0].has_test:
            self._test_sample = pg.PlotDataItem(pen=pen(axis_color(), 1, Qt.PenStyle.DotLine))
            self.legend.addItem(self._test_sample,
                                translate("LossCurvePlot", "thin dotted: loss on the test set"))
        self.plot_item.enableAutoRange()
        self._fit_legend()

    def _train_pen(self, run: RunTrace) -> Any:
        return run_pen(run.index, 2 if len(self._runs) == 1 else 1.5, run.color)

    @staticmethod
    def _sample_pen(run: RunTrace) -> Any:
        return run_pen(run.index, 1.5, run.color)

    def _fit_legend(self, width: int | None = None) -> None:
        """Title and legend as large as fit the plot's width (:func:`fit_to_width`)."""
        fit_to_width(self, 10, width)
        keep_plot_height(self, 40)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._fit_legend(event.size().width() if event is not None else None)
        super().resizeEvent(event)

    @while_open
    def _restyle(self) -> None:
        """Fonts, pens and legend at the new :func:`style_scale` (projector, zoom)."""
        restyle_plot(self.plot_item)
        for run, (train, test), end in zip(self._runs, self._curves, self._ends):
            train.setPen(self._train_pen(run))
            if test is not None:
                test.setPen(pen(run.color, 1, Qt.PenStyle.DotLine))
            end.setSize(marker_size(9))
            end.setPen(pg.mkPen(OUTLINE, width=line_width(1)))
        for sample, _label in self.legend.items:
            item = sample.item
            if isinstance(item, pg.PlotDataItem) and item is not self._test_sample:
                item.setSymbolSize(marker_size(9))
                item.setSymbolPen(pg.mkPen(OUTLINE, width=line_width(1)))
        if self._test_sample is not None:
            self._test_sample.setPen(pen(axis_color(), 1, Qt.PenStyle.DotLine))
        restyle_legend(self.legend, 10)
        self._fit_legend()

    def _make_curve(self, pen: Any, name: str) -> pg.PlotDataItem:
        curve = pg.PlotDataItem(pen=pen, skipFiniteCheck=True, name=name, antialias=True)
        self.plot_item.addItem(curve)  # applies the plot's clip-to-view and downsampling
        return curve

    @property
    def log_requested(self) -> bool:
        """Whether a log₁₀ y axis was asked for (it is used while every loss is > 0)."""
        return self._log_wanted

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
        for run, (train, test), end in zip(runs, self._curves, self._ends):
            x = run.x_values(self.x_unit)
            y = run.log_loss.data if log else run.loss.data
            train.setData(x, y)
            if len(y) and math.isfinite(y[-1]):
                end.setData([x[-1]], [y[-1]])
            else:
                end.setData([], [])
            if test is not None and run.test_loss is not None:
                t = run.test_loss.data
                if log:
                    t = np.log10(np.maximum(t, 1e-300))
                test.setData(x, t, skipFiniteCheck=False)
        if self._x_follow:
            self._follow(runs, log)
        self._show_epoch_ticks(runs)

    def _show_epoch_ticks(self, runs: list[RunTrace]) -> None:
        """Epoch boundaries as ticks on a top axis, when the x axis counts steps and the
        runs take several steps per epoch."""
        spe = max((r.steps_per_epoch for r in runs), default=1)
        top = self.plot_item.getAxis("top")
        if self.x_unit != "step" or spe <= 1 or self._x_max is None:
            if self._epoch_ticks is not None:
                self.plot_item.hideAxis("top")
                self._epoch_ticks = None
                keep_plot_height(self, 40)
            return
        if self._epoch_ticks == (spe, self._x_max):
            return
        self._epoch_ticks = (spe, self._x_max)
        epochs = int(self._x_max // spe) + 1
        every = max(1, int(_nice_ceiling(epochs / 12))) if epochs > 12 else 1
        top.setTicks([[(e * spe, str(e)) for e in range(0, epochs + 1, every)], []])
        top.setLabel(translate("LossCurvePlot", "epoch"), **label_style())
        self.plot_item.showAxis("top")
        keep_plot_height(self, 40)  # room for the plot under the new axis

    def _follow(self, runs: list[RunTrace], log: bool) -> None:
        """Set the view to the data, changing it only when the data leave it (so the
        axes and their grid are redrawn now and then, not every frame)."""
        vb = self.plot_item.vb
        last = max((float(run.x_values(self.x_unit)[-1]) for run in runs if len(run.steps)),
                   default=0.0)
        if self._x_max is None or last > self._x_max or last < self._x_max / 5:
            self._x_max = _nice_ceiling(max(1.2 * last, 10.0 if self.x_unit != "epoch" else 1.0))
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

