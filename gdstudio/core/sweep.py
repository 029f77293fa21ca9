"""Many learning rates at once: the loss after N steps against η, vectorised over runs.

:func:`sweep_learning_rates` runs one optimizer on one problem for R learning rates at
the same time, with θ of shape ``(R, p)``: an analytic surface, or a model fitted to data
(linear, polynomial and logistic regression, and the MLP, whose forward pass and
backpropagation are written here for a stack of parameter vectors). Each run follows
exactly the rules of a single :class:`~gdstudio.core.trainer.Trainer` with that
learning rate — the same θ₀, the same mini-batches (the seed's permutation per epoch),
the same stopping criteria checked in the same order, the same divergence test — so
the sweep agrees with single runs (tested to 1e-12; the stacked matrix products may
round differently from the single ones in the last bit).

Runs that stop (finished, converged or diverged) are dropped from the stack, together
with their optimizer state, so a sweep in which most learning rates diverge early
costs little. Every run steps in lock-step with the others (one optimizer update, one
divergence and stopping check per step for all of them); a large data problem computes
its losses and gradients in chunks of runs whose activations fit in the processor's
cache.

Example::

    >>> setup = prepare(Scenario(kind="surface", surface="quadratic", condition=10.0))
    >>> result = sweep_learning_rates(setup, log_spaced(1e-3, 1.0, 16), steps=100)
    >>> result.status[-1], result.stability_limit
    ('diverged', 0.2)
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from gdstudio.core.models import MLP, LinearRegression, _act_forward
from gdstudio.core.problems import DataProblem, Problem, SurfaceProblem
from gdstudio.core.registry import ParameterError
from gdstudio.core.stability import gd_stability_limit

if TYPE_CHECKING:  # pragma: no cover
    from gdstudio.core.scenario import Scenario, Setup

__all__ = ["SweepResult", "SweepCancelled", "sweep_learning_rates", "log_spaced",
           "VectorisedProblem", "vectorise", "MAX_SWEEP_RUNS"]

#: at most this many learning rates in one sweep
MAX_SWEEP_RUNS = 4096
#: floats of activations per chunk of runs (≈ 1.5 MB: within the L2 cache; 8 runs of the
#: 2-16-16-1 MLP on 500 points, the fastest chunk measured, 5 to 32 runs)
_CHUNK_FLOATS = 196_608


class SweepCancelled(Exception):
    """``should_stop`` returned True: the sweep was abandoned (no result)."""


def log_spaced(lr_min: float, lr_max: float, num: int) -> np.ndarray:
    """``num`` learning rates from ``lr_min`` to ``lr_max``, evenly spaced on a log scale.

    Raises:
        ValueError: not 0 < lr_min ≤ lr_max (finite), or num outside 1 … MAX_SWEEP_RUNS.
    """
    if not (0 < lr_min <= lr_max and math.isfinite(lr_max)):
        raise ValueError(f"need 0 < lr_min ≤ lr_max, got {lr_min!r} and {lr_max!r}")
    if isinstance(num, bool) or not isinstance(num, int) or not 1 <= num <= MAX_SWEEP_RUNS:
        raise ValueError(f"the number of learning rates must be 1 to {MAX_SWEEP_RUNS}, "
                         f"got {num!r}")
    if num == 1:
        return np.array([float(lr_min)])
    return np.geomspace(lr_min, lr_max, num)


@dataclass
class SweepResult:
    """The outcome of a sweep, one entry per learning rate (arrays of shape ``(R,)``).

    Attributes:
        learning_rates: η of each run (the base rate when there is a schedule).
        status: ``"finished"`` (the step or epoch limit), ``"converged"`` (a tolerance)
            or ``"diverged"``.
        steps: updates applied (for a diverged run: the finite ones).
        final_loss: the last finite training loss L(θ).
        diverged_at: the update at which a run diverged, −1 for the others.
        stability_limit: 2/λ_max at θ₀ where the Hessian is known (plain GD diverges
            above it near θ₀), else None.
        elapsed_s: seconds spent in the loop.
    """

    learning_rates: np.ndarray
    status: np.ndarray
    steps: np.ndarray
    final_loss: np.ndarray
    diverged_at: np.ndarray
    stability_limit: float | None
    elapsed_s: float

    @property
    def run_steps(self) -> int:
        """Run-steps computed (the sum of ``steps``)."""
        return int(self.steps.sum())

    def best(self) -> int:
        """Index of the run with the lowest final loss among those that did not diverge
        (−1 if all diverged)."""
        ok = self.status != "diverged"
        if not ok.any():
            return -1
        return int(np.flatnonzero(ok)[np.argmin(self.final_loss[ok])])

    def rows(self) -> list[dict[str, Any]]:
        """One dict per run: lr, status, steps, final_loss, diverged_at (None or a step)."""
        return [{"lr": float(lr), "status": str(st), "steps": int(n), "final_loss": float(fl),
                 "diverged_at": None if d < 0 else int(d)}
                for lr, st, n, fl, d in zip(self.learning_rates, self.status, self.steps,
                                            self.final_loss, self.diverged_at)]


# -- vectorised problems -----------------------------------------------------------
class VectorisedProblem:
    """A problem's loss and gradient for a stack of parameter vectors θ ``(R, p)``.

    :meth:`loss_and_grad` gives the full training loss ``(R,)`` and the gradient
    ``(R, p)`` on the training rows ``rows`` (all rows when None), exactly as the
    single-run problem computes them row by row.
    """

    #: activations per run (floats), to size chunks of runs; 0: no chunking needed
    floats_per_run = 0

    def __init__(self, problem: Problem) -> None:
        self.problem = problem

    def loss_and_grad(self, thetas: np.ndarray, rows: np.ndarray | None = None
                      ) -> tuple[np.ndarray, np.ndarray]:
        """The loss ``(R,)`` on every training row and the gradient ``(R, p)`` on
        ``rows`` (all when None) for the stack ``thetas`` ``(R, p)``."""
        raise NotImplementedError

    def hessian(self, thetas: np.ndarray) -> np.ndarray:
        """``(R, p, p)`` exact Hessians (Newton's method)."""
        h = np.asarray(self.problem.hessian(thetas), dtype=float)
        return np.broadcast_to(h, (*thetas.shape, thetas.shape[-1])).copy()


class _SurfaceStack(VectorisedProblem):
    def loss_and_grad(self, thetas, rows=None):
        loss, grad = self.problem.loss_and_grad(thetas)
        return np.asarray(loss, dtype=float), grad


class _DataStack(VectorisedProblem):
    """Shared by the data models: the loss on all rows, the gradient on ``rows``."""

    problem: DataProblem

    def __init__(self, problem: DataProblem) -> None:
        super().__init__(problem)
        self.X, self.y, self.loss_fn = problem.X, problem.y, problem.loss_fn

    def forward(self, thetas: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, Any]:
        raise NotImplementedError

    def backward(self, thetas: np.ndarray, cache: Any, d_out: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def loss_and_grad(self, thetas, rows=None):
        out, cache = self.forward(thetas, self.X)
        if rows is None:
            value, d_out = self.loss_fn.value_and_gradient(out, self.y)
            return np.asarray(value, dtype=float), self.backward(thetas, cache, d_out)
        value = self.loss_fn.value(out, self.y)
        out_b, cache_b = self.forward(thetas, self.X[rows])
        d_out = self.loss_fn.gradient(out_b, self.y[rows])
        return np.asarray(value, dtype=float), self.backward(thetas, cache_b, d_out)


class _LinearStack(_DataStack):
    """Linear, polynomial and logistic regression: out = Φ·w + b for each run."""

    def __init__(self, problem: DataProblem) -> None:
        super().__init__(problem)
        self.model: LinearRegression = problem.model  # type: ignore[assignment]
        self._phi = self.model._features(self.X)

    def forward(self, thetas, X):
        phi = self._phi if X is self.X else self.model._features(X)
        if not self.model.bias:
            return thetas @ phi.T, phi
        return thetas[:, :-1] @ phi.T + thetas[:, -1:], phi

    def backward(self, thetas, cache, d_out):
        grad = np.empty(thetas.shape)
        if not self.model.bias:
            np.matmul(d_out, cache, out=grad)
            return grad
        np.matmul(d_out, cache, out=grad[:, :-1])
        grad[:, -1] = d_out.sum(axis=-1)
        return grad


#: fewer rows than this: BLAS gets contiguous copies of each run's matrices
_MIN_VIEW_ROWS = 64


def _rows(flat: np.ndarray, n: int, R: int, h: int) -> np.ndarray:
    """An ``(n, R, h)`` view of the start of a flat work array."""
    return flat[:n * R * h].reshape(n, R, h)


class _MLPStack(_DataStack):
    """The MLP for a stack of parameter vectors: forward and backpropagation with
    batched matrix products, layer by layer as :meth:`MLP.forward` / :meth:`MLP.backward`
    do for one (δ = ∂L/∂z; ∂L/∂W = aᵀδ, ∂L/∂b = Σδ, δ ← (δ Wᵀ) ⊙ act′), with the same
    operations in the same order, so every run's numbers are those of a single run.

    Layout: a layer's activations and δ are ``(n, R, h)`` arrays (sample-major), so the
    bias gradient Σₙ δ — summed row after row in sample order, as the single run's
    ``np.sum(δ, axis=0)`` — runs along R·h contiguous numbers per row instead of h, and
    the elementwise work runs over whole arrays. Run r's ``(n, h)`` matrix is the
    strided view ``[:, r, :]``; a stacked product hands BLAS one such view (or its
    transpose) per run, with the single run's shapes and transpose flags. Whether the
    BLAS kernels then round exactly as on the single run's contiguous matrices depends
    on the library (OpenBLAS does not, for vector-like products with 1 to 3 columns),
    so the first pass on each stack shape (R, n) compares the two on random parameters
    and, where they differ, gives BLAS contiguous ``(R, n, h)`` copies instead.

    A stack of many runs is computed in chunks of runs whose work arrays fit in the
    cache (``_CHUNK_FLOATS``). The work arrays are preallocated (one set per chunk
    shape): fresh arrays of a few hundred kilobytes per step cost more in page faults
    than the arithmetic."""

    def __init__(self, problem: DataProblem) -> None:
        super().__init__(problem)
        self.model: MLP = problem.model  # type: ignore[assignment]
        self.floats_per_run = 3 * self.X.shape[0] * max(self.model.layer_sizes)
        self._work: dict[tuple[int, int], dict[str, Any]] = {}
        self._views_exact: dict[tuple[int, int], bool] = {}  # (R, n) → views exact

    def _buffers(self, R: int, n: int) -> dict[str, Any]:
        cache = self._work
        work = cache.get((R, n))
        if work is None:
            if len(cache) > 4:
                cache.clear()
            hidden = [fo for *_, fo in self.model._layers[:-1]]
            widest = max(hidden, default=1)
            size = n * R * widest
            work = cache[(R, n)] = {
                "z": [np.empty((n, R, h)) for h in hidden],
                "delta": [np.empty(size), np.empty(size)],
                "deriv": np.empty(size),
                "mask": np.empty(size, dtype=bool),
                "bias": np.empty(R * widest),
            }
        return work

    def _exact_views(self, R: int, X: np.ndarray) -> bool:
        """Whether products of strided per-run views give the single run's bits for R
        runs on ``n = len(X)`` rows: checked once per (R, n), on random parameters,
        through work arrays of the shapes and strides the stack then uses. Fewer
        than _MIN_VIEW_ROWS rows always use copies (a short sum can round alike in two
        orders by chance, and copying a few rows costs little)."""
        n = X.shape[0]
        exact = self._views_exact.get((R, n))
        if exact is None:
            exact = n >= _MIN_VIEW_ROWS
            if exact:
                rng = np.random.default_rng(0)
                thetas = rng.standard_normal((R, self.model.n_params))
                d_out = rng.standard_normal((R, n))
                out, cache = self._forward(thetas, X, True)
                grad = self._backward(thetas, cache, d_out, True)
                for r in range(R):
                    single_out, acts = self.model.forward(thetas[r], X)
                    exact &= bool(np.array_equal(out[r], single_out) and np.array_equal(
                        grad[r], self.model.backward(thetas[r], acts, d_out[r])))
            self._views_exact[(R, n)] = exact
        return exact

    def loss_and_grad(self, thetas, rows=None):
        R = thetas.shape[0]
        chunk = max(1, _CHUNK_FLOATS // self.floats_per_run)
        if R <= chunk:
            return super().loss_and_grad(thetas, rows)
        loss, grad = np.empty(R), np.empty(thetas.shape)
        for c0 in range(0, R, chunk):
            loss[c0:c0 + chunk], grad[c0:c0 + chunk] = super().loss_and_grad(
                thetas[c0:c0 + chunk], rows)
        return loss, grad

    def forward(self, thetas, X):
        return self._forward(thetas, X, self._exact_views(thetas.shape[0], X))

    def backward(self, thetas, cache, d_out):
        return self._backward(thetas, cache, d_out,
                              self._views_exact[(thetas.shape[0], d_out.shape[1])])

    @staticmethod
    def _per_run(a: np.ndarray, views: bool) -> np.ndarray:
        """Run r's ``(n, h)`` matrices ``(R, n, h)`` of an ``(n, R, h)`` array (X as is)."""
        if a.ndim == 2:
            return a
        return a.transpose(1, 0, 2) if views else np.ascontiguousarray(a.transpose(1, 0, 2))

    def _forward(self, thetas: np.ndarray, X: np.ndarray, views: bool
                 ) -> tuple[np.ndarray, Any]:
        R = thetas.shape[0]
        act = self.model.activation
        work = self._buffers(R, X.shape[0])
        a = X
        acts = [a]
        for ell, (w0, w1, b1, fi, fo) in enumerate(self.model._layers[:-1]):
            z = work["z"][ell]  # (n, R, fo)
            np.matmul(self._per_run(a, views), thetas[:, w0:w1].reshape(R, fi, fo),
                      out=z.transpose(1, 0, 2))
            z += np.ascontiguousarray(thetas[:, w1:b1])  # (R, fo): one loop along R·fo
            a = _act_forward(act, z)
            acts.append(a)
        w0, w1 = self.model._layers[-1][:2]
        a_m = self._per_run(a, views)
        out = (a_m @ thetas[:, w0:w1, None])[..., 0]
        out += thetas[:, w1, None]
        return out, (acts, a_m, work)

    def _derivative(self, a: np.ndarray, work: dict[str, Any]) -> np.ndarray:
        """act′ written with a = act(z), as :func:`_act_derivative` (in a work array)."""
        act = self.model.activation
        if act == "relu":
            return np.greater(a, 0.0, out=_rows(work["mask"], *a.shape))
        out = _rows(work["deriv"], *a.shape)
        if act == "tanh":
            np.multiply(a, a, out=out)
            return np.subtract(1.0, out, out=out)
        np.subtract(1.0, a, out=out)
        return np.multiply(a, out, out=out)

    def _backward(self, thetas: np.ndarray, cache: Any, d_out: np.ndarray, views: bool
                  ) -> np.ndarray:
        R = thetas.shape[0]
        acts, a_m, work = cache
        layers = self.model._layers
        grad = np.empty(thetas.shape)
        w0, w1 = layers[-1][:2]
        grad[:, w0:w1] = (d_out[:, None, :] @ a_m)[:, 0, :]
        grad[:, w1] = d_out.sum(axis=-1)
        if len(layers) == 1:
            return grad
        n, h = d_out.shape[1], a_m.shape[2]
        delta = _rows(work["delta"][0], n, R, h)
        # ∂L/∂a_m (n, R, h_m): the outer product d_out ⊗ w of MLP.backward, per run
        np.multiply(d_out.T[:, :, None], thetas[None, :, w0:w1], out=delta)
        delta *= self._derivative(acts[-1], work)
        flip = 1
        for ell in range(len(layers) - 2, -1, -1):
            w0, w1, b1, fi, fo = layers[ell]
            d_run = self._per_run(delta, views)
            np.matmul(self._per_run(acts[ell], views).transpose(0, 2, 1) if ell
                      else acts[0].T, d_run, out=grad[:, w0:w1].reshape(R, fi, fo))
            if fo == 1:  # numpy sums the single run's (n, 1) δ as a vector: pairwise
                grad[:, w1] = np.add.reduce(np.ascontiguousarray(delta[:, :, 0].T), axis=-1)
            else:
                bias = work["bias"][:R * fo].reshape(R, fo)
                np.add.reduce(delta, axis=0, out=bias)
                grad[:, w1:b1] = bias
            if ell:
                nxt = _rows(work["delta"][flip], n, R, fi)
                flip = 1 - flip
                w_t = thetas[:, w0:w1].reshape(R, fi, fo).transpose(0, 2, 1)
                if views:  # Wᵀ copied: BLAS reads δ's strided rows faster (probed alike)
                    w_t = np.ascontiguousarray(w_t)
                np.matmul(d_run, w_t, out=nxt.transpose(1, 0, 2))
                delta = nxt
                delta *= self._derivative(acts[ell], work)
        return grad


def vectorise(problem: Problem) -> VectorisedProblem:
    """The :class:`VectorisedProblem` of a surface or data problem.

    Raises:
        ValueError: a problem that cannot be vectorised.
    """
    if isinstance(problem, SurfaceProblem) or getattr(problem, "vectorised", False):
        return _SurfaceStack(problem)
    if isinstance(problem, DataProblem):
        if isinstance(problem.model, MLP):
            return _MLPStack(problem)
        if isinstance(problem.model, LinearRegression):
            return _LinearStack(problem)
    raise ValueError(f"a {type(problem).__name__} cannot be swept in a vectorised way")


# -- the sweep ----------------------------------------------------------------------
def sweep_learning_rates(setup: Setup, learning_rates: Any, steps: int | None = None, *,
                         scenario: Scenario | None = None,
                         should_stop: Callable[[], bool] | None = None,
                         progress: Callable[[int, int], None] | None = None) -> SweepResult:
    """Run ``scenario``'s optimizer (default: the setup's own) for every learning rate.

    Args:
        setup: the prepared problem (:func:`gdstudio.core.scenario.prepare`).
        learning_rates: R > 0 learning rates (the schedule's base rate).
        steps: the step limit (default: the scenario's ``max_steps``); the scenario's
            other stopping criteria (epochs, loss and gradient tolerances) apply too.
        scenario: optimizer, hyperparameters, schedule, batch size, θ₀, seed and
            stopping criteria; the problem is the setup's.
        should_stop: called every 256 steps; True abandons the sweep
            (:class:`SweepCancelled` is raised).
        progress: called every 64 steps with (k, the last step possible): the steps
            the runs still going have taken, for a progress bar.

    Returns:
        :class:`SweepResult`.

    Raises:
        ValueError: no learning rates, a non-positive or non-finite one, or more than
            :data:`MAX_SWEEP_RUNS`; no step limit and no other stopping criterion.
        ScenarioError: invalid optimizer settings or θ₀ (from the trainer's checks).
    """
    sc = scenario or setup.scenario
    lrs = np.asarray(learning_rates, dtype=float).reshape(-1)
    if lrs.size < 1 or lrs.size > MAX_SWEEP_RUNS or not np.all(np.isfinite(lrs)) \
            or not np.all(lrs > 0):
        raise ValueError(f"learning rates must be 1 to {MAX_SWEEP_RUNS} finite numbers > 0")
    limit = sc.max_steps if steps is None else int(steps)
    if limit is None:
        if sc.max_epochs is None and sc.loss_tol is None and sc.grad_tol is None:
            raise ValueError("the sweep needs a step limit or another stopping criterion")
        limit = 10_000_000
    probe = setup.make_trainer(sc.replace(learning_rate=float(lrs[0]), max_steps=limit))
    stack = vectorise(setup.problem)
    R = lrs.size
    result = SweepResult(lrs, np.empty(R, dtype=object), np.zeros(R, dtype=int),
                         np.full(R, np.nan), np.full(R, -1), None, 0.0)
    result.stability_limit = gd_stability_limit(setup.problem, probe.theta0)
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        _sweep_block(stack, probe, sc, lrs, np.arange(R), limit, result, should_stop,
                     progress)
    result.elapsed_s = time.perf_counter() - start
    result.status = result.status.astype(str)
    return result


def _sweep_block(stack: VectorisedProblem, probe: Any, sc: Scenario, lrs: np.ndarray,
                 idx: np.ndarray, limit: int, result: SweepResult,
                 should_stop: Callable[[], bool] | None,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Run the learning rates ``lrs[idx]`` together; write their results."""
    opt = sc.make_optimizer()
    stopping = probe.stopping
    schedules = None
    if sc.schedule != "constant":
        schedules = [sc.replace(learning_rate=float(lr)).make_schedule() for lr in lrs[idx]]
    theta = np.tile(probe.theta0, (idx.size, 1))
    full = probe.batch_size is None
    rows0 = probe.batch_rows(0)
    loss, grad = stack.loss_and_grad(theta, rows0)
    div_limit = probe._limit
    max_epochs = stopping.max_epochs
    spe = probe.steps_per_epoch
    active = np.ones(idx.size, dtype=bool)
    use_hessian = opt.uses_hessian

    def finish(mask: np.ndarray, status: str, k: int, values: np.ndarray) -> None:
        where = idx[mask]
        result.status[where] = status
        result.steps[where] = k
        result.final_loss[where] = values[mask]

    # row 0: the single trainer checks its criteria at θ₀ too
    _check(stack, stopping, theta, grad, loss, None, full, 0, spe, limit, max_epochs,
           active, finish)
    k = 0
    lr_col = lrs[idx][:, None]
    tolerances = stopping.grad_tol is not None or stopping.loss_tol is not None
    end = limit if max_epochs is None else min(limit, math.ceil(max_epochs * spe))
    changed = not active.all()
    while True:
        if changed:  # drop stopped runs, and their optimizer state
            if not active.any():
                break
            keep = active
            idx, theta, grad, loss = idx[keep], theta[keep], grad[keep], loss[keep]
            lr_col = lr_col[keep]
            if schedules is not None:
                schedules = [s for s, kept in zip(schedules, keep) if kept]
            state = opt.state_dict()
            opt.load_state_dict({key: value[keep] if isinstance(value, np.ndarray) and
                                 value.ndim and value.shape[0] == keep.size else value
                                 for key, value in state.items()})
            active = np.ones(idx.size, dtype=bool)
            changed = False
        if schedules is None:
            eta = lr_col
        else:
            etas = []
            for sched in schedules:
                try:
                    etas.append(sched(k))
                except OverflowError:  # a growing schedule: γ**k beyond the float range
                    etas.append(math.inf)
            eta = np.array(etas, dtype=float)[:, None]
        opt.step(theta, grad, eta, stack.hessian(theta) if use_hessian else None)
        k += 1
        new_loss, new_grad = stack.loss_and_grad(theta, None if full else probe.batch_rows(k))
        # fast path: one sum of squares is finite only if every run's is
        if not (math.isfinite(np.vdot(new_grad, new_grad))
                and np.abs(new_loss).max() <= div_limit
                and (schedules is None or np.isfinite(eta).all())):
            ok = (np.abs(new_loss) <= div_limit) & np.isfinite(
                np.einsum("rp,rp->r", new_grad, new_grad)) & np.isfinite(eta[:, 0])
            bad = ~ok
            result.diverged_at[idx[bad]] = k
            finish(bad, "diverged", k - 1, loss)
            active &= ok
            changed = True
        prev_loss, loss, grad = loss, new_loss, new_grad
        if tolerances or k >= end:
            _check(stack, stopping, theta, grad, loss, prev_loss, full, k, spe, limit,
                   max_epochs, active, finish)
            changed = changed or not active.all()
        if k % 64 == 0:
            if progress is not None:
                progress(k, end)
            if should_stop is not None and k % 256 == 0 and should_stop():
                raise SweepCancelled


def _check(stack: VectorisedProblem, s: Any, theta: np.ndarray, grad: np.ndarray,
           loss: np.ndarray, prev_loss: np.ndarray | None, full: bool, k: int, spe: int,
           limit: int, max_epochs: float | None, active: np.ndarray,
           finish: Callable[[np.ndarray, str, int, np.ndarray], None]) -> None:
    """The single trainer's stopping rules, in its order, for every active run."""
    if s.grad_tol is not None:
        g = grad if full else stack.loss_and_grad(theta)[1]
        small = active & (np.sqrt(np.einsum("rp,rp->r", g, g)) < s.grad_tol)
        if small.any():
            finish(small, "converged", k, loss)
            active &= ~small
    if s.loss_tol is not None and prev_loss is not None:
        small = active & (np.abs(loss - prev_loss) < s.loss_tol)
        if small.any():
            finish(small, "converged", k, loss)
            active &= ~small
    if k >= limit or (max_epochs is not None and k >= max_epochs * spe):
        if active.any():
            finish(active.copy(), "finished", k, loss)
            active[:] = False


def check_sweep_problem(problem: Problem) -> None:
    """Raise ParameterError("problem") if ``problem`` cannot be swept."""
    try:
        vectorise(problem)
    except ValueError as exc:
        raise ParameterError("problem", str(exc)) from None
