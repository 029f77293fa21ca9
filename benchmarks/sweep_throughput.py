"""Learning-rate sweep throughput (``gdstudio.core.sweep``), best of a few repeats.

Run: ``python benchmarks/sweep_throughput.py`` (``--json`` for one JSON object).

Cases (the goals of issue 8):

* ``surface``: 64 learning rates × 20,000 steps of Adam on Rosenbrock, run-steps/s
  (goal ≥ 3M); the history-keeping :class:`SweepTrainer` of ``core_throughput.py`` on
  the same case is printed beside it for comparison;
* ``mlp``: 64 learning rates × 1,000 steps of Adam on a 2-16-16-1 tanh MLP with the
  log-loss on 500 points of ``circles``, seconds (goal ≤ 2 s), and the single-run
  trainer's time for the same 64,000 run-steps.

One BLAS thread, the app's policy (``gdstudio.blas``), as ``gdstudio sweep`` runs.
"""

from __future__ import annotations

import argparse
import json
import time

from gdstudio.blas import configure_blas

configure_blas()  # before numpy loads BLAS: the app's policy (one thread)

import numpy as np  # noqa: E402

from gdstudio.core.optimizers import make_optimizer  # noqa: E402
from gdstudio.core.scenario import Scenario, prepare  # noqa: E402
from gdstudio.core.sweep import log_spaced, sweep_learning_rates  # noqa: E402
from gdstudio.core.trainer import SweepTrainer  # noqa: E402


def _best(fn, repeats: int) -> float:
    return min(fn() for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}

    rosen = prepare(Scenario(kind="surface", surface="rosenbrock", optimizer="adam"))
    lrs = log_spaced(1e-4, 0.05, 64)

    def surface() -> float:
        r = sweep_learning_rates(rosen, lrs, 20_000)
        return r.elapsed_s / r.run_steps

    def trainer() -> float:
        t = SweepTrainer(rosen.problem, make_optimizer("adam"), lrs)
        start = time.perf_counter()
        t.run(20_000)
        return (time.perf_counter() - start) / (20_000 * 64)

    results["surface_rosenbrock_adam_64x20000"] = {
        "run_steps_per_s": 1 / _best(surface, args.repeats), "goal": 3_000_000,
        "sweep_trainer_run_steps_per_s": 1 / _best(trainer, args.repeats)}

    mlp = prepare(Scenario(kind="data", dataset="circles", n_samples=500, model="mlp",
                           hidden=[16, 16], activation="tanh", loss="logloss",
                           optimizer="adam"))
    mlp_lrs = log_spaced(1e-4, 1.0, 64)

    def sweep_mlp() -> float:
        return sweep_learning_rates(mlp, mlp_lrs, 1000).elapsed_s

    def single_mlp() -> float:
        start = time.perf_counter()
        for lr in mlp_lrs[:8]:
            t = mlp.make_trainer(mlp.scenario.replace(learning_rate=float(lr), max_steps=1000))
            with np.errstate(all="ignore"):
                t.run_to_stop()
        return (time.perf_counter() - start) * 8  # 8 of the 64 runs, scaled

    seconds = _best(sweep_mlp, max(1, args.repeats - 1))
    results["mlp_2_16_16_1_64x1000_n500"] = {
        "seconds": seconds, "goal_seconds": 2.0, "run_steps_per_s": 64_000 / seconds,
        "single_runs_seconds": single_mlp()}
    if args.json:
        print(json.dumps(results))
        return
    s = results["surface_rosenbrock_adam_64x20000"]
    print(f"surface sweep (Rosenbrock, Adam, 64 × 20,000): {s['run_steps_per_s'] / 1e6:.2f}M "
          f"run-steps/s (goal ≥ 3M, ratio {s['run_steps_per_s'] / 3e6:.2f}); SweepTrainer "
          f"with history {s['sweep_trainer_run_steps_per_s'] / 1e6:.2f}M")
    m = results["mlp_2_16_16_1_64x1000_n500"]
    print(f"MLP sweep (2-16-16-1, 500 points, 64 × 1,000): {m['seconds']:.2f} s "
          f"(goal ≤ 2 s, ratio {2 / m['seconds']:.2f}); 64 single runs "
          f"≈ {m['single_runs_seconds']:.2f} s")


if __name__ == "__main__":
    main()
