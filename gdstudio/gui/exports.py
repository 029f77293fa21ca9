"""Exports for worksheets and slides: plots as PNG or SVG, the history as CSV.

* A plot is exported as PNG through pyqtgraph's ``ImageExporter`` or as SVG through
  Qt's ``QSvgGenerator``, chosen by the file's extension.
* The history is written with exactly the columns of ``gdstudio run --csv`` (the same
  writer): the session's run is replayed headless to the step the window shows —
  training is deterministic, so the rows are the very ones the window drew.
* A run's descent is written as an animated GIF (Pillow) from frames drawn by
  :mod:`gdstudio.gui.run_gif`; other files (session files) go through
  :func:`atomic_output`.

Every file is written to a temporary file beside the target and renamed into place, so
a failed export never leaves a half-written or emptied file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg

from gdstudio.core.atomic import atomic_output as core_atomic_output
from gdstudio.core.session import Session
from gdstudio.gui.i18n import translate

__all__ = ["export_plot", "export_history_csv", "export_gif", "atomic_output", "ExportError",
           "PLOT_FORMATS"]

#: File extensions a plot can be exported to.
PLOT_FORMATS = (".png", ".svg")


class ExportError(OSError):
    """An export could not be written (the message names the file and the reason)."""


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[str]:
    """:func:`gdstudio.core.atomic.atomic_output` with the window's messages: a temporary
    file beside ``path`` to write in the ``with`` block, renamed onto ``path`` when the
    block ends, removed if it raises (``path`` is then untouched).

    Raises:
        ExportError: the folder does not exist, or the file cannot be written there
            (no permission, a full disk, a failed rename).
    """
    path = Path(path)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise ExportError(translate("exports", "{path}: the folder {folder} does not exist")
                          .format(path=path, folder=folder))
    try:
        with core_atomic_output(path) as tmp:
            yield tmp
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(translate("exports", "{path}: cannot write in {folder}: {reason}")
                          .format(path=path, folder=folder,
                                  reason=exc.strerror or exc)) from None


def export_gif(frames: Sequence[Any], path: str | Path, frame_ms: int = 80,
               last_ms: int = 2000) -> None:
    """Write ``frames`` (PIL images, all the same size) as an animated GIF that loops.

    Args:
        frames: the pictures in order (at least one).
        path: the ``.gif`` file.
        frame_ms: how long each frame shows, in milliseconds.
        last_ms: how long the last frame shows before the loop starts again.

    Raises:
        ExportError: no frames, or the file cannot be written.
    """
    path = Path(path)
    if not frames:
        raise ExportError(f"{path}: there is nothing to draw")
    durations = [int(frame_ms)] * (len(frames) - 1) + [int(last_ms)]
    try:
        with atomic_output(path) as tmp:
            frames[0].save(tmp, format="GIF", save_all=True, append_images=list(frames[1:]),
                           duration=durations, loop=0, optimize=False, disposal=1)
    except ExportError:
        raise
    except (OSError, ValueError) as exc:
        raise ExportError(f"{path}: {exc}") from None


def export_plot(plot: pg.PlotWidget, path: str | Path, width: int = 1600) -> None:
    """Save ``plot`` as PNG (``width`` pixels wide) or SVG, by the file's extension.

    Raises:
        ExportError: another extension, or the file cannot be written.
    """
    from pyqtgraph.exporters import ImageExporter  # only when exporting

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PLOT_FORMATS:
        raise ExportError(translate("exports", "{path}: choose a .png or .svg file name")
                          .format(path=path))
    try:
        with atomic_output(path) as tmp:
            if suffix == ".png":
                exporter = ImageExporter(plot.getPlotItem())
                exporter.parameters()["width"] = width
                exporter.export(tmp)
            else:
                _render_svg(plot, tmp)
            if not Path(tmp).stat().st_size:
                raise ExportError(translate("exports", "{path}: nothing was drawn")
                                  .format(path=path))
    except (OSError, ValueError) as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"{path}: {exc}") from None


def _render_svg(plot: pg.PlotWidget, path: str) -> None:
    """Draw the widget into an SVG with Qt's own generator. (pyqtgraph 0.14's
    SVGExporter fails on Qt ≥ 6.9 path data: "not enough values to unpack", pyqtgraph
    issue #3485.)"""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    size = plot.size()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("GD Studio")
    painter = QPainter(generator)
    try:
        plot.render(painter)
    finally:
        painter.end()


def export_history_csv(session: Session, run: int, steps: int, path: str | Path) -> None:
    """Write run ``run``'s first ``steps`` updates as ``gdstudio run --csv`` writes them.

    Raises:
        ExportError: the file cannot be written.
        ScenarioError: the run cannot be replayed (it could be started, so it should).
    """
    from gdstudio.cli import write_csv

    trainer = session.setup.make_trainer(session.run(run))  # a fresh replay of the run
    try:
        write_csv(path, trainer, steps=max(int(steps), 0))
    except OSError as exc:
        raise ExportError(str(exc)) from None
