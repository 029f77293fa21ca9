"""The window's actions, toolbar and menus (File, Training, View, Help, Lessons).

:func:`install_actions` creates them on a :class:`~gdstudio.gui.app_window.MainWindow`;
each action calls a method of the window or of its views (the window owns no other
logic for them). The Lessons menu is filled when first opened: reading every lesson
file would slow the start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from gdstudio.core.lessons import list_lessons
from gdstudio.gui.help import show_shortcuts, show_user_guide
from gdstudio.gui.i18n import translate
from gdstudio.gui.widgets import SpeedControl

if TYPE_CHECKING:
    from gdstudio.gui.app_window import MainWindow

__all__ = ["install_actions", "fill_lessons_menu"]


def install_actions(w: MainWindow) -> None:
    """Create the window's actions (with shortcuts and tips), toolbar and menus."""
    style = w.style()
    icon = style.standardIcon

    def action(text: str, shortcut: Any, tip: str, slot: Any,
               std: QStyle.StandardPixmap | None = None) -> QAction:
        act = QAction(text, w)
        if std is not None:
            act.setIcon(icon(std))
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tip} ({keys})" if keys else tip)
        act.setStatusTip(tip)
        act.triggered.connect(slot)
        w.addAction(act)
        return act

    SP = QStyle.StandardPixmap
    w.act_play = action("Play", Qt.Key.Key_Space, "Play or pause training",
                           w.toggle_play, SP.SP_MediaPlay)
    w.act_step = action("Step", Qt.Key.Key_Right, "Take one gradient-descent step",
                           w.step, SP.SP_MediaSeekForward)
    w.act_back = action("Step back", Qt.Key.Key_Left, "Undo the last step (rewind)",
                           w.step_back, SP.SP_MediaSeekBackward)
    w.act_reset = action("Reset", Qt.Key.Key_R, "Back to the start point θ₀",
                            w.reset, SP.SP_MediaSkipBackward)
    w.act_run = action("Run to stop", "Ctrl+Return",
                          "Train as fast as possible until a stopping criterion is met",
                          w.run_to_stop, SP.SP_MediaSkipForward)
    w.act_open = action("Open scenario…", QKeySequence.StandardKey.Open,
                           "Open a scenario (lesson) TOML file", w.open_scenario_dialog,
                           SP.SP_DialogOpenButton)
    w.lessons_menu_actions = []
    w.act_save_lesson = action("Save as lesson…", None,
                                  "Save the set-up with all its runs as a lesson file a "
                                  "teacher can add pages to", w._save_lesson_dialog)
    w.act_save = action("Save scenario…", QKeySequence.StandardKey.Save,
                           "Save the scenario and its comparison runs as TOML",
                           w.save_scenario_dialog, SP.SP_DialogSaveButton)
    w.act_csv = action("Open CSV…", "Ctrl+Shift+O", "Load your own data from a CSV file",
                          w.open_csv_dialog)
    w.act_export_csv = action("Export history as CSV…", None,
                                 "Save the selected run's steps with the columns of "
                                 "gdstudio run --csv", w._export_history_dialog)
    w.act_export_png = action("Export loss curve…", None,
                                 "Save the loss curve as a PNG image or SVG drawing",
                                 lambda: w._export_plot_dialog(w.loss_plot,
                                                                  "loss curve"))
    w.act_export_land = action("Export landscape…", None,
                                  "Save the landscape as a PNG image or SVG drawing",
                                  lambda: w._export_plot_dialog(w.landscape_plot,
                                                                   "landscape"))
    w.act_export_data = action("Export data view…", None,
                                  "Save the data and fit as a PNG image or SVG drawing",
                                  lambda: w._export_plot_dialog(w.data_plot,
                                                                   "data view"))
    w.act_guide = action("User guide", QKeySequence.StandardKey.HelpContents,
                            "How to use GD Studio, step by step (offline)",
                            lambda: show_user_guide(w))
    w.act_keys = action("Keyboard shortcuts", None, "Every shortcut of the window",
                           lambda: show_shortcuts(w, w.actions()))
    w.act_reset_settings = action("Reset settings", None,
                                     "Forget the window layout, speed and recent files",
                                     w.reset_settings)
    w.act_quit = action("Quit", QKeySequence.StandardKey.Quit, "Quit GD Studio",
                           w.close)
    w.act_log = action("Log-scale loss axis", "L", "Show the loss on a log scale",
                          w._on_log_toggled)
    w.act_log.setCheckable(True)
    w.act_log.setChecked(True)
    w.act_arrows = action("Show gradient arrows", "G",
                             "Show −∇L, the velocity and the update at the current θ",
                             w._on_arrows_toggled)
    w.act_arrows.setCheckable(True)
    w.act_arrows.setChecked(True)
    w.act_scale = action("Arrows to scale (−η∇L)", "T",
                            "Draw −η∇L as the step gradient descent takes; off: the "
                            "direction only, at a readable length",
                            w._on_scale_toggled)
    w.act_scale.setCheckable(True)
    w.act_scale.setChecked(True)
    w.act_residuals = action("Show residuals", None,
                                "Draw the error of each training point to the fitted "
                                "line (regression on one feature)",
                                lambda on: w._set_data_option("show_residuals", on))
    w.act_batch = action("Highlight the mini-batch", None,
                            "Ring the training examples the next update of the selected "
                            "run uses (mini-batch and stochastic GD)",
                            lambda on: w._set_data_option("show_batch", on))
    for act in (w.act_residuals, w.act_batch):
        act.setCheckable(True)
        act.setChecked(True)
    w.act_fit_view = action("Fit landscape to the paths", "F",
                               "Recompute the landscape around every descent path",
                               lambda: w.landscape.replan())
    w.act_pin = action("Pin the landscape view", "P",
                          "Keep the landscape where it is when runs reset or leave it",
                          lambda checked: w.landscape.pin.setChecked(bool(checked)))
    w.act_pin.setCheckable(True)
    w.landscape.pin.toggled.connect(w.act_pin.setChecked)
    w.act_sweep = action("Learning-rate sweep", "Ctrl+W",
                            "The loss after N steps for many learning rates at once: "
                            "too small, just right, too large", w.start_sweep)
    w.act_add_run = action("Add comparison run", "Ctrl+N",
                              "Add a run with a copy of the selected run's optimizer "
                              "settings", lambda: w.add_run())
    w.act_remove_run = action("Remove selected run", None,
                                 "Remove the selected comparison run",
                                 lambda: w.remove_run(w.session.focus))
    w.act_about = action("About GD Studio", None, "Version and licence", w.show_about)
    w.act_projector = action(translate("Menus", "Projector mode"), "Ctrl+Shift+P",
                             translate("Menus", "Larger text, thicker lines and stronger "
                                       "contrast, readable from the back of a room"),
                             w.set_projector)
    w.act_projector.setCheckable(True)
    w.act_zoom_in = action(translate("Menus", "Zoom in"), QKeySequence.StandardKey.ZoomIn,
                           translate("Menus", "Make all text and lines larger"), w.zoom_in)
    w.act_zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                QKeySequence("Ctrl+=")])
    w.act_zoom_out = action(translate("Menus", "Zoom out"), QKeySequence.StandardKey.ZoomOut,
                            translate("Menus", "Make all text and lines smaller"),
                            w.zoom_out)
    w.act_actual_size = action(translate("Menus", "Actual size"), "Ctrl+0",
                               translate("Menus", "Text and lines at their normal size"),
                               w.actual_size)

    tb = QToolBar("Training")
    tb.setObjectName("training")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tb.setMovable(False)
    for act in (w.act_play, w.act_step, w.act_back, w.act_reset, w.act_run):
        tb.addAction(act)
    tb.addSeparator()
    w.speed = SpeedControl(20.0)
    w.speed.speedChanged.connect(w.controller.set_speed)
    tb.addWidget(w.speed)
    tb.addSeparator()
    tb.addAction(w.act_add_run)
    w.addToolBar(tb)
    w.toolbar = tb

    menu = w.menuBar()
    file_menu = menu.addMenu("&File")
    for item in (w.act_open, w.act_save, w.act_save_lesson, None, w.act_csv,
                 None,
                 w.act_export_csv, w.act_export_png, w.act_export_land,
                 w.act_export_data, None,
                 w.act_quit):
        if item is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(item)
    train_menu = menu.addMenu("&Training")
    for item in (w.act_play, w.act_step, w.act_back, w.act_reset, w.act_run,
                 None, w.act_add_run, w.act_remove_run, None, w.act_sweep):
        if item is None:
            train_menu.addSeparator()
        else:
            train_menu.addAction(item)
    view_menu = menu.addMenu("&View")
    for act in (w.act_log, w.act_arrows, w.act_scale, w.act_residuals,
                w.act_batch, w.act_fit_view, w.act_pin):
        view_menu.addAction(act)
    x_menu = view_menu.addMenu("Loss curve x-axis")
    group = QActionGroup(w)
    w.x_unit_actions = {}
    for unit, text in (("step", "Steps"), ("epoch", "Epochs"),
                       ("examples", "Training examples seen")):
        act = QAction(text, w)
        act.setCheckable(True)
        act.setChecked(unit == "step")
        act.setStatusTip("Draw the loss against " + text.lower())
        act.triggered.connect(lambda _checked=False, unit=unit: w.set_x_unit(unit))
        group.addAction(act)
        x_menu.addAction(act)
        w.x_unit_actions[unit] = act
    view_menu.addSeparator()
    for act in (w.act_projector, w.act_zoom_in, w.act_zoom_out, w.act_actual_size):
        view_menu.addAction(act)
    view_menu.addSeparator()
    view_menu.addAction(w.dock.toggleViewAction())
    view_menu.addAction(w.card_dock.toggleViewAction())
    help_menu = menu.addMenu("&Help")
    for act in (w.act_guide, w.act_keys, w.act_reset_settings, w.act_about):
        help_menu.addAction(act)

    w.recent_menu = file_menu.addMenu("Open recent")
    file_menu.insertMenu(w.act_save, w.recent_menu)
    w._fill_recent()
    w.lessons_menu = menu.addMenu("&Lessons")
    w.lessons_menu.setToolTipsVisible(True)
    # filled when first opened: reading every lesson file would slow the start-up
    w.lessons_menu.aboutToShow.connect(w._fill_lessons)


def fill_lessons_menu(w: MainWindow) -> None:
    """The Lessons menu: every bundled lesson by title, its summary as the tooltip."""
    if w.lessons_menu_actions:
        return
    for info in list_lessons():
        act = QAction(info.title_for("en"), w)
        act.setStatusTip(info.summary_for("en"))
        act.setToolTip(info.summary_for("en"))
        act.triggered.connect(lambda _checked=False, name=info.name: w.open_scenario(name))
        w.lessons_menu.addAction(act)
        w.lessons_menu_actions.append(act)
