"""One theme for every plot and panel: palette, colour maps, pens, fonts, style sheets.

No widget carries its own hex literals or inline style sheets: they take them from here,
so a projector mode (larger fonts, thicker lines) changes this one module's values.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["OKABE_ITO", "run_color", "LANDSCAPE_CMAP", "BOUNDARY_CMAP", "CLASS_COLORS",
           "AXIS_FONT", "LABEL_STYLE", "TITLE_STYLE", "pen", "style_plot", "TEXT", "DIM_TEXT",
           "ARROW_COLORS", "STYLE_SHEETS", "DATA_POINTS", "LEGEND_BRUSH", "LEGEND_PEN",
           "OUTLINE", "AXIS", "MUTED", "SHADOW", "ON_MAP", "ARROW_LEGEND_PEN",
           "BATCH_RING", "RESIDUAL", "POSITIVE", "NEGATIVE"]

#: The Okabe–Ito colour-blind-safe palette, one colour per comparison run (max 8).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")


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
    """The Okabe–Ito colour of run ``index`` (wrapping after 8)."""
    return OKABE_ITO[index % len(OKABE_ITO)]



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
