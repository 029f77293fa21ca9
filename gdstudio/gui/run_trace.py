"""What the plots draw about one run, appended batch by batch from the training thread.

:class:`RunTrace` keeps per-step buffers (step, loss, ‖∇L‖, test loss) and a bounded
copy of θ (every ``stride``-th step once a run grows long) with its projection on the
landscape plane. The buffers are preallocated numpy arrays that double their capacity
when full (:class:`GrowingBuffer`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.explain import UpdateExplanation
from gdstudio.core.landscape import Plane
from gdstudio.core.status import STOPPED
from gdstudio.gui.batches import RunBatch
from gdstudio.gui.i18n import translate
from gdstudio.gui.plot_style import RunStyle, run_style

__all__ = ["GrowingBuffer", "RunTrace"]


# ---------------------------------------------------------------------- buffers
class GrowingBuffer:
    """A preallocated numpy array that doubles its capacity when full.

    Args:
        shape: the shape of one row (``()`` for scalars, ``(p,)`` for vectors).
        dtype: element type.
        capacity: initial number of rows.

    ``data`` is a view of the rows appended so far: ``(n, *shape)``.
    """

    def __init__(self, shape: tuple[int, ...] = (), dtype: Any = float,
                 capacity: int = 1024) -> None:
        self._array = np.empty((max(int(capacity), 1), *shape), dtype=dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def data(self) -> np.ndarray:
        """The rows appended so far, ``(n, *shape)`` (a view: valid until the next append)."""
        return self._array[:self._n]

    @property
    def capacity(self) -> int:
        """Rows that fit before the next reallocation."""
        return len(self._array)

    def append(self, rows: np.ndarray) -> None:
        """Append ``rows`` of shape ``(m, *shape)`` (copied)."""
        rows = np.asarray(rows)
        m = len(rows)
        if m == 0:
            return
        need = self._n + m
        if need > len(self._array):
            cap = len(self._array)
            while cap < need:
                cap *= 2
            grown = np.empty((cap, *self._array.shape[1:]), dtype=self._array.dtype)
            grown[:self._n] = self._array[:self._n]
            self._array = grown
        self._array[self._n:need] = rows
        self._n = need

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` rows (no reallocation)."""
        self._n = max(0, min(int(n), self._n))

    def keep(self, mask: np.ndarray) -> None:
        """Keep only the rows where ``mask`` (``(n,)`` bool) is True, in order."""
        kept = self._array[:self._n][mask]
        self._n = len(kept)
        self._array[:self._n] = kept


# -------------------------------------------------------------------- run trace
@dataclass
class _Current:
    step: int = 0
    epoch: int = 0
    loss: float = math.nan
    lr: float = math.nan
    grad_norm: float = math.nan
    theta: np.ndarray | None = None
    prev_theta: np.ndarray | None = None
    grad: np.ndarray | None = None
    full_grad: np.ndarray | None = None
    velocity: np.ndarray | None = None
    status: str = "ready"
    diverged_at: int | None = None
    batch_rows: np.ndarray | None = None
    curvature: float | None = None
    explanation: UpdateExplanation | None = None


class RunTrace:
    """Everything the plots draw about one run, appended batch by batch.

    Attributes:
        name, color: legend text and colour (:func:`~gdstudio.gui.plot_style.run_color`).
        index: the run's place (0-based): its marker, dash pattern and number.
        steps, loss, log_loss, test_loss, grad_norm: per-step buffers ``(n,)``.
        current: the latest values (θ, gradients, velocity, status, ...).

    θ is kept for every step while the run is short; beyond ``max_floats`` numbers
    (long runs of large models) only every ``stride``-th step is kept, the stride
    doubling as needed, so memory stays bounded. ``path`` holds those θ projected on
    the landscape plane: ``(n_kept, 2)``.
    """

    def __init__(self, name: str, color: str, n_params: int, has_test: bool,
                 max_floats: int = 4_000_000, n_train: int | None = None,
                 batch_size: int | None = None, index: int = 0) -> None:
        self.index = index
        self.n_train = n_train
        self.batch_size = None if n_train is None or batch_size is None or \
            batch_size >= n_train else int(batch_size)
        #: updates per epoch (1 for full batch and for surfaces)
        self.steps_per_epoch = 1 if self.batch_size is None or n_train is None else \
            -(-n_train // self.batch_size)
        self.name = name
        self.color = color
        self.n_params = n_params
        self.has_test = has_test
        self.steps = GrowingBuffer((), np.int64)
        self.loss = GrowingBuffer()
        self.log_loss = GrowingBuffer()
        self.test_loss = GrowingBuffer() if has_test else None
        self.grad_norm = GrowingBuffer()
        self.theta_steps = GrowingBuffer((), np.int64)
        self.theta = GrowingBuffer((n_params,))
        self.path = GrowingBuffer((2,))
        self.stride = 1
        self.max_rows = max(2048, max_floats // max(n_params, 1))
        self.min_loss = math.inf
        self.loss_range = (math.inf, -math.inf)  # finite (min, max) of train and test loss
        self.current = _Current()
        self._plane: Plane | None = None

    def __len__(self) -> int:
        return len(self.loss)

    @property
    def style(self) -> RunStyle:
        """Colour, marker, glyph and dash pattern of this run (the colour is ``color``)."""
        return run_style(self.index)

    @property
    def label(self) -> str:
        """The run by number and name ("Run 2: Momentum, η = 0.1"): legends, readout."""
        return translate("RunTrace", "Run {number}: {name}").format(
            number=self.index + 1, name=self.name)

    def x_values(self, unit: str) -> np.ndarray:
        """The loss curve's x for every row: ``"step"`` k, ``"epoch"`` k / steps per
        epoch, or ``"examples"`` — training examples used by the first k updates (the
        last batch of an epoch may be smaller). Surfaces have no epochs: steps."""
        k = self.steps.data
        if unit == "step" or self.n_train is None:
            return k
        if unit == "epoch":
            return k / self.steps_per_epoch
        if unit == "examples":
            n, spe = self.n_train, self.steps_per_epoch
            batch = self.batch_size or n
            epochs, rest = np.divmod(k, spe)
            return epochs * n + np.minimum(rest * batch, n)
        raise ValueError(f"unknown x unit {unit!r}; choose step, epoch or examples")

    # -- plane ---------------------------------------------------------------------
    def set_plane(self, plane: Plane | None) -> None:
        """Project the kept θ onto ``plane`` (None: no landscape)."""
        self._plane = plane
        self.path.truncate(0)
        if plane is not None:
            self.path.append(self.project(self.theta.data))

    def project(self, thetas: np.ndarray) -> np.ndarray:
        """Plane coordinates of θ's ``(n, p)`` → ``(n, 2)`` (:meth:`Plane.project`)."""
        if self._plane is None:
            return np.zeros((len(thetas), 2))
        return self._plane.project(thetas)

    def project_vector(self, vec: np.ndarray) -> np.ndarray:
        """A direction in parameter space projected on the plane: ``(p,)`` → ``(2,)``."""
        return np.zeros(2) if self._plane is None else self._plane.project_vector(vec)

    # -- data ----------------------------------------------------------------------
    def append_batch(self, rb: RunBatch) -> None:
        """Apply a :class:`~gdstudio.gui.training_thread.RunBatch`: truncate, append its rows
        and take its current values."""
        if rb.truncate_to is not None:
            self.truncate(rb.truncate_to)
        steps = np.asarray(rb.steps, dtype=np.int64)
        m = len(steps)
        cur = self.current
        if m:
            loss = np.asarray(rb.loss, dtype=float)
            self.steps.append(steps)
            self.loss.append(loss)
            self.log_loss.append(np.log10(np.maximum(loss, 1e-300)))
            self.min_loss = min(self.min_loss, float(loss.min()))
            self._widen_range(loss)
            if self.test_loss is not None:
                tl = rb.test_loss
                self.test_loss.append(np.full(m, np.nan) if tl is None else tl)
                if tl is not None:
                    self._widen_range(np.asarray(tl, dtype=float))
            self.grad_norm.append(rb.grad_norm)
            theta_steps = steps if rb.theta_steps is None else \
                np.asarray(rb.theta_steps, dtype=np.int64)
            theta = np.asarray(rb.theta, dtype=float).reshape(len(theta_steps), self.n_params)
            if len(theta_steps) >= 2 and theta_steps[-2] == theta_steps[-1] - 1:
                cur.prev_theta = theta[-2].copy()
            else:
                cur.prev_theta = None if cur.theta is None or m != 1 else cur.theta.copy()
            if self.stride == 1:
                kept_steps, kept = theta_steps, theta
            else:
                keep = theta_steps % self.stride == 0
                kept_steps, kept = theta_steps[keep], theta[keep]
            if len(kept):
                self.theta_steps.append(kept_steps)
                self.theta.append(kept)
                if self._plane is not None:
                    self.path.append(self.project(kept))
            self._compact()
            cur.grad_norm = float(rb.grad_norm[-1])
        moved = cur.step != int(rb.step_count)
        cur.step = int(rb.step_count)
        cur.epoch = int(rb.epoch_now)
        cur.loss = float(rb.loss_now)
        cur.lr = float(rb.lr_now)
        cur.theta = np.array(rb.current_theta, dtype=float)
        cur.grad = None if rb.current_grad is None else np.array(rb.current_grad, float)
        cur.full_grad = None if rb.full_grad is None else np.array(rb.full_grad, float)
        cur.velocity = None if rb.velocity is None else np.array(rb.velocity, float)
        cur.status = rb.status
        cur.diverged_at = rb.diverged_at
        cur.batch_rows = rb.batch_rows
        cur.curvature = rb.curvature
        if rb.explanation is not None or moved or rb.status in STOPPED:
            cur.explanation = rb.explanation  # a stale explanation is never kept
        if not m and len(self.grad_norm):
            cur.grad_norm = float(self.grad_norm.data[-1])

    def _widen_range(self, values: np.ndarray) -> None:
        finite = values[np.isfinite(values)]
        if len(finite):
            lo, hi = self.loss_range
            self.loss_range = (min(lo, float(finite.min())), max(hi, float(finite.max())))

    def _compact(self) -> None:
        while len(self.theta) > self.max_rows:
            self.stride *= 2
            mask = self.theta_steps.data % self.stride == 0
            mask[-1] = True  # the newest row stays until the next batch
            self.theta_steps.keep(mask)
            self.theta.keep(mask)
            if len(self.path) == len(mask):
                self.path.keep(mask)
            else:
                self.path.truncate(0)
                self.path.append(self.project(self.theta.data))

    def truncate(self, step: int) -> None:
        """Drop every row with step ≥ ``step`` (rewind / reset)."""
        if step <= 0:
            self.stride = 1
        n = int(np.searchsorted(self.steps.data, step, side="left"))
        self.steps.truncate(n)
        self.loss.truncate(n)
        self.log_loss.truncate(n)
        if self.test_loss is not None:
            self.test_loss.truncate(n)
        self.grad_norm.truncate(n)
        k = int(np.searchsorted(self.theta_steps.data, step, side="left"))
        self.theta_steps.truncate(k)
        self.theta.truncate(k)
        self.path.truncate(k)
        self.min_loss = float(self.loss.data.min()) if n else math.inf
        self.loss_range = (math.inf, -math.inf)
        self._widen_range(self.loss.data)
        if self.test_loss is not None:
            self._widen_range(self.test_loss.data)
        cur = self.current
        if n:
            cur.step = int(self.steps.data[-1])
            cur.loss = float(self.loss.data[-1])
            cur.grad_norm = float(self.grad_norm.data[-1])
        if k:
            cur.theta = self.theta.data[-1].copy()
            cur.prev_theta = self.theta.data[-2].copy() if k >= 2 and self.stride == 1 else None

