"""The QApplication for every entry point (window, screenshot, PNG export)."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["application", "quiet_offscreen_messages", "GuiThreadGarbageCollector"]


def application(offscreen: bool = False) -> Any:
    """The running QApplication, or a new one named "GD Studio".

    Args:
        offscreen: when no QApplication exists yet, render offscreen (never show a
            window) unless ``QT_QPA_PLATFORM`` says otherwise.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if offscreen:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
        app.setApplicationName("GD Studio")
        app.setOrganizationName("GD Studio")
    return app


@contextlib.contextmanager
def quiet_offscreen_messages() -> Iterator[None]:
    """Drop the offscreen platform's harmless notes about window hints
    ("does not support propagateSizeHints / raise"); pass every other message on."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    previous_handler = None

    def quiet(msg_type: QtMsgType, context: Any, message: str) -> None:
        if "does not support propagateSizeHints" in message or \
                "does not support raise" in message:
            return
        if previous_handler is not None:
            previous_handler(msg_type, context, message)
        elif msg_type != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    previous_handler = qInstallMessageHandler(quiet)
    try:
        yield
    finally:
        qInstallMessageHandler(previous_handler)


class GuiThreadGarbageCollector:
    """Python's cyclic garbage collector, run only from a timer in the GUI thread.

    With automatic collection, a collection can start in whichever thread allocates —
    the training thread — and free Qt objects there: a pyqtgraph plot's context menu
    (a parentless QMenu in a reference cycle) was destroyed in the training thread
    while the GUI thread destroyed another widget, and the two deadlocked (Qt's
    object mutex against the GIL; found by the GUI fuzzer after closing a window).
    Following pyqtgraph's ``GarbageCollector``: automatic collection is disabled and a
    timer in the GUI thread collects each generation when its threshold is passed.

    Create it in the GUI thread once the QApplication exists; :meth:`stop` turns
    automatic collection back on.
    """

    def __init__(self, interval_ms: int = 500) -> None:
        from PySide6.QtCore import QTimer

        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        """Stop the timer and restore automatic collection (if it was on)."""
        self.timer.stop()
        # Collect the backlog here, in plain Python: left to the automatic collector it
        # would be freed at the next allocation, possibly inside a Qt call holding the
        # object mutex that destroying a QObject needs (a self-deadlock seen in tests).
        gc.collect()
        if self._was_enabled:
            gc.enable()
