"""Datasets for GD Studio: seeded synthetic generators, bundled real data, CSV import.

Everything here returns a :class:`Dataset`: a feature matrix ``X`` of shape ``(n, d)``
(float64), a target vector ``y`` of shape ``(n,)`` (float64), column names and a task,
``"regression"`` or ``"classification"``. Classification is always *binary* (the models
are logistic regression and an MLP with a sigmoid output), so classification targets
are exactly ``0.0`` or ``1.0`` and ``class_names`` names class 0 and class 1.

Three sources:

* :func:`make_dataset` -- synthetic data from ``numpy.random.default_rng(seed)``; the
  same arguments always give identical arrays. Names in :data:`SYNTHETIC_DATASETS`.
* :func:`load_bundled` -- real data shipped as CSV under ``resources/datasets/`` (found
  through :func:`gdstudio.paths.get_resource_path`; nothing is downloaded). Names in
  :data:`BUNDLED_DATASETS`; sources and licences are in ``resources/datasets/README.md``.
* :func:`load_csv` -- a student's or teacher's own CSV file. Every problem with the file
  raises :class:`DatasetError` with a message that names the column and line and says
  what to do about it.

:func:`load_dataset` dispatches between the three. :func:`train_test_split` and
:class:`Standardizer` (z-scores, and the conversion of fitted linear parameters back to
original units) complete the toolkit. numpy and the standard library only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from gdstudio.core.datasets.base import CLASSIFICATION as CLASSIFICATION
from gdstudio.core.datasets.base import REGRESSION as REGRESSION
from gdstudio.core.datasets.base import Dataset, DatasetError
from gdstudio.core.datasets.bundled import (
    _BUNDLED,
    BUNDLED_DATASETS,
    bundled_columns,
    load_bundled,
)
from gdstudio.core.datasets.csv_import import (
    MAX_ABS_VALUE,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MISSING_VALUES,
    CsvTable,
    _as_names,
    load_csv,
    read_csv_columns,
    read_csv_table,
)
from gdstudio.core.datasets.preprocessing import Standardizer, train_test_split
from gdstudio.core.datasets.synthetic import (
    _SYNTHETIC,
    SYNTHETIC_DATASETS,
    make_dataset,
)
from gdstudio.core.datasets.synthetic import (
    OUTLIER_OFFSET as OUTLIER_OFFSET,
)
from gdstudio.core.registry import ParameterError

__all__ = [
    "BUNDLED_DATASETS",
    "MAX_ABS_VALUE",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "MISSING_VALUES",
    "SYNTHETIC_DATASETS",
    "CsvTable",
    "Dataset",
    "DatasetError",
    "Standardizer",
    "bundled_columns",
    "load_bundled",
    "load_csv",
    "load_dataset",
    "make_dataset",
    "read_csv_columns",
    "read_csv_table",
    "train_test_split",
]


def load_dataset(
    name_or_path: str | os.PathLike[str],
    x: str | Sequence[str] | None = None,
    y: str | None = None,
    *,
    n_samples: int = 100,
    noise: float = 0.1,
    seed: int | None = 0,
    task: str | None = None,
) -> Dataset:
    """Load a dataset by synthetic name, bundled name, or CSV file path.

    * a name in :data:`SYNTHETIC_DATASETS` -> :func:`make_dataset` with ``n_samples``,
      ``noise`` and ``seed`` (``x`` and ``y`` must then be None);
    * a name in :data:`BUNDLED_DATASETS` -> :func:`load_bundled` with ``x``/``y``;
    * anything else that is a path object, ends in ``.csv``/``.tsv``/``.txt``, contains
      a path separator or names an existing file -> :func:`load_csv` with the task
      detected; ``x`` and ``y`` are then required.

    ``task`` (None: detect) is passed to :func:`load_bundled` / :func:`load_csv`, e.g.
    ``"regression"`` for a numeric target with two values.

    Returns:
        The Dataset (shapes as documented by the function dispatched to).

    Raises:
        ValueError: an unknown name (the message lists the synthetic and bundled names
            and says a CSV path is accepted), x/y given for a synthetic dataset, or
            invalid generator arguments.
        DatasetError: for a CSV path, x or y missing (the message lists the file's
            columns), and every error of :func:`load_csv`; bundled override errors.
    """
    if isinstance(name_or_path, str) and name_or_path in _SYNTHETIC:
        if x is not None or y is not None:
            raise ParameterError(
                "x", f"{name_or_path!r} is a synthetic dataset; x and y apply only to bundled "
                "datasets and CSV files"
            )
        dataset = make_dataset(name_or_path, n_samples=n_samples, noise=noise, seed=seed)
        if task is not None and task != dataset.task:
            raise ValueError(f"the synthetic dataset {name_or_path!r} is a {dataset.task} "
                             f"task, not {task}")
        return dataset
    if isinstance(name_or_path, str) and name_or_path in _BUNDLED:
        return load_bundled(name_or_path, x=x, y=y, task=task)
    if not isinstance(name_or_path, str | os.PathLike):
        raise ValueError(f"expected a dataset name or a CSV path, got {name_or_path!r}")
    text = os.fspath(name_or_path)
    looks_like_path = (
        not isinstance(name_or_path, str)
        or text.lower().endswith((".csv", ".tsv", ".txt"))
        or os.sep in text
        or "/" in text
        or Path(text).is_file()
    )
    if not looks_like_path:
        raise ValueError(
            f"unknown dataset {text!r}; choose a synthetic dataset "
            f"({', '.join(SYNTHETIC_DATASETS)}), a bundled dataset "
            f"({', '.join(BUNDLED_DATASETS)}) or the path of a .csv file"
        )
    x_names = _as_names(x)
    if not x_names or y is None:
        columns = read_csv_columns(text)
        raise DatasetError(
            f"{Path(text).name}: choose the feature columns (x) and the target column (y) "
            f"to load; the file's columns are: {', '.join(repr(c) for c in columns)}"
        )
    return load_csv(text, x_names, y, task=task)
