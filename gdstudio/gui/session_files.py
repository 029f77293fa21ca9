"""File → Save session… / Open session…: the window's whole state in one file.

The format is :mod:`gdstudio.core.session_file`'s (Qt-free); here the window's state is
gathered into a :class:`~gdstudio.core.session_file.SessionSnapshot` (the scenario of
every run from the session, each run's history from its trace, the focus, the lesson
and its page) and written atomically (:func:`~gdstudio.gui.exports.atomic_output`).

Opening reads and checks the whole file first, then opens its scenario (a file that
cannot be opened changes nothing), and asks the training thread to replay every run to
its saved step (training is deterministic bit for bit). When the replay's rows have come,
they are compared with the saved ones (:func:`~gdstudio.core.session_file.first_difference`)
and the status bar says whether every run is back exactly as saved.

A replay that takes more than about half a second (an MLP trained for thousands of steps)
shows a window-modal progress dialog: the steps replayed of all the runs' steps, and the
lockstep step reached. Cancel (or Esc) ends the replay after its current round (~10 ms):
the opened problem, lesson and focus stay, and the runs stay where the replay left
them, all at the same step k (a run saved at fewer steps at its own), exactly as if they
had been played to step k; Play goes on from there. Nothing is compared then: the status
bar says that the session was opened only up to step k and is not the saved state
(``cancelled`` is emitted, never ``restored``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressBar, QProgressDialog

from gdstudio.core import datasets as ds
from gdstudio.core.lessons import Lesson
from gdstudio.core.scenario import ScenarioError, dataset_outside_folder
from gdstudio.core.session_file import (
    SUFFIX,
    Difference,
    ReplayDifference,
    RunHistory,
    SessionFileError,
    SessionSnapshot,
    first_difference,
    read_session,
    write_session,
)
from gdstudio.core.status import Status
from gdstudio.gui.exports import atomic_output
from gdstudio.gui.i18n import translate
from gdstudio.gui.run_trace import RunTrace

if TYPE_CHECKING:
    from gdstudio.gui.app_window import MainWindow

__all__ = ["SessionFiles", "history_of", "is_session_file", "PROGRESS_DELAY_MS"]

#: The replay's progress dialog appears only when the replay is expected to take longer
#: (QProgressDialog's minimumDuration).
PROGRESS_DELAY_MS = 500


def is_session_file(path: str | Path) -> bool:
    """Whether ``path`` names a session file (by its extension, or a ZIP archive's first
    bytes: a scenario or lesson TOML file never starts with them)."""
    if str(path).lower().endswith(SUFFIX):
        return True
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except (OSError, ValueError):
        return False


def history_of(trace: RunTrace) -> RunHistory:
    """The history a run's trace holds (copies): the loss, ‖g‖ and test loss of every
    step and the θ path as kept.

    Raises:
        SessionFileError: the trace holds no complete history (a run restarting).
    """
    n = len(trace.loss)
    cur = trace.current
    if n == 0 or cur.theta is None or cur.step != n - 1 or trace.steps.data[-1] != n - 1:
        raise SessionFileError("runs", "a run is restarting; save again in a moment")
    return RunHistory(
        status=Status(cur.status), loss=trace.loss.data.copy(),
        grad_norm=trace.grad_norm.data.copy(),
        test_loss=None if trace.test_loss is None else trace.test_loss.data.copy(),
        theta_steps=trace.theta_steps.data.copy(), theta=trace.theta.data.copy(),
        theta_now=cur.theta.copy())


class SessionFiles(QObject):
    """Saves and opens session files for ``window`` (see the module docstring).

    Signals:
        restored(list): after an opened session's replay: one
            :class:`~gdstudio.core.session_file.ReplayDifference` or None (exactly as
            saved) per run.
        cancelled(list): instead of ``restored`` when the replay was cancelled before
            every run reached its saved step: each run's step reached.

    Attributes:
        progress: the replay's progress dialog (one per window, made at the first
            replay, hidden between replays and for a replay's first
            ``PROGRESS_DELAY_MS``), or None before the first replay.
    """

    restored = Signal(list)
    cancelled = Signal(list)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pending: SessionSnapshot | None = None
        self.pending_name = ""
        self.progress: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._cancel_requested = False
        window.controller.replayProgress.connect(self._on_progress)
        window.controller.replayed.connect(self._on_replayed)
        # any other set of runs (a new problem, runs added) ends the wait
        window.session.problem_changed.connect(self._forget)
        window.session.runs_changed.connect(self._forget)
        window.session.run_changed.connect(self._forget)

    # -- saving ----------------------------------------------------------------------
    def snapshot(self) -> SessionSnapshot:
        """The window's state now (what it shows).

        Raises:
            SessionFileError: a run's trace holds no complete history.
            ScenarioError: a run at θ₀ cannot make its trainer (it could, so it will).
        """
        w = self.window
        session = w.session
        # a run whose fresh trainer has not sent its first row yet stands at θ₀
        runs = tuple(history_of(trace) if len(trace.loss) else
                     RunHistory.from_trainer(session.setup.make_trainer(session.run(k)))
                     for k, trace in enumerate(w.traces))
        if w.lesson is not None:
            lesson = dataclasses.replace(w.lesson, scenario=session.scenario)
            page: int | None = w.lesson_pane.index if w.lesson.pages else None
        else:
            title = session.display_title
            lesson = Lesson(name="", title={"en": title},
                            summary={"en": session.description.split("\n")[0] or title},
                            scenario=session.scenario, pages=())
            page = None
        return SessionSnapshot(lesson, runs, focus=session.focus, page=page)

    def save(self, path: str) -> bool:
        """Write the session to ``path``; errors are shown and leave an existing file as
        it was."""
        w = self.window
        try:
            snapshot = self.snapshot()
            with atomic_output(path) as tmp:
                write_session(snapshot, tmp, saved_as=path)
        except (SessionFileError, ScenarioError, OSError) as exc:
            w.show_error(translate("SessionFiles", "Cannot save the session"), str(exc))
            return False
        if dataset_outside_folder(snapshot.lesson.scenario, path):
            w.status_label.setText(translate(
                "SessionFiles", "Saved {path}; its CSV file is in another folder, so it will "
                "not open again: put the CSV file beside the session file").format(path=path))
        else:
            w.status_label.setText(translate("SessionFiles", "Saved {path}").format(path=path))
        self._remember(path)
        return True

    # -- opening ---------------------------------------------------------------------
    def open(self, path: str) -> bool:
        """Open the session file ``path``: its scenario, focus and lesson at once, every
        run brought back to its saved step by a replay (``restored`` follows). A file
        that cannot be read or opened is reported in one line and changes nothing."""
        try:
            snapshot = read_session(path)
        except SessionFileError as exc:
            self.window.show_error(translate("SessionFiles", "Cannot open the session"),
                                   str(exc).splitlines()[0])
            return False
        return self.restore(snapshot, path)

    def restore(self, snapshot: SessionSnapshot, path: str) -> bool:
        """Open a session already read from ``path`` (see :meth:`open`)."""
        w = self.window
        self._forget()  # a replay still underway is abandoned first
        w.landscape.hold()  # drawn once the runs are back (released by the replay's end)
        try:
            w.session.open(snapshot.lesson.scenario, check=snapshot.check)
        except (SessionFileError, ScenarioError, ds.DatasetError) as exc:
            w.landscape.release()
            w.show_error(translate("SessionFiles", "Cannot open the session"),
                         str(exc).splitlines()[0])
            return False
        w.panel.clear_error()
        lesson = snapshot.lesson
        w.set_lesson(lesson if lesson.pages else None)
        if lesson.pages and snapshot.page:
            w.lesson_pane.show_page(snapshot.page)
        w.session.set_focus(snapshot.focus)
        self.pending, self.pending_name = snapshot, Path(path).name
        w.status_label.setText(translate(
            "SessionFiles", "Opening {name}: bringing every run back to its saved step…"
        ).format(name=self.pending_name))
        steps = [run.steps for run in snapshot.runs]
        self._show_progress(sum(steps), max(steps))
        w.controller.replay_to(steps)
        self._remember(path)
        return True

    # -- the replay's progress -------------------------------------------------------
    def _progress_text(self, step: int, last: int) -> str:
        snapshot = self.pending
        runs = len(snapshot.runs) if snapshot is not None else 1
        if runs == 1:
            text = translate("SessionFiles", "Opening {name}…\nStep {step} of {last}")
        else:
            text = translate("SessionFiles", "Opening {name}…\n{runs} runs, step {step} "
                             "of {last}")
        return text.format(name=self.pending_name, runs=runs, step=f"{step:,}",
                           last=f"{last:,}")

    def _show_progress(self, total: int, last: int) -> None:
        """The window-modal progress dialog, shown if the replay is expected to take
        more than ``PROGRESS_DELAY_MS``; Cancel, Esc or closing it cancel the replay.

        One dialog serves every replay of the window (hidden in between).
        """
        self._close_progress()
        self._cancel_requested = False
        dialog = self.progress
        if dialog is None:
            dialog = self.progress = QProgressDialog(self.window)
            self._bar = QProgressBar(dialog)
            dialog.setBar(self._bar)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoReset(False)
            dialog.setAutoClose(False)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            dialog.canceled.connect(self._cancel)
        dialog.setWindowTitle(translate("SessionFiles", "Opening session"))
        dialog.setCancelButtonText(translate("SessionFiles", "Cancel"))
        dialog.setLabelText(self._progress_text(0, last))
        dialog.setRange(0, max(total, 1))
        dialog.setValue(0)  # starts the minimumDuration clock

    def _on_progress(self, done: int, total: int, step: int, last: int) -> None:
        dialog = self.progress
        if dialog is None or self.pending is None or self._cancel_requested:
            return  # (setValue would show a cancelled dialog again)
        dialog.setLabelText(self._progress_text(step, last))
        if dialog.maximum() != max(total, 1):
            dialog.setMaximum(max(total, 1))
        value = min(done, dialog.maximum())
        if dialog.isVisible() and self._bar is not None:
            # a shown modal dialog's setValue processes events (for work in the GUI
            # thread): here signals would arrive inside their predecessors' slots
            self._bar.setValue(value)
        else:
            dialog.setValue(value)  # shows it if the replay will take a while

    def _cancel(self) -> None:
        """The dialog's Cancel (or Esc): the worker ends the replay after its round;
        :meth:`_on_replayed` then says where the runs stand."""
        if self.pending is None or self._cancel_requested:
            return
        self._cancel_requested = True
        self.window.status_label.setText(translate(
            "SessionFiles", "Cancelling the opening of {name}…").format(
                name=self.pending_name))
        self.window.controller.cancel_replay()

    def _close_progress(self) -> None:
        dialog = self.progress
        if dialog is not None:
            dialog.reset()  # stops the minimumDuration clock
            dialog.hide()  # (not close(): closing a progress dialog cancels it)

    def _forget(self, *_: object) -> None:
        if self.pending is not None:  # a replay underway was overtaken by another change
            self.window.landscape.release()
        self.pending = None
        self._cancel_requested = False
        self._close_progress()

    def _on_replayed(self, steps: list[int]) -> None:
        snapshot, self.pending = self.pending, None
        cancelled, self._cancel_requested = self._cancel_requested, False
        self._close_progress()
        w = self.window
        if snapshot is None or len(w.traces) != len(snapshot.runs):
            w.landscape.release()
            return
        saved_steps = [run.steps for run in snapshot.runs]
        if cancelled and list(steps) != saved_steps:
            w.landscape.release()
            w.request_redraw()
            text = translate(
                "SessionFiles", "Opening {name} was cancelled: the runs were brought back "
                "only up to step {step} of {last}, so this is not the saved state").format(
                    name=self.pending_name, step=f"{max(steps, default=0):,}",
                    last=f"{max(saved_steps):,}")
            w.status_label.setText(text)
            w.banner.show_message(translate("SessionFiles", "Not the saved state."), text)
            self.cancelled.emit(list(steps))
            return
        differences: list[ReplayDifference | None] = []
        for saved, trace in zip(snapshot.runs, w.traces):
            try:
                differences.append(first_difference(saved, history_of(trace)))
            except SessionFileError:
                differences.append(ReplayDifference(Difference.STEPS, trace.current.step))
        w.landscape.release()  # framed around the whole paths, not θ₀ alone
        w.request_redraw()
        wrong = [(k, d) for k, d in enumerate(differences) if d is not None]
        if not wrong:
            w.status_label.setText(translate(
                "SessionFiles", "Opened {name}: every run is back at its saved step, exactly "
                "as saved").format(name=self.pending_name))
        else:
            k, d = wrong[0]
            assert d is not None
            text = _difference_text(k, d, snapshot.runs[k].steps)
            w.status_label.setText(text)
            w.banner.show_message(translate("SessionFiles", "Not as saved."), text)
        self.restored.emit(differences)

    def _remember(self, path: str) -> None:
        prefs = self.window.preferences
        if prefs is not None and Path(path).is_file():
            prefs.add_recent(str(path))
            self.window._fill_recent()


def _difference_text(k: int, d: ReplayDifference, saved_steps: int) -> str:
    """One line on how run ``k``'s replay differs from the saved run."""
    run = k + 1
    if d.what == Difference.STEPS:
        return translate("SessionFiles", "Run {run} stopped at step {step} instead of the "
                         "saved step {saved}: the problem or its data file may have changed "
                         "since it was saved").format(run=run, step=d.step, saved=saved_steps)
    if d.what == Difference.STATUS:
        return translate("SessionFiles", "Run {run} ended differently from the saved run: the "
                         "problem or its data file may have changed since it was saved"
                         ).format(run=run)
    return translate("SessionFiles", "Run {run} differs from the saved run from step {step} "
                     "on: the problem or its data file may have changed since it was saved"
                     ).format(run=run, step=d.step)
