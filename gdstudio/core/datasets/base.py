"""The Dataset record and DatasetError, shared by every dataset source."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CLASSIFICATION", "REGRESSION", "Dataset", "DatasetError"]

REGRESSION = "regression"
CLASSIFICATION = "classification"
_TASKS = (REGRESSION, CLASSIFICATION)


class DatasetError(ValueError):
    """A dataset cannot be used as asked.

    Raised for problems with the data itself (a missing or non-numeric column, a
    constant feature, an unreadable file, too few rows ...). The message names the
    file, column and line concerned and says what to do; it is meant to be shown to
    the student as it is.
    """


# --------------------------------------------------------------------------- Dataset


@dataclass(frozen=True, eq=False)
class Dataset:
    """A supervised-learning dataset: features ``X``, target ``y`` and what they mean.

    Attributes:
        name: short identifier, e.g. ``"penguins"``, ``"moons"`` or a CSV file's stem.
        X: features, shape ``(n, d)``, float64, all finite.
        y: target, shape ``(n,)``, float64, all finite; ``0.0``/``1.0`` when
            ``task == "classification"``.
        feature_names: ``d`` column names, in the order of ``X``'s columns.
        target_name: name of the target column.
        task: ``"regression"`` or ``"classification"`` (binary).
        description: one or two sentences for students.
        source: citation or provenance (file path, generator call).
        licence: licence of the data ("" for a user's own file or generated data).
        class_names: for classification, the names of class 0 and class 1 (or ``()``).
        dropped_rows: rows left out because a needed value was missing (CSV loading),
            including ``dropped_nonfinite``.
        dropped_nonfinite: of those, rows left out for an infinite value or one of
            magnitude above 1e150.

    Raises:
        ValueError: on construction, if the shapes disagree, a value is not finite, the
            task is unknown, or a classification target is not 0/1.
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str
    task: str
    description: str = ""
    source: str = ""
    licence: str = ""
    class_names: tuple[str, ...] = ()
    dropped_rows: int = 0
    dropped_nonfinite: int = 0

    def __post_init__(self) -> None:
        X = np.array(self.X, dtype=np.float64)  # a private copy
        y = np.array(self.y, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"Dataset {self.name!r}: X must have shape (n, d), got {X.shape}")
        if y.shape != (X.shape[0],):
            raise ValueError(
                f"Dataset {self.name!r}: y must have shape ({X.shape[0]},), got {y.shape}"
            )
        names = tuple(str(n) for n in self.feature_names)
        if len(names) != X.shape[1]:
            raise ValueError(
                f"Dataset {self.name!r}: {len(names)} feature names for {X.shape[1]} columns"
            )
        if self.task not in _TASKS:
            raise ValueError(f"Dataset {self.name!r}: task must be one of {_TASKS}")
        if not (np.isfinite(X).all() and np.isfinite(y).all()):
            raise ValueError(f"Dataset {self.name!r}: X and y must be finite")
        class_names = tuple(str(c) for c in self.class_names)
        if self.task == CLASSIFICATION:
            if not np.isin(y, (0.0, 1.0)).all():
                raise ValueError(f"Dataset {self.name!r}: classification targets must be 0 or 1")
            if len(class_names) not in (0, 2):
                raise ValueError(f"Dataset {self.name!r}: class_names must name 2 classes")
        elif class_names:
            raise ValueError(f"Dataset {self.name!r}: a regression dataset has no class_names")
        if self.dropped_rows < 0:
            raise ValueError(f"Dataset {self.name!r}: dropped_rows must be >= 0")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)
        object.__setattr__(self, "feature_names", names)
        object.__setattr__(self, "class_names", class_names)

    @property
    def n_samples(self) -> int:
        """Number of samples ``n`` (rows of ``X``)."""
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        """Number of features ``d`` (columns of ``X``)."""
        return int(self.X.shape[1])

    def __repr__(self) -> str:
        return (
            f"Dataset(name={self.name!r}, task={self.task!r}, n_samples={self.n_samples}, "
            f"features={list(self.feature_names)}, target={self.target_name!r})"
        )
