"""File → Export run as GIF…: a run's descent as an animated GIF for slides.

The frames are drawn with the window's own plot classes, side by side as ``gdstudio run
--png`` draws them: the landscape the window shows (the same heat map, contours and plane;
the slope curve for a one-parameter problem) with the run's descent path growing, and
its loss curve growing on fixed axes. :func:`render_frames` draws them in the GUI thread
(Qt widgets live there) on a widget that is never shown on screen, reporting progress
after each frame; :func:`~gdstudio.gui.exports.export_gif` writes them atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QProgressDialog, QWidget

from gdstudio.gui.exports import export_gif
from gdstudio.gui.i18n import translate
from gdstudio.gui.landscape_plot import LandscapePlot
from gdstudio.gui.loss_plot import LossCurvePlot
from gdstudio.gui.plot_style import STYLE_SHEETS, TEXT
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.slope_plot import SlopePlot

if TYPE_CHECKING:
    from PIL.Image import Image

    from gdstudio.gui.app_window import MainWindow

__all__ = ["render_frames", "export_run_gif", "frame_steps", "GIF_SIZE", "GIF_FRAMES",
           "FRAME_MS", "LAST_FRAME_MS"]

#: The GIF's size in pixels (width, height): landscape | loss curve.
GIF_SIZE = (800, 360)
#: Frames of a long run (a short run has one per step taken, at least 2).
GIF_FRAMES = 60
#: Milliseconds per frame, and for the last frame (the whole path) before the loop.
FRAME_MS = 80
LAST_FRAME_MS = 2000


def frame_steps(steps: int, frames: int = GIF_FRAMES) -> np.ndarray:
    """The step each frame shows: ``frames`` steps evenly from 0 to ``steps`` (every
    step of a shorter run), increasing, the last one ``steps``."""
    count = max(2, min(int(frames), steps + 1))
    return np.unique(np.round(np.linspace(0, steps, count)).astype(np.int64))


def _to_pil(image: QImage, size: tuple[int, int]) -> Image:
    from PIL import Image

    if (image.width(), image.height()) != size:  # a high-DPI screen grabs more pixels
        image = image.scaled(size[0], size[1], Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(image.constBits())
    return Image.frombuffer("RGB", size, data, "raw", "RGB", image.bytesPerLine(), 1).copy()


def render_frames(window: MainWindow, run: int, size: tuple[int, int] = GIF_SIZE,
                  frames: int = GIF_FRAMES,
                  progress: Callable[[int, int], bool] | None = None) -> list[Image]:
    """Draw run ``run``'s descent so far as frames (GUI thread only).

    Args:
        window: the main window (its run traces, landscape and loss-axis choices).
        run: the run (0-based).
        size: each frame's size in pixels (width, height).
        frames: at most this many frames (see :func:`frame_steps`).
        progress: called with (frames drawn, frames in all) after each frame; returning
            False cancels (then an empty list is returned).

    Returns:
        the frames, PIL images in 256 colours sharing one palette, the first at step 0
        and the last at the step the window shows.
    """
    from PIL import Image as PILImage  # only when exporting

    trace = window.traces[run]
    steps = frame_steps(trace.current.step, frames)
    work: RunTrace = copy.deepcopy(trace)  # truncated frame by frame; the window's stays
    one_d = window.session.setup.problem.n_params == 1
    widget = QWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.setStyleSheet(STYLE_SHEETS["render_background"])
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(12)
    landscape: SlopePlot | LandscapePlot
    if one_d:
        landscape = SlopePlot()
        landscape.set_problem(window.session.setup, window.session.setup.problem.param_names[0])
    else:
        landscape = LandscapePlot()
        shown = window.landscape_plot
        landscape.set_plane(shown.plane)
        landscape.set_result(shown.result)
        x, y = shown.minima.getData()
        landscape.set_minima(None if x is None or not len(x) else np.column_stack([x, y]))
        landscape.plot_item.setTitle(window.landscape.title.text(), size="10pt", color=TEXT)
        if shown.plane is not None:
            landscape.plot_item.vb.setAspectLocked(shown.plane.kind != "random", ratio=1.0)
    losses = LossCurvePlot()
    losses.set_log_y(window.loss_plot.log_requested)
    losses.set_x_unit(window.loss_plot.x_unit)
    layout.addWidget(landscape, 11)
    layout.addWidget(losses, 9)
    widget.resize(*size)
    landscape.set_runs([work])
    losses.set_runs([work])
    if isinstance(landscape, SlopePlot):
        landscape.frame([work])
    widget.show()
    pictures: list[Image] = []
    palette: Image | None = None
    try:
        # from the last frame back: the whole path fixes the loss axes and the palette
        for i, step in enumerate(steps[::-1]):
            work.truncate(int(step) + 1)
            landscape.refresh([work], -1)  # no arrows or tangent: a still descent
            losses.refresh([work])
            if i == 0:
                losses.hold_view()
            QApplication.processEvents()
            frame = _to_pil(widget.grab().toImage(), size)
            if palette is None:
                palette = frame.quantize(256, method=PILImage.Quantize.MEDIANCUT,
                                         dither=PILImage.Dither.NONE)
                pictures.append(palette)
            else:
                pictures.append(frame.quantize(palette=palette, dither=PILImage.Dither.NONE))
            if progress is not None and not progress(i + 1, len(steps)):
                return []
    finally:
        widget.close()
        widget.deleteLater()
    return pictures[::-1]


def export_run_gif(window: MainWindow, path: str, run: int | None = None,
                   size: tuple[int, int] = GIF_SIZE, frames: int = GIF_FRAMES) -> bool:
    """Draw the focus run's (or run ``run``'s) descent so far and write it as a GIF,
    under a progress dialog the user can cancel.

    Returns:
        True when written; False when cancelled (nothing is written).

    Raises:
        ExportError: the file cannot be written.
    """
    k = window.session.focus if run is None else run
    total = len(frame_steps(window.traces[k].current.step, frames))
    dialog = QProgressDialog(translate("RunGif", "Drawing the frames of the GIF…"),
                             translate("RunGif", "Cancel"), 0, total, window)
    dialog.setWindowTitle(translate("RunGif", "Export run as GIF"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def progress(done: int, _total: int) -> bool:
        dialog.setValue(done)
        return not dialog.wasCanceled()

    try:
        pictures = render_frames(window, k, size, frames, progress)
    finally:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
    if not pictures:
        return False
    export_gif(pictures, path, FRAME_MS, LAST_FRAME_MS)
    return True

