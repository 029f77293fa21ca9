"""Splitting and scaling: :func:`train_test_split` and :class:`Standardizer`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from gdstudio.core.datasets.base import Dataset, DatasetError

__all__ = ["Standardizer", "train_test_split"]

def train_test_split(
    dataset: Dataset, test_fraction: float, seed: int | None = 0
) -> tuple[Dataset, Dataset]:
    """Split a dataset at random into a training part and a test part.

    The rows are shuffled with ``numpy.random.default_rng(seed).permutation``; the test
    part gets ``ceil(test_fraction * n)`` of them (scikit-learn's rounding), the
    training part the rest. Both keep every other field of ``dataset``; the split is not
    stratified. The same dataset, fraction and seed always give the same split.

    Returns:
        ``(train, test)`` with ``train.n_samples + test.n_samples == n``.

    Raises:
        ValueError: ``test_fraction`` is not a number strictly between 0 and 1.
        DatasetError: one of the parts would be empty (too few samples).
    """
    try:
        fraction = float(test_fraction)
    except (TypeError, ValueError):
        raise ValueError(f"test_fraction must be a number, got {test_fraction!r}") from None
    if not 0.0 < fraction < 1.0:  # also rejects NaN
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction!r}")
    n = dataset.n_samples
    n_test = math.ceil(fraction * n - 1e-9)  # tolerate 0.2 * 10 = 2.0000000000000004
    n_train = n - n_test
    if n_test < 1 or n_train < 1:
        raise DatasetError(
            f"cannot split {n} sample(s) of {dataset.name!r} with test fraction {fraction:g}: "
            f"the {'training' if n_train < 1 else 'test'} part would be empty; use a "
            "smaller test fraction or more data"
        )
    order = np.random.default_rng(seed).permutation(n)
    test_idx, train_idx = order[:n_test], order[n_test:]
    train = replace(dataset, X=dataset.X[train_idx], y=dataset.y[train_idx])
    test = replace(dataset, X=dataset.X[test_idx], y=dataset.y[test_idx])
    return train, test


class Standardizer:
    """Z-score scaling of features: ``X_std = (X - mean) / scale``, column by column.

    ``scale`` is the population standard deviation (``ddof=0``), as in scikit-learn's
    ``StandardScaler``. Fit it on the training features only and apply it to both
    training and test features.

    Attributes:
        mean: ``(d,)`` column means, in the features' units.
        scale: ``(d,)`` column standard deviations, in the features' units, all > 0.
    """

    def __init__(self, mean: np.ndarray, scale: np.ndarray) -> None:
        mean = np.array(mean, dtype=np.float64)
        scale = np.array(scale, dtype=np.float64)
        if mean.ndim != 1 or scale.shape != mean.shape:
            raise ValueError(
                f"mean and scale must both have shape (d,), got {mean.shape} and {scale.shape}"
            )
        if not (np.isfinite(mean).all() and np.isfinite(scale).all() and (scale > 0).all()):
            raise ValueError("mean must be finite and scale finite and > 0")
        self.mean = mean
        self.scale = scale

    def __repr__(self) -> str:
        return f"Standardizer(mean={self.mean!r}, scale={self.scale!r})"

    @classmethod
    def fit(cls, X: np.ndarray, feature_names: Sequence[str] | None = None) -> Standardizer:
        """Column means and population standard deviations of ``X: (n, d)``, n >= 1.

        Args:
            X: features, shape ``(n, d)``, finite.
            feature_names: optional ``d`` names, used in error messages.

        Raises:
            DatasetError: a column is constant (the message names it; it cannot be
                scaled to unit variance), or the values are too large to standardise.
            ValueError: ``X`` is not a non-empty 2-D array of finite numbers.
        """
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
            raise ValueError(f"X must have shape (n, d) with n, d >= 1, got {X.shape}")
        if not np.isfinite(X).all():
            raise ValueError("X must be finite to fit a Standardizer")
        names = list(feature_names) if feature_names is not None else []
        if names and len(names) != X.shape[1]:
            raise ValueError(f"{len(names)} feature names for {X.shape[1]} columns")
        constant = np.flatnonzero(X.min(axis=0) == X.max(axis=0))
        if constant.size:
            j = int(constant[0])
            label = f"{names[j]!r}" if names else f"column {j}"
            raise DatasetError(
                f"feature {label} is constant (every value is {X[0, j]:g}); it cannot be "
                "standardised: remove it from the features"
            )
        with np.errstate(over="ignore", invalid="ignore"):
            mean = X.mean(axis=0)
            scale = X.std(axis=0)
        if not (np.isfinite(mean).all() and np.isfinite(scale).all() and (scale > 0).all()):
            raise DatasetError(
                "the feature values are too large (or too nearly equal) to standardise; "
                "rescale them, e.g. to other units"
            )
        return cls(mean, scale)

    def _check(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim not in (1, 2) or X.shape[-1] != self.mean.shape[0]:
            raise ValueError(
                f"expected features of shape (n, {self.mean.shape[0]}) or "
                f"({self.mean.shape[0]},), got {X.shape}"
            )
        return X

    def transform(self, X: np.ndarray) -> np.ndarray:
        """``(X - mean) / scale`` for ``X: (n, d)`` or one sample ``(d,)``; same shape.

        Raises:
            ValueError: the last axis of ``X`` is not ``d`` long.
        """
        return (self._check(X) - self.mean) / self.scale

    def inverse_transform(self, X_std: np.ndarray) -> np.ndarray:
        """``X_std * scale + mean``: undoes :meth:`transform`; same shape as ``X_std``.

        Raises:
            ValueError: the last axis of ``X_std`` is not ``d`` long.
        """
        return self._check(X_std) * self.scale + self.mean

    def linear_params_to_original(
        self, w: np.ndarray, b: float | np.ndarray
    ) -> tuple[np.ndarray, float | np.ndarray]:
        """Express a linear model fitted on standardised features in original units.

        If ``f(x) = w . ((x - mean) / scale) + b`` then ``f(x) = w_orig . x + b_orig``
        with ``w_orig = w / scale`` and ``b_orig = b - sum(w * mean / scale)``, so both
        give identical predictions (for logistic regression: identical logits).

        Args:
            w: weights ``(d,)`` (or ``(d, k)`` for ``k`` outputs).
            b: bias, a float (or ``(k,)``).

        Returns:
            ``(w_orig, b_orig)``: ``w_orig`` of ``w``'s shape; ``b_orig`` a float
            (an array ``(k,)`` for ``(d, k)`` weights).

        Raises:
            ValueError: ``w``'s first axis is not ``d`` long.
        """
        w = np.asarray(w, dtype=np.float64)
        d = self.mean.shape[0]
        if w.ndim not in (1, 2) or w.shape[0] != d:
            raise ValueError(f"w must have shape ({d},) or ({d}, k), got {w.shape}")
        if w.ndim == 1:
            w_orig = w / self.scale
            return w_orig, float(b) - float(w_orig @ self.mean)
        w_orig = w / self.scale[:, None]
        return w_orig, np.asarray(b, dtype=np.float64) - self.mean @ w_orig
