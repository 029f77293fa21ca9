"""The QApplication for every entry point (window, screenshot, PNG export)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["application", "quiet_offscreen_messages"]


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
