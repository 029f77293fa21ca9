"""CSV import: a student's or teacher's own file -> :class:`Dataset`."""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from gdstudio.core.datasets.base import _TASKS, CLASSIFICATION, REGRESSION, Dataset, DatasetError

__all__ = ["MAX_CSV_BYTES", "MISSING_VALUES", "load_csv", "read_csv_columns"]

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
