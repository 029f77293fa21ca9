"""What the training thread sends the window: typed batches of history rows and statuses.

:class:`StepBatch` (one per frame, ≤ 60 a second) holds a :class:`RunBatch` per run: its
new rows (scalars for every step, θ where the trainer's memory budget kept it), its
current state and, at most every ``EXPLAIN_INTERVAL_S`` while playing, the explained
next update. :class:`PlayerStatus` reports the player's state with a :class:`RunReport`
per run — typed values the window words (:mod:`gdstudio.gui.messages`); nothing searches
prose. Plain data: no Qt here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

import numpy as np

from gdstudio.core.explain import UpdateExplanation, explain_update
from gdstudio.core.stability import largest_curvature
from gdstudio.core.status import Status, StopReason
from gdstudio.core.trainer import Stopping, Trainer

__all__ = ["RunBatch", "StepBatch", "RunReport", "PlayerStatus", "PlayerEvent", "run_batch",
           "run_report", "EXPLAIN_INTERVAL_S", "MAX_HESSIAN_PARAMS"]

log = logging.getLogger(__name__)

#: While playing, the next update is explained at most this often (always when paused).
EXPLAIN_INTERVAL_S = 0.2
#: λ_max is sent with each batch for problems with at most this many parameters.
MAX_HESSIAN_PARAMS = 64


@dataclass
class RunBatch:
    """New history rows of ONE run since the last batch, plus its current state.

    The row arrays all have m entries (m may be 0, or thousands while running fast);
    row j is history row ``steps[j]``, i.e. θ after ``steps[j]`` updates.

    How to apply it: if ``truncate_to`` is not None, first drop every row of this run
    with ``step >= truncate_to`` (a rewind, a reset or a new trainer for the run), then
    append the rows.

    Attributes:
        run: index of the run (0 … 7), its position in the list given to setRuns.
        truncate_to: None, or the number of rows of this run to keep before appending.
        steps: (m,) int step numbers, contiguous and increasing.
        epoch: (m,) epoch of each row (``step // steps_per_epoch``).
        loss: (m,) full training loss L(θ_k).
        test_loss: (m,) loss on the test split, or None without a split.
        lr: (m,) learning rate η of update k → k+1.
        grad_norm: (m,) ‖g_k‖ of the gradient update k → k+1 uses.
        theta: (m_θ, p) parameters θ_k of the rows ``theta_steps`` (all m rows, unless
            the trainer's memory budget thinned old rows: then every 2ᵏ-th).
        theta_steps: (m_θ,) the steps of the θ rows; None means ``steps``.
        current_theta: (p,) θ at the run's current step (for arrows / readout).
        current_grad: (p,) the gradient the next update uses (mini-batch for SGD).
        full_grad: (p,) full-batch gradient ∇L(θ) when the run uses mini-batches
            (``batch_size`` is not None), else None (then it equals current_grad).
        velocity: (p,) copy of the optimizer's momentum buffer, or None.
        step_count: updates applied so far (index of the current row).
        epoch_now: epoch of the current step.
        loss_now: L(θ) at the current step.
        lr_now: learning rate of the next update.
        status: the trainer's :class:`~gdstudio.core.status.Status`.
        stop_reason: its :class:`~gdstudio.core.status.StopReason`.
        batch_rows: ``(B,)`` training-row indices of the mini-batch the next update
            uses (the order is fixed by the seed), None for full-batch runs.
        curvature: λ_max of the exact Hessian at the current θ (the GD stability limit
            is 2/λ_max), None where the Hessian is unknown or too large to decompose.
        explanation: the numbers of the next update θ_k → θ_{k+1}
            (:func:`~gdstudio.core.explain.explain_update`), None for a stopped run or
            when not computed (at most every ``EXPLAIN_INTERVAL_S`` while playing).
        diverged_at: the step at which the run diverged, else None.
    """

    run: int
    truncate_to: int | None
    steps: np.ndarray
    epoch: np.ndarray
    loss: np.ndarray
    test_loss: np.ndarray | None
    lr: np.ndarray
    grad_norm: np.ndarray
    theta: np.ndarray
    current_theta: np.ndarray
    current_grad: np.ndarray
    full_grad: np.ndarray | None
    velocity: np.ndarray | None
    step_count: int
    epoch_now: int
    loss_now: float
    lr_now: float
    status: Status
    diverged_at: int | None
    stop_reason: StopReason = StopReason.NONE
    batch_rows: np.ndarray | None = None
    curvature: float | None = None
    explanation: UpdateExplanation | None = None
    theta_steps: np.ndarray | None = None


@dataclass
class StepBatch:
    """Everything the GUI needs to bring its plots up to date, sent once per frame.

    How to apply it: apply each :class:`RunBatch` to its run (truncate, then append).
    Ignore a batch whose ``generation`` is older than the latest one seen (the
    controller already drops those).

    Attributes:
        runs: one :class:`RunBatch` per run, in run order (possibly with m = 0 rows).
        steps_per_s: measured training rate while playing, in updates per second
            summed over the runs; 0.0 for batches made by step/step back/reset.
        generation: increments on every setRuns.
    """

    runs: list[RunBatch]
    steps_per_s: float
    generation: int


class PlayerEvent(Enum):
    """What a status report is about, besides the state itself."""

    STATE = "state"  # a command was handled or the state changed
    RUN_DIVERGED = "run_diverged"  # one run diverged while the others go on
    STEP_LIMIT = "step_limit"  # "Run to stop" gave up after RUN_TO_STOP_LIMIT steps
    ERROR = "error"  # a command failed (the message is in PlayerStatus.error)


@dataclass(frozen=True)
class RunReport:
    """One run's state in a :class:`PlayerStatus` (typed values, no prose).

    Attributes:
        index: the run (0 …).
        status, stop_reason: the trainer's.
        step: updates applied so far.
        loss: L(θ) now (the last finite loss of a diverged run).
        learning_rate: the schedule's base η.
        diverged_at: the step of the divergence, else None.
        diverged_loss: the loss value that ended the run (may be inf or nan), else None.
        stopping: the trainer's :class:`~gdstudio.core.trainer.Stopping` criteria.
    """

    index: int
    status: Status
    stop_reason: StopReason
    step: int
    loss: float
    learning_rate: float | None
    diverged_at: int | None
    diverged_loss: float | None
    stopping: Stopping


@dataclass(frozen=True)
class PlayerStatus:
    """The training thread's state, sent after every command and state change.

    Attributes:
        status: overall :class:`~gdstudio.core.status.Status` of the runs: DIVERGED if
            every run has stopped and one diverged, CONVERGED if all converged, FINISHED
            if all stopped otherwise, RUNNING once any update was made, else READY.
        playing: whether the worker is playing (False once every run has stopped).
        to_stop: playing in "Run to stop" mode.
        speed: steps per second (``math.inf``: as fast as possible).
        runs: one :class:`RunReport` per run.
        event: what the report is about (:class:`PlayerEvent`).
        run: the run an event concerns (RUN_DIVERGED), else None.
        error: the failure's message for ERROR, else "".
        handled: commands handled when it was sent (the controller trusts ``playing``
            only if no command was posted since).
    """

    status: Status
    playing: bool
    to_stop: bool
    speed: float
    runs: tuple[RunReport, ...]
    event: PlayerEvent = PlayerEvent.STATE
    run: int | None = None
    error: str = ""
    handled: int = 0

    @property
    def step(self) -> int:
        """The largest step of any run."""
        return max((r.step for r in self.runs), default=0)


def run_batch(index: int, trainer: Trainer, start: int = 0, stop: int | None = None,
              truncate_to: int | None = None, explain: bool = False) -> RunBatch:
    """A :class:`RunBatch` of ``trainer``'s history rows ``start:stop`` and its current state.

    What the worker sends for run ``index``; also handy to feed a whole history to the
    GUI in one go (tests, benchmarks, screenshots). Call it only in the thread that
    owns the trainer.
    """
    length = len(trainer.history)
    stop = length if stop is None else min(stop, length)
    start = min(start, stop)
    # every row's scalars; θ where the trainer's memory budget kept it (all recent rows)
    table = trainer.table(start, stop, vectors=False)
    theta_steps, theta = trainer.thinned_path(start, stop)
    velocity = trainer.optimizer.velocity
    return RunBatch(
        run=index, truncate_to=truncate_to, steps=table["step"], epoch=np.asarray(table["epoch"]),
        loss=table["loss"], test_loss=table["test_loss"], lr=np.asarray(table["lr"]),
        grad_norm=table["grad_norm"], theta=theta, theta_steps=theta_steps,
        current_theta=np.array(trainer.theta, dtype=float), current_grad=trainer.grad,
        full_grad=None if trainer.batch_size is None else trainer.full_gradient(),
        velocity=None if velocity is None else np.array(velocity, dtype=float),
        step_count=trainer.step_count, epoch_now=int(trainer.epoch),
        loss_now=float(trainer.loss), lr_now=float(trainer.lr_at(trainer.step_count)),
        status=Status(trainer.status), diverged_at=trainer.diverged_at,
        stop_reason=StopReason(trainer.stop_reason),
        batch_rows=None if trainer.batch_size is None else
        np.array(trainer.batch_rows(trainer.step_count)),
        curvature=largest_curvature(trainer.problem, trainer.theta)
        if trainer.problem.n_params <= MAX_HESSIAN_PARAMS else None,
        explanation=_explain_next(trainer) if explain else None,
    )


def _explain_next(trainer: Trainer) -> UpdateExplanation | None:
    """The next update of a live run, explained; once the run has stopped, the last update
    it took (the one that made it converge, finish or diverge; None at step 0)."""
    k = trainer.step_count
    if trainer.stopped:
        k -= 1
        if k < 0:
            return None
    try:
        with np.errstate(all="ignore"):
            return explain_update(trainer, k)
    except (ValueError, ArithmeticError, np.linalg.LinAlgError):
        log.exception("cannot explain update %d", k)
        return None


def run_report(index: int, trainer: Trainer) -> RunReport:
    """The :class:`RunReport` of ``trainer`` (call in the thread that owns it)."""
    return RunReport(
        index=index, status=Status(trainer.status), stop_reason=StopReason(trainer.stop_reason),
        step=trainer.step_count, loss=float(trainer.loss),
        learning_rate=getattr(trainer.schedule, "learning_rate", None),
        diverged_at=trainer.diverged_at, diverged_loss=getattr(trainer, "diverged_loss", None),
        stopping=trainer.stopping)
