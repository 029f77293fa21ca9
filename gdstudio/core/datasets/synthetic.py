"""Seeded synthetic datasets (:func:`make_dataset`): the same arguments give identical
arrays."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdstudio.core.datasets.base import CLASSIFICATION, REGRESSION, Dataset
from gdstudio.core.registry import lookup

__all__ = ["OUTLIER_OFFSET", "SYNTHETIC_DATASETS", "make_dataset"]

SYNTHETIC_DATASETS: tuple[str, ...] = (
    "linear",
    "linear_outliers",
    "sine",
    "blobs",
    "circles",
    "moons",
    "xor",
    "spiral",
)

#: Outliers in ``linear_outliers`` sit this far below the line y = 2x + 1.
OUTLIER_OFFSET = 8.0


def _class_sizes(n: int) -> tuple[int, int]:
    return n - n // 2, n // 2


def _labels(n: int) -> np.ndarray:
    n0, n1 = _class_sizes(n)
    return np.concatenate([np.zeros(n0), np.ones(n1)])


def _gen_linear(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-1.0, 1.0, n)
    y = 2.0 * x + 1.0 + noise * rng.standard_normal(n)
    return x[:, None], y


def _gen_linear_outliers(
    rng: np.random.Generator, n: int, noise: float
) -> tuple[np.ndarray, np.ndarray]:
    X, y = _gen_linear(rng, n, noise)
    k = max(1, round(0.05 * n))
    right_half = np.argsort(X[:, 0])[n // 2 :]  # outliers at large x tilt the MSE line
    idx = rng.choice(right_half, size=k, replace=False)
    y[idx] -= OUTLIER_OFFSET
    return X, y


def _gen_sine(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-1.0, 1.0, n)
    y = np.sin(np.pi * x) + noise * rng.standard_normal(n)
    return x[:, None], y


def _gen_blobs(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n)
    centres = np.where(y[:, None] == 1.0, 1.0, -1.0) * np.ones((n, 2))
    X = centres + (0.5 + noise) * rng.standard_normal((n, 2))
    return X, y


def _gen_circles(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n)
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    radius = np.where(y == 1.0, 0.5, 1.0)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


def _gen_moons(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n)
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 1.0, lower, upper)
    return X + noise * rng.standard_normal((n, 2)), y


def _gen_xor(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n)
    magnitude = rng.uniform(0.0, 1.0, (n, 2))
    sign_1 = rng.choice([-1.0, 1.0], n)
    sign_2 = np.where(y == 1.0, -sign_1, sign_1)  # class 1: the signs differ
    X = magnitude * np.column_stack([sign_1, sign_2])
    return X + noise * rng.standard_normal((n, 2)), y


def _gen_spiral(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n)
    t = rng.uniform(0.0, 1.0, n)
    radius = 0.05 + 0.95 * t
    angle = 1.75 * 2.0 * np.pi * t + np.pi * y
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


@dataclass(frozen=True)
class _Synthetic:
    generate: Callable[[np.random.Generator, int, float], tuple[np.ndarray, np.ndarray]]
    task: str
    description: str
    class_names: tuple[str, ...] = ()


_SYNTHETIC: dict[str, _Synthetic] = {
    "linear": _Synthetic(
        _gen_linear,
        REGRESSION,
        "A straight line y = 2x + 1 with Gaussian noise; x is uniform on [-1, 1]. "
        "noise is the standard deviation of the noise on y.",
    ),
    "linear_outliers": _Synthetic(
        _gen_linear_outliers,
        REGRESSION,
        "The line y = 2x + 1 with noise, plus a few gross outliers (5% of the points, at "
        f"least one, {OUTLIER_OFFSET:g} below the line at large x): compare MSE, MAE and "
        "Huber loss. noise is the standard deviation of the noise on y.",
    ),
    "sine": _Synthetic(
        _gen_sine,
        REGRESSION,
        "One period of y = sin(pi x) with Gaussian noise; x is uniform on [-1, 1]. A "
        "straight line cannot fit it; a polynomial or an MLP can. noise is the standard "
        "deviation of the noise on y.",
    ),
    "blobs": _Synthetic(
        _gen_blobs,
        CLASSIFICATION,
        "Two round Gaussian blobs centred at (-1, -1) and (+1, +1), nearly linearly "
        "separable. Each coordinate has standard deviation 0.5 + noise.",
        ("blob at (-1, -1)", "blob at (+1, +1)"),
    ),
    "circles": _Synthetic(
        _gen_circles,
        CLASSIFICATION,
        "A ring of radius 0.5 inside a ring of radius 1: no straight line separates them. "
        "noise is the standard deviation of Gaussian jitter added to each coordinate.",
        ("outer circle", "inner circle"),
    ),
    "moons": _Synthetic(
        _gen_moons,
        CLASSIFICATION,
        "Two interleaving half circles (as in scikit-learn's make_moons). noise is the "
        "standard deviation of Gaussian jitter added to each coordinate.",
        ("upper moon", "lower moon"),
    ),
    "xor": _Synthetic(
        _gen_xor,
        CLASSIFICATION,
        "Points in the square [-1, 1]^2, class 1 where x1 and x2 have different signs "
        "(exclusive or): a linear model cannot learn it. noise is the standard deviation "
        "of Gaussian jitter added to each coordinate after labelling.",
        ("same sign", "different signs"),
    ),
    "spiral": _Synthetic(
        _gen_spiral,
        CLASSIFICATION,
        "Two interleaved spirals of 1.75 turns each, radius 0.05 to 1: hard even for an "
        "MLP. noise is the standard deviation of Gaussian jitter added to each coordinate.",
        ("spiral A", "spiral B"),
    ),
}


def make_dataset(
    name: str, n_samples: int = 100, noise: float = 0.1, seed: int | None = 0
) -> Dataset:
    """Generate a synthetic dataset from ``numpy.random.default_rng(seed)``.

    Regression generators (``linear``, ``linear_outliers``, ``sine``) give one feature
    ``x`` (``X: (n, 1)``) and target ``y``. Classification generators (``blobs``,
    ``circles``, ``moons``, ``xor``, ``spiral``) give features ``x1, x2``
    (``X: (n, 2)``) and 0/1 targets ``class`` with ``n - n // 2`` samples of class 0 and
    ``n // 2`` of class 1, in shuffled order. What ``noise`` means for each generator is
    in its :attr:`Dataset.description`; for all but ``blobs`` it is the standard
    deviation of Gaussian noise (on ``y`` for regression, on each coordinate for
    classification). Units are arbitrary; features lie roughly in [-1.5, 2].

    Args:
        name: one of :data:`SYNTHETIC_DATASETS`.
        n_samples: number of samples ``n``, an integer >= 2.
        noise: noise level, finite and >= 0.
        seed: seed for ``numpy.random.default_rng``; the same name, n_samples, noise
            and seed always give identical arrays. ``None`` draws fresh entropy.

    Raises:
        ValueError: unknown name (the message lists the valid ones), ``n_samples`` not
            an integer >= 2, or ``noise`` negative or not finite.
    """
    spec = lookup("synthetic dataset", _SYNTHETIC, name)
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise ValueError(f"n_samples must be an integer >= 2, got {n_samples!r}")
    n = int(n_samples)
    if n < 2:
        raise ValueError(f"n_samples must be an integer >= 2, got {n}")
    noise_value = float(noise)
    if not math.isfinite(noise_value) or noise_value < 0.0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    X, y = spec.generate(rng, n, noise_value)
    if spec.task == CLASSIFICATION:
        order = rng.permutation(n)
        X, y = X[order], y[order]
        feature_names: tuple[str, ...] = ("x1", "x2")
        target_name = "class"
    else:
        feature_names, target_name = ("x",), "y"
    return Dataset(
        name=name,
        X=X,
        y=y,
        feature_names=feature_names,
        target_name=target_name,
        task=spec.task,
        description=spec.description,
        source=(
            f"generated by gdstudio make_dataset({name!r}, n_samples={n}, "
            f"noise={noise_value:g}, seed={seed!r})"
        ),
        class_names=spec.class_names,
    )
