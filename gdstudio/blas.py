"""One BLAS threading policy for the window and the headless runner: one thread.

GD Studio's matrices are small (at most a few hundred rows by 64 columns), so extra
BLAS threads only add synchronisation, and on a busy machine they wait for cores held
by other processes. Measured on the shared 2-core development machine, 2-64-64-1 MLP,
Adam, 500 points: 500–660 steps/s with one OpenBLAS thread against 60–220 steps/s
with numpy's default of two (the issue measured 569 against 72). One thread is never
slower than two here, so it is the policy for every entry point.

Override with the environment variable ``GDSTUDIO_BLAS_THREADS`` (a whole number ≥ 1)
for larger problems on an idle machine.

Core (``gdstudio.core``) does not import this module: library users keep numpy's
default unless they call :func:`configure_blas` themselves.
"""

from __future__ import annotations

import os
import sys

__all__ = ["ENV_VAR", "DEFAULT_THREADS", "configure_blas", "blas_threads"]

#: Environment variable that overrides the number of BLAS threads.
ENV_VAR = "GDSTUDIO_BLAS_THREADS"
#: BLAS threads used unless ENV_VAR says otherwise.
DEFAULT_THREADS = 1
_BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")
_limiter: object | None = None


def _requested() -> int:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return DEFAULT_THREADS
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ValueError(f"{ENV_VAR} must be a whole number ≥ 1, got {value!r}")
    return threads


def configure_blas(threads: int | None = None) -> int:
    """Apply the BLAS thread policy to this process; call it once, early.

    Before numpy is imported this only sets ``OPENBLAS_NUM_THREADS`` and friends (no
    import cost: the BLAS library reads them when numpy loads it), overriding values
    inherited from the environment; after, it limits the loaded BLAS libraries through
    threadpoolctl. Either way child processes inherit the environment variables.

    Args:
        threads: BLAS threads; default ``$GDSTUDIO_BLAS_THREADS`` or 1.

    Returns:
        The number of threads requested.

    Raises:
        ValueError: ``threads`` or ``$GDSTUDIO_BLAS_THREADS`` not a whole number ≥ 1.
    """
    global _limiter
    n = _requested() if threads is None else int(threads)
    if n < 1:
        raise ValueError(f"BLAS threads must be ≥ 1, got {threads!r}")
    for var in _BLAS_ENV:
        os.environ[var] = str(n)
    if "numpy" in sys.modules:
        from threadpoolctl import threadpool_limits

        _limiter = threadpool_limits(limits=n, user_api="blas")  # stays in force
    return n


def blas_threads() -> list[int]:
    """Threads of each BLAS library loaded in this process (threadpoolctl's view)."""
    from threadpoolctl import threadpool_info

    return [int(lib["num_threads"]) for lib in threadpool_info()
            if lib.get("user_api") == "blas"]
