"""Slow file work off the GUI thread, under a progress dialog the user can cancel.

Reading a large CSV file (tens of megabytes: seconds of parsing and conversion) must
not freeze the window. :class:`BackgroundTask` runs a function on a
:class:`~PySide6.QtCore.QThreadPool` thread and hands its result, or the error it
raised, back to the GUI thread through a queued signal. Cancel abandons the work: its
result is dropped when it arrives, and nothing changes. The function must be pure (it
reads files and returns values; it never touches widgets or the session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gdstudio.gui.i18n import translate

__all__ = ["BackgroundTask"]


class _Relay(QObject):
    finished = Signal(object, object)  # result, exception (one of them is None)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay,
                 errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.fn, self.relay, self.errors = fn, relay, errors

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except self.errors as exc:
            result, error = None, exc
        self.relay.finished.emit(result, error)


class BackgroundTask(QObject):
    """Run ``fn()`` on a worker thread; then ``on_done(result)`` or
    ``on_error(exception)`` on the GUI thread, unless cancelled.

    Args:
        label: what the dialog says is happening (plain text).
        errors: the exception types ``fn`` may raise for bad input; they go to
            ``on_error``. Anything else is a bug and reaches the error hook.

    Signals:
        finished(): the task ended (done, failed or cancelled); the dialog is gone.
    """

    finished = Signal()

    def __init__(self, parent: QWidget, label: str, fn: Callable[[], Any],
                 on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None],
                 errors: tuple[type[BaseException], ...] = (ValueError, OSError)) -> None:
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self.cancelled = False
        self.dialog = QProgressDialog(label, translate("BackgroundTask", "Cancel"), 0, 0,
                                      parent)
        self.dialog.setWindowTitle(translate("BackgroundTask", "Please wait"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick loads never flash a dialog
        self.dialog.canceled.connect(self._cancel)
        # No parent: the job keeps the relay alive, so a window closed mid-load
        # deletes the task (and its connection) but never the emitter the worker uses.
        self._relay = _Relay()
        self._relay.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._errors = errors
        self._fn = fn

    def start(self) -> None:
        """Start the work (the dialog appears if it takes more than 0.3 s)."""
        self.dialog.setValue(0)
        QThreadPool.globalInstance().start(_Job(self._fn, self._relay, self._errors))

    def _cancel(self) -> None:
        self.cancelled = True
        self.finished.emit()

    def _finish(self, result: Any, error: BaseException | None) -> None:
        if self.cancelled or self.dialog.wasCanceled():
            self.deleteLater()
            return
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.reset()
        self.dialog.close()
        try:
            if error is not None:
                self._on_error(error)
            else:
                self._on_done(result)
        finally:
            self.finished.emit()
            self.deleteLater()
