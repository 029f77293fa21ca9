"""Unexpected errors become a one-line message, never a traceback on a terminal.

:func:`install` (called by :func:`gdstudio.gui.launch.run_gui`) replaces
``sys.excepthook`` and ``threading.excepthook``. An exception that escapes a slot, a
menu handler or any Python thread is

* written with its traceback, time and version to ``errors.log`` in the user log folder
  (``platformdirs.user_log_dir("gdstudio")``), and
* shown as a one-line message box (plain text) naming that file, in the GUI thread
  (from another thread the message is queued to it), and on the window's status bar.

While one box is open, further errors only go to the status bar and the log (a
repeating error never stacks up boxes). Ctrl-C (KeyboardInterrupt) keeps Python's own
behaviour.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import gdstudio
from gdstudio.gui.i18n import translate

__all__ = ["ErrorHook", "install", "log_dir", "one_line"]

LOG_NAME = "errors.log"


def log_dir() -> Path:
    """The user log folder of GD Studio (platformdirs)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("gdstudio", appauthor=False))


def one_line(exc: BaseException) -> str:
    """``"ValueError: the first line of the message"`` (at most 200 characters)."""
    text = str(exc).strip().splitlines()
    line = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return line if len(line) <= 200 else line[:199] + "…"


class _Relay(QObject):
    """Carries a message from any thread to the GUI thread (queued across threads)."""

    message = Signal(str)


class ErrorHook(QObject):
    """The installed hooks (see the module docstring).

    Args:
        window: the main window (its ``status_label`` shows the line), or None.
        folder: where ``errors.log`` goes (default: :func:`log_dir`).

    Attributes:
        path: the log file.
        shown: every line shown so far (tests read it).
        show_box: ``show_box(parent, text)`` opens the message box (tests replace it).
    """

    def __init__(self, window: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self.window = window
        self.path = (folder or log_dir()) / LOG_NAME
        self.shown: list[str] = []
        self.show_box: Callable[[QWidget | None, str], None] = _message_box
        self._box_open = False
        self._previous: tuple[Any, Any] | None = None
        self._relay = _Relay()
        app = QApplication.instance()
        if app is not None:
            self._relay.moveToThread(app.thread())
            self.moveToThread(app.thread())
        self._relay.message.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- hooks -----------------------------------------------------------------------
    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        """``sys.excepthook``: log the traceback, show one line."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb)

    def thread_excepthook(self, args: Any) -> None:
        """``threading.excepthook``: the same for a Python thread."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.report(args.exc_type, args.exc_value, args.exc_traceback,
                    thread=getattr(args.thread, "name", None))

    def report(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None, thread: str | None = None) -> None:
        """Log ``exc`` and show its line (from any thread; never raises)."""
        try:
            where = self._log(exc_type, exc, tb, thread)
            line = one_line(exc)
            text = translate("ErrorHook", "{error}\n\nDetails were written to {path}.").format(
                error=line, path=where) if where else line
            self._relay.message.emit(text)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            sys.__excepthook__(exc_type, exc, tb)

    def _log(self, exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None, thread: str | None) -> Path | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} GD Studio "
                        f"{gdstudio.__version__}, Python {sys.version.split()[0]}"
                        + (f", thread {thread}" if thread else "") + "\n")
                f.write("".join(traceback.format_exception(exc_type, exc, tb)))
            return self.path
        except OSError:
            return None

    @Slot(str)
    def _show(self, text: str) -> None:
        self.shown.append(text)
        window = self.window
        label = getattr(window, "status_label", None)
        if label is not None:
            try:
                label.setText(translate("ErrorHook", "Error: {error}").format(
                    error=text.splitlines()[0]))
            except RuntimeError:  # the window is gone
                window = None
        if self._box_open:
            return
        self._box_open = True
        try:
            self.show_box(window, text)
        finally:
            self._box_open = False

    # -- installing ------------------------------------------------------------------
    def install(self) -> ErrorHook:
        """Make these the process's hooks (``uninstall`` puts the old ones back)."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None


def _message_box(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical,
                      translate("error_hook", "GD Studio: unexpected error"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def install(window: QWidget | None = None, folder: Path | None = None) -> ErrorHook:
    """Install an :class:`ErrorHook` for ``window`` (see the module docstring)."""
    return ErrorHook(window, folder).install()
