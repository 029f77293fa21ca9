"""The session: the one owner of the problem, the runs, the focus run and playback.

Everything the window shows and the runner runs is described here, once:

* the **problem** (a surface, or model + loss + dataset) and its prepared
  :class:`~gdstudio.core.scenario.Setup`;
* the **runs**: one validated :class:`~gdstudio.core.scenario.Scenario` per run, sharing
  the problem, seed, schedule and stopping criteria, each with its own optimizer,
  learning rate, batch size, hyperparameters and start point θ₀ (``RUN_FIELDS``);
* the **focus** run (the one the controls edit and the arrows show);
* the **playback** state (playing or not, and the overall :class:`Status`);
* the lesson **title** and description, which describe the problem they came with:
  changing the problem clears them, so a title never names a problem that is gone.

It validates once (``Scenario.replace`` / ``prepare``) and changes nothing when a
change is invalid (a :class:`~gdstudio.core.scenario.ScenarioError` naming the key, or a
:class:`~gdstudio.core.datasets.DatasetError`, is raised). Changes are announced as
narrowly as they are made, through plain observer :class:`Signal` s (no Qt here; the GUI
connects them to its views):

* ``problem_changed()`` — a new problem: every run restarts, landscapes are recomputed;
* ``run_changed(k, start)`` — run k's settings changed; only run k restarts, from its θ₀
  (``start`` None) or from ``start`` (continue from the current θ);
* ``runs_changed()`` — runs were added or removed, or a shared setting (seed, schedule,
  stopping) changed: every run restarts on the same problem;
* ``focus_changed(k)``, ``title_changed(title)``, ``playback_changed(playing, status)``.

The rule "a dataset's task implies the model and the loss" (a classifier for two
classes, a regression loss for a numeric target) lives here and nowhere else, and so
does the rule that a new optimizer or schedule starts from its own defaults.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np

from gdstudio.core import datasets as ds
from gdstudio.core.formatting import format_number
from gdstudio.core.losses import get_loss
from gdstudio.core.optimizers import make_optimizer, optimizer_defaults
from gdstudio.core.problems import random_theta0
from gdstudio.core.scenario import MAX_RUNS, Scenario, ScenarioError, Setup, prepare
from gdstudio.core.status import Status
from gdstudio.core.trainer import Trainer

__all__ = ["Session", "Signal", "PROBLEM_FIELDS", "RUN_FIELDS", "SHARED_FIELDS",
           "MAX_RUNS", "describe_run", "suit_task", "with_problem_changes",
           "with_run_changes", "with_shared_changes"]

#: Scenario fields that define the problem (a change rebuilds data and landscape).
PROBLEM_FIELDS = ("kind", "surface", "condition", "dataset", "x", "y", "n_samples", "noise",
                  "model", "degree", "bias", "hidden", "activation", "loss", "huber_delta",
                  "standardize", "test_fraction", "task", "expression")
#: Scenario fields each run has for itself (the TOML ``[[runs]]`` tables).
RUN_FIELDS = ("optimizer", "learning_rate", "batch_size", "hyperparameters", "init")
#: Scenario fields every run shares besides the problem.
SHARED_FIELDS = ("seed", "schedule", "schedule_params", "max_steps", "max_epochs",
                 "loss_tol", "grad_tol")
_TEXT_FIELDS = ("title", "description")


class Signal:
    """A minimal observer: ``connect(callback)``, ``disconnect(callback)``, ``emit(*args)``.

    Callbacks run synchronously in the emitting thread, in connection order.
    """

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        if callback not in self._slots:
            self._slots.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        if callback in self._slots:
            self._slots.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._slots):
            callback(*args)


def suit_task(task: str, model: str, loss: str) -> tuple[str, str]:
    """The (model, loss) to use for a dataset of ``task`` when ``model``/``loss`` were chosen.

    What a teacher would do: a classification task turns linear or polynomial regression
    into logistic regression and a regression loss into the log-loss; a regression task
    turns logistic regression into linear regression and a classification loss into MSE.
    An MLP stays an MLP. Choices that already fit are kept.
    """
    if task == "classification":
        if model in ("linear", "polynomial"):
            model = "logistic"
        if get_loss(loss).task != "classification":
            loss = "logloss"
    else:
        if model == "logistic":
            model = "linear"
        if get_loss(loss).task != "regression":
            loss = "mse"
    return model, loss


def _loss_for_model(model: str, loss: str) -> str:
    """A loss that ``model`` can be trained with, keeping ``loss`` where it fits."""
    task = get_loss(loss).task
    if model == "logistic" and task != "classification":
        return "logloss"
    if model in ("linear", "polynomial") and task != "regression":
        return "mse"
    return loss


def with_problem_changes(sc: Scenario, changes: dict[str, Any]
                         ) -> tuple[Scenario, ds.Dataset | None]:
    """``sc`` with problem fields changed by the session's rules, and its dataset.

    A new dataset drops the old one's columns unless ``x``/``y`` are given; a new model
    gets a loss it can be trained with; on a data problem the model and loss follow the
    dataset's task (:func:`suit_task`; an explicitly chosen logistic model on a numeric
    target is refused). The dataset is loaded here once (None for a surface) so that
    ``prepare`` need not read it again. Unchanged values are no change: ``sc`` itself
    is returned (with its dataset) when nothing changes.

    Raises:
        ScenarioError, DatasetError: the changed scenario is invalid.
        KeyError: a field that is not a problem field.
    """
    unknown = set(changes) - set(PROBLEM_FIELDS)
    if unknown:
        raise KeyError(f"not problem fields: {sorted(unknown)}")
    changes = dict(changes)
    if "dataset" in changes and changes["dataset"] != sc.dataset:
        changes.setdefault("x", None)
        changes.setdefault("y", None)
    if "dataset" in changes:
        changes.setdefault("kind", "data")
    explicit_loss = "loss" in changes  # asked for, even if unchanged
    explicit = "model" in changes or explicit_loss
    if "model" in changes and "loss" not in changes:
        changes["loss"] = _loss_for_model(changes["model"], sc.loss)
    if changes.get("model") == "mlp":
        changes.setdefault("bias", True)  # a network always has its biases
    changes = {k: v for k, v in changes.items() if getattr(sc, k) != v}
    candidate = sc.replace(**changes) if changes else sc
    if candidate.kind != "data":
        return candidate, None
    return _suit_dataset(candidate, explicit=explicit, explicit_loss=explicit_loss)


def _suit_dataset(sc: Scenario, explicit: bool,
                  explicit_loss: bool = False) -> tuple[Scenario, ds.Dataset]:
    """``sc`` with the model and loss fitted to its dataset's task, and the dataset.

    A model or loss the user asked for that cannot fit the task is refused, never
    silently replaced; what the user did not choose follows the task."""
    try:
        dataset = ds.load_dataset(sc.dataset, x=sc.x, y=sc.y, n_samples=sc.n_samples,
                                  noise=sc.noise, seed=sc.seed, task=sc.task)
    except ds.DatasetError:
        raise
    except ValueError as exc:
        key = "problem.x" if getattr(exc, "param", None) in ("x", "y") else "problem.dataset"
        raise ScenarioError(key, str(exc)) from None
    model, loss = sc.model, sc.loss
    if explicit and model == "logistic" and dataset.task != "classification":
        raise ScenarioError(
            "problem.model", f"logistic regression is a classifier, but the target of "
            f"{dataset.name!r} is numeric ({dataset.task}): use linear, polynomial or mlp")
    if explicit and model in ("linear", "polynomial") and dataset.task == "classification":
        raise ScenarioError(
            "problem.model", f"{model} regression needs a numeric target, but "
            f"{dataset.name!r} has two classes: use logistic or mlp, or fit the 0/1 target "
            "as numbers with task = regression (--task regression)")
    if explicit_loss and get_loss(loss).task != dataset.task:
        choices = "logloss or hinge" if dataset.task == "classification" else \
            "mse, mae or huber"
        raise ScenarioError(
            "problem.loss", f"the {loss} loss is for {get_loss(loss).task}, but "
            f"{dataset.name!r} is a {dataset.task} task: use {choices}")
    if not explicit or get_loss(loss).task != dataset.task:
        model, loss = suit_task(dataset.task, model, loss)
    if model == "polynomial" and dataset.n_features != 1:
        model = "linear"
    if (model, loss) != (sc.model, sc.loss):
        sc = sc.replace(model=model, loss=loss)
    return sc, dataset


def with_run_changes(sc: Scenario, changes: dict[str, Any]) -> Scenario:
    """``sc`` with a run's own fields changed: a new optimizer starts from its own
    default hyperparameters unless ``hyperparameters`` is given.

    Raises:
        ScenarioError: invalid values. KeyError: a field that is not a run field.
    """
    unknown = set(changes) - set(RUN_FIELDS)
    if unknown:
        raise KeyError(f"not run fields: {sorted(unknown)}")
    changes = dict(changes)
    if "optimizer" in changes and changes["optimizer"] != sc.optimizer:
        changes.setdefault("hyperparameters", {})
    changes = {f: v for f, v in changes.items() if getattr(sc, f) != v}
    return sc.replace(**changes) if changes else sc


def with_shared_changes(sc: Scenario, changes: dict[str, Any]) -> Scenario:
    """``sc`` with shared fields changed: a new schedule starts from its own default
    parameters unless ``schedule_params`` is given.

    Raises:
        ScenarioError: invalid values. KeyError: a field that is not shared.
    """
    unknown = set(changes) - set(SHARED_FIELDS)
    if unknown:
        raise KeyError(f"not shared fields: {sorted(unknown)}")
    changes = dict(changes)
    if "schedule" in changes and changes["schedule"] != sc.schedule:
        changes.setdefault("schedule_params", {})
    changes = {k: v for k, v in changes.items() if getattr(sc, k) != v}
    return sc.replace(**changes) if changes else sc


def describe_run(sc: Scenario, tr: Callable[[str], str] | None = None) -> str:
    """A short legend name for a run: optimizer, η, momentum, batch size, schedule.

    E.g. "Adam, η = 0.01", "SGD, η = 0.1", "Momentum, η = 0.001, β = 0.9, batch 32,
    cosine schedule".

    Args:
        sc: the run's scenario.
        tr: translates each English word or phrase of the name (the optimizer's title,
            "SGD", "η = {eta}", "β = {beta}", "batch {size}", "{schedule} schedule", the
            schedule's words and the ", " between parts; placeholders are filled after);
            default: English. The window passes its catalogue (gdstudio.gui.names).
    """
    t = tr or (lambda text: text)
    if sc.optimizer == "gd" and sc.batch_size == 1:
        first = t("SGD")
    else:
        first = t(make_optimizer(sc.optimizer).title)
    parts = [first, t("η = {eta}").format(eta=format_number(sc.learning_rate))]
    hp = {**optimizer_defaults(sc.optimizer), **sc.hyperparameters}
    if sc.optimizer in ("momentum", "nesterov") or (sc.optimizer == "rmsprop" and hp["momentum"]):
        parts.append(t("β = {beta}").format(beta=format_number(hp["momentum"])))
    if sc.batch_size is not None and not (sc.optimizer == "gd" and sc.batch_size == 1):
        parts.append(t("batch {size}").format(size=sc.batch_size))
    if sc.schedule != "constant":
        parts.append(t("{schedule} schedule").format(
            schedule=t(sc.schedule.replace("_", " "))))
    return t(", ").join(parts)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def run_fields(sc: Scenario) -> dict[str, Any]:
    """The RUN_FIELDS of ``sc`` as a dict (copied)."""
    return {f: _copy(getattr(sc, f)) for f in RUN_FIELDS}


class Session:
    """The one owner of a GD Studio session's state (see the module docstring).

    Args:
        scenario: the scenario to open (validated and prepared); default: ``Scenario()``.

    Raises:
        ScenarioError, DatasetError: the scenario cannot be opened.

    Attributes (read them; change them only through the methods):
        setup: the prepared problem (:class:`~gdstudio.core.scenario.Setup`).
        setup_id: increments with every new setup (landscape results carry it, so a
            result for an old problem is recognised and dropped).
        focus: index of the focus run.
        playing: whether training is playing (set by the player through
            :meth:`set_playback`).
        status: the overall :class:`~gdstudio.core.status.Status` of the runs.
        title, description: the lesson's, while its problem is shown; else "".
    """

    def __init__(self, scenario: Scenario | None = None) -> None:
        self.problem_changed = Signal()
        self.run_changed = Signal()
        self.runs_changed = Signal()
        self.focus_changed = Signal()
        self.title_changed = Signal()
        self.playback_changed = Signal()
        self.setup_id = 0
        self.focus = 0
        self.playing = False
        self.status = Status.READY
        self.title = ""
        self.description = ""
        self._runs: list[Scenario] = []
        #: trainers made while validating a change, handed out once by make_trainer
        self._fresh: dict[int, Trainer] = {}
        self.setup: Setup
        self.open(scenario or Scenario())

    # -- reading --------------------------------------------------------------------
    @property
    def n_runs(self) -> int:
        return len(self._runs)

    def run(self, k: int) -> Scenario:
        """The whole scenario of run ``k`` (problem, shared and its own fields)."""
        return self._runs[k]

    @property
    def runs(self) -> list[Scenario]:
        """Every run's scenario (a new list)."""
        return list(self._runs)

    @property
    def focus_run(self) -> Scenario:
        """The focus run's scenario (what the controls show)."""
        return self._runs[self.focus]

    @property
    def scenario(self) -> Scenario:
        """Run 1 with the other runs as ``[[runs]]`` and the title: what Save writes."""
        first = self._runs[0]
        extra = []
        for sc in self._runs[1:]:
            fields = run_fields(sc)
            if fields["init"] == first.init:
                del fields["init"]
            extra.append(fields)
        return dataclasses.replace(first, runs=extra, title=self.title or self.display_title,
                                   description=self.description)

    @property
    def display_title(self) -> str:
        """The lesson's title, or one made from the problem ("Rosenbrock function",
        "Linear regression, MSE, penguins")."""
        if self.title:
            return self.title
        sc = self._runs[0]
        if self.setup.surface is not None:
            return self.setup.surface.title
        dataset = self.setup.dataset.name if self.setup.dataset is not None else sc.dataset
        model = {"linear": "Linear regression", "polynomial": "Polynomial regression",
                 "logistic": "Logistic regression", "mlp": "Neural network"}.get(
            sc.model, sc.model)
        return f"{model}, {get_loss(sc.loss).title}, {dataset}"

    def run_name(self, k: int) -> str:
        """Legend name of run ``k`` (:func:`describe_run`)."""
        return describe_run(self._runs[k])

    def make_trainer(self, k: int, start: np.ndarray | None = None) -> Trainer:
        """A fresh trainer for run ``k`` on the current setup (from θ₀, or ``start``).

        Raises:
            ScenarioError: run k's settings cannot make a trainer (key named).
        """
        if start is None and k in self._fresh:
            return self._fresh.pop(k)  # built (and so validated) by the change itself
        sc = self._runs[k]
        if start is not None:
            sc = dataclasses.replace(sc, init=[float(v) for v in np.ravel(start)])
        return self.setup.make_trainer(sc)

    def make_trainers(self) -> list[Trainer]:
        """One fresh trainer per run, in run order."""
        return [self.make_trainer(k) for k in range(self.n_runs)]

    # -- whole-session changes ---------------------------------------------------------
    def open(self, scenario: Scenario, check: Callable[[Setup], None] | None = None) -> None:
        """Make ``scenario`` (its own run and its ``[[runs]]``) the session's state.

        Args:
            scenario: the scenario to open.
            check: called with the prepared setup before anything changes (a session
                file checks that its saved histories fit the problem); what it raises
                propagates, and nothing changes.

        Raises:
            ScenarioError, DatasetError: nothing changes.
        """
        setup = prepare(scenario)
        runs = scenario.run_scenarios()
        # every run must make a trainer on this problem (θ₀ size, …)
        fresh = {k: setup.make_trainer(sc) for k, sc in enumerate(runs)}
        if check is not None:
            check(setup)
        self._set_setup(setup)
        self._runs, self._fresh = runs, fresh
        self.focus = 0
        self._set_title(scenario.title, scenario.description)
        self.problem_changed.emit()
        self.focus_changed.emit(self.focus)

    def edit_problem(self, **changes: Any) -> None:
        """Change problem fields (PROBLEM_FIELDS); every run restarts on the new problem.

        A new dataset drops the old one's columns unless ``x``/``y`` are given, and the
        model and loss follow the dataset's task (:func:`suit_task`); a new model gets a
        loss it can be trained with.

        Raises:
            ScenarioError, DatasetError: nothing changes.
            KeyError: a field that is not a problem field.
        """
        base = self._runs[0]
        candidate, dataset = with_problem_changes(base, changes)
        if candidate is base:
            return
        self._replace_problem(candidate, dataset)

    def adopt_problem(self, base: Scenario, candidate: Scenario,
                      dataset: ds.Dataset | None) -> bool:
        """Adopt ``(candidate, dataset) = with_problem_changes(base, changes)`` computed
        elsewhere, e.g. on a worker thread while a large CSV file loads.

        Returns False, and nothing changes, when the session's problem or shared fields
        are no longer ``base``'s (the user changed something meanwhile) or when
        ``candidate`` is ``base`` (no change); True when the problem was replaced.

        Raises:
            ScenarioError: the problem cannot be prepared (nothing changes).
        """
        now = self._runs[0]
        if candidate is base or any(getattr(now, f) != getattr(base, f)
                                    for f in (*PROBLEM_FIELDS, *SHARED_FIELDS)):
            return False
        self._replace_problem(candidate, dataset)
        return True

    def _replace_problem(self, candidate: Scenario, dataset: ds.Dataset | None) -> None:
        fields = {f: _copy(getattr(candidate, f)) for f in PROBLEM_FIELDS}
        runs = [dataclasses.replace(sc, **fields) for sc in self._runs]
        setup = prepare(runs[0], dataset)
        fresh = {}
        for k, sc in enumerate(runs):
            try:
                fresh[k] = setup.make_trainer(sc)
            except ScenarioError as exc:
                if exc.key != "init.theta":
                    raise
                runs[k] = dataclasses.replace(sc, init=None)  # θ₀ of another problem
                fresh[k] = setup.make_trainer(runs[k])
        self._set_setup(setup)
        self._runs, self._fresh = runs, fresh
        self._set_title("", "")
        self.problem_changed.emit()

    def edit_shared(self, **changes: Any) -> None:
        """Change fields every run shares (SHARED_FIELDS: seed, schedule, stopping).

        Every run restarts (``runs_changed``); a new seed on a data problem also redraws
        synthetic data and the train/test split (``problem_changed``). A new schedule
        starts from its own default parameters unless ``schedule_params`` is given.

        Raises:
            ScenarioError: nothing changes.
            KeyError: a field that is not shared.
        """
        base = self._runs[0]
        new_base = with_shared_changes(base, changes)
        if new_base is base:
            return
        changes = {f: getattr(new_base, f) for f in SHARED_FIELDS
                   if getattr(new_base, f) != getattr(base, f)}
        runs = [dataclasses.replace(sc, **changes) for sc in self._runs]
        new_data = "seed" in changes and base.kind == "data"
        setup = prepare(runs[0]) if new_data else self.setup
        fresh = {k: setup.make_trainer(sc) for k, sc in enumerate(runs)}
        self._runs, self._fresh = runs, fresh
        if new_data:
            self._set_setup(setup)
            self.problem_changed.emit()
        else:
            self.runs_changed.emit()

    def edit_run(self, k: int, start: np.ndarray | None = None, **changes: Any) -> None:
        """Change run ``k``'s own fields (RUN_FIELDS); only run ``k`` restarts.

        Args:
            k: the run.
            start: None: run k restarts from its θ₀. Else a θ ``(p,)`` (the run's current
                one): it continues from there with the new settings (a fresh optimizer
                state), and that θ becomes its θ₀.
            changes: e.g. ``learning_rate=0.01``. A new optimizer starts from its own
                default hyperparameters unless ``hyperparameters`` is given.

        Raises:
            ScenarioError: nothing changes.
            IndexError, KeyError: no run ``k``; a field that is not a run field.
        """
        old = self._runs[k]
        changes = dict(changes)
        if start is not None:
            changes["init"] = [float(v) for v in np.ravel(start)]
        new = with_run_changes(old, changes)
        if new is old and start is None:
            return
        self._fresh[k] = self.setup.make_trainer(new)
        self._runs[k] = new
        self.run_changed.emit(k, None if start is None else np.array(start, dtype=float))

    def randomize_start(self, k: int, seed: int) -> np.ndarray:
        """Give run ``k`` a random start θ₀ drawn with ``seed``; only run ``k`` restarts.

        The same seed gives the same θ₀ (:func:`~gdstudio.core.problems.random_theta0`:
        uniform within a surface's bounds, the model's own initialiser otherwise); it
        becomes run k's ``init`` (announced by ``run_changed(k, None)``).

        Returns:
            the new θ₀ ``(p,)``.

        Raises:
            ValueError: ``seed`` is not a whole number ≥ 0.
            IndexError: no run ``k``.
        """
        if not 0 <= k < self.n_runs:
            raise IndexError(f"no run {k + 1}: there are {self.n_runs}")
        theta0 = random_theta0(self.setup.problem, seed)
        self.edit_run(k, init=[float(v) for v in theta0])
        return theta0

    def edit(self, k: int, **changes: Any) -> None:
        """Change any fields, each at its own scope: problem fields (every run restarts),
        then shared fields, then run ``k``'s own (a lesson's "set η to 0.19, β to 0.9").

        Raises:
            ScenarioError, DatasetError: an invalid value (changes already applied at a
                wider scope stay; each scope validates on its own).
            KeyError: a field that is not a scenario field of any scope.
        """
        unknown = set(changes) - set(PROBLEM_FIELDS) - set(SHARED_FIELDS) - set(RUN_FIELDS)
        if unknown:
            raise KeyError(f"not scenario fields: {sorted(unknown)}")
        for fields, apply in ((PROBLEM_FIELDS, self.edit_problem),
                              (SHARED_FIELDS, self.edit_shared)):
            scoped = {f: v for f, v in changes.items() if f in fields}
            if scoped:
                apply(**scoped)
        scoped = {f: v for f, v in changes.items() if f in RUN_FIELDS}
        if scoped:
            self.edit_run(k, **scoped)

    def add_run(self, **changes: Any) -> int:
        """Add a run: a copy of the focus run with ``changes`` (RUN_FIELDS); it becomes
        the focus. Returns its index.

        Raises:
            ScenarioError: too many runs (key "runs") or invalid changes.
        """
        if self.n_runs >= MAX_RUNS:
            raise ScenarioError("runs", f"at most {MAX_RUNS} runs can be compared")
        new = with_run_changes(self._runs[self.focus], changes)
        trainer = self.setup.make_trainer(new)
        self._runs.append(new)
        self._fresh = {len(self._runs) - 1: trainer}
        self.focus = self.n_runs - 1
        self.runs_changed.emit()
        self.focus_changed.emit(self.focus)
        return self.focus

    def remove_run(self, k: int) -> None:
        """Remove run ``k`` (the last remaining run cannot be removed).

        Raises:
            ScenarioError: it is the only run (key "runs").
            IndexError: no run ``k``.
        """
        if self.n_runs <= 1:
            raise ScenarioError("runs", "the last run cannot be removed")
        del self._runs[k]
        self._fresh = {}
        if self.focus >= k and self.focus > 0:
            self.focus -= 1
        self.runs_changed.emit()
        self.focus_changed.emit(self.focus)

    def set_focus(self, k: int) -> None:
        """Make run ``k`` the focus run.

        Raises:
            IndexError: no run ``k``.
        """
        if not 0 <= k < self.n_runs:
            raise IndexError(f"no run {k + 1}: there are {self.n_runs}")
        if k != self.focus:
            self.focus = k
            self.focus_changed.emit(k)

    def set_playback(self, playing: bool, status: Status) -> None:
        """The player reports whether training plays and the overall status."""
        if (bool(playing), status) != (self.playing, self.status):
            self.playing, self.status = bool(playing), Status(status)
            self.playback_changed.emit(self.playing, self.status)

    # -- helpers ---------------------------------------------------------------------
    def _set_setup(self, setup: Setup) -> None:
        self.setup = setup
        self.setup_id += 1

    def _set_title(self, title: str, description: str) -> None:
        if (title, description) != (self.title, self.description):
            self.title, self.description = title, description
        self.title_changed.emit(self.display_title)
