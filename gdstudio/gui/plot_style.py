"""One theme for every plot and panel: palette, colour maps, pens, fonts, style sheets.

No widget carries its own hex literals or inline style sheets: they take them from here,
so a projector mode (larger fonts, thicker lines) changes this one module's values.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsItem

from gdstudio.core.formatting import format_number

__all__ = ["OKABE_ITO", "run_color", "LANDSCAPE_CMAP", "BOUNDARY_CMAP", "CLASS_COLORS",
           "AXIS_FONT", "LABEL_STYLE", "TITLE_STYLE", "pen", "style_plot", "TEXT", "DIM_TEXT",
           "ARROW_COLORS", "STYLE_SHEETS", "DATA_POINTS", "LEGEND_BRUSH", "LEGEND_PEN",
           "OUTLINE", "AXIS", "MUTED", "SHADOW", "ON_MAP", "ARROW_LEGEND_PEN",
           "BATCH_RING", "RESIDUAL", "POSITIVE", "NEGATIVE",
           # scaling (projector mode, zoom)
           "StyleScale", "style_scale", "font_pt", "line_width", "marker_size",
           "text_color", "axis_color", "shadow_color", "axis_font", "label_style",
           "title_style", "legend_text_size", "fit_to_width", "keep_plot_height",
           "scaled_sheet", "restyle_plot",
           "restyle_legend", "HouseAxis", "house_tick_strings", "house_axes",
           "ZOOM_MIN", "ZOOM_MAX", "wrap_title", "set_title", "fit_legend", "legend_width"]
# the per-run style: colour, marker, dash, casing
__all__ += ["RUN_COLORS", "RUN_SYMBOLS", "RUN_GLYPHS", "RUN_DASHES", "HALO_LIGHT", "HALO_DARK",
            "RunStyle", "run_style", "run_pen", "halo_pens", "relative_luminance",
            "contrast_ratio"]

#: The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")
#: One colour per comparison run (max 8): Okabe–Ito without its yellow (invisible on the
#: white loss curve and on the heat map's yellow end), plus Paul Tol's wine, ordered so
#: the first runs are the most distinct also under deuteranopia and protanopia. Runs
#: differ by marker and dash too (:data:`RUN_SYMBOLS`, :data:`RUN_DASHES`), never by
#: colour alone; on the heat map each path has a black-and-white casing
#: (:func:`halo_pens`), so any colour reads on any field.
RUN_COLORS = ("#0072B2", "#E69F00", "#000000", "#CC79A7", "#56B4E9", "#D55E00", "#009E73",
              "#882255")
#: pyqtgraph marker symbol of each run: circle, square, triangle up, diamond, triangle
#: down, cross, plus, pentagon (the star marks minima).
RUN_SYMBOLS = ("o", "s", "t1", "d", "t", "x", "+", "p")
#: The same shapes as text, for the readout, the update card and the run list.
RUN_GLYPHS = ("●", "■", "▲", "◆", "▼", "✖", "✚", "⬟")
#: Dash pattern of each run (Qt dash patterns in pen widths; empty: solid).
RUN_DASHES: tuple[tuple[float, ...], ...] = (
    (), (5.0, 2.0), (1.0, 1.6), (5.0, 2.0, 1.0, 2.0), (9.0, 2.5), (5.0, 2.0, 1.0, 2.0, 1.0, 2.0),
    (2.5, 2.5), (9.0, 2.5, 1.0, 2.5))
#: The two tones of a path's casing on the heat map.
HALO_LIGHT, HALO_DARK = "#FFFFFF", "#000000"


@dataclass(frozen=True)
class RunStyle:
    """How run ``index`` is drawn everywhere: colour, marker, glyph, dash pattern."""

    index: int
    color: str
    symbol: str
    glyph: str
    dash: tuple[float, ...]

    @property
    def number(self) -> int:
        """The run's number as shown to the student (1-based)."""
        return self.index + 1


def run_style(index: int) -> RunStyle:
    """The style of run ``index`` (0-based; wraps after 8)."""
    i = index % len(RUN_COLORS)
    return RunStyle(index, RUN_COLORS[i], RUN_SYMBOLS[i], RUN_GLYPHS[i], RUN_DASHES[i])


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour ("#RRGGBB"): 0 (black) … 1 (white)."""
    c = QColor(color)
    channels = []
    for v in (c.redF(), c.greenF(), c.blueF()):
        channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 … 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def halo_pens(color: str, width: float) -> tuple[Any, Any]:
    """The casing under a path of ``color`` and ``width`` px on the heat map: (inner, outer).

    The inner halo is white or black, whichever contrasts more with the run colour; the
    outer edge is the other one. One of white and black contrasts at least 4.5 : 1 with
    any field colour, so the path reads on every part of the colour map."""
    light_inner = contrast_ratio(color, HALO_LIGHT) >= contrast_ratio(color, HALO_DARK)
    inner, outer = (HALO_LIGHT, HALO_DARK) if light_inner else (HALO_DARK, HALO_LIGHT)
    return pen(inner, width + 2.0), pen(outer, width + 4.0)

#: Heat map of the landscape: perceptually uniform, dark = low loss.
LANDSCAPE_CMAP = "viridis"
#: Probability of class 1 in the data view: perceptually uniform diverging blue–red.
BOUNDARY_CMAP = "CET-D1"
CLASS_COLORS = ("#2C6DB5", "#C0392B")
#: Text colours.
TEXT = "#222222"
DIM_TEXT = "#555555"
#: Data points in the data view (regression).
DATA_POINTS = "#555555"
LEGEND_BRUSH = (255, 255, 255, 210)
LEGEND_PEN = "#BBBBBB"
#: Signs of weights and gradients in the network view (Okabe–Ito blue and vermilion).
POSITIVE = "#0072B2"
NEGATIVE = "#D55E00"
#: The focus run's mini-batch (rings) and residuals in the data view.
BATCH_RING = "#D55E00"
RESIDUAL = "#CC79A7"
#: Outlines of markers and arrow heads; axes; muted reference lines; path shadows.
OUTLINE = "#111111"
AXIS = "#444444"
MUTED = "#999999"
SHADOW = "#00000080"
#: Contour lines, minima stars and the arrow legend's text on the dark heat map.
ON_MAP = "#FFFFFF"
ARROW_LEGEND_PEN = "#888888"
#: Arrows on the landscape: −η∇L, full-batch −η∇L, −ηv, the update, +∇L, components.
ARROW_COLORS = {"grad": "#FFFFFF", "full_grad": "#7FFFFF", "velocity": "#FF66CC",
                "update": "#FF3030", "uphill": "#FFB000", "component": "#C8C8C8",
                "next": "#FF9999", "tangent": "#0072B2"}

AXIS_FONT = QFont()
AXIS_FONT.setPointSize(10)
LABEL_STYLE = {"font-size": "11pt", "color": TEXT}
TITLE_STYLE = {"size": "11pt", "color": TEXT}

#: Style sheets of the few framed labels (banner, inline error, lesson card, ...).
STYLE_SHEETS = {
    "banner": ("QLabel { background: #FFF1D6; color: #5A3A00; border: 1px solid #E6A23C;"
               " border-left: 6px solid #D55E00; border-radius: 4px; padding: 8px 10px;"
               " font-size: 11pt; }"),
    "error": ("QLabel { background: #FDECEA; color: #8A1C12; border: 1px solid #E5A39B;"
              " border-radius: 4px; padding: 6px; }"),
    "lesson": ("QLabel { background: #EEF4FB; color: #1D2B3A; border: 1px solid #B8CDE3;"
               " border-radius: 4px; padding: 6px; }"),
    "note": "color: #444;",
    "hover": "color: #333; padding-left: 6px;",
    "plot_title": "font-size: 11pt; color: #222; background: white; padding: 4px;",
    "status": "color: #555;",
    "render_background": "background: white;",
    "card_text": "font-family: 'DejaVu Sans'; font-size: 10pt;",
    # the landscape's arrow key, below the plot: dark, so the white −η∇L sample shows
    "arrow_key": ("QLabel { background: #262626; color: #FFFFFF; padding: 3px 6px;"
                  " font-size: 9pt; }"),
}


def run_color(index: int) -> str:
    """The colour of run ``index`` (wrapping after 8; :data:`RUN_COLORS`)."""
    return RUN_COLORS[index % len(RUN_COLORS)]


def run_pen(index: int, width: float = 1.5, color: str | None = None) -> Any:
    """A cosmetic pen in run ``index``'s colour (or ``color``) and dash pattern."""
    style = run_style(index)
    p = pen(color or style.color, width)
    if style.dash:
        p.setDashPattern(list(style.dash))
    return p



def style_plot(plot: pg.PlotItem, bottom: str, left: str) -> None:
    """Grid, fonts, pens and axis labels of a plot in the house style (at the current
    :func:`style_scale`; :func:`restyle_plot` re-applies it when the scale changes)."""
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)
        # Axes (with their grid lines) repaint only when their range changes, not on
        # every frame of a growing curve.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.setLabel("bottom", bottom, **label_style())
    plot.setLabel("left", left, **label_style())
    restyle_plot(plot)


def house_axes() -> dict[str, pg.AxisItem]:
    """``axisItems`` for a PlotWidget/PlotItem: a :class:`HouseAxis` at the bottom and
    left (the shown axes; an axis given here is shown)."""
    return {name: HouseAxis(name) for name in ("bottom", "left")}


def pen(color: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        cosmetic: bool = True) -> Any:
    """A pyqtgraph pen (cosmetic: its width is in pixels whatever the zoom), ``width``
    scaled by projector mode and zoom (:func:`line_width`)."""
    p = pg.mkPen(color, width=line_width(width), style=style)
    p.setCosmetic(cosmetic)
    return p


# ------------------------------------------------------------------ scaling
# Projector mode and zoom: the one owner of "how big" and "how strong". Every view takes
# its font sizes, pen widths, marker sizes and text/axis/grid contrast from the functions
# below and redraws when :func:`style_scale`'s ``changed`` signal fires.

#: Zoom limits and step (1.0 = actual size).
ZOOM_MIN = 0.7
ZOOM_MAX = 2.5
ZOOM_STEP = 1.15
#: Projector mode: fonts this much larger, lines and markers this much thicker.
PROJECTOR_FONT = 1.45
PROJECTOR_LINE = 1.8
PROJECTOR_MARKER = 1.4
#: Projector mode's high-contrast text, axes and grid (grid opacity 0–1).
PROJECTOR_TEXT = "#000000"
PROJECTOR_AXIS = "#000000"
GRID_ALPHA = 0.25
PROJECTOR_GRID_ALPHA = 0.5
PROJECTOR_SHADOW = "#000000C0"


class StyleScale(QObject):
    """How large text and how thick lines are drawn: projector mode × zoom.

    One instance (:func:`style_scale`) serves the whole application. Setting
    :attr:`projector` or :attr:`zoom` scales the application font and emits
    :attr:`changed`; every view connected to it re-applies fonts and pens, so the
    change is live and turning it off restores the normal look exactly.

    Signals:
        changed(): projector mode or zoom changed.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._projector = False
        self._zoom = 1.0
        self._base_font_pt: float | None = None

    @property
    def projector(self) -> bool:
        return self._projector

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def font_factor(self) -> float:
        """Font sizes are multiplied by this (zoom × projector)."""
        return self._zoom * (PROJECTOR_FONT if self._projector else 1.0)

    @property
    def line_factor(self) -> float:
        """Pen widths are multiplied by this."""
        return self._zoom * (PROJECTOR_LINE if self._projector else 1.0)

    @property
    def marker_factor(self) -> float:
        """Marker (symbol) sizes are multiplied by this."""
        return self._zoom * (PROJECTOR_MARKER if self._projector else 1.0)

    def set_projector(self, on: bool) -> None:
        if bool(on) != self._projector:
            self._projector = bool(on)
            self._apply()

    def set_zoom(self, zoom: float) -> None:
        """Set the zoom, clamped to [ZOOM_MIN, ZOOM_MAX] (a non-number: 1)."""
        z = float(zoom) if math.isfinite(float(zoom)) else 1.0
        z = round(min(max(z, ZOOM_MIN), ZOOM_MAX), 4)
        if z != self._zoom:
            self._zoom = z
            self._apply()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset(self) -> None:
        """Actual size, projector mode off."""
        self._projector, self._zoom = False, 1.0
        self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            if self._base_font_pt is None:
                self._base_font_pt = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
            font.setPointSizeF(self._base_font_pt * self.font_factor)
            app.setFont(font)
        self.changed.emit()


_SCALE: StyleScale | None = None


def style_scale() -> StyleScale:
    """The application's one :class:`StyleScale`."""
    global _SCALE
    if _SCALE is None:
        # a child of the application, so Qt deletes it with the application at exit
        _SCALE = StyleScale(QApplication.instance())
    return _SCALE


def font_pt(base: float) -> float:
    """A font size (points) scaled by projector mode and zoom."""
    return round(base * style_scale().font_factor, 1)


def line_width(base: float) -> float:
    """A pen width (pixels) scaled by projector mode and zoom."""
    return base * style_scale().line_factor


def marker_size(base: float) -> float:
    """A marker size (pixels) scaled by projector mode and zoom."""
    return base * style_scale().marker_factor


def text_color() -> str:
    return PROJECTOR_TEXT if style_scale().projector else TEXT


def axis_color() -> str:
    return PROJECTOR_AXIS if style_scale().projector else AXIS


def shadow_color() -> str:
    return PROJECTOR_SHADOW if style_scale().projector else SHADOW


def axis_font() -> QFont:
    """The tick-label font at the current scale."""
    font = QFont(AXIS_FONT)
    font.setPointSizeF(font_pt(AXIS_FONT.pointSizeF()))
    return font


def label_style() -> dict[str, str]:
    """Axis-label style at the current scale (for ``setLabel``)."""
    return {**LABEL_STYLE, "font-size": f"{font_pt(11)}pt", "color": text_color()}


def title_style() -> dict[str, str]:
    """Plot-title style at the current scale (for ``setTitle``)."""
    return {**TITLE_STYLE, "size": f"{font_pt(11)}pt", "color": text_color()}


def legend_text_size(base: float = 9.0) -> str:
    return f"{font_pt(base)}pt"


_FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)pt")


def scaled_sheet(name: str) -> str:
    """``STYLE_SHEETS[name]`` with every ``font-size: Npt`` scaled."""
    return _FONT_SIZE.sub(lambda m: f"font-size: {font_pt(float(m.group(1)))}pt",
                          STYLE_SHEETS[name])


def while_open(restyle: Callable[[Any], None]) -> Callable[[Any], None]:
    """Decorate a pyqtgraph view's restyle slot (``PlotWidget`` subclasses): it does
    nothing once the view was closed. ``PlotWidget.close()`` takes its plot items apart
    at once, while Qt disconnects the view from :func:`style_scale` only when the widget
    is deleted (later); a style change in between would restyle what is gone."""

    @functools.wraps(restyle)
    def guarded(self: Any) -> None:
        if not getattr(self, "closed", False):
            restyle(self)

    return guarded


def restyle_plot(plot: pg.PlotItem) -> None:
    """Re-apply the house style's fonts, axis pens, grid and label/title sizes to
    ``plot`` at the current scale (its label and title texts are kept)."""
    grid = PROJECTOR_GRID_ALPHA if style_scale().projector else GRID_ALPHA
    for name in ("bottom", "left", "top", "right"):
        axis = plot.getAxis(name)
        axis.setTickFont(axis_font())
        axis.setPen(pg.mkPen(axis_color(), width=line_width(1.0)))
        axis.setTextPen(pg.mkPen(text_color()))
        if axis.grid is not False:
            axis.setGrid(int(grid * 255))
        if axis.labelText:
            axis.setLabel(axis.labelText, units=axis.labelUnits or None, **label_style())
    title = plot.titleLabel
    if title.isVisible() and title.text:
        set_title(plot, title.text)


def restyle_legend(legend: pg.LegendItem, base_pt: float, color: str | None = None) -> None:
    """Re-apply ``legend``'s text size (``base_pt`` at actual size) and text colour
    (default :func:`text_color`) at the current scale."""
    legend.setLabelTextSize(legend_text_size(base_pt))
    legend.setLabelTextColor(pg.mkColor(color or text_color()))
    for _sample, label in legend.items:
        label.setText(label.text)  # setAttr alone does not re-render the text
    legend.updateSize()


def set_title(plot: pg.PlotItem, text: str) -> None:
    """Set ``plot``'s title in the house style at the current scale, centred, wrapped at
    the width :func:`wrap_title` gave, with its row as tall as the wrapped text (pyqtgraph
    fixes it at 30 px, which cuts off a second line or a projector-size font)."""
    plot.setTitle(text, **title_style())
    _fit_title(plot)


def _fit_title(plot: pg.PlotItem) -> None:
    label = plot.titleLabel
    if not label.isVisible():
        return
    option = label.item.document().defaultTextOption()
    if option.alignment() != Qt.AlignmentFlag.AlignHCenter:
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label.item.document().setDefaultTextOption(option)
    for smaller in (9.0, 7.5):
        font = QFont(label.item.font())
        font.setPointSizeF(font_pt(smaller + 2.0))
        if label.item.boundingRect().height() <= 2.6 * QFontMetricsF(font).lineSpacing():
            break
        # a long title in a narrow plot: a smaller font rather than a third line
        label.setText(label.text, size=f"{font_pt(smaller)}pt")
    height = max(20.0, label.item.boundingRect().height())
    label.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


def fit_legend(legend: pg.LegendItem, width: float, base_pt: float) -> None:
    """Shrink ``legend``'s text (from ``base_pt`` at the current scale down to 60 %) until
    it is at most ``width`` pixels wide: a legend in a plot's layout that is wider than
    the widget widens the plot past it, and its right side is cut off. If it is still too
    wide at 60 %, the longest entries are shortened with "…" (their full text comes back
    when there is room again; the run list and the readout name every run in full)."""
    for _sample, label in legend.items:
        full = getattr(label, "full_text", None)
        if full is not None and label.text == getattr(label, "shown_text", None):
            label.setText(full)
        label.full_text = label.shown_text = None
    for factor in (1.0, 0.85, 0.7, 0.6):
        size = legend_text_size(base_pt * factor)
        if legend.opts["labelTextSize"] != size:
            legend.setLabelTextSize(size)
            for _sample, label in legend.items:
                label.setText(label.text)
        legend.updateSize()
        if legend_width(legend) <= width:
            return
    labels = [label for _sample, label in legend.items]
    for _ in range(3):  # each pass cuts every entry too long by its share of the excess
        total = legend_width(legend)
        if total <= width or not labels:
            return
        widths = [label.item.boundingRect().width() for label in labels]
        room = width - (total - max(widths))  # what the widest entry's text may take
        for label, w in zip(labels, widths):
            text = label.text.rstrip("…")
            if w <= room or len(text) <= 8:
                continue
            keep = max(8, int(len(label.text) * room / w) - 2)
            if label.full_text is None:
                label.full_text = label.text
            label.shown_text = text[:keep].rstrip() + "…"
            label.setText(label.shown_text)
        legend.updateSize()


def fit_to_width(widget: pg.PlotWidget, base_pt: float, width: int | None = None) -> None:
    """Wrap ``widget``'s title and fit its ``legend`` (a strip below the plot, see
    :func:`fit_legend`) to the widget's ``width`` (default: its current width), so the
    plot is never wider than its widget (its right side would be cut off). Call it from
    ``resizeEvent``; it runs again by itself when the left axis changes its width (the
    axis widens with its tick labels once the data come)."""
    item = widget.getPlotItem()
    if item is None:  # while the widget is being built
        return
    axis = item.getAxis("left")
    if not getattr(axis, "refits_plot", False):
        last = [axis.width()]

        def axis_resized() -> None:
            if axis.width() != last[0]:
                last[0] = axis.width()
                fit_to_width(widget, base_pt)
                # the view sizes its plot only when the view is resized: again now
                view = widget.viewport().size()
                if item.geometry().width() > view.width():
                    item.resize(float(view.width()), item.geometry().height())

        axis.geometryChanged.connect(axis_resized)
        axis.refits_plot = True
    width = widget.width() if width is None else width
    wrap_title(item, width - axis.width() - 30)  # first the title, then the layout
    legend = getattr(widget, "legend", None)  # None while the widget is being built
    if legend is not None:
        fit_legend(legend, width - axis.width() - 12, base_pt)


def keep_plot_height(widget: pg.PlotWidget, plot_px: int = 80, floor: int = 140) -> None:
    """A minimum height for ``widget`` that leaves ``plot_px`` pixels of plot under its
    title, axes and legend strip (a splitter then gives it at least that, rather than
    squeezing the curves to a line in a 700-pixel window)."""
    item = widget.getPlotItem()
    if item is None:  # while the widget is being built
        return
    legend = getattr(widget, "legend", None)
    top, bottom = item.getAxis("top"), item.getAxis("bottom")
    legend_h = 0.0 if legend is None else max(
        legend.boundingRect().height(),
        legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).height())
    needed = int(item.titleLabel.maximumHeight() + legend_h
                 + max(bottom.height(), bottom.minimumHeight())
                 + (max(top.height(), top.minimumHeight()) if top.isVisible() else 0)
                 + plot_px)
    needed = max(floor, needed)
    if needed != widget.minimumHeight():
        widget.setMinimumHeight(needed)


def legend_width(legend: pg.LegendItem) -> float:
    """The width ``legend``'s entries need (its own bounding rect is as wide as the cell
    of the plot's layout it sits in)."""
    return float(legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).width())


def wrap_title(plot: pg.PlotItem, width: float) -> None:
    """Wrap ``plot``'s title at ``width`` pixels, so a long title (a dataset's name and
    its loss) takes two lines rather than widening the plot past its widget, where the
    right side would be cut off. Call it when the plot's widget is resized."""
    label = plot.titleLabel
    label.item.setTextWidth(max(80.0, float(width)))
    if label.isVisible() and label.text:
        label.setText(label.text)  # re-measure: the layout takes the wrapped size
        _fit_title(plot)


class HouseAxis(pg.AxisItem):
    """An axis whose tick labels use the house number format (1.5·10⁶, never 1.5e+06)
    and no SI-prefix rescaling of the axis label (no "w (×0.001)"). In log mode it
    labels powers of ten (``log_ticks``, set by the loss curve and colour bar)."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float,  # noqa: N802 - pyqtgraph
                    spacing: float) -> list[str]:
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        return house_tick_strings(values, scale, spacing)

    def tickSpacing(self, minVal: float, maxVal: float,  # noqa: N802 - pyqtgraph
                    size: float) -> list[tuple[float, float]]:
        """pyqtgraph's tick levels, with the major ticks of a vertical linear axis spread
        out to the next round spacing (1, 2, 2.5 or 5 × 10ⁿ) whose labels are at least
        1.15 lines apart: pyqtgraph always labels the major level, and on a short axis (a
        small plot, projector text) it wrote "6000", "4000" and "2000" over each other."""
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.orientation not in ("left", "right") or self.logMode or not levels \
                or self._tickSpacing is not None:
            return levels
        line = QFontMetricsF(self.style.get("tickFont") or self.font()).height()
        span = abs(maxVal - minVal)
        major = levels[0][0]
        if major <= 0 or span <= 0 or size * major / span >= 1.15 * line:
            return levels
        first = math.floor(math.log10(major))
        rounds = (m * 10.0 ** e for e in range(first, first + 12) for m in (1, 2, 2.5, 5))
        spread = next((c for c in rounds if c > major and size * c / span >= 1.15 * line),
                      span)
        return [(spread, 0.0)] + [(s, o) for s, o in levels if s < spread]


def house_tick_strings(values: list[float], scale: float = 1.0,
                       spacing: float = 0.0) -> list[str]:
    """Tick labels in :func:`~gdstudio.core.formatting.format_number`'s style, with as
    many significant digits as the tick spacing needs (ticks ≈ 0 read "0")."""
    out = []
    for v in values:
        x = float(v) * scale
        if spacing and abs(x) < abs(spacing * scale) * 1e-6:
            out.append("0")
            continue
        digits = 4
        if spacing and x:
            digits = max(1, min(8, math.floor(math.log10(abs(x))) -
                                math.floor(math.log10(abs(spacing * scale))) + 2))
        out.append(format_number(x, digits))
    return out
