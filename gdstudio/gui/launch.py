"""Entry points of the window for ``gdstudio.app``: :func:`run_gui` and
:func:`take_screenshot` (the real window, offscreen, after N steps, saved as PNG)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer

from gdstudio.core.lessons import load_lesson
from gdstudio.core.scenario import ScenarioError, load_scenario
from gdstudio.core.session import Session
from gdstudio.core.session_file import SessionFileError, read_session
from gdstudio.gui import error_hook
from gdstudio.gui.app_window import MainWindow, default_scenario
from gdstudio.gui.i18n import set_language, system_language
from gdstudio.gui.plot_style import style_scale
from gdstudio.gui.qtapp import GuiThreadGarbageCollector, application, quiet_offscreen_messages
from gdstudio.gui.session_files import is_session_file
from gdstudio.gui.settings import Preferences

__all__ = ["run_gui", "take_screenshot"]


def run_gui(scenario_path: str | None = None, startup_probe: bool = False,
            lang: str | None = None, projector: bool = False) -> int:
    """Open the main window (with a scenario or lesson TOML file, a session file, or the
    default) and run the app.

    With ``startup_probe``, print "shown" once the window is on screen and quit (the
    start-up benchmark times the real command this way). With ``projector``, start in
    projector mode (View → Projector mode).

    ``lang`` (``en``/``zh_TW``; None: the language chosen last, else the system's) is
    the window's language.

    Returns the application's exit code (1 if the scenario cannot be read).
    """
    app = application()
    preferences = Preferences()
    set_language(lang or preferences.value("view/language", system_language(), str))
    scenario = None
    snapshot = None
    if scenario_path and is_session_file(scenario_path):
        try:
            snapshot = read_session(scenario_path)
        except SessionFileError as exc:
            print(f"gdstudio: {exc}", file=sys.stderr)
            return 1
        scenario = snapshot.lesson.scenario
    elif scenario_path:
        try:
            scenario = load_scenario(scenario_path)
        except ScenarioError as exc:
            print(f"gdstudio: {exc}", file=sys.stderr)
            return 1
    elif not startup_probe:  # the last scenario or lesson opened, if it is still there
        last = preferences.value("files/last", "", str)
        if last:
            try:
                scenario = load_scenario(last)
            except ScenarioError:
                scenario = None
    collector = GuiThreadGarbageCollector()  # never free Qt objects in the training thread
    window = MainWindow(scenario, preferences=None if startup_probe else preferences)
    screen = window.screen().availableGeometry()  # never larger than the screen (1024 px …)
    window.resize(min(window.width(), screen.width()), min(window.height(), screen.height()))
    if snapshot is not None and scenario_path:
        window.session_files.restore(snapshot, scenario_path)
    elif scenario_path:
        _open_pages(window, scenario_path)
    if projector:
        window.set_projector(True)
    hook = error_hook.install(window)  # an escaped exception: a message, not a traceback
    window.show()
    if startup_probe:
        def shown() -> None:
            print("shown MainWindow via the gdstudio command", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    try:
        with quiet_offscreen_messages():
            code = app.exec()
    finally:
        window.shutdown()
        hook.uninstall()
        collector.stop()
    return int(code)


def _open_pages(window: MainWindow, path: str) -> None:
    """A lesson file (or bundled lesson) opened from the command line shows its pages
    (a scenario file its translated title)."""
    try:
        lesson = load_lesson(path)
    except ScenarioError:
        return  # a plain scenario, already open; its errors were reported already
    window.use_lesson_file(lesson)


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


#: seconds the event loop runs between the last step and the grab of --screenshot
SCREENSHOT_SETTLE_S = 0.3


def take_screenshot(out_png: str, steps: int = 300, scenario_path: str | None = None,
                    runs: list[dict] | None = None, size: tuple[int, int] = (1400, 900),
                    timeout_s: float = 120.0, lang: str = "en",
                    projector: bool = False) -> int:
    """Open the real main window, train ``steps`` steps and save a PNG of the window.

    Args:
        out_png: where to write the PNG.
        steps: steps to take (through the real training thread, one Step command each).
        scenario_path: a scenario TOML file; None: :func:`default_scenario`.
        runs: comparison runs, each a dict of Scenario changes applied to the scenario's
            optimizer settings, e.g. ``{"optimizer": "momentum", "learning_rate": 0.001}``.
        size: window size in pixels.
        timeout_s: give up after this long.
        lang: the window's language (``en`` or ``zh_TW``).
        projector: in projector mode (larger text, thicker lines).

    Returns:
        0 on success; 1 with a message on stderr on failure.
    """
    app = application(offscreen=True)  # never flash a window
    set_language(lang)
    with quiet_offscreen_messages():
        return _screenshot(app, out_png, steps, scenario_path, runs, size, timeout_s,
                           projector)


def _screenshot(app: Any, out_png: str, steps: int, scenario_path: str | None,
                runs: list[dict] | None, size: tuple[int, int], timeout_s: float,
                projector: bool = False) -> int:
    window: MainWindow | None = None
    try:
        scenario = load_scenario(scenario_path) if scenario_path else default_scenario()
        Session(scenario)  # fail early, with the core's message, on data that cannot load
        window = MainWindow(scenario)
        window.resize(*size)  # first: a lesson's pages are placed for the window's width
        if scenario_path:
            _open_pages(window, scenario_path)
        if projector:
            window.set_projector(True)
        window.resize(*size)
        window.show()
        app.processEvents()
        window.resize(*size)  # again: showing may have grown it to its first size hint
        for extra in runs or []:
            window.session.add_run(**extra)
        app.processEvents()
        window.landscape.replan()
        if not _wait(lambda: window.status == "ready" and window.batches_received > 0
                     and not window.landscape.busy, timeout_s):
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
        window.landscape.replan()
        if not _wait(lambda: not window.landscape.busy, timeout_s):
            raise RuntimeError("the landscape was not computed in time")
        window.redraw_now()
        # let the layout settle: plots refit their titles and legends on timers after a
        # resize (a grab at once sometimes caught a legend before it moved below its plot)
        settle_until = time.perf_counter() + SCREENSHOT_SETTLE_S
        _wait(lambda: time.perf_counter() >= settle_until, SCREENSHOT_SETTLE_S + 1)
        window.redraw_now()
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
        if projector:  # back to the normal look while every view is still alive
            style_scale().set_projector(False)
        if window is not None:
            window.dispose()
