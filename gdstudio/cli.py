"""``gdstudio run``: the headless runner over the same core as the GUI.

::

    gdstudio run [SCENARIO.toml] --steps N [--csv OUT.csv] [--png OUT.png] [--json] [overrides]

Exit status:

* 0 finished (also when a stopping criterion ended the run);
* 1 diverged (the CSV is still written up to the divergence; stderr says what happened,
  with the real numbers, and names the likely cause);
* 2 bad input (stderr names the flag or scenario key and the valid range; nothing is
  written and nothing is run);
* 3 an output cannot be written (missing or read-only folder, a folder given as the
  file, an empty name, a full disk); checked before running where possible;
* 4 internal error (one line on stderr naming a report file with the traceback);
* 130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM: the run stops cleanly between
  chunks and the CSV holds every step up to there, each row complete.

Outputs are written to a temporary file in the same folder and renamed into place, so
an existing file is never left half-written or emptied. The CSV is streamed: the run
advances in chunks of :data:`CHUNK` steps and each chunk's rows are appended as it
ends.

CSV: a header, then one row per step from step 0 (θ before any update): ``step, epoch,
loss, lr, grad_norm``, one column per parameter (by name), one ``grad_<name>`` column
per parameter (the gradient the update after that row used — the mini-batch gradient
under SGD, the one ``grad_norm`` measures; in the last row the full-batch gradient at
the final θ), and ``test_loss`` last when there is a train/test split. ``loss`` is
the full training-set loss at that θ, ``lr`` the learning rate of the update that
follows, ``grad_norm`` the norm of the gradient
that update uses (the mini-batch gradient for mini-batch variants). θ is in the units
the model trains in (z-scores of the features when standardised). Floats are written
with Python's shortest round-trip representation.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import IO, Any, NoReturn

import numpy as np

from gdstudio.core.atomic import discard, replace_onto, temporary_beside
from gdstudio.core.datasets import Dataset, DatasetError
from gdstudio.core.expressions import ExpressionError, parse_expression
from gdstudio.core.formatting import format_number
from gdstudio.core.losses import LOSS_NAMES
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, optimizer_defaults
from gdstudio.core.scenario import (
    DATA_DEFAULTS,
    LIMITS,
    TASKS,
    Scenario,
    ScenarioError,
    Setup,
    check_data_scale,
    load_scenario,
    parse_batch_size,
    prepare,
)
from gdstudio.core.schedules import SCHEDULE_NAMES
from gdstudio.core.session import with_problem_changes, with_run_changes, with_shared_changes
from gdstudio.core.status import Status, StopReason
from gdstudio.core.surfaces import ALL_SURFACE_NAMES
from gdstudio.core.trainer import Trainer

__all__ = ["run_main", "build_parser", "write_csv", "scenario_from_args", "EXIT_CODES"]

EXIT_OK, EXIT_DIVERGED, EXIT_BAD_INPUT, EXIT_OUTPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
EXIT_CODES = {"finished": EXIT_OK, "diverged": EXIT_DIVERGED, "bad input": EXIT_BAD_INPUT,
              "output": EXIT_OUTPUT, "internal error": EXIT_INTERNAL,
              "SIGINT": EXIT_SIGINT, "SIGTERM": EXIT_SIGTERM}
#: steps per chunk of the streamed run (signals are answered between chunks)
CHUNK = 4096
#: a summary lists at most this many parameters by name
SUMMARY_PARAMS = 8
#: data values beyond this (after standardising the features) make the loss overflow
_HUGE_DATA = 1e100

# command-line flag -> optimizer hyperparameter
_HYPER_FLAGS = {"momentum": "momentum", "beta1": "beta1", "beta2": "beta2", "eps": "eps",
                "rho": "rho", "weight_decay": "weight_decay", "dampening": "dampening"}
_SCHEDULE_FLAGS = ("step_size", "gamma", "decay_rate", "decay_steps", "t_max", "eta_min",
                   "warmup_steps", "start_factor")
_SCHEDULE_LENGTHS = ("step_size", "decay_steps", "t_max", "warmup_steps")
_IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit status 2, as the contract says
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n"
                  f"(all options: {self.prog} --help)\n")


def _number(low: float | None = None, high: float | None = None, *, low_open: bool = False,
            high_open: bool = False, integer: bool = False):
    """An argparse type: a finite number (a whole number if ``integer``) in a range; the
    error (prefixed by argparse with the flag) states the range."""
    if integer:
        what = "a whole number"
    else:
        what = "a number"
    def show(v: float) -> str:
        return f"{int(v):,}" if float(v).is_integer() and abs(v) < 1e16 else f"{v:g}"

    if low is not None and high is not None:
        rng = (f"{what} in {'(' if low_open else '['}{show(low)}, {show(high)}"
               f"{')' if high_open else ']'}")
    elif low is not None:
        rng = f"{what} {'>' if low_open else '≥'} {low:g}"
    else:
        rng = what

    def convert(text: str) -> float | int:
        t = text.strip()
        value: float | int
        try:
            if "_" in t:
                raise ValueError
            value = float(t)
            if integer and math.isfinite(value):
                if not value.is_integer():
                    raise ValueError
                value = int(t) if t.lstrip("+-").isdigit() else int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {rng}, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"expected {rng} (finite), got {text!r}")
        if (low is not None and (value < low or (low_open and value == low))) or \
                (high is not None and (value > high or (high_open and value == high))):
            raise argparse.ArgumentTypeError(f"must be {rng}, got {text}")
        return value

    convert.__name__ = "integer" if integer else "number"
    return convert


def _float_list(text: str) -> list[float]:
    try:
        if "_" in text:
            raise ValueError
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated numbers, e.g. -1.5,2, got {text!r}") from None
    if not values or not all(math.isfinite(v) and abs(v) <= 1e150 for v in values):
        raise argparse.ArgumentTypeError(f"expected finite numbers (|v| ≤ 1e150), got {text!r}")
    return values


def _int_list(text: str) -> list[int]:
    limit = LIMITS["hidden_size"]
    try:
        if "_" in text:
            raise ValueError
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated layer sizes, e.g. 16,16, got {text!r}") from None
    if not values or min(values) < 1 or max(values) > limit:
        raise argparse.ArgumentTypeError(
            f"layer sizes must be whole numbers from 1 to {limit} (and the network at most "
            f"{LIMITS['parameters']:,} parameters), got {text}")
    return values


def _columns(text: str) -> list[str]:
    """--x: comma-separated column names, CSV-quoted when a name holds a comma."""
    try:
        cells = next(csv.reader([text], skipinitialspace=True, strict=True))
    except (csv.Error, StopIteration):
        raise argparse.ArgumentTypeError(
            "expected comma-separated column names; quote a name that holds a comma, "
            "e.g. '\"weight, kg\",height'") from None
    names = [c.strip() for c in cells if c.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected at least one column name")
    return names


_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


def _attach_negative_values(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``--init -1.5,2`` → ``--init=-1.5,2``: a value that starts with a minus sign is
    kept with its flag (argparse would take it for an option), so every numeric flag
    accepts negative numbers in both forms and the range check sees them."""
    takes_value = {opt for action in parser._actions  # noqa: SLF001 - argparse has no API
                   if isinstance(action, argparse._StoreAction)  # noqa: SLF001
                   for opt in action.option_strings}
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            out.extend(argv[i:])
            break
        if token in takes_value and i + 1 < len(argv) and _NEGATIVE_VALUE.match(argv[i + 1]):
            out.append(f"{token}={argv[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gdstudio run`` (flag names are a contract)."""
    p = _Parser(prog="gdstudio run", description="Run gradient descent headless; write CSV, "
                "PNG or JSON. Flags override the scenario file.")
    p.add_argument("scenario", nargs="?", help="scenario TOML file (optional)")
    p.add_argument("--steps", type=_number(0, LIMITS["max_steps"], integer=True),
                   help="number of steps to run (default: the scenario's max_steps, else "
                   f"1000; at most {LIMITS['max_steps']:,})")
    p.add_argument("--csv", metavar="OUT.csv", help="write the history, one row per step")
    p.add_argument("--png", metavar="OUT.png", help="render the landscape with the descent "
                   "path and the loss curve (.png, or .jpg/.jpeg for a JPEG)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    g = p.add_argument_group("problem")
    g.add_argument("--surface", choices=ALL_SURFACE_NAMES,
                   help="minimise an analytic surface (parabola, double_well: one parameter)")
    g.add_argument("--expression", metavar="TEXT",
                   help="minimise a function typed as text, e.g. 'x**2 + 10*y**2' (f(x) "
                   "when y does not appear); + - * / ** ^, sin cos tan exp log log10 sqrt abs "
                   "tanh sinh cosh arctan sigmoid, pi, e")
    g.add_argument("--condition", type=_number(1, LIMITS["condition"]),
                   help="condition number of the quadratic")
    g.add_argument("--dataset", metavar="NAME|PATH.csv", help="fit a model to a dataset")
    g.add_argument("--x", metavar="COL[,COL...]", type=_columns,
                   help="feature column(s); quote a name with a comma: '\"a, b\",c'")
    g.add_argument("--y", metavar="COL", help="target column")
    g.add_argument("--n-samples", type=_number(2, LIMITS["n_samples"], integer=True),
                   help="size of a synthetic dataset")
    g.add_argument("--noise", type=_number(0, LIMITS["noise"]),
                   help="noise of a synthetic dataset")
    g.add_argument("--model", choices=MODEL_NAMES)
    g.add_argument("--degree", type=_number(1, LIMITS["degree"], integer=True),
                   help="polynomial degree")
    g.add_argument("--hidden", type=_int_list, help="MLP hidden layer sizes, e.g. 16,16")
    g.add_argument("--activation", choices=ACTIVATION_NAMES)
    g.add_argument("--loss", choices=LOSS_NAMES)
    g.add_argument("--huber-delta", type=_number(0, low_open=True))
    g.add_argument("--standardize", action=argparse.BooleanOptionalAction, default=None,
                   help="standardise the features (z-scores)")
    g.add_argument("--test-fraction", type=_number(0, 1, high_open=True),
                   help="hold out this fraction as test set")
    g.add_argument("--task", choices=TASKS, help="regression or classification (default "
                   "auto: a target with two values is classification)")
    o = p.add_argument_group("optimizer")
    o.add_argument("--optimizer", choices=OPTIMIZER_NAMES)
    o.add_argument("--lr", type=_number(0, low_open=True), help="learning rate η")
    unit = _number(0, 1, high_open=True)
    hyper_types = {"momentum": unit, "beta1": unit, "beta2": unit, "rho": unit,
                   "dampening": unit, "eps": _number(0, low_open=True),
                   "weight_decay": _number(0)}
    for flag in _HYPER_FLAGS:
        o.add_argument("--" + flag.replace("_", "-"), type=hyper_types[flag], dest=flag)
    o.add_argument("--bias-correction", action=argparse.BooleanOptionalAction, default=None,
                   help="Adam/AdamW: correct the moment estimates' bias (default on)")
    o.add_argument("--batch-size", metavar="N|full", help="full (batch GD), 1 (SGD) or k")
    o.add_argument("--schedule", choices=SCHEDULE_NAMES)
    length = _number(1, LIMITS["schedule_steps"], integer=True)
    schedule_types = {"gamma": _number(0, low_open=True), "decay_rate": _number(0),
                      "eta_min": _number(0), "start_factor": _number(0, 1, low_open=True)}
    for flag in _SCHEDULE_FLAGS:
        o.add_argument("--" + flag.replace("_", "-"), type=schedule_types.get(flag, length),
                       dest=flag, help=f"schedule parameter {flag}")
    o.add_argument("--init", type=_float_list, metavar="v1,v2,...", help="initial θ")
    o.add_argument("--seed", type=_number(0, LIMITS["seed"], integer=True))
    s = p.add_argument_group("stopping")
    s.add_argument("--max-epochs", type=_number(0, low_open=True))
    s.add_argument("--loss-tol", type=_number(0))
    s.add_argument("--grad-tol", type=_number(0))
    return p


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario file (or the defaults) with the command-line overrides applied by the
    session's own rules (:mod:`gdstudio.core.session`), so the runner and the window
    cannot drift: a new dataset drops the old columns, the model and loss follow the
    dataset's task, a new optimizer or schedule starts from its own defaults.

    Raises:
        ScenarioError: invalid values, naming the key or flag.
        DatasetError: the dataset cannot be loaded.
    """
    return scenario_and_dataset_from_args(args)[0]


def scenario_and_dataset_from_args(args: argparse.Namespace
                                   ) -> tuple[Scenario, Dataset | None]:
    """:func:`scenario_from_args` and the dataset it loaded (None for a surface)."""
    base = load_scenario(args.scenario) if args.scenario else Scenario()
    if args.surface and args.dataset:
        raise ScenarioError("--surface/--dataset", "give one of them, not both")
    if getattr(args, "expression", None) is not None:
        if args.surface or args.dataset:
            raise ScenarioError("--expression", "give --expression, --surface or --dataset, "
                                "not two of them")
        try:
            parse_expression(args.expression)
        except ExpressionError as exc:
            raise ScenarioError("--expression", str(exc)) from None
    problem: dict[str, Any] = {}
    run: dict[str, Any] = {}
    shared: dict[str, Any] = {}
    if args.surface:
        problem.update(kind="surface", surface=args.surface)
    if getattr(args, "expression", None) is not None:
        problem.update(kind="surface", surface="expression", expression=args.expression)
    if args.dataset:
        problem["dataset"] = args.dataset
    for flag, field_name in _PROBLEM_FLAGS.items():
        if getattr(args, flag) is not None:
            problem[field_name] = getattr(args, flag)
    if args.x is not None:
        problem["x"] = list(args.x)
    if problem.get("task") == "auto":
        problem["task"] = None
    for flag, field_name in (("optimizer", "optimizer"), ("lr", "learning_rate"),
                             ("init", "init")):
        if getattr(args, flag) is not None:
            run[field_name] = getattr(args, flag)
    for flag, field_name in (("seed", "seed"), ("schedule", "schedule"),
                             ("max_epochs", "max_epochs"), ("loss_tol", "loss_tol"),
                             ("grad_tol", "grad_tol")):
        if getattr(args, flag) is not None:
            shared[field_name] = getattr(args, flag)
    if args.batch_size is not None:
        if "_" in args.batch_size:
            raise ScenarioError("--batch-size", f'must be "full" or a whole number ≥ 1, got '
                                f"{args.batch_size!r}")
        run["batch_size"] = parse_batch_size(args.batch_size)
    if not args.scenario and args.dataset:  # a first run on data converges as written
        run.setdefault("learning_rate", DATA_DEFAULTS["learning_rate"])
        if all(getattr(args, flag) is None
               for flag in ("steps", "loss_tol", "grad_tol", "max_epochs")):
            shared["loss_tol"] = DATA_DEFAULTS["loss_tol"]
    if args.steps is not None:
        shared["max_steps"] = args.steps
    elif base.max_steps is None:
        criteria = [shared.get(k, getattr(base, k)) for k in ("max_epochs", "loss_tol",
                                                             "grad_tol")]
        if all(c is None for c in criteria):
            raise ScenarioError(
                "stopping.max_steps", 'is "none" but no other stopping criterion (max_epochs, '
                "loss_tol, grad_tol) is set, so the run would never end: give --steps N, a "
                "step limit or another criterion")
        shared["max_steps"] = LIMITS["max_steps"]  # until a criterion, at most the limit
    optimizer = run.get("optimizer", base.optimizer)
    valid = optimizer_defaults(optimizer)
    hyper = {} if optimizer != base.optimizer else dict(base.hyperparameters)
    for flag, key in _HYPER_FLAGS.items():
        value = getattr(args, flag)
        if value is None:
            continue
        if key not in valid:
            raise ScenarioError(
                "--" + flag.replace("_", "-"),
                f"the {optimizer} optimizer has no {key}; its hyperparameters are: "
                f"{', '.join(valid) or 'none'}",
            )
        hyper[key] = value
    if args.bias_correction is not None:
        if "bias_correction" not in valid:
            raise ScenarioError("--bias-correction", f"the {optimizer} optimizer has no bias "
                                "correction; only adam and adamw do")
        hyper["bias_correction"] = 1.0 if args.bias_correction else 0.0
    run["hyperparameters"] = hyper
    schedule = shared.get("schedule", base.schedule)
    sched_params = {} if schedule != base.schedule else dict(base.schedule_params)
    for flag in _SCHEDULE_FLAGS:
        value = getattr(args, flag)
        if value is not None:
            sched_params[flag] = value
    shared["schedule_params"] = sched_params
    if schedule == "constant" and sched_params:
        raise ScenarioError("--schedule", "the schedule parameters need --schedule "
                            f"(one of: {', '.join(SCHEDULE_NAMES)})")
    # the seed draws synthetic data: shared and run changes first, then the problem
    scenario = with_run_changes(with_shared_changes(base, shared), run)
    return with_problem_changes(scenario, problem)


#: command-line flag -> problem field of the scenario
_PROBLEM_FLAGS = {"condition": "condition", "n_samples": "n_samples", "noise": "noise",
                  "model": "model", "degree": "degree", "hidden": "hidden",
                  "activation": "activation", "loss": "loss", "huber_delta": "huber_delta",
                  "standardize": "standardize", "test_fraction": "test_fraction", "y": "y",
                  "task": "task"}


class _OutputError(Exception):
    """An output file cannot be written (exit status 3)."""


class _AtomicFile:
    """A temporary file beside ``path``, renamed onto it by :meth:`commit` (so the
    target is never half-written); created at once, which proves the folder writable."""

    def __init__(self, path: str, flag: str) -> None:
        self.path, self.flag = path, flag
        folder = os.path.dirname(os.path.abspath(path))
        try:
            fd, self.tmp = temporary_beside(path)
        except OSError as exc:
            raise _OutputError(f"{flag}: cannot write in the folder {folder}: "
                               f"{exc.strerror or exc}") from None
        self.file: IO[str] | None = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        assert self.file is not None
        try:
            self.file.write(text)
        except OSError as exc:
            self.discard()
            raise _OutputError(f"{self.flag}: cannot write {self.path}: "
                               f"{exc.strerror or exc}") from None

    def commit(self) -> None:
        try:
            if self.file is not None:
                self.file.flush()
                os.fsync(self.file.fileno())
                self.file.close()
                self.file = None
            replace_onto(self.tmp, self.path)
        except OSError as exc:
            self.discard()
            raise _OutputError(f"{self.flag}: cannot write {self.path}: "
                               f"{exc.strerror or exc}") from None

    def discard(self) -> None:
        if self.file is not None:
            with contextlib.suppress(OSError):
                self.file.close()
            self.file = None
        discard(self.tmp)


def _csv_header(trainer: Trainer) -> str:
    names = trainer.problem.param_names
    header = ["step", "epoch", "loss", "lr", "grad_norm", *names,
              *(f"grad_{name}" for name in names)]
    if trainer.problem.has_test:
        header.append("test_loss")
    text = io.StringIO()  # quoted where needed: an MLP's names are W1[0,1] ...
    csv.writer(text, lineterminator="\n").writerow(header)
    return text.getvalue()


def _row_norms(grad: np.ndarray) -> np.ndarray:
    """Euclidean norms of the rows, without overflow for entries near 1e300."""
    with np.errstate(all="ignore"):
        plain = np.sqrt(np.sum(grad**2, axis=-1))  # the trainer's own formula
        bad = ~np.isfinite(plain) | ((plain == 0) & np.any(grad != 0, axis=-1))
        if bad.any():  # overflow or underflow of the squares: scale first
            g = grad[bad]
            scale = np.max(np.abs(g), axis=-1)
            plain[bad] = scale * np.sqrt(np.sum((g / scale[:, None]) ** 2, axis=-1))
        return plain


def _csv_rows(trainer: Trainer, start: int, final: bool = False) -> str:
    """Rows ``start``, ``start + 1`` … of the history as CSV text (converted 256 rows at a
    time, so a wide model's rows never take more memory than the history itself).

    ``final``: the last row is the run's last; its ``grad_*`` columns then hold the
    full-batch gradient at the final θ (no update follows it to use a mini-batch)."""
    stop = len(trainer.history)
    parts = []
    for lo in range(start, stop, _CSV_SLICE):
        hi = min(lo + _CSV_SLICE, stop)
        with np.errstate(all="ignore"):
            table = trainer.table(lo, hi)
            grad = np.array(table["grad"], dtype=np.float64)
            if final and hi == stop and len(grad) and trainer.batch_size is not None:
                grad[-1] = trainer.full_gradient()
        columns = [table["step"].tolist(), table["epoch"].tolist(), table["loss"].tolist(),
                   np.asarray(table["lr"], dtype=np.float64).tolist(),
                   _row_norms(np.asarray(table["grad"])).tolist(),
                   *table["theta"].T.tolist(), *grad.T.tolist()]
        if table.get("test_loss") is not None:
            columns.append(table["test_loss"].tolist())
        parts.append("".join(",".join(map(repr, row)) + "\n" for row in zip(*columns)))
    return "".join(parts)


#: Rows converted to text at a time.
_CSV_SLICE = 256


def write_csv(path: str | Path, trainer: Trainer, steps: int | None = None) -> None:
    """Write a run's history as CSV (see the module docstring for the columns), through a
    temporary file renamed into place.

    ``steps`` given: ``trainer`` must be fresh (at step 0); it is run ``steps`` updates
    (fewer if it stops), streaming the rows as ``gdstudio run --csv`` does, so any length
    fits the trainer's memory budget. Without ``steps`` the trainer's rows so far are
    written (they must all still be whole: a run no longer than its recent rows).

    Raises:
        OSError: the file cannot be written (the target is left as it was).
    """
    try:
        out = _AtomicFile(str(path), "--csv")
        if steps is None:
            out.write(_csv_header(trainer))
            out.write(_csv_rows(trainer, 0, final=True))
        else:
            _stream(trainer, out, _Stop(), limit=int(steps))
        out.commit()
    except _OutputError as exc:
        raise OSError(str(exc)) from None


def _check_output(path: str | None, flag: str) -> None:
    """Fail fast (exit 3) on an output path that cannot be a file."""
    if path is None:
        return
    if not path.strip():
        raise _OutputError(f"{flag}: give a file name (got an empty name)")
    target = Path(path)
    folder = target.absolute().parent
    if not folder.is_dir():
        raise _OutputError(f"{flag}: the folder {folder} does not exist")
    if target.is_dir():
        raise _OutputError(f"{flag}: {path} is a folder; give a file name")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _OutputError(f"{flag}: the folder {folder} is not writable")


def open_outputs(args: argparse.Namespace) -> tuple[_AtomicFile | None, _AtomicFile | None]:
    """The temporary files for ``--csv`` and ``--png`` (each committed by the caller).

    Raises:
        _OutputError: a path that cannot be written (nothing is left behind).
    """
    _check_output(args.csv, "--csv")
    _check_output(args.png, "--png")
    csv_out = _AtomicFile(args.csv, "--csv") if args.csv else None
    try:
        png_out = _AtomicFile(args.png, "--png") if args.png else None
    except _OutputError:
        if csv_out is not None:
            csv_out.discard()
        raise
    return csv_out, png_out


def _check_outputs(args: argparse.Namespace) -> str:
    """Bad combinations of output flags (exit 2); returns the image format."""
    if args.csv and args.png and os.path.abspath(args.csv) == os.path.abspath(args.png):
        raise ScenarioError("--csv/--png", "name two different files")
    fmt = "PNG"
    if args.png:
        suffix = Path(args.png).suffix.lower()
        if suffix not in _IMAGE_FORMATS:
            raise ScenarioError("--png", "the picture's name must end in .png, .jpg or .jpeg "
                                f"(it sets the format), got {Path(args.png).name!r}")
        fmt = _IMAGE_FORMATS[suffix]
    return fmt


def _check_parameters(setup: Setup) -> None:
    """The model is within the runner's parameter limit.

    Raises:
        ScenarioError: (problem.model) it has more parameters than ``LIMITS["parameters"]``.
    """
    n_params = len(setup.problem.param_names)
    if n_params > LIMITS["parameters"]:
        raise ScenarioError("problem.model", f"the model has {n_params:,} parameters; "
                            f"the limit is {LIMITS['parameters']:,}")


def _check_data(setup: Setup) -> None:
    """Data too large for the arithmetic, named as a data problem (now checked by
    :func:`gdstudio.core.scenario.prepare` for the window too)."""
    check_data_scale(setup.problem)


def _fmt(value: float) -> str:
    """A number for a message, in the one format for people: 2.767, 1.6·10¹⁵."""
    plain = math.isfinite(value) and (value == 0 or 1e-3 <= abs(value) < 1e5)
    return format_number(value, 4 if plain else 2)


def _describe(setup: Setup) -> str:
    sc = setup.scenario
    if setup.surface is not None:
        return f"{setup.surface.title} surface"
    assert setup.dataset is not None
    return f"{sc.model} model, {sc.loss} loss, {setup.dataset.name} data"


def _params_text(values: dict[str, float]) -> str:
    items = list(values.items())
    shown = ", ".join(f"{k} = {format_number(v, 6)}" for k, v in items[:SUMMARY_PARAMS])
    if len(items) > SUMMARY_PARAMS:
        shown = (", ".join(f"{k} = {format_number(v, 6)}" for k, v in items[:5])
                 + f", … ({len(items):,} parameters; --csv or --json lists them all)")
    return shown


def _suggest_lr(setup: Setup, scenario: Scenario, steps: int) -> tuple[float, bool]:
    """A smaller learning rate, and whether a short trial run with it did not diverge.

    Tries η/10 … η/10⁸, then the round rates 1, 0.1 … 10⁻⁶ below those (for an absurd
    η); returns the first that does not diverge, else the smallest tried.
    """
    lr = scenario.learning_rate
    trial_steps = max(1, min(steps, 2000))
    candidates = [float(f"{lr / 10**k:.3g}") for k in range(1, 9)]
    candidates += [10.0**-k for k in range(0, 7) if 10.0**-k < candidates[-1]]
    for candidate in candidates:
        try:
            trial = setup.make_trainer(scenario.replace(learning_rate=candidate,
                                                        max_steps=trial_steps))
            trial.run(trial_steps)
        except (ValueError, OverflowError, ArithmeticError):
            continue
        if trial.status != Status.DIVERGED:
            return candidate, True
    return candidates[-1], False


def _diagnose(setup: Setup, scenario: Scenario, trainer: Trainer, overflow: bool) -> str:
    """What happened (with the real numbers) and the likely cause, for stderr."""
    k = trainer.diverged_at if trainer.diverged_at is not None else trainer.step_count + 1
    losses = trainer.history.loss
    last = float(losses[-1]) if len(losses) else float("nan")
    first = float(losses[0]) if len(losses) else float("nan")
    try:
        with np.errstate(all="ignore"):
            eta = float(np.asarray(trainer.lr_at(max(k - 1, 0)), dtype=np.float64))
    except OverflowError:  # γ**k beyond the float range
        eta = math.inf
    bad = getattr(trainer, "diverged_loss", None)  # the loss that ended the run
    if overflow:
        then = "the learning rate overflowed"
    elif bad is None:
        then = "left the finite range or exceeded 10⁸ × its starting size"
    elif math.isinf(bad):
        then = f"became infinite at step {k}"
    elif math.isnan(bad):
        then = f"became undefined (NaN) at step {k}"
    else:
        then = (f"reached {_fmt(bad)} at step {k}, beyond the divergence limit of 10⁸ × "
                "its starting size")
    if k > 1:
        what = (f"diverged at step {k}: the loss went from {_fmt(first)} at step 0 to "
                f"{_fmt(last)} at step {k - 1} and then {then}.")
    else:
        what = f"diverged at step {k}: the loss was {_fmt(first)} at step 0 and then {then}."
    if scenario.kind == "surface" and scenario.surface == "expression" and bad is not None \
            and math.isnan(bad):
        where = ", ".join(f"{n} = {_fmt(float(v))}" for n, v in
                          zip(trainer.problem.param_names, trainer.theta))
        what += (f" The step from {where} left the domain of f (a logarithm or square root "
                 "of a negative number, 0/0, …), where f is undefined.")
    gamma = scenario.schedule_params.get("gamma")
    if scenario.schedule in ("step", "exponential") and gamma is not None and gamma > 1:
        return (f"{what} The {scenario.schedule} schedule multiplies η by γ = {gamma:g} > 1, "
                f"so the learning rate grows (to {_fmt(eta)} by step {k - 1}): use γ < 1 "
                "(schedule.gamma / --gamma) for a decaying schedule")
    if not math.isfinite(eta):
        return (f"{what} The {scenario.schedule} schedule's learning rate became "
                f"{_fmt(eta)} at step {k - 1}: check its parameters ([schedule] / "
                "--schedule)")
    suggestion, verified = _suggest_lr(setup, scenario, max(k, 50))
    trial = max(1, min(max(k, 50), 2000))
    if verified:
        advice = (f"The learning rate η = {scenario.learning_rate:g} is probably too large "
                  f"for this problem; try a smaller learning rate such as --lr {suggestion:g} "
                  f"(a trial run of {trial} steps with it did not diverge)")
    else:
        advice = (f"Even learning rates down to {suggestion:g} diverged in "
                  f"trial runs of {trial} steps, so η = {scenario.learning_rate:g} is not the "
                  "only cause: the problem may be badly conditioned (a high polynomial "
                  "degree, unscaled data) or its settings extreme")
    if scenario.kind == "data" and not scenario.standardize:
        advice += ", or standardise the features (--standardize)"
    return f"{what} {advice}"


class _Stop:
    """SIGINT/SIGTERM set a flag checked between chunks (the run then stops cleanly)."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._old: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.signal is not None:  # asked twice: stop now (the old files stay as they were)
            raise KeyboardInterrupt
        self.signal = signum

    def __exit__(self, *exc: Any) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(_attach_negative_values(parser, argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        image_format = _check_outputs(args)
        scenario, dataset = scenario_and_dataset_from_args(args)
        with np.errstate(all="ignore"):
            setup = prepare(scenario, dataset)
            _check_data(setup)
            trainer = setup.make_trainer()
        _check_parameters(setup)
    except (ScenarioError, DatasetError) as exc:
        print(f"gdstudio run: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        csv_out, png_out = open_outputs(args)
    except _OutputError as exc:
        print(f"gdstudio run: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    outputs = [o for o in (csv_out, png_out) if o is not None]
    try:
        return _execute(args, scenario, setup, trainer, csv_out, png_out, image_format)
    except _OutputError as exc:
        print(f"gdstudio run: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        for out in outputs:
            if out.file is not None or os.path.exists(out.tmp):
                out.discard()


def _execute(args: argparse.Namespace, scenario: Scenario, setup: Setup, trainer: Trainer,
             csv_out: _AtomicFile | None, png_out: _AtomicFile | None,
             image_format: str) -> int:
    with _Stop() as stop:  # SIGINT/SIGTERM: finish the chunk, keep what is complete
        overflow, elapsed = _stream(trainer, csv_out, stop)
        if overflow:
            trainer.status, trainer.stop_reason = Status.DIVERGED, StopReason.DIVERGED
            trainer.diverged_at = trainer.step_count + 1
        if csv_out is not None:
            csv_out.commit()
        if png_out is not None and stop.signal is None:
            _render(args, scenario, setup, trainer, png_out, image_format)
        if stop.signal is not None:  # (a picture being rendered is dropped)
            name = "SIGINT" if stop.signal == signal.SIGINT else "SIGTERM"
            where = f"; {args.csv} holds steps 0–{trainer.step_count}" if args.csv else ""
            print(f"gdstudio run: stopped by {name} after {trainer.step_count} steps{where}",
                  file=sys.stderr)
            return EXIT_SIGINT if stop.signal == signal.SIGINT else EXIT_SIGTERM
        if png_out is not None:
            png_out.commit()
    _report(args, scenario, setup, trainer, elapsed)
    if trainer.status == Status.DIVERGED:
        print(f"gdstudio run: {_diagnose(setup, scenario, trainer, overflow)}", file=sys.stderr)
        return EXIT_DIVERGED
    if trainer.step_count >= LIMITS["max_steps"] and scenario.max_steps is not None and \
            args.steps is None and trainer.stop_reason == StopReason.MAX_STEPS:
        print(f"gdstudio run: note: stopped at the runner's limit of "
              f"{LIMITS['max_steps']:,} steps", file=sys.stderr)
    return EXIT_OK


def _stream(trainer: Trainer, csv_out: _AtomicFile | None, stop: _Stop,
            limit: int | None = None) -> tuple[bool, float]:
    """Run in chunks until the trainer stops, ``limit`` updates are made or a signal
    arrives, appending each chunk's CSV rows. Returns (the schedule overflowed, seconds
    spent in the training loop)."""
    overflow = False
    sent = 0
    elapsed = 0.0
    # at most the rows the trainer keeps whole (its memory budget thins older θ), so
    # every chunk's rows are written complete; grows while a chunk takes < 0.25 s
    most = max(1, min(CHUNK, trainer.recent_rows))
    chunk = min(most, 256)
    if csv_out is not None:
        csv_out.write(_csv_header(trainer))
    while True:
        final = trainer.stopped or stop.signal is not None or overflow or (
            limit is not None and trainer.step_count >= limit)
        if csv_out is not None:
            csv_out.write(_csv_rows(trainer, sent, final=final))
            sent = trainer.step_count + 1
        if final:
            return overflow, elapsed
        start = time.perf_counter()
        if limit is not None:
            chunk = min(chunk, limit - trainer.step_count)
        try:
            done = trainer.run(chunk)
        except OverflowError:  # a growing schedule: γ**k beyond the float range
            overflow = True
            done = 0
        took = time.perf_counter() - start
        elapsed += took
        if done == chunk and took < 0.25:
            chunk = min(most, chunk * 2)
        elif took > 0.5:
            chunk = max(16, chunk // 2)


def _render(args: argparse.Namespace, scenario: Scenario, setup: Setup, trainer: Trainer,
            png_out: _AtomicFile, image_format: str) -> None:
    """The picture, rendered into the temporary file (committed by the caller)."""
    from gdstudio.gui.render import render_png

    others = [setup.make_trainer(run) for run in scenario.run_scenarios()[1:]]
    with np.errstate(all="ignore"):
        for other in others:  # a scenario's comparison runs race in the picture
            with contextlib.suppress(OverflowError):
                other.run_to_stop(LIMITS["max_steps"])
    assert png_out.file is not None
    png_out.file.close()
    png_out.file = None
    try:
        render_png(png_out.tmp, setup, [trainer, *others], image_format=image_format)
    except OSError as exc:
        raise _OutputError(f"--png: cannot write {args.png}: {exc}") from None


def _report(args: argparse.Namespace, scenario: Scenario, setup: Setup, trainer: Trainer,
            elapsed: float) -> None:
    """The JSON object (--json) or the human summary on stdout."""
    names = trainer.problem.param_names
    theta = dict(zip(names, trainer.theta.tolist()))
    steps = trainer.step_count
    original = setup.original_units(trainer.theta)
    dataset = setup.dataset
    final_loss = float(trainer.history.row(-1)[2])  # the last recorded (finite) row
    if args.json:
        result: dict[str, Any] = {
            "status": trainer.status, "stop_reason": trainer.stop_reason, "steps": steps,
            "final_loss": final_loss, "theta": theta,
            "theta_units": "standardized" if setup.standardizer is not None else "original",
            "elapsed_s": elapsed, "steps_per_s": steps / elapsed if elapsed > 0 else None,
            "diverged_at": trainer.diverged_at,
        }
        if original is not None:
            result["theta_original_units"] = original
        if setup.problem.has_test:
            with np.errstate(all="ignore"):
                result["final_test_loss"] = float(setup.problem.test_loss(trainer.theta))
        if dataset is not None:
            result["rows_used"] = dataset.n_samples
            result["rows_dropped"] = dataset.dropped_rows
        print(json.dumps(result))
        return
    opt = trainer.optimizer.title
    print(f"{opt} (η = {format_number(scenario.learning_rate, 6)}) on the {_describe(setup)}: "
          f"{trainer.status} after {steps} steps ({trainer.stop_reason or 'stopped'})")
    if dataset is not None:
        dropped = ""
        if dataset.dropped_rows:
            dropped = (f"; {dataset.dropped_rows} row(s) left out for missing values"
                       + (f" ({dataset.dropped_nonfinite} of them for infinite or huge "
                          "values)" if dataset.dropped_nonfinite else ""))
        print(f"  data: {dataset.n_samples} rows{dropped}")
    units = " (standardised features)" if setup.standardizer is not None else ""
    print(f"  loss {format_number(final_loss, 6)}; θ{units}: {_params_text(theta)}")
    if original is not None:
        print(f"  θ in original units: {_params_text(original)}")
    rate = f", {steps / elapsed:,.0f} steps/s" if elapsed > 0 and steps else ""
    print(f"  {elapsed:.3f} s{rate}")
    written = [f for f in (args.csv, args.png) if f]
    if written:
        print(f"  wrote {', '.join(written)}")


def _internal_error(exc: BaseException) -> int:
    """One line on stderr; the traceback goes to a report file."""
    report = "".join(traceback.format_exception(exc))
    path = None
    try:
        fd, path = tempfile.mkstemp(prefix="gdstudio-run-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(report)
    except OSError:
        path = None
    where = f"full report written to {path}" if path else "no report could be written"
    text = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    print(f"gdstudio run: internal error: {text[:200]} — {where}", file=sys.stderr)
    return EXIT_INTERNAL


def run_main(argv: list[str]) -> int:
    """``gdstudio run`` with its arguments; returns the exit status (see the module
    docstring: 0, 1, 2, 3, 4, 130 or 143).

    Argument errors (an unknown choice, a malformed or out-of-range number) return 2
    with the message on stderr; ``--help`` prints the help and returns 0. No traceback
    reaches stderr: an unexpected error prints one line naming a report file.
    """
    try:
        return _run(list(argv))
    except BrokenPipeError:  # stdout closed early (e.g. piped into head): output lost
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error at interpreter exit
        print("gdstudio run: error: standard output was closed", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:  # Ctrl-C outside the run loop (while loading, rendering)
        print("gdstudio run: interrupted", file=sys.stderr)
        return EXIT_SIGINT
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        return _internal_error(exc)


# -- gdstudio sweep -------------------------------------------------------------------
