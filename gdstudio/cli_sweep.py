"""``gdstudio sweep``: the loss after N steps for many learning rates at once.

::

    gdstudio sweep [SCENARIO] [the run flags] --lr-min A --lr-max B --num N --steps S
                   [--csv OUT] [--png OUT] [--json]

Log-spaced learning rates, run together by :func:`gdstudio.core.sweep.sweep_learning_rates`;
the same exit codes, atomic output files and argument checks as ``gdstudio run``
(:mod:`gdstudio.cli`), except that exit 1 means every learning rate diverged.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import signal
import sys
from typing import Any

import numpy as np

from gdstudio.cli import (
    EXIT_BAD_INPUT,
    EXIT_DIVERGED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    _attach_negative_values,
    _check_data,
    _check_outputs,
    _check_parameters,
    _describe,
    _internal_error,
    _number,
    _OutputError,
    _Stop,
    build_parser,
    open_outputs,
    scenario_and_dataset_from_args,
)
from gdstudio.core.datasets import DatasetError
from gdstudio.core.formatting import format_number
from gdstudio.core.scenario import Scenario, ScenarioError, Setup, prepare
from gdstudio.core.sweep import (
    MAX_SWEEP_RUNS,
    SweepCancelled,
    log_spaced,
    sweep_learning_rates,
    vectorise,
)

__all__ = ["sweep_main", "build_sweep_parser", "sweep_csv", "SWEEP_CSV_COLUMNS"]

SWEEP_CSV_COLUMNS = ("lr", "status", "steps", "final_loss")


def build_sweep_parser() -> argparse.ArgumentParser:
    """The parser of ``gdstudio sweep``: the run flags (except ``--lr``, which the sweep
    sets) plus ``--lr-min``, ``--lr-max`` and ``--num``."""
    p = build_parser()
    p.prog = "gdstudio sweep"
    p.description = ("The loss after N steps against the learning rate η, for log-spaced "
                     "learning rates, all run at once; write CSV, PNG or JSON. Flags "
                     "override the scenario file.")
    actions = p._option_string_actions  # noqa: SLF001 - argparse has no API for this
    actions["--csv"].help = "write one row per learning rate: " + ", ".join(SWEEP_CSV_COLUMNS)
    actions["--png"].help = ("draw the final loss against η on a log axis, with the "
                             "stability limit 2/λ_max where it is known (.png, .jpg)")
    actions["--lr"].help = argparse.SUPPRESS
    g = p.add_argument_group("sweep")
    g.add_argument("--lr-min", type=_number(0, low_open=True), default=1e-4,
                   help="the smallest learning rate (default 1e-4)")
    g.add_argument("--lr-max", type=_number(0, low_open=True), default=1.0,
                   help="the largest learning rate (default 1)")
    g.add_argument("--num", type=_number(1, MAX_SWEEP_RUNS, integer=True), default=32,
                   help=f"how many learning rates, log-spaced (default 32, at most "
                   f"{MAX_SWEEP_RUNS:,})")
    return p


def sweep_main(argv: list[str]) -> int:
    """``gdstudio sweep`` with its arguments; the exit statuses of ``gdstudio run``:
    0 done, 1 every learning rate diverged, 2 bad input, 3 an output cannot be written,
    4 internal error, 130/143 stopped by SIGINT/SIGTERM (nothing is written then)."""
    try:
        return _sweep(list(argv))
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        print("gdstudio sweep: error: standard output was closed", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        print("gdstudio sweep: interrupted", file=sys.stderr)
        return EXIT_SIGINT
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        return _internal_error(exc)


def _sweep(argv: list[str]) -> int:
    parser = build_sweep_parser()
    try:
        args = parser.parse_args(_attach_negative_values(parser, argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        if args.lr is not None:
            raise ScenarioError("--lr", "the sweep sets the learning rate; give the range "
                                "with --lr-min and --lr-max")
        if args.lr_min > args.lr_max:
            raise ScenarioError("--lr-min/--lr-max", f"--lr-min ({args.lr_min:g}) must not "
                                f"exceed --lr-max ({args.lr_max:g})")
        image_format = _check_outputs(args)
        scenario, dataset = scenario_and_dataset_from_args(args)
        with np.errstate(all="ignore"):
            setup = prepare(scenario, dataset)
            _check_data(setup)
            setup.make_trainer()  # every check of a single run
        _check_parameters(setup)
        try:
            vectorise(setup.problem)
        except ValueError as exc:
            raise ScenarioError("problem", str(exc)) from None
        learning_rates = log_spaced(args.lr_min, args.lr_max, args.num)
    except (ScenarioError, DatasetError) as exc:
        print(f"gdstudio sweep: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        csv_out, png_out = open_outputs(args)
    except _OutputError as exc:
        print(f"gdstudio sweep: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    outputs = [o for o in (csv_out, png_out) if o is not None]
    try:
        with _Stop() as stop:
            try:
                result = sweep_learning_rates(setup, learning_rates, scenario.max_steps,
                                              should_stop=lambda: stop.signal is not None)
            except SweepCancelled:
                name = "SIGTERM" if stop.signal == signal.SIGTERM else "SIGINT"
                print(f"gdstudio sweep: stopped by {name}; nothing written", file=sys.stderr)
                return EXIT_SIGTERM if stop.signal == signal.SIGTERM else EXIT_SIGINT
            if csv_out is not None:
                csv_out.write(sweep_csv(result))
                csv_out.commit()
            if png_out is not None:
                assert png_out.file is not None
                png_out.file.close()
                png_out.file = None
                from gdstudio.gui.sweep_render import render_sweep_png

                try:
                    render_sweep_png(png_out.tmp, result, title=_sweep_title(setup, scenario),
                                     steps=scenario.max_steps, image_format=image_format)
                except OSError as exc:
                    raise _OutputError(f"--png: cannot write {args.png}: {exc}") from None
                png_out.commit()
    except _OutputError as exc:
        print(f"gdstudio sweep: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        for out in outputs:
            if out.file is not None or os.path.exists(out.tmp):
                out.discard()
    _sweep_report(args, setup, scenario, result)
    if (result.status == "diverged").all():
        print(f"gdstudio sweep: every learning rate from {args.lr_min:g} to {args.lr_max:g} "
              "diverged; try smaller ones", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def sweep_csv(result: Any) -> str:
    """The sweep's CSV text: a header ``lr,status,steps,final_loss`` and one row per
    learning rate (floats in Python's shortest round-trip form)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SWEEP_CSV_COLUMNS)
    for row in result.rows():
        writer.writerow([repr(row["lr"]), row["status"], row["steps"], repr(row["final_loss"])])
    return buf.getvalue()


def _sweep_title(setup: Setup, scenario: Scenario) -> str:
    opt = scenario.make_optimizer().title
    return f"{opt} on the {_describe(setup)}"


def _sweep_report(args: argparse.Namespace, setup: Setup, scenario: Scenario,
                  result: Any) -> None:
    best = result.best()
    if args.json:
        print(json.dumps({
            "steps": scenario.max_steps, "optimizer": scenario.optimizer,
            "stability_limit": result.stability_limit,
            "best_lr": None if best < 0 else float(result.learning_rates[best]),
            "best_loss": None if best < 0 else float(result.final_loss[best]),
            "elapsed_s": result.elapsed_s,
            "run_steps_per_s": (result.run_steps / result.elapsed_s
                                if result.elapsed_s > 0 else None),
            "runs": result.rows(),
        }))
        return
    counts = {s: int((result.status == s).sum()) for s in ("finished", "converged", "diverged")}
    print(f"{_sweep_title(setup, scenario)}: {len(result.learning_rates)} learning rates "
          f"from {args.lr_min:g} to {args.lr_max:g}, at most {scenario.max_steps:,} steps")
    print("  " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if best >= 0:
        print(f"  lowest loss {format_number(result.final_loss[best], 6)} at η = "
              f"{format_number(result.learning_rates[best])}")
    if result.stability_limit is not None:
        print(f"  stability limit of gradient descent at θ₀: 2/λ_max = "
              f"{format_number(result.stability_limit)}")
    rate = result.run_steps / result.elapsed_s if result.elapsed_s > 0 else 0
    print(f"  {result.elapsed_s:.3f} s, {rate:,.0f} run-steps/s")
    written = [f for f in (args.csv, args.png) if f]
    if written:
        print(f"  wrote {', '.join(written)}")
