"""``gdstudio run``: the headless runner over the same core as the GUI.

::

    gdstudio run [SCENARIO.toml] --steps N [--csv OUT.csv] [--png OUT.png] [--json] [overrides]

Exit status: 0 finished (also when a stopping criterion ended the run); 1 diverged (the
CSV is still written up to the divergence); 2 bad input (stderr names the problem and
the valid choices; nothing is written).

CSV: a header, then one row per step from step 0 (θ before any update): ``step, epoch,
loss, lr, grad_norm``, one column per parameter (by name), and ``test_loss`` last when
there is a train/test split. ``loss`` is the full training-set loss at that θ, ``lr``
the learning rate of the update that follows, ``grad_norm`` the norm of the gradient
that update uses (the mini-batch gradient for mini-batch variants). Floats are written
with Python's shortest round-trip representation.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

from gdstudio.core.datasets import DatasetError
from gdstudio.core.losses import LOSS_NAMES
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, optimizer_defaults
from gdstudio.core.scenario import (
    Scenario,
    ScenarioError,
    Setup,
    load_scenario,
    parse_batch_size,
    prepare,
)
from gdstudio.core.schedules import SCHEDULE_NAMES
from gdstudio.core.surfaces import SURFACE_NAMES
from gdstudio.core.trainer import Trainer

__all__ = ["run_main", "build_parser", "write_csv"]

EXIT_OK, EXIT_DIVERGED, EXIT_BAD_INPUT = 0, 1, 2

# command-line flag -> optimizer hyperparameter
_HYPER_FLAGS = {"momentum": "momentum", "beta1": "beta1", "beta2": "beta2", "eps": "eps",
                "rho": "rho", "weight_decay": "weight_decay", "dampening": "dampening"}
_SCHEDULE_FLAGS = ("step_size", "gamma", "decay_rate", "decay_steps", "t_max", "eta_min",
                   "warmup_steps", "start_factor")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit status 2, as the contract says
        self.exit(EXIT_BAD_INPUT, f"gdstudio run: error: {message}\n"
                  "(all options: gdstudio run --help)\n")


def _float_list(text: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated numbers, e.g. -1.5,2, got {text!r}") from None
    if not values or not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"expected finite numbers, got {text!r}")
    return values


def _int_list(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated layer sizes, e.g. 16,16, got {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"layer sizes must be ≥ 1, got {text!r}")
    return values


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gdstudio run`` (flag names are a contract)."""
    p = _Parser(prog="gdstudio run", description="Run gradient descent headless; write CSV, "
                "PNG or JSON. Flags override the scenario file.")
    p.add_argument("scenario", nargs="?", help="scenario TOML file (optional)")
    p.add_argument("--steps", type=int, help="number of steps to run (default: the "
                   "scenario's max_steps, else 1000)")
    p.add_argument("--csv", metavar="OUT.csv", help="write the history, one row per step")
    p.add_argument("--png", metavar="OUT.png", help="render the landscape with the descent "
                   "path and the loss curve")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    g = p.add_argument_group("problem")
    g.add_argument("--surface", choices=SURFACE_NAMES, help="minimise an analytic surface")
    g.add_argument("--condition", type=float, help="condition number of the quadratic")
    g.add_argument("--dataset", metavar="NAME|PATH.csv", help="fit a model to a dataset")
    g.add_argument("--x", metavar="COL[,COL...]", help="feature column(s)")
    g.add_argument("--y", metavar="COL", help="target column")
    g.add_argument("--n-samples", type=int, help="size of a synthetic dataset")
    g.add_argument("--noise", type=float, help="noise of a synthetic dataset")
    g.add_argument("--model", choices=MODEL_NAMES)
    g.add_argument("--degree", type=int, help="polynomial degree")
    g.add_argument("--hidden", type=_int_list, help="MLP hidden layer sizes, e.g. 16,16")
    g.add_argument("--activation", choices=ACTIVATION_NAMES)
    g.add_argument("--loss", choices=LOSS_NAMES)
    g.add_argument("--huber-delta", type=float)
    g.add_argument("--standardize", action=argparse.BooleanOptionalAction, default=None,
                   help="standardise the features (z-scores)")
    g.add_argument("--test-fraction", type=float, help="hold out this fraction as test set")
    o = p.add_argument_group("optimizer")
    o.add_argument("--optimizer", choices=OPTIMIZER_NAMES)
    o.add_argument("--lr", type=float, help="learning rate η")
    for flag in _HYPER_FLAGS:
        o.add_argument("--" + flag.replace("_", "-"), type=float, dest=flag)
    o.add_argument("--bias-correction", action=argparse.BooleanOptionalAction, default=None,
                   help="Adam/AdamW: correct the moment estimates' bias (default on)")
    o.add_argument("--batch-size", metavar="N|full", help="full (batch GD), 1 (SGD) or k")
    o.add_argument("--schedule", choices=SCHEDULE_NAMES)
    for flag in _SCHEDULE_FLAGS:
        o.add_argument("--" + flag.replace("_", "-"), type=float, dest=flag,
                       help=f"schedule parameter {flag}")
    o.add_argument("--init", type=_float_list, metavar="v1,v2,...", help="initial θ")
    o.add_argument("--seed", type=int)
    s = p.add_argument_group("stopping")
    s.add_argument("--max-epochs", type=float)
    s.add_argument("--loss-tol", type=float)
    s.add_argument("--grad-tol", type=float)
    return p


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario file (or the defaults) with the command-line overrides applied.

    Raises:
        ScenarioError: invalid values, naming the key or flag.
    """
    base = load_scenario(args.scenario) if args.scenario else Scenario()
    changes: dict[str, Any] = {}
    if args.surface and args.dataset:
        raise ScenarioError("--surface/--dataset", "give one of them, not both")
    if args.surface:
        changes.update(kind="surface", surface=args.surface)
    if args.dataset:
        changes.update(kind="data", dataset=args.dataset)
        if args.dataset != base.dataset:  # the scenario's columns belong to its dataset
            changes.update(x=None, y=None)
    direct = {"condition": "condition", "n_samples": "n_samples", "noise": "noise",
              "model": "model", "degree": "degree", "hidden": "hidden",
              "activation": "activation", "loss": "loss", "huber_delta": "huber_delta",
              "standardize": "standardize", "test_fraction": "test_fraction",
              "optimizer": "optimizer", "lr": "learning_rate", "schedule": "schedule",
              "init": "init", "seed": "seed", "max_epochs": "max_epochs",
              "loss_tol": "loss_tol", "grad_tol": "grad_tol", "y": "y"}
    for flag, field_name in direct.items():
        value = getattr(args, flag)
        if value is not None:
            changes[field_name] = value
    if args.x is not None:
        changes["x"] = [c.strip() for c in args.x.split(",") if c.strip()]
    if args.batch_size is not None:
        changes["batch_size"] = parse_batch_size(args.batch_size)
    if args.steps is not None:
        if args.steps < 0:
            raise ScenarioError("--steps", f"must be ≥ 0, got {args.steps}")
        changes["max_steps"] = args.steps
    elif base.max_steps is None:
        changes["max_steps"] = 1000
    if changes.get("kind") == "data" and "model" not in changes and base.kind != "data":
        changes.setdefault("model", base.model)
    optimizer = changes.get("optimizer", base.optimizer)
    valid = optimizer_defaults(optimizer)
    hyper = {k: v for k, v in base.hyperparameters.items()
             if k in valid} if "optimizer" in changes else dict(base.hyperparameters)
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
    changes["hyperparameters"] = hyper
    schedule = changes.get("schedule", base.schedule)
    sched_params = {} if "schedule" in changes else dict(base.schedule_params)
    for flag in _SCHEDULE_FLAGS:
        value = getattr(args, flag)
        if value is not None:
            sched_params[flag] = value
    changes["schedule_params"] = sched_params
    if schedule == "constant" and sched_params:
        raise ScenarioError("--schedule", "the schedule parameters need --schedule "
                            f"(one of: {', '.join(SCHEDULE_NAMES)})")
    return base.replace(**changes)


def write_csv(path: str | Path, trainer: Trainer) -> None:
    """Write the trainer's history as CSV (see the module docstring for the columns)."""
    table = trainer.table()
    names = list(trainer.problem.param_names)
    has_test = table["test_loss"] is not None
    header = ["step", "epoch", "loss", "lr", "grad_norm", *names]
    if has_test:
        header.append("test_loss")
    columns = [table["step"].tolist(), table["epoch"].tolist(), table["loss"].tolist(),
               table["lr"].tolist(), table["grad_norm"].tolist(),
               *table["theta"].T.tolist()]
    if has_test:
        columns.append(table["test_loss"].tolist())
    lines = [",".join(header)]
    lines.extend(",".join(map(repr, row)) for row in zip(*columns))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _check_writable(path: str | None, flag: str) -> None:
    if path is None:
        return
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise ScenarioError(flag, f"the folder {parent} does not exist")
    if Path(path).is_dir():
        raise ScenarioError(flag, f"{path} is a folder; give a file name")


def _describe(setup: Setup) -> str:
    sc = setup.scenario
    if setup.surface is not None:
        return f"{setup.surface.title} surface"
    assert setup.dataset is not None
    return f"{sc.model} model, {sc.loss} loss, {setup.dataset.name} data"


def run_main(argv: list[str]) -> int:
    """``gdstudio run`` with its arguments; returns the exit status (0, 1 or 2).

    Argument errors (an unknown choice, a malformed number) return 2 with the usage on
    stderr; ``--help`` prints the help and returns 0.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        _check_writable(args.csv, "--csv")
        _check_writable(args.png, "--png")
        scenario = scenario_from_args(args)
        setup = prepare(scenario)
        trainer = setup.make_trainer()
    except (ScenarioError, DatasetError) as exc:
        print(f"gdstudio run: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    start = time.perf_counter()
    trainer.run_to_stop()
    elapsed = time.perf_counter() - start
    diverged = trainer.status == "diverged"
    if args.csv:
        write_csv(args.csv, trainer)
    if args.png:
        from gdstudio.gui.render import render_png

        others = [setup.make_trainer(run) for run in scenario.run_scenarios()[1:]]
        for other in others:  # a scenario's comparison runs race in the picture
            other.run_to_stop()
        render_png(args.png, setup, [trainer, *others])
    names = trainer.problem.param_names
    theta = dict(zip(names, trainer.theta.tolist()))
    steps = trainer.step_count
    if args.json:
        result: dict[str, Any] = {
            "status": trainer.status, "stop_reason": trainer.stop_reason, "steps": steps,
            "final_loss": float(trainer.loss), "theta": theta,
            "elapsed_s": elapsed, "steps_per_s": steps / elapsed if elapsed > 0 else None,
            "diverged_at": trainer.diverged_at,
        }
        original = setup.original_units(trainer.theta)
        if original is not None:
            result["theta_original_units"] = original
        if setup.problem.has_test:
            result["final_test_loss"] = float(setup.problem.test_loss(trainer.theta))
        print(json.dumps(result))
    elif not args.csv and not args.png:
        opt = trainer.optimizer.title
        print(f"{opt} (η = {scenario.learning_rate:g}) on the {_describe(setup)}: "
              f"{trainer.status} after {steps} steps ({trainer.stop_reason or 'stopped'})")
        print(f"  loss {float(trainer.loss):.6g}; θ: "
              + ", ".join(f"{k} = {v:.6g}" for k, v in theta.items()))
        original = setup.original_units(trainer.theta)
        if original is not None:
            print("  θ in original units: "
                  + ", ".join(f"{k} = {v:.6g}" for k, v in original.items()))
        rate = f", {steps / elapsed:,.0f} steps/s" if elapsed > 0 and steps else ""
        print(f"  {elapsed:.3f} s{rate}")
    if diverged:
        print(f"gdstudio run: diverged at step {trainer.diverged_at}: the loss became "
              f"infinite or exploded. The learning rate η = {scenario.learning_rate:g} is too "
              f"large for this problem; try a smaller one, e.g. --lr "
              f"{scenario.learning_rate / 10:g}"
              + (", or standardise the features (--standardize)"
                 if scenario.kind == "data" and not scenario.standardize else ""),
              file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK
