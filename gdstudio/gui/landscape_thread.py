"""Loss landscapes computed off the GUI thread.

:func:`gdstudio.core.landscape.compute_landscape` does the numerical work (grid, display
values, contours) as plain numpy; :class:`LandscapeJob` runs it on a private one-thread
:class:`~PySide6.QtCore.QThreadPool` and hands the result back to the GUI thread through
a queued signal. Only the newest request matters: a request made while another is being
computed replaces any request still waiting and cancels the running one (the core's
grid loop checks a cancel flag between small chunks), and results of superseded
requests are dropped. :meth:`LandscapeJob.shutdown` cancels too, so closing the window
never waits for a long computation (an MLP's grid can take minutes). Each request
carries the session's ``setup_id``; the window also drops a result whose setup is no
longer the session's, so a stale plane is never projected.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from gdstudio.core.landscape import (
    LandscapeCancelled,
    LandscapeRequest,
    LandscapeResult,
    compute_landscape,
)

log = logging.getLogger(__name__)

__all__ = ["LandscapeJob"]


class _Signaller(QObject):
    done = Signal(object)


class LandscapeJob(QObject):
    """Computes landscapes on a private worker thread, newest request first.

    Signals:
        finished(LandscapeResult): a computation finished (in the GUI thread). Results
            of requests superseded by a newer one are not emitted.

    Call :meth:`shutdown` before the application quits (idempotent): it drops the
    waiting request, cancels the running one and waits for it to stop (one chunk of
    the grid: milliseconds).
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(2000)
        self._signaller = _Signaller(self)
        self._signaller.done.connect(self._on_done)
        self._running: LandscapeRequest | None = None
        self._pending: LandscapeRequest | None = None
        self._latest: LandscapeRequest | None = None
        self._cancel = threading.Event()
        self._closed = False

    @property
    def busy(self) -> bool:
        """True while a computation runs or waits."""
        return self._running is not None or self._pending is not None

    def request(self, request: LandscapeRequest) -> None:
        """Compute ``request`` (replacing any request that has not started yet)."""
        if self._closed:
            return
        self._latest = request
        if self._running is None:
            self._start(request)
        else:
            self._pending = request
            self._cancel.set()  # superseded: its result would be dropped anyway

    def _start(self, request: LandscapeRequest) -> None:
        self._running = request
        self._cancel = cancel = threading.Event()
        done = self._signaller.done

        def work() -> None:
            result: LandscapeResult | None
            try:
                result = compute_landscape(request, should_stop=cancel.is_set)
            except LandscapeCancelled:
                result = None
            except Exception:  # noqa: BLE001 - never let an exception reach the pool
                log.exception("landscape computation failed")
                result = None
            try:
                done.emit(result)
            except RuntimeError:  # the job was deleted (window closed) meanwhile
                pass

        self._pool.start(work)

    @Slot(object)
    def _on_done(self, result: LandscapeResult | None) -> None:
        self._running = None
        if self._closed:
            return
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(pending)
        if result is not None and result.request is self._latest:
            self.finished.emit(result)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop accepting requests, cancel the running computation and wait for it to
        stop (idempotent). The wait is one chunk of the grid, not the whole grid."""
        if self._closed:
            return
        self._closed = True
        self._pending = None
        self._cancel.set()
        self._pool.clear()
        if not self._pool.waitForDone(timeout_ms):
            log.error("the landscape computation did not stop within %d ms", timeout_ms)
        self._running = None
