"""The main window: controls, toolbar, live plots, comparison runs and entry points.

:class:`MainWindow` turns the control panel's :class:`~gdstudio.core.scenario.Scenario`
into trainers (``prepare(scenario).make_trainer(...)``, one per comparison run) and
hands them to a :class:`~gdstudio.gui.worker.TrainingController`, whose batches
(:meth:`MainWindow.apply_batch`) feed the plots at most once per frame. The loss
landscape is computed by :class:`~gdstudio.gui.landscape_job.LandscapeJob` off the GUI
thread whenever the problem changes or the descent path leaves the picture.

Entry points for ``gdstudio.app``: :func:`run_gui` and :func:`take_screenshot`.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import gdstudio
from gdstudio.core import datasets as ds
from gdstudio.core.landscape import axes_plane, pca_plane, random_plane
from gdstudio.core.scenario import MAX_RUNS as CORE_MAX_RUNS
from gdstudio.core.scenario import (
    Scenario,
    ScenarioError,
    Setup,
    load_scenario,
    prepare,
    save_scenario,
)
from gdstudio.gui.controls import (
    OPTIMIZER_FIELDS,
    PROBLEM_FIELDS,
    ColumnChooserDialog,
    ControlPanel,
    SpeedControl,
    describe_run,
    optimizer_changes,
    run_scenario,
)
from gdstudio.gui.landscape_job import LandscapeJob, LandscapeRequest, LandscapeResult
from gdstudio.gui.plots import (
    DataPlot,
    LandscapePlot,
    LossCurvePlot,
    Readout,
    RunTrace,
    run_color,
)
from gdstudio.gui.qtapp import application, quiet_offscreen_messages
from gdstudio.gui.worker import StepBatch, TrainingController

__all__ = ["MainWindow", "default_scenario", "run_gui", "take_screenshot", "MAX_RUNS"]

#: Runs at most, comparison runs included (one colour of the Okabe–Ito palette each).
MAX_RUNS = CORE_MAX_RUNS
#: Shortest time between two redraws of the plots (60 frames per second).
FRAME_S = 1.0 / 60.0
#: Shortest time between two redraws of the data view's fit (it evaluates the model).
DATA_FRAME_S = 1.0 / 20.0
#: Fields every run shares (besides the problem); each run has its own OPTIMIZER_FIELDS.
_SHARED_FIELDS = ("seed", "init", "max_steps", "max_epochs", "loss_tol", "grad_tol",
                  "schedule", "schedule_params")


def default_scenario() -> Scenario:
    """The start-up scenario: linear regression on the Palmer penguins, batch GD, η = 0.1.

    Body mass (g) against flipper length (mm), the feature standardised: gradient
    descent converges in about 60 steps, straight down a round bowl.
    """
    return Scenario(
        title="Linear regression on the Palmer penguins",
        description="Body mass (g) against flipper length (mm); the feature is standardised.",
        kind="data", dataset="penguins", model="linear", loss="mse", standardize=True,
        optimizer="gd", learning_rate=0.1, max_steps=1000, loss_tol=1e-9,
    )


class _Banner(QLabel):
    """A coloured message above the plots (divergence: what happened, what to try)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(
            "QLabel { background: #FFF1D6; color: #5A3A00; border: 1px solid #E6A23C;"
            " border-left: 6px solid #D55E00; border-radius: 4px; padding: 8px 10px;"
            " font-size: 11pt; }")
        self.hide()

    def show_message(self, title: str, text: str) -> None:
        """Show ``title`` (bold) and ``text``."""
        self.setText(f"<b>{title}</b> {text}")
        self.show()


class MainWindow(QMainWindow):
    """GD Studio's main window.

    Args:
        scenario: the scenario to open (default: :func:`default_scenario`).
        parent: optional parent widget.

    Attributes:
        controller: the :class:`~gdstudio.gui.worker.TrainingController` (training thread).
        panel: the :class:`~gdstudio.gui.controls.ControlPanel`.
        loss_plot, landscape_plot, data_plot, readout: the live views.
        traces: one :class:`~gdstudio.gui.plots.RunTrace` per run (what is drawn).
        setup: the prepared problem (:class:`~gdstudio.core.scenario.Setup`).
        status: the last status from the worker ("ready", "running", "paused", ...).

    Signals:
        frameDrawn(): the plots were redrawn (after a batch or a landscape).
        landscapeReady(): a new landscape is shown.
    """

    frameDrawn = Signal()
    landscapeReady = Signal()

    def __init__(self, scenario: Scenario | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("GD Studio")
        self.resize(1400, 900)
        self.controller = TrainingController(self)
        self.landscape_job = LandscapeJob(self)
        self.base: Scenario = default_scenario()
        self.run_changes: list[dict[str, Any]] = [optimizer_changes(self.base)]
        self.focus = 0
        self.setup: Setup | None = None
        self.traces: list[RunTrace] = []
        self.status = "ready"
        self.status_message = ""
        self.batches_received = 0
        self._steps_per_s = 0.0
        self._last_flush = 0.0
        self._last_data_flush = 0.0
        self._dirty = False
        self._landscape_tag = 0
        self._frame_limit: float | None = None
        self._theta0: list[np.ndarray] = []
        self._pca_fitted_on = 1
        self._shown = False
        self._layout_has_data: bool | None = None
        self._closed = False

        self._build_ui()
        self._build_actions()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)

        self.controller.batchReady.connect(self.apply_batch)
        self.controller.statusChanged.connect(self._on_status)
        self.controller.errorOccurred.connect(self._on_worker_error)
        self.landscape_job.finished.connect(self._on_landscape)
        self.controller.set_speed(self.speed.value())
        if not self.open_scenario_object(scenario or default_scenario()):
            message = self.panel.error_label.text()
            self.open_scenario_object(default_scenario())
            self.panel.show_error(f"The scenario could not be opened ({message}); showing the "
                                  "default one instead.")

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.panel = ControlPanel()
        self.panel.scenarioEdited.connect(self._on_panel_edited)
        self.panel.openCsvRequested.connect(self.open_csv_dialog)
        self.panel.columnsRequested.connect(self.choose_columns_dialog)
        self.panel.addRunRequested.connect(lambda: self.add_run())
        self.panel.removeRunRequested.connect(self.remove_run)
        self.panel.focusRunChanged.connect(self.set_focus_run)
        self.panel.errorChanged.connect(self._on_panel_error)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.panel.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        self.dock = QDockWidget("Settings", self)
        self.dock.setObjectName("settings")
        self.dock.setWidget(scroll)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [370], Qt.Orientation.Horizontal)

        self.banner = _Banner()
        self.loss_plot = LossCurvePlot()
        self.landscape_plot = LandscapePlot()
        self.landscape_plot.startPointClicked.connect(self._on_landscape_clicked)
        self.landscape_plot.hoverText.connect(self._on_hover)
        self.data_plot = DataPlot()
        self.readout = Readout()

        # landscape header: plane choice for more than two parameters
        self.plane_mode = QComboBox()
        self.plane_mode.addItem("PCA plane of the descent path", "pca")
        self.plane_mode.addItem("Random directions (filter-normalised)", "random")
        self.plane_mode.addItem("Two parameters", "axes")
        self.plane_mode.setToolTip("With more than two parameters the landscape is drawn on a "
                                   "plane through parameter space; the path is projected on it.")
        self.plane_i = QComboBox()
        self.plane_j = QComboBox()
        for combo in (self.plane_i, self.plane_j):
            combo.setToolTip("The parameters spanning the plane (the others stay at the "
                             "focus run's current values).")
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(lambda *_: self.replan_landscape())
        self.plane_mode.currentIndexChanged.connect(self._on_plane_mode)
        self.refit_button = QPushButton("Re-fit plane")
        self.refit_button.setToolTip("Recompute the plane and the landscape around the path "
                                     "so far.")
        self.refit_button.clicked.connect(lambda: self.replan_landscape())
        self.landscape_status = QLabel()
        self.landscape_status.setStyleSheet("color: #555;")
        header = QWidget()
        hl = QHBoxLayout(header)
        hl.setContentsMargins(4, 0, 4, 0)
        self.plane_label = QLabel("Plane:")
        hl.addWidget(self.plane_label)
        hl.addWidget(self.plane_mode)
        hl.addWidget(self.plane_i)
        hl.addWidget(self.plane_j)
        hl.addWidget(self.refit_button)
        hl.addStretch(1)
        hl.addWidget(self.landscape_status)
        self.plane_header = header
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet("color: #333; padding-left: 6px;")
        self.hover_label.setToolTip("θ and L(θ) under the mouse; click to start there.")
        self.landscape_title = QLabel("Loss landscape")
        self.landscape_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.landscape_title.setWordWrap(True)
        self.landscape_title.setStyleSheet("font-size: 11pt; color: #222; background: white;"
                                           " padding: 4px;")
        self.landscape_plot.titleChanged.connect(self.landscape_title.setText)
        land = QWidget()
        lv = QVBoxLayout(land)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.setSpacing(0)
        lv.addWidget(header)
        lv.addWidget(self.landscape_title)
        lv.addWidget(self.landscape_plot, 1)
        lv.addWidget(self.hover_label)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(land)
        left.addWidget(self.readout)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 0)
        left.setCollapsible(0, False)
        self.readout.setMinimumHeight(120)
        self.left_splitter = left
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.loss_plot)
        right.addWidget(self.data_plot)
        self.right_splitter = right
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(right)
        main.setStretchFactor(0, 11)
        main.setStretchFactor(1, 9)
        self.splitter = main
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.setContentsMargins(4, 4, 4, 4)
        cv.addWidget(self.banner)
        cv.addWidget(main, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel("Ready")
        self.rate_label = QLabel("")
        self.rate_label.setMinimumWidth(120)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.rate_label)

    def _build_actions(self) -> None:
        style = self.style()
        icon = style.standardIcon

        def action(text: str, shortcut: Any, tip: str, slot: Any,
                   std: QStyle.StandardPixmap | None = None) -> QAction:
            act = QAction(text, self)
            if std is not None:
                act.setIcon(icon(std))
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip} ({keys})" if keys else tip)
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        SP = QStyle.StandardPixmap
        self.act_play = action("Play", Qt.Key.Key_Space, "Play or pause training",
                               self.toggle_play, SP.SP_MediaPlay)
        self.act_step = action("Step", Qt.Key.Key_Right, "Take one gradient-descent step",
                               self.step, SP.SP_MediaSeekForward)
        self.act_back = action("Step back", Qt.Key.Key_Left, "Undo the last step (rewind)",
                               self.step_back, SP.SP_MediaSeekBackward)
        self.act_reset = action("Reset", Qt.Key.Key_R, "Back to the start point θ₀",
                                self.reset, SP.SP_MediaSkipBackward)
        self.act_run = action("Run to stop", "Ctrl+Return",
                              "Train as fast as possible until a stopping criterion is met",
                              self.run_to_stop, SP.SP_MediaSkipForward)
        self.act_open = action("Open scenario…", QKeySequence.StandardKey.Open,
                               "Open a scenario (lesson) TOML file", self.open_scenario_dialog,
                               SP.SP_DialogOpenButton)
        self.act_save = action("Save scenario…", QKeySequence.StandardKey.Save,
                               "Save the scenario and its comparison runs as TOML",
                               self.save_scenario_dialog, SP.SP_DialogSaveButton)
        self.act_csv = action("Open CSV…", "Ctrl+Shift+O", "Load your own data from a CSV file",
                              self.open_csv_dialog)
        self.act_export_csv = action("Export loss curve as CSV…", None,
                                     "Save the loss per step of every run as CSV",
                                     self.export_loss_csv_dialog)
        self.act_export_png = action("Export loss curve as PNG…", None,
                                     "Save the loss-curve plot as an image",
                                     self.export_loss_png_dialog)
        self.act_export_land = action("Export landscape as PNG…", None,
                                      "Save the landscape plot as an image",
                                      self.export_landscape_png_dialog)
        self.act_quit = action("Quit", QKeySequence.StandardKey.Quit, "Quit GD Studio",
                               self.close)
        self.act_log = action("Log-scale loss axis", "L", "Show the loss on a log scale",
                              self._on_log_toggled)
        self.act_log.setCheckable(True)
        self.act_log.setChecked(True)
        self.act_arrows = action("Show gradient arrows", "G",
                                 "Show −∇L, the velocity and the update at the current θ",
                                 self._on_arrows_toggled)
        self.act_arrows.setCheckable(True)
        self.act_arrows.setChecked(True)
        self.act_fit_view = action("Fit landscape to the paths", "F",
                                   "Recompute the landscape around every descent path",
                                   lambda: self.replan_landscape())
        self.act_add_run = action("Add comparison run", "Ctrl+N",
                                  "Add a run with a copy of the selected run's optimizer "
                                  "settings", lambda: self.add_run())
        self.act_about = action("About GD Studio", None, "Version and licence", self.show_about)

        tb = QToolBar("Training")
        tb.setObjectName("training")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for act in (self.act_play, self.act_step, self.act_back, self.act_reset, self.act_run):
            tb.addAction(act)
        tb.addSeparator()
        self.speed = SpeedControl(20.0)
        self.speed.speedChanged.connect(self.controller.set_speed)
        tb.addWidget(self.speed)
        tb.addSeparator()
        tb.addAction(self.act_add_run)
        self.addToolBar(tb)
        self.toolbar = tb

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for item in (self.act_open, self.act_save, None, self.act_csv, None,
                     self.act_export_csv, self.act_export_png, self.act_export_land, None,
                     self.act_quit):
            if item is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(item)
        train_menu = menu.addMenu("&Training")
        for item in (self.act_play, self.act_step, self.act_back, self.act_reset, self.act_run,
                     None, self.act_add_run):
            if item is None:
                train_menu.addSeparator()
            else:
                train_menu.addAction(item)
        view_menu = menu.addMenu("&View")
        for act in (self.act_log, self.act_arrows, self.act_fit_view):
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.dock.toggleViewAction())
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.act_about)

    # ------------------------------------------------------------------ dialogs
    def show_error(self, title: str, text: str) -> None:
        """Tell the user something went wrong (a modal message box; tests replace it)."""
        self.status_label.setText(text.splitlines()[0] if text else title)
        QMessageBox.warning(self, title, text)

    def show_about(self) -> None:
        """Help → About: the version and what the application is for."""
        QMessageBox.about(
            self, "About GD Studio",
            f"<h3>GD Studio {gdstudio.__version__}</h3>"
            "<p>An interactive application that teaches gradient descent: pick a problem, a "
            "learning rate and a gradient-descent variant, then step, pause, rewind and run "
            "while the loss curve, the descent path and the model's fit update live.</p>"
            "<p>MIT licence. Datasets keep their own licences (see resources/datasets).</p>")

    # ------------------------------------------------------------------ scenario
    def run_scenario(self, index: int) -> Scenario:
        """The full scenario of run ``index`` (base + its optimizer settings)."""
        return run_scenario(self.base, self.run_changes[index])

    @property
    def scenario(self) -> Scenario:
        """The selected (focus) run's scenario, as the controls show it."""
        return self.run_scenario(self.focus)

    def full_scenario(self) -> Scenario:
        """Run 1's scenario with every comparison run in ``runs`` (what Save writes)."""
        own = self.run_scenario(0)
        runs = [{f: self.run_changes[i][f] for f in OPTIMIZER_FIELDS}
                for i in range(1, len(self.run_changes))]
        return own.replace(runs=runs)

    def open_scenario_object(self, scenario: Scenario, runs: list[dict] | None = None) -> bool:
        """Make ``scenario`` the current one: its own run, its ``[[runs]]`` and ``runs``
        (extra comparison runs: dicts of Scenario changes, e.g. ``{"optimizer": "adam"}``).

        Returns False (and keeps the previous state) if it cannot be prepared.
        """
        base = dataclasses.replace(scenario, runs=[])
        changes = [optimizer_changes(base)]
        for extra in [*scenario.runs, *(runs or [])]:
            try:
                changes.append(optimizer_changes(run_scenario(base, extra)) | {
                    k: v for k, v in extra.items() if k not in OPTIMIZER_FIELDS})
            except ScenarioError as exc:
                self.show_error("Invalid comparison run", str(exc))
                return False
        ok = self._apply(base, changes[:MAX_RUNS], 0, problem_changed=True)
        if ok:
            self.panel.set_scenario(self.scenario)
            self.panel.clear_error()
            self.panel.set_lesson(scenario.title, scenario.description)
            self.setWindowTitle(f"{scenario.title} — GD Studio" if scenario.title
                                else "GD Studio")
        return ok

    def open_scenario(self, path: str) -> bool:
        """Load a scenario TOML file; errors go to :meth:`show_error`."""
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            self.show_error("Cannot open the scenario", str(exc))
            return False
        return self.open_scenario_object(scenario)

    def open_scenario_dialog(self) -> None:
        """File → Open scenario…: choose a TOML file."""
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", "",
                                              "Scenarios (*.toml);;All files (*)")
        if path:
            self.open_scenario(path)

    def save_scenario(self, path: str) -> bool:
        """Save the scenario with its comparison runs (``[[runs]]``) as TOML."""
        try:
            save_scenario(self.full_scenario(), path)
        except OSError as exc:
            self.show_error("Cannot save the scenario", f"{path}: {exc}")
            return False
        self.status_label.setText(f"Saved {path}")
        return True

    def save_scenario_dialog(self) -> None:
        """File → Save scenario…: choose where to write the TOML file."""
        path, _ = QFileDialog.getSaveFileName(self, "Save scenario", "scenario.toml",
                                              "Scenarios (*.toml)")
        if path:
            self.save_scenario(path)

    def _on_panel_edited(self, sc: Scenario) -> None:
        base_changes = {f: getattr(sc, f) for f in PROBLEM_FIELDS + _SHARED_FIELDS}
        problem_changed = any(getattr(self.base, f) != getattr(sc, f) for f in PROBLEM_FIELDS)
        # The seed also draws synthetic data and the train/test split.
        problem_changed |= sc.kind == "data" and sc.seed != self.base.seed
        try:
            base = self.base.replace(**base_changes)
        except ScenarioError as exc:
            self.panel.report_rejected(str(exc))
            return
        changes = list(self.run_changes)
        changes[self.focus] = optimizer_changes(sc)
        if self.focus == 0:
            base = base.replace(**optimizer_changes(sc))
        self._apply(base, changes, self.focus, problem_changed=problem_changed)

    def _apply(self, base: Scenario, changes: list[dict[str, Any]], focus: int,
               problem_changed: bool) -> bool:
        """Prepare (if needed) and start fresh trainers for every run.

        Errors (ScenarioError, DatasetError) are shown inline and leave everything as it
        was; returns whether the new state was applied.
        """
        setup = self.setup
        try:
            if problem_changed or setup is None:
                setup = prepare(base)
            scenarios = [run_scenario(base, c) for c in changes]
            trainers = [setup.make_trainer(sc) for sc in scenarios]
        except (ScenarioError, ds.DatasetError, ValueError) as exc:
            self.panel.report_rejected(str(exc))
            self.status_label.setText(f"Not applied: {exc}")
            return False
        self.base, self.run_changes = base, list(changes)
        self.focus = min(focus, len(changes) - 1)
        if setup is not self.setup:
            self.setup = setup
            self._on_new_setup()
        self._start_runs(trainers, scenarios)
        if problem_changed:
            self.replan_landscape(new_problem=True)
        elif any(not self._inside_frame(t.theta0) for t in trainers):
            self.replan_landscape()
        return True

    def _on_new_setup(self) -> None:
        setup = self.setup
        assert setup is not None
        problem = setup.problem
        self.panel.set_train_size(problem.n_train)
        if setup.dataset is not None:
            d = setup.dataset
            info = (f"{d.task}, {d.n_samples} rows: {', '.join(d.feature_names)} → "
                    f"{d.target_name}")
            if d.dropped_rows:
                info += f" ({d.dropped_rows} rows with missing values left out)"
            self.panel.set_dataset_info(info)
        else:
            self.panel.set_dataset_info("")
        many = problem.n_params > 2
        self.plane_header.setVisible(many)
        for combo in (self.plane_i, self.plane_j):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(problem.param_names))
            combo.blockSignals(False)
        if many:
            self.plane_j.setCurrentIndex(1)
        self._on_plane_mode()
        self.landscape_plot.clear_landscape()
        self._frame_limit = None

    def _start_runs(self, trainers: list[Any], scenarios: list[Scenario]) -> None:
        setup = self.setup
        assert setup is not None
        problem = setup.problem
        self._theta0 = [t.theta0.copy() for t in trainers]
        self.traces = [RunTrace(describe_run(sc), run_color(i), problem.n_params,
                                problem.has_test) for i, sc in enumerate(scenarios)]
        plane = self.landscape_plot.plane
        if plane is not None and len(plane.origin) == problem.n_params:
            for trace in self.traces:
                trace.set_plane(plane)
        self.loss_plot.set_runs(self.traces)
        self.landscape_plot.set_runs(self.traces)
        self.data_plot.set_setup(setup if setup.dataset is not None else None, self.traces)
        self._arrange(setup.dataset is not None)
        self.panel.set_runs([t.name for t in self.traces], [t.color for t in self.traces],
                            self.focus)
        self.banner.hide()
        self.status = "ready"
        self._steps_per_s = 0.0
        self.rate_label.setText("")
        self.controller.set_runs(trainers)
        self._update_play_action()

    def _arrange(self, has_data: bool) -> None:
        """Data problems: landscape and readout | loss curve and data view. Surfaces (no
        data view): a wider landscape | loss curve and readout."""
        if self._layout_has_data == has_data:
            return
        self._layout_has_data = has_data
        self.data_plot.setVisible(has_data)
        if has_data:
            self.left_splitter.addWidget(self.readout)
        else:
            self.right_splitter.addWidget(self.readout)
        for splitter in (self.left_splitter, self.right_splitter):
            for i in range(splitter.count()):
                splitter.setStretchFactor(i, 0 if splitter.widget(i) is self.readout else 1)
        total = max(self.splitter.width(), 800)
        share = 0.55 if has_data else 0.62
        self.splitter.setSizes([int(total * share), total - int(total * share)])
        for splitter in (self.left_splitter, self.right_splitter):
            n = splitter.count()
            height = max(splitter.height(), 600)
            if n >= 2 and splitter.widget(n - 1) is self.readout:
                sizes = [0] * n
                sizes[-1] = 140
                rest = (height - 140) // (n - 1)
                sizes[:-1] = [rest] * (n - 1)
                splitter.setSizes(sizes)
            elif n == 2:
                splitter.setSizes([height // 2, height - height // 2])

    # -- comparison runs ---------------------------------------------------------------
    def add_run(self, changes: dict[str, Any] | None = None) -> bool:
        """Add a comparison run: a copy of the focus run's optimizer settings with
        ``changes`` (Scenario fields, e.g. ``{"optimizer": "adam"}``) applied."""
        if len(self.run_changes) >= MAX_RUNS:
            self.show_error("Too many runs", f"At most {MAX_RUNS} runs can be compared.")
            return False
        new = dict(self.run_changes[self.focus])
        if changes:
            try:
                sc = run_scenario(run_scenario(self.base, new), changes)
            except ScenarioError as exc:
                self.show_error("Invalid comparison run", str(exc))
                return False
            new = optimizer_changes(sc) | {k: v for k, v in changes.items()
                                           if k not in OPTIMIZER_FIELDS}
        changes_list = [*self.run_changes, new]
        ok = self._apply(self.base, changes_list, len(changes_list) - 1, problem_changed=False)
        if ok:
            self.panel.set_scenario(self.scenario)
        return ok

    def remove_run(self, index: int) -> bool:
        """Remove comparison run ``index`` (the last remaining run cannot be removed)."""
        if len(self.run_changes) <= 1 or not 0 <= index < len(self.run_changes):
            return False
        changes = [c for i, c in enumerate(self.run_changes) if i != index]
        base = run_scenario(self.base, changes[0])
        ok = self._apply(base, changes, min(self.focus, len(changes) - 1) if index != self.focus
                         else 0, problem_changed=False)
        if ok:
            self.panel.set_scenario(self.scenario)
        return ok

    def set_focus_run(self, index: int) -> None:
        """The run whose settings the controls edit and whose arrows are drawn."""
        if not 0 <= index < len(self.run_changes) or index == self.focus:
            return
        self.focus = index
        self.panel.set_scenario(self.scenario)
        self._dirty = True
        self._flush()

    # ------------------------------------------------------------------ data
    def open_csv_dialog(self) -> None:
        """File → Open CSV…: choose a file, then its feature and target columns."""
        path, _ = QFileDialog.getOpenFileName(self, "Open CSV", "",
                                              "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if not path:
            return
        try:
            columns = ds.read_csv_columns(path)
        except ds.DatasetError as exc:
            self.show_error("Cannot read the CSV file", str(exc))
            return
        dialog = ColumnChooserDialog(columns, f"Columns of {Path(path).name}", parent=self)
        if dialog.exec():
            x, y = dialog.selection()
            self.load_csv(path, x, y)

    def choose_columns_dialog(self) -> None:
        """Pick the feature and target columns of the current bundled or CSV dataset."""
        sc = self.base
        try:
            if sc.dataset in ds.BUNDLED_DATASETS:
                columns = ds.bundled_columns(sc.dataset)
            else:
                columns = ds.read_csv_columns(sc.dataset)
        except (ds.DatasetError, ValueError) as exc:
            self.show_error("Cannot read the columns", str(exc))
            return
        d = self.setup.dataset if self.setup is not None else None
        dialog = ColumnChooserDialog(columns, f"Columns of {Path(sc.dataset).name}",
                                     list(d.feature_names) if d else None,
                                     d.target_name if d else None, parent=self)
        if dialog.exec():
            x, y = dialog.selection()
            self.load_csv(sc.dataset, x, y)

    def load_csv(self, path: str, x: list[str], y: str) -> bool:
        """Use columns ``x`` → ``y`` of a CSV file (or bundled dataset) as the data.

        A file the core rejects (DatasetError) is reported with :meth:`show_error`, with
        the core's message, and the previous dataset stays loaded.
        """
        try:
            dataset = ds.load_dataset(path, x=x, y=y)
        except (ds.DatasetError, ValueError) as exc:
            self.show_error("Cannot use this data", str(exc))
            return False
        model, loss = self.base.model, self.base.loss
        if dataset.task == "classification":
            model = "logistic" if model in ("linear", "polynomial") else model
            loss = loss if loss in ("logloss", "hinge") else "logloss"
        else:
            model = "linear" if model == "logistic" else model
            loss = loss if loss in ("mse", "mae", "huber") else "mse"
        if model == "polynomial" and dataset.n_features != 1:
            model = "linear"
        try:
            base = self.base.replace(kind="data", dataset=str(path), x=list(x), y=y,
                                     model=model, loss=loss)
            setup = prepare(base)
        except (ScenarioError, ds.DatasetError, ValueError) as exc:
            self.show_error("Cannot use this data", str(exc))
            return False
        del setup
        changes = [dict(c) for c in self.run_changes]
        ok = self._apply(base, changes, self.focus, problem_changed=True)
        if ok:
            self.panel.set_scenario(self.scenario)
        else:
            self.show_error("Cannot use this data", self.panel.error_label.text())
        return ok

    # ------------------------------------------------------------------ commands
    def toggle_play(self) -> None:
        """Play, or pause if playing."""
        if self.controller.playing:
            self.controller.pause()
        else:
            self.controller.play()
        self._update_play_action()

    def play(self) -> None:
        """Train at the current speed until paused or every run stops."""
        self.controller.play()
        self._update_play_action()

    def pause(self) -> None:
        """Pause training (the plots receive every row made so far)."""
        self.controller.pause()
        self._update_play_action()

    def step(self) -> None:
        """Pause and take one gradient-descent step in every live run."""
        self.controller.step()
        self._update_play_action()

    def step_back(self) -> None:
        """Pause and undo the last step (an exact rewind)."""
        self.controller.step_back()
        self._update_play_action()

    def reset(self) -> None:
        """Pause and send every run back to its start point θ₀."""
        self.controller.reset()
        self._update_play_action()

    def run_to_stop(self) -> None:
        """Train as fast as possible until every run meets a stopping criterion."""
        self.controller.run_to_stop()
        self._update_play_action()

    def _update_play_action(self) -> None:
        playing = self.controller.playing
        self.act_play.setText("Pause" if playing else "Play")
        self.act_play.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))

    # ------------------------------------------------------------------ batches
    def apply_batch(self, batch: StepBatch) -> None:
        """Slot for the controller's batches: append rows to the runs, redraw ≤ 60 Hz."""
        self.batches_received += 1
        if batch.truncate_to is not None:
            for trace in self.traces:
                trace.truncate(batch.truncate_to)
        for rb in batch.runs:
            if 0 <= rb.run < len(self.traces):
                self.traces[rb.run].append_batch(rb)
        if batch.steps_per_s > 0:
            self._steps_per_s = batch.steps_per_s
        if batch.truncate_to is not None and not any(
                t.current.status == "diverged" for t in self.traces):
            self.banner.hide()
        self._dirty = True
        wait = FRAME_S - (time.perf_counter() - self._last_flush)
        if wait <= 0:
            self._flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start(max(1, int(wait * 1000)))

    def _flush(self) -> None:
        """Redraw every plot from the run traces (setData once per frame)."""
        if not self._dirty or self._closed:
            return
        self._dirty = False
        now = time.perf_counter()
        self._last_flush = now
        traces = self.traces
        self.loss_plot.refresh(traces)
        self.landscape_plot.refresh(traces, self.focus)
        focus = traces[self.focus] if 0 <= self.focus < len(traces) else None
        live = "running" if self.controller.playing else (
            "paused" if self.status == "running" else self.status)
        self.readout.update_from(focus, self.setup, live)
        if now - self._last_data_flush >= DATA_FRAME_S or not self.controller.playing:
            self._last_data_flush = now
            self.data_plot.refresh(traces, self.focus)
        elif not self._flush_timer.isActive():
            self._dirty = True
            self._flush_timer.start(int(DATA_FRAME_S * 1000))
        self._update_status_text()
        self._check_frame()
        self.frameDrawn.emit()

    def _update_status_text(self) -> None:
        k = max((t.current.step for t in self.traces), default=0)
        if self.status == "diverged":
            k = max((t.current.diverged_at or 0 for t in self.traces), default=k) or k
        names = {"ready": "Ready", "running": "Running", "paused": "Paused",
                 "converged": "Converged", "finished": "Finished", "diverged": "Diverged"}
        text = f"{names.get(self.status, self.status.capitalize())} at step {k}"
        if self.status in ("converged", "finished", "diverged") and self.status_message:
            text += f" — {self.status_message}"
        self.status_label.setText(text)
        if self.controller.playing and self._steps_per_s > 0:
            self.rate_label.setText(f"{self._steps_per_s:,.0f} steps/s")

    def _on_status(self, status: str, message: str) -> None:
        previous = self.status
        self.status = status
        self.status_message = message
        diverged = [t for t in self.traces if t.current.status == "diverged"]
        if status == "diverged" or ("diverged" in message or "blew up" in message
                                    or "infinite" in message):
            self.banner.show_message(
                "Diverged.",
                f"{message.rstrip('.')}. The plots keep the last finite values. Lower η (the "
                "run restarts from θ₀) or press Reset (R).")
        elif not diverged:
            self.banner.hide()
        if status != "running":
            self.rate_label.setText("")
        self._update_play_action()
        self._update_status_text()
        if previous == "running" and status != "running" and self._pca_mode():
            self.replan_landscape()

    def _pca_mode(self) -> bool:
        return self.setup is not None and self.setup.problem.n_params > 2 and \
            self.plane_mode.currentData() == "pca"

    def _on_worker_error(self, message: str) -> None:
        self.status_label.setText(message)
        self.banner.show_message("Error.", message)

    def _on_panel_error(self, message: str) -> None:
        if message:
            self.status_label.setText(message)

    # ------------------------------------------------------------------ landscape
    def _on_plane_mode(self, *args: Any) -> None:
        axes = self.plane_mode.currentData() == "axes"
        self.plane_i.setVisible(axes)
        self.plane_j.setVisible(axes)
        if args:
            self.replan_landscape()

    def _choose_plane(self) -> Any:
        setup = self.setup
        assert setup is not None
        problem = setup.problem
        p = problem.n_params
        if p == 2:
            return axes_plane(problem)
        focus = self.traces[self.focus] if self.traces else None
        theta0 = self._theta0[self.focus] if self._theta0 else np.zeros(p)
        current = focus.current.theta if focus is not None and focus.current.theta is not None \
            else theta0
        mode = self.plane_mode.currentData()
        if mode == "pca" and focus is not None:
            path = focus.theta.data
            if current is not None:
                path = np.vstack((path, current[None, :]))
            if len(path) >= 3 and np.ptp(path, axis=0).max() > 0:
                try:
                    return pca_plane(path)
                except (ValueError, np.linalg.LinAlgError):
                    pass
            return axes_plane(problem, 0, 1, theta0)
        if mode == "random":
            return random_plane(problem, theta0, seed=self.base.seed)
        i, j = self.plane_i.currentIndex(), self.plane_j.currentIndex()
        if i == j or i < 0 or j < 0:
            i, j = 0, 1
        return axes_plane(problem, i, j, current)

    def replan_landscape(self, new_problem: bool = False) -> None:
        """Recompute the landscape (off the GUI thread) around θ₀ and every path."""
        if self.setup is None:
            return
        setup = self.setup
        problem = setup.problem
        try:
            plane = self._choose_plane()
        except ValueError as exc:
            self.landscape_status.setText(str(exc))
            return
        if plane.kind == "pca" and self.traces:
            self._pca_fitted_on = len(self.traces[self.focus].theta)
        elif self._pca_mode():
            self._pca_fitted_on = 1
        pinv = np.linalg.pinv(np.stack((plane.u, plane.v), axis=1)).T
        points = [(np.asarray(t0) - plane.origin) @ pinv for t0 in self._theta0]
        for trace in self.traces:
            if trace.current.status == "diverged" or not len(trace.theta):
                continue
            kept = trace.theta.data
            if len(kept) > 2000:
                kept = kept[np.linspace(0, len(kept) - 1, 2000).astype(int)]
            points.extend((kept - plane.origin) @ pinv)
            if trace.current.theta is not None:
                points.append((trace.current.theta - plane.origin) @ pinv)
        bounds = None
        minima = None
        if setup.surface is not None:
            bounds = setup.surface.bounds
            minima = np.array(setup.surface.minima, dtype=float).reshape(-1, 2)
        p = problem.n_params
        resolution = 121 if p <= 16 else 81
        vb = self.landscape_plot.plot_item.vb
        rect = vb.boundingRect()
        aspect = rect.width() / rect.height() if rect.height() > 10 and rect.width() > 10 \
            else 1.3
        self._landscape_tag += 1
        title = self._landscape_title(plane)
        request = LandscapeRequest(
            problem, plane, None, None, resolution=resolution,
            tag=(self._landscape_tag, title, minima),
            points=np.array(points, dtype=float).reshape(-1, 2), bounds=bounds,
            include_optimum=setup.model is not None, aspect=aspect if plane.kind != "random"
            else None, max_span=self._frame_limit)
        self.landscape_status.setText("computing the landscape…")
        self.landscape_job.request(request)

    def _landscape_title(self, plane: Any) -> str:
        setup = self.setup
        assert setup is not None
        if setup.surface is not None:
            return f"{setup.surface.title}: f(x, y) = {setup.surface.formula}"
        loss = setup.problem.loss_fn.title if hasattr(setup.problem, "loss_fn") else "loss"
        loss = loss.split(" (")[-1].rstrip(")") if "(" in loss else loss
        if setup.problem.n_params == 2:
            a, b = plane.labels
            return f"Loss landscape L({a}, {b}), {loss}"
        return f"L on the {plane.title}, {loss}"

    def _on_landscape(self, result: LandscapeResult) -> None:
        tag, title, minima = result.request.tag
        if tag != self._landscape_tag or self.setup is None or \
                result.request.problem is not self.setup.problem:
            return
        if result.error:
            self.landscape_status.setText(result.error)
            return
        plane = result.request.plane
        self.landscape_status.setText("")
        for trace in self.traces:
            trace.set_plane(plane)
        self.landscape_plot.set_plane(plane, title)
        self.landscape_plot.plot_item.vb.setAspectLocked(plane.kind != "random", ratio=1.0)
        self.landscape_plot.set_result(result)
        self.landscape_plot.set_minima(minima)
        extent = self.landscape_plot.grid_extent()
        if extent is not None and self._frame_limit is None:
            span = max(extent[0][1] - extent[0][0], extent[1][1] - extent[1][0])
            self._frame_limit = span * (3.0 if self.setup.surface is not None else 50.0)
        self._dirty = True
        self._flush()
        self.landscapeReady.emit()

    def _inside_frame(self, theta: np.ndarray) -> bool:
        extent = self.landscape_plot.grid_extent()
        plane = self.landscape_plot.plane
        if extent is None or plane is None or len(plane.origin) != len(theta):
            return True
        pinv = np.linalg.pinv(np.stack((plane.u, plane.v), axis=1)).T
        a, b = (np.asarray(theta, float) - plane.origin) @ pinv
        (a0, a1), (b0, b1) = extent
        return bool(a0 <= a <= a1 and b0 <= b <= b1)

    def _check_frame(self) -> None:
        """Re-frame the landscape when a live run's θ leaves it (within the growth limit);
        in PCA mode also re-fit the plane each time the focus path has doubled in length."""
        if self.landscape_job.busy or self.landscape_plot.result is None:
            return
        if self._pca_mode() and self.traces and not self.controller.playing:
            n = len(self.traces[self.focus].theta)
            if n >= 3 and n >= 2 * self._pca_fitted_on:
                self.replan_landscape()
                return
        extent = self.landscape_plot.grid_extent()
        if extent is None:
            return
        (a0, a1), (b0, b1) = extent
        for trace in self.traces:
            theta = trace.current.theta
            if theta is None or trace.current.status == "diverged":
                continue
            a, b = trace.project(theta[None, :])[0]
            if a0 <= a <= a1 and b0 <= b <= b1:
                continue
            limit = self._frame_limit
            if limit is not None:
                ca, cb = (a0 + a1) / 2, (b0 + b1) / 2
                if max(abs(a - ca), abs(b - cb)) * 2 > limit:
                    continue
            self.replan_landscape()
            return

    def _on_landscape_clicked(self, a: float, b: float) -> None:
        plane = self.landscape_plot.plane
        if plane is None or self.setup is None:
            return
        theta = plane.point(a, b)
        self.panel.set_init([float(v) for v in np.ravel(theta)])

    def _on_hover(self, text: str) -> None:
        self.hover_label.setText(text + "   (click to start here)")

    def _on_log_toggled(self, checked: bool) -> None:
        self.loss_plot.set_log_y(bool(checked))
        self._dirty = True
        self._flush()

    def _on_arrows_toggled(self, checked: bool) -> None:
        self.landscape_plot.show_arrows = bool(checked)
        self._dirty = True
        self._flush()

    # ------------------------------------------------------------------ export
    def export_loss_csv(self, path: str) -> bool:
        """Loss per step of every run (and test loss) as CSV, through pyqtgraph's exporter."""
        log = self.loss_plot._log_wanted
        try:
            self.loss_plot.set_log_y(False)
            self.loss_plot.refresh(self.traces)
            from pyqtgraph.exporters import CSVExporter  # only when exporting

            exporter = CSVExporter(self.loss_plot.plot_item)
            exporter.parameters()["columnMode"] = "(x,y) per plot"
            exporter.export(str(path))
        except OSError as exc:
            self.show_error("Cannot export", f"{path}: {exc}")
            return False
        finally:
            self.loss_plot.set_log_y(log)
            self.loss_plot.refresh(self.traces)
        return True

    def export_plot_png(self, plot: pg.PlotWidget, path: str, width: int = 1600) -> bool:
        """Save ``plot`` as a PNG image through pyqtgraph's ImageExporter."""
        try:
            from pyqtgraph.exporters import ImageExporter  # only when exporting

            exporter = ImageExporter(plot.getPlotItem())
            exporter.parameters()["width"] = width
            exporter.export(str(path))
        except (OSError, ValueError) as exc:
            self.show_error("Cannot export", f"{path}: {exc}")
            return False
        return Path(path).exists()

    def export_loss_csv_dialog(self) -> None:
        """File → Export loss curve as CSV…"""
        path, _ = QFileDialog.getSaveFileName(self, "Export loss curve", "loss.csv",
                                              "CSV (*.csv)")
        if path:
            self.export_loss_csv(path)

    def export_loss_png_dialog(self) -> None:
        """File → Export loss curve as PNG…"""
        path, _ = QFileDialog.getSaveFileName(self, "Export loss curve", "loss.png",
                                              "PNG image (*.png)")
        if path:
            self.export_plot_png(self.loss_plot, path)

    def export_landscape_png_dialog(self) -> None:
        """File → Export landscape as PNG…"""
        path, _ = QFileDialog.getSaveFileName(self, "Export landscape", "landscape.png",
                                              "PNG image (*.png)")
        if path:
            self.export_plot_png(self.landscape_plot, path)

    # ------------------------------------------------------------------ lifetime
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """On first show, re-frame the landscape to the plot's real aspect ratio."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self._replan_after_show)

    def _replan_after_show(self) -> None:
        if not self._closed and self.setup is not None:
            has_data = self.setup.dataset is not None
            self._layout_has_data = None
            self._arrange(has_data)
            self.replan_landscape()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Stop the training thread and the landscape job before closing."""
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every background thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._flush_timer.stop()
        self.controller.shutdown()
        self.landscape_job.shutdown()

    def dispose(self) -> None:
        """Stop the threads, close the window and let Qt delete it (scripts, benchmarks)."""
        self.shutdown()
        self.close()
        self.deleteLater()
        QApplication.processEvents()


# ---------------------------------------------------------------------- entry points
def run_gui(scenario_path: str | None = None, startup_probe: bool = False) -> int:
    """Open the main window (with a scenario TOML file, or the default) and run the app.

    With ``startup_probe``, print "shown" once the window is on screen and quit (the
    start-up benchmark times the real command this way).

    Returns the application's exit code (1 if the scenario cannot be read).
    """
    app = application()
    scenario = None
    if scenario_path:
        try:
            scenario = load_scenario(scenario_path)
        except ScenarioError as exc:
            print(f"gdstudio: {exc}", file=sys.stderr)
            return 1
    window = MainWindow(scenario)
    window.show()
    if startup_probe:
        def shown() -> None:
            print("shown MainWindow via the gdstudio command", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    with quiet_offscreen_messages():
        code = app.exec()
    window.shutdown()
    return int(code)


def _wait(condition: Any, timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` is true or ``timeout_s`` has passed."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    timer = QTimer()
    timer.setInterval(10)

    def check() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return bool(condition())


def take_screenshot(out_png: str, steps: int = 300, scenario_path: str | None = None,
                    runs: list[dict] | None = None, size: tuple[int, int] = (1400, 900),
                    timeout_s: float = 120.0) -> int:
    """Open the real main window, train ``steps`` steps and save a PNG of the window.

    Args:
        out_png: where to write the PNG.
        steps: steps to take (through the real training thread, one Step command each).
        scenario_path: a scenario TOML file; None: :func:`default_scenario`.
        runs: comparison runs, each a dict of Scenario changes applied to the scenario's
            optimizer settings, e.g. ``{"optimizer": "momentum", "learning_rate": 0.001}``.
        size: window size in pixels.
        timeout_s: give up after this long.

    Returns:
        0 on success; 1 with a message on stderr on failure.
    """
    app = application(offscreen=True)  # never flash a window
    with quiet_offscreen_messages():
        return _screenshot(app, out_png, steps, scenario_path, runs, size, timeout_s)


def _screenshot(app: Any, out_png: str, steps: int, scenario_path: str | None,
                runs: list[dict] | None, size: tuple[int, int], timeout_s: float) -> int:
    window: MainWindow | None = None
    try:
        scenario = load_scenario(scenario_path) if scenario_path else default_scenario()
        prepare(scenario)  # fail early, with the core's message, on data that cannot load
        window = MainWindow(scenario)
        window.resize(*size)
        window.show()
        if runs and not window.open_scenario_object(scenario, runs):
            raise RuntimeError("the comparison runs are not valid for this scenario")
        app.processEvents()
        window.replan_landscape(new_problem=True)
        if not _wait(lambda: window.status == "ready" and window.batches_received > 0
                     and not window.landscape_job.busy, timeout_s):
            raise RuntimeError("the window did not get ready in time")
        steps = max(int(steps), 0)
        before = window.batches_received
        target = max((t.current.step for t in window.traces), default=0) + steps
        window.controller.step_by(steps)  # through the real training thread, one batch

        def arrived() -> bool:
            return window.batches_received > before and all(
                t.current.step >= target or t.current.status in ("finished", "converged",
                                                                  "diverged")
                for t in window.traces)

        if not _wait(arrived, timeout_s):
            raise RuntimeError(f"the {steps} steps did not arrive in time")
        window.replan_landscape()
        if not _wait(lambda: not window.landscape_job.busy, timeout_s):
            raise RuntimeError("the landscape was not computed in time")
        window._dirty = True
        window._last_data_flush = 0.0
        window._flush()
        app.processEvents()
        image = window.grab()
        Path(out_png).parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out_png)):
            raise RuntimeError(f"cannot write {out_png}")
        return 0
    except Exception as exc:  # noqa: BLE001 - reported to the caller as an exit code
        print(f"gdstudio: screenshot failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if window is not None:
            window.dispose()
