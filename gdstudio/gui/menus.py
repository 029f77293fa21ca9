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
from gdstudio.gui.i18n import LANGUAGES, current_language, translate
from gdstudio.gui.widgets import SpeedControl

if TYPE_CHECKING:
    from gdstudio.gui.app_window import MainWindow

__all__ = ["install_actions", "retranslate_actions", "set_play_text",
           "fill_lessons_menu"]


def install_actions(w: MainWindow) -> None:
    """Create the window's actions (with shortcuts and tips), toolbar and menus; their
    texts are set by :func:`retranslate_actions` (again on every language change)."""
    style = w.style()
    icon = style.standardIcon

    def action(shortcut: Any, slot: Any, std: QStyle.StandardPixmap | None = None,
               checkable: bool = False) -> QAction:
        act = QAction(w)
        if std is not None:
            act.setIcon(icon(std))
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        act.setChecked(checkable)
        act.triggered.connect(slot)
        w.addAction(act)
        return act

    SP = QStyle.StandardPixmap
    w.act_play = action(Qt.Key.Key_Space, w.toggle_play, SP.SP_MediaPlay)
    w.act_step = action(Qt.Key.Key_Right, w.step, SP.SP_MediaSeekForward)
    w.act_back = action(Qt.Key.Key_Left, w.step_back, SP.SP_MediaSeekBackward)
    w.act_reset = action(Qt.Key.Key_R, w.reset, SP.SP_MediaSkipBackward)
    w.act_run = action("Ctrl+Return", w.run_to_stop, SP.SP_MediaSkipForward)
    w.act_open = action(QKeySequence.StandardKey.Open, w.open_scenario_dialog,
                        SP.SP_DialogOpenButton)
    w.lessons_menu_actions = []
    w.act_save_lesson = action(None, w._save_lesson_dialog)
    w.act_save = action(QKeySequence.StandardKey.Save, w.save_scenario_dialog,
                        SP.SP_DialogSaveButton)
    w.act_open_session = action("Ctrl+Alt+O", w.open_session_dialog)
    w.act_save_session = action("Ctrl+Shift+S", w.save_session_dialog)
    w.act_export_gif = action("Ctrl+Shift+G", w._export_gif_dialog)
    w.act_csv = action("Ctrl+Shift+O", w.open_csv_dialog)
    w.act_export_csv = action(None, w._export_history_dialog)
    w.act_export_png = action(None, lambda: w._export_plot_dialog(w.loss_plot, "loss_curve"))
    w.act_export_land = action(None, lambda: w._export_plot_dialog(w.landscape_plot,
                                                                   "landscape"))
    w.act_export_data = action(None, lambda: w._export_plot_dialog(w.data_plot, "data_view"))
    w.act_guide = action(QKeySequence.StandardKey.HelpContents, lambda: show_user_guide(w))
    w.act_keys = action(None, lambda: show_shortcuts(w, w.actions()))
    w.act_reset_settings = action(None, w.reset_settings)
    w.act_quit = action(QKeySequence.StandardKey.Quit, w.close)
    w.act_log = action("L", w._on_log_toggled, checkable=True)
    w.act_arrows = action("G", w._on_arrows_toggled, checkable=True)
    w.act_scale = action("T", w._on_scale_toggled, checkable=True)
    w.act_residuals = action(None, lambda on: w._set_data_option("show_residuals", on),
                             checkable=True)
    w.act_batch = action(None, lambda on: w._set_data_option("show_batch", on),
                         checkable=True)
    w.act_fit_view = action("F", lambda: w.landscape.replan())
    w.act_pin = action("P", lambda checked: w.landscape.pin.setChecked(bool(checked)),
                       checkable=True)
    w.act_pin.setChecked(False)
    w.landscape.pin.toggled.connect(w.act_pin.setChecked)
    w.act_sweep = action("Ctrl+W", w.start_sweep)
    w.act_add_run = action("Ctrl+N", lambda: w.add_run())
    w.act_remove_run = action(None, lambda: w.remove_run(w.session.focus))
    w.act_about = action(None, w.show_about)
    w.act_projector = action("Ctrl+Shift+P", w.set_projector, checkable=True)
    w.act_projector.setChecked(False)
    w.act_zoom_in = action(QKeySequence.StandardKey.ZoomIn, w.zoom_in)
    w.act_zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                QKeySequence("Ctrl+=")])
    w.act_zoom_out = action(QKeySequence.StandardKey.ZoomOut, w.zoom_out)
    w.act_actual_size = action("Ctrl+0", w.actual_size)

    tb = QToolBar()
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
    w.file_menu = file_menu = menu.addMenu("")
    for item in (w.act_open, w.act_save, w.act_save_lesson, None,
                 w.act_open_session, w.act_save_session, None, w.act_csv,
                 None,
                 w.act_export_csv, w.act_export_png, w.act_export_land,
                 w.act_export_data, w.act_export_gif, None,
                 w.act_quit):
        if item is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(item)
    w.train_menu = train_menu = menu.addMenu("")
    for item in (w.act_play, w.act_step, w.act_back, w.act_reset, w.act_run,
                 None, w.act_add_run, w.act_remove_run, None, w.act_sweep):
        if item is None:
            train_menu.addSeparator()
        else:
            train_menu.addAction(item)
    w.view_menu = view_menu = menu.addMenu("")
    for act in (w.act_log, w.act_arrows, w.act_scale, w.act_residuals,
                w.act_batch, w.act_fit_view, w.act_pin):
        view_menu.addAction(act)
    w.x_menu = view_menu.addMenu("")
    group = QActionGroup(w)
    w.x_unit_actions = {}
    for unit in ("step", "epoch", "examples"):
        act = QAction(w)
        act.setCheckable(True)
        act.setChecked(unit == "step")
        act.triggered.connect(lambda _checked=False, unit=unit: w.set_x_unit(unit))
        group.addAction(act)
        w.x_menu.addAction(act)
        w.x_unit_actions[unit] = act
    view_menu.addSeparator()
    w.language_menu = view_menu.addMenu("")
    languages = QActionGroup(w)
    w.language_actions = {}
    for code, name in LANGUAGES.items():
        act = QAction(name, w)  # each language by its own name, never translated
        act.setCheckable(True)
        act.setChecked(code == current_language())
        act.triggered.connect(lambda _checked=False, code=code: w.set_language(code))
        languages.addAction(act)
        w.language_menu.addAction(act)
        w.language_actions[code] = act
    for act in (w.act_projector, w.act_zoom_in, w.act_zoom_out, w.act_actual_size):
        view_menu.addAction(act)
    view_menu.addSeparator()
    view_menu.addAction(w.dock.toggleViewAction())
    view_menu.addAction(w.card_dock.toggleViewAction())
    w.help_menu = help_menu = menu.addMenu("")
    for act in (w.act_guide, w.act_keys, w.act_reset_settings, w.act_about):
        help_menu.addAction(act)

    w.recent_menu = file_menu.addMenu("")
    file_menu.insertMenu(w.act_save, w.recent_menu)
    w._fill_recent()
    w.lessons_menu = menu.addMenu("")
    w.lessons_menu.setToolTipsVisible(True)
    # filled when first opened: reading every lesson file would slow the start-up
    w.lessons_menu.aboutToShow.connect(w._fill_lessons)
    retranslate_actions(w)


def _texts(act: QAction, text: str, tip: str) -> None:
    """Set an action's text, and its tip (with the shortcut) as tooltip and status tip."""
    act.setText(text)
    keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    act.setToolTip(f"{tip} ({keys})" if keys else tip)
    act.setStatusTip(tip)


def retranslate_actions(w: MainWindow) -> None:
    """Every text of the actions, toolbar and menus, in the current language."""
    set_play_text(w.act_play, w.session.playing)
    _texts(w.act_step, translate("Menus", "Step"),
           translate("Menus", "Take one gradient-descent step"))
    _texts(w.act_back, translate("Menus", "Step back"),
           translate("Menus", "Undo the last step (rewind)"))
    _texts(w.act_reset, translate("Menus", "Reset"),
           translate("Menus", "Back to the start point θ₀"))
    _texts(w.act_run, translate("Menus", "Run to stop"),
           translate("Menus", "Train as fast as possible until a stopping criterion is met"))
    _texts(w.act_open, translate("Menus", "Open scenario…"),
           translate("Menus", "Open a scenario (lesson) TOML file"))
    _texts(w.act_save_lesson, translate("Menus", "Save as lesson…"),
           translate("Menus", "Save the set-up with all its runs as a lesson file a "
                              "teacher can add pages to"))
    _texts(w.act_save, translate("Menus", "Save scenario…"),
           translate("Menus", "Save the scenario and its comparison runs as TOML"))
    _texts(w.act_open_session, translate("Menus", "Open session…"),
           translate("Menus", "Open a session file: the scenario and every run back at the "
                              "step it was saved"))
    _texts(w.act_save_session, translate("Menus", "Save session…"),
           translate("Menus", "Save everything: the scenario, every run's steps so far, "
                              "the selected run and the lesson page"))
    _texts(w.act_export_gif, translate("Menus", "Export run as GIF…"),
           translate("Menus", "Save the selected run's descent so far as an animated GIF "
                              "for slides"))
    _texts(w.act_csv, translate("Menus", "Open CSV…"),
           translate("Menus", "Load your own data from a CSV file"))
    _texts(w.act_export_csv, translate("Menus", "Export history as CSV…"),
           translate("Menus", "Save the selected run's steps with the columns of "
                              "gdstudio run --csv"))
    _texts(w.act_export_png, translate("Menus", "Export loss curve…"),
           translate("Menus", "Save the loss curve as a PNG image or SVG drawing"))
    _texts(w.act_export_land, translate("Menus", "Export landscape…"),
           translate("Menus", "Save the landscape as a PNG image or SVG drawing"))
    _texts(w.act_export_data, translate("Menus", "Export data view…"),
           translate("Menus", "Save the data and fit as a PNG image or SVG drawing"))
    _texts(w.act_guide, translate("Menus", "User guide"),
           translate("Menus", "How to use GD Studio, step by step (offline)"))
    _texts(w.act_keys, translate("Menus", "Keyboard shortcuts"),
           translate("Menus", "Every shortcut of the window"))
    _texts(w.act_reset_settings, translate("Menus", "Reset settings"),
           translate("Menus", "Forget the window layout, speed and recent files"))
    _texts(w.act_quit, translate("Menus", "Quit"), translate("Menus", "Quit GD Studio"))
    _texts(w.act_log, translate("Menus", "Log-scale loss axis"),
           translate("Menus", "Show the loss on a log scale"))
    _texts(w.act_arrows, translate("Menus", "Show gradient arrows"),
           translate("Menus", "Show −∇L, the velocity and the update at the current θ"))
    _texts(w.act_scale, translate("Menus", "Arrows to scale (−η∇L)"),
           translate("Menus", "Draw −η∇L as the step gradient descent takes; off: the "
                              "direction only, at a readable length"))
    _texts(w.act_residuals, translate("Menus", "Show residuals"),
           translate("Menus", "Draw the error of each training point to the fitted "
                              "line (regression on one feature)"))
    _texts(w.act_batch, translate("Menus", "Highlight the mini-batch"),
           translate("Menus", "Ring the training examples the next update of the "
                              "selected run uses (mini-batch and stochastic GD)"))
    _texts(w.act_fit_view, translate("Menus", "Fit landscape to the paths"),
           translate("Menus", "Recompute the landscape around every descent path"))
    _texts(w.act_pin, translate("Menus", "Pin the landscape view"),
           translate("Menus", "Keep the landscape where it is when runs reset or leave it"))
    _texts(w.act_sweep, translate("Menus", "Learning-rate sweep"),
           translate("Menus", "The loss after N steps for many learning rates at once: "
                              "too small, just right, too large"))
    _texts(w.act_add_run, translate("Menus", "Add comparison run"),
           translate("Menus", "Add a run with a copy of the selected run's optimizer "
                              "settings"))
    _texts(w.act_remove_run, translate("Menus", "Remove selected run"),
           translate("Menus", "Remove the selected comparison run"))
    _texts(w.act_projector, translate("Menus", "Projector mode"),
           translate("Menus", "Larger text, thicker lines and stronger contrast, readable "
                              "from the back of a room"))
    _texts(w.act_zoom_in, translate("Menus", "Zoom in"),
           translate("Menus", "Make all text and lines larger"))
    _texts(w.act_zoom_out, translate("Menus", "Zoom out"),
           translate("Menus", "Make all text and lines smaller"))
    _texts(w.act_actual_size, translate("Menus", "Actual size"),
           translate("Menus", "Text and lines at their normal size"))
    _texts(w.act_about, translate("Menus", "About GD Studio"),
           translate("Menus", "Version and licence"))
    for unit, text, tip in (
            ("step", translate("Menus", "Steps"),
             translate("Menus", "Draw the loss against steps")),
            ("epoch", translate("Menus", "Epochs"),
             translate("Menus", "Draw the loss against epochs")),
            ("examples", translate("Menus", "Training examples seen"),
             translate("Menus", "Draw the loss against training examples seen"))):
        w.x_unit_actions[unit].setText(text)
        w.x_unit_actions[unit].setStatusTip(tip)
    w.toolbar.setWindowTitle(translate("Menus", "Training"))
    w.file_menu.setTitle(translate("Menus", "&File"))
    w.train_menu.setTitle(translate("Menus", "&Training"))
    w.view_menu.setTitle(translate("Menus", "&View"))
    w.x_menu.setTitle(translate("Menus", "Loss curve x-axis"))
    w.language_menu.setTitle(translate("Menus", "Language"))
    w.help_menu.setTitle(translate("Menus", "&Help"))
    w.recent_menu.setTitle(translate("Menus", "Open recent"))
    w.lessons_menu.setTitle(translate("Menus", "&Lessons"))
    for code, act in w.language_actions.items():
        act.setChecked(code == current_language())
    # the Lessons menu is refilled in the new language when next opened
    for act in w.lessons_menu_actions:
        w.lessons_menu.removeAction(act)
    w.lessons_menu_actions.clear()


def set_play_text(act: QAction, playing: bool) -> None:
    """The Play action says what pressing it does: Pause while playing, else Play."""
    _texts(act, translate("Menus", "Pause") if playing else translate("Menus", "Play"),
           translate("Menus", "Play or pause training"))


def fill_lessons_menu(w: MainWindow) -> None:
    """The Lessons menu: every bundled lesson by title, its summary as the tooltip."""
    if w.lessons_menu_actions:
        return
    for info in list_lessons():
        lang = current_language()
        act = QAction(info.title_for(lang), w)
        act.setStatusTip(info.summary_for(lang))
        act.setToolTip(info.summary_for(lang))
        act.triggered.connect(lambda _checked=False, name=info.name: w.open_scenario(name))
        w.lessons_menu.addAction(act)
        w.lessons_menu_actions.append(act)
