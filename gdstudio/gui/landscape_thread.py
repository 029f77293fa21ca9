"""Loss landscapes computed off the GUI thread.

:func:`gdstudio.core.landscape.compute_landscape` does the numerical work (grid, display
values, contours) as plain numpy; :class:`LandscapeJob` runs it on a private one-thread
:class:`~PySide6.QtCore.QThreadPool` and hands the result back to the GUI thread through
a queued signal. Only the newest request matters: a request made while another is being
computed replaces any request still waiting, and results of superseded requests are
dropped. Each request carries the session's ``setup_id``; the window also drops a
result whose setup is no longer the session's, so a stale plane is never projected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from gdstudio.core.landscape import LandscapeRequest, LandscapeResult, compute_landscape

__all__ = ["LandscapeJob"]


class _Signaller(QObject):
    done = Signal(object)


class LandscapeJob(QObject):
    """Computes landscapes on a private worker thread, newest request first.

    Signals:
        finished(LandscapeResult): a computation finished (in the GUI thread). Results
            of requests superseded by a newer one are not emitted.

    Call :meth:`shutdown` before the application quits (idempotent): it drops the
    waiting request and waits for the running one.
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

    def _start(self, request: LandscapeRequest) -> None:
        self._running = request
        done = self._signaller.done
        self._pool.start(lambda: done.emit(compute_landscape(request)))

    @Slot(object)
    def _on_done(self, result: LandscapeResult) -> None:
        self._running = None
        if self._closed:
            return
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(pending)
        if result.request is self._latest:
            self.finished.emit(result)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop accepting requests and wait for the running computation (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._pending = None
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        self._running = None
