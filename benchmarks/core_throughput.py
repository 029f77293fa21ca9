"""Core throughput: training steps per second, history recorded, against PyTorch.

Run: ``python benchmarks/core_throughput.py`` (add ``--json`` for one JSON object).

For each case it prints GD Studio's steps/s (``Trainer.run``, history recorded, one
BLAS thread as the app uses), its absolute goal where there is one, and — when
PyTorch is installed — PyTorch eager's steps/s for the same model, loss, optimizer,
data and float64 precision on one thread (``torch.set_num_threads(1)``: a
``zero_grad / forward / backward / step`` loop that also reads the loss with
``.item()`` each step), the speed-up over PyTorch and its goal. Without torch the
PyTorch columns are empty. Rates are the best of ``--repeats`` (5) repeats; with
PyTorch the two are measured in alternation, so that both see the same load of a
shared machine.

Goals (the issue): Rosenbrock Adam ≥ 20× PyTorch; linear regression MSE, full
batch, N = 1,000 ≥ 8×; MLP 2-16-16-1 tanh log-loss N = 500 Adam ≥ 2.5×;
MLP 2-64-64-1 Adam N = 500 ≥ 1.5×.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from gdstudio.blas import configure_blas

configure_blas()  # before numpy loads BLAS: the app's policy (one thread)

import numpy as np  # noqa: E402

from gdstudio.core.datasets import make_dataset  # noqa: E402
from gdstudio.core.losses import get_loss  # noqa: E402
from gdstudio.core.models import make_model  # noqa: E402
from gdstudio.core.optimizers import make_optimizer  # noqa: E402
from gdstudio.core.problems import DataProblem, SurfaceProblem  # noqa: E402
from gdstudio.core.surfaces import get_surface  # noqa: E402
from gdstudio.core.trainer import SweepTrainer, Trainer  # noqa: E402


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


def _linear_data(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 1))
    return X, 2.0 * X[:, 0] + 1.0 + rng.normal(scale=0.1, size=n)


def _mlp(hidden: tuple[int, ...]) -> DataProblem:
    moons = make_dataset("moons", n_samples=500, noise=0.1, seed=0)
    return DataProblem(make_model("mlp", 2, hidden=hidden, activation="tanh"),
                       get_loss("logloss"), moons.X, moons.y)


# -- PyTorch eager, the same cases -------------------------------------------------------
def _torch_rate(make: Callable[[Any], tuple[list, Callable[[], Any], Any]], steps: int,
                repeats: int = 3) -> float:
    """Best-of-``repeats`` steps/s of a torch loop; ``make(torch)`` → (params, loss fn, opt)."""
    import torch

    best = 0.0
    for _ in range(repeats):
        params, loss_fn, opt = make(torch)
        start = time.perf_counter()
        for _ in range(steps):
            opt.zero_grad()
            loss = loss_fn()
            loss.backward()
            opt.step()
            loss.item()
        best = max(best, steps / (time.perf_counter() - start))
    return best


def _torch_cases() -> dict[str, Callable[[Any], tuple[list, Callable[[], Any], Any]]]:
    rosen = SurfaceProblem(get_surface("rosenbrock"))
    start = rosen.default_theta(np.random.default_rng(0))

    def rosenbrock(torch):
        p = torch.tensor(start.copy(), dtype=torch.float64, requires_grad=True)

        def loss():
            x, y = p[0], p[1]
            return (1 - x) ** 2 + 100 * (y - x * x) ** 2

        return [p], loss, torch.optim.Adam([p], lr=1e-2)

    def linear(torch):
        X, y = (torch.tensor(a, dtype=torch.float64) for a in _linear_data(1_000))
        w = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)

        def loss():
            return torch.mean((X[:, 0] * w[0] + b - y) ** 2)

        return [w, b], loss, torch.optim.SGD([w, b], lr=0.1)

    def mlp(hidden):
        problem = _mlp(hidden)

        def make(torch):
            X = torch.tensor(problem.X, dtype=torch.float64)
            y = torch.tensor(problem.y, dtype=torch.float64)
            sizes = (2, *hidden, 1)
            layers: list = []
            for fi, fo in zip(sizes, sizes[1:]):
                layers += [torch.nn.Linear(fi, fo, dtype=torch.float64), torch.nn.Tanh()]
            net = torch.nn.Sequential(*layers[:-1])
            bce = torch.nn.BCEWithLogitsLoss()

            def loss():
                return bce(net(X)[:, 0], y)

            return list(net.parameters()), loss, torch.optim.Adam(net.parameters(), lr=1e-2)

        return make

    return {"rosenbrock_adam": rosenbrock, "linear_mse_n1000": linear,
            "mlp_2_16_16_1_adam_n500": mlp((16, 16)), "mlp_2_64_64_1_adam_n500": mlp((64, 64))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch columns")
    parser.add_argument("--repeats", type=int, default=5,
                        help="repeats per case, best kept (default 5)")
    args = parser.parse_args()
    rosen = SurfaceProblem(get_surface("rosenbrock"))
    X, y = _linear_data(1_000)
    lin1k = DataProblem(make_model("linear", 1), get_loss("mse"), X, y)
    X, y = _linear_data(100_000)
    lin100k = DataProblem(make_model("linear", 1), get_loss("mse"), X, y)
    # name, trainer, steps, absolute goal (steps/s), torch steps, goal ratio over torch
    cases = [
        ("rosenbrock_gd", Trainer(rosen, make_optimizer("gd"), 1e-3), 200_000, None, 0, None),
        ("rosenbrock_adam", Trainer(rosen, make_optimizer("adam"), 1e-2), 100_000, 100_000,
         4_000, 20.0),
        ("linear_mse_n1000", Trainer(lin1k, make_optimizer("gd"), 0.1), 50_000, 50_000,
         4_000, 8.0),
        ("linear_mse_n100000", Trainer(lin100k, make_optimizer("gd"), 0.1), 500, None, 0, None),
        ("mlp_2_16_16_1_adam_n500", Trainer(_mlp((16, 16)), make_optimizer("adam"), 1e-2),
         5_000, 5_000, 2_000, 2.5),
        ("mlp_2_64_64_1_adam_n500", Trainer(_mlp((64, 64)), make_optimizer("adam"), 1e-2),
         1_000, None, 600, 1.5),
    ]
    torch_cases: dict = {}
    if not args.no_torch:
        try:
            import torch

            torch.set_num_threads(1)
            torch_cases = _torch_cases()
        except ImportError:
            torch_cases = {}
    results: dict[str, dict[str, float | None]] = {}
    for name, trainer, steps, goal, torch_steps, goal_ratio in cases:
        if name in torch_cases:  # interleaved repeats: both see the same machine load
            rate = torch_rate = 0.0
            for _ in range(args.repeats):
                rate = max(rate, _rate(trainer, steps, 1))
                torch_rate = max(torch_rate, _torch_rate(torch_cases[name], torch_steps, 1))
        else:
            rate = _rate(trainer, steps, args.repeats)
        row: dict[str, float | None] = {"steps_per_s": rate, "goal": goal,
                                        "ratio": rate / goal if goal else None}
        if name in torch_cases:
            row.update(torch_steps_per_s=torch_rate, speedup=rate / torch_rate,
                       goal_speedup=goal_ratio)
        results[name] = row
    lrs = np.geomspace(1e-5, 1e-3, 64)
    sweep = SweepTrainer(rosen, make_optimizer("adam"), lrs)
    rate = _rate(sweep, 20_000, args.repeats) * len(lrs)
    results["rosenbrock_adam_sweep64"] = {"run_steps_per_s": rate, "goal": 3_000_000,
                                          "ratio": rate / 3_000_000}
    if args.json:
        print(json.dumps(results))
        return
    print(f"{'case':<26}{'GD Studio/s':>13}{'goal':>10}{'ratio':>7}"
          f"{'PyTorch/s':>12}{'speed-up':>10}{'goal':>7}")
    for name, r in results.items():
        value = r.get("steps_per_s", r.get("run_steps_per_s"))
        goal = f"{r['goal']:>10,.0f}" if r["goal"] else f"{'—':>10}"
        ratio = f"{r['ratio']:>7.2f}" if r["ratio"] else f"{'—':>7}"
        if r.get("torch_steps_per_s"):
            vs = (f"{r['torch_steps_per_s']:>12,.0f}{r['speedup']:>9.1f}×"
                  f"{r['goal_speedup']:>6.1f}×")
        else:
            vs = f"{'—':>12}{'—':>10}{'—':>7}"
        print(f"{name:<26}{value:>13,.0f}{goal}{ratio}{vs}")


if __name__ == "__main__":
    main()
