"""The training loop: sampling, stopping, divergence, history and rewind.

Conventions (they are the CSV contract of ``gdstudio run`` too):

* Row k of the history describes θ_k, the parameters after k updates: ``theta[k]``,
  the full training loss ``loss[k]`` = L(θ_k), the gradient ``grad[k]`` that the
  update k → k+1 uses (the mini-batch gradient for mini-batch variants, the full
  gradient otherwise), ``test_loss[k]`` where there is a split, and the learning
  rate ``lr[k]`` of update k → k+1. Row 0 is the start point; after ``n`` steps the
  history has ``n + 1`` rows and its last row is the current θ.
* Mini-batches: with batch size B < n, epoch e uses the permutation
  ``np.random.default_rng([seed, e]).permutation(n)`` cut into ⌈n / B⌉ consecutive
  batches (the last one may be smaller, like torch's DataLoader with
  ``drop_last=False``): sampling without replacement within each epoch.
  ``epoch[k] = k // steps_per_epoch``.
* Divergence: a loss or gradient that is not finite, or a loss whose magnitude exceeds
  ``divergence_factor · max(|L(θ₀)|, 1)``, stops the run with status "diverged" at
  that step; the offending row is not recorded, so the history holds finite numbers
  only, and θ stays at the last finite row. No numpy warning is printed.
* Determinism: the same problem, optimizer, schedule, θ₀, batch size and seed give a
  bit-for-bit identical history, and :meth:`Trainer.rewind` reproduces it exactly
  (it restores the nearest checkpoint of the optimizer state and replays).
* Memory: the scalars (loss, ‖g‖, test loss) of every row are kept; θ, the gradient
  vectors and the checkpoints live within a budget (:data:`DEFAULT_HISTORY_BUDGET`,
  256 MB shared by all trainers, or ``history_budget_bytes``): the last
  ``trainer.recent_rows`` rows (8,192 unless that exceeds half the budget) are always
  complete, older rows keep the θ of every 2ᵏ-th step only (see :class:`History`).
  ``table(start, stop)`` of a range within the recent rows returns complete arrays as
  always; for a range reaching into thinned rows it raises
  :class:`ThinnedHistoryError` unless ``vectors=False`` (scalars only);
  :meth:`Trainer.thinned_path` gives the kept θ with their step numbers, and
  ``history.row(k)`` / :meth:`Trainer.rewind` stay exact for any k (replay).
"""

from __future__ import annotations

import copy
import math
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.history import (
    DEFAULT_HISTORY_BUDGET,
    RECENT_ROWS,
    History,
    ThinnedHistoryError,
)
from gdstudio.core.optimizers import Optimizer
from gdstudio.core.problems import Problem
from gdstudio.core.registry import ParameterError
from gdstudio.core.schedules import ConstantLR, Schedule
from gdstudio.core.status import STOPPED, Status, StopReason

__all__ = ["Stopping", "History", "ThinnedHistoryError", "Trainer", "SweepTrainer",
           "STATUSES", "DEFAULT_HISTORY_BUDGET", "RECENT_ROWS"]

# the history lives in its own module; these names stay importable from here
_ = (History, ThinnedHistoryError, DEFAULT_HISTORY_BUDGET, RECENT_ROWS)

STATUSES = tuple(Status)
_CHUNK = 4096


@dataclass(frozen=True)
class Stopping:
    """Stopping criteria; None disables one.

    Attributes:
        max_steps: stop ("finished") after this many updates.
        max_epochs: stop ("finished") after this many passes over the training set.
        loss_tol: stop ("converged") when |L(θ_{k+1}) − L(θ_k)| < loss_tol.
        grad_tol: stop ("converged") when ‖∇L(θ_k)‖ < grad_tol (full-batch gradient).
        divergence_factor: the loss magnitude, relative to max(|L(θ₀)|, 1), above
            which a run counts as diverged.
    """

    max_steps: int | None = None
    max_epochs: float | None = None
    loss_tol: float | None = None
    grad_tol: float | None = None
    divergence_factor: float = 1e8

    def __post_init__(self) -> None:
        for key in ("max_steps", "max_epochs", "loss_tol", "grad_tol"):
            value = getattr(self, key)
            if value is not None and not (value >= 0 and math.isfinite(value)):
                raise ParameterError(key, f"{key} must be a number ≥ 0 (or unset), got {value!r}")
        if not self.divergence_factor > 1:
            raise ValueError("divergence_factor must be > 1")



class Trainer:
    """Runs an optimizer on a problem, one ordinary method call at a time.

    Args:
        problem: the :class:`~gdstudio.core.problems.Problem` to minimise.
        optimizer: an :class:`~gdstudio.core.optimizers.Optimizer` (its state is reset).
        schedule: a :class:`~gdstudio.core.schedules.Schedule`, or a float for a
            constant learning rate.
        batch_size: None (full batch: batch GD), 1 (SGD) or k (mini-batch). Ignored
            (treated as full) for analytic surfaces. Values ≥ n mean full batch.
        theta0: initial parameters ``(p,)``; default ``problem.default_theta(rng)``
            with ``rng = np.random.default_rng(seed)``.
        seed: seeds θ₀ (when not given) and the mini-batch order.
        stopping: :class:`Stopping` criteria (default: none but divergence).
        checkpoint_interval: optimizer state is saved every this many steps for rewind
            (thinned like θ for old rows: see :class:`History`).
        history_budget_bytes: memory budget of the θ / gradient / checkpoint history in
            bytes; ``"shared"`` (default) = an even share of
            :data:`DEFAULT_HISTORY_BUDGET` (256 MB) among all trainers using it; None =
            unlimited (keep every θ and g).
        recent_rows: rows at the end of the history always kept in full (capped to
            half the budget; see :attr:`History.recent_rows`).

    Raises:
        ValueError: θ₀ of the wrong shape or not finite, a bad batch size, Newton's
            method on a problem without an exact Hessian, or a bad budget.
    """

    def __init__(self, problem: Problem, optimizer: Optimizer, schedule: Schedule | float,
                 *, batch_size: int | None = None, theta0: Any = None, seed: int = 0,
                 stopping: Stopping | None = None, checkpoint_interval: int = 64,
                 history_budget_bytes: int | str | None = "shared",
                 recent_rows: int = RECENT_ROWS) -> None:
        self.problem = problem
        self.optimizer = optimizer
        self.schedule = schedule if isinstance(schedule, Schedule) else ConstantLR(float(schedule))
        self.seed = int(seed)
        self.stopping = stopping or Stopping()
        self.checkpoint_interval = int(checkpoint_interval)
        if self.checkpoint_interval < 1:
            raise ValueError("checkpoint_interval must be ≥ 1")
        n = problem.n_train
        if batch_size is not None:
            if int(batch_size) != batch_size or batch_size < 1:
                raise ParameterError("batch_size",
                                     f"batch_size must be a whole number ≥ 1, got {batch_size!r}")
            batch_size = int(batch_size)
        if n is None or batch_size is None or batch_size >= n:
            batch_size = None
        self.batch_size = batch_size
        self.steps_per_epoch = 1 if batch_size is None else -(-n // batch_size)  # type: ignore
        if optimizer.uses_hessian and not problem.has_hessian:
            try:
                problem.hessian(np.zeros(problem.n_params))  # raises the explanatory error
            except ValueError as exc:
                raise ParameterError("optimizer", str(exc)) from None
        self.theta0 = self._initial_theta(theta0)
        self._perm_epoch = -1
        self._perm: np.ndarray | None = None
        self.history = History(problem.n_params, self._run_shape(), problem.has_test,
                               budget_bytes=history_budget_bytes, recent_rows=recent_rows)
        replay = weakref.WeakMethod(self._replay_row)  # no reference cycle
        self.history.replay = lambda k: replay()(k)  # type: ignore[misc]
        self.reset()

    # -- set-up --------------------------------------------------------------------
    def _run_shape(self) -> tuple[int, ...]:
        return ()

    def _initial_theta(self, theta0: Any) -> np.ndarray:
        p = self.problem.n_params
        if theta0 is None:
            theta = self.problem.default_theta(np.random.default_rng(self.seed))
        else:
            theta = np.array(theta0, dtype=float)
        if theta.shape != (*self._run_shape(), p):
            raise ParameterError(
                "theta0",
                f"the initial θ needs {p} value(s) ({', '.join(self.problem.param_names)}), "
                f"got shape {theta.shape}"
            )
        if not np.all(np.isfinite(theta)):
            raise ParameterError("theta0", "the initial θ must be finite numbers")
        return theta

    def reset(self) -> None:
        """Back to θ₀ with a fresh optimizer state and an empty history (one row)."""
        self.optimizer.reset()
        self.theta = self.theta0.copy()
        self.history.truncate(0)
        self.status = Status.READY
        self.stop_reason = StopReason.NONE
        self.diverged_at: int | None = None
        #: the loss value that ended a diverged run (may be inf or nan), else None
        self.diverged_loss: float | None = None
        with np.errstate(all="ignore"):
            loss, grad = self._evaluate(self.theta, 0)
        if not (np.all(np.isfinite(loss)) and np.all(np.isfinite(grad))):
            raise ParameterError("theta0", "the loss or its gradient is not finite at the "
                                 "initial θ")
        self._limit = self.stopping.divergence_factor * np.maximum(np.abs(loss), 1.0)
        self.history.append(self.theta, grad, loss, self._test_loss(self.theta))
        self._grad = grad
        self._loss = loss
        self.history.set_checkpoint(0, self._state())
        self._check_stopping(0, None)

    def _state(self) -> Any:
        """What a checkpoint saves besides θ and g: the optimizer state."""
        return self.optimizer.state_dict()

    # -- sampling ------------------------------------------------------------------
    def batch_rows(self, k: int) -> np.ndarray | None:
        """Training-row indices of the mini-batch used at step k (None: full batch)."""
        if self.batch_size is None:
            return None
        epoch, b = divmod(k, self.steps_per_epoch)
        if epoch != self._perm_epoch:
            self._perm = np.random.default_rng([self.seed, epoch]).permutation(
                self.problem.n_train)  # type: ignore[arg-type]
            self._perm_epoch = epoch
        return self._perm[b * self.batch_size:(b + 1) * self.batch_size]  # type: ignore[index]

    def _evaluate(self, theta: np.ndarray, k: int) -> tuple[Any, np.ndarray]:
        """(full loss, gradient used by update k) at θ."""
        rows = self.batch_rows(k)
        if rows is None:
            return self.problem.loss_and_grad(theta)
        return self.problem.loss(theta), self.problem.batch_grad(theta, rows)

    def _test_loss(self, theta: np.ndarray) -> Any:
        return self.problem.test_loss(theta) if self.problem.has_test else None

    # -- read-outs -----------------------------------------------------------------
    @property
    def step_count(self) -> int:
        """Number of updates applied so far (= index of the current history row)."""
        return len(self.history) - 1

    @property
    def epoch(self) -> int:
        """Epoch of the current step: step_count // steps_per_epoch."""
        return self.step_count // self.steps_per_epoch

    @property
    def loss(self) -> Any:
        """L(θ) at the current θ (full training set)."""
        return self._loss

    @property
    def grad(self) -> np.ndarray:
        """The gradient the next update will use (mini-batch gradient for mini-batch GD)."""
        return self._grad.copy()

    @property
    def stopped(self) -> bool:
        return self.status in STOPPED

    def full_gradient(self) -> np.ndarray:
        """The full-batch gradient ∇L(θ) at the current θ (for showing SGD's noise)."""
        if self.batch_size is None:
            return self._grad.copy()
        return self.problem.loss_and_grad(self.theta)[1]

    def lr_at(self, steps: Any) -> Any:
        """Learning rate of update(s) ``steps`` (int or int array)."""
        return self.schedule(steps)

    def checkpoint_before(self, k: int) -> tuple[int, dict[str, Any]]:
        """The nearest saved optimizer state at or before step ``k``: ``(c, state)``, c ≤ k.

        ``state`` is a copy of ``optimizer.state_dict()`` after c updates. Replaying
        updates c … k − 1 from the history rows (θ_j, g_j, η_j) into a scratch optimizer
        gives the state after k updates exactly, as :meth:`rewind` does; the trainer is
        not touched (used by :mod:`gdstudio.core.explain`). Single-run trainers only.

        Raises:
            ValueError: ``k`` outside ``0 … step_count``.
        """
        if not 0 <= k <= self.step_count:
            raise ValueError(f"step {k} is outside 0 … {self.step_count}")
        c, state = self.history.checkpoint(k)[:2]
        return c, {key: value.copy() if isinstance(value, np.ndarray) else value
                   for key, value in state.items()}

    def epochs_at(self, steps: Any) -> Any:
        return np.asarray(steps) // self.steps_per_epoch

    @property
    def recent_rows(self) -> int:
        """Rows at the end of the history guaranteed complete (θ and g): read
        ``table(sent)`` at least every this many steps to see every θ."""
        return self.history.recent_rows

    def table(self, start: int = 0, stop: int | None = None, *,
              vectors: bool = True) -> dict[str, Any]:
        """History rows ``start:stop`` as columns (new arrays; m rows, clipped range).

        Keys: step (m,) int, epoch (m,), loss (m,), lr (m,), grad_norm (m,),
        test_loss (m,) or None, and theta, grad (m, p) — or None with
        ``vectors=False``. The scalar columns exist for every row of the run.

        Raises:
            ThinnedHistoryError: ``vectors`` and a range that starts before
                ``history.full_start``: those θ were thinned to keep the history within
                its memory budget. A range within the last :attr:`recent_rows` rows
                (what a streaming reader asks for) never raises. For older θ use
                :meth:`thinned_path`; for one exact row, ``history.row(k)``.
        """
        rows = self.history.rows(start, stop, vectors=vectors)
        start = max(0, min(start, len(self.history)))
        steps = np.arange(start, start + len(rows["loss"]))  # type: ignore[arg-type]
        table: dict[str, Any] = dict(rows)
        table.update(step=steps, epoch=self.epochs_at(steps), lr=self.lr_at(steps))
        return table

    def thinned_path(self, start: int = 0, stop: int | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
        """The kept θ of rows ``start:stop``: ``(steps (m,) int, theta (m, p))``.

        Every row of the recent full-resolution window and every ``history.stride``-th
        row before it (row 0 always): the descent path to draw for a run of any
        length. Never raises for thinning.
        """
        return self.history.thinned_path(start, stop)

    def _replay_row(self, k: int) -> tuple[np.ndarray, np.ndarray, Any]:
        """(θ_k, g_k, L_k) replayed from the latest checkpoint ≤ k, exactly as
        :meth:`_advance` computed it; the trainer's own state is not touched."""
        c, state, theta, grad = self.history.checkpoint(k)
        loss = self.history.rows(c, c + 1, vectors=False)["loss"][0]  # type: ignore[index]
        opt = copy.copy(self.optimizer)
        opt.load_state_dict(state)
        sched = self.schedule
        lr = sched.learning_rate if sched.is_constant else None
        for j in range(c, k):
            eta = lr if lr is not None else sched(j)
            opt.step(theta, grad, eta, self.problem.hessian(theta) if opt.uses_hessian else None)
            if self.batch_size is None:
                loss, grad = self.problem.loss_and_grad(theta)
            else:
                loss, grad = self._evaluate(theta, j + 1)
        return theta, grad, float(loss)

    # -- stepping ------------------------------------------------------------------
    def step(self) -> bool:
        """Apply one update. Returns False (and does nothing) once the run has stopped."""
        return self.run(1) == 1

    def run(self, n: int) -> int:
        """Apply up to ``n`` updates; stops early at a stopping criterion or divergence.

        Returns the number of updates applied.
        """
        if self.stopped or n <= 0:
            return 0
        self.status = Status.RUNNING
        with np.errstate(all="ignore"):
            return self._advance(int(n))

    def run_to_stop(self, limit: int = 10_000_000) -> int:
        """Run until a stopping criterion (or ``limit`` updates) ends the run."""
        return self.run(limit)

    def _advance(self, n: int) -> int:
        problem, opt, hist = self.problem, self.optimizer, self.history
        theta, grad, loss = self.theta, self._grad, self._loss
        sched = self.schedule
        lr = sched.learning_rate if sched.is_constant else None
        use_hessian = opt.uses_hessian
        full = self.batch_size is None
        loss_and_grad = problem.loss_and_grad
        has_test = problem.has_test
        interval = self.checkpoint_interval
        limit = self._limit
        stopping = self.stopping
        check = (stopping.max_steps is not None or stopping.max_epochs is not None
                 or stopping.loss_tol is not None or stopping.grad_tol is not None)
        k = self.step_count
        done = 0
        while done < n:
            eta = lr if lr is not None else sched(k)
            opt.step(theta, grad, eta, problem.hessian(theta) if use_hessian else None)
            k += 1
            if full:
                new_loss, new_grad = loss_and_grad(theta)
            else:
                new_loss, new_grad = self._evaluate(theta, k)
            gsq = new_grad.dot(new_grad)
            if not (-limit <= new_loss <= limit and gsq < math.inf):
                theta[:] = hist.row(-1)[0]
                self.status, self.stop_reason, self.diverged_at = \
                    Status.DIVERGED, StopReason.DIVERGED, k
                self.diverged_loss = float(new_loss) if np.ndim(new_loss) == 0 else None
                break
            hist.append(theta, new_grad, new_loss, problem.test_loss(theta) if has_test else None)
            done += 1
            prev_loss, loss, grad = loss, new_loss, new_grad
            if k % interval == 0:
                hist.set_checkpoint(k, opt.state_dict())
            if check:
                self._grad, self._loss = grad, loss
                if self._check_stopping(k, prev_loss):
                    break
        self._grad, self._loss = grad, loss
        return done

    def _check_stopping(self, k: int, prev_loss: Any) -> bool:
        """Apply the stopping criteria to the current row k; True if the run stops."""
        s = self.stopping
        if s.grad_tol is not None:
            g = self.full_gradient()
            if float(np.sqrt(g.dot(g))) < s.grad_tol:
                self.status, self.stop_reason = Status.CONVERGED, StopReason.GRAD_TOL
                return True
        if s.loss_tol is not None and prev_loss is not None:
            if abs(self._loss - prev_loss) < s.loss_tol:
                self.status, self.stop_reason = Status.CONVERGED, StopReason.LOSS_TOL
                return True
        if s.max_steps is not None and k >= s.max_steps:
            self.status, self.stop_reason = Status.FINISHED, StopReason.MAX_STEPS
            return True
        if s.max_epochs is not None and k >= s.max_epochs * self.steps_per_epoch:
            self.status, self.stop_reason = Status.FINISHED, StopReason.MAX_EPOCHS
            return True
        return False

    # -- rewind --------------------------------------------------------------------
    def rewind(self, step: int) -> None:
        """Go back to step ``step`` (0 ≤ step ≤ step_count), exactly as it was.

        Restores the latest optimizer checkpoint at or before ``step`` and replays the
        updates from there; stepping forward again reproduces the same path bit for bit.

        Raises:
            ValueError: ``step`` outside ``0 … step_count``.
        """
        if not 0 <= step <= self.step_count:
            raise ValueError(f"can only rewind to a step between 0 and {self.step_count}")
        if step == self.step_count:
            return
        c, state, theta, grad = self.history.checkpoint(step)
        loss = self.history.row(c)[2] if c >= self.history.full_start else float(
            self.history.rows(c, c + 1, vectors=False)["loss"][0])  # type: ignore[index]
        self.optimizer.load_state_dict(state)
        self.history.truncate(c + 1)
        self.theta[...] = theta
        self._grad = grad
        self._loss = loss
        self.status = Status.READY if c == 0 else Status.RUNNING
        self.stop_reason, self.diverged_at, self.diverged_loss = StopReason.NONE, None, None
        if step > c:
            self.run(step - c)
        if self.step_count == 0:
            self.status = Status.READY

    def step_back(self) -> bool:
        """Undo the last update (rewind by one). Returns False at step 0."""
        if self.step_count == 0:
            return False
        self.rewind(self.step_count - 1)
        return True


class SweepTrainer(Trainer):
    """R runs of one optimizer on an analytic surface, vectorised as θ of shape (R, 2).

    Typical use: a learning-rate sweep, ``schedule`` = an ``(R, 1)`` array of learning
    rates or ``learning_rates=`` (R,). Each run stops on its own (diverged runs are
    frozen at their last finite θ); ``run_status`` and ``run_diverged_at`` report them.
    The run as a whole stops when every run has stopped. Histories have a run axis:
    ``history.theta`` is (n, R, 2), ``history.loss`` (n, R).

    Raises:
        ValueError: a problem that is not vectorised (only analytic surfaces are), a
            mini-batch size, or inconsistent shapes.
    """

    def __init__(self, problem: Problem, optimizer: Optimizer, learning_rates: Any, *,
                 theta0: Any = None, stopping: Stopping | None = None,
                 checkpoint_interval: int = 64, seed: int = 0) -> None:
        if not problem.vectorised:
            raise ValueError("only analytic surfaces can be swept in a vectorised way")
        self.learning_rates = np.asarray(learning_rates, dtype=float).reshape(-1)
        if self.learning_rates.size < 1 or not np.all(self.learning_rates > 0):
            raise ValueError("learning rates must be positive numbers")
        self.n_runs = self.learning_rates.size
        if theta0 is None:
            theta0 = np.tile(problem.default_theta(np.random.default_rng(seed)),
                             (self.n_runs, 1))
        else:
            theta0 = np.array(theta0, dtype=float)
            if theta0.ndim == 1:
                theta0 = np.tile(theta0, (self.n_runs, 1))
        super().__init__(problem, optimizer, ConstantLR(1.0), theta0=theta0, seed=seed,
                         stopping=stopping, checkpoint_interval=checkpoint_interval,
                         history_budget_bytes=None)

    def _run_shape(self) -> tuple[int, ...]:
        return (self.n_runs,)

    def reset(self) -> None:
        self.run_status = np.array(["ready"] * self.n_runs, dtype=object)
        self.run_diverged_at = np.full(self.n_runs, -1)
        self._active = np.ones(self.n_runs, dtype=bool)
        super().reset()

    def lr_at(self, steps: Any) -> Any:
        steps = np.asarray(steps)
        return np.broadcast_to(self.learning_rates, (*steps.shape, self.n_runs)).copy()

    def _check_stopping(self, k: int, prev_loss: Any) -> bool:
        s = self.stopping
        if s.grad_tol is not None:
            small = self._active & (np.sqrt(np.sum(self._grad**2, axis=-1)) < s.grad_tol)
            self.run_status[small] = "converged"
            self._active &= ~small
        if s.loss_tol is not None and prev_loss is not None:
            small = self._active & (np.abs(self._loss - prev_loss) < s.loss_tol)
            self.run_status[small] = "converged"
            self._active &= ~small
        done = (s.max_steps is not None and k >= s.max_steps) or (
            s.max_epochs is not None and k >= s.max_epochs)
        if done:
            self.run_status[self._active] = "finished"
            self._active[:] = False
        if not self._active.any():
            statuses = set(self.run_status)
            self.status = (Status.DIVERGED if statuses == {"diverged"} else
                           Status.CONVERGED if "finished" not in statuses else Status.FINISHED)
            self.stop_reason = StopReason.ALL_STOPPED
            return True
        return False

    def _advance(self, n: int) -> int:
        problem, opt, hist = self.problem, self.optimizer, self.history
        theta, grad, loss = self.theta, self._grad, self._loss
        lr = self.learning_rates[:, None]
        use_hessian = opt.uses_hessian
        s = self.stopping
        tolerances = s.loss_tol is not None or s.grad_tol is not None
        k = self.step_count
        done = 0
        limit = self._limit
        self.run_status[self._active] = "running"
        any_frozen = not self._active.all()
        while done < n:
            opt.step(theta, grad, lr, problem.hessian(theta) if use_hessian else None)
            k += 1
            new_loss, new_grad = problem.loss_and_grad(theta)
            if any_frozen or not (np.abs(new_loss) <= limit).all() \
                    or not math.isfinite(new_grad.sum()):
                ok = (np.abs(new_loss) <= limit) & np.isfinite(new_grad).all(axis=-1)
                bad = self._active & ~ok
                if bad.any():
                    self.run_status[bad] = "diverged"
                    self.run_diverged_at[bad] = k
                    self._active &= ~bad
                frozen = ~self._active
                any_frozen = True
                theta[frozen] = hist.row(-1)[0][frozen]
                new_loss = np.where(frozen, loss, new_loss)
                new_grad[frozen] = grad[frozen]
            hist.append(theta, new_grad, new_loss)
            done += 1
            prev_loss, loss, grad = loss, new_loss, new_grad
            if k % self.checkpoint_interval == 0:
                hist.set_checkpoint(k, self._state())
            if tolerances or any_frozen or (s.max_steps is not None and k >= s.max_steps) or (
                    s.max_epochs is not None and k >= s.max_epochs):
                self._grad, self._loss = grad, loss
                if self._check_stopping(k, prev_loss):
                    break
                any_frozen = not self._active.all()
        self._grad, self._loss = grad, loss
        return done

    def _state(self) -> dict[str, Any]:
        return {"optimizer": self.optimizer.state_dict(), "active": self._active.copy(),
                "run_status": self.run_status.copy(),
                "run_diverged_at": self.run_diverged_at.copy()}

    def rewind(self, step: int) -> None:
        """As :meth:`Trainer.rewind`, restoring every run's state."""
        if not 0 <= step <= self.step_count:
            raise ValueError(f"can only rewind to a step between 0 and {self.step_count}")
        if step == self.step_count:
            return
        c, saved = self.history.checkpoint(step)[:2]
        if c == 0:
            self.reset()
        else:
            self.optimizer.load_state_dict(saved["optimizer"])
            self._active = saved["active"].copy()
            self.run_status = saved["run_status"].copy()
            self.run_diverged_at = saved["run_diverged_at"].copy()
            self.history.truncate(c + 1)
            theta, grad, loss = self.history.row(c)
            self.theta[...] = theta
            self._grad, self._loss = grad, loss
            self.status, self.stop_reason, self.diverged_at = Status.RUNNING, StopReason.NONE, None
        if step > c:
            self.run(step - c)
