"""Scenario: everything a run needs, loaded from and saved to TOML, validated by key.

A :class:`Scenario` is plain data (problem, model, loss, dataset, optimizer and its
hyperparameters, batch size, schedule, initial θ, seed, stopping criteria). It is
the one description shared by the GUI's controls, the headless runner and lesson
files. :func:`prepare` turns it into a ready :class:`Setup` (the problem with its data,
split and standardised), from which trainers are made.

TOML layout (every table and key optional; defaults as in :class:`Scenario`)::

    title = "Adam on Rosenbrock"
    description = "..."
    seed = 0

    [problem]
    kind = "surface"            # or "data"
    surface = "rosenbrock"      # kind = "surface"; also the 1-D "parabola", "double_well",
                                # and "expression": a function typed as text:
    expression = "x**2 + 10*y**2"   # surface = "expression" (f(x) when y is absent)
    condition = 10.0            # quadratic only
    dataset = "penguins"        # kind = "data": a synthetic or bundled name, or a CSV path
    x = ["flipper_length_mm"]   # feature column(s); default: the dataset's own
    y = "body_mass_g"           # target column
    n_samples = 200             # synthetic datasets
    noise = 0.1
    model = "linear"            # linear | polynomial | logistic | mlp
    degree = 3
    bias = false                # linear/polynomial/logistic without intercept (default true)
    hidden = [16, 16]
    activation = "tanh"
    loss = "mse"                # mse | mae | huber | logloss | hinge
    huber_delta = 1.0
    standardize = true          # z-score the features (default true)
    test_fraction = 0.0
    task = "regression"         # or "classification"; default: detected from the target

    [optimizer]
    name = "adam"
    learning_rate = 0.01
    batch_size = "full"         # or a whole number (1 = SGD)
    beta1 = 0.9                 # ... any hyperparameter of the chosen optimizer

    [schedule]
    name = "constant"           # plus the schedule's parameters (gamma, t_max, ...)

    [init]
    theta = [-1.5, 2.0]         # optional; default: the surface's start or the model's init

    [stopping]                  # a criterion left out is off, except max_steps
    max_steps = 1000            # default 1000; at most 10,000,000; "none": no step
                                # limit (the runner then needs another criterion)
    max_epochs = 50
    loss_tol = 1e-9
    grad_tol = 1e-6

Limits (checked by :meth:`Scenario.validate` before anything is allocated; see
:data:`LIMITS`): polynomial degree 1–12, MLP layer sizes 1–256 and at most 100,000
parameters, n_samples 2–1,000,000, noise ≤ 10⁶, condition number 1–10⁸, seed 0–2³²−1,
max_steps ≤ 10,000,000, schedule lengths (step_size, decay_steps, t_max,
warmup_steps) whole numbers 1–10⁹, every number finite. A scenario file is at most
1 MB of UTF-8 text. A ``dataset`` path in a scenario file is relative to the file's
own folder and must stay inside it.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import tomli_w

from gdstudio.core import datasets as ds
from gdstudio.core.atomic import write_text
from gdstudio.core.expressions import ExpressionError, make_expression_surface, parse_expression
from gdstudio.core.formatting import format_number
from gdstudio.core.losses import LOSS_NAMES, get_loss
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES, Model, make_model
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer, optimizer_defaults
from gdstudio.core.problems import DataProblem, Problem, SurfaceProblem
from gdstudio.core.registry import ParameterError
from gdstudio.core.schedules import SCHEDULE_NAMES, Schedule, make_schedule
from gdstudio.core.surfaces import ALL_SURFACE_NAMES, Surface, get_surface
from gdstudio.core.trainer import Stopping, Trainer
from gdstudio.paths import get_resource_path

__all__ = ["Scenario", "ScenarioError", "Setup", "prepare", "load_scenario", "save_scenario",
           "dataset_outside_folder", "with_dataset_relative",
           "list_lessons", "MAX_RUNS", "LIMITS", "TASKS", "DATA_DEFAULTS"]

#: What a data problem set up from scratch uses when not told otherwise (the window's
#: start-up scenario, ``gdstudio run --dataset NAME`` without a scenario file or --lr):
#: features are standardised by default, so the MSE of a linear model has curvature
#: λ_max ≈ 2 and η = 0.1 is well inside the stability limit 2/λ_max of gradient
#: descent; ``loss_tol`` ends the run as converged instead of at the step limit.
DATA_DEFAULTS: dict[str, float] = {"learning_rate": 0.1, "loss_tol": 1e-9}

#: Upper limits on sizes and counts (stated in the README and in error messages).
LIMITS: dict[str, int] = {
    "degree": 12,
    "hidden_size": 256,
    "parameters": 100_000,
    "n_samples": 1_000_000,
    "noise": 10**6,
    "condition": 10**8,
    "seed": 2**32 - 1,
    "max_steps": 10_000_000,
    "schedule_steps": 1_000_000_000,
    "scenario_bytes": 1_000_000,
}
#: ``problem.surface``: the named surfaces, and "expression" (a function typed as text in
#: ``problem.expression``, see :mod:`gdstudio.core.expressions`)
SURFACE_CHOICES = (*ALL_SURFACE_NAMES, "expression")
#: ``problem.task``: "auto" (None) detects the task from the target column.
TASKS = ("auto", "regression", "classification")
_SCHEDULE_LENGTHS = ("step_size", "decay_steps", "t_max", "warmup_steps")


class ScenarioError(ValueError):
    """A scenario value is invalid. ``key`` names it (e.g. ``"optimizer.beta1"``);
    ``detail`` is the typed error behind the message where there is one (an
    :class:`~gdstudio.core.expressions.ExpressionError` for ``problem.expression``),
    else None."""

    def __init__(self, key: str, message: str, detail: Exception | None = None) -> None:
        super().__init__(f"{_defuse(key)}: {_defuse(message)}")
        self.key = key
        self.detail = detail


def _defuse(text: str, limit: int = 600) -> str:
    """A message may echo a value from a file: no control characters, no markup a
    dialog could render, and not endless."""
    text = "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "‹", text).replace(">", "›") if "<" in text else text
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class Scenario:
    """Everything a run needs. Fields mirror the TOML keys (see the module docstring)."""

    title: str = ""
    description: str = ""
    seed: int = 0
    # problem
    kind: str = "surface"
    surface: str = "rosenbrock"
    expression: str = ""
    condition: float = 10.0
    dataset: str = "penguins"
    x: list[str] | None = None
    y: str | None = None
    n_samples: int = 200
    noise: float = 0.1
    model: str = "linear"
    degree: int = 3
    bias: bool = True
    hidden: list[int] = field(default_factory=lambda: [16, 16])
    activation: str = "tanh"
    loss: str = "mse"
    huber_delta: float = 1.0
    standardize: bool = True
    test_fraction: float = 0.0
    task: str | None = None
    # optimizer
    optimizer: str = "gd"
    learning_rate: float = 0.001
    batch_size: int | None = None
    hyperparameters: dict[str, float] = field(default_factory=dict)
    # schedule
    schedule: str = "constant"
    schedule_params: dict[str, float] = field(default_factory=dict)
    # init
    init: list[float] | None = None
    # stopping
    max_steps: int | None = 1000
    max_epochs: float | None = None
    loss_tol: float | None = None
    grad_tol: float | None = None
    # comparison runs: each {"optimizer", "learning_rate", "batch_size", "hyperparameters"}
    runs: list[dict[str, Any]] = field(default_factory=list)

    # -- derived -------------------------------------------------------------------
    def replace(self, **changes: Any) -> Scenario:
        """A copy with some fields changed (validated)."""
        new = dataclasses.replace(self, **changes)
        new.validate()
        return new

    def run_scenarios(self) -> list[Scenario]:
        """This scenario's own run followed by one scenario per comparison run (≤ 8 in all).

        Each comparison run shares the problem, seed, initial θ and stopping criteria and
        has its own optimizer, learning rate, batch size and hyperparameters.
        """
        own = dataclasses.replace(self, runs=[])
        return [own] + [own.replace(**run) for run in self.runs]

    def make_optimizer(self):
        """The optimizer object for this scenario (raises ScenarioError)."""
        try:
            return make_optimizer(self.optimizer, **self.hyperparameters)
        except ParameterError as exc:
            key = f"optimizer.{exc.param}" if exc.param in self.hyperparameters \
                else "optimizer.name"
            raise ScenarioError(key, str(exc)) from None

    def make_schedule(self) -> Schedule:
        try:
            return make_schedule(self.schedule, self.learning_rate, **self.schedule_params)
        except ParameterError as exc:
            if exc.param == "learning_rate":
                key = "optimizer.learning_rate"
            elif exc.param in self.schedule_params:
                key = f"schedule.{exc.param}"
            else:
                key = "schedule.name"
            raise ScenarioError(key, str(exc)) from None

    def make_stopping(self) -> Stopping:
        try:
            return Stopping(max_steps=self.max_steps, max_epochs=self.max_epochs,
                            loss_tol=self.loss_tol, grad_tol=self.grad_tol)
        except ParameterError as exc:
            raise ScenarioError(f"stopping.{exc.param}", str(exc)) from None

    # -- validation ----------------------------------------------------------------
    def validate(self) -> None:
        """Check every value that can be checked without loading data.

        Raises:
            ScenarioError: naming the first offending key and the valid choices.
        """
        _choice("problem.kind", self.kind, ("surface", "data"))
        _choice("problem.surface", self.surface, SURFACE_CHOICES)
        if self.kind == "surface" and self.surface == "expression":
            if not isinstance(self.expression, str) or not self.expression.strip():
                raise ScenarioError("problem.expression", 'surface = "expression" needs the '
                                    'function as text, e.g. expression = "x**2 + 10*y**2"')
            try:
                parse_expression(self.expression)
            except ExpressionError as exc:
                raise ScenarioError("problem.expression", str(exc), exc) from None
        _choice("problem.model", self.model, MODEL_NAMES)
        _choice("problem.activation", self.activation, ACTIVATION_NAMES)
        _choice("problem.loss", self.loss, LOSS_NAMES)
        _choice("optimizer.name", self.optimizer, OPTIMIZER_NAMES)
        _choice("schedule.name", self.schedule, SCHEDULE_NAMES)
        if self.task is not None and self.task not in TASKS:
            _choice("problem.task", self.task, TASKS)
        _number("problem.condition", self.condition, low=1.0, high=LIMITS["condition"])
        _number("problem.noise", self.noise, low=0.0, high=LIMITS["noise"])
        _number("problem.huber_delta", self.huber_delta, low=0.0, strict=True)
        _number("optimizer.learning_rate", self.learning_rate, low=0.0, strict=True)
        _integer("seed", self.seed, low=0, high=LIMITS["seed"])
        _integer("problem.n_samples", self.n_samples, low=2, high=LIMITS["n_samples"])
        _integer("problem.degree", self.degree, low=1, high=LIMITS["degree"])
        if not isinstance(self.hidden, list | tuple) or not self.hidden:
            raise ScenarioError("problem.hidden", "must be a list of layer sizes, e.g. [16, 16]")
        if len(self.hidden) > 16:
            raise ScenarioError("problem.hidden",
                                f"at most 16 hidden layers, got {len(self.hidden)}")
        for size in self.hidden:
            _integer("problem.hidden", size, low=1, high=LIMITS["hidden_size"],
                     note=f" (and the network at most {LIMITS['parameters']:,} parameters)")
        _check_parameter_count(self.hidden)
        if self.max_steps is not None and _is_int(self.max_steps) and \
                self.max_steps > LIMITS["max_steps"]:
            raise ScenarioError("stopping.max_steps",
                                f"at most {LIMITS['max_steps']:,} steps, got {self.max_steps:,}")
        for key, value in self.schedule_params.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or \
                    not math.isfinite(value):
                raise ScenarioError(f"schedule.{key}", f"must be a finite number, got {value!r}")
            if key in _SCHEDULE_LENGTHS and (value != int(value) or not
                                             1 <= value <= LIMITS["schedule_steps"]):
                raise ScenarioError(
                    f"schedule.{key}", f"must be a whole number from 1 to "
                    f"{LIMITS['schedule_steps']:,}, got {value!r}")
        for key, value in self.hyperparameters.items():
            if isinstance(value, int | float) and not math.isfinite(value):
                raise ScenarioError(f"optimizer.{key}", f"must be a finite number, got {value!r}")
            if key == "eps" and isinstance(value, int | float) and value <= 0:
                raise ScenarioError("optimizer.eps", "must be > 0 (ε keeps the update finite "
                                    f"where the gradient is zero), got {value!r}")
        if not (0.0 <= self.test_fraction < 1.0):
            raise ScenarioError("problem.test_fraction",
                                f"must be in [0, 1), got {self.test_fraction!r}")
        if self.batch_size is not None:
            _integer("optimizer.batch_size", self.batch_size, low=1)
        if self.x is not None and (not isinstance(self.x, list | tuple) or not self.x
                                   or not all(isinstance(c, str) for c in self.x)):
            raise ScenarioError("problem.x", "must be a list of column names")
        valid = optimizer_defaults(self.optimizer)
        for key in self.hyperparameters:
            if key not in valid:
                raise ScenarioError(
                    f"optimizer.{key}",
                    f"{self.optimizer!r} has no hyperparameter {key!r}; its hyperparameters "
                    f"are: {', '.join(valid) or 'none'}",
                )
        if len(self.runs) > MAX_RUNS - 1:
            raise ScenarioError("runs", f"at most {MAX_RUNS - 1} comparison runs, "
                                f"got {len(self.runs)}")
        for i, run in enumerate(self.runs):
            if set(run) - _RUN_FIELDS:
                raise ScenarioError(f"runs[{i}]",
                                    f"unknown field {sorted(set(run) - _RUN_FIELDS)[0]!r}")
            try:
                dataclasses.replace(self, runs=[], **run).validate()
            except ScenarioError as exc:
                raise ScenarioError(f"runs[{i}].{exc.key.split('.')[-1]}",
                                    str(exc).split(": ", 1)[-1]) from None
        self.make_optimizer()
        self.make_schedule()
        self.make_stopping()
        if self.init is not None:
            if not isinstance(self.init, list | tuple) or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                    for v in self.init):
                raise ScenarioError("init.theta", "must be a list of finite numbers")
        if not isinstance(self.bias, bool):
            raise ScenarioError("problem.bias", f"must be true or false, got {self.bias!r}")
        if self.kind == "data":
            if self.task == "regression" and self.model == "logistic":
                raise ScenarioError("problem.task", "logistic regression is a classifier; "
                                    "use task = \"classification\" or another model")
            if self.task in ("regression", "classification") and self.dataset in \
                    ds.SYNTHETIC_DATASETS and ds._SYNTHETIC[self.dataset].task != self.task:
                raise ScenarioError("problem.task", f"the synthetic dataset {self.dataset!r} "
                                    f"is a {ds._SYNTHETIC[self.dataset].task} task")
            if not self.bias and self.model == "mlp":
                raise ScenarioError(
                    "problem.bias",
                    "bias = false is for linear, polynomial and logistic models; a neural "
                    "network keeps its biases",
                )
            model_task = "classification" if self.model == "logistic" else None
            loss_task = get_loss(self.loss).task
            if model_task and loss_task != model_task:
                raise ScenarioError(
                    "problem.loss",
                    f"the {self.loss} loss is for {loss_task}, but logistic regression is a "
                    "classifier: use logloss or hinge",
                )
            if self.model in ("linear", "polynomial") and loss_task != "regression":
                raise ScenarioError(
                    "problem.loss",
                    f"the {self.loss} loss is for classification; {self.model} regression "
                    "needs mse, mae or huber",
                )
            if self.optimizer == "newton" and not (
                    self.model in ("linear", "polynomial") and self.loss == "mse"):
                raise ScenarioError(
                    "optimizer.name",
                    "Newton's method needs an exact Hessian: use it on a surface or on "
                    "linear/polynomial regression with MSE",
                )

    # -- TOML ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Nested dict in the TOML layout (None values left out)."""
        problem: dict[str, Any] = {"kind": self.kind}
        if self.kind == "surface":
            problem["surface"] = self.surface
            if self.surface == "expression":
                problem["expression"] = self.expression
            if self.surface == "quadratic":
                problem["condition"] = self.condition
        else:
            problem.update(dataset=self.dataset, x=self.x, y=self.y, n_samples=self.n_samples,
                           noise=self.noise, model=self.model, loss=self.loss,
                           standardize=self.standardize, test_fraction=self.test_fraction,
                           task=self.task)
            if self.model == "polynomial":
                problem["degree"] = self.degree
            if not self.bias:
                problem["bias"] = False
            if self.model == "mlp":
                problem.update(hidden=list(self.hidden), activation=self.activation)
            if self.loss == "huber":
                problem["huber_delta"] = self.huber_delta
        optimizer = _optimizer_table(self.optimizer, self.learning_rate, self.batch_size,
                                     self.hyperparameters)
        out: dict[str, Any] = {
            "title": self.title, "description": self.description, "seed": self.seed,
            "problem": problem, "optimizer": optimizer,
            "schedule": {"name": self.schedule, **self.schedule_params},
            "stopping": {"max_steps": _NO_LIMIT if self.max_steps is None else self.max_steps,
                         "max_epochs": self.max_epochs,
                         "loss_tol": self.loss_tol, "grad_tol": self.grad_tol},
        }
        if self.init is not None:
            out["init"] = {"theta": list(self.init)}
        if self.runs:
            out["runs"] = []
            for r in self.runs:
                table = _optimizer_table(r.get("optimizer", self.optimizer),
                                         r.get("learning_rate", self.learning_rate),
                                         r.get("batch_size", self.batch_size),
                                         r.get("hyperparameters", {}))
                if r.get("init") is not None:
                    table["init"] = list(r["init"])
                out["runs"].append(table)
        return _drop_none(out)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scenario:
        """Build and validate from the nested TOML layout.

        A lesson file's own keys (``[[pages]]``, ``summary``) are ignored, and a title or
        description given per language (``title = { en = "…", zh_TW = "…" }``) gives
        its English text.

        Raises:
            ScenarioError: an unknown table or key, a value of the wrong type, or an
                invalid value; the error names the key.
        """
        data = dict(data)
        for key in LESSON_KEYS:  # a lesson file is a scenario plus its pages
            data.pop(key, None)
        for key in ("title", "description"):  # per-language text: the English version
            if isinstance(data.get(key), dict):
                data[key] = data[key].get("en", "")
        kwargs: dict[str, Any] = {}
        for key in ("title", "description", "seed"):
            if key in data:
                kwargs[key] = data.pop(key)
        tables = {"problem", "optimizer", "schedule", "init", "stopping", "runs"}
        runs = data.pop("runs", [])
        if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
            raise ScenarioError("runs", "must be an array of tables, e.g. [[runs]]")
        kwargs["runs"] = [_parse_optimizer_table(dict(r), f"runs[{i}]", full=False)
                          for i, r in enumerate(runs)]
        for table in data:
            if table not in tables:
                raise ScenarioError(
                    table, f"unknown key; the tables are: {', '.join(sorted(tables))}")
            if not isinstance(data[table], dict):
                raise ScenarioError(table, "must be a table, e.g. [" + table + "]")
        problem = dict(data.get("problem", {}))
        problem_keys = {"kind", "surface", "condition", "dataset", "x", "y", "n_samples",
                        "noise", "model", "degree", "bias", "hidden", "activation", "loss",
                        "huber_delta", "standardize", "test_fraction", "task", "expression"}
        for key, value in problem.items():
            if key not in problem_keys:
                raise ScenarioError(f"problem.{key}",
                                    f"unknown key; valid keys: {', '.join(sorted(problem_keys))}")
            kwargs[key] = value
        if isinstance(kwargs.get("x"), str):
            kwargs["x"] = [kwargs["x"]]
        if kwargs.get("task") == "auto":
            kwargs["task"] = None
        if "dataset" in problem and "kind" not in problem:
            kwargs["kind"] = "data"
        kwargs.update(_parse_optimizer_table(dict(data.get("optimizer", {})), "optimizer"))
        schedule = dict(data.get("schedule", {}))
        kwargs["schedule"] = schedule.pop("name", cls.schedule)
        kwargs["schedule_params"] = {k: _as_float(f"schedule.{k}", v)
                                     for k, v in schedule.items()}
        init = dict(data.get("init", {}))
        if set(init) - {"theta"}:
            raise ScenarioError(f"init.{sorted(set(init) - {'theta'})[0]}",
                                "unknown key; valid key: theta")
        if "theta" in init:
            kwargs["init"] = init["theta"]
        stopping = dict(data.get("stopping", {}))
        for key, value in stopping.items():
            if key not in ("max_steps", "max_epochs", "loss_tol", "grad_tol"):
                raise ScenarioError(f"stopping.{key}", "unknown key; valid keys: "
                                    "grad_tol, loss_tol, max_epochs, max_steps")
            off = isinstance(value, str) and value.strip().lower() == _NO_LIMIT
            kwargs[key] = None if off else value
        for run in kwargs["runs"]:  # a run inherits what it does not say
            run.setdefault("optimizer", kwargs["optimizer"])
            run.setdefault("learning_rate", kwargs.get("learning_rate", cls.learning_rate))
            run.setdefault("batch_size", kwargs.get("batch_size"))
            run.setdefault("hyperparameters", dict(kwargs["hyperparameters"])
                           if run["optimizer"] == kwargs["optimizer"] else {})
        try:
            scenario = cls(**kwargs)
        except TypeError as exc:  # pragma: no cover - all keys are checked above
            raise ScenarioError("scenario", str(exc)) from None
        _check_types(scenario)
        scenario.validate()
        return scenario

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())

    @classmethod
    def from_toml(cls, text: str) -> Scenario:
        """Parse TOML text. Raises ScenarioError (key "toml" for a syntax error)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ScenarioError("toml", f"not valid TOML: {exc}") from None
        except RecursionError:
            raise ScenarioError("toml", "the tables or arrays are nested too deeply") from None
        return cls.from_dict(data)


MAX_RUNS = 8
#: top-level keys of a lesson file that are not part of its scenario (ignored here; read
#: by :mod:`gdstudio.core.lessons`)
LESSON_KEYS = ("pages", "summary")
_RUN_FIELDS = {"optimizer", "learning_rate", "batch_size", "hyperparameters", "init"}


def _optimizer_table(name: str, learning_rate: float, batch_size: int | None,
                     hyperparameters: dict[str, float]) -> dict[str, Any]:
    """An ``[optimizer]`` (or ``[[runs]]``) TOML table."""
    return {"name": name, "learning_rate": learning_rate,
            "batch_size": "full" if batch_size is None else batch_size, **hyperparameters}


def _parse_optimizer_table(table: dict[str, Any], key: str,
                           full: bool = True) -> dict[str, Any]:
    """An ``[optimizer]`` / ``[[runs]]`` table → Scenario fields (only those given, unless
    ``full``, where the name defaults to the Scenario default)."""
    out: dict[str, Any] = {}
    if not full and "init" in table:  # a comparison run's own start point θ₀
        out["init"] = table.pop("init")
    if "name" in table or full:
        out["optimizer"] = table.pop("name", Scenario.optimizer)
    if "learning_rate" in table:
        out["learning_rate"] = table.pop("learning_rate")
    if "batch_size" in table:
        try:
            out["batch_size"] = parse_batch_size(table.pop("batch_size"))
        except ScenarioError as exc:
            raise ScenarioError(f"{key}.batch_size", str(exc).split(": ", 1)[-1]) from None
    if table or full:
        out["hyperparameters"] = {k: _as_float(f"{key}.{k}", v) for k, v in table.items()}
    return out


def parse_batch_size(value: Any) -> int | None:
    """"full" / None → None (batch GD); a whole number ≥ 1 → itself.

    Raises:
        ScenarioError: anything else.
    """
    if value is None or (isinstance(value, str) and value.strip().lower() == "full"):
        return None
    try:
        number = None if isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < 1 or (isinstance(value, float) and number != value):
        raise ScenarioError("optimizer.batch_size",
                            f"must be \"full\" or a whole number ≥ 1, got {value!r}")
    return number


def list_lessons() -> list[str]:
    """Names of the bundled lessons (scenario files under ``resources/lessons/``)."""
    return sorted(p.stem for p in get_resource_path("lessons").glob("*.toml"))


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario TOML file, or a bundled lesson by name (e.g. ``"rosenbrock_race"``).

    Raises:
        ScenarioError: the file cannot be read (key "file") or holds an invalid value.
    """
    if not Path(path).exists():
        lessons = list_lessons()
        if str(path) not in lessons:
            raise ScenarioError("file", f"{path} does not exist; give a scenario TOML file or "
                                f"a bundled lesson: {', '.join(lessons)}")
        path = get_resource_path("lessons", f"{path}.toml")
    limit = LIMITS["scenario_bytes"]
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ScenarioError("file", f"cannot read {path}: it is not a regular file")
        if st.st_size > limit:
            raise ScenarioError("file", f"{path} is larger than {limit / 1e6:g} MB; a scenario "
                                f"file is at most {limit / 1e6:g} MB")
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise ScenarioError("file", f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ScenarioError("file", f"{path} is larger than {limit / 1e6:g} MB; a scenario "
                            f"file is at most {limit / 1e6:g} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError("file", f"{path} is not UTF-8 text (byte {exc.start + 1} cannot "
                            "be decoded); save it as UTF-8") from None
    return _resolve_dataset(Scenario.from_toml(text), Path(path).parent)


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write a scenario as TOML (UTF-8).

    A CSV dataset inside the file's folder is written relative to it (the way
    :func:`load_scenario` reads it), so the folder can be moved or shared as a whole.
    A CSV elsewhere keeps its absolute path; :func:`load_scenario` refuses that (see
    :func:`dataset_outside_folder`)."""
    scenario = with_dataset_relative(scenario, path)
    write_text(path, scenario.to_toml())  # atomically: never half-written


def with_dataset_relative(scenario: Scenario, path: str | Path) -> Scenario:
    """``scenario`` as a file at ``path`` stores it: a CSV dataset inside the file's
    folder is named relative to that folder (the way :func:`load_scenario` reads it), so
    the folder can be moved or shared as a whole; anything else is unchanged."""
    if scenario.kind == "data" and dataset_outside_folder(scenario, path) is False:
        folder = Path(path).parent.resolve()
        relative = Path(scenario.dataset).resolve().relative_to(folder)
        scenario = dataclasses.replace(scenario, dataset=relative.as_posix())
    return scenario


def dataset_outside_folder(scenario: Scenario, path: str | Path) -> bool | None:
    """Whether ``scenario``'s CSV file lies outside the folder of the scenario file
    ``path`` (then the saved file cannot be opened again); None for a bundled or
    synthetic dataset or a surface."""
    name = scenario.dataset
    if scenario.kind != "data" or name in ds.SYNTHETIC_DATASETS or name in ds.BUNDLED_DATASETS:
        return None
    return not Path(name).resolve().is_relative_to(Path(path).parent.resolve())


# -- prepared problem ---------------------------------------------------------------
@dataclass
class Setup:
    """A scenario made concrete: its problem with the data prepared.

    Attributes:
        scenario: the scenario it was made from.
        problem: the :class:`~gdstudio.core.problems.Problem` the trainers minimise.
        surface: the analytic surface (kind "surface"), else None.
        dataset: the whole dataset in original units (kind "data"), else None.
        train, test: the split (original units); test is None without a split.
        standardizer: fitted on the training features when standardising, else None.
        model: the model (kind "data"), else None.
    """

    scenario: Scenario
    problem: Problem
    surface: Surface | None = None
    dataset: ds.Dataset | None = None
    train: ds.Dataset | None = None
    test: ds.Dataset | None = None
    standardizer: ds.Standardizer | None = None
    model: Model | None = None

    def features(self, X: np.ndarray) -> np.ndarray:
        """Original-unit features (n, d) → the model's input (standardised if enabled)."""
        return X if self.standardizer is None else self.standardizer.transform(X)

    def make_trainer(self, scenario: Scenario | None = None) -> Trainer:
        """A trainer on this problem for ``scenario`` (default: the setup's own).

        The scenario may differ from the setup's in optimizer, learning rate,
        hyperparameters, batch size, schedule, initial θ, seed and stopping (the
        comparison runs of the GUI).

        Raises:
            ScenarioError: invalid optimizer settings or initial θ (key named).
        """
        sc = scenario or self.scenario
        try:
            return Trainer(self.problem, sc.make_optimizer(), sc.make_schedule(),
                           batch_size=sc.batch_size, theta0=sc.init, seed=sc.seed,
                           stopping=sc.make_stopping())
        except ParameterError as exc:
            key = {"theta0": "init.theta", "batch_size": "optimizer.batch_size"}.get(
                exc.param, "optimizer.name")
            raise ScenarioError(key, str(exc)) from None

    def original_units(self, theta: np.ndarray) -> dict[str, float] | None:
        """θ of a linear/logistic model fitted on standardised features, in original units.

        None when there is nothing to convert (no standardisation, or another model).
        A model without intercept (``bias = false``) on standardised features has one in
        original units: it is returned as ``"b"`` after the weights.
        """
        if self.standardizer is None or self.model is None or \
                self.model.name not in ("linear", "logistic") or \
                np.shape(theta) != (self.problem.n_params,):
            return None
        if getattr(self.model, "bias", True):
            w, b = self.standardizer.linear_params_to_original(theta[:-1], theta[-1])
            names = self.problem.param_names
        else:
            w, b = self.standardizer.linear_params_to_original(theta, 0.0)
            names = (*self.problem.param_names, "b")
        return dict(zip(names, [*np.atleast_1d(w).tolist(), float(b)]))


#: Data values beyond this magnitude make the loss overflow (its squares pass 1e200).
HUGE_DATA = 1e100


def check_data_scale(problem: Problem) -> None:
    """Refuse data too large for the arithmetic, naming it as a data problem.

    Raises:
        ScenarioError: (key "problem.dataset") a feature or target value is not finite or
            beyond :data:`HUGE_DATA`.
    """
    X, y = getattr(problem, "X", None), getattr(problem, "y", None)
    if X is None or y is None:
        return
    for what, values in (("feature", X), ("target", y)):
        biggest = float(np.max(np.abs(values))) if np.size(values) else 0.0
        if not math.isfinite(biggest) or biggest > HUGE_DATA:
            raise ScenarioError(
                "problem.dataset",
                f"the {what} values reach {format_number(biggest)}, too large for the loss "
                "to be computed (its squares overflow); rescale the data, e.g. to other "
                "units" + (" or standardise the features" if what == "feature" else ""))


def prepare(scenario: Scenario, dataset: ds.Dataset | None = None) -> Setup:
    """Build the problem a scenario describes (loads and splits data as needed).

    ``dataset``: the scenario's dataset when the caller has loaded it already (it is
    then not read again).

    Raises:
        ScenarioError: invalid values (key named).
        gdstudio.core.datasets.DatasetError: the dataset cannot be loaded (CSV problems).
    """
    scenario.validate()
    if scenario.kind == "surface":
        surface: Surface
        if scenario.surface == "expression":
            surface = make_expression_surface(scenario.expression)
        else:
            params = {"condition": scenario.condition} if scenario.surface == "quadratic" \
                else {}
            surface = get_surface(scenario.surface, **params)
        return Setup(scenario, SurfaceProblem(surface), surface=surface)
    try:
        if dataset is None:
            dataset = ds.load_dataset(scenario.dataset, x=scenario.x, y=scenario.y,
                                      n_samples=scenario.n_samples, noise=scenario.noise,
                                      seed=scenario.seed, task=scenario.task)
    except ds.DatasetError:
        raise
    except ParameterError as exc:
        key = "problem.x" if exc.param in ("x", "y") else "problem.dataset"
        raise ScenarioError(key, str(exc)) from None
    except ValueError as exc:  # an unknown name
        raise ScenarioError("problem.dataset", str(exc)) from None
    if scenario.test_fraction > 0:
        train, test = ds.train_test_split(dataset, scenario.test_fraction, seed=scenario.seed)
    else:
        train, test = dataset, None
    standardizer = (ds.Standardizer.fit(train.X, feature_names=train.feature_names)
                    if scenario.standardize else None)
    try:
        model = make_model(scenario.model, dataset.n_features, degree=scenario.degree,
                           hidden=tuple(scenario.hidden), activation=scenario.activation,
                           task=dataset.task if scenario.model == "mlp" else None,
                           bias=scenario.bias)
    except ValueError as exc:
        raise ScenarioError("problem.model", str(exc)) from None
    loss = get_loss(scenario.loss, **({"delta": scenario.huber_delta}
                                      if scenario.loss == "huber" else {}))
    if loss.task != dataset.task:
        raise ScenarioError(
            "problem.loss",
            f"the dataset {dataset.name!r} is a {dataset.task} task, but the {loss.title} "
            f"loss is for {loss.task}"
            + ("; for a numeric target with two values, task = \"regression\" "
               "(--task regression) makes it a regression" if dataset.task == "classification"
               and scenario.task is None else ""),
        )

    def scaled(X: np.ndarray) -> np.ndarray:
        return X if standardizer is None else standardizer.transform(X)

    try:
        problem = DataProblem(model, loss, scaled(train.X), train.y,
                              None if test is None else scaled(test.X),
                              None if test is None else test.y)
    except ValueError as exc:
        raise ScenarioError("problem.model", str(exc)) from None
    check_data_scale(problem)  # the window and the runner alike
    return Setup(scenario, problem, dataset=dataset, train=train, test=test,
                 standardizer=standardizer, model=model)


# -- helpers ------------------------------------------------------------------------
#: TOML has no null: a stopping criterion written as "none" is off (max_steps = None)
_NO_LIMIT = "none"


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: _drop_none(v) if isinstance(v, dict) else v for k, v in d.items()
            if v is not None}


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ScenarioError(key, f"unknown value {value!r}; choose one of: {', '.join(choices)}")


def _number(key: str, value: Any, *, low: float, strict: bool = False,
            high: float | None = None) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < low or (strict and value == low):
        rel = ">" if strict else "≥"
        raise ScenarioError(key, f"must be a number {rel} {low:g}, got {value!r}")
    if high is not None and value > high:
        raise ScenarioError(key, f"must be a number from {low:g} to {high:g}, got {value!r}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(key: str, value: Any, *, low: int, high: int | None = None,
             note: str = "") -> None:
    if not _is_int(value) or value < low:
        raise ScenarioError(key, f"must be a whole number ≥ {low}, got {value!r}")
    if high is not None and value > high:
        raise ScenarioError(key, f"must be a whole number from {low} to {high:,}{note}, "
                            f"got {value:,}")


def _check_parameter_count(hidden: list[int]) -> None:
    """The MLP's parameters between its hidden layers (a lower bound of its size)."""
    count = sum(a * b + b for a, b in zip(hidden, hidden[1:])) + hidden[-1] + 1
    if count > LIMITS["parameters"]:
        raise ScenarioError("problem.hidden", f"the network would have over {count:,} "
                            f"parameters; the limit is {LIMITS['parameters']:,}")


def _resolve_dataset(scenario: Scenario, folder: Path) -> Scenario:
    """A scenario file's CSV path, relative to the file's folder and kept inside it."""
    name = scenario.dataset
    if scenario.kind != "data" or name in ds.SYNTHETIC_DATASETS or name in ds.BUNDLED_DATASETS:
        return scenario
    base = folder.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        raise ScenarioError("problem.dataset", "the dataset path points outside the scenario "
                            "file's folder; put the CSV file beside the scenario (or give it "
                            "with --dataset on the command line)")
    return dataclasses.replace(scenario, dataset=str(target))


def _as_float(key: str, value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if not isinstance(value, int | float):
        raise ScenarioError(key, f"must be a number, got {value!r}")
    return float(value)


_TYPES: dict[str, tuple[str, tuple[type, ...]]] = {
    "title": ("title", (str,)), "description": ("description", (str,)),
    "kind": ("problem.kind", (str,)), "surface": ("problem.surface", (str,)),
    "expression": ("problem.expression", (str,)),
    "dataset": ("problem.dataset", (str,)), "y": ("problem.y", (str, type(None))),
    "model": ("problem.model", (str,)), "activation": ("problem.activation", (str,)),
    "loss": ("problem.loss", (str,)), "standardize": ("problem.standardize", (bool,)),
    "task": ("problem.task", (str, type(None))),
    "bias": ("problem.bias", (bool,)),
    "optimizer": ("optimizer.name", (str,)), "schedule": ("schedule.name", (str,)),
}


def _check_types(sc: Scenario) -> None:
    for attr, (key, types) in _TYPES.items():
        if not isinstance(getattr(sc, attr), types):
            raise ScenarioError(key, f"has the wrong type: {getattr(sc, attr)!r}")
    for attr, key in (("condition", "problem.condition"), ("noise", "problem.noise"),
                      ("huber_delta", "problem.huber_delta"),
                      ("learning_rate", "optimizer.learning_rate"),
                      ("test_fraction", "problem.test_fraction")):
        value = getattr(sc, attr)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(key, f"must be a number, got {value!r}")
        setattr(sc, attr, float(value))
    for attr in ("max_steps",):
        value = getattr(sc, attr)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ScenarioError(f"stopping.{attr}",
                                f'must be a whole number (or "none"), got {value!r}')
    for attr in ("max_epochs", "loss_tol", "grad_tol"):
        value = getattr(sc, attr)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ScenarioError(f"stopping.{attr}", f'must be a number (or "none"), got {value!r}')
