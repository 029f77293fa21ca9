"""The data view: the dataset in original units and every run's fit, live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from gdstudio.core.formatting import format_number
from gdstudio.core.landscape import contour_segments
from gdstudio.core.scenario import Setup
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.plot_style import (
    BATCH_RING,
    BOUNDARY_CMAP,
    CLASS_COLORS,
    DATA_POINTS,
    LEGEND_BRUSH,
    LEGEND_PEN,
    MUTED,
    OUTLINE,
    RESIDUAL,
    TEXT,
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
from gdstudio.gui.widgets import plain

__all__ = ["DataPlot"]

#: What the loss averages over the residuals, by loss (English; shown through translate).
_LOSS_MEANS = {"mse": QT_TRANSLATE_NOOP("DataPlot", "mean of squared residuals"),
               "mae": QT_TRANSLATE_NOOP("DataPlot", "mean of |residuals|"),
               "huber": QT_TRANSLATE_NOOP("DataPlot", "mean Huber penalty of residuals")}


# ------------------------------------------------------------------ data view
class DataPlot(pg.PlotWidget):
    """The dataset (original units) and the current model's fit, live.

    * regression with one feature: the points and each run's fitted curve;
    * classification with two features: the points by class, the focus run's
      probability of class 1 as a heat map and each run's decision boundary (p = ½);
    * classification with one feature: the points (0/1) and each run's σ(z) curve;
    * anything else: predicted against actual targets for the focus run.

    Signals:
        pointClicked(int): the training example nearest a click (within 12 px).
    """

    pointClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w", axisItems=house_axes())
        self.setMinimumSize(200, 140)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        style_plot(self.plot_item, "x", "y")
        # The legend is a strip below the plot, where it never hides a data point (one
        # column in a narrow view, two in a wide one: see resizeEvent).
        self.legend = pg.LegendItem(labelTextSize="9pt", horSpacing=12, verSpacing=-6,
                                    labelTextColor=text_color(),
                                    brush=pg.mkBrush(*LEGEND_BRUSH), pen=pg.mkPen(LEGEND_PEN))
        self.plot_item.layout.addItem(self.legend, 4, 1)
        self._runs: list[RunTrace] = []
        self._focus = 0
        style_scale().changed.connect(self._restyle)
        self.setup: Setup | None = None
        self.scene().sigMouseClicked.connect(self._on_click)
        self.mode = "none"
        self._items: list[Any] = []
        self._fits: list[pg.PlotDataItem] = []
        self._image: pg.ImageItem | None = None
        self._grid: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._xgrid: np.ndarray | None = None
        #: the title, axis labels and legend entries, each as a function giving its text
        #: in the current language (re-read on a language change)
        self._title: Callable[[], str] = lambda: translate("DataPlot", "Data and fit")
        self._labels: dict[str, Callable[[], str]] = {}
        self._legend_texts: list[Callable[[], str]] = []
        self._focus_run: RunTrace | None = None
        self._points: np.ndarray | None = None
        #: ring the focus run's mini-batch; draw residuals (regression on one feature)
        self.show_batch = True
        self.show_residuals = True
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Title, axis labels and legend in the current language."""
        for axis, text in self._labels.items():
            self.plot_item.setLabel(axis, text(), **label_style())
        for (_sample, label), text in zip(self.legend.items, self._legend_texts):
            label.setText(text())
        self.legend.updateSize()
        if self.mode == "curve":
            self._show_residuals(self._focus_run)
        else:
            self._set_title(self._title())

    def _set_label(self, axis: str, text: Callable[[], str]) -> None:
        self._labels[axis] = text
        self.plot_item.setLabel(axis, text(), **label_style())

    def _add_legend(self, item: Any, text: Callable[[], str]) -> None:
        self._legend_texts.append(text)
        self.legend.addItem(item, text())

    def _make_overlays(self) -> None:
        """The focus run's mini-batch (rings) and residuals (vertical segments)."""
        self.batch_marker = pg.ScatterPlotItem(size=marker_size(14), symbol="o",
                                               brush=pg.mkBrush(None),
                                               pen=pg.mkPen(BATCH_RING, width=line_width(2.5)))
        self.batch_marker.setZValue(20)
        self.residual_lines = pg.PlotCurveItem(pen=pen(RESIDUAL, 1.0), connect="pairs",
                                               skipFiniteCheck=True)
        self.residual_lines.setOpacity(0.7)
        self.residual_lines.setZValue(5)
        for item in (self.batch_marker, self.residual_lines):
            self._add(item)

    def _clear(self) -> None:
        for item in self._items:
            self.plot_item.removeItem(item)
        self.legend.clear()
        self._legend_texts = []
        self._labels = {}
        self._focus_run = None
        self._items = []
        self._fits = []
        self._image = None
        self._grid = None
        self._xgrid = None
        self._points = None  # (n_train, 2) of the drawn training points

    def set_setup(self, setup: Setup | None, runs: list[RunTrace]) -> None:
        """Show ``setup``'s dataset (None: a surface, nothing to show) with one fit per run."""
        self._clear()
        self.setup = setup
        self._runs = list(runs)
        ds = None if setup is None else setup.dataset
        if setup is None or ds is None:
            self.mode = "none"
            self._title = lambda: translate("DataPlot",
                                            "Data and fit: no data (analytic surface)")
            self._set_title(self._title())
            self.plot_item.setLabel("bottom", "")
            self.plot_item.setLabel("left", "")
            return
        name, rows = ds.name, ds.n_samples
        self._title = lambda: plain(translate("DataPlot", "Data: {name} ({rows} rows)").format(
            name=translate("Names", name), rows=rows))
        self._set_title(self._title())
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
        assert train is not None  # a data problem always has its training split
        if self.mode in ("curve", "proba"):
            feature, target = plain(ds.feature_names[0]), plain(ds.target_name)
            self._set_label("bottom", lambda: feature)
            positive = ds.class_names[1] if ds.class_names else "1"
            left = target if self.mode == "curve" else plain(f"P({positive})")
            self._set_label("left", lambda: left)
            self._scatter(train.X[:, 0], train.y, DATA_POINTS, "o",
                          lambda: translate("DataPlot", "training data"))
            if test is not None:
                self._scatter(test.X[:, 0], test.y, DATA_POINTS, "t",
                              lambda: translate("DataPlot", "test data"), hollow=True)
            lo, hi = float(ds.X[:, 0].min()), float(ds.X[:, 0].max())
            pad = 0.05 * (hi - lo or 1.0)
            self._xgrid = np.linspace(lo - pad, hi + pad, 300)
            for run in runs:
                fit = pg.PlotDataItem(pen=run_pen(run.index, 3 if len(runs) == 1 else 2.5,
                                                  run.color),
                                      skipFiniteCheck=True, antialias=True)
                fit.setZValue(10)
                self._add(fit)
                if len(runs) == 1:
                    self._add_legend(fit, lambda: translate("DataPlot", "model's prediction ŷ"))
                self._fits.append(fit)
        elif self.mode == "boundary":
            first, second = plain(ds.feature_names[0]), plain(ds.feature_names[1])
            self._set_label("bottom", lambda: first)
            self._set_label("left", lambda: second)
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
            for cls in (0, 1):
                m = train.y == cls
                self._scatter(train.X[m, 0], train.X[m, 1], CLASS_COLORS[cls],
                              "o" if cls == 0 else "s", self._class_name(ds.class_names, cls))
                if test is not None:
                    mt = test.y == cls
                    self._scatter(test.X[mt, 0], test.X[mt, 1], CLASS_COLORS[cls],
                                  "o" if cls == 0 else "s", None, hollow=True)
            for i, run in enumerate(runs):
                fit = pg.PlotCurveItem(pen=run_pen(run.index, 2.5,
                                                   run.color if len(runs) > 1 else OUTLINE),
                                       connect="pairs", skipFiniteCheck=True, antialias=True)
                fit.setZValue(10)
                self._add(fit)
                if i == 0:
                    self._add_legend(pg.PlotDataItem(pen=fit.opts["pen"]),
                                     lambda: translate("DataPlot", "decision boundary p = ½"))
                self._fits.append(fit)
            self.plot_item.vb.setRange(xRange=(gx[0], gx[-1]), yRange=(gy[0], gy[-1]),
                                       padding=0)
        else:
            target = ds.target_name
            self._set_label("bottom", lambda: plain(
                translate("DataPlot", "actual {target}").format(target=target)))
            self._set_label("left", lambda: plain(
                translate("DataPlot", "predicted {target}").format(target=target))
                if task == "regression" else translate("DataPlot", "P(class 1)"))
            lo, hi = float(ds.y.min()), float(ds.y.max())
            diag = pg.PlotDataItem([lo, hi], [lo, hi], pen=pen(MUTED, 1, Qt.PenStyle.DashLine))
            self._add(diag)
            fit = pg.ScatterPlotItem(size=marker_size(6), pen=None,
                                     brush=pg.mkBrush(runs[0].color if runs else TEXT))
            self._add(fit)
            self._add_legend(fit, lambda: translate("DataPlot", "prediction (focus run)"))
            self._fits.append(fit)
        if self.mode in ("curve", "proba"):
            self._points = np.column_stack((train.X[:, 0], train.y))
        elif self.mode == "boundary":
            self._points = np.asarray(train.X[:, :2], dtype=float)
        self._make_overlays()
        if self.mode != "boundary":
            self.plot_item.enableAutoRange()
        self._fit_legend()

    def _set_title(self, text: str) -> None:
        """The title, and a minimum height that keeps ≥ 70 px of plot below it and the
        legend (a long title wraps in a narrow view; the splitter makes room for it)."""
        set_title(self.plot_item, text)
        keep_plot_height(self, 50)

    def _fit_legend(self, width: int | None = None) -> None:
        """Title and legend as large as fit the plot's width (:func:`fit_to_width`)."""
        fit_to_width(self, 9, width)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        width = event.size().width() if event is not None else self.width()
        legend = getattr(self, "legend", None)  # None while the widget is being built
        columns = 2 if width >= 560 else 1
        if legend is not None and legend.columnCount != columns:
            legend.setColumnCount(columns)
        self._fit_legend(width)
        super().resizeEvent(event)

    @while_open
    def _restyle(self) -> None:
        """Fonts, pens and markers at the new :func:`style_scale`: the view is drawn anew
        (same setup, runs and focus)."""
        restyle_plot(self.plot_item)
        restyle_legend(self.legend, 9)
        self._fit_legend()
        if self.setup is not None and self.mode != "none":
            self.set_setup(self.setup, self._runs)
            self.refresh(self._runs, self._focus)

    def _add(self, item: Any) -> None:
        self.plot_item.addItem(item)
        self._items.append(item)

    @staticmethod
    def _class_name(names: tuple[str, ...] | None, cls: int) -> Callable[[], str]:
        """The legend text of class ``cls`` (the dataset's name for it, or "class k")."""
        if names:
            name = plain(names[cls])
            return lambda: name
        return lambda: translate("DataPlot", "class {k}").format(k=cls)

    def _scatter(self, x: np.ndarray, y: np.ndarray, color: str, symbol: str,
                 name: Callable[[], str] | None, hollow: bool = False) -> None:
        c = QColor(color)
        brush = pg.mkBrush(None) if hollow else pg.mkBrush(c.red(), c.green(), c.blue(), 150)
        item = pg.ScatterPlotItem(x=x, y=y, size=marker_size(7), symbol=symbol, brush=brush,
                                  pen=pg.mkPen(c, width=line_width(1 if not hollow else 1.5)))
        self._add(item)
        if name:
            self._add_legend(item, name)

    def refresh(self, runs: list[RunTrace], focus: int = 0) -> None:
        """Recompute the fit from each run's current θ (``model.predict``) and redraw;
        ring the focus run's mini-batch and draw its residuals (regression)."""
        self._runs, self._focus = list(runs), focus
        setup = self.setup
        if setup is None or setup.dataset is None or setup.model is None:
            return
        model = setup.model
        run = runs[focus] if 0 <= focus < len(runs) else None
        self._focus_run = run
        self._show_batch(run)
        self._show_residuals(run)
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

    def _show_batch(self, run: RunTrace | None) -> None:
        rows = None if run is None else run.current.batch_rows
        if rows is None or self._points is None or not self.show_batch:
            self.batch_marker.setData([], [])
            return
        rows = rows[rows < len(self._points)]
        pts = self._points[rows]
        self.batch_marker.setData(pts[:, 0], pts[:, 1])

    def _show_residuals(self, run: RunTrace | None) -> None:
        """Vertical segments from each training point to the focus run's fit, and what
        the loss is made of (curve mode: regression on one feature)."""
        setup = self.setup
        theta = None if run is None else run.current.theta
        if self.mode != "curve" or not self.show_residuals or theta is None or \
                setup is None or setup.train is None or setup.model is None:
            self.residual_lines.setData([], [])
            if self.mode == "curve":
                self._set_title(self._title())
            return
        train = setup.train
        with np.errstate(all="ignore"):
            pred = setup.model.predict(theta, setup.features(train.X))
        ok = np.isfinite(pred)
        x = train.X[ok, 0]
        seg = np.empty((2 * len(x), 2))
        seg[0::2, 0] = seg[1::2, 0] = x
        seg[0::2, 1] = train.y[ok]
        seg[1::2, 1] = pred[ok]
        self.residual_lines.setData(seg[:, 0], seg[:, 1], connect="pairs")
        loss = setup.scenario.loss
        what = translate("DataPlot", str(_LOSS_MEANS[loss])) if loss in _LOSS_MEANS else ""
        title = self._title()
        if what and run is not None:
            title += f"<br>{loss.upper()} = {plain(what)} = {format_number(run.current.loss)}"
        self._set_title(title)

    def _on_click(self, event: Any) -> None:
        """Report the training example nearest the click (screen distance ≤ 12 px)."""
        if self._points is None or event.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        sx, sy = (abs(v) or 1.0 for v in vb.viewPixelSize())
        d = np.hypot((self._points[:, 0] - p.x()) / sx, (self._points[:, 1] - p.y()) / sy)
        i = int(np.argmin(d)) if len(d) else -1
        if i >= 0 and d[i] <= 12:
            self.pointClicked.emit(i)
