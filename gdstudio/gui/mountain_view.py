"""The mountain: the loss surface in 3-D with each run as a ball rolling into the valley.

The picture the explanations start with ("imagine standing on a mountain and stepping
the steepest way down"). It draws the landscape already computed for the contour view
(its log-scaled display values as heights, so a valley stays visible across decades)
with pyqtgraph's OpenGL items; rotate and zoom with the mouse. It follows the runs
live. Where OpenGL is missing (the offscreen platform, a school's old driver) the view
says so in one line and everything else works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gdstudio.core.landscape import LandscapeResult
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.run_trace import RunTrace

__all__ = ["MountainView", "opengl_available"]

#: Platforms without an OpenGL context for widgets.
_NO_GL_PLATFORMS = ("offscreen", "minimal", "vnc")
#: Height of the surface relative to its width.
RELIEF = 0.45


def opengl_available() -> tuple[bool, str]:
    """(True, "") where a 3-D view can be drawn, else (False, the reason in a sentence)."""
    platform = QGuiApplication.platformName()
    if platform in _NO_GL_PLATFORMS:
        return False, translate(
            "mountain_view", "The 3-D mountain needs OpenGL, which the '{platform}' display "
            "does not offer; every other view works.").format(platform=platform)
    try:
        import pyqtgraph.opengl  # noqa: F401
    except ImportError as exc:  # PyOpenGL missing or broken
        return False, translate(
            "mountain_view", "The 3-D mountain needs OpenGL (PyOpenGL could not load: "
            "{error}).").format(error=exc)
    return True, ""


class MountainView(QWidget):
    """3-D landscape with the paths (created lazily, only where OpenGL works)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.message)
        self.view: Any = None
        self._surface: Any = None
        self._paths: list[Any] = []
        self._balls: list[Any] = []
        self._result: LandscapeResult | None = None
        self._scale: tuple[float, float, float, float, float, float] | None = None
        ok, _why = opengl_available()
        self.available = ok
        #: the message shown while there is no 3-D view, in the current language
        self._message: Callable[[], str] = (
            (lambda: opengl_available()[1]) if not ok else
            (lambda: translate("MountainView", "Computing the landscape…")))
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """The message in the current language."""
        self.message.setText(self._message())

    def _ensure_view(self) -> bool:
        if not self.available:
            return False
        if self.view is None:
            import pyqtgraph.opengl as gl

            try:
                self.view = gl.GLViewWidget()
            except Exception as exc:  # noqa: BLE001 - a driver without a usable context
                self.available = False
                error = str(exc)
                self._message = lambda: translate(
                    "MountainView", "The 3-D mountain needs OpenGL: {error}").format(error=error)
                self.retranslate()
                return False
            self.view.setBackgroundColor("w")
            self.view.setCameraPosition(distance=1.45, elevation=38, azimuth=-70)
            self._layout.addWidget(self.view, 1)
            self.message.hide()
        return True

    def set_result(self, result: LandscapeResult | None) -> None:
        """Show a computed landscape (from the contour view's job)."""
        self._result = result
        if result is None or result.grid is None or not self._ensure_view():
            return
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl

        grid = result.grid
        a, b, z = grid.a, grid.b, result.display.astype(float)
        lo, hi = result.display_range
        sa, sb = (a[-1] - a[0]) or 1.0, (b[-1] - b[0]) or 1.0
        self._scale = (a[0], sa, b[0], sb, lo, (hi - lo) or 1.0)
        x = (a - a[0]) / sa - 0.5
        y = (b - b[0]) / sb - 0.5
        height = (z - lo) / ((hi - lo) or 1.0) * RELIEF
        colors = pg.colormap.get("viridis").map((z.T - lo) / ((hi - lo) or 1.0), mode="float")
        if self._surface is not None:
            self.view.removeItem(self._surface)
        self._surface = gl.GLSurfacePlotItem(x=x, y=y, z=height.T, colors=colors,
                                             shader=None, smooth=True)
        self.view.addItem(self._surface)

    def refresh(self, runs: list[RunTrace]) -> None:
        """Paths as lines on the surface, each run's current θ as a ball."""
        if self.view is None or self._scale is None or self._result is None:
            return
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl

        while len(self._paths) < len(runs):
            line = gl.GLLinePlotItem(width=3, antialias=True)
            ball = gl.GLScatterPlotItem(size=14)
            self.view.addItem(line)
            self.view.addItem(ball)
            self._paths.append(line)
            self._balls.append(ball)
        for k, (line, ball) in enumerate(zip(self._paths, self._balls)):
            run = runs[k] if k < len(runs) else None
            if run is None or not len(run.path):
                line.setData(pos=np.zeros((0, 3)))
                ball.setData(pos=np.zeros((0, 3)))
                continue
            pts = self._to_3d(run.path.data[-4000:])
            color = pg.mkColor(run.color).getRgbF()
            line.setData(pos=pts, color=color)
            ball.setData(pos=pts[-1:], color=color)

    def _to_3d(self, plane_points: np.ndarray) -> np.ndarray:
        """Plane coordinates ``(n, 2)`` → positions on the drawn surface ``(n, 3)``."""
        assert self._scale is not None and self._result is not None
        a0, sa, b0, sb, lo, span = self._scale
        grid = self._result.grid
        assert grid is not None
        ia = np.clip(np.searchsorted(grid.a, plane_points[:, 0]), 0, len(grid.a) - 1)
        ib = np.clip(np.searchsorted(grid.b, plane_points[:, 1]), 0, len(grid.b) - 1)
        z = self._result.display[ib, ia]
        return np.column_stack(((plane_points[:, 0] - a0) / sa - 0.5,
                                (plane_points[:, 1] - b0) / sb - 0.5,
                                (z - lo) / span * RELIEF + 0.01))
