"""The learning-rate sweep: the loss after N steps against η, on a log axis.

"Too small / just right / too large" in one picture: the focus run's optimizer is run
for many learning rates at once (:func:`gdstudio.core.sweep.sweep_learning_rates`,
vectorised, off the GUI thread, cancellable); diverged rates are marked at the top, and
the stability limit 2/λ_max of plain gradient descent is drawn where the Hessian is
known. Clicking a point sets the focus run's η.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.formatting import format_number
from gdstudio.core.scenario import Scenario, Setup
from gdstudio.core.sweep import SweepCancelled, SweepResult, log_spaced, sweep_learning_rates
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.messages import error_text
from gdstudio.gui.plot_style import (
    ARROW_COLORS,
    NEGATIVE,
    OUTLINE,
    POSITIVE,
    house_axes,
    label_style,
    pen,
    restyle_plot,
    set_title,
    style_plot,
    style_scale,
)
from gdstudio.gui.widgets import SciSpinBox

__all__ = ["SweepView"]


class _Done(QObject):
    finished = Signal(object)  # SweepResult, or an error (ValueError …), or None: cancelled
    progressed = Signal(int, int)  # (step reached, last step possible)


#: at most one progress report per this many seconds
_PROGRESS_INTERVAL_S = 0.05


class _Job(QRunnable):
    def __init__(self, setup: Setup, scenario: Scenario, lrs: np.ndarray, steps: int,
                 cancel: threading.Event, done: _Done) -> None:
        super().__init__()
        self.args = (setup, scenario, lrs, steps)
        self.cancel, self.done = cancel, done

    def run(self) -> None:
        setup, scenario, lrs, steps = self.args
        last = [0.0]

        def progress(k: int, end: int) -> None:
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_INTERVAL_S:
                last[0] = now
                self.done.progressed.emit(k, end)

        try:
            with np.errstate(all="ignore"):
                result: Any = sweep_learning_rates(setup, lrs, steps, scenario=scenario,
                                                   should_stop=self.cancel.is_set,
                                                   progress=progress)
        except SweepCancelled:
            result = None
        except (ValueError, ArithmeticError) as exc:
            result = exc
        if not self.cancel.is_set():
            self.done.finished.emit(result)


class SweepView(QWidget):
    """The sweep's controls and plot.

    Signals:
        learningRateChosen(float): a point was clicked.
    """

    learningRateChosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lr_min = SciSpinBox(1e-8, 1e3, 1e-4, factor=10.0)
        self.lr_max = SciSpinBox(1e-8, 1e3, 1.0, factor=10.0)
        self.num = QSpinBox()
        self.num.setRange(2, 256)
        self.num.setValue(40)
        self.steps = QSpinBox()
        self.steps.setRange(1, 100_000)
        self.steps.setValue(200)
        self.button = QPushButton()
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        #: the steps a running sweep has taken (hidden when none runs)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        # Two short rows rather than one long one: the view fits a 1024-pixel window.
        row = QVBoxLayout()
        self.captions = [QLabel() for _ in range(4)]
        fields = (self.lr_min, self.lr_max, self.num, self.steps)
        line = QHBoxLayout()
        for pair in ((0, 1), (2, 3)):
            line = QHBoxLayout()
            for i in pair:
                self.captions[i].setBuddy(fields[i])
                line.addWidget(self.captions[i])
                line.addWidget(fields[i], 1)
            row.addLayout(line)
        line.addWidget(self.button)
        self.button.setAccessibleDescription(self.button.toolTip())
        self.plot = pg.PlotWidget(background="w", axisItems=house_axes())
        self.plot.setMinimumSize(200, 140)
        self.plot.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab skips the plot
        self.plot.setAccessibleName(translate("SweepView", "Loss after the steps against η"))
        item = self.plot.getPlotItem()
        style_plot(item, "", "")
        item.setLogMode(x=True, y=True)
        # before the first sweep: the η range of the fields and a few decades of loss
        # (pyqtgraph's empty default, 0 … 1 in log units, labels 1 … 10 crowded together)
        item.setRange(xRange=(math.log10(self.lr_min.value()), math.log10(self.lr_max.value())),
                      yRange=(-4.0, 1.0), padding=0.05)
        self.points = pg.ScatterPlotItem(size=9, pen=pg.mkPen(OUTLINE, width=0.8))
        self.points.sigClicked.connect(self._on_clicked)
        item.addItem(self.points)
        self.limit = pg.InfiniteLine(angle=90, pen=pen(ARROW_COLORS["tangent"], 2,
                                                      Qt.PenStyle.DashLine))
        self.limit.setVisible(False)
        item.addItem(self.limit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.plot, 1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._done = _Done(self)
        self._done.finished.connect(self._on_result)
        self._done.progressed.connect(self._on_progress)
        self._cancel = threading.Event()
        self.result: SweepResult | None = None
        self.busy = False
        #: what the status line says: ("idle" | "sweeping" | "result" | "error" | "order",
        #: values), worded in the window's language when shown
        self._status: tuple[str, Any] = ("idle", None)
        self._steps = int(self.steps.value())
        self.retranslate()
        watch_language(self, self.retranslate)
        style_scale().changed.connect(self._restyle)

    def retranslate(self) -> None:
        """Set the texts in the window's language (the status line too)."""
        self.button.setText(translate("SweepView", "Sweep η"))
        self.button.setToolTip(translate(
            "SweepView", "Run the selected run's optimizer for every learning rate in the "
            "range (log-spaced) and plot the loss after the steps."))
        for caption, text in zip(self.captions, (
                translate("SweepView", "η from"), translate("SweepView", "to"),
                translate("SweepView", "rates"), translate("SweepView", "steps"))):
            caption.setText(text)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", translate("SweepView", "learning rate η"), **label_style())
        self._label_steps()
        set_title(item, translate("SweepView", "Learning-rate sweep: click a point to use its η"))
        self._show_status()

    def _label_steps(self) -> None:
        self.plot.getPlotItem().setLabel(
            "left", translate("SweepView", "loss after {steps} steps").format(steps=self._steps),
            **label_style())

    def _show_status(self) -> None:
        kind, value = self._status
        if kind == "sweeping":
            text = translate("SweepView", "sweeping {rates} learning rates × {steps} steps…"
                             ).format(rates=value[0], steps=value[1])
        elif kind == "error":
            text = translate("SweepView", "cannot sweep: {error}").format(
                error=error_text(value))
        elif kind == "order":
            text = translate("SweepView", "cannot sweep: the first learning rate must not be "
                             "larger than the second")
        elif kind == "result":
            text = self._result_text(value)
        else:
            text = ""
        self.status.setText(text)

    @staticmethod
    def _result_text(result: SweepResult) -> str:
        lrs, loss = result.learning_rates, result.final_loss
        diverged = result.status == "diverged"
        best = lrs[int(np.argmin(np.where(diverged, np.inf, loss)))] if not diverged.all() \
            else None
        text = translate("SweepView", "{diverged} of {rates} diverged (×, drawn at the top)"
                         ).format(diverged=int(diverged.sum()), rates=len(lrs))
        if best is not None:
            text += translate("SweepView", "; lowest loss at η = {eta}").format(
                eta=format_number(best))
        limit = result.stability_limit
        if limit is not None:
            text += translate("SweepView", "; dashed: the GD stability limit 2/λmax = {limit}"
                              ).format(limit=format_number(limit))
        return text + translate("SweepView", " ({seconds} s)").format(
            seconds=f"{result.elapsed_s:.2f}")

    def _restyle(self) -> None:
        """Fonts at the new :func:`style_scale` (projector mode, zoom)."""
        restyle_plot(self.plot.getPlotItem())

    def start(self, setup: Setup, scenario: Scenario) -> None:
        """Sweep ``scenario``'s optimizer on ``setup`` (a sweep still running is cancelled)."""
        self.cancel()
        if self.lr_min.value() > self.lr_max.value():
            self._status = ("order", None)
            self._show_status()
            return
        lrs = log_spaced(self.lr_min.value(), self.lr_max.value(), int(self.num.value()))
        self._cancel = threading.Event()
        self.busy = True
        steps = self._steps = int(self.steps.value())
        self._label_steps()
        self._status = ("sweeping", (len(lrs), steps))
        self._show_status()
        self.progress.setRange(0, steps)
        self.progress.setValue(0)
        self.progress.show()
        if self.result is None:  # nothing drawn yet: show the η range being swept
            self.plot.getPlotItem().setXRange(math.log10(lrs[0]), math.log10(lrs[-1]),
                                              padding=0.05)
        self._pool.start(_Job(setup, scenario, lrs, steps, self._cancel, self._done))

    def cancel(self) -> None:
        """Abandon a running sweep (the problem changed, or the window closes)."""
        self._cancel.set()
        self.busy = False
        self.progress.hide()

    def _on_progress(self, k: int, end: int) -> None:
        if self.busy:
            self.progress.setRange(0, end)
            self.progress.setValue(k)

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone(2000)

    def _on_result(self, result: Any) -> None:
        self.busy = False
        self.progress.hide()
        if result is None:
            return
        if isinstance(result, Exception):
            self._status = ("error", result)
            self._show_status()
            return
        self.result = result
        lrs, loss = result.learning_rates, result.final_loss
        diverged = result.status == "diverged"
        finite = np.isfinite(loss) & (loss > 0)
        top = float(np.max(loss[finite & ~diverged])) if np.any(finite & ~diverged) else 1.0
        ys = np.where(diverged | ~finite, top * 10, loss)
        brushes = [pg.mkBrush(NEGATIVE if d else POSITIVE) for d in diverged]
        symbols = ["x" if d else "o" for d in diverged]
        self.points.setData(x=np.log10(lrs), y=np.log10(np.maximum(ys, 1e-300)),
                            brush=brushes, symbol=symbols, data=lrs)
        limit = result.stability_limit
        self.limit.setVisible(limit is not None and limit > 0)
        if limit is not None and limit > 0:
            self.limit.setValue(math.log10(limit))
        self._status = ("result", result)
        self._show_status()

    def _on_clicked(self, _item: Any, points: Any) -> None:
        if len(points):
            self.learningRateChosen.emit(float(points[0].data()))
