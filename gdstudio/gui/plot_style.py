"""One theme for every plot and panel: palette, colour maps, pens, fonts, style sheets.

No widget carries its own hex literals or inline style sheets: they take them from here,
so a projector mode (larger fonts, thicker lines) changes this one module's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["OKABE_ITO", "run_color", "LANDSCAPE_CMAP", "BOUNDARY_CMAP", "CLASS_COLORS",
           "AXIS_FONT", "LABEL_STYLE", "TITLE_STYLE", "pen", "style_plot", "TEXT", "DIM_TEXT",
           "ARROW_COLORS", "STYLE_SHEETS", "DATA_POINTS", "LEGEND_BRUSH", "LEGEND_PEN",
           "OUTLINE", "AXIS", "MUTED", "SHADOW", "ON_MAP", "ARROW_LEGEND_PEN",
           "BATCH_RING", "RESIDUAL", "POSITIVE", "NEGATIVE"]
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
    """Grid, fonts, pens and axis labels of a plot in the house style."""
    plot.showGrid(x=True, y=True, alpha=0.25)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTickFont(AXIS_FONT)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(TEXT))
        # Axes (with their grid lines) repaint only when their range changes, not on
        # every frame of a growing curve.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.setLabel("bottom", bottom, **LABEL_STYLE)
    plot.setLabel("left", left, **LABEL_STYLE)


def pen(color: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        cosmetic: bool = True) -> Any:
    """A pyqtgraph pen (cosmetic: its width is in pixels whatever the zoom)."""
    p = pg.mkPen(color, width=width, style=style)
    p.setCosmetic(cosmetic)
    return p
