"""The history of a run: every step's scalars, and θ, gradients and optimizer checkpoints
within a memory budget.

Row k describes θ_k (the parameters after k updates): the full training loss, the norm
of the gradient the next update uses, the test loss (with a split) — kept for every
row — and θ_k and g_k, kept in full for the most recent rows and for every 2ᵏ-th older
row (the stride doubles whenever the budget would be exceeded). Optimizer checkpoints
follow the same spacing, so any row can be replayed exactly from the latest checkpoint
before it (:meth:`History.row`). Used by :class:`gdstudio.core.trainer.Trainer`.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["History", "ThinnedHistoryError", "DEFAULT_HISTORY_BUDGET", "RECENT_ROWS"]

_CHUNK = 4096


#: Default memory budget, in bytes, for the parameter history (θ, gradient vectors and
#: optimizer checkpoints) of all trainers that do not set their own: it is shared evenly
#: among the live ones (one run: all of it; eight compared runs: an eighth each).
DEFAULT_HISTORY_BUDGET = 256 * 2**20
#: Rows at the end of a history that are always kept in full (θ and gradient), unless
#: that many rows need more than half the budget (see :attr:`History.recent_rows`).
RECENT_ROWS = 8192
_MIN_RECENT = 64
_SHARED: weakref.WeakSet[History] = weakref.WeakSet()


class ThinnedHistoryError(LookupError):
    """θ / gradient vectors were asked for history rows that were thinned away to stay
    within the memory budget (use ``History.thinned_path`` or ``History.row``)."""


class History:
    """Per-step records of one run (or an R-run sweep), within a memory budget.

    Shapes for a single run of p parameters (``run_shape = ()``); an R-run sweep has
    ``run_shape = (R,)`` and every array gains that axis after the step axis.

    What is kept:

    * **Every row**: the training loss L(θ_k), the test loss where there is a split,
      and ‖g_k‖: 16 bytes a row (24 with a test split), never thinned (10M steps:
      160 MB). The learning rate and epoch are derived, not stored.
    * **Recent rows in full**: θ_k and the gradient vector g_k of every row from
      :attr:`full_start` on: at least the last :attr:`recent_rows` rows, and as many
      more as fit in half the budget.
    * **Older rows, thinned**: θ_k only, for k a multiple of :attr:`stride` (1, 2, 4,
      …, doubled whenever the budget would be exceeded), and the optimizer checkpoints
      at the same spacing (with θ and g of their row), so that :meth:`row` and
      ``Trainer.rewind`` stay exact for every k: the trainer replays from the latest
      checkpoint at or before k, bit for bit.

    Memory: :attr:`nbytes` ≤ the budget + the scalar rows, except for floors (64
    recent rows, row 0 and its checkpoint).

    Args:
        n_params: p, the number of parameters.
        run_shape: () or (R,).
        has_test: whether rows carry a test loss.
        budget_bytes: bytes for θ, gradient vectors and checkpoints; None = unlimited
            (nothing is ever thinned), ``"shared"`` = an even share of
            :data:`DEFAULT_HISTORY_BUDGET` among the live histories that share it.
        recent_rows: rows guaranteed complete at the end (capped to what fits in half
            the budget, at least 64).

    Raises:
        ValueError: a budget that is not a positive number of bytes (or None/"shared"),
            recent_rows < 1.

    Reading: :meth:`rows`, :attr:`theta` and :attr:`grad` raise
    :class:`ThinnedHistoryError` for ranges that start before :attr:`full_start`;
    :meth:`thinned_path` returns the kept θ with their step numbers; :meth:`row` works
    for any k (replaying through the trainer for thinned rows).
    """

    def __init__(self, n_params: int, run_shape: tuple[int, ...] = (),
                 has_test: bool = False, budget_bytes: int | str | None = None,
                 recent_rows: int = RECENT_ROWS) -> None:
        if budget_bytes is not None and budget_bytes != "shared" and (
                isinstance(budget_bytes, (bool, str)) or int(budget_bytes) <= 0):
            raise ValueError("the history budget must be a number of bytes > 0, None or "
                             f"'shared', got {budget_bytes!r}")
        if int(recent_rows) < 1:
            raise ValueError(f"recent_rows must be ≥ 1, got {recent_rows!r}")
        self.n_params = n_params
        self.run_shape = run_shape
        self.has_test = has_test
        self.budget = budget_bytes if budget_bytes in (None, "shared") else int(budget_bytes)
        self._recent_request = int(recent_rows)
        runs = int(np.prod(run_shape)) if run_shape else 1
        self._row_bytes = 2 * 8 * n_params * runs  # θ and g of one full row
        if budget_bytes == "shared":
            _SHARED.add(self)
        #: row k → (θ_k, g_k, L_k) replayed from a checkpoint; set by the trainer
        self.replay: Callable[[int], tuple[np.ndarray, np.ndarray, Any]] | None = None
        self._chunk = _CHUNK if self.budget is None else max(
            1, min(_CHUNK, self._half_rows() // 8))
        self._n = 0
        self.truncate(0)

    # -- budget ----------------------------------------------------------------------
    @property
    def budget_bytes(self) -> int | None:
        """The budget in force now, in bytes (None: unlimited). A shared budget is
        ``DEFAULT_HISTORY_BUDGET // (number of live histories sharing it)``."""
        if self.budget is None:
            return None
        if self.budget == "shared":
            return DEFAULT_HISTORY_BUDGET // max(1, len(_SHARED))
        return int(self.budget)

    def _half_rows(self) -> int:
        budget = self.budget_bytes
        return 1 << 62 if budget is None else (budget // 2) // self._row_bytes

    @property
    def recent_rows(self) -> int:
        """Rows at the end of the history guaranteed complete (θ and g) right now:
        ``min(recent_rows asked for, rows fitting in half the budget)``, at least 64.
        A reader that streams rows (the GUI worker, ``gdstudio run``) gets every θ if
        it reads at least every this many steps."""
        if self.budget is None:
            return 1 << 62
        return max(_MIN_RECENT, min(self._recent_request, self._half_rows() - self._chunk))

    @property
    def full_start(self) -> int:
        """First row kept in full: rows ``full_start …`` have θ and g (0: none thinned)."""
        return self._full_start

    @property
    def stride(self) -> int:
        """Spacing of the kept θ and checkpoints before :attr:`full_start` (a power of 2)."""
        return self._stride

    # -- writing ---------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    def _scalar_chunk(self) -> list[np.ndarray | None]:
        # [loss, ‖g‖ (allocated when rows are thinned), test loss]
        rs = self.run_shape
        chunk = [np.empty((_CHUNK, *rs)), None, np.empty((_CHUNK, *rs)) if self.has_test else None]
        self._scalars.append(chunk)
        return chunk

    def _full_chunk(self) -> tuple[np.ndarray, np.ndarray]:
        shape = (self._chunk, *self.run_shape, self.n_params)
        chunk = (np.empty(shape), np.empty(shape))
        self._full.append(chunk)
        return chunk

    def append(self, theta: np.ndarray, grad: np.ndarray, loss: Any,
               test_loss: Any = None) -> None:
        """Add one row (copies the arrays); thins older rows when over the budget."""
        n = self._n
        c, i = divmod(n, _CHUNK)
        sc = self._scalars[c] if c < len(self._scalars) else self._scalar_chunk()
        sc[0][i] = loss  # type: ignore[index]
        if self.has_test:
            sc[2][i] = test_loss  # type: ignore[index]
        c, i = divmod(n - self._full_start, self._chunk)
        fc = self._full[c] if c < len(self._full) else self._full_chunk()
        fc[0][i] = theta
        fc[1][i] = grad
        self._n = n + 1
        if self._n >= self._check_at:
            self._enforce_budget()

    def set_checkpoint(self, k: int, state: Any) -> None:
        """Store the optimizer (or trainer) state after k updates (row k), for replay."""
        if k in self._ckpts:
            self._ckpt_bytes -= _nbytes(self._ckpts[k])
        else:
            bisect.insort(self._ckpt_keys, k)
        self._ckpts[k] = [state, None, None]
        self._ckpt_bytes += _nbytes(state)

    def checkpoint(self, k: int) -> tuple[int, Any, np.ndarray, np.ndarray]:
        """The latest checkpoint at or before row k: ``(c, state, θ_c, g_c)``.

        θ_c and g_c are new arrays; ``state`` is the stored object (load it, do not
        modify it).

        Raises:
            IndexError: k outside ``0 … len − 1``.
        """
        if not 0 <= k < self._n:
            raise IndexError(f"row {k} is outside a history of {self._n} rows")
        c = self._ckpt_keys[bisect.bisect_right(self._ckpt_keys, k) - 1]
        state, theta, grad = self._ckpts[c]
        if c >= self._full_start:
            theta, grad = self._full_row(c)
        return c, state, theta.copy(), grad.copy()

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` rows (0 ≤ n ≤ len) and the checkpoints of those rows.

        Raises:
            ValueError: n outside ``0 … len``.
        """
        if not 0 <= n <= self._n:
            raise ValueError(f"cannot truncate a history of {self._n} rows to {n}")
        if n == 0:
            self._n = 0
            self._scalars: list[list[np.ndarray | None]] = []
            self._full: list[tuple[np.ndarray, np.ndarray]] = []
            self._full_start = 0
            self._stride = 1
            self._old_steps = np.empty(0, dtype=np.int64)
            # thinned θ in fixed blocks of ~4 MB: growing never copies (no peak)
            self._old_blocks: list[np.ndarray] = []
            self._block = max(1, (4 << 20) // (self._row_bytes // 2))
            self._m = 0
            self._ckpts: dict[int, list[Any]] = {}
            self._ckpt_keys: list[int] = []  # sorted keys of _ckpts
            self._ckpt_bytes = 0  # all checkpoints
            self._old_ckpt_bytes = 0  # those before full_start
            self._check_at = 1 if self.budget is not None else 1 << 62
            return
        self._n = n
        del self._scalars[(n + _CHUNK - 1) // _CHUNK:]
        if n >= self._full_start:
            del self._full[(n - self._full_start + self._chunk - 1) // self._chunk:]
        else:
            self._full = []
            self._full_start = n
            self._m = int(np.searchsorted(self._old_steps[:self._m], n))
            del self._old_blocks[-(-self._m // self._block):]
        cut = bisect.bisect_left(self._ckpt_keys, n)
        for key in self._ckpt_keys[cut:]:
            self._ckpt_bytes -= _nbytes(self._ckpts.pop(key))
        del self._ckpt_keys[cut:]
        self._old_ckpt_bytes = sum(_nbytes(v) for k, v in self._ckpts.items()
                                   if k < self._full_start)
        if self.budget is not None:
            self._check_at = n + 1

    # -- thinning --------------------------------------------------------------------
    def _enforce_budget(self) -> None:
        """Move whole chunks of rows older than the recent window to the thinned store,
        then double the stride until θ, g and checkpoints fit in the budget."""
        keep = max(self.recent_rows, self._half_rows() - self._chunk)
        while self._n - self._full_start - self._chunk >= keep:
            self._evict_chunk()
        budget = self.budget_bytes
        assert budget is not None
        # what the full rows and their checkpoints may grow to before the next check
        reserve = (keep + 2 * self._chunk) * self._row_bytes + 2 * (
            self._ckpt_bytes - self._old_ckpt_bytes)
        while self._old_bytes() > budget - reserve and self._m > 1:
            self._double_stride()
        self._check_at = self._full_start + keep + self._chunk

    def _old_bytes(self) -> int:
        return self._m * (self._row_bytes // 2 + 8) + self._old_ckpt_bytes

    def _evict_chunk(self) -> None:
        theta, grad = self._full.pop(0)
        a, stride = self._full_start, self._stride
        b = a + self._chunk
        self._full_start = b
        norms = _norms(grad)
        j = 0
        while j < self._chunk:
            c, i = divmod(a + j, _CHUNK)
            take = min(_CHUNK - i, self._chunk - j)
            sc = self._scalars[c]
            column = sc[1]
            if column is None:
                column = sc[1] = np.empty((_CHUNK, *self.run_shape))
            column[i:i + take] = norms[j:j + take]
            j += take
        keep = np.arange(-(-a // stride) * stride, b, stride)
        if keep.size:
            self._append_old(keep, theta[keep - a])
        keys = self._ckpt_keys
        lo, hi = bisect.bisect_left(keys, a), bisect.bisect_left(keys, b)
        span = keys[lo:hi]
        keys[lo:hi] = [key for key in span if not key % stride]
        for key in span:
            if key % stride:
                self._ckpt_bytes -= _nbytes(self._ckpts.pop(key))
            else:
                entry = self._ckpts[key]
                entry[1], entry[2] = theta[key - a].copy(), grad[key - a].copy()
                self._ckpt_bytes += entry[1].nbytes + entry[2].nbytes
                self._old_ckpt_bytes += _nbytes(entry)

    def _append_old(self, steps: np.ndarray, theta: np.ndarray) -> None:
        m, need = self._m, self._m + len(steps)
        if need > len(self._old_steps):
            old_steps = self._old_steps
            self._old_steps = np.empty(max(need, 2 * len(old_steps), 64), dtype=np.int64)
            self._old_steps[:m] = old_steps[:m]
        self._old_steps[m:need] = steps
        B = self._block
        j = 0
        while m + j < need:
            b, i = divmod(m + j, B)
            if b == len(self._old_blocks):
                self._old_blocks.append(np.empty((B, *self.run_shape, self.n_params)))
            take = min(B - i, need - m - j)
            self._old_blocks[b][i:i + take] = theta[j:j + take]
            j += take
        self._m = need

    def _old_rows(self, idx: np.ndarray) -> np.ndarray:
        """Thinned θ at positions ``idx`` (increasing) of the thinned store, a new array."""
        out = np.empty((len(idx), *self.run_shape, self.n_params))
        blocks = idx // self._block
        for b in np.unique(blocks):
            sel = blocks == b
            out[sel] = self._old_blocks[b][idx[sel] % self._block]
        return out

    def _double_stride(self) -> None:
        stride = 2 * self._stride
        self._stride = stride
        keep = np.flatnonzero(self._old_steps[:self._m] % stride == 0)
        # compact in place, block by block: keep[j] ≥ j, so every source row lies in
        # the destination block or a later one, not yet overwritten
        B = self._block
        for j in range(0, len(keep), B):
            idx = keep[j:j + B]
            self._old_blocks[j // B][:len(idx)] = self._old_rows(idx)
        self._old_steps[:len(keep)] = self._old_steps[keep]
        self._m = len(keep)
        del self._old_blocks[-(-self._m // B):]
        keys = self._ckpt_keys
        cut = bisect.bisect_left(keys, self._full_start)
        for key in keys[:cut]:
            if key % stride:
                size = _nbytes(self._ckpts.pop(key))
                self._ckpt_bytes -= size
                self._old_ckpt_bytes -= size
        keys[:cut] = [key for key in keys[:cut] if not key % stride]

    # -- reading ---------------------------------------------------------------------
    def _full_row(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        c, i = divmod(k - self._full_start, self._chunk)
        chunk = self._full[c]
        return chunk[0][i], chunk[1][i]

    def _scalar(self, j: int, start: int, stop: int) -> np.ndarray:
        parts = []
        for c in range(start // _CHUNK, (stop + _CHUNK - 1) // _CHUNK if stop > start else 0):
            lo, hi = max(start - c * _CHUNK, 0), min(stop - c * _CHUNK, _CHUNK)
            parts.append(self._scalars[c][j][lo:hi])  # type: ignore[index]
        if not parts:
            return np.empty((0, *self.run_shape))
        return parts[0].copy() if len(parts) == 1 else np.concatenate(parts)

    def _vectors(self, j: int, start: int, stop: int) -> np.ndarray:
        if stop <= start:
            return np.empty((0, *self.run_shape, self.n_params))
        if start < self._full_start:
            raise ThinnedHistoryError(
                f"θ and gradient vectors of rows {start}…{min(stop, self._full_start) - 1} "
                f"were thinned to keep the history within its memory budget (only rows "
                f"from {self._full_start} on are complete, before them only the θ of every "
                f"multiple of {self._stride}): read rows as they come (within "
                f"{self.recent_rows} steps), or use thinned_path() / row(k)")
        parts, ch, base = [], self._chunk, self._full_start
        for c in range((start - base) // ch, (stop - base + ch - 1) // ch):
            lo, hi = max(start - base - c * ch, 0), min(stop - base - c * ch, ch)
            parts.append(self._full[c][j][lo:hi])
        if not parts:
            return np.empty((0, *self.run_shape, self.n_params))
        return parts[0].copy() if len(parts) == 1 else np.concatenate(parts)

    def _range(self, start: int, stop: int | None) -> tuple[int, int]:
        stop = self._n if stop is None else min(stop, self._n)
        return max(0, min(start, stop)), stop

    def rows(self, start: int = 0, stop: int | None = None, *,
             vectors: bool = True) -> dict[str, np.ndarray | None]:
        """Rows ``start:stop`` as a dict of new arrays.

        Keys: loss (m, *run_shape), test_loss (same, or None without a split),
        grad_norm (same), theta and grad ((m, *run_shape, p), or None with
        ``vectors=False``). ``stop`` None means the end; the range is clipped.

        Raises:
            ThinnedHistoryError: ``vectors`` and the range starts before
                :attr:`full_start` (those θ were thinned).
        """
        start, stop = self._range(start, stop)
        theta = self._vectors(0, start, stop) if vectors else None
        grad = self._vectors(1, start, stop) if vectors else None
        return {"theta": theta, "grad": grad, "loss": self._scalar(0, start, stop),
                "test_loss": self._scalar(2, start, stop) if self.has_test else None,
                "grad_norm": self._grad_norm(start, stop, grad)}

    def _grad_norm(self, start: int, stop: int, grad: np.ndarray | None) -> np.ndarray:
        mid = min(max(start, self._full_start), stop)
        old = self._scalar(1, start, mid)
        if grad is None:
            grad = self._vectors(1, mid, stop)
        else:
            grad = grad[mid - start:]
        new = _norms(grad)
        return new if mid == start else np.concatenate([old, new])

    def row(self, k: int) -> tuple[np.ndarray, np.ndarray, Any]:
        """(θ_k, g_k, L_k) of one row (negative k counts from the end), new arrays.

        A thinned row is replayed from the latest checkpoint before it (exact).

        Raises:
            IndexError: k outside the history.
        """
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(f"row {k} is outside a history of {self._n} rows")
        if k < self._full_start:
            if self.replay is None:
                raise ThinnedHistoryError(f"row {k} was thinned and nothing can replay it")
            return self.replay(k)
        theta, grad = self._full_row(k)
        loss = self._scalars[k // _CHUNK][0][k % _CHUNK]  # type: ignore[index]
        return theta.copy(), grad.copy(), loss.copy() if self.run_shape else float(loss)

    def thinned_path(self, start: int = 0, stop: int | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
        """The θ kept for rows ``start:stop``: ``(steps (m,), theta (m, *run_shape, p))``.

        Every row from :attr:`full_start` on, and every :attr:`stride`-th row before
        (always row 0); steps increase. For drawing descent paths of any length.
        """
        start, stop = self._range(start, stop)
        m = self._m
        lo, hi = np.searchsorted(self._old_steps[:m], [start, stop])
        full_lo = max(start, self._full_start)
        steps = np.concatenate([self._old_steps[lo:hi],
                                np.arange(full_lo, max(full_lo, stop), dtype=np.int64)])
        theta = np.concatenate([self._old_rows(np.arange(lo, hi)),
                                self._vectors(0, full_lo, stop)])
        return steps, theta

    @property
    def theta(self) -> np.ndarray:
        """θ of every row, (n, *run_shape, p). Raises ThinnedHistoryError once thinned."""
        return self._vectors(0, 0, self._n)

    @property
    def grad(self) -> np.ndarray:
        """g of every row, (n, *run_shape, p). Raises ThinnedHistoryError once thinned."""
        return self._vectors(1, 0, self._n)

    @property
    def loss(self) -> np.ndarray:
        """L(θ_k) of every row, (n, *run_shape)."""
        return self._scalar(0, 0, self._n)

    @property
    def test_loss(self) -> np.ndarray | None:
        """Test loss of every row, (n, *run_shape), or None without a split."""
        return self._scalar(2, 0, self._n) if self.has_test else None

    @property
    def grad_norm(self) -> np.ndarray:
        """‖g_k‖ of every row: (n, *run_shape) (kept for thinned rows too)."""
        return self._grad_norm(0, self._n, None)

    @property
    def nbytes(self) -> int:
        """Bytes held: scalar rows, full rows, thinned θ and checkpoints (not counting
        the unused tail of the last chunks)."""
        runs = self._row_bytes // (16 * self.n_params)
        scalars = 8 * runs * ((2 if self.has_test else 1) * self._n + self._full_start)
        full = (self._n - self._full_start) * self._row_bytes
        old = self._m * (self._row_bytes // 2 + 8)
        return scalars + full + old + self._ckpt_bytes

    @property
    def allocated_nbytes(self) -> int:
        """Bytes of the arrays allocated for the history (nbytes + unused chunk tails)."""
        arrays = [a for chunk in self._scalars for a in chunk if a is not None]
        arrays += [a for chunk in self._full for a in chunk]
        arrays += self._old_blocks
        return sum(a.nbytes for a in arrays) + self._old_steps.nbytes + self._ckpt_bytes


def _norms(grad: np.ndarray) -> np.ndarray:
    """‖g‖ over the last axis of (m, …, p) rows: ``sqrt(sum(g², axis=-1))`` computed
    256 rows at a time (the same bits per row, without an (m, …, p) temporary)."""
    out = np.empty(grad.shape[:-1])
    for j in range(0, len(grad), 256):
        np.sqrt(np.sum(grad[j:j + 256] ** 2, axis=-1), out=out[j:j + 256])
    return out


def _nbytes(value: Any) -> int:
    """Bytes of the numpy arrays in a (nested) state dict / list."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value)
    return 0
