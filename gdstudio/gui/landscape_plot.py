"""The loss landscape: heat map and contours of L over a plane, every run's descent path,
and the focus run's arrows (−∇L, the velocity, the update)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QWidget

from gdstudio.core.formatting import format_number
from gdstudio.core.landscape import Plane
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.loss_plot import log_tick_strings
from gdstudio.gui.plot_style import (
    ARROW_COLORS,
    LANDSCAPE_CMAP,
    ON_MAP,
    OUTLINE,
    axis_color,
    axis_font,
    halo_pens,
    house_axes,
    house_tick_strings,
    label_style,
    line_width,
    marker_size,
    pen,
    restyle_plot,
    run_pen,
    scaled_sheet,
    style_plot,
    style_scale,
    text_color,
    while_open,
)
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.widgets import WrappingLabel, plain

__all__ = ["LandscapePlot", "MAX_PATH_POINTS"]

#: At most this many points of a descent path are drawn (evenly thinned, last kept).
MAX_PATH_POINTS = 4000


LONG_PATH_POINTS = 1500


# ------------------------------------------------------------------ landscape
class _Arrow:
    """A line from a point plus an arrow head (fixed pixel size) at its tip."""

    def __init__(self, plot: pg.PlotItem, color: str, width: float = 2.5,
                 style: Qt.PenStyle = Qt.PenStyle.SolidLine, z: float = 20) -> None:
        self.color, self.width, self.style = color, width, style
        self.line = pg.PlotCurveItem(pen=pen(color, width, style), skipFiniteCheck=True)
        self.head = pg.ArrowItem(angle=0, headLen=marker_size(13), tipAngle=32, tailLen=None,
                                 brush=pg.mkBrush(color), pen=pg.mkPen(OUTLINE, width=0.8))
        self.line.setZValue(z)
        self.head.setZValue(z + 1)
        plot.addItem(self.line)
        plot.addItem(self.head)
        self.visible = False
        self.set_visible(False)
        self.start = np.zeros(2)
        self.end = np.zeros(2)

    def restyle(self) -> None:
        """Pen width and head size at the current :func:`style_scale`."""
        self.line.setPen(pen(self.color, self.width, self.style))
        self.head.setStyle(headLen=marker_size(13))

    def set_opacity(self, opacity: float) -> None:
        """Fade the arrow (1: opaque)."""
        self.line.setOpacity(opacity)
        self.head.setOpacity(opacity)

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

    GRAD_COLOR = ARROW_COLORS["grad"]
    FULL_GRAD_COLOR = ARROW_COLORS["full_grad"]
    VELOCITY_COLOR = ARROW_COLORS["velocity"]
    UPDATE_COLOR = ARROW_COLORS["update"]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w", axisItems=house_axes())
        self.setMinimumSize(240, 200)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        style_plot(self.plot_item, "θ₀", "θ₁")
        self.plot_item.showGrid(x=False, y=False)
        self.cmap = pg.colormap.get(LANDSCAPE_CMAP)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(self.cmap)
        self.image.setZValue(-10)
        self.plot_item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=self.cmap, interactive=False,
                                        width=14, pen=axis_color(), label="")
        self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        self.colorbar.axis.setLogMode(False, True)
        self.colorbar.axis.enableAutoSIPrefix(False)
        self.colorbar.axis.logTickStrings = (
            lambda values, scale, spacing, axis=self.colorbar.axis: log_tick_strings(axis, values))
        self.colorbar.axis.tickStrings = (
            lambda values, scale, spacing, axis=self.colorbar.axis:
            axis.logTickStrings(values, scale, spacing) if axis.logMode
            else house_tick_strings(values, scale, spacing))
        self._restyle_colorbar()
        self.contours = pg.PlotCurveItem(pen=pen(ON_MAP, 1), connect="pairs",
                                         skipFiniteCheck=True)
        self.contours.setOpacity(0.45)
        self.contours.setZValue(-5)
        self.plot_item.addItem(self.contours)
        # The heat map and contours change only with the landscape, not with every
        # frame of training: cache them as pixmaps so a frame repaints just the paths.
        for item in (self.image, self.contours, self.colorbar):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.minima = pg.ScatterPlotItem(symbol="star", size=marker_size(15),
                                         pen=pg.mkPen(OUTLINE), brush=pg.mkBrush(ON_MAP))
        self.minima.setZValue(5)
        self.plot_item.addItem(self.minima)
        self.start_marker = pg.ScatterPlotItem(symbol="o", size=marker_size(11),
                                               pen=pg.mkPen(OUTLINE, width=line_width(2)),
                                               brush=pg.mkBrush(255, 255, 255, 200))
        self.start_marker.setZValue(6)
        self.plot_item.addItem(self.start_marker)
        #: per run: (path line, its outer casing, head marker)
        self._paths: list[tuple[pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem]] = []
        self.arrows = {
            "grad": _Arrow(self.plot_item, self.GRAD_COLOR, 2.5),
            "full_grad": _Arrow(self.plot_item, self.FULL_GRAD_COLOR, 2.0,
                                Qt.PenStyle.DashLine),
            "velocity": _Arrow(self.plot_item, self.VELOCITY_COLOR, 2.5),
            "update": _Arrow(self.plot_item, self.UPDATE_COLOR, 3.0, z=22),
            "uphill": _Arrow(self.plot_item, ARROW_COLORS["uphill"], 1.8, Qt.PenStyle.DashLine),
            "component_0": _Arrow(self.plot_item, ARROW_COLORS["component"], 1.5),
            "component_1": _Arrow(self.plot_item, ARROW_COLORS["component"], 1.5),
            "next": _Arrow(self.plot_item, ARROW_COLORS["next"], 2.5, Qt.PenStyle.DashLine, z=21),
        }
        #: the arrow the update card's stage points at (the others fade), or None
        self.highlighted: str | None = None
        # The arrows' key: a wrapping strip the window puts below the plot (never over
        # the landscape), on a dark ground so the white −η∇L sample shows.
        self.arrow_key = WrappingLabel()
        self.arrow_key.setTextFormat(Qt.TextFormat.RichText)
        self.arrow_key.setStyleSheet(scaled_sheet("arrow_key"))
        self.arrow_key.setVisible(False)
        self._arrow_key_names: dict[str, str] = {}
        self.result: Any = None
        self.plane: Plane | None = None
        self._arrow_vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._faded = False
        self.show_arrows = True
        #: True: −η∇L drawn to scale (the plain GD step η·g); False: the direction only,
        #: every arrow scaled together to 15 % of the view
        self.arrows_to_scale = True
        #: ‖∇L‖ below which the gradient arrows fade (the run is at a stationary point)
        self.fade_below = 1e-8
        self.plot_item.vb.sigRangeChanged.connect(self._on_range_changed)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot_item.vb.setDefaultPadding(0.0)
        self._runs: list[RunTrace] = []
        style_scale().changed.connect(self._restyle)
        self.retranslate()
        watch_language(self, self.retranslate)

    def _restyle_colorbar(self) -> None:
        axis = self.colorbar.axis
        axis.setTickFont(axis_font())
        axis.setTextPen(pg.mkPen(text_color()))
        axis.setPen(pg.mkPen(axis_color()))
        axis.setLabel("L − min L", **label_style())
        axis.setWidth(int(round(76 * style_scale().font_factor)))

    @while_open
    def _restyle(self) -> None:
        """Fonts, pens and markers at the new :func:`style_scale` (projector, zoom)."""
        restyle_plot(self.plot_item)
        self._restyle_colorbar()
        self.contours.setPen(pen(ON_MAP, 1))
        self.minima.setSize(marker_size(15))
        self.start_marker.setSize(marker_size(11))
        self.start_marker.setPen(pg.mkPen(OUTLINE, width=line_width(2)))
        for run, (line, casing, head) in zip(self._runs, self._paths):
            self._pen_path(line, casing, run, getattr(line, "long_path", False))
            head.setSize(marker_size(13))
            head.setPen(self._head_pen(run))
        for arrow in self.arrows.values():
            arrow.restyle()
        self.arrow_key.setStyleSheet(scaled_sheet("arrow_key"))

    @staticmethod
    def _pen_path(line: pg.PlotDataItem, casing: pg.PlotCurveItem, run: RunTrace,
                  long_path: bool) -> None:
        """The run's colour and dash over its two-tone casing (a long path: thin, without
        the outer edge), at the current :func:`style_scale`."""
        width = 1.5 if long_path else 3.0
        inner, outer = halo_pens(run.color, width)
        line.setPen(run_pen(run.index, width, run.color))
        line.setShadowPen(inner)
        casing.setPen(outer)
        casing.setVisible(not long_path)

    @staticmethod
    def _head_pen(run: RunTrace) -> Any:
        inner, _outer = halo_pens(run.color, 3.0)
        return pg.mkPen(inner.color(), width=line_width(1.5))

    def retranslate(self) -> None:
        """Axis labels and the arrow legend in the current language."""
        if self.plane is not None:
            a, b = self.plane_labels()
            self.plot_item.setLabel("bottom", a, **label_style())
            self.plot_item.setLabel("left", b, **label_style())
        self._update_arrow_legend()

    def plane_labels(self) -> tuple[str, str]:
        """The axis titles of the plane, in the current language."""
        if self.plane is None:
            return "a", "b"
        if self.plane.kind == "random":
            return (translate("LandscapePlot", "direction 1"),
                    translate("LandscapePlot", "direction 2"))
        return self.plane.labels

    # -- landscape -----------------------------------------------------------------
    def set_plane(self, plane: Plane | None, title: str = "") -> None:
        """The plane the paths are drawn in; axis labels from ``plane.labels``."""
        self.plane = plane
        if plane is not None:
            a, b = self.plane_labels()
            self.plot_item.setLabel("bottom", a, **label_style())
            self.plot_item.setLabel("left", b, **label_style())
        if title:
            self.titleChanged.emit(title)

    def clear_landscape(self) -> None:
        """Remove the heat map and contours (e.g. while a new one is computed)."""
        self.result = None
        self.image.clear()
        self.contours.setData([], [])

    def set_result(self, result: Any) -> None:
        """Show a :class:`~gdstudio.core.landscape.LandscapeResult`."""
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
        log_scale = bool(getattr(result, "log_scale", True))
        self.colorbar.axis.setLogMode(False, log_scale)
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
        """One path line and head marker per run.

        A path is its run's colour and dash pattern over a two-tone casing (an inner
        halo that contrasts with the colour, an outer edge of the other tone: see
        :func:`~gdstudio.gui.plot_style.halo_pens`), so it reads on every part of the
        heat map; its head is the run's marker symbol."""
        for line, casing, head in self._paths:
            self.plot_item.removeItem(line)
            self.plot_item.removeItem(casing)
            self.plot_item.removeItem(head)
        self._paths = []
        self._runs = list(runs)
        for i, run in enumerate(runs):
            style = run.style
            line = pg.PlotDataItem(antialias=True, skipFiniteCheck=True)
            casing = pg.PlotCurveItem(antialias=True, skipFiniteCheck=True)
            self._pen_path(line, casing, run, False)
            line.setZValue(10 + 2 * (len(runs) - i))
            casing.setZValue(9 + 2 * (len(runs) - i))
            head = pg.ScatterPlotItem(symbol=style.symbol, size=marker_size(13),
                                      pen=self._head_pen(run),
                                      brush=pg.mkBrush(run.color))
            head.setZValue(30 + len(runs) - i)
            self.plot_item.addItem(casing)
            self.plot_item.addItem(line)
            self.plot_item.addItem(head)
            self._paths.append((line, casing, head))
        self._arrow_vectors = {}
        for arrow in self.arrows.values():
            arrow.set_visible(False)
        self._update_arrow_legend()

    def refresh(self, runs: list[RunTrace], focus: int = 0) -> None:
        """Redraw paths, heads, θ₀ marker and the focus run's arrows (once per frame)."""
        for run, (line, casing, head) in zip(runs, self._paths):
            path = run.path.data
            n = len(path)
            if n == 0 or run.current.theta is None:
                line.setData([], [])
                casing.setData([], [])
                head.setData([], [])
                continue
            if n > MAX_PATH_POINTS:
                # evenly thinned, first and last points kept (linspace's end points)
                path = path[np.linspace(0, n - 1, MAX_PATH_POINTS).astype(np.intp)]
            long_path = n > LONG_PATH_POINTS
            if long_path != getattr(line, "long_path", False):
                # a long path is drawn with a thin pen over a thin halo, without the outer
                # edge or antialiasing (a thick antialiased pen costs several times more
                # per segment)
                line.long_path = long_path
                self._pen_path(line, casing, run, long_path)
                line.opts["antialias"] = not long_path
            line.setData(path[:, 0], path[:, 1])
            if not long_path:
                casing.setData(path[:, 0], path[:, 1])
            tip = run.project(run.current.theta[None, :])[0]
            head.setData([tip[0]], [tip[1]])
        if runs and len(runs[0].path):
            p0 = runs[0].path.data[0]
            self.start_marker.setData([p0[0]], [p0[1]])
        else:
            self.start_marker.setData([], [])
        self._set_arrows(runs[focus] if 0 <= focus < len(runs) else None)

    def _set_arrows(self, run: RunTrace | None) -> None:
        """The focus run's arrows at its current θ, in plane coordinates.

        To scale (default): −η·g (the step plain gradient descent takes with this
        gradient), the full-batch −η·∇L dashed under mini-batches, −η·v for momentum,
        the uphill +η·g dashed, and on a two-parameter plane the components −η·∂L/∂θ₁
        and −η·∂L/∂θ₂ along the axes. Not to scale: the same directions, the longest
        15 % of the view. The last update θₖ − θₖ₋₁ is always to scale.
        """
        vecs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        cur = None if run is None else run.current
        self._faded = False
        if run is not None and cur is not None and cur.theta is not None and self.show_arrows:
            origin = run.project(cur.theta[None, :])[0]
            eta = cur.lr if self.arrows_to_scale and math.isfinite(cur.lr) else 1.0
            if cur.grad is not None:
                step = -eta * cur.grad
                vecs["grad"] = (origin, run.project_vector(step))
                vecs["uphill"] = (origin, -vecs["grad"][1])
                if len(cur.grad) == 2 and self.plane is not None and self.plane.kind == "axes":
                    for i in range(2):
                        part = np.zeros(2)
                        part[i] = step[i]
                        vecs[f"component_{i}"] = (origin, run.project_vector(part))
                norm = float(np.linalg.norm(cur.full_grad if cur.full_grad is not None
                                            else cur.grad))
                self._faded = norm < self.fade_below
            if cur.full_grad is not None:
                vecs["full_grad"] = (origin, run.project_vector(-eta * cur.full_grad))
            if cur.velocity is not None and np.any(cur.velocity):
                vecs["velocity"] = (origin, run.project_vector(-eta * cur.velocity))
            if cur.prev_theta is not None and cur.step > 0:
                prev = run.project(cur.prev_theta[None, :])[0]
                vecs["update"] = (prev, origin - prev)
            e = cur.explanation
            # (a stopped run's explanation is its last update: no next step to draw)
            if e is not None and e.step == cur.step and len(e.delta) == len(cur.theta) and (
                    e.optimizer != "gd" or self.highlighted == "next"):
                vecs["next"] = (origin, run.project_vector(e.delta))  # the optimizer's step
        self._arrow_vectors = vecs
        self._draw_arrows()

    def _draw_arrows(self) -> None:
        vb = self.plot_item.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = max(x1 - x0, 1e-300), max(y1 - y0, 1e-300)
        px = vb.viewPixelSize()
        factor = 1.0
        if not self.arrows_to_scale:
            scaled = [self._arrow_vectors[k][1] for k in ("grad", "full_grad", "velocity")
                      if k in self._arrow_vectors]
            longest = max((math.hypot(v[0] / w, v[1] / h) for v in scaled), default=0.0)
            factor = 0.15 / longest if longest > 0 and math.isfinite(longest) else 0.0
        for key, arrow in self.arrows.items():
            if key not in self._arrow_vectors:
                arrow.set_visible(False)
                continue
            start, vec = self._arrow_vectors[key]
            if key not in ("update", "next"):
                vec = vec * factor
            if not np.any(vec):
                arrow.set_visible(False)
                continue
            arrow.set(start, vec, px)
            faded = (self._faded and key not in ("update", "next")) or (
                self.highlighted is not None and key != self.highlighted
                and not (self.highlighted == "velocity" and key == "grad"))
            arrow.set_opacity(0.25 if faded else 1.0)
        self._update_arrow_legend()

    def _update_arrow_legend(self) -> None:
        step = "−η∇L" if self.arrows_to_scale else "−∇L"
        to_scale = self.arrows_to_scale
        names = {
            "grad": translate("LandscapePlot", "{step} (GD step)").format(step=step)
            if to_scale else translate("LandscapePlot", "−∇L (direction)"),
            "full_grad": translate("LandscapePlot", "{step} full batch").format(step=step),
            "uphill": translate("LandscapePlot", "+∇L (uphill)"),
            "component_0": translate("LandscapePlot", "components −η ∂L/∂θᵢ")
            if to_scale else translate("LandscapePlot", "components −∂L/∂θᵢ"),
            "velocity": translate("LandscapePlot", "−ηv (momentum)")
            if to_scale else translate("LandscapePlot", "−v (momentum)"),
            "update": translate("LandscapePlot", "last update θₖ − θₖ₋₁"),
            "next": translate("LandscapePlot", "next step Δθ (the optimizer's)")}
        if "full_grad" in self._arrow_vectors:
            names["grad"] = translate("LandscapePlot", "{step} mini-batch").format(step=step)
        shown = {k: names[k] for k in names
                 if k in self._arrow_vectors and self.arrows[k].visible}
        if shown == self._arrow_key_names:
            return
        self._arrow_key_names = shown
        items = []
        for key, name in shown.items():
            arrow = self.arrows[key]
            sample = "╍╍" if arrow.style != Qt.PenStyle.SolidLine else "━━"
            items.append(f"<span style='color:{arrow.color}'><b>{sample}</b></span>"
                         f"&nbsp;{plain(name)}")
        self.arrow_key.setText("&nbsp;&nbsp;&nbsp; ".join(items))
        self.arrow_key.setVisible(bool(items))

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
        labels = self.plane_labels()
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

