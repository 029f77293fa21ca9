"""CSV import: a student's or teacher's own file -> :class:`Dataset`.

What is read, and what is refused (every refusal is a :class:`DatasetError` whose text
is shown as it is by the window's dialog and on the runner's stderr; a message names the
file, the line number and the column, and never quotes a cell of the file):

* **Size**: at most :data:`MAX_CSV_BYTES` (50 MB), checked from the file's size before
  reading (and the read itself is capped), and at most :data:`MAX_CSV_ROWS`
  (1,000,000) data rows.
* **Kind of file**: only a regular file. A folder, a FIFO, a device such as
  ``/dev/zero`` or a socket is refused at once, before it is opened (nothing hangs).
  Spreadsheets and other binary files are refused with a hint to export CSV.
* **Encoding**: UTF-8 with or without a byte-order mark; UTF-16 with a byte-order mark
  (Excel's "Unicode text"). Any other bytes are read as Windows-1252/Latin-1 only when
  they look like Western text; text in Big5, GBK, Shift-JIS or another East Asian
  double-byte encoding, and UTF-16 without a byte-order mark, are refused by name
  (never turned silently into garbled column names): save the file as UTF-8.
* **Lines**: LF, CRLF or CR line ends; blank lines are skipped.
* **Delimiter**: comma, semicolon or tab, detected from the header row (the one that
  splits it into the most fields, ties broken by the data rows). Excel's ``sep=;``
  first line is honoured (it names the delimiter and is not taken as the header).
* **Decimal comma**: in semicolon- and tab-separated files ``1,5`` reads as 1.5. In a
  comma-separated file a quoted ``"1,5"`` is refused with a hint.
* **Quotes**: parsed by Python's :mod:`csv` module (``"Smith, J"`` is one field;
  ``""`` is a literal quote). Malformed quoting, e.g. a quote that is never closed,
  is an error naming the line where the value starts.
* **Header**: the first non-blank row names the columns (blanks stripped). Empty or
  duplicate names are refused (trailing empty header fields are ignored). A name may
  contain commas or other delimiters when quoted in the file; on the command line
  select it CSV-style: ``--x '"weight, kg",height'``.
* **Missing values**: cells in :data:`MISSING_VALUES` (``""``, ``NA``, ``NaN``,
  ``null`` ...) are missing; a row missing a chosen column is dropped and counted in
  :attr:`Dataset.dropped_rows`. Infinite values and numbers of magnitude above
  :data:`MAX_ABS_VALUE` (1e150; their squares near the float limit) are treated the same
  way: dropped and counted, the count reported.

The file is parsed once: :func:`read_csv_table` returns the parsed table, which
:func:`load_csv` accepts in place of a path, and the last parsed file is remembered
(keyed by path, size and modification time), so reading a file's columns and then
loading it parses it only once.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from gdstudio.core.datasets.base import _TASKS, CLASSIFICATION, REGRESSION, Dataset, DatasetError

__all__ = ["MAX_ABS_VALUE", "MAX_CSV_BYTES", "MAX_CSV_ROWS", "MISSING_VALUES", "CsvTable",
           "load_csv", "read_csv_columns", "read_csv_table"]

#: Cell texts (compared case-insensitively, after stripping blanks) that mean "missing".
MISSING_VALUES: frozenset[str] = frozenset({"", "na", "n/a", "#n/a", "nan", "null", "none", "?"})

#: CSV files larger than this are refused (GD Studio is for small teaching datasets).
MAX_CSV_BYTES = 50 * 1000 * 1000
#: ... and so are files with more data rows than this.
MAX_CSV_ROWS = 1_000_000
#: Values of larger magnitude (and infinities) count as missing: their squares overflow.
MAX_ABS_VALUE = 1e150

_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_BINARY_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods", ".numbers", ".zip", ".gz"}
_SEP_LINE = re.compile(r"\A\ufeff?sep=(.)[ \t]*\r?\n", re.IGNORECASE)
_SAVE_AS_UTF8 = "; save it from your spreadsheet or editor as 'CSV UTF-8' and load that file"


@dataclass
class CsvTable:
    """A parsed CSV file: stripped header names and (line number, cells) rows.

    Every row has exactly ``len(columns)`` cells (short rows are padded with missing
    values). Line numbers are the file's physical line numbers, from 1.
    """

    path: Path
    columns: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"
    header_line: int = 1


_Table = CsvTable  # the name used inside this package


def _display(path: Path) -> str:
    return path.name or str(path)


def _name(column: str) -> str:
    """A column name for a message: quoted, control characters and markup defused, long
    names shortened (a header is file content, so it is never echoed raw)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in column)
    clean = clean.replace("<", "‹").replace(">", "›").replace("&", "+")
    if len(clean) > 40:
        clean = clean[:39] + "…"
    return repr(clean)


def _names(columns: Sequence[str], limit: int = 20) -> str:
    shown = ", ".join(_name(c) for c in columns[:limit])
    return shown + (f", … ({len(columns)} columns)" if len(columns) > limit else "")


def _looks_east_asian(data: bytes) -> bool:
    """Bytes that are not UTF-8 but look like Big5, GBK or Shift-JIS: their non-ASCII
    bytes come in lead/trail pairs (runs of even length, often long ones), where
    Latin-1 text has mostly single accented letters among ASCII."""
    runs = [len(m.group()) for m in re.finditer(rb"[\x80-\xff]+", data[:65536])]
    if not runs:
        return False
    if sum(r for r in runs if r >= 3) > 0.5 * sum(runs):
        return True
    if len(runs) >= 2 and all(r % 2 == 0 for r in runs):
        for encoding in ("big5", "gbk", "shift_jis"):
            try:
                data[:65536].decode(encoding)
            except UnicodeDecodeError:
                continue
            return True
    return False


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding name); DatasetError for binary data or an
    encoding that would be misread."""
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
        sample = data[:4096]
        odd_nuls = sample[1::2].count(0)
        even_nuls = sample[0::2].count(0)
        if len(sample) >= 4 and max(odd_nuls, even_nuls) >= 0.4 * (len(sample) // 2) \
                and min(odd_nuls, even_nuls) == 0:
            raise DatasetError(
                f"{label} is encoded as UTF-16 without a byte-order mark, which GD Studio "
                f"does not read{_SAVE_AS_UTF8}"
            )
        if path.suffix.lower() in _BINARY_SUFFIXES:
            kind = "a spreadsheet or other binary file"
        else:
            kind = "a binary file (it contains NUL bytes)"
        raise DatasetError(f"{label} is {kind}, not a text CSV file{spreadsheet_hint}")
    try:
        text, name = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        if _looks_east_asian(data):
            raise DatasetError(
                f"{label} is not UTF-8: it looks like Big5, GBK, Shift-JIS or another East "
                f"Asian double-byte encoding, which GD Studio does not guess{_SAVE_AS_UTF8}"
            ) from None
        try:
            text, name = data.decode("cp1252"), "cp1252 (Windows Latin-1)"
        except UnicodeDecodeError:
            text, name = data.decode("latin-1"), "latin-1"
    sample_text = text[:65536]
    controls = sum(1 for ch in sample_text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample_text and controls > max(2, len(sample_text) // 100):
        raise DatasetError(
            f"{label} looks like a binary file (it has many control characters), not a "
            f"text CSV file{spreadsheet_hint}"
        )
    return text, name


def _read_bytes(p: Path) -> bytes:
    """The file's bytes: regular files only (checked before opening, so a FIFO or a
    device never blocks), at most MAX_CSV_BYTES (checked before and while reading)."""
    label = _display(p)
    limit = MAX_CSV_BYTES
    too_big = (f"{label} is larger than {limit / 1e6:.0f} MB; GD Studio reads CSV files of "
               f"at most {limit / 1e6:.0f} MB: use a sample of the rows")
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise DatasetError(f"cannot read {p}: there is no such file; check the path") from None
    except PermissionError:
        raise DatasetError(
            f"cannot read {p}: permission denied; copy the file somewhere you can read it"
        ) from None
    except OSError as exc:
        raise DatasetError(f"cannot read {p}: {exc.strerror or type(exc).__name__}") from None
    if stat.S_ISDIR(st.st_mode):
        raise DatasetError(f"cannot read {p}: it is a folder, not a file; choose a .csv file")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise DatasetError(f"cannot read {p}: it is {kind}, not a regular file; choose a "
                           ".csv file")
    if st.st_size > limit:
        raise DatasetError(too_big)
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except PermissionError:
        raise DatasetError(
            f"cannot read {p}: permission denied; copy the file somewhere you can read it"
        ) from None
    except OSError as exc:
        raise DatasetError(f"cannot read {p}: {exc.strerror or type(exc).__name__}") from None
    if len(data) > limit:
        raise DatasetError(too_big)
    return data


def _read_text(path: str | os.PathLike[str]) -> tuple[Path, str, str]:
    """Read and decode a CSV file; every failure becomes a DatasetError saying why."""
    try:
        p = Path(path)
    except TypeError:
        raise DatasetError("the dataset is not a file path") from None
    text, encoding = _decode(p, _read_bytes(p))
    if not text.strip():
        raise DatasetError(
            f"{_display(p)} is empty; a CSV file needs a header row of column names and at "
            "least two rows of values"
        )
    return p, text, encoding


def _parse_float(text: str, decimal_comma: bool) -> float | None:
    """The number in a cell, or None if it is not a number. '1,5' reads as 1.5 when the
    file's delimiter is not a comma. Underscores (Python's 1_000) are not numbers."""
    s = text.strip()
    if "_" in s:
        return None
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


def _usable(value: float) -> bool:
    """A finite number small enough to square: others count as missing."""
    return math.isfinite(value) and abs(value) <= MAX_ABS_VALUE


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


_cache: dict[tuple[str, int, int, int], CsvTable] = {}


def _parse(path: str | os.PathLike[str] | CsvTable, header_only: bool = False) -> CsvTable:
    if isinstance(path, CsvTable):
        return path
    try:
        st = os.stat(path)
        key: tuple[str, int, int, int] | None = (
            os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ino)
    except (OSError, TypeError, ValueError):
        key = None
    if key is not None and key in _cache:
        return _cache[key]
    table = _parse_file(path, header_only)
    if key is not None and not header_only:
        _cache.clear()  # remember the last file only
        _cache[key] = table
    return table


def _parse_file(path: str | os.PathLike[str], header_only: bool) -> CsvTable:
    p, text, encoding = _read_text(path)
    label = _display(p)
    sep = _SEP_LINE.match(text)
    if sep:  # Excel: "sep=;" names the delimiter and is not the header
        delimiter = sep.group(1)
        if delimiter in ('"', "\n", "\r", " "):
            raise DatasetError(f"{label}: line 1 names an unusable delimiter; remove that "
                               "line or name a comma, semicolon or tab")
    else:
        delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        if sep:
            next(reader)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if any(cell.strip() for cell in row):
                header = [cell.strip().lstrip("\ufeff") for cell in row]
                break
        if header is None:
            raise DatasetError(f"{label} has no header row; add a first row of column names")
        header_line = reader.line_num
        while header and not header[-1] and len(header) > 1:
            header.pop()  # "a,b," : trailing empty header fields are not columns
        numeric = [_parse_float(c, delimiter != ",") is not None for c in header]
        if all(numeric):
            raise DatasetError(
                f"{label}: the first row (line {header_line}) holds numbers, not column "
                "names; add a header row that names each column"
            )
        for j, name in enumerate(header):
            if not name:
                raise DatasetError(
                    f"{label}: column {j + 1} has no name in the header (line {header_line}); "
                    "name every column, or delete the unnamed one"
                )
        seen: dict[str, int] = {}
        for j, name in enumerate(header):
            if name.lower() in seen:
                raise DatasetError(
                    f"{label}: columns {seen[name.lower()] + 1} and {j + 1} are both named "
                    f"{_name(name)} in the header (line {header_line}); rename them so "
                    "each name is unique"
                )
            seen[name.lower()] = j
        table = CsvTable(p, header, delimiter=delimiter, encoding=encoding,
                         header_line=header_line)
        if header_only:
            return table
        n_columns = len(header)
        rows = table.rows
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue  # blank line
            line = reader.line_num
            if line > start and any("\n" in cell or "\r" in cell for cell in row):
                raise DatasetError(
                    f"{label}: a quoted value on line {start} runs over {line - start + 1} "
                    "lines; a quote is probably not closed: close it or remove it"
                )
            if len(row) > n_columns:
                if any(cell.strip() for cell in row[n_columns:]):
                    raise DatasetError(
                        f"{label}: line {line} has {len(row)} fields but the header has "
                        f"{n_columns} columns; quote values that contain the "
                        f"{_DELIMITER_NAMES.get(delimiter, repr(delimiter))} delimiter, "
                        "or fix that line"
                    )
                row = row[:n_columns]
            elif len(row) < n_columns:
                row = row + [""] * (n_columns - len(row))  # short rows: missing values
            rows.append((line, row))
            if len(rows) > MAX_CSV_ROWS:
                raise DatasetError(
                    f"{label} has more than {MAX_CSV_ROWS:,} data rows; GD Studio reads at "
                    f"most {MAX_CSV_ROWS:,}: use a sample of the rows"
                )
    except csv.Error as exc:
        what = ("a quote opened there is never closed" if "unexpected end" in str(exc)
                else "the quoting is malformed (a quote must open and close a whole value; "
                "write a literal quote as two quotes)")
        raise DatasetError(f"{label}: cannot parse the value starting on line {start}: "
                           f"{what}") from None
    return table


def read_csv_table(path: str | os.PathLike[str]) -> CsvTable:
    """Parse a CSV file once (see the module docstring for what is read and refused).

    The result can be passed to :func:`load_csv` instead of the path.

    Raises:
        DatasetError: as :func:`load_csv` for the file itself.
    """
    return _parse(path)


def read_csv_columns(path: str | os.PathLike[str] | CsvTable) -> list[str]:
    """The column names in a CSV file's header row (blanks stripped), in file order.

    For the GUI's column chooser. The file is read as by :func:`load_csv` (and parsed
    once: a following :func:`load_csv` of the unchanged file reuses the parse).

    Raises:
        DatasetError: the file is missing, not a regular file, unreadable, binary, in an
            encoding that is refused, too large, empty, or its header is unusable.
    """
    return list(_parse(path).columns)


def _as_names(x: str | Sequence[str] | None) -> list[str] | None:
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    return [str(name) for name in x]


def _column_index(table: _Table, name: str, role: str) -> int:
    label = _display(table.path)
    exact = [i for i, c in enumerate(table.columns) if c == name.strip()]
    if not exact:
        exact = [i for i, c in enumerate(table.columns) if c.lower() == name.strip().lower()]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        hint = ""
        if len(table.columns) == 1:
            hint = (" (the header has a single column: no comma, semicolon or tab separates "
                    "its names)")
        raise DatasetError(
            f"{label} has no column {_name(name)} (asked for as {role}); choose one of the "
            f"available columns: {_names(table.columns)}{hint}"
        )
    raise DatasetError(  # pragma: no cover - the header check refuses duplicate names
        f"{label} has {len(exact)} columns named {_name(name)}; rename them in the header so "
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
        raise DatasetError(f"{label}: a feature column is listed twice in x: {_names(x)}")
    if y in x:
        raise DatasetError(
            f"{label}: column {_name(y)} is both a feature and the target; choose another "
            "target"
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
    decimal_comma = table.delimiter != ","
    kept: list[tuple[int, list[str]]] = []
    values: list[list[float]] = []
    dropped = nonfinite = 0
    for line, row in rows:
        if any(_is_missing(row[i]) for i in needed):
            dropped += 1
            continue
        numbers = []
        for c, i in enumerate(x_idx):
            value = _parse_float(row[i], decimal_comma)
            if value is None:
                numeric = _numeric_columns(table, decimal_comma)
                hint = (f"numeric columns: {', '.join(_name(n) for n in numeric)}" if numeric
                        else "this file has no numeric column")
                comma = ""
                if not decimal_comma and _parse_float(row[i], True) is not None:
                    comma = (" (it has a decimal comma, which a comma-separated file cannot "
                             "hold: save the file with semicolons as separators, or use "
                             "decimal points)")
                raise DatasetError(
                    f"{label}: feature column {_name(x_names[c])} has a non-numeric value "
                    f"on line {line}{comma}; features must be numbers: choose another "
                    f"column ({hint}) or fix that value"
                )
            numbers.append(value)
        target = _parse_float(row[y_idx], decimal_comma)
        if not all(_usable(v) for v in numbers) or (target is not None and not _usable(target)):
            dropped += 1
            nonfinite += 1
            continue
        kept.append((line, row))
        values.append(numbers)
    if len(kept) < 2:
        raise DatasetError(
            f"{label}: only {len(kept)} usable row(s) with values in every one of "
            f"{_names([*x_names, y_name])} ({dropped} dropped for missing values"
            + (f", {nonfinite} of them for infinite values or values beyond "
               f"{MAX_ABS_VALUE:g}" if nonfinite else "")
            + "); at least 2 are needed"
        )
    X = np.array(values, dtype=np.float64).reshape(len(kept), len(x_idx))
    for c, column in enumerate(X.T):
        if column.min() == column.max():
            raise DatasetError(
                f"{label}: feature column {_name(x_names[c])} is constant (every usable row "
                f"has {column[0]:g}); it carries no information and cannot be standardised: "
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
        dropped_nonfinite=nonfinite,
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
                f"{label}: target column {_name(y_name)} has an unexpected value on line "
                f"{line}; expected one of {list(class_order)}"
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
            raise DatasetError(
                f"{label}: target column {_name(y_name)} has {len(keys)} distinct value(s); "
                "a classification target needs exactly 2 (GD Studio's "
                "classifiers are binary): choose another column or keep only two classes"
            )
        code = {k: float(i) for i, k in enumerate(keys)}
        source_keys = numbers if numeric else labels
        y_values = np.array([code[k] for k in source_keys])
        return CLASSIFICATION, tuple(distinct[k] for k in keys), y_values

    for v, (line, _) in zip(numbers, kept):
        if v is None:
            raise DatasetError(
                f"{label}: target column {_name(y_name)} has a non-numeric value on line "
                f"{line}; a regression target must be numeric (and a classification target "
                f"must have exactly 2 distinct values; this column has {len(keys)} distinct values)"
            )
        if not math.isfinite(v):
            raise DatasetError(
                f"{label}: target column {_name(y_name)} has a non-finite value on line "
                f"{line}; replace it with a number, or empty the cell to drop the row"
            )
    return REGRESSION, (), np.array(numbers, dtype=np.float64)


def load_csv(
    path: str | os.PathLike[str] | CsvTable,
    x: Sequence[str],
    y: str,
    *,
    task: str | None = None,
) -> Dataset:
    """Load feature columns ``x`` and target column ``y`` from a CSV file with a header.

    Reading as described in the module docstring (encodings, delimiters, quotes, limits).
    A row missing any of the chosen columns (or holding an infinite or huge value there)
    is dropped and counted in :attr:`Dataset.dropped_rows`. Column names match exactly,
    else case-insensitively.

    Task: ``"regression"`` needs a numeric target. ``"classification"`` needs exactly
    two distinct target values, mapped to 0/1 in sorted order (numeric order when both
    are numbers), and ``class_names`` holds the original labels. With ``task=None`` a
    target with exactly two distinct values is classification, anything else
    regression.

    Args:
        path: the CSV file, or a table from :func:`read_csv_table`.
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
            number (the message gives column and line); a feature column
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
