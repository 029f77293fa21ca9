"""The landscape panel: plane choice, title, the landscape plot and the hover line.

A view of the session and the run traces. It asks the core which plane to draw
(:func:`~gdstudio.core.landscape.choose_plane`) and how to frame it
(:func:`~gdstudio.core.landscape.frame`), has the grid computed off the GUI thread
(:class:`~gdstudio.gui.landscape_thread.LandscapeJob`) and drops any result whose
``setup_id`` is not the session's (a result for a problem that is gone is never
projected). It frames the paths by itself after a reset or a new set of runs and when
a live run leaves the view, unless the student pins the view.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.landscape import LandscapeRequest, LandscapeResult, Plane, choose_plane
from gdstudio.core.session import Session
from gdstudio.core.status import Status
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.landscape_plot import LandscapePlot
from gdstudio.gui.landscape_thread import LandscapeJob
from gdstudio.gui.mountain_view import MountainView
from gdstudio.gui.plot_style import STYLE_SHEETS, scaled_sheet, style_scale
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.slope_plot import SlopePlot

__all__ = ["LandscapePanel", "MAX_GROWTH"]

#: The view follows runs that leave it until it is this many times wider than the first
#: frame of the problem (then the run is far beyond anything worth drawing).
MAX_GROWTH = 1e4
#: At most this many points of each path are used to frame the view.
_FRAME_POINTS = 2000
#: The planes' names in titles (English; shown through ``translate``).
_PLANE_TITLES = {"axes": QT_TRANSLATE_NOOP("LandscapePanel", "parameter axes"),
                 "pca": QT_TRANSLATE_NOOP("LandscapePanel", "PCA plane of the descent path"),
                 "random": QT_TRANSLATE_NOOP("LandscapePanel",
                                             "filter-normalised random plane")}


class LandscapePanel(QWidget):
    """Plane header, title, :class:`LandscapePlot` and the hover line.

    Args:
        session: the session it draws (read only: a click sets θ₀ through
            ``startPointChosen``, which the window applies).

    Signals:
        landscapeReady(): a new landscape is shown.
        startPointChosen(object): a click on the landscape: θ ``(p,)`` there.
    """

    landscapeReady = Signal()
    startPointChosen = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job = LandscapeJob(self)
        self.job.finished.connect(self._on_result)
        self._held = False  # see hold()
        self._replan_wanted = False
        self.plot = LandscapePlot()
        self.plot.startPointClicked.connect(self._on_clicked)
        self.plot.hoverText.connect(self._on_hover)
        self.slope = SlopePlot()
        self.views = QStackedWidget()
        # the plot with its arrow key below it (never over the landscape)
        self.plot_box = QWidget()
        box = QVBoxLayout(self.plot_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.plot, 1)
        box.addWidget(self.plot.arrow_key)
        self.views.addWidget(self.plot_box)
        self.views.addWidget(self.slope)
        self.mountain = MountainView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.views, "")
        self.tabs.addTab(self.mountain, "")
        self.tabs.currentChanged.connect(self._on_tab)
        # The heat map fills the view: when the plot's shape changes (window resized,
        # arrow key shown), the landscape is framed again to the new aspect ratio.
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(250)
        self._refit_timer.timeout.connect(self._refit_to_view)
        self.plot.plot_item.vb.sigResized.connect(self._on_plot_resized)
        self._traces: list[RunTrace] = []
        self._request_tag = 0
        self._frame_limit: float | None = None
        self._pca_fitted_on = 1

        self.plane_mode = QComboBox()
        for mode in ("pca", "random", "axes"):
            self.plane_mode.addItem("", mode)
        self.plane_i, self.plane_j = QComboBox(), QComboBox()
        for combo in (self.plane_i, self.plane_j):
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(lambda *_: self.replan())
        self.plane_mode.currentIndexChanged.connect(self._on_plane_mode)
        self.refit_button = QPushButton()
        self.refit_button.clicked.connect(lambda: self.replan())
        for view in (self.plot, self.slope):
            view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab skips the plots
        self.pin = QCheckBox()
        self.status = QLabel()
        self.status.setStyleSheet(STYLE_SHEETS["status"])
        self.plane_header = QWidget()
        hl = QHBoxLayout(self.plane_header)
        hl.setContentsMargins(4, 0, 4, 0)
        self.plane_label = QLabel()
        self.plane_label.setBuddy(self.plane_mode)
        hl.addWidget(self.plane_label)
        hl.addWidget(self.plane_mode)
        hl.addWidget(self.plane_i)
        hl.addWidget(self.plane_j)
        hl.addWidget(self.refit_button)
        hl.addStretch(1)
        top = QWidget()
        tl = QHBoxLayout(top)
        tl.setContentsMargins(4, 0, 4, 0)
        tl.addWidget(self.plane_header, 1)
        tl.addWidget(self.status)
        tl.addWidget(self.pin)
        self.title = QLabel()
        #: what the title says: ("plain", None) "Loss landscape", ("one_d", None) or
        #: ("plane", the values of :meth:`_title_values`) — rendered in the current language
        self._title_shown: tuple[str, Any] = ("plain", None)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet(scaled_sheet("plot_title"))
        style_scale().changed.connect(self._restyle)
        self.hover = QLabel(" ")
        self.hover.setTextFormat(Qt.TextFormat.PlainText)
        self.hover.setStyleSheet(STYLE_SHEETS["hover"])
        self._hover_point = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hover)
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text of the panel in the current language."""
        self.tabs.setTabText(0, translate("LandscapePanel", "Contours"))
        self.tabs.setTabText(1, translate("LandscapePanel", "Mountain (3-D)"))
        self.tabs.setTabToolTip(1, translate(
            "LandscapePanel", "The loss surface in 3-D: each run rolls down into the valley. "
            "Rotate with the mouse, zoom with the wheel."))
        modes = {"pca": translate("LandscapePanel", "PCA plane of the descent path"),
                 "random": translate("LandscapePanel", "Random directions (filter-normalised)"),
                 "axes": translate("LandscapePanel", "Two parameters")}
        for i in range(self.plane_mode.count()):
            self.plane_mode.setItemText(i, modes[self.plane_mode.itemData(i)])
        self.plane_mode.setToolTip(translate(
            "LandscapePanel", "With more than two parameters the landscape is drawn on a "
            "plane through parameter space; the path is projected on it."))
        for combo in (self.plane_i, self.plane_j):
            combo.setToolTip(translate(
                "LandscapePanel", "The parameters spanning the plane (the others stay at the "
                "focus run's current values)."))
        self.refit_button.setText(translate("LandscapePanel", "Re-fit plane"))
        self.refit_button.setToolTip(translate(
            "LandscapePanel", "Recompute the plane and the landscape around the path so far."))
        self.pin.setText(translate("LandscapePanel", "Pin view"))
        self.pin.setToolTip(translate(
            "LandscapePanel", "Keep the landscape where it is: do not re-frame it when runs "
            "are reset or leave the view (F still fits it to the paths)."))
        self.plane_label.setText(translate("LandscapePanel", "Plane:"))
        self.plane_i.setAccessibleName(translate("LandscapePanel", "First parameter of the plane"))
        self.plane_j.setAccessibleName(translate("LandscapePanel",
                                                 "Second parameter of the plane"))
        self.tabs.tabBar().setAccessibleName(translate("LandscapePanel", "Landscape views"))
        self.plot.setAccessibleName(translate("LandscapePanel", "Loss landscape"))
        self.slope.setAccessibleName(translate("LandscapePanel", "Loss along θ"))
        self.mountain.setAccessibleName(translate("LandscapePanel", "Loss surface in 3-D"))
        for w in (self.plane_mode, self.plane_i, self.plane_j, self.refit_button, self.pin):
            w.setAccessibleDescription(w.toolTip())
        self.hover.setToolTip(translate("LandscapePanel",
                                        "θ and L(θ) under the mouse; click to start there."))
        if self._hover_point:
            self._on_hover(self._hover_point)
        if self.job.busy:
            self.status.setText(translate("LandscapePanel", "computing the landscape…"))
        self._show_title()

    def _show_title(self, kind: str | None = None, values: Any = None) -> None:
        """Show the title ``kind`` (None: the one shown) in the current language."""
        if kind is not None:
            self._title_shown = (kind, values)
        kind, values = self._title_shown
        if kind == "one_d":
            text = translate("LandscapePanel",
                             "One parameter: the loss curve, the slope at θ and the step")
        elif kind == "plane":
            text = self._title_text(*values)
        else:
            text = translate("LandscapePanel", "Loss landscape")
        self.title.setText(text)

    # -- set-up --------------------------------------------------------------------

    def _restyle(self) -> None:
        """The title's font at the new :func:`style_scale` (projector mode, zoom)."""
        self.title.setStyleSheet(scaled_sheet("plot_title"))

    def set_problem(self) -> None:
        """A new setup: plane choices for its parameters; the old landscape goes."""
        problem = self.session.setup.problem
        many = problem.n_params > 2
        self.plane_header.setVisible(many)
        self.views.setCurrentWidget(self.slope if self.one_d else self.plot_box)
        self.tabs.setTabEnabled(1, not self.one_d)
        if self.one_d:
            self.slope.set_problem(self.session.setup, problem.param_names[0])
            self._show_title("one_d")
        for combo in (self.plane_i, self.plane_j):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(problem.param_names))
            combo.blockSignals(False)
        if many:
            self.plane_j.blockSignals(True)
            self.plane_j.setCurrentIndex(1)
            self.plane_j.blockSignals(False)
        self._show_axes_choice()
        self.plot.clear_landscape()
        self.plot.set_plane(None)
        self._frame_limit = None

    def set_traces(self, traces: list[RunTrace]) -> None:
        """The runs to draw (after every new set of runs)."""
        self._traces = traces
        plane = self.plot.plane
        if plane is not None and len(plane.origin) == self.session.setup.problem.n_params:
            for trace in traces:
                trace.set_plane(plane)
        self.plot.set_runs(traces)
        self.slope.set_runs(traces)

    @property
    def busy(self) -> bool:
        """True while a landscape is being computed."""
        return self.job.busy

    @property
    def one_d(self) -> bool:
        """A one-parameter problem: the landscape is a curve (:class:`SlopePlot`)."""
        return self.session.setup.problem.n_params == 1

    def refresh(self, traces: list[RunTrace], focus: int) -> None:
        """Redraw the paths (and arrows, or the tangent) from the traces."""
        if self.one_d:
            self.slope.refresh(traces, focus)
        else:
            self.plot.refresh(traces, focus)
            if self.tabs.currentWidget() is self.mountain:
                self.mountain.refresh(traces)

    @property
    def pca_mode(self) -> bool:
        return self.session.setup.problem.n_params > 2 and \
            self.plane_mode.currentData() == "pca"

    # -- planning ------------------------------------------------------------------
    def _plane(self) -> Plane:
        session = self.session
        problem = session.setup.problem
        k = session.focus
        trace = self._traces[k] if 0 <= k < len(self._traces) else None
        theta0 = trace.theta.data[0] if trace is not None and len(trace.theta) else \
            np.asarray(session.make_trainer(k).theta0)
        current = None if trace is None else trace.current.theta
        path = None if trace is None else trace.theta.data
        return choose_plane(problem, self.plane_mode.currentData() or "pca", theta0, path,
                            current, (self.plane_i.currentIndex(), self.plane_j.currentIndex()),
                            seed=session.run(0).seed)

    def hold(self) -> None:
        """Compute no landscape until :meth:`release`: an opened session's replay is about
        to move every path, and a landscape around θ₀ alone would be thrown away (and
        would compete with the replay for the processor)."""
        self._held = True

    def release(self) -> None:
        """End :meth:`hold`: frame the paths where they are now (unless the view is
        pinned and nothing was held back)."""
        if not self._held:
            return
        held_back, self._held, self._replan_wanted = self._replan_wanted, False, False
        if held_back or not self.pin.isChecked():
            self.replan()

    def replan(self) -> None:
        """Recompute the landscape (off the GUI thread) around θ₀ and every live path;
        after :meth:`hold`, when released."""
        if self._held:
            self._replan_wanted = True
            return
        setup = self.session.setup
        if self.one_d:  # a curve of a few hundred points: drawn at once
            self.slope.frame(self._traces)
            self.landscapeReady.emit()
            return
        try:
            plane = self._plane()
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        if plane.kind == "pca" and self._traces:
            self._pca_fitted_on = len(self._traces[self.session.focus].theta)
        elif self.pca_mode:
            self._pca_fitted_on = 1
        points = [np.zeros((0, 2))]
        for trace in self._traces:
            if not len(trace.theta):
                continue
            kept = trace.theta.data
            if trace.current.status == Status.DIVERGED:
                kept = kept[:1]  # frame its start, not the blow-up
            elif len(kept) > _FRAME_POINTS:
                kept = kept[np.linspace(0, len(kept) - 1, _FRAME_POINTS).astype(int)]
            points.append(plane.project(kept))
            if trace.current.theta is not None and trace.current.status != Status.DIVERGED:
                points.append(plane.project(trace.current.theta[None, :]))
        surface = setup.surface
        minima = None if surface is None else \
            np.array(surface.minima, dtype=float).reshape(-1, 2)
        vb = self.plot.plot_item.vb
        rect = vb.boundingRect()
        aspect = rect.width() / rect.height() if rect.height() > 10 and rect.width() > 10 \
            else 1.3
        self._request_tag += 1
        request = LandscapeRequest(
            setup.problem, plane, resolution=121 if setup.problem.n_params <= 16 else 81,
            tag=(self._request_tag, self._title_values(plane), minima),
            points=np.concatenate(points), bounds=None if surface is None else surface.bounds,
            include_optimum=setup.model is not None,
            aspect=aspect if plane.kind != "random" else None, max_span=self._frame_limit,
            setup_id=self.session.setup_id)
        self.status.setText(translate("LandscapePanel", "computing the landscape…"))
        self.job.request(request)

    def _on_plot_resized(self, *_: object) -> None:
        if self.plot.result is not None:
            self._refit_timer.start()

    def view_overhangs_grid(self) -> bool:
        """Whether the landscape view shows more than 2 % beyond the computed grid (blank
        margins: the plot's aspect ratio changed since the grid was framed)."""
        extent = self.plot.grid_extent()
        if extent is None:
            return False
        (a0, a1), (b0, b1) = extent
        (x0, x1), (y0, y1) = self.plot.plot_item.vb.viewRange()
        return (x1 - x0) > 1.02 * (a1 - a0) or (y1 - y0) > 1.02 * (b1 - b0)

    def _refit_to_view(self) -> None:
        if self.one_d or self.job.busy or self.pin.isChecked() or not self.isVisible():
            return
        if self.view_overhangs_grid():
            self.replan()

    def reframe(self) -> None:
        """Frame the paths again unless the view is pinned (after a reset, new runs)."""
        if not self.pin.isChecked():
            self.replan()

    def _title_values(self, plane: Plane) -> tuple[Any, ...]:
        """What the title of ``plane`` says, as values (rendered by :meth:`_title_text`
        in whatever language is current when it is shown)."""
        setup = self.session.setup
        if setup.surface is not None:
            return ("surface", setup.surface.title, ", ".join(setup.surface.variables),
                    setup.surface.formula)
        loss = self.session.run(0).loss.upper() if setup.model is not None else None
        return ("model", setup.problem.n_params, plane, loss)

    def _title_text(self, what: str, *values: Any) -> str:
        if what == "surface":
            title, variables, formula = values
            return translate("LandscapePanel", "{title}: f({variables}) = {formula}").format(
                title=translate("Names", title), variables=variables, formula=formula)
        n_params, plane, loss = values
        loss = loss or translate("LandscapePanel", "loss")
        if n_params == 2:
            a, b = plane.labels
            return translate("LandscapePanel", "Loss landscape L({a}, {b}), {loss}").format(
                a=a, b=b, loss=loss)
        return translate("LandscapePanel", "L on the {plane}, {loss}").format(
            plane=translate("LandscapePanel", str(_PLANE_TITLES[plane.kind])), loss=loss)

    def _on_result(self, result: LandscapeResult) -> None:
        tag, title_values, minima = result.request.tag
        if tag != self._request_tag or result.request.setup_id != self.session.setup_id:
            return  # stale: for an older request or a problem that is gone
        if result.error:
            self.status.setText(result.error)
            return
        plane = result.request.plane
        self.status.setText("")
        for trace in self._traces:
            trace.set_plane(plane)
        self.plot.set_plane(plane, "")
        self._show_title("plane", title_values)
        self.plot.plot_item.vb.setAspectLocked(plane.kind != "random", ratio=1.0)
        self.plot.set_result(result)
        self.plot.set_minima(minima)
        if self.tabs.currentWidget() is self.mountain:
            self.mountain.set_result(result)
        extent = self.plot.grid_extent()
        if extent is not None and self._frame_limit is None:
            span = max(extent[0][1] - extent[0][0], extent[1][1] - extent[1][0])
            self._frame_limit = span * MAX_GROWTH
        self.landscapeReady.emit()

    def follow(self, playing: bool) -> None:
        """Re-frame when a live run's θ leaves the view (unless pinned); in PCA mode also
        re-fit the plane each time the focus path has doubled in length (when paused)."""
        if self.one_d:
            if not self.pin.isChecked() and self.slope.leaves_view(self._traces):
                self.replan()
            return
        if self.job.busy or self.plot.result is None or self.pin.isChecked():
            return
        if self.pca_mode and self._traces and not playing:
            n = len(self._traces[self.session.focus].theta)
            if n >= 3 and n >= 2 * self._pca_fitted_on:
                self.replan()
                return
        extent = self.plot.grid_extent()
        if extent is None:
            return
        (a0, a1), (b0, b1) = extent
        for trace in self._traces:
            theta = trace.current.theta
            if theta is None or trace.current.status == Status.DIVERGED or \
                    len(theta) != self.session.setup.problem.n_params:
                continue
            a, b = trace.project(theta[None, :])[0]
            if a0 <= a <= a1 and b0 <= b <= b1:
                continue
            limit = self._frame_limit
            if limit is not None:
                ca, cb = (a0 + a1) / 2, (b0 + b1) / 2
                if max(abs(a - ca), abs(b - cb)) * 2 > limit:
                    continue
            self.replan()
            return

    # -- interaction ---------------------------------------------------------------
    def _on_tab(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.mountain and not self.one_d:
            self.mountain.set_result(self.plot.result)
            self.mountain.refresh(self._traces)

    def _on_plane_mode(self, *_: object) -> None:
        self._show_axes_choice()
        self.replan()

    def _show_axes_choice(self) -> None:
        axes = self.plane_mode.currentData() == "axes"
        self.plane_i.setVisible(axes)
        self.plane_j.setVisible(axes)

    def _on_clicked(self, a: float, b: float) -> None:
        plane = self.plot.plane
        if plane is not None and len(plane.origin) == self.session.setup.problem.n_params:
            self.startPointChosen.emit(np.ravel(plane.point(a, b)))

    def _on_hover(self, text: str) -> None:
        self._hover_point = text
        self.hover.setText(translate("LandscapePanel", "{point}   (click to start here)")
                           .format(point=text))

    def shutdown(self) -> None:
        """Stop the landscape thread (idempotent)."""
        self._refit_timer.stop()
        self.job.shutdown()
