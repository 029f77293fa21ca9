"""The largest stable learning rate of plain gradient descent, where the Hessian is known.

For L(θ) with Hessian H at θ, one step of gradient descent maps a small error e to
(I − ηH)e; it shrinks in every direction only when |1 − ηλ| < 1 for every eigenvalue λ
of H, that is 0 < η < 2/λ_max (e.g. Nocedal & Wright, *Numerical Optimization*, 2nd
ed., §3.3; Goodfellow, Bengio & Courville, *Deep Learning*, §4.3.1). For MSE linear
and polynomial regression the Hessian is the constant 2ΦᵀΦ/n, so the limit holds
everywhere; for the analytic surfaces it is the limit at the point where H is taken.
Momentum and adaptive methods have other limits; the GD limit is still the scale a
student compares η with.
"""

from __future__ import annotations

import math

import numpy as np

from gdstudio.core.problems import Problem

__all__ = ["largest_curvature", "gd_stability_limit", "suggest_learning_rate"]


def largest_curvature(problem: Problem, theta: np.ndarray) -> float | None:
    """λ_max, the largest eigenvalue of the exact Hessian of L at ``theta`` ``(p,)``;
    None where the problem has no exact Hessian or it is not finite."""
    if not problem.has_hessian:
        return None
    try:
        with np.errstate(all="ignore"):
            hessian = np.asarray(problem.hessian(np.asarray(theta, dtype=float)), dtype=float)
    except ValueError:
        return None
    if not np.all(np.isfinite(hessian)):
        return None
    return float(np.linalg.eigvalsh((hessian + hessian.T) / 2)[-1])


def gd_stability_limit(problem: Problem, theta: np.ndarray) -> float | None:
    """2/λ_max at ``theta``: gradient descent with a larger η diverges near there.

    None where the Hessian is unknown or has no positive eigenvalue.
    """
    lam = largest_curvature(problem, theta)
    if lam is None or not lam > 0:
        return None
    return 2.0 / lam


def suggest_learning_rate(problem: Problem, theta: np.ndarray, learning_rate: float) -> float:
    """A learning rate to try after a divergence with ``learning_rate``.

    Half the GD stability limit at θ where it is known and smaller than η/10, else
    η/10, rounded down to one significant digit (a number a student can type).
    """
    candidate = learning_rate / 10
    limit = gd_stability_limit(problem, theta)
    if limit is not None:
        candidate = min(candidate, limit / 2)
    if not (candidate > 0 and math.isfinite(candidate)):
        return learning_rate / 10
    exponent = math.floor(math.log10(candidate))
    return math.floor(candidate / 10**exponent) * 10**exponent
