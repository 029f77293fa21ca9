"""The main window: an assembly of views of one :class:`~gdstudio.core.session.Session`.

The window owns the session, the training thread's controller and the run traces (what
the plots draw, filled from the worker's batches). It connects the session's narrow
events to the views and the player:

* ``problem_changed`` / ``runs_changed`` → fresh trainers and traces for every run;
* ``run_changed(k, start)`` → a fresh trainer for run k only (the others keep their
  histories);
* ``focus_changed``, ``title_changed`` → redraw arrows, readout and titles;
* the worker's typed :class:`~gdstudio.gui.training_thread.PlayerStatus` → the session's
  playback state, the status bar and the divergence banner (words from
  :mod:`gdstudio.gui.messages`).

It has no numerical logic: planning and framing of the landscape live in the core and
:class:`~gdstudio.gui.landscape_panel.LandscapePanel`; the rules about runs in the
session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core import datasets as ds
from gdstudio.core.explain import gradient_shares
from gdstudio.core.formatting import format_number
from gdstudio.core.lessons import Action, Lesson, Page, load_lesson, save_lesson
from gdstudio.core.scenario import (
    DATA_DEFAULTS,
    Scenario,
    ScenarioError,
    Setup,
    dataset_outside_folder,
    save_scenario,
)
from gdstudio.core.session import (
    PROBLEM_FIELDS,
    RUN_FIELDS,
    SHARED_FIELDS,
    Session,
    with_problem_changes,
)
from gdstudio.core.stability import suggest_learning_rate
from gdstudio.core.status import STOPPED, Status
from gdstudio.gui import names
from gdstudio.gui.background import BackgroundTask
from gdstudio.gui.batches import PlayerEvent, PlayerStatus, StepBatch
from gdstudio.gui.control_panel import ControlPanel
from gdstudio.gui.data_plot import DataPlot
from gdstudio.gui.exports import ExportError, export_history_csv, export_plot
from gdstudio.gui.help import show_about
from gdstudio.gui.i18n import (
    QT_TRANSLATE_NOOP,
    current_language,
    set_language,
    translate,
    watch_language,
)
from gdstudio.gui.landscape_panel import LandscapePanel
from gdstudio.gui.lesson_pane import LessonPane
from gdstudio.gui.loss_plot import LossCurvePlot
from gdstudio.gui.menus import (
    fill_lessons_menu,
    install_actions,
    retranslate_actions,
    set_play_text,
)
from gdstudio.gui.messages import divergence_banner, error_text, status_line
from gdstudio.gui.network_view import NetworkView
from gdstudio.gui.plot_style import run_color, style_scale
from gdstudio.gui.readout import Readout
from gdstudio.gui.run_gif import export_run_gif
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.session_files import SessionFiles, is_session_file
from gdstudio.gui.settings import Preferences
from gdstudio.gui.sweep_view import SweepView
from gdstudio.gui.training_thread import TrainingController
from gdstudio.gui.update_card import UpdateCard
from gdstudio.gui.widgets import (
    Banner,
    ColumnChooserDialog,
    SpaceForButtons,
    SpeedControl,
    buttons_take_tab_focus,
    chain_tab_order,
    focus_order,
)

__all__ = ["MainWindow", "default_scenario"]

#: Shortest time between two redraws of the plots (60 frames per second).
FRAME_S = 1.0 / 60.0
#: Shortest time between two redraws of the data view's fit (it evaluates the model).
DATA_FRAME_S = 1.0 / 20.0
#: The settings pane's minimum width is never more than this (pixels).
SETTINGS_MAX_MIN_WIDTH = 350
#: Narrower windows show a lesson as a tab beside the settings rather than a third column.
LESSON_BESIDE_MIN_WIDTH = 1200
#: CSV files at least this large (bytes) load on a worker thread under a progress dialog.
LARGE_FILE_BYTES = 1_000_000


def _is_large(path: str) -> bool:
    try:
        return Path(path).stat().st_size >= LARGE_FILE_BYTES
    except (OSError, ValueError):
        return False  # the loader reports what is wrong with it


def default_scenario() -> Scenario:
    """The start-up scenario: linear regression on the Palmer penguins, batch GD, η = 0.1.

    Body mass (g) against flipper length (mm), the feature standardised: gradient
    descent converges in about 60 steps, straight down a round bowl.
    """
    return Scenario(
        # English in the scenario; the lesson card shows them translated (gui.names)
        title=QT_TRANSLATE_NOOP("Names", "Linear regression on the Palmer penguins"),
        description=QT_TRANSLATE_NOOP(
            "Names", "Body mass (g) against flipper length (mm); the feature is standardised."),
        kind="data", dataset="penguins", model="linear", loss="mse", standardize=True,
        optimizer="gd", max_steps=1000, **DATA_DEFAULTS,  # type: ignore[arg-type]
    )


class MainWindow(QMainWindow):
    """GD Studio's main window.

    Args:
        scenario: the scenario to open (default: :func:`default_scenario`); one that
            cannot be opened falls back to the default with the reason shown.
        parent: optional parent widget.
        preferences: remembered settings to restore and save (None: none, as in tests).

    Attributes:
        session: the :class:`~gdstudio.core.session.Session` (the one source of truth).
        controller: the :class:`~gdstudio.gui.training_thread.TrainingController`.
        panel, landscape, loss_plot, data_plot, readout: the views.
        traces: one :class:`~gdstudio.gui.run_trace.RunTrace` per run (what is drawn).

    Signals:
        frameDrawn(): the plots were redrawn (after a batch or a landscape).
        landscapeReady(): a new landscape is shown.
    """

    frameDrawn = Signal()
    landscapeReady = Signal()

    # actions, toolbar and menus: made by gdstudio.gui.menus.install_actions
    act_about: QAction
    act_actual_size: QAction
    act_add_run: QAction
    act_arrows: QAction
    act_back: QAction
    act_batch: QAction
    act_csv: QAction
    act_export_csv: QAction
    act_export_data: QAction
    act_export_gif: QAction
    act_export_land: QAction
    act_export_png: QAction
    act_fit_view: QAction
    act_guide: QAction
    act_keys: QAction
    act_log: QAction
    act_open: QAction
    act_open_session: QAction
    act_pin: QAction
    act_projector: QAction
    act_play: QAction
    act_quit: QAction
    act_remove_run: QAction
    act_reset: QAction
    act_reset_settings: QAction
    act_residuals: QAction
    act_run: QAction
    act_save: QAction
    act_save_lesson: QAction
    act_save_session: QAction
    act_scale: QAction
    act_step: QAction
    act_zoom_in: QAction
    act_zoom_out: QAction
    act_sweep: QAction
    speed: SpeedControl
    toolbar: QToolBar
    recent_menu: QMenu
    lessons_menu: QMenu
    file_menu: QMenu
    train_menu: QMenu
    view_menu: QMenu
    x_menu: QMenu
    language_menu: QMenu
    help_menu: QMenu
    language_actions: dict[str, QAction]
    x_unit_actions: dict[str, QAction]
    lessons_menu_actions: list[QAction]


    def __init__(self, scenario: Scenario | None = None, parent: QWidget | None = None,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self.resize(1400, 900)
        self.preferences = preferences
        fallback = ""
        try:
            self.session = Session(scenario or default_scenario())
        except (ScenarioError, ds.DatasetError) as exc:
            self.session = Session(default_scenario())
            fallback = translate("MainWindow", "The scenario could not be opened ({error}); "
                                 "showing the default one instead.").format(error=exc)
        self.controller = TrainingController(self)
        self.traces: list[RunTrace] = []
        self.batches_received = 0
        self.last_status: PlayerStatus | None = None
        self._steps_per_s = 0.0
        self._last_flush = 0.0
        self._last_data_flush = 0.0
        self._needs_redraw = False
        self._reframe_after_batch = False
        #: runs given a fresh trainer whose first (truncating) batch has not come yet
        self._restarting: set[int] = set()
        self._shown = False
        self._layout_has_data: bool | None = None
        self._closed = False
        self._toolbar_width: int | None = None  # with text beside the icons (fit_toolbar)

        self._build_ui()
        self.session_files = SessionFiles(self)
        self._build_actions()
        self.retranslate()
        watch_language(self, self.retranslate)
        self._build_keyboard_order()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        self.controller.batchReady.connect(self.apply_batch)
        self.controller.statusChanged.connect(self._on_player_status)
        self.controller.errorOccurred.connect(self._on_worker_error)
        self.controller.set_speed(self.speed.value())

        s = self.session
        s.problem_changed.connect(self._on_problem_changed)
        s.runs_changed.connect(self._restart_all)
        s.run_changed.connect(self._restart_run)
        s.focus_changed.connect(lambda _k: self.request_redraw())
        s.title_changed.connect(self._on_title)
        s.playback_changed.connect(lambda *_: self._update_play_action())
        self._on_problem_changed()
        self._on_title(s.display_title)
        self._restore_settings()
        if fallback:
            self.panel.show_error(fallback)

    # ------------------------------------------------------------------ reading
    @property
    def setup(self) -> Setup:
        """The session's prepared problem."""
        return self.session.setup

    @property
    def focus(self) -> int:
        return self.session.focus

    @property
    def status(self) -> str:
        """"ready", "running", "paused", "finished", "converged" or "diverged"."""
        if self.session.playing:
            return "running"
        if self.session.status == Status.RUNNING:
            return "paused"
        return str(self.session.status)

    def current_theta(self, k: int) -> np.ndarray | None:
        """Run k's θ now, as last received from the training thread."""
        theta = self.traces[k].current.theta if 0 <= k < len(self.traces) else None
        return None if theta is None else theta.copy()

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.panel = ControlPanel(self.session, self.current_theta)
        self.panel.csvRequested.connect(self.open_csv_dialog)
        self.panel.columnsRequested.connect(self.choose_columns_dialog)
        self.panel.errorChanged.connect(self._on_panel_error)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.settings_scroll = scroll
        self._fit_settings_width()
        # after the new font reached the panel's layout
        style_scale().changed.connect(self._on_style_changed)
        self.dock = QDockWidget(self)
        self.dock.setObjectName("settings")
        self.dock.setWidget(scroll)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [370], Qt.Orientation.Horizontal)

        self.banner = Banner()
        self.loss_plot = LossCurvePlot()
        self.landscape = LandscapePanel(self.session)
        self.landscape.landscapeReady.connect(self._on_landscape_ready)
        self.landscape.startPointChosen.connect(self.panel.set_init)
        self.landscape_plot = self.landscape.plot
        self.data_plot = DataPlot()
        self.data_plot.pointClicked.connect(self._on_point_clicked)
        self.network = NetworkView()
        self.data_tabs = QTabWidget()
        self.data_tabs.addTab(self.data_plot, "")
        self.data_tabs.addTab(self.network, "")
        self.sweep = SweepView()
        self.sweep.button.clicked.connect(self.start_sweep)
        self.sweep.learningRateChosen.connect(self._on_sweep_lr)
        self.data_tabs.addTab(self.sweep, "")
        self.data_tabs.currentChanged.connect(lambda _i: self.redraw_now())
        self.readout = Readout()
        self.card = UpdateCard()
        self.card.stageChanged.connect(self._on_stage)
        self.lesson_pane = LessonPane()
        self.lesson_pane.pageChanged.connect(self._on_page)
        self.lesson_pane.actionRequested.connect(self.do_action)
        self.lesson_dock = QDockWidget(self)
        self.lesson_dock.setObjectName("lesson")
        self.lesson_dock.setWidget(self.lesson_pane)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lesson_dock)
        self.lesson_dock.hide()
        self.lesson: Lesson | None = None
        self._page_start = 0
        self.card_dock = QDockWidget(self)
        self.card_dock.setObjectName("update_card")
        self.card_dock.setWidget(self.card)
        self.card_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                   | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                                   | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.card_dock)
        self.resizeDocks([self.card_dock], [190], Qt.Orientation.Vertical)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.landscape)
        left.addWidget(self.readout)
        left.setCollapsible(0, False)
        self.readout.setMinimumHeight(120)
        self.left_splitter = left
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.loss_plot)
        right.addWidget(self.data_tabs)
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

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rate_label = QLabel("")
        self.rate_label.setMinimumWidth(120)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.rate_label)

    def _on_style_changed(self) -> None:
        if self.act_projector.isChecked() != style_scale().projector:
            self.act_projector.setChecked(style_scale().projector)  # the scale owns it
        QTimer.singleShot(0, self._fit_settings_width)
        QTimer.singleShot(0, self._remeasure_toolbar)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_toolbar()

    def _remeasure_toolbar(self) -> None:
        self.fit_toolbar(remeasure=True)

    def fit_toolbar(self, remeasure: bool = False) -> None:
        """The transport buttons (Play … Run to stop) with their text beside the icon
        when the whole toolbar fits the window's width, else their icons alone (the
        tooltips name them), so no button hides in the toolbar's » menu. The width with
        text is measured once per language and text size (``remeasure``), not on every
        resize."""
        if self._closed:
            return
        beside = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        buttons = [b for b in (self.toolbar.widgetForAction(a) for a in (
            self.act_play, self.act_step, self.act_back, self.act_reset, self.act_run))
            if isinstance(b, QToolButton)]
        if remeasure or self._toolbar_width is None:
            for b in buttons:
                b.setToolButtonStyle(beside)
            self._toolbar_width = self.toolbar.sizeHint().width()
        style = beside if self._toolbar_width <= self.width() else \
            Qt.ToolButtonStyle.ToolButtonIconOnly
        for b in buttons:
            b.setToolButtonStyle(style)

    def _fit_settings_width(self) -> None:
        """The settings pane as wide as its controls at the current text size (they
        scroll vertically), but at most SETTINGS_MAX_MIN_WIDTH: with projector-size text
        the controls scroll sideways too rather than pushing the plots off a 1024-pixel
        screen."""
        if self._closed:
            return
        scroll = self.settings_scroll
        scroll.setMinimumWidth(min(SETTINGS_MAX_MIN_WIDTH, self.panel.minimumSizeHint().width()
                                   + scroll.verticalScrollBar().sizeHint().width() + 4))

    def _build_actions(self) -> None:
        install_actions(self)

    def _build_keyboard_order(self) -> None:
        """Accessible names of the views, and Tab in reading order: the toolbar's speed,
        the settings, the landscape, the data views, the lesson, then this update."""
        self.dock.widget().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the settings' scroll area
        for plot, name in ((self.loss_plot, translate("MainWindow", "Loss curve")),
                           (self.data_plot, translate("MainWindow", "Data and fit"))):
            plot.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab skips the plots
            plot.setAccessibleName(name)
        self.data_tabs.tabBar().setAccessibleName(translate("MainWindow", "Data views"))
        self.readout.setAccessibleName(translate("MainWindow", "Readout of the selected run"))
        buttons_take_tab_focus(self)
        self._space_for_buttons = SpaceForButtons(self)
        self.installEventFilter(self._space_for_buttons)
        order = []
        for region in (self.speed, self.panel, self.landscape, self.data_tabs,
                       self.lesson_pane, self.card):
            order += focus_order(region)
        chain_tab_order(order)

    def _fill_lessons(self) -> None:
        fill_lessons_menu(self)

    def retranslate(self) -> None:
        """Every text the window itself sets, in the current language (each view
        re-reads its own on the same ``LanguageChange``)."""
        self.dock.setWindowTitle(translate("MainWindow", "Settings"))
        self.lesson_dock.setWindowTitle(translate("MainWindow", "Lesson"))
        self.card_dock.setWindowTitle(translate("MainWindow", "This update"))
        self.data_tabs.setTabText(0, translate("MainWindow", "Data and fit"))
        self.data_tabs.setTabText(1, translate("MainWindow", "Network"))
        self.data_tabs.setTabText(2, translate("MainWindow", "η sweep"))
        retranslate_actions(self)
        QTimer.singleShot(0, self._remeasure_toolbar)  # the texts' widths changed
        self._on_title(self.session.display_title)
        if self.traces:  # the runs' legend names, e.g. "梯度下降，η = 0.1"
            for k, trace in enumerate(self.traces):
                trace.name = names.run_name(self.session.run(k))
            self._set_traces()
        if self.last_status is None:
            self.status_label.setText(translate("MainWindow", "Ready"))
        else:
            self._show_status(self.last_status)

    def set_language(self, lang: str) -> bool:
        """View → Language: speak ``lang`` (``en`` or ``zh_TW``) from now on, live, and
        remember it. False (nothing changes) if its catalogue cannot be loaded."""
        if not set_language(lang):
            self.show_error(translate("MainWindow", "Cannot change the language"),
                            translate("MainWindow", "The catalogue of {lang} is missing.")
                            .format(lang=lang))
            return False
        if self.preferences is not None:
            self.preferences.set("view/language", lang)
        return True

    # ------------------------------------------------------------------ dialogs
    def show_error(self, title: str, text: str) -> None:
        """Tell the user something went wrong (a modal message box; tests replace it).

        The text is shown as plain text (it may quote file or column names)."""
        self.status_label.setText(text.splitlines()[0] if text else title)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def show_about(self) -> None:
        """Help → About: the version, what the application is for, the data's licences."""
        show_about(self)

    def use_lesson_file(self, lesson: Lesson) -> None:
        """The file just opened (its scenario is the session's): its pages in the lesson
        pane; without pages (a scenario file), its title and summary still shown in the
        window's language."""
        self.set_lesson(lesson if lesson.pages else None)
        if not lesson.pages:
            self.panel.set_lesson(lesson)
            self._on_title(self.session.display_title)

    def set_lesson(self, lesson: Lesson | None) -> None:
        """Show ``lesson``'s pages in the lesson pane (None: close it, show all controls)."""
        self.lesson = lesson
        if lesson is not None and self.width() < LESSON_BESIDE_MIN_WIDTH and \
                self.dockWidgetArea(self.lesson_dock) != Qt.DockWidgetArea.LeftDockWidgetArea:
            # a narrow window (a classroom's 1024-pixel projector): the lesson shares the
            # settings' place as a tab instead of pushing the plots off the screen (a page
            # shows only the few controls it needs anyway)
            self.tabifyDockWidget(self.dock, self.lesson_dock)
        self.lesson_pane.set_lesson(lesson)
        self.panel.set_lesson(lesson)
        self._on_title(self.session.display_title)
        self.lesson_dock.setVisible(lesson is not None)
        if lesson is not None:  # in front of the settings when they share a place
            QTimer.singleShot(0, self.lesson_dock.raise_)
        if lesson is None:
            self._show_groups(None)

    def _on_page(self, page: Page) -> None:
        self._page_start = max((t.current.step for t in self.traces), default=0)
        self._show_groups(page.show)

    def _show_groups(self, groups: tuple[str, ...] | None) -> None:
        self.panel.set_visible_groups(groups)
        run = groups is None or "run_controls" in groups
        for act in (self.act_play, self.act_step, self.act_back, self.act_reset, self.act_run):
            act.setVisible(run)

    def do_action(self, action: Action) -> None:
        """Do what a lesson page asks: set the values (the session routes each to its
        scope), reset, then run the steps or run to the stopping criterion."""
        session = self.session
        focus = session.focus_run
        try:
            target = action.apply(focus)
            changes = {f: getattr(target, f) for f in (*PROBLEM_FIELDS, *SHARED_FIELDS,
                                                       *RUN_FIELDS)
                       if getattr(target, f) != getattr(focus, f)}
            session.edit(session.focus, **changes)
        except (ScenarioError, ds.DatasetError) as exc:
            self.show_error(translate("MainWindow", "Cannot do this step"), error_text(exc))
            return
        if action.reset:
            self.reset()
        if action.reset or changes:
            self._page_start = max((t.current.step for t in self.traces), default=0)
        if action.run_to_stop:
            self.run_to_stop()
        elif action.run_steps:
            self.controller.step_by(int(action.run_steps))

    def _save_lesson_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save as lesson"), "lesson.toml",
            translate("MainWindow", "Lessons (*.toml)"))
        if path:
            self.save_lesson(path)

    def save_lesson(self, path: str) -> bool:
        """Write the set-up (all runs) as a lesson file, with the open lesson's pages."""
        pages = self.lesson.pages if self.lesson is not None else ()
        try:
            save_lesson(self.session.scenario, path, pages=pages,
                        title={"en": self.session.display_title})
        except (OSError, ScenarioError) as exc:
            self.show_error(translate("MainWindow", "Cannot save the lesson"), str(exc))
            return False
        self.status_label.setText(translate("MainWindow", "Saved {path}").format(path=path))
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [] if self.preferences is None else self.preferences.recent_files()
        for path in recent:
            act = self.recent_menu.addAction(Path(path).name)
            act.setStatusTip(path)
            act.triggered.connect(lambda _checked=False, path=path: self.open_file(path))
        self.recent_menu.setEnabled(bool(recent))

    def open_file(self, path: str) -> bool:
        """Open a session file, or else a scenario or lesson file (recent files, the
        command line)."""
        if is_session_file(path):
            return self.open_session(path)
        return self.open_scenario(path)

    def reset_settings(self) -> None:
        """Help → Reset settings: forget what was remembered (applies at next start)."""
        if self.preferences is not None:
            self.preferences.reset()
        self.status_label.setText(
            translate("MainWindow", "Settings reset: the next start uses the defaults"))

    # ------------------------------------------------------------------ scenario files
    def open_scenario_object(self, scenario: Scenario) -> bool:
        """Make ``scenario`` (with its ``[[runs]]``) the session's; False (with the error
        shown) if it cannot be opened — then nothing changes."""
        try:
            self.session.open(scenario)
        except (ScenarioError, ds.DatasetError) as exc:
            self.show_error(translate("MainWindow", "Cannot open the scenario"), error_text(exc))
            return False
        self.panel.clear_error()
        return True

    def open_scenario(self, path: str) -> bool:
        """Load a scenario or lesson TOML file, or a bundled lesson by name; a lesson's
        pages open in the lesson pane. Errors go to :meth:`show_error`, naming the key and
        the line, and change nothing."""
        try:
            lesson = load_lesson(path)
        except ScenarioError as exc:
            self.show_error(translate("MainWindow", "Cannot open the scenario"), error_text(exc))
            return False
        ok = self.open_scenario_object(lesson.scenario)
        if ok:
            self.use_lesson_file(lesson)
        if ok and self.preferences is not None:
            self.preferences.set("files/last", str(path))
            if Path(path).is_file():
                self.preferences.add_recent(str(path))
            self._fill_recent()
        return ok

    def open_scenario_dialog(self) -> None:
        """File → Open scenario…: choose a TOML file."""
        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open scenario"), "",
            translate("MainWindow", "Scenarios (*.toml);;All files (*)"))
        if path:
            self.open_scenario(path)

    def save_scenario(self, path: str) -> bool:
        """Save the session (every run, ``[[runs]]``) as a scenario TOML file."""
        scenario = self.session.scenario
        try:
            save_scenario(scenario, path)
        except OSError as exc:
            self.show_error(translate("MainWindow", "Cannot save the scenario"), f"{path}: {exc}")
            return False
        if dataset_outside_folder(scenario, path):
            self.status_label.setText(translate(
                "MainWindow", "Saved {path}; its CSV file is in another folder, so it will "
                "not open again: put the CSV file beside the scenario").format(path=path))
        else:
            self.status_label.setText(translate("MainWindow", "Saved {path}").format(path=path))
        return True

    def save_scenario_dialog(self) -> None:
        """File → Save scenario…: choose where to write the TOML file."""
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save scenario"), "scenario.toml",
            translate("MainWindow", "Scenarios (*.toml)"))
        if path:
            self.save_scenario(path)

    # ------------------------------------------------------------------ session files
    def save_session(self, path: str) -> bool:
        """Save the whole session (scenario, every run's history, focus, lesson page) as
        a session file; errors are shown and leave an existing file as it was."""
        return self.session_files.save(path)

    def open_session(self, path: str) -> bool:
        """Open a session file: every run comes back at its saved step (replayed under a
        progress dialog that can cancel it, then checked against the file); a damaged
        file is reported and changes nothing."""
        return self.session_files.open(path)

    def save_session_dialog(self) -> None:
        """File → Save session…: choose where to write the session file."""
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save session"), "session.gdsession",
            translate("MainWindow", "GD Studio sessions (*.gdsession)"))
        if path:
            self.save_session(path)

    def open_session_dialog(self) -> None:
        """File → Open session…: choose a session file."""
        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open session"), "",
            translate("MainWindow", "GD Studio sessions (*.gdsession);;All files (*)"))
        if path:
            self.open_session(path)

    # ------------------------------------------------------------------ data files
    def open_csv_dialog(self) -> None:
        """File → Open CSV…: choose a file, then its feature and target columns."""
        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open CSV"), "",
            translate("MainWindow", "CSV files (*.csv *.tsv *.txt);;All files (*)"))
        if not path:
            return
        self.read_csv_columns(path)

    def read_csv_columns(self, path: str) -> None:
        """Read a CSV file's header (a large file on a worker thread, under a progress
        dialog), then let the user choose its feature and target columns."""
        def chosen(columns: list[str]) -> None:
            dialog = ColumnChooserDialog(
                columns, translate("MainWindow", "Columns of {file}").format(
                    file=Path(path).name), parent=self)
            if dialog.exec():
                x, y = dialog.selection()
                self.load_csv(path, x, y)

        def failed(exc: BaseException) -> None:
            self.show_error(translate("MainWindow", "Cannot read the CSV file"), str(exc))

        if not _is_large(path):
            try:
                columns = ds.read_csv_columns(path)
            except ds.DatasetError as exc:
                failed(exc)
                return
            chosen(columns)
            return
        self._background(translate("MainWindow", "Reading {file}…").format(file=Path(path).name),
                         lambda: ds.read_csv_columns(path), chosen, failed)

    def choose_columns_dialog(self) -> None:
        """Pick the feature and target columns of the current bundled or CSV dataset."""
        name = self.session.run(0).dataset
        try:
            if name in ds.BUNDLED_DATASETS:
                columns = ds.bundled_columns(name)
            else:
                columns = ds.read_csv_columns(name)
        except (ds.DatasetError, ValueError) as exc:
            self.show_error(translate("MainWindow", "Cannot read the columns"), str(exc))
            return
        d = self.session.setup.dataset
        dialog = ColumnChooserDialog(columns, translate("MainWindow", "Columns of {file}").format(
                                         file=Path(name).name),
                                     list(d.feature_names) if d else None,
                                     d.target_name if d else None, parent=self)
        if dialog.exec():
            x, y = dialog.selection()
            self.load_csv(name, x, y)

    def load_csv(self, path: str, x: list[str], y: str) -> bool:
        """Use columns ``x`` → ``y`` of a CSV file (or bundled dataset) as the data.

        The session picks a model and loss for the data's task. A file the core rejects
        is reported with :meth:`show_error`, with the core's message, and nothing changes.
        """
        changes = dict(kind="data", dataset=str(path), x=list(x), y=y)
        if _is_large(path):
            base = self.session.run(0)

            def done(result: tuple[Any, Any]) -> None:
                try:
                    adopted = self.session.adopt_problem(base, *result)
                except ScenarioError as exc:
                    failed(exc)
                    return
                if adopted:
                    self.panel.clear_error()

            def failed(exc: BaseException) -> None:
                self.show_error(translate("MainWindow", "Cannot use this data"), error_text(exc))

            self._background(translate("MainWindow", "Loading {file}…").format(
                file=Path(path).name), lambda: with_problem_changes(base, changes), done, failed)
            return True
        try:
            self.session.edit_problem(**changes)
        except (ScenarioError, ds.DatasetError) as exc:
            self.show_error(translate("MainWindow", "Cannot use this data"), error_text(exc))
            return False
        self.panel.clear_error()
        return True

    def _background(self, label: str, fn: Callable[[], Any],
                    on_done: Callable[[Any], None],
                    on_error: Callable[[BaseException], None]) -> None:
        self.background_task = BackgroundTask(self, label, fn, on_done, on_error,
                                              errors=(ScenarioError, ValueError, OSError))
        self.background_task.start()

    # ------------------------------------------------------------------ runs
    def add_run(self, changes: dict[str, Any] | None = None) -> bool:
        """Add a comparison run: a copy of the focus run with ``changes`` (run fields,
        e.g. ``{"optimizer": "adam"}``); errors are shown and change nothing."""
        try:
            self.session.add_run(**(changes or {}))
        except (ScenarioError, KeyError) as exc:
            self.show_error(translate("MainWindow", "Cannot add a run"), error_text(exc))
            return False
        return True

    def remove_run(self, index: int) -> bool:
        """Remove comparison run ``index`` (the last remaining run stays)."""
        try:
            self.session.remove_run(index)
        except (ScenarioError, IndexError):
            return False
        return True

    def set_focus_run(self, index: int) -> None:
        """The run whose settings the controls edit and whose arrows are drawn."""
        if 0 <= index < self.session.n_runs:
            self.session.set_focus(index)

    # ------------------------------------------------------------------ session events
    def _on_problem_changed(self) -> None:
        setup = self.session.setup
        self.landscape.set_problem()
        self.sweep.cancel()
        self._arrange(setup.dataset is not None)
        self._restart_all()

    def _restart_all(self) -> None:
        """Fresh trainers and traces for every run (a new problem, runs or shared setting)."""
        session = self.session
        try:
            trainers = session.make_trainers()
        except ScenarioError as exc:  # pragma: no cover - the session validated them
            self.panel.show_error(error_text(exc))
            return
        self.traces = [self._new_trace(k) for k in range(session.n_runs)]
        self._restarting.clear()  # older batches are dropped by their generation
        self._set_traces()
        self.banner.hide()
        self._steps_per_s = 0.0
        self.rate_label.setText("")
        self._reframe_after_batch = True
        self.controller.set_runs(trainers)
        self.session.set_playback(False, Status.READY)

    def _restart_run(self, k: int, start: np.ndarray | None) -> None:
        """A fresh trainer for run ``k`` only (its settings changed)."""
        session = self.session
        trainer = session.make_trainer(k)
        self.traces[k] = self._new_trace(k)
        self._restarting.add(k)
        self._set_traces()
        if not any(t.current.status == Status.DIVERGED for t in self.traces):
            self.banner.hide()
        self._reframe_after_batch = start is None
        self.controller.set_run(k, trainer)
        self.session.set_playback(False, self.session.status)

    def _new_trace(self, k: int) -> RunTrace:
        """An empty trace for run ``k`` (name, colour, sizes and batch size)."""
        problem = self.session.setup.problem
        return RunTrace(names.run_name(self.session.run(k)), run_color(k), problem.n_params,
                        problem.has_test, n_train=problem.n_train,
                        batch_size=self.session.run(k).batch_size, index=k)

    def _set_traces(self) -> None:
        self.loss_plot.set_runs(self.traces)
        self.landscape.set_traces(self.traces)
        setup = self.session.setup
        self.data_plot.set_setup(setup if setup.dataset is not None else None, self.traces)
        self.network.set_setup(setup if setup.dataset is not None else None)
        self.data_tabs.setTabEnabled(1, self.network.drawable)
        self.request_redraw()  # the new curves are empty until drawn from the traces

    def _on_title(self, title: str) -> None:
        texts = self.lesson or self.panel.lesson  # (a scenario file's, without pages)
        if texts is not None and title == texts.title_for("en"):
            title = texts.title_for(current_language())  # the file's own translation
        self.setWindowTitle(f"{title} — GD Studio" if title else "GD Studio")

    def _arrange(self, has_data: bool) -> None:
        """Data problems: landscape and readout | loss curve and data view. Surfaces (no
        data view): a wider landscape | loss curve and readout."""
        if self._layout_has_data == has_data:
            return
        self._layout_has_data = has_data
        self.data_tabs.setTabVisible(0, has_data)
        self.data_tabs.setTabVisible(1, has_data)
        self.data_tabs.setCurrentWidget(self.data_plot if has_data else self.sweep)
        self.data_tabs.setVisible(has_data)  # a surface shows the sweep when asked for
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
                sizes = [(height - 140) // (n - 1)] * (n - 1) + [140]
                splitter.setSizes(sizes)
            elif n == 2:
                splitter.setSizes([height // 2, height - height // 2])

    # ------------------------------------------------------------------ commands
    def toggle_play(self) -> None:
        """Play, or pause if playing."""
        if self.session.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Train at the current speed until paused or every run stops."""
        self.controller.play()
        self.session.set_playback(True, self.session.status)

    def pause(self) -> None:
        """Pause training (the plots receive every row made so far)."""
        self.controller.pause()
        self.session.set_playback(False, self.session.status)

    def step(self) -> None:
        """Pause and take one gradient-descent step in every live run (in stages mode
        the update card first shows the update's three stages, one per press)."""
        if self.card.stages_on and not self.card.advance_stage():
            return
        self.controller.step()
        self.session.set_playback(False, self.session.status)

    def step_back(self) -> None:
        """Pause and undo the last step (an exact rewind)."""
        self.controller.step_back()
        self.session.set_playback(False, self.session.status)

    def reset(self) -> None:
        """Pause and send every run back to its start point θ₀ (the view re-frames)."""
        self._reframe_after_batch = True
        self.controller.reset()
        self.session.set_playback(False, self.session.status)

    def run_to_stop(self) -> None:
        """Train as fast as possible until every run meets a stopping criterion."""
        self.controller.run_to_stop()
        self.session.set_playback(True, self.session.status)

    def _update_play_action(self) -> None:
        playing = self.session.playing
        set_play_text(self.act_play, playing)
        self.act_play.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))

    # ------------------------------------------------------------------ training thread
    def apply_batch(self, batch: StepBatch) -> None:
        """Slot for the controller's batches: append rows to the runs, redraw ≤ 60 Hz."""
        self.batches_received += 1
        for rb in batch.runs:
            if rb.run in self._restarting:
                # rows of the trainer run k had before its restart, sent before the
                # worker got the new one: not this trace's (they start past step 0)
                if rb.truncate_to != 0:
                    continue
                self._restarting.discard(rb.run)
            if 0 <= rb.run < len(self.traces):
                self.traces[rb.run].append_batch(rb)
        if batch.steps_per_s > 0:
            self._steps_per_s = batch.steps_per_s
        if any(rb.truncate_to is not None for rb in batch.runs) and not any(
                t.current.status == Status.DIVERGED for t in self.traces):
            self.banner.hide()
        if self._reframe_after_batch and not self._restarting:
            self._reframe_after_batch = False
            self.landscape.reframe()
        self.request_redraw()

    def request_redraw(self) -> None:
        """Redraw the plots at the next frame (at most ~60 frames a second)."""
        self._needs_redraw = True
        wait = FRAME_S - (time.perf_counter() - self._last_flush)
        if wait <= 0:
            self._flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start(max(1, int(wait * 1000)))

    def redraw_now(self) -> None:
        """Redraw every plot, the data view's fit included, at once (screenshots)."""
        self._needs_redraw = True
        self._last_data_flush = 0.0
        self._flush()

    def _flush(self) -> None:
        """Redraw every plot from the run traces (setData once per frame)."""
        if not self._needs_redraw or self._closed:
            return
        p = self.session.setup.problem.n_params
        if any(t.n_params != p for t in self.traces):
            return  # a new problem whose runs are not built yet: nothing stale is drawn
        self._needs_redraw = False
        now = time.perf_counter()
        self._last_flush = now
        traces = self.traces
        focus = self.session.focus
        self.loss_plot.refresh(traces)
        self.landscape_plot.fade_below = self.session.focus_run.grad_tol or 1e-8
        self.landscape.refresh(traces, focus)
        shown = traces[focus] if 0 <= focus < len(traces) else None
        self.readout.update_from(shown, self.session.setup, self.status)
        self.card.show_run(shown)
        playing = self.session.playing
        if now - self._last_data_flush >= DATA_FRAME_S or not playing:
            self._last_data_flush = now
            self.data_plot.refresh(traces, focus)
            if self.data_tabs.currentWidget() is self.network and shown is not None:
                self.network.refresh(shown.current.theta)
        elif not self._flush_timer.isActive():
            self._needs_redraw = True
            self._flush_timer.start(int(DATA_FRAME_S * 1000))
        if playing and self._steps_per_s > 0:
            self.rate_label.setText(translate("MainWindow", "{rate} steps/s").format(
                rate=f"{self._steps_per_s:,.0f}"))
        if self.lesson is not None and shown is not None:
            self.lesson_pane.set_progress(self.session.focus_run,
                                          shown.current.step - self._page_start,
                                          shown.current.status in STOPPED)
        self.landscape.follow(playing)
        self.frameDrawn.emit()

    def _on_player_status(self, status: PlayerStatus) -> None:
        previous = self.session.playing
        self.last_status = status
        self.session.set_playback(self.controller.playing, status.status)
        self._show_status(status)
        self.request_redraw()  # the readout's status word ("paused", "converged")
        if not status.playing:
            self.rate_label.setText("")
        if previous and not self.session.playing and self.landscape.pca_mode:
            self.landscape.replan()

    def _show_status(self, status: PlayerStatus) -> None:
        """The status bar and, for a diverged run, the banner (in the current language)."""
        names = [t.name for t in self.traces]
        if self.session_files.pending is None:  # (else it says which session is opening)
            self.status_label.setText(status_line(status, names))
        diverged = [r for r in status.runs if r.status == Status.DIVERGED]
        if status.event == PlayerEvent.RUN_DIVERGED and status.run is not None:
            diverged = [r for r in status.runs if r.index == status.run] or diverged
        if diverged and (status.event == PlayerEvent.RUN_DIVERGED
                         or status.status == Status.DIVERGED):
            report = diverged[0]
            problem = self.session.setup.problem
            k = report.index
            theta0 = self.traces[k].theta.data[0] if k < len(self.traces) and \
                len(self.traces[k].theta) else np.zeros(problem.n_params)
            eta = report.learning_rate or self.session.run(k).learning_rate
            self.banner.show_message(*divergence_banner(
                report, names[k] if k < len(names) else "",
                suggest_learning_rate(problem, theta0, eta)))
        elif not diverged:
            self.banner.hide()

    def _on_worker_error(self, message: str) -> None:
        self.status_label.setText(message)
        self.banner.show_message(translate("MainWindow", "Error."), message)

    def _on_panel_error(self, message: str) -> None:
        if message:
            self.status_label.setText(message)

    def _on_landscape_ready(self) -> None:
        self.request_redraw()
        self.landscapeReady.emit()

    def _on_log_toggled(self, checked: bool) -> None:
        self.loss_plot.set_log_y(bool(checked))
        self.request_redraw()

    def start_sweep(self) -> None:
        """Sweep η for the focus run's optimizer on the current problem (off the GUI
        thread); the result is drawn in the η sweep tab."""
        self.data_tabs.setVisible(True)
        self.data_tabs.setCurrentWidget(self.sweep)
        self.sweep.start(self.session.setup, self.session.focus_run)

    def _on_sweep_lr(self, eta: float) -> None:
        try:
            self.session.edit_run(self.session.focus, learning_rate=float(f"{eta:.3g}"))
        except ScenarioError as exc:
            self.show_error(translate("MainWindow", "Cannot use this learning rate"),
                            error_text(exc))

    def _on_point_clicked(self, index: int) -> None:
        """A training example was clicked: follow it through the network, and say its
        share of the gradient (the mean of the shares is ∇L)."""
        self.network.set_point(index)
        theta = self.current_theta(self.session.focus)
        problem = self.session.setup.problem
        if theta is None:
            return
        try:
            with np.errstate(all="ignore"):
                share = gradient_shares(problem, theta)[index]
        except (ValueError, IndexError):
            return
        names = problem.param_names
        parts = ", ".join(f"{n}: {format_number(v)}" for n, v in list(zip(names, share))[:4])
        if len(names) > 4:
            parts += translate("MainWindow", ", … ({count} parameters)").format(
                count=len(names))
        self.status_label.setText(translate(
            "MainWindow", "Training example #{index}: its share of ∇L is ({parts}); ∇L is "
            "the mean of all the shares").format(index=index, parts=parts))

    def _on_stage(self, stage: int | None) -> None:
        from gdstudio.gui.update_card import STAGES

        self.landscape_plot.highlighted = None if stage is None else STAGES[stage][1]
        self.request_redraw()

    def _set_data_option(self, name: str, on: bool) -> None:
        setattr(self.data_plot, name, bool(on))
        self.redraw_now()

    def set_x_unit(self, unit: str) -> None:
        """The loss curve's x axis: "step", "epoch" or "examples" (examples seen)."""
        self.loss_plot.set_x_unit(unit)
        self.x_unit_actions[unit].setChecked(True)
        self.request_redraw()

    # ------------------------------------------------------------------ projector, zoom
    def set_projector(self, on: bool) -> None:
        """View → Projector mode: larger text, thicker lines, stronger contrast (live)."""
        self.act_projector.setChecked(bool(on))
        style_scale().set_projector(bool(on))

    def zoom_in(self) -> None:
        """View → Zoom in: the whole interface larger (up to 250 %)."""
        style_scale().zoom_in()
        self._say_zoom()

    def zoom_out(self) -> None:
        """View → Zoom out: the whole interface smaller (down to 70 %)."""
        style_scale().zoom_out()
        self._say_zoom()

    def actual_size(self) -> None:
        """View → Actual size: zoom 100 %."""
        style_scale().set_zoom(1.0)
        self._say_zoom()

    def _say_zoom(self) -> None:
        self.status_label.setText(translate("MainWindow", "Zoom {percent} %").format(
            percent=round(style_scale().zoom * 100)))

    def _on_scale_toggled(self, checked: bool) -> None:
        self.landscape_plot.arrows_to_scale = bool(checked)
        self.request_redraw()

    def _on_arrows_toggled(self, checked: bool) -> None:
        self.landscape_plot.show_arrows = bool(checked)
        self.request_redraw()

    # ------------------------------------------------------------------ export
    def export_plot(self, plot: pg.PlotWidget, path: str) -> bool:
        """Save ``plot`` as PNG or SVG (by the extension); errors go to :meth:`show_error`."""
        try:
            export_plot(plot, path)
        except ExportError as exc:
            self.show_error(translate("MainWindow", "Cannot export"), str(exc))
            return False
        self.status_label.setText(translate("MainWindow", "Saved {path}").format(path=path))
        return True

    def export_history(self, path: str, run: int | None = None) -> bool:
        """The focus run's (or run ``run``'s) history up to the step shown, with the
        columns of ``gdstudio run --csv``."""
        k = self.session.focus if run is None else run
        steps = self.traces[k].current.step if k < len(self.traces) else 0
        try:
            export_history_csv(self.session, k, steps, path)
        except (ExportError, ScenarioError) as exc:
            self.show_error(translate("MainWindow", "Cannot export"), str(exc))
            return False
        self.status_label.setText(translate("MainWindow", "Saved {path}").format(path=path))
        return True

    def export_gif(self, path: str, run: int | None = None) -> bool:
        """The focus run's (or run ``run``'s) descent so far as an animated GIF (drawn
        under a progress dialog); errors are shown."""
        try:
            written = export_run_gif(self, path, run)
        except ExportError as exc:
            self.show_error(translate("MainWindow", "Cannot export"), str(exc))
            return False
        if written:
            self.status_label.setText(translate("MainWindow", "Saved {path}").format(path=path))
        return written

    def _export_gif_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export run as GIF"), "descent.gif",
            translate("MainWindow", "GIF animation (*.gif)"))
        if path:
            self.export_gif(path)

    def _export_plot_dialog(self, plot: pg.PlotWidget, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export the plot"), f"{name}.png",
            translate("MainWindow", "PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self.export_plot(plot, path)

    def _export_history_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export the history"), "history.csv",
            translate("MainWindow", "CSV (*.csv)"))
        if path:
            self.export_history(path)

    # ------------------------------------------------------------------ lifetime
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """On first show, re-frame the landscape to the plot's real aspect ratio."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self._replan_after_show)

    def _replan_after_show(self) -> None:
        if not self._closed:
            self._layout_has_data = None
            self._arrange(self.session.setup.dataset is not None)
            self.landscape.replan()

    def _restore_settings(self) -> None:
        if self.preferences is not None:
            self.preferences.restore_window(self)

    def save_settings(self) -> None:
        """Remember the layout, speed and view options (when preferences are given)."""
        if self.preferences is not None:
            self.preferences.save_window(self)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Remember the settings, stop the training thread and the landscape job."""
        self.save_settings()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every background thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._flush_timer.stop()
        self.controller.shutdown()
        self.landscape.shutdown()
        self.sweep.shutdown()

    def dispose(self) -> None:
        """Stop the threads, close the window and let Qt delete it (scripts, benchmarks)."""
        self.shutdown()
        self.close()
        self.deleteLater()
        QApplication.processEvents()
