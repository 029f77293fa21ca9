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

import csv
import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from gdstudio.core.registry import ParameterError, lookup
from gdstudio.paths import get_resource_path

__all__ = [
    "BUNDLED_DATASETS",
    "MAX_CSV_BYTES",
    "MISSING_VALUES",
    "SYNTHETIC_DATASETS",
    "Dataset",
    "DatasetError",
    "Standardizer",
    "bundled_columns",
    "load_bundled",
    "load_csv",
    "load_dataset",
    "make_dataset",
    "read_csv_columns",
    "train_test_split",
]

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
        dropped_rows: rows left out because a needed value was missing (CSV loading).

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


# ------------------------------------------------------------------ synthetic datasets

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


# ------------------------------------------------------------------------ CSV reading

#: Cell texts (compared case-insensitively, after stripping blanks) that mean "missing".
MISSING_VALUES: frozenset[str] = frozenset({"", "na", "n/a", "#n/a", "nan", "null", "none", "?"})

#: CSV files larger than this are refused (GD Studio is for small teaching datasets).
MAX_CSV_BYTES = 64 * 1024 * 1024

_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_BINARY_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods", ".numbers", ".zip", ".gz"}


@dataclass
class _Table:
    """A parsed CSV file: stripped header names and (line number, cells) rows."""

    path: Path
    columns: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"


def _display(path: Path) -> str:
    return path.name or str(path)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding name); DatasetError for binary data."""
    label = _display(path)
    spreadsheet_hint = (
        "; save it from your spreadsheet program as 'CSV (comma-separated values)' and "
        "load that file instead"
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (Excel "Unicode text")
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DatasetError(
                f"{label} starts like a UTF-16 text file but cannot be decoded{spreadsheet_hint}"
            ) from None
    if b"\x00" in data:
        if path.suffix.lower() in _BINARY_SUFFIXES:
            kind = "a spreadsheet or other binary file"
        else:
            kind = "a binary file (it contains NUL bytes)"
        raise DatasetError(f"{label} is {kind}, not a text CSV file{spreadsheet_hint}")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and controls > max(2, len(sample) // 100):
        raise DatasetError(
            f"{label} looks like a binary file (it has many control characters), not a "
            f"text CSV file{spreadsheet_hint}"
        )
    name = {"utf-8-sig": "utf-8", "cp1252": "cp1252 (Windows Latin-1)"}.get(encoding, encoding)
    return text, name


def _read_text(path: str | os.PathLike[str]) -> tuple[Path, str, str]:
    """Read and decode a CSV file; every failure becomes a DatasetError saying why."""
    try:
        p = Path(path)
    except TypeError:
        raise DatasetError(f"{path!r} is not a file path") from None
    label = _display(p)
    try:
        if not p.exists():
            raise DatasetError(f"cannot read {p}: there is no such file; check the path")
        if p.is_dir():
            raise DatasetError(f"cannot read {p}: it is a folder, not a file; choose a .csv file")
        size = p.stat().st_size
        if size > MAX_CSV_BYTES:
            raise DatasetError(
                f"{label} is {size / 2**20:.0f} MiB; GD Studio reads CSV files of at most "
                f"{MAX_CSV_BYTES // 2**20} MiB: use a sample of the rows"
            )
        data = p.read_bytes()
    except PermissionError:
        raise DatasetError(
            f"cannot read {p}: permission denied; copy the file somewhere you can read it"
        ) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise DatasetError(f"cannot read {p}: {reason}") from None
    text, encoding = _decode(p, data)
    if not text.strip():
        raise DatasetError(
            f"{label} is empty; a CSV file needs a header row of column names and at "
            "least two rows of values"
        )
    return p, text, encoding


def _parse_float(text: str, decimal_comma: bool) -> float | None:
    """The number in a cell, or None if it is not a number. '1,5' reads as 1.5 when the
    file's delimiter is not a comma."""
    s = text.strip()
    try:
        return float(s)
    except ValueError:
        pass
    if decimal_comma and s.count(",") == 1 and "." not in s:
        try:
            return float(s.replace(",", "."))
        except ValueError:
            return None
    return None


def _is_missing(text: str) -> bool:
    s = text.strip()
    if s.lower() in MISSING_VALUES:
        return True
    try:
        return math.isnan(float(s))  # "-nan", "+NaN" ...
    except ValueError:
        return False


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return [line]


def _detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header into the most fields,
    ties going to the one that gives the most data lines as many fields as the header."""
    lines = [line for line in text.splitlines() if line.strip()][:21]
    header, sample = lines[0], lines[1:]
    best, best_score = ",", (1, -1)
    for delimiter in _DELIMITERS:
        n_fields = len(_split_line(header, delimiter))
        if n_fields < 2:
            continue
        consistent = sum(len(_split_line(line, delimiter)) == n_fields for line in sample)
        score = (n_fields, consistent)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse(path: str | os.PathLike[str], header_only: bool = False) -> _Table:
    p, text, encoding = _read_text(path)
    label = _display(p)
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[str] | None = None
        for row in reader:
            if any(cell.strip() for cell in row):
                header = [cell.strip() for cell in row]
                break
        if header is None:
            raise DatasetError(f"{label} has no header row; add a first row of column names")
        header_line = reader.line_num
        numeric = [_parse_float(c, delimiter != ",") is not None for c in header]
        if all(numeric):
            raise DatasetError(
                f"{label}: the first row (line {header_line}) holds numbers, not column "
                "names; add a header row that names each column"
            )
        table = _Table(p, header, delimiter=delimiter, encoding=encoding)
        if header_only:
            return table
        n_columns = len(header)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank line
            line = reader.line_num
            if len(row) > n_columns:
                if any(cell.strip() for cell in row[n_columns:]):
                    raise DatasetError(
                        f"{label}: line {line} has {len(row)} fields but the header has "
                        f"{n_columns} columns; quote values that contain the "
                        f"{_DELIMITER_NAMES[delimiter]} delimiter, or fix that line"
                    )
                row = row[:n_columns]
            elif len(row) < n_columns:
                row = row + [""] * (n_columns - len(row))  # short rows: missing values
            table.rows.append((line, row))
    except csv.Error as exc:
        raise DatasetError(f"{label}: cannot parse line {reader.line_num}: {exc}") from None
    return table


def read_csv_columns(path: str | os.PathLike[str]) -> list[str]:
    """The column names in a CSV file's header row (blanks stripped), in file order.

    For the GUI's column chooser. The file is read as by :func:`load_csv`: UTF-8 (with
    or without BOM) or UTF-16 with BOM, else Windows-1252/Latin-1; delimiter comma,
    semicolon or tab.

    Raises:
        DatasetError: the file is missing, a folder, unreadable, binary, too large,
            empty, or its first row holds numbers instead of column names.
    """
    return list(_parse(path, header_only=True).columns)


def _as_names(x: str | Sequence[str] | None) -> list[str] | None:
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    return [str(name) for name in x]


def _column_index(table: _Table, name: str, role: str) -> int:
    label = _display(table.path)
    available = ", ".join(repr(c) for c in table.columns)
    exact = [i for i, c in enumerate(table.columns) if c == name.strip()]
    if not exact:
        exact = [i for i, c in enumerate(table.columns) if c.lower() == name.strip().lower()]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise DatasetError(
            f"{label} has no column {name!r} (asked for as {role}); choose one of the "
            f"available columns: {available}"
        )
    raise DatasetError(
        f"{label} has {len(exact)} columns named {name!r}; rename them in the header so "
        "each name is unique"
    )


def _numeric_columns(table: _Table, decimal_comma: bool) -> list[str]:
    """Names of the columns whose non-missing values are all numbers (for error hints)."""
    names = []
    for i, column in enumerate(table.columns):
        values = [row[i] for _, row in table.rows if not _is_missing(row[i])]
        if values and all(_parse_float(v, decimal_comma) is not None for v in values):
            names.append(column)
    return names


def _build(
    table: _Table,
    x: Sequence[str],
    y: str,
    task: str | None,
    *,
    name: str,
    description: str | None,
    source: str,
    licence: str,
    row_filter: tuple[str, tuple[str, ...]] | None = None,
    class_order: tuple[str, ...] | None = None,
) -> Dataset:
    """Select columns x and y of a parsed table and turn them into a Dataset."""
    label = _display(table.path)
    if task is not None and task not in _TASKS:
        raise ValueError(f"task must be None, 'regression' or 'classification', got {task!r}")
    if len(x) == 0:
        raise DatasetError(f"{label}: choose at least one feature column (x)")
    if len(set(x)) != len(x):
        raise DatasetError(f"{label}: a feature column is listed twice in x: {list(x)}")
    if y in x:
        raise DatasetError(
            f"{label}: column {y!r} is both a feature and the target; choose another target"
        )
    x_idx = [_column_index(table, c, "a feature (x)") for c in x]
    y_idx = _column_index(table, y, "the target (y)")
    x_names = [table.columns[i] for i in x_idx]
    y_name = table.columns[y_idx]
    rows = table.rows
    if row_filter is not None:
        f_idx = _column_index(table, row_filter[0], "a row filter")
        rows = [(ln, r) for ln, r in rows if r[f_idx].strip() in row_filter[1]]

    needed = [*x_idx, y_idx]
    kept: list[tuple[int, list[str]]] = []
    dropped = 0
    for line, row in rows:
        if any(_is_missing(row[i]) for i in needed):
            dropped += 1
        else:
            kept.append((line, row))
    if len(kept) < 2:
        raise DatasetError(
            f"{label}: only {len(kept)} usable row(s) with values in every one of "
            f"{', '.join(repr(c) for c in [*x_names, y_name])} ({dropped} dropped for "
            "missing values); at least 2 are needed"
        )

    decimal_comma = table.delimiter != ","
    X = np.empty((len(kept), len(x_idx)), dtype=np.float64)
    for r, (line, row) in enumerate(kept):
        for c, i in enumerate(x_idx):
            value = _parse_float(row[i], decimal_comma)
            if value is None:
                numeric = _numeric_columns(table, decimal_comma)
                hint = (f"numeric columns: {', '.join(numeric)}" if numeric
                        else "this file has no numeric column")
                raise DatasetError(
                    f"{label}: feature column {x_names[c]!r} has the non-numeric value "
                    f"{row[i].strip()!r} on line {line}; features must be numbers: choose "
                    f"another column ({hint}) or fix that value"
                )
            if not math.isfinite(value):
                raise DatasetError(
                    f"{label}: feature column {x_names[c]!r} has the non-finite value "
                    f"{row[i].strip()!r} on line {line}; replace it with a number, or empty "
                    "the cell to drop the row"
                )
            X[r, c] = value
    for c, column in enumerate(X.T):
        if column.min() == column.max():
            raise DatasetError(
                f"{label}: feature column {x_names[c]!r} is constant (every usable row has "
                f"{column[0]:g}); it carries no information and cannot be standardised: "
                "choose another column"
            )

    labels = [row[y_idx].strip() for _, row in kept]
    if class_order is not None:
        task, class_names = CLASSIFICATION, class_order
        y_values = _map_classes(labels, class_order, kept, y_name, label)
    else:
        task, class_names, y_values = _target(labels, kept, y_name, label, task, decimal_comma)

    if description is None:
        description = f"{len(kept)} rows of {label}: {', '.join(x_names)} -> {y_name} ({task})."
    return Dataset(
        name=name,
        X=X,
        y=y_values,
        feature_names=tuple(x_names),
        target_name=y_name,
        task=task,
        description=description,
        source=source,
        licence=licence,
        class_names=class_names,
        dropped_rows=dropped,
    )


def _map_classes(
    labels: list[str],
    class_order: tuple[str, ...],
    kept: list[tuple[int, list[str]]],
    y_name: str,
    label: str,
) -> np.ndarray:
    code = {c: float(i) for i, c in enumerate(class_order)}
    for text, (line, _) in zip(labels, kept):
        if text not in code:
            raise DatasetError(
                f"{label}: target column {y_name!r} has the value {text!r} on line {line}; "
                f"expected one of {list(class_order)}"
            )
    return np.array([code[t] for t in labels])


def _target(
    labels: list[str],
    kept: list[tuple[int, list[str]]],
    y_name: str,
    label: str,
    task: str | None,
    decimal_comma: bool,
) -> tuple[str, tuple[str, ...], np.ndarray]:
    """Decide the task (if None) and encode the target column."""
    numbers = [_parse_float(t, decimal_comma) for t in labels]
    numeric = all(v is not None and math.isfinite(v) for v in numbers)
    if numeric:
        distinct: dict[object, str] = {}
        for v, t in zip(numbers, labels):
            distinct.setdefault(v, t)
        keys: list[object] = sorted(distinct)  # type: ignore[type-var]
    else:
        distinct = {t: t for t in labels}
        keys = sorted(distinct)  # type: ignore[type-var]
    if task is None:
        task = CLASSIFICATION if len(keys) == 2 else REGRESSION

    if task == CLASSIFICATION:
        if len(keys) != 2:
            shown = ", ".join(repr(distinct[k]) for k in keys[:6])
            more = ", ..." if len(keys) > 6 else ""
            raise DatasetError(
                f"{label}: target column {y_name!r} has {len(keys)} distinct value(s) "
                f"({shown}{more}); a classification target needs exactly 2 (GD Studio's "
                "classifiers are binary): choose another column or keep only two classes"
            )
        code = {k: float(i) for i, k in enumerate(keys)}
        source_keys = numbers if numeric else labels
        y_values = np.array([code[k] for k in source_keys])
        return CLASSIFICATION, tuple(distinct[k] for k in keys), y_values

    for v, t, (line, _) in zip(numbers, labels, kept):
        if v is None:
            raise DatasetError(
                f"{label}: target column {y_name!r} has the non-numeric value {t!r} on line "
                f"{line}; a regression target must be numeric (and a classification target "
                f"must have exactly 2 distinct values; this column has {len(keys)} distinct values)"
            )
        if not math.isfinite(v):
            raise DatasetError(
                f"{label}: target column {y_name!r} has the non-finite value {t!r} on line "
                f"{line}; replace it with a number, or empty the cell to drop the row"
            )
    return REGRESSION, (), np.array(numbers, dtype=np.float64)


def load_csv(
    path: str | os.PathLike[str],
    x: Sequence[str],
    y: str,
    *,
    task: str | None = None,
) -> Dataset:
    """Load feature columns ``x`` and target column ``y`` from a CSV file with a header.

    Reading: UTF-8 with or without BOM (or UTF-16 with BOM), falling back to
    Windows-1252/Latin-1; the delimiter (comma, semicolon or tab) is detected from the
    header row; blank lines are skipped. Cells in :data:`MISSING_VALUES` (``""``,
    ``NA``, ``NaN``, ``null``, ``None``, ``?``, ``N/A`` ... any case) are missing: a row
    missing any of the chosen columns is dropped and counted in
    :attr:`Dataset.dropped_rows`. In semicolon and tab files a decimal comma (``1,5``)
    reads as 1.5. Column names match exactly, else case-insensitively.

    Task: ``"regression"`` needs a numeric target. ``"classification"`` needs exactly
    two distinct target values, mapped to 0/1 in sorted order (numeric order when both
    are numbers), and ``class_names`` holds the original labels. With ``task=None`` a
    target with exactly two distinct values is classification, anything else
    regression.

    Args:
        path: the CSV file.
        x: names of the feature columns, in the order wanted for ``X``'s columns
            (a single string is taken as one name).
        y: name of the target column.
        task: ``None`` (detect), ``"regression"`` or ``"classification"``.

    Returns:
        A Dataset named after the file's stem, ``X: (n, len(x))``, ``y: (n,)``.

    Raises:
        DatasetError: the file is missing, a folder, unreadable, binary, too large or
            empty; has no header; a column is missing (the message lists those there),
            named twice, or used as both feature and target; a feature value is not a
            number or not finite (the message gives column and line); a feature column
            is constant; the target does not suit the task; fewer than 2 rows remain.
        ValueError: ``task`` is not one of the three allowed values.
    """
    names = _as_names(x) or []
    table = _parse(path)
    return _build(
        table,
        names,
        str(y),
        task,
        name=table.path.stem,
        description=None,
        source=str(table.path),
        licence="",
    )


# ------------------------------------------------------------------ bundled datasets


@dataclass(frozen=True)
class _Bundled:
    file: str
    x: tuple[str, ...]
    y: str
    title: str
    description: str
    source: str
    licence: str
    row_filter: tuple[str, tuple[str, ...]] | None = None
    class_order: tuple[str, ...] | None = None


_PENGUINS_SOURCE = (
    "Gorman KB, Williams TD, Fraser WR (2014). Ecological sexual dimorphism and "
    "environmental variability within a community of Antarctic penguins (genus "
    "Pygoscelis). PLoS ONE 9(3): e90081. Palmer Station LTER; via the palmerpenguins "
    "package (Horst, Hill & Gorman)."
)
_PENGUINS_LICENCE = "CC0 1.0 (public domain dedication)"
_IRIS_SOURCE = (
    "Fisher RA (1936). The use of multiple measurements in taxonomic problems. Annals "
    "of Eugenics 7(2): 179-188 (measurements by E. Anderson); copy from scikit-learn's "
    "sklearn/datasets/data/iris.csv (UCI Machine Learning Repository, Iris)."
)
_IRIS_LICENCE = "CC BY 4.0 (UCI Machine Learning Repository); see iris.LICENSE.txt"
_ANSCOMBE_SOURCE = (
    "Anscombe FJ (1973). Graphs in statistical analysis. The American Statistician "
    "27(1): 17-21, Table 1."
)
_ANSCOMBE_LICENCE = "public domain (published facts: 44 numbers)"


def _anscombe(roman: str, shape: str) -> _Bundled:
    return _Bundled(
        file="anscombe.csv",
        x=("x",),
        y="y",
        title=f"Anscombe's quartet, data set {roman}",
        description=(
            f"Anscombe's quartet, data set {roman} (11 points): {shape} All four sets have "
            "the same means, variances, correlation and least-squares line y = 3 + 0.5x."
        ),
        source=_ANSCOMBE_SOURCE,
        licence=_ANSCOMBE_LICENCE,
        row_filter=("dataset", (roman,)),
    )


_BUNDLED: dict[str, _Bundled] = {
    "penguins": _Bundled(
        file="penguins.csv",
        x=("flipper_length_mm",),
        y="body_mass_g",
        title="Palmer penguins",
        description=(
            "Body mass (g) of 342 penguins from the Palmer Archipelago, Antarctica, "
            "against flipper length (mm): a clean, nearly linear regression."
        ),
        source=_PENGUINS_SOURCE,
        licence=_PENGUINS_LICENCE,
    ),
    "penguins_species": _Bundled(
        file="penguins.csv",
        x=("bill_length_mm", "bill_depth_mm"),
        y="species",
        title="Palmer penguins, Adelie vs Chinstrap",
        description=(
            "Is a penguin an Adelie (class 0) or a Chinstrap (class 1)? Bill length and "
            "depth (mm) of 219 birds; the two species overlap a little, so no line "
            "separates them perfectly."
        ),
        source=_PENGUINS_SOURCE,
        licence=_PENGUINS_LICENCE,
        row_filter=("species", ("Adelie", "Chinstrap")),
        class_order=("Adelie", "Chinstrap"),
    ),
    "iris": _Bundled(
        file="iris.csv",
        x=("petal_length_cm", "petal_width_cm"),
        y="species",
        title="Fisher's iris, versicolor vs virginica",
        description=(
            "Is an iris flower a versicolor (class 0) or a virginica (class 1)? Petal "
            "length and width (cm) of 100 flowers; the classes overlap slightly, a good "
            "case for logistic regression."
        ),
        source=_IRIS_SOURCE,
        licence=_IRIS_LICENCE,
        row_filter=("species", ("versicolor", "virginica")),
        class_order=("versicolor", "virginica"),
    ),
    "anscombe1": _anscombe("I", "a noisy straight line."),
    "anscombe2": _anscombe("II", "a smooth curve, not a line."),
    "anscombe3": _anscombe("III", "a perfect line with one outlier."),
    "anscombe4": _anscombe("IV", "x = 8 everywhere but one point, which decides the fit."),
    "diabetes": _Bundled(
        file="diabetes.csv",
        x=("bmi",),
        y="progression",
        title="Diabetes progression",
        description=(
            "Disease progression one year after baseline (a score) of 442 diabetes "
            "patients against body-mass index (kg/m^2); nine more baseline measurements "
            "can be added as features."
        ),
        source=(
            "Efron B, Hastie T, Johnstone I, Tibshirani R (2004). Least angle regression. "
            "Annals of Statistics 32(2): 407-499; raw (unscaled) data as shipped with "
            "scikit-learn (sklearn/datasets/data/diabetes_*.csv.gz)."
        ),
        licence="BSD-3-Clause (as distributed with scikit-learn); see diabetes.LICENSE.txt",
    ),
    "cars": _Bundled(
        file="cars.csv",
        x=("horsepower",),
        y="mpg",
        title="Cars (Auto MPG)",
        description=(
            "Fuel economy (miles per US gallon) of 392 car models from 1970-1982 against "
            "engine horsepower: a curved relation, good for polynomial features."
        ),
        source=(
            "Donoho D, Ramos E (1982). PRIMDATA: data sets for use with PRIM-H; StatLib, "
            "Carnegie Mellon University (the 'Auto MPG' data); via the vega_datasets "
            "package (cars.json)."
        ),
        licence="CC BY 4.0 (UCI Machine Learning Repository, Auto MPG); see cars.LICENSE.txt",
    ),
}

BUNDLED_DATASETS: tuple[str, ...] = tuple(_BUNDLED)


def _bundled_spec(name: str) -> _Bundled:
    return lookup("bundled dataset", _BUNDLED, name)


def bundled_columns(name: str) -> list[str]:
    """All column names of a bundled dataset's CSV file (for choosing ``x``/``y``).

    Raises:
        ValueError: unknown name (the message lists the valid ones).
        DatasetError: the bundled file is missing or damaged (a broken installation).
    """
    return read_csv_columns(get_resource_path("datasets", _bundled_spec(name).file))


def load_bundled(name: str, x: str | Sequence[str] | None = None, y: str | None = None) -> Dataset:
    """Load a real dataset shipped with GD Studio (see :data:`BUNDLED_DATASETS`).

    Defaults (units in the column names; sources and licences in ``source``/``licence``
    and ``resources/datasets/README.md``):

    ==================  ====================================  ============  ==============  =====
    name                features x                            target y      task            n
    ==================  ====================================  ============  ==============  =====
    penguins            flipper_length_mm                     body_mass_g   regression      342
    penguins_species    bill_length_mm, bill_depth_mm         species       Adelie(0) vs    219
                                                                            Chinstrap(1)
    iris                petal_length_cm, petal_width_cm       species       versicolor(0)   100
                                                                            vs virginica(1)
    anscombe1..4        x                                     y             regression      11
    diabetes            bmi                                   progression   regression      442
    cars                horsepower                            mpg           regression      392
    ==================  ====================================  ============  ==============  =====

    Rows missing a value in a chosen column are dropped (``dropped_rows``). The two
    species tasks keep only rows of their two species; the Anscombe sets keep only
    their own 11 rows.

    Args:
        name: one of :data:`BUNDLED_DATASETS`.
        x: feature column names to use instead of the defaults (see
            :func:`bundled_columns`).
        y: target column to use instead of the default. Choosing a different target
            detects the task as :func:`load_csv` does (two distinct values ->
            classification), e.g. ``load_bundled("penguins", y="sex")``.

    Returns:
        Dataset with ``X: (n, len(x))`` and ``y: (n,)``.

    Raises:
        ValueError: unknown name (the message lists the valid ones).
        DatasetError: an override names a column that does not exist or does not suit
            (non-numeric feature, unsuitable target), or the bundled file is missing or
            damaged (a broken installation).
    """
    spec = _bundled_spec(name)
    x_names = _as_names(x)
    features = tuple(x_names) if x_names is not None else spec.x
    target = spec.y if y is None else str(y)
    default_target = target.lower() == spec.y.lower()
    overridden = features != spec.x or not default_target
    table = _parse(get_resource_path("datasets", spec.file))
    dataset = _build(
        table,
        features,
        target,
        CLASSIFICATION if (default_target and spec.class_order) else None,
        name=name,
        description=None if overridden else spec.description,
        source=spec.source,
        licence=spec.licence,
        row_filter=spec.row_filter,
        class_order=spec.class_order if default_target else None,
    )
    if overridden:
        dataset = replace(
            dataset,
            description=(
                f"{spec.title}: {', '.join(dataset.feature_names)} -> {dataset.target_name} "
                f"({dataset.task}, {dataset.n_samples} rows)."
            ),
        )
    return dataset


# ------------------------------------------------------------------------- dispatch


def load_dataset(
    name_or_path: str | os.PathLike[str],
    x: str | Sequence[str] | None = None,
    y: str | None = None,
    *,
    n_samples: int = 100,
    noise: float = 0.1,
    seed: int | None = 0,
) -> Dataset:
    """Load a dataset by synthetic name, bundled name, or CSV file path.

    * a name in :data:`SYNTHETIC_DATASETS` -> :func:`make_dataset` with ``n_samples``,
      ``noise`` and ``seed`` (``x`` and ``y`` must then be None);
    * a name in :data:`BUNDLED_DATASETS` -> :func:`load_bundled` with ``x``/``y``;
    * anything else that is a path object, ends in ``.csv``/``.tsv``/``.txt``, contains
      a path separator or names an existing file -> :func:`load_csv` with the task
      detected; ``x`` and ``y`` are then required.

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
        return make_dataset(name_or_path, n_samples=n_samples, noise=noise, seed=seed)
    if isinstance(name_or_path, str) and name_or_path in _BUNDLED:
        return load_bundled(name_or_path, x=x, y=y)
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
    return load_csv(text, x_names, y)


# --------------------------------------------------------------- splitting, scaling


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
