"""Core throughput: training steps per second, history recorded in every case.

Run: ``python benchmarks/core_throughput.py`` (add ``--json`` for one JSON object).
Prints steps/s for each case next to its goal and the ratio (≥ 1 meets the goal).
Reference (the issue, this 2-core machine): a straightforward numpy Adam on 2
parameters ~130k steps/s (PyTorch eager ~4.7k); numpy linear regression at
N = 1,000 ~73k/s (PyTorch ~7k); numpy MLP ~6k/s (PyTorch ~2–2.6k).
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from gdstudio.core.datasets import make_dataset
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.surfaces import get_surface
from gdstudio.core.trainer import SweepTrainer, Trainer


def _rate(trainer: Trainer, steps: int, repeats: int = 3) -> float:
    """Best-of-``repeats`` updates per second for ``steps`` updates from a fresh start."""
    best = 0.0
    for _ in range(repeats):
        trainer.reset()
        start = time.perf_counter()
        done = trainer.run(steps)
        elapsed = time.perf_counter() - start
        assert done == steps, f"{trainer.status} after {done} steps"
        best = max(best, done / elapsed)
    return best


def _linear(n: int) -> DataProblem:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 1))
    y = 2.0 * X[:, 0] + 1.0 + rng.normal(scale=0.1, size=n)
    return DataProblem(make_model("linear", 1), get_loss("mse"), X, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rosen = SurfaceProblem(get_surface("rosenbrock"))
    moons = make_dataset("moons", n_samples=500, noise=0.1, seed=0)
    mlp = DataProblem(make_model("mlp", 2, hidden=(16, 16), activation="tanh"),
                      get_loss("logloss"), moons.X, moons.y)
    cases = [
        ("rosenbrock_gd", Trainer(rosen, make_optimizer("gd"), 1e-3), 200_000, None),
        ("rosenbrock_adam", Trainer(rosen, make_optimizer("adam"), 1e-2), 200_000, 100_000),
        ("linear_mse_n1000", Trainer(_linear(1_000), make_optimizer("gd"), 0.1), 50_000, 50_000),
        ("linear_mse_n100000", Trainer(_linear(100_000), make_optimizer("gd"), 0.1), 500, None),
        ("mlp_2_16_16_1_adam_n500", Trainer(mlp, make_optimizer("adam"), 1e-2), 5_000, 5_000),
    ]
    results: dict[str, dict[str, float | None]] = {}
    for name, trainer, steps, goal in cases:
        rate = _rate(trainer, steps)
        results[name] = {"steps_per_s": rate, "goal": goal,
                         "ratio": rate / goal if goal else None}
    lrs = np.geomspace(1e-5, 1e-3, 64)
    sweep = SweepTrainer(rosen, make_optimizer("adam"), lrs)
    rate = _rate(sweep, 20_000) * len(lrs)
    results["rosenbrock_adam_sweep64"] = {"run_steps_per_s": rate, "goal": 3_000_000,
                                          "ratio": rate / 3_000_000}
    if args.json:
        print(json.dumps(results))
        return
    for name, r in results.items():
        value = r.get("steps_per_s", r.get("run_steps_per_s"))
        goal = f"{r['goal']:>12,.0f}" if r["goal"] else f"{'—':>12}"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] else "—"
        print(f"{name:<28}{value:>14,.0f}/s   goal {goal}   ratio {ratio}")


if __name__ == "__main__":
    main()
