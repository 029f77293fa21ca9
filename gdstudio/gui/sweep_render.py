"""Offscreen picture of a learning-rate sweep (``gdstudio sweep --png``).

The loss after N steps against η on a logarithmic η axis (and a logarithmic loss axis
when the losses are positive): finished and converged runs as a line with dots,
diverged runs as crosses at their last finite loss, the stability limit 2/λ_max as a
dashed vertical line where it is known. Drawn with pyqtgraph in the window's style,
rendered offscreen like :mod:`gdstudio.gui.render`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from gdstudio.core.formatting import format_number
from gdstudio.core.sweep import SweepResult
from gdstudio.gui.i18n import translate

__all__ = ["render_sweep_png"]


def render_sweep_png(path: str | Path, result: SweepResult, *, title: str = "",
                     steps: int | None = None, size: tuple[int, int] = (900, 560),
                     image_format: str = "PNG") -> None:
    """Save a picture of ``result``: final loss against η.

    Args:
        path: the file to write.
        result: the sweep (:func:`gdstudio.core.sweep.sweep_learning_rates`).
        title: the plot's title (the problem and optimizer).
        steps: the step limit, for the axis label.
        size: pixels (width, height).
        image_format: "PNG" or "JPEG".

    Raises:
        OSError: the file cannot be written.
    """
    from gdstudio.gui.qtapp import application, quiet_offscreen_messages

    app = application(offscreen=True)
    with quiet_offscreen_messages():
        _render(app, path, result, title, steps, size, image_format)


def _decade_ticks(values: np.ndarray, step: int | None = 1) -> list[tuple[float, str]]:
    """Major ticks at powers of ten over the values' range (log10 positions), with 2 and
    5 in between when the range spans less than two decades; every k-th decade when it
    spans many (``step`` None: chosen so there are at most 8)."""
    lo = math.floor(math.log10(float(np.min(values))))
    hi = math.ceil(math.log10(float(np.max(values))))
    span = max(1, hi - lo)
    ticks: list[tuple[float, str]] = []
    if span <= 2:
        for e in range(lo, hi + 1):
            for m in (1, 2, 5):
                ticks.append((e + math.log10(m), format_number(m * 10.0**e)))
        return ticks
    every = step or max(1, math.ceil(span / 8))
    return [(float(e), format_number(10.0**e)) for e in range(lo, hi + 1, every)]


def _render(app: Any, path: str | Path, result: SweepResult, title: str, steps: int | None,
            size: tuple[int, int], image_format: str) -> None:
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    from gdstudio.gui.plot_style import NEGATIVE, STYLE_SHEETS, TEXT, pen, run_color, style_plot

    lrs = np.asarray(result.learning_rates, dtype=float)
    losses = np.asarray(result.final_loss, dtype=float)
    diverged = np.asarray(result.status) == "diverged"
    ok = ~diverged & np.isfinite(losses)
    log_loss = bool(np.all(losses[np.isfinite(losses)] > 0))

    widget = pg.PlotWidget()
    widget.setStyleSheet(STYLE_SHEETS["render_background"])
    widget.setBackground("w")
    plot = widget.getPlotItem()
    label = translate("SweepRender", "loss after {steps} steps").format(steps=f"{steps:,}") \
        if steps else translate("SweepRender", "final loss")
    if log_loss:
        label = translate("SweepRender", "{label} (log scale)").format(label=label)
    style_plot(plot, translate("SweepRender", "learning rate η"), label)
    plot.setLogMode(x=True, y=log_loss)
    plot.showGrid(x=True, y=True, alpha=0.25)
    if title:
        plot.setTitle(title, size="12pt", color=TEXT)
    for name in ("left", "bottom"):
        plot.getAxis(name).enableAutoSIPrefix(False)
    plot.getAxis("bottom").setTicks([_decade_ticks(lrs), []])
    if log_loss:
        finite = losses[np.isfinite(losses)]
        if finite.size:
            plot.getAxis("left").setTicks([_decade_ticks(finite, step=None), []])
    legend = plot.addLegend(offset=(10, -10))

    if ok.any():
        plot.plot(lrs[ok], losses[ok], pen=pen(run_color(0), 2.0), symbol="o",
                  symbolSize=6, symbolBrush=run_color(0), symbolPen=None,
                  name=translate("SweepRender", "finished or converged"))
    shown = diverged & np.isfinite(losses)
    if shown.any():
        plot.plot(lrs[shown], losses[shown], pen=None, symbol="x", symbolSize=10,
                  symbolPen=pen(NEGATIVE, 2.0), symbolBrush=None,
                  name=translate("SweepRender", "diverged (last finite loss)"))
    limit = result.stability_limit
    if limit is not None and math.isfinite(limit) and limit > 0:
        line = pg.InfiniteLine(pos=math.log10(limit), angle=90,
                               pen=pen(TEXT, 1.5, Qt.PenStyle.DashLine),
                               label=f"2/λ_max = {format_number(limit)}",
                               labelOpts={"position": 0.92, "color": TEXT})
        plot.addItem(line)
    if legend is not None:
        legend.setLabelTextColor(TEXT)
    widget.resize(*size)
    widget.show()
    app.processEvents()
    image = widget.grab()
    widget.close()
    widget.deleteLater()
    app.processEvents()
    if not image.save(str(path), image_format):
        raise OSError(f"cannot write {path}")
