"""Session files (``.gdsession``): the whole state of a session — the scenario with every
run, the focus run, the open lesson and its page, and every run's history — so that a
student can stop and go on later, and a teacher can hand out a run half-way through.

Format, version 1: a ZIP archive with these members (nothing is ever unpickled; other
members are ignored)::

    manifest.json           {"format": "gdstudio-session", "version": 1,
                             "gdstudio": "<version that wrote it>", "focus": k,
                             "page": null or the lesson page shown (0-based),
                             "runs": [{"steps": n, "status": "converged",
                                       "has_test": false}, ...]}
    scenario.toml           the scenario with every run as [[runs]] (each run's
                            optimizer settings and θ₀), and the lesson's title, summary
                            and [[pages]] when a lesson is open: the text "Save as
                            lesson" writes; a CSV dataset inside the file's folder is
                            named relative to it, as in a scenario file
    runs/<k>/loss.npy       (n + 1,) float64   L(θ_j) for j = 0 … n (n: steps taken)
    runs/<k>/grad_norm.npy  (n + 1,) float64   ‖g_j‖ of the gradient update j → j+1 uses
    runs/<k>/test_loss.npy  (n + 1,) float64   loss on the test split (only with one)
    runs/<k>/theta_steps.npy (m,) int64        the steps whose θ is kept: 0 first,
                                               increasing, ≤ n (a long run keeps every
                                               2ᵏ-th θ, as the window and trainer do)
    runs/<k>/theta.npy      (m, p) float64     θ at those steps (the descent path)
    runs/<k>/theta_now.npy  (p,) float64       θ at step n (where the run stands)

Arrays are NumPy ``.npy`` files (little-endian, C order), read with
``np.load(..., allow_pickle=False)`` after their headers were checked against the
manifest (dtype, shape, and at most :data:`MAX_ARRAY_BYTES` in all), so a damaged or
hostile file is refused with one line naming what is wrong and allocates nothing big.

Training is deterministic bit for bit, so a session is opened by replaying every run to
its saved step; :func:`first_difference` tells whether the replay reproduced the saved
history exactly (it does not when, say, the CSV file changed since).

Writing goes to a file object or path given by the caller (the window writes to a
temporary file beside the target and renames it into place).
"""

from __future__ import annotations

import io
import json
import math
import stat
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import numpy as np

from gdstudio import __version__
from gdstudio.core.lessons import Lesson, lesson_to_toml, parse_lesson
from gdstudio.core.scenario import (
    LIMITS,
    MAX_RUNS,
    ScenarioError,
    Setup,
    with_dataset_relative,
)
from gdstudio.core.status import Status

__all__ = ["SessionFileError", "RunHistory", "SessionSnapshot", "Difference",
           "ReplayDifference", "read_session", "write_session", "first_difference",
           "FORMAT", "VERSION", "SUFFIX", "MAX_ARRAY_BYTES"]

#: The ``format`` of the manifest.
FORMAT = "gdstudio-session"
#: The format version this module writes and reads.
VERSION = 1
#: The file name extension.
SUFFIX = ".gdsession"
#: The arrays of a session together may unpack to at most this many bytes (1 GiB:
#: 8 runs of 4 million steps); a larger claim is refused before anything is read.
MAX_ARRAY_BYTES = 1 << 30
#: The manifest may be at most this long (bytes).
MAX_MANIFEST_BYTES = 1_000_000

_MANIFEST = "manifest.json"
_SCENARIO = "scenario.toml"


class SessionFileError(ValueError):
    """A session file cannot be read or written: ``key`` names the part
    ("file", "manifest", "manifest.version", "scenario", "runs[1].loss", …); the message
    is one line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


# ------------------------------------------------------------------ histories
@dataclass(frozen=True, eq=False)
class RunHistory:
    """One run's history as saved: every step's scalars and the kept θ path.

    Attributes:
        status: the run's :class:`~gdstudio.core.status.Status`.
        loss: ``(n + 1,)`` float64, L(θ_j) for j = 0 … n; ``n`` is :attr:`steps`.
        grad_norm: ``(n + 1,)`` float64, ‖g_j‖.
        test_loss: ``(n + 1,)`` float64 with a test split, else None.
        theta_steps: ``(m,)`` int64, increasing, from 0, each ≤ n.
        theta: ``(m, p)`` float64, θ at ``theta_steps``.
        theta_now: ``(p,)`` float64, θ at step n.
    """

    status: Status
    loss: np.ndarray
    grad_norm: np.ndarray
    test_loss: np.ndarray | None
    theta_steps: np.ndarray
    theta: np.ndarray
    theta_now: np.ndarray

    @property
    def steps(self) -> int:
        """n, the updates taken (the history has n + 1 rows)."""
        return len(self.loss) - 1

    @property
    def n_params(self) -> int:
        """p, the length of θ."""
        return int(self.theta_now.shape[0])

    @classmethod
    def from_trainer(cls, trainer: Any) -> RunHistory:
        """The history of a :class:`~gdstudio.core.trainer.Trainer` so far: the scalars
        of every row and θ where the trainer's memory budget kept it."""
        table = trainer.table(vectors=False)
        theta_steps, theta = trainer.thinned_path()
        test = table["test_loss"]
        return cls(Status(trainer.status), np.array(table["loss"], dtype=np.float64),
                   np.array(table["grad_norm"], dtype=np.float64),
                   None if test is None else np.array(test, dtype=np.float64),
                   np.array(theta_steps, dtype=np.int64), np.array(theta, dtype=np.float64),
                   np.array(trainer.theta, dtype=np.float64))

    def validate(self, key: str = "run") -> None:
        """Check the shapes and values against each other.

        Raises:
            SessionFileError: the first thing wrong, named ``<key>.<array>``.
        """
        n = len(self.loss)
        p = self.theta_now.shape[0] if self.theta_now.ndim == 1 else -1
        if self.loss.ndim != 1 or n < 1:
            raise SessionFileError(f"{key}.loss", f"{key}: the loss needs one value a step")
        for name in ("grad_norm", "test_loss"):
            a = getattr(self, name)
            if a is not None and a.shape != (n,):
                raise SessionFileError(f"{key}.{name}", f"{key}: {name} has {a.shape} values, "
                                       f"the loss {n}")
        if p < 1 or self.theta.ndim != 2 or self.theta.shape[1] != p:
            raise SessionFileError(f"{key}.theta", f"{key}: θ has shape {self.theta.shape}, "
                                   f"θ now {self.theta_now.shape}")
        steps = self.theta_steps
        if steps.shape != (len(self.theta),) or len(steps) < 1 or steps[0] != 0 or \
                steps[-1] > n - 1 or (len(steps) > 1 and not np.all(np.diff(steps) > 0)):
            raise SessionFileError(f"{key}.theta_steps", f"{key}: the steps of the θ path must "
                                   f"start at 0, increase and end by step {n - 1}")
        if not (np.all(np.isfinite(self.loss)) and np.all(np.isfinite(self.theta))
                and np.all(np.isfinite(self.theta_now))):
            raise SessionFileError(f"{key}.loss", f"{key}: the loss and θ must be finite "
                                   "numbers")


class Difference(StrEnum):
    """What a replay did not reproduce (see :func:`first_difference`)."""

    STEPS = "steps"  # it stopped at another step
    STATUS = "status"  # it ended in another status
    LOSS = "loss"  # a loss, gradient norm or test loss differs
    THETA = "theta"  # a θ on the path, or θ now, differs


@dataclass(frozen=True)
class ReplayDifference:
    """The first difference between a saved history and its replay.

    Attributes:
        what: the :class:`Difference`.
        step: the first step that differs (for STEPS: the step the replay reached).
    """

    what: Difference
    step: int


def _first_unequal(a: np.ndarray, b: np.ndarray) -> int | None:
    """Index of the first row where ``a`` and ``b`` differ bit for bit (None: equal)."""
    a, b = np.ascontiguousarray(a, np.float64), np.ascontiguousarray(b, np.float64)
    rows = a.view(np.uint64) != b.view(np.uint64)
    if rows.ndim > 1:
        rows = rows.any(axis=tuple(range(1, rows.ndim)))
    where = np.flatnonzero(rows)
    return int(where[0]) if len(where) else None


def first_difference(saved: RunHistory, replayed: RunHistory) -> ReplayDifference | None:
    """Compare a saved history with its replay, bit for bit; None when they are the same.

    The scalars are compared at every step, θ at the steps both kept (the two may have
    thinned a long path differently), and θ now.
    """
    if replayed.steps != saved.steps:
        return ReplayDifference(Difference.STEPS, replayed.steps)
    for name in ("loss", "grad_norm", "test_loss"):
        a, b = getattr(saved, name), getattr(replayed, name)
        if (a is None) != (b is None):
            return ReplayDifference(Difference.LOSS, 0)
        if a is not None:
            k = _first_unequal(a, b)
            if k is not None:
                return ReplayDifference(Difference.LOSS, k)
    if saved.n_params != replayed.n_params:
        return ReplayDifference(Difference.THETA, 0)
    common, i, j = np.intersect1d(saved.theta_steps, replayed.theta_steps,
                                  assume_unique=True, return_indices=True)
    k = _first_unequal(saved.theta[i], replayed.theta[j])
    if k is not None:
        return ReplayDifference(Difference.THETA, int(common[k]))
    if _first_unequal(saved.theta_now[None], replayed.theta_now[None]) is not None:
        return ReplayDifference(Difference.THETA, saved.steps)
    if Status(replayed.status) != Status(saved.status):
        return ReplayDifference(Difference.STATUS, saved.steps)
    return None


# ------------------------------------------------------------------ snapshot
@dataclass(frozen=True)
class SessionSnapshot:
    """Everything a session file holds.

    Attributes:
        lesson: the scenario with every run (``lesson.scenario``), and the lesson's
            title, summary and pages (no pages: a plain session).
        runs: one :class:`RunHistory` per run of the scenario, in run order.
        focus: the focus run (0-based).
        page: the lesson page shown (0-based), None without a lesson.
    """

    lesson: Lesson
    runs: tuple[RunHistory, ...]
    focus: int = 0
    page: int | None = None

    def validate(self) -> None:
        """Check the runs against the scenario and each other.

        Raises:
            SessionFileError: the first thing wrong.
        """
        n_runs = len(self.lesson.scenario.run_scenarios())
        if len(self.runs) != n_runs or not 1 <= n_runs <= MAX_RUNS:
            raise SessionFileError("manifest.runs", f"the file has {len(self.runs)} run "
                                   f"histories for {n_runs} runs")
        if not 0 <= self.focus < n_runs:
            raise SessionFileError("manifest.focus", f"the focus run {self.focus + 1} does not "
                                   f"exist (there are {n_runs} runs)")
        if self.page is not None and not 0 <= self.page < max(len(self.lesson.pages), 1):
            raise SessionFileError("manifest.page", f"the lesson has no page {self.page + 1}")
        for k, run in enumerate(self.runs):
            run.validate(f"runs[{k}]")
        if len({run.n_params for run in self.runs}) != 1:
            raise SessionFileError("runs", "the runs have θ of different sizes")

    def check(self, setup: Setup) -> None:
        """Check that the histories fit the prepared problem (θ size, test split).

        Raises:
            SessionFileError: they do not (the file does not belong to this problem).
        """
        problem = setup.problem
        for k, run in enumerate(self.runs):
            if run.n_params != problem.n_params:
                raise SessionFileError(f"runs[{k}].theta", f"run {k + 1} has {run.n_params} "
                                       f"parameters, the problem {problem.n_params}")
            if (run.test_loss is not None) != bool(problem.has_test):
                raise SessionFileError(f"runs[{k}].test_loss", f"run {k + 1}'s test losses do "
                                       "not fit the problem's test split")


# ------------------------------------------------------------------ writing
def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def write_session(snapshot: SessionSnapshot, out: str | Path | IO[bytes],
                  saved_as: str | Path) -> None:
    """Write ``snapshot`` in the session format (see the module docstring).

    Args:
        snapshot: what to write (validated first).
        out: a path or a binary file object to write the ZIP archive to.
        saved_as: the path the file will have (a CSV dataset in its folder is named
            relative to it, as in a scenario file).

    Raises:
        SessionFileError: the snapshot is inconsistent (nothing is written).
        OSError: the file cannot be written.
    """
    snapshot.validate()
    lesson = snapshot.lesson
    text = lesson_to_toml(with_dataset_relative(lesson.scenario, saved_as), lesson.pages,
                          title=lesson.title, summary=lesson.summary)
    manifest = {
        "format": FORMAT, "version": VERSION, "gdstudio": __version__,
        "focus": snapshot.focus, "page": snapshot.page,
        "runs": [{"steps": run.steps, "status": str(run.status),
                  "has_test": run.test_loss is not None} for run in snapshot.runs],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_MANIFEST, json.dumps(manifest, indent=1))
        archive.writestr(_SCENARIO, text)
        for k, run in enumerate(snapshot.runs):
            arrays = {"loss": run.loss, "grad_norm": run.grad_norm, "test_loss": run.test_loss,
                      "theta_steps": run.theta_steps, "theta": run.theta,
                      "theta_now": run.theta_now}
            for name, array in arrays.items():
                if array is not None:
                    # numbers compress little: stored, the file writes and reads fast
                    archive.writestr(f"runs/{k}/{name}.npy", _npy(array),
                                     compress_type=zipfile.ZIP_STORED)


# ------------------------------------------------------------------ reading
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
               NotImplementedError, RuntimeError)


class _Reader:
    """Reads members of an open archive within the byte budget."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive, self.path = archive, path
        self.budget = MAX_ARRAY_BYTES

    def _info(self, name: str, key: str) -> zipfile.ZipInfo:
        try:
            return self.archive.getinfo(name)
        except KeyError:
            raise SessionFileError(key, f"{self.path.name} has no {name}: it is not a "
                                   "complete session file") from None

    def _damaged(self, name: str, key: str, exc: BaseException | str) -> SessionFileError:
        return SessionFileError(key, f"{name} in {self.path.name} is damaged ({exc})")

    def member(self, name: str, limit: int, key: str) -> bytes:
        """The bytes of member ``name``, refused when it unpacks to more than ``limit``."""
        info = self._info(name, key)
        if info.file_size > limit:
            raise SessionFileError(key, f"{name} in {self.path.name} is too large "
                                   f"({info.file_size:,} bytes)")
        try:
            with self.archive.open(info) as f:
                data = f.read(limit + 1)
        except _ZIP_ERRORS as exc:
            raise self._damaged(name, key, exc) from None
        if len(data) != info.file_size:
            raise self._damaged(name, key, "it is shorter than it says")
        return data

    def array(self, k: int, name: str, dtype: str, shape: tuple[int | None, ...]
              ) -> np.ndarray:
        """``runs/<k>/<name>.npy``, its dtype and shape (None: any length ≥ 1) checked
        from the header before the data are read."""
        key = f"runs[{k}].{name}"
        member = f"runs/{k}/{name}.npy"
        info = self._info(member, key)
        fmt = np.lib.format
        try:
            with self.archive.open(info) as f:
                try:
                    version = fmt.read_magic(f)
                    if version == (1, 0):
                        got_shape, fortran, got_dtype = fmt.read_array_header_1_0(f)
                    elif version == (2, 0):
                        got_shape, fortran, got_dtype = fmt.read_array_header_2_0(f)
                    else:
                        raise ValueError(f"unsupported .npy version {version}")
                except (ValueError, SyntaxError, TypeError) as exc:
                    raise SessionFileError(key, f"run {k + 1}'s {name} is not a NumPy "
                                           f"array ({exc})") from None
                ok = got_dtype == np.dtype(dtype) and not fortran and \
                    len(got_shape) == len(shape) and \
                    all(got >= 1 if want is None else got == want
                        for got, want in zip(got_shape, shape))
                if not ok:
                    want = "(" + ", ".join("m" if s is None else str(s) for s in shape) + ")"
                    raise SessionFileError(
                        key, f"run {k + 1}'s {name} has shape {tuple(got_shape)} and type "
                        f"{got_dtype}; expected {want} {np.dtype(dtype)}")
                nbytes = math.prod(got_shape) * np.dtype(dtype).itemsize
                if nbytes > self.budget:
                    raise SessionFileError(key, f"run {k + 1}'s {name} is too large "
                                           f"({nbytes:,} bytes)")
                if info.file_size != f.tell() + nbytes:
                    raise self._damaged(member, key, "its size does not match its header")
                f.seek(0)
                data = f.read(info.file_size + 1)
        except SessionFileError:
            raise
        except _ZIP_ERRORS as exc:
            raise self._damaged(member, key, exc) from None
        if len(data) != info.file_size:
            raise self._damaged(member, key, "it is shorter than it says")
        self.budget -= nbytes
        try:
            array = np.load(io.BytesIO(data), allow_pickle=False)
        except (ValueError, OSError, EOFError) as exc:
            raise SessionFileError(key, f"run {k + 1}'s {name} cannot be read ({exc})") \
                from None
        return np.asarray(array)


def _manifest(data: bytes, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise SessionFileError("manifest", f"{path.name}: the manifest is not JSON ({exc})") \
            from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise SessionFileError("manifest.format", f"{path.name} is not a GD Studio session "
                               "file")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionFileError("manifest.version", f"{path.name}: the format version "
                               f"{version!r} is not valid")
    if version > VERSION:
        raise SessionFileError("manifest.version", f"{path.name} was written by a newer GD "
                               f"Studio (session format {version}); this one reads format "
                               f"{VERSION}: update GD Studio")
    runs = manifest.get("runs")
    if not isinstance(runs, list) or not 1 <= len(runs) <= MAX_RUNS:
        raise SessionFileError("manifest.runs", f"{path.name}: the manifest must list 1 to "
                               f"{MAX_RUNS} runs")
    for k, run in enumerate(runs):
        steps = run.get("steps") if isinstance(run, dict) else None
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0 or \
                not isinstance(run.get("status"), str) or run["status"] not in set(Status) or \
                not isinstance(run.get("has_test"), bool):
            raise SessionFileError(f"manifest.runs[{k}]", f"{path.name}: run {k + 1} in the "
                                   "manifest needs steps (a whole number ≥ 0), a status and "
                                   "has_test")
    for key in ("focus", "page"):
        value = manifest.get(key)
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0
                or key == "page" and value is None):
            raise SessionFileError(f"manifest.{key}", f"{path.name}: {key} in the manifest "
                                   f"must be a whole number ≥ 0, got {value!r}")
    return manifest


def read_session(path: str | Path) -> SessionSnapshot:
    """Read and check a session file (see the module docstring for the format).

    Raises:
        SessionFileError: the file cannot be read, is not a session file, is of a newer
            format version, or is damaged, inconsistent or too large; the message is one
            line. Nothing is unpickled, and no array larger than :data:`MAX_ARRAY_BYTES`
            in all is allocated.
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SessionFileError("file", f"cannot read {path}: it is not a regular file")
        archive = zipfile.ZipFile(path)
    except SessionFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise SessionFileError("file", f"{path.name} is not a GD Studio session file (not a "
                               "ZIP archive, or a damaged one)") from None
    except OSError as exc:
        raise SessionFileError("file", f"cannot read {path}: {exc.strerror or exc}") from None
    with archive:
        reader = _Reader(archive, path)
        manifest = _manifest(reader.member(_MANIFEST, MAX_MANIFEST_BYTES, "manifest"), path)
        raw = reader.member(_SCENARIO, LIMITS["scenario_bytes"], "scenario")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SessionFileError("scenario", f"{path.name}: the scenario is not UTF-8 "
                                   "text") from None
        try:
            lesson = parse_lesson(text, name=path.stem, folder=path.parent)
        except ScenarioError as exc:
            raise SessionFileError("scenario", f"{path.name}: the scenario in it is not "
                                   f"valid: {str(exc).splitlines()[0]}") from None
        runs = []
        p: int | None = None
        for k, entry in enumerate(manifest["runs"]):
            n = entry["steps"] + 1
            theta_now = reader.array(k, "theta_now", "<f8", (p,) if p else (None,))
            p = int(theta_now.shape[0])
            theta_steps = reader.array(k, "theta_steps", "<i8", (None,))
            runs.append(RunHistory(
                status=Status(entry["status"]),
                loss=reader.array(k, "loss", "<f8", (n,)),
                grad_norm=reader.array(k, "grad_norm", "<f8", (n,)),
                test_loss=reader.array(k, "test_loss", "<f8", (n,)) if entry["has_test"]
                else None,
                theta_steps=theta_steps,
                theta=reader.array(k, "theta", "<f8", (len(theta_steps), p)),
                theta_now=theta_now))
    snapshot = SessionSnapshot(lesson, tuple(runs), focus=manifest["focus"],
                               page=manifest["page"] if lesson.pages else None)
    snapshot.validate()
    return snapshot
