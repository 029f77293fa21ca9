"""Errors from any thread or handler become a one-line message and a log entry, and a
failed open changes nothing in the window."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from gdstudio.gui import error_hook
from gdstudio.gui.app_window import MainWindow

from .gui_fuzzer import OPENS_IN_WINDOW, bad_inputs


@pytest.fixture
def hook(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    h = error_hook.ErrorHook(window, tmp_path)
    boxes = []
    h.show_box = lambda parent, text: boxes.append((parent, text))
    h.boxes = boxes
    h.install()
    yield h
    h.uninstall()
    window.close()


def test_the_hook_logs_the_traceback_and_shows_one_line(qtbot, hook):
    try:
        raise ValueError("the η slider broke\nsecond line")
    except ValueError as exc:
        hook.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(hook.boxes) == 1, timeout=5_000)
    parent, text = hook.boxes[0]
    assert parent is hook.window
    assert text.splitlines()[0] == "ValueError: the η slider broke"
    assert str(hook.path) in text
    log = hook.path.read_text("utf-8")
    assert "Traceback (most recent call last)" in log and "second line" in log
    assert hook.window.status_label.text() == "Error: ValueError: the η slider broke"


def test_an_exception_in_a_slot_reaches_the_hook(qtbot, hook):
    def handler() -> None:
        raise RuntimeError("a menu handler failed")

    QTimer.singleShot(0, handler)
    qtbot.waitUntil(lambda: len(hook.boxes) == 1, timeout=5_000)
    assert hook.boxes[0][1].startswith("RuntimeError: a menu handler failed")


def test_an_exception_in_a_python_thread_is_shown_in_the_gui_thread(qtbot, hook):
    shown_in = []
    hook.show_box = lambda parent, text: shown_in.append(threading.current_thread())

    def work() -> None:
        raise OSError("disk full")

    t = threading.Thread(target=work, name="exporter")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(shown_in) == 1, timeout=5_000)
    assert shown_in[0] is threading.main_thread()
    assert "thread exporter" in hook.path.read_text("utf-8")


def test_one_box_at_a_time_and_keyboard_interrupt_is_left_alone(qtbot, hook, monkeypatch):
    opened = []

    def reentrant_box(parent, text):  # a second error while the first box is open
        opened.append(text)
        if len(opened) == 1:
            hook._show("OSError: second")

    hook.show_box = reentrant_box
    hook._show("OSError: first")
    assert opened == ["OSError: first"]
    assert hook.shown == ["OSError: first", "OSError: second"]
    called = []
    monkeypatch.setattr("sys.__excepthook__", lambda *a: called.append(a[0]))
    hook.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert called == [KeyboardInterrupt]


def test_a_log_folder_that_cannot_be_written_still_shows_the_line(qtbot, hook, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    hook.path = blocker / "errors.log"  # a folder that is a file
    hook.report(ValueError, ValueError("x"), None)
    qtbot.waitUntil(lambda: len(hook.boxes) == 1, timeout=5_000)
    assert hook.boxes[0][1] == "ValueError: x"


def test_run_gui_installs_the_hook(qtbot, monkeypatch):
    from gdstudio.gui import launch

    installed = []

    class FakeHook:
        def uninstall(self):
            installed.append("uninstalled")

    def fake_install(window):
        installed.append(window)
        return FakeHook()

    class FakeApp:  # running (and quitting) the real event loop here would end the
        def exec(self):  # test process's application for the tests that follow
            import gc

            assert not gc.isenabled()  # collected only in the GUI thread meanwhile
            return 0

    monkeypatch.setattr(launch.error_hook, "install", fake_install)
    monkeypatch.setattr(launch, "application", lambda: FakeApp())
    import gc

    was_enabled = gc.isenabled()  # off in the GUI tests: their own GUI-thread collector
    try:
        assert launch.run_gui() == 0
        assert isinstance(installed[0], MainWindow) and installed[-1] == "uninstalled"
        assert gc.isenabled() == was_enabled  # the automatic collector as it was
    finally:
        installed[0].close()


# ------------------------------------------------------------ failed opens change nothing
def _state(window: MainWindow):
    return (window.session.scenario, window.session.n_runs, window.session.setup_id,
            window.session.focus, list(window.traces), window.windowTitle())


def _refused(cases: list) -> list:
    return [c for c in cases if c[-1] and c[0].rsplit("/", 1)[-1] not in OPENS_IN_WINDOW]


@pytest.mark.parametrize("case", _refused(bad_inputs()[0]),
                         ids=lambda c: c[0].rsplit("/", 1)[-1])
def test_a_bad_csv_changes_nothing(qtbot, monkeypatch, case):
    path, x, y, _fail = case
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_run({"learning_rate": 0.5})
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    before = _state(window)
    assert not window.load_csv(path, x, y)
    assert len(errors) == 1 and _state(window) == before
    window.close()


@pytest.mark.parametrize("case", _refused(bad_inputs()[1]),
                         ids=lambda c: c[0].rsplit("/", 1)[-1])
def test_a_bad_scenario_changes_nothing(qtbot, monkeypatch, case):
    path, _fail = case
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_run({"optimizer": "adam"})
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    before = _state(window)
    assert not window.open_scenario(path)
    assert len(errors) == 1 and _state(window) == before
    window.close()
