"""GUI test fixtures: Qt warnings fail the test; no training thread may outlive a test.

* ``_fail_on_qt_warnings`` (autouse) installs a Qt message handler that records
  QtWarningMsg / QtCriticalMsg / QtFatalMsg (from any thread) and fails the test at
  teardown if any were recorded. It chains to the previous handler, so pytest-qt's
  own capture (``qtlog``) keeps working. A test that expects a warning can mark
  itself ``@pytest.mark.qt_warnings_allowed("regex", ...)``; the fixture
  ``qt_messages`` gives the recorded (type, message) list.
* ``_no_thread_left_running`` (autouse) fails a test that leaves a training thread
  (any :class:`~gdstudio.gui.worker.TrainingController`'s) running, then stops it
  so later tests are not affected.
* ``controller`` yields a :class:`TrainingController` and shuts it down afterwards.
"""

from __future__ import annotations

import os
import re
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QtMsgType, qInstallMessageHandler  # noqa: E402

_FAILING = {QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical",
            QtMsgType.QtFatalMsg: "fatal"}
#: Harmless messages of the offscreen platform plugin.
_ALWAYS_ALLOWED = (
    r"^This plugin does not support propagateSizeHints\(\)",
    r"^This plugin does not support raise\(\)",
    r"^QFont::setPointSizeF: Point size <= 0",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "qt_warnings_allowed(*regexes): Qt warnings matching these regexes do "
        "not fail the test")


@pytest.fixture
def qt_messages() -> list[tuple[str, str]]:
    """(kind, message) of every Qt warning/critical/fatal recorded in this test."""
    return []


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings(request: pytest.FixtureRequest, qt_messages: list):
    lock = threading.Lock()
    previous = None

    def handler(msg_type, context, message):
        kind = _FAILING.get(msg_type)
        if kind is not None:
            with lock:
                qt_messages.append((kind, message))
        if previous is not None:
            previous(msg_type, context, message)

    previous = qInstallMessageHandler(handler)
    yield
    qInstallMessageHandler(previous)
    marker = request.node.get_closest_marker("qt_warnings_allowed")
    allowed = [re.compile(p) for p in (*_ALWAYS_ALLOWED, *(marker.args if marker else ()))]
    bad = [f"Qt {kind}: {text}" for kind, text in qt_messages
           if not any(p.search(text) for p in allowed)]
    if bad:
        pytest.fail("Qt emitted messages during the test:\n" + "\n".join(bad), pytrace=False)


@pytest.fixture(autouse=True)
def _no_thread_left_running(_fail_on_qt_warnings):
    yield
    from gdstudio.gui import training_thread as worker

    left = worker.active_threads()
    if left:
        worker.shutdown_all()
        pytest.fail(f"{len(left)} training thread(s) left running after the test",
                    pytrace=False)


@pytest.fixture(autouse=True)
def modal_dialogs(monkeypatch):
    """A modal dialog would wait for a click that never comes (the test would hang):
    ``exec`` of message boxes and dialogs returns at once; the texts are recorded."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    opened: list[str] = []

    def fake_exec(self, *args):
        opened.append(self.text() if isinstance(self, QMessageBox) else self.windowTitle())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return opened


@pytest.fixture
def controller(qtbot):
    """A TrainingController in the GUI thread, shut down (and checked) after the test."""
    from gdstudio.gui.training_thread import TrainingController

    ctrl = TrainingController()
    yield ctrl
    ctrl.shutdown()
    assert not ctrl.is_running


@pytest.fixture(autouse=True)
def _english_after_the_test():
    """A test that switches the window's language leaves English behind, pass or fail."""
    yield
    from gdstudio.gui.i18n import current_language, set_language

    if current_language() != "en":
        set_language("en")


def _window_ready(window) -> bool:
    """The window has drawn its first batch and its landscape."""
    return window.batches_received > 0 and not window.landscape.busy and \
        window.landscape_plot.result is not None


@pytest.fixture
def window_ready():
    """``window_ready(window)``: the window has drawn its first batch and its landscape."""
    return _window_ready


@pytest.fixture
def open_window(qtbot):
    """``open_window(scenario=None, size=(1200, 800), preferences=None)``: a shown main
    window of that size, ready (first batch and landscape drawn); after the test the
    normal look is restored while it is alive, then it is closed and its training thread
    stopped."""
    from gdstudio.gui.app_window import MainWindow
    from gdstudio.gui.plot_style import style_scale

    windows = []

    def make(scenario=None, size=(1200, 800), preferences=None):
        window = MainWindow(scenario, preferences=preferences)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.resize(*size)
        qtbot.waitUntil(lambda: _window_ready(window), timeout=20_000)
        # again: the first resize after showing is held at the size hint of the
        # not-yet-polished layout (a user's later resize is not)
        window.resize(*size)
        qtbot.waitUntil(lambda: window.size().toTuple() == tuple(size), timeout=20_000)
        windows.append(window)
        return window

    yield make
    if style_scale().projector or style_scale().zoom != 1.0:
        style_scale().reset()  # (the scale is application-wide; restyle live views only)
    for window in windows:
        window.close()
        assert not window.controller.is_running


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_in_the_gui_thread(qapp):
    """Python's garbage collector runs only in the GUI thread, as in the application
    (gdstudio.gui.launch): a collection started in a worker thread could free an earlier
    test's widgets there and deadlock against the GUI thread."""
    from gdstudio.gui.qtapp import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector(interval_ms=100)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _normal_style_scale():
    """Projector mode and zoom are application-wide: every test starts and ends at the
    normal look (a test that changes them resets them while its window is alive)."""
    from gdstudio.gui.plot_style import style_scale

    if style_scale().projector or style_scale().zoom != 1.0:
        style_scale().reset()
    yield
    if style_scale().projector or style_scale().zoom != 1.0:
        style_scale().reset()
