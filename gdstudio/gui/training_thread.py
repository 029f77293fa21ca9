"""The training worker: runs trainers in a background ``QThread`` and streams batches.

The worker is a thin adapter around plain :class:`~gdstudio.core.trainer.Trainer`
objects (the core knows nothing of Qt). It paces them with a ``QTimer`` in its own
thread, advances every run in lockstep, and sends the new history rows to the GUI
thread as one :class:`StepBatch` per frame (at most ~60 per second, never one signal
per step), so a 100 000 steps/s run and a 1 step/s classroom animation both keep the
GUI responsive ("throttle at the source").

The GUI never talks to the worker directly: :class:`TrainingController` owns the
thread and the worker, forwards commands as queued signals and re-emits the
worker's signals in the GUI thread.

Threading contract:

* Trainers handed to :meth:`TrainingController.set_runs` belong to the worker from
  then on; the GUI must not step, rewind or reset them itself (reading them is not
  safe either while the worker plays). Everything the GUI needs arrives in batches.
* Every array in a batch is a fresh copy that the GUI may keep.
* Row k of a run (``steps == k``) is θ after k updates, as in the trainer's history.

Lifecycle (mu / pyqtgraph pattern): the worker has no parent and is moved to a
``QThread``; ``QThread.started`` sets up its timer in that thread, the worker's
``finished`` quits the thread, and ``QThread.finished`` deletes both with
``deleteLater``. ``QCoreApplication.aboutToQuit`` and :meth:`TrainingController.shutdown`
stop the thread and wait for it, so closing the app mid-run leaves no
"QThread: Destroyed while thread is still running".
"""

from __future__ import annotations

import atexit
import functools
import logging
import math
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

from gdstudio.core.status import Status
from gdstudio.core.trainer import Trainer
from gdstudio.gui.batches import (
    EXPLAIN_INTERVAL_S,
    PlayerEvent,
    PlayerStatus,
    RunBatch,
    RunReport,
    StepBatch,
    run_batch,
    run_report,
)
from gdstudio.gui.i18n import translate

__all__ = ["RunBatch", "StepBatch", "RunReport", "PlayerStatus", "PlayerEvent",
           "TrainingWorker", "TrainingController", "active_threads", "run_batch",
           "shutdown_all", "FRAME_INTERVAL_S", "TICK_BUDGET_S", "RUN_TO_STOP_LIMIT",
           "REPLAY_PROGRESS_INTERVAL_S"]

log = logging.getLogger(__name__)

#: Minimum time between two batches while playing (≤ 60 batches per second).
FRAME_INTERVAL_S = 1.0 / 60.0
#: Training time per timer tick; the worker returns to its event loop in between, so
#: commands (pause, step, ...) are handled within one tick at most.
TICK_BUDGET_S = 0.010
#: Target length of one lockstep chunk of ``Trainer.run`` calls; the worker checks for
#: pending commands between chunks, so a pause interrupts training within ~1 ms.
CHUNK_S = 0.001
#: Timer interval at a finite speed (steps are scheduled by wall clock, see setSpeed).
FINITE_SPEED_TICK_MS = 17
#: Batches sent but not yet handled by the GUI before the worker holds further rows
#: back (they are not lost: the next batch carries them). Only with a controller.
MAX_IN_FLIGHT = 2
#: "Run to stop" gives up after this many updates without a stopping criterion.
RUN_TO_STOP_LIMIT = 10_000_000
#: A replay (:meth:`TrainingWorker.replayTo`) advances the runs in lockstep rounds of
#: about this long (the round's length in updates adapts to the runs' speed), then looks
#: for a command waiting (which interrupts it between two rounds).
REPLAY_ROUND_S = 0.010
#: The most updates a run takes in one replay round.
REPLAY_CHUNK = 4096
#: Minimum time between two ``replayProgress`` signals of one replay.
REPLAY_PROGRESS_INTERVAL_S = 0.05

_switch_interval_set = False



class _Gate:
    """Shared counters between the controller (GUI thread) and the worker.

    ``posted``/``handled`` let a running tick notice a waiting command and return to
    the event loop at once; ``emitted``/``received`` bound the batches in flight.
    Python ints under the GIL plus a lock for the read-modify-write updates.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.posted = 0
        self.handled = 0
        self.emitted = 0
        self.received = 0
        self.flow_control = False

    def post(self) -> None:
        with self._lock:
            self.posted += 1

    def handle(self) -> None:
        with self._lock:
            self.handled = min(self.handled + 1, self.posted)

    @property
    def pending(self) -> bool:
        return self.posted > self.handled

    @property
    def congested(self) -> bool:
        return self.flow_control and self.emitted - self.received >= MAX_IN_FLIGHT


def _command(method: Callable[..., None]) -> Callable[..., None]:
    """Worker slot wrapper: counts the command, reports exceptions via errorOccurred."""

    @functools.wraps(method)
    def wrapper(self: TrainingWorker, *args: Any) -> None:
        self._gate.handle()
        try:
            method(self, *args)
        except Exception as exc:  # noqa: BLE001 - a slot must never kill the thread
            self._fail(method.__name__, exc)

    return wrapper


class TrainingWorker(QObject):
    """Runs a list of trainers (the runs of a comparison, up to 8) in lockstep.

    Lives in its own ``QThread`` and has no parent. Its slots are meant to be called
    only through queued signals (see :class:`TrainingController`).

    Signals:
        batchReady(StepBatch): new rows and current state, at most ~60 per second
            while playing, plus one after every command that changes the rows.
        statusChanged(PlayerStatus): the state after every command and state change
            (typed: the GUI words it). A run that diverges while others play is
            reported with ``event = RUN_DIVERGED``.
        errorOccurred(str): an exception in a slot (training is paused, the thread
            keeps running); a PlayerStatus with ``event = ERROR`` follows.
        replayProgress(int, int, int, int, int): during :meth:`replayTo`, at most every
            ``REPLAY_PROGRESS_INTERVAL_S`` (plus once at its start and once at its end):
            the generation of the runs, the updates replayed so far and in all (summed
            over the runs), the lockstep step reached and the last step to reach.
        replayed(int, list[int]): after :meth:`replayTo`: the generation of the runs
            and each run's step count reached (its batch was sent before).
        finished(): after :meth:`stop`; quits the thread.

    Pacing: at speed ∞ the timer fires continuously and each tick trains for
    ``TICK_BUDGET_S``; at a finite speed it fires every ``FINITE_SPEED_TICK_MS`` and
    makes the steps due by wall clock (speed × elapsed, carrying fractions). Batches go
    out at most every ``FRAME_INTERVAL_S``, and immediately on pause.
    """

    batchReady = Signal(object)
    statusChanged = Signal(object)
    errorOccurred = Signal(str)
    replayProgress = Signal(int, int, int, int, int)
    replayed = Signal(int, object)
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._gate = _Gate()
        self._timer: QTimer | None = None
        self._trainers: list[Any] = []
        self._sent: list[int] = []
        self._reported: set[int] = set()
        self._generation = 0
        self._speed = math.inf
        self._playing = False
        self._to_stop = False
        self._to_stop_limit = 0
        self._carry = 0.0
        self._last_tick = 0.0
        self._last_emit = 0.0
        self._sec_per_step = 0.0
        self._rate_updates = 0
        self._rate_t0 = 0.0
        self._last_explain = 0.0
        self._stopped = False

    # -- set-up ----------------------------------------------------------------------
    @Slot()
    def _setup(self) -> None:
        """Create the pacing timer in the worker's thread (connected to QThread.started)."""
        self._ensure_timer()

    def _ensure_timer(self) -> QTimer:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._timer.timeout.connect(self._tick)
        return self._timer

    # -- commands --------------------------------------------------------------------
    @Slot(object)
    @_command
    def setRuns(self, trainers: list) -> None:  # noqa: N802 - Qt naming
        """Replace all runs; emits a batch truncating each run to 0 with its rows."""
        self._halt()
        self._trainers = list(trainers or [])
        self._generation += 1
        self._sec_per_step = 0.0
        self._sent = [0] * len(self._trainers)
        try:
            self._emit_batch(truncate=[0] * len(self._trainers))
        except Exception:
            self._trainers, self._sent = [], []  # not usable as runs: hold none
            raise
        self._mark_reported()
        self._report_status()

    @Slot()
    @_command
    def play(self) -> None:
        """Start (or continue) training at the current speed."""
        self._start(to_stop=False)

    @Slot()
    @_command
    def runToStop(self) -> None:  # noqa: N802
        """Train as fast as possible until every run has stopped (or pause)."""
        self._start(to_stop=True)

    @Slot()
    @_command
    def pause(self) -> None:
        """Stop the timer and send the pending rows at once."""
        was_playing = self._playing
        self._halt()
        if was_playing or not self._all_stopped():
            self._report_status()

    @Slot(int)
    @_command
    def stepBy(self, n: int) -> None:  # noqa: N802
        """Pause, then advance every live run by ``n`` updates (fewer where a run stops),
        sent as one batch. A command arriving meanwhile interrupts it."""
        n = int(n)
        self._halt()
        if self._trainers and not self._all_stopped() and n > 0:
            self._advance(n, math.inf, count_rate=False)
        self._emit_batch()
        self._report_status()

    @Slot()
    @_command
    def stepBack(self) -> None:  # noqa: N802
        """Pause, then undo the last lockstep update (runs behind stay where they are).

        Emits a batch truncating every run to ``new step_count + 1`` rows.
        """
        self._halt()
        if not self._trainers:
            return
        k = self._max_step()
        if k > 0:
            for t in self._trainers:
                t.rewind(min(k - 1, t.step_count))
            self._emit_batch(truncate=[k] * len(self._trainers))
            self._mark_reported()
        self._report_status()

    @Slot()
    @_command
    def resetRuns(self) -> None:  # noqa: N802
        """Pause and reset every run to θ₀; emits a batch truncating every run to 0 with
        row 0 of each."""
        self._halt()
        for t in self._trainers:
            t.reset()
        self._emit_batch(truncate=[0] * len(self._trainers))
        self._mark_reported()
        self._report_status()

    @Slot(int, object)
    @_command
    def setRun(self, index: int, trainer: Trainer) -> None:  # noqa: N802
        """Pause and replace run ``index`` by ``trainer`` (the other runs keep their
        histories); emits a batch truncating only that run to 0, with its rows."""
        self._halt()
        if not 0 <= index < len(self._trainers):
            raise IndexError(f"no run {index + 1} to replace")
        self._trainers[index] = trainer
        truncate: list[int | None] = [None] * len(self._trainers)
        truncate[index] = 0
        self._reported.discard(index)
        self._emit_batch(truncate=truncate)
        self._report_status()

    @Slot(object)
    @_command
    def replayTo(self, targets: list) -> None:  # noqa: N802
        """Pause, then advance run k until it has taken ``targets[k]`` updates (or stops).

        The runs advance in lockstep rounds of about ``REPLAY_ROUND_S`` (at most
        ``REPLAY_CHUNK`` updates a run): after each round every run stands at
        ``min(round step, its target)`` (or where it stopped), so a command arriving
        meanwhile interrupts the replay between two rounds with the runs level, as if
        they had been played to that step. Runs already there stay. Emits
        ``replayProgress`` (throttled), then one batch with the new rows, the status,
        then ``replayed(generation, steps reached)``.
        """
        self._halt()
        runs = [(t, int(n)) for t, n in zip(self._trainers, targets or [])]
        start = sum(t.step_count for t, _ in runs)
        total = sum(max(n - t.step_count, 0) for t, n in runs)
        last = max((n for _, n in runs), default=0)
        level = min((t.step_count for t, n in runs if t.step_count < n), default=last)
        size = 1  # updates per run in the next round; grows to fill REPLAY_ROUND_S

        def report() -> None:
            done = sum(t.step_count for t, _ in runs) - start
            self.replayProgress.emit(self._generation, done, total, min(level, last), last)

        report()
        sent = time.perf_counter()
        while not self._gate.pending:
            behind = [(t, n) for t, n in runs if not t.stopped and t.step_count < n]
            if not behind:
                break
            level = max(level, min(t.step_count for t, _ in behind)) + size
            t0 = time.perf_counter()
            for t, n in behind:
                t.run(min(level, n) - t.step_count)
            now = time.perf_counter()
            elapsed = now - t0
            grow = REPLAY_ROUND_S / elapsed if elapsed > 0 else 4.0
            size = int(min(max(size * min(grow, 4.0), 1), REPLAY_CHUNK))
            if now - sent >= REPLAY_PROGRESS_INTERVAL_S:
                report()
                sent = now
        level = max((t.step_count for t, _ in runs), default=last)
        report()
        self._emit_batch()
        self._mark_reported()
        self._report_status()
        self.replayed.emit(self._generation, [t.step_count for t in self._trainers])

    @Slot()
    @_command
    def cancelReplay(self) -> None:  # noqa: N802
        """Nothing but a command: a replay running notices it waiting and ends after its
        round (``replayed`` reports the steps reached). No batch, no status."""

    @Slot(float)
    @_command
    def setSpeed(self, steps_per_second: float) -> None:  # noqa: N802
        """Steps per second per run; ``math.inf`` = as fast as possible.

        Raises (reported through errorOccurred):
            ValueError: a speed that is not > 0.
        """
        speed = float(steps_per_second)
        if not speed > 0:
            raise ValueError(f"the speed must be > 0 steps per second, got {speed!r}")
        self._speed = speed
        if self._playing and not self._to_stop:
            self._restart_timer()
            self._report_status()

    @Slot()
    @_command
    def stop(self) -> None:
        """Stop timers and emit finished (which quits the thread). Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        self._playing = False
        if self._timer is not None:
            self._timer.stop()
        self._trainers, self._sent = [], []
        self.finished.emit()

    # -- playing ---------------------------------------------------------------------
    def _start(self, to_stop: bool) -> None:
        if self._stopped:
            return
        if not self._trainers or self._all_stopped():
            self._report_status()
            return
        self._playing = True
        self._to_stop = to_stop
        self._to_stop_limit = self._max_step() + RUN_TO_STOP_LIMIT
        now = time.perf_counter()
        self._rate_t0 = now
        self._rate_updates = 0
        self._last_emit = now
        self._restart_timer()
        self._report_status()

    def _restart_timer(self) -> None:
        timer = self._ensure_timer()
        fast = self._to_stop or math.isinf(self._speed)
        self._carry = 1.0  # the first step is due at once: Play answers immediately
        self._last_tick = time.perf_counter()
        timer.start(0 if fast else FINITE_SPEED_TICK_MS)

    def _halt(self) -> None:
        """Stop playing (if playing) and flush the rows not sent yet."""
        if self._timer is not None:
            self._timer.stop()
        was_playing = self._playing
        self._playing = self._to_stop = False
        if was_playing:
            self._emit_batch(rate=self._measured_rate())

    @Slot()
    def _tick(self) -> None:
        try:
            self._tick_inner()
        except Exception as exc:  # noqa: BLE001
            self._fail("training", exc)

    def _tick_inner(self) -> None:
        if not self._playing or self._gate.pending:
            return  # a command is waiting: let the event loop deliver it first
        now = time.perf_counter()
        if self._to_stop or math.isinf(self._speed):
            next_emit = self._last_emit + FRAME_INTERVAL_S
            deadline = min(now + TICK_BUDGET_S, max(next_emit, now + 2 * CHUNK_S))
            limit = self._to_stop_limit - self._max_step() if self._to_stop else None
            self._advance(limit, deadline)
        else:
            due = self._carry + self._speed * (now - self._last_tick)
            n = int(due)
            self._carry = due - n
            self._last_tick = now
            if n:
                made = self._advance(n, now + TICK_BUDGET_S)
                if made < n:
                    self._carry = 0.0  # cannot keep up: do not pile up a backlog
        if self._all_stopped():
            self._finish_play()
            return
        if self._to_stop and self._max_step() >= self._to_stop_limit:
            self._halt()
            self._report_status(PlayerEvent.STEP_LIMIT)
            return
        self._report_new_divergences()
        now = time.perf_counter()
        if now - self._last_emit >= FRAME_INTERVAL_S and not self._gate.congested \
                and self._has_new_rows():
            self._emit_batch(rate=self._measured_rate())

    def _finish_play(self) -> None:
        self._halt()
        self._mark_reported()
        self._report_status()

    def _advance(self, limit: float | None, deadline: float, count_rate: bool = True) -> int:
        """Advance all live runs in lockstep by up to ``limit`` updates until ``deadline``.

        Works in chunks of about ``CHUNK_S`` and returns early when a command is
        pending. Returns the number of lockstep updates made.
        """
        done = 0
        limit = math.inf if limit is None else limit
        while done < limit:
            live = [t for t in self._trainers if not t.stopped]
            if not live:
                break
            now = time.perf_counter()
            if done and (now >= deadline or self._gate.pending):
                break
            if self._sec_per_step > 0:
                room = max(min(CHUNK_S, deadline - now), 0.0) / self._sec_per_step
                n = int(max(1, min(limit - done, room)))
            else:
                n = 1
            t0 = time.perf_counter()
            applied = sum(t.run(n) for t in live)
            elapsed = time.perf_counter() - t0
            per_step = elapsed / n
            self._sec_per_step = per_step if self._sec_per_step == 0 else \
                0.5 * (self._sec_per_step + per_step)
            if count_rate:
                self._rate_updates += applied
            done += n
        return done

    # -- helpers ---------------------------------------------------------------------
    def _all_stopped(self) -> bool:
        return all(t.stopped for t in self._trainers)

    def _max_step(self) -> int:
        return max((t.step_count for t in self._trainers), default=0)

    def _has_new_rows(self) -> bool:
        return any(len(t.history) > s for t, s in zip(self._trainers, self._sent))

    def _measured_rate(self) -> float:
        now = time.perf_counter()
        elapsed = now - self._rate_t0
        rate = self._rate_updates / elapsed if elapsed > 0 else 0.0
        self._rate_t0, self._rate_updates = now, 0
        return rate

    def _emit_batch(self, truncate: list[int | None] | None = None, rate: float = 0.0) -> None:
        """Emit one StepBatch with every row not sent yet (and the current state).

        ``truncate``: per run, None or the rows to keep before appending.
        """
        runs = []
        now = time.perf_counter()
        explain = not self._playing or now - self._last_explain >= EXPLAIN_INTERVAL_S
        if explain:
            self._last_explain = now
        for i, t in enumerate(self._trainers):
            cut = None if truncate is None else truncate[i]
            if cut is not None:
                self._sent[i] = min(self._sent[i], cut)
            start = min(self._sent[i], len(t.history))
            runs.append(run_batch(i, t, start, truncate_to=cut, explain=explain))
            self._sent[i] = len(t.history)
        self._last_emit = time.perf_counter()
        self._gate.emitted += 1
        self.batchReady.emit(StepBatch(runs, float(rate), self._generation))

    def _mark_reported(self) -> None:
        self._reported = {i for i, t in enumerate(self._trainers) if t.stopped}

    def _report_new_divergences(self) -> None:
        for i, t in enumerate(self._trainers):
            if t.stopped and i not in self._reported:
                self._reported.add(i)
                if t.status == Status.DIVERGED:
                    self._report_status(PlayerEvent.RUN_DIVERGED, run=i)

    def _overall(self) -> Status:
        trainers = self._trainers
        if trainers and self._all_stopped():
            statuses = {t.status for t in trainers}
            if Status.DIVERGED in statuses:
                return Status.DIVERGED
            return Status.CONVERGED if statuses == {Status.CONVERGED} else Status.FINISHED
        return Status.RUNNING if self._max_step() > 0 else Status.READY

    def _report_status(self, event: PlayerEvent = PlayerEvent.STATE, run: int | None = None,
                       error: str = "") -> None:
        self.statusChanged.emit(PlayerStatus(
            status=self._overall(), playing=self._playing, to_stop=self._to_stop,
            speed=self._speed, runs=tuple(run_report(i, t) for i, t in
                                          enumerate(self._trainers)),
            event=event, run=run, error=error, handled=self._gate.handled))

    def _fail(self, what: str, exc: Exception) -> None:
        log.error("training worker: %s failed", what, exc_info=exc)
        if self._timer is not None:
            self._timer.stop()
        self._playing = self._to_stop = False
        detail = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
        if what == "training":
            what = translate("TrainingWorker", "training")
        message = translate("TrainingWorker", "{what} failed: {detail}").format(
            what=what, detail=detail)
        self.errorOccurred.emit(message)
        try:
            if self._trainers and self._has_new_rows():
                self._emit_batch()
            self._report_status(PlayerEvent.ERROR, error=message)
        except Exception:  # noqa: BLE001 - the state itself is broken: report only
            log.exception("training worker: cannot report after an error")


# -- controller (GUI thread) ----------------------------------------------------------
#: Threads of every controller, held until they have ended (destroying a running
#: QThread aborts the process), keyed by id(thread).
_ACTIVE: dict[int, tuple[QThread, TrainingWorker, _Gate]] = {}


def active_threads() -> list[QThread]:
    """The worker threads started by TrainingControllers that are still running."""
    out = []
    for thread, _worker, _gate in list(_ACTIVE.values()):
        if shiboken6.isValid(thread) and thread.isRunning():
            out.append(thread)
    return out


def shutdown_all(timeout_ms: int = 2000) -> bool:
    """Stop every training thread still running (a safety net); True if all ended."""
    ok = True
    for thread, worker, gate in list(_ACTIVE.values()):
        ok = _stop_thread(thread, worker, gate, timeout_ms) and ok
    return ok


atexit.register(shutdown_all)


def _stop_thread(thread: QThread, worker: TrainingWorker, gate: _Gate,
                 timeout_ms: int, request: Callable[[], None] | None = None) -> bool:
    """Ask the worker to stop (queued), wait for its thread; True once it has ended."""
    key = id(thread)
    if not shiboken6.isValid(thread) or not thread.isRunning():
        _ACTIVE.pop(key, None)
        return True
    gate.post()
    if request is not None:
        request()
    elif shiboken6.isValid(worker):
        QMetaObject.invokeMethod(worker, "stop", Qt.ConnectionType.QueuedConnection)
    else:  # pragma: no cover - the worker is gone: end the event loop directly
        thread.quit()
    if thread.wait(max(int(timeout_ms), 0)):
        _ACTIVE.pop(key, None)
        return True
    thread.quit()  # keep it referenced in _ACTIVE: destroying it now would abort
    log.error("the training thread did not stop within %d ms", timeout_ms)
    return False


class TrainingController(QObject):
    """GUI-thread owner of the training thread and its :class:`TrainingWorker`.

    What the main window uses: command methods (queued to the worker) and the
    worker's signals re-emitted in the GUI thread.

    Signals:
        batchReady(StepBatch): see :class:`StepBatch`; batches of an older generation
            than the last :meth:`set_runs` are dropped here.
        statusChanged(PlayerStatus): see :class:`TrainingWorker`; ``playing`` is
            updated from it before it is re-emitted.
        errorOccurred(str): a human-readable error from the worker.
        replayProgress(int, int, int, int): during a :meth:`replay_to` of the latest
            runs (throttled at the source, ≤ 20 a second): the updates replayed so far
            and in all (summed over the runs), the lockstep step reached and the last
            step to reach. The last one before ``replayed`` has the final counts.
        replayed(list[int]): a :meth:`replay_to` of the latest runs ended: each run's
            step count reached (its rows came in a batch before).

    Attributes:
        playing: True between :meth:`play`/:meth:`run_to_stop` and :meth:`pause` (or
            any other command, or the worker pausing on its own when every run has
            stopped).
    """

    batchReady = Signal(object)
    statusChanged = Signal(object)
    errorOccurred = Signal(str)
    replayProgress = Signal(int, int, int, int)
    replayed = Signal(object)

    _setRunRequested = Signal(int, object)
    _setRunsRequested = Signal(object)
    _playRequested = Signal()
    _pauseRequested = Signal()
    _stepByRequested = Signal(int)
    _stepBackRequested = Signal()
    _replayRequested = Signal(object)
    _cancelReplayRequested = Signal()
    _resetRequested = Signal()
    _runToStopRequested = Signal()
    _speedRequested = Signal(float)
    _stopRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _switch_interval_set
        if not _switch_interval_set:
            # A pure-Python worker holds the GIL; switching every 1 ms instead of 5 ms
            # lets the GUI thread in sooner (p95 lateness ~5 ms → ~1 ms).
            sys.setswitchinterval(0.001)
            _switch_interval_set = True
        self.playing = False
        self._shut = False
        self._generation = 0
        self._thread = QThread()
        self._thread.setObjectName("gdstudio-training")
        self._worker = TrainingWorker()
        self._gate = self._worker._gate
        self._gate.flow_control = True
        self._worker.moveToThread(self._thread)

        queued = Qt.ConnectionType.QueuedConnection
        direct = Qt.ConnectionType.DirectConnection
        w = self._worker
        self._thread.started.connect(w._setup, direct)
        w.finished.connect(self._thread.quit, direct)
        self._thread.finished.connect(w.deleteLater)
        self._thread.finished.connect(self._thread.deleteLater)

        self._setRunsRequested.connect(w.setRuns, queued)
        self._setRunRequested.connect(w.setRun, queued)
        self._playRequested.connect(w.play, queued)
        self._pauseRequested.connect(w.pause, queued)
        self._stepByRequested.connect(w.stepBy, queued)
        self._stepBackRequested.connect(w.stepBack, queued)
        self._replayRequested.connect(w.replayTo, queued)
        self._cancelReplayRequested.connect(w.cancelReplay, queued)
        self._resetRequested.connect(w.resetRuns, queued)
        self._runToStopRequested.connect(w.runToStop, queued)
        self._speedRequested.connect(w.setSpeed, queued)
        self._stopRequested.connect(w.stop, queued)

        w.batchReady.connect(self._on_batch, queued)
        w.statusChanged.connect(self._on_status, queued)
        w.errorOccurred.connect(self._on_error, queued)
        w.replayProgress.connect(self._on_replay_progress, queued)
        w.replayed.connect(self._on_replayed, queued)

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # If the C++ side of the controller goes first (its parent window is deleted),
        # still stop the thread before anything destroys it.
        self.destroyed.connect(functools.partial(
            _stop_thread, self._thread, self._worker, self._gate, 2000))
        _ACTIVE[id(self._thread)] = (self._thread, self._worker, self._gate)
        self._thread.start()

    # -- commands ----------------------------------------------------------------------
    def _send(self, signal: Any, *args: Any) -> None:
        if self._shut:
            return
        self._gate.post()
        signal.emit(*args)

    def set_runs(self, trainers: list) -> None:
        """Replace all runs (a list of Trainer, up to 8); the worker owns them from now on."""
        self.playing = False
        self._generation += 1
        self._send(self._setRunsRequested, list(trainers))

    def set_run(self, index: int, trainer: Trainer) -> None:
        """Replace run ``index`` by ``trainer`` (the worker owns it from now on); the
        other runs keep their histories."""
        self.playing = False
        self._send(self._setRunRequested, int(index), trainer)

    def play(self) -> None:
        """Train at the current speed until pause or until every run stops."""
        self.playing = True
        self._send(self._playRequested)

    def pause(self) -> None:
        """Pause; the worker sends the pending rows at once."""
        self.playing = False
        self._send(self._pauseRequested)

    def step(self) -> None:
        """Pause and advance every live run by one update."""
        self.step_by(1)

    def step_by(self, n: int) -> None:
        """Pause and advance every live run by ``n`` updates, delivered as one batch."""
        self.playing = False
        self._send(self._stepByRequested, int(n))

    def replay_to(self, steps: list[int]) -> None:
        """Pause and advance run k to ``steps[k]`` updates (an opened session's runs
        brought back to where they were); ``replayed`` follows the rows."""
        self.playing = False
        self._send(self._replayRequested, [int(n) for n in steps])

    def cancel_replay(self) -> None:
        """End a replay in progress after its current round (about 10 ms), the runs
        level at the step reached; ``replayed`` says where. Nothing else changes (no
        status is sent); without a replay running it does nothing."""
        self._send(self._cancelReplayRequested)

    def step_back(self) -> None:
        """Pause and undo the last update (rewind by one step)."""
        self.playing = False
        self._send(self._stepBackRequested)

    def reset(self) -> None:
        """Pause and reset every run to its start θ₀."""
        self.playing = False
        self._send(self._resetRequested)

    def run_to_stop(self) -> None:
        """Train as fast as possible until every run meets a stopping criterion."""
        self.playing = True
        self._send(self._runToStopRequested)

    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second per run (``math.inf``: as fast as possible)."""
        self._send(self._speedRequested, float(steps_per_second))

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop the worker, quit and wait for the thread. Idempotent; use in closeEvent."""
        if self._shut:
            return
        self._shut = True
        self.playing = False
        request = self._stopRequested.emit if shiboken6.isValid(self) else None
        _stop_thread(self._thread, self._worker, self._gate, timeout_ms, request)

    @property
    def is_running(self) -> bool:
        """Whether the worker thread is running."""
        return shiboken6.isValid(self._thread) and self._thread.isRunning()

    @property
    def generation(self) -> int:
        """Generation of the latest set_runs (batches of older ones are dropped)."""
        return self._generation

    # -- worker → GUI ------------------------------------------------------------------
    @Slot(object)
    def _on_batch(self, batch: StepBatch) -> None:
        try:
            if not self._shut and batch.generation >= self._generation:
                self.batchReady.emit(batch)
        finally:
            self._gate.received += 1

    @Slot(object)
    def _on_status(self, status: PlayerStatus) -> None:
        if self._shut:
            return
        if status.handled >= self._gate.posted:  # no command since: this is the truth
            self.playing = status.playing
        self.statusChanged.emit(status)

    @Slot(int, int, int, int, int)
    def _on_replay_progress(self, generation: int, done: int, total: int, step: int,
                            last: int) -> None:
        if not self._shut and generation >= self._generation:
            self.replayProgress.emit(done, total, step, last)

    @Slot(int, object)
    def _on_replayed(self, generation: int, steps: list[int]) -> None:
        if not self._shut and generation >= self._generation:
            self.replayed.emit(list(steps))

    @Slot(str)
    def _on_error(self, message: str) -> None:
        if not self._shut:
            self.errorOccurred.emit(message)
