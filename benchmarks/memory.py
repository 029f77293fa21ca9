"""Peak memory of long runs: the history's memory budget at work.

Run: ``python benchmarks/memory.py`` (``--quick`` for a short smoke run). Prints ONE
JSON object. Every case runs in a fresh subprocess; its peak resident set size comes
from ``os.wait4`` (the child's own ``ru_maxrss``), so cases do not mix.

Cases (goal: peak RSS ≤ 400 MB each):

* ``trainer_*``: in-process, ``Trainer.run(N)`` with the default (shared 256 MB)
  history budget; also reports the history's own bytes, its thinning stride and the
  bytes an unthinned history would need.
* ``cli_*``: ``gdstudio run ... --steps N --json`` (the headless runner, no CSV).
* ``trainer_stream_csv_*``: in-process, writing a CSV as a streaming runner does:
  ``run(recent_rows)``, then the new rows read and written 64 at a time
  (``table(sent, sent + 64)``: a whole chunk of θ and g copied and converted to
  Python floats at once would cost more memory than the history itself —
  1,662 × 4,417 floats for 2-64-64-1), repeated.
* ``cli_csv_*``: ``gdstudio run ... --csv``. The runner of this branch writes the CSV
  at the end from ``trainer.table()``: once θ has been thinned that raises
  ThinnedHistoryError, until the streaming CSV writer (``table(sent)`` after every
  chunk) lands.

Networks: 2-16-16-1 (337 parameters) for 300k steps and 2-64-64-1 (4,417) for 40k
steps; tanh, log-loss, Adam (η = 0.01), 500 points of the circles dataset.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

CASES = {"mlp_2_16_16_1": ((16, 16), 300_000), "mlp_2_64_64_1": ((64, 64), 40_000)}

CHILD = """
import json, resource, sys, time
from gdstudio.blas import configure_blas
configure_blas()
from gdstudio.core.datasets import make_dataset
from gdstudio.core.losses import get_loss
from gdstudio.core.models import make_model
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.problems import DataProblem
from gdstudio.core.trainer import Trainer
hidden, steps = json.loads(sys.argv[1]), int(sys.argv[2])
ds = make_dataset("circles", n_samples=500, seed=0)
problem = DataProblem(make_model("mlp", 2, hidden=tuple(hidden), activation="tanh"),
                      get_loss("logloss"), ds.X, ds.y)
t = Trainer(problem, make_optimizer("adam"), 0.01)
start = time.perf_counter()
if len(sys.argv) > 3:  # stream a CSV as the runner will: run a chunk, write its rows
    sent = 0
    with open(sys.argv[3], "w") as out:
        while t.step_count < steps:
            t.run(min(t.recent_rows, steps - t.step_count))
            while sent < len(t.history):  # the new rows, 64 at a time
                tab = t.table(sent, sent + 64)
                for row in zip(tab["step"].tolist(), tab["loss"].tolist(),
                               tab["grad_norm"].tolist(), *tab["theta"].T.tolist()):
                    out.write(",".join(map(repr, row)) + "\\n")
                sent += len(tab["step"])
else:
    t.run(steps)
h = t.history
print(json.dumps({"steps": t.step_count, "status": t.status,
                  "seconds": round(time.perf_counter() - start, 1),
                  "history_mb": round(h.nbytes / 2**20, 1),
                  "unthinned_history_mb": round(len(h) * (2 * problem.n_params + 1) * 8 / 2**20),
                  "stride": h.stride, "full_rows": len(h) - h.full_start,
                  "recent_rows": h.recent_rows, "n_params": problem.n_params}))
"""


def _run(cmd: list[str]) -> dict:
    """Run ``cmd``, reaping it with wait4: its own peak RSS (MB), exit status, JSON line."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    result: dict = {"peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                    "wall_s": round(time.perf_counter() - start, 1),
                    "exit_status": proc.returncode}
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if lines:  # the scalar fields (not θ, which has thousands of entries)
        result["output"] = {k: v for k, v in json.loads(lines[-1]).items()
                            if not isinstance(v, (dict, list))}
    if proc.returncode:
        result["error"] = (stderr.strip().splitlines() or ["?"])[-1][:300]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10× fewer steps")
    parser.add_argument("--cases", default="trainer,trainer_stream_csv,cli,cli_csv",
                        help="comma-separated subset of trainer,trainer_stream_csv,cli,"
                        "cli_csv")
    args = parser.parse_args()
    kinds = args.cases.split(",")
    results: dict = {"goal_peak_rss_mb": 400}
    results["baseline_import_and_10_steps"] = _run(
        [sys.executable, "-c", CHILD, json.dumps([16, 16]), "10"])
    for name, (hidden, steps) in CASES.items():
        steps = steps // 10 if args.quick else steps
        if "trainer" in kinds:
            results[f"trainer_{name}_{steps}"] = _run(
                [sys.executable, "-c", CHILD, json.dumps(list(hidden)), str(steps)])
        if "trainer_stream_csv" in kinds:
            with tempfile.TemporaryDirectory() as tmp:
                results[f"trainer_stream_csv_{name}_{steps}"] = _run(
                    [sys.executable, "-c", CHILD, json.dumps(list(hidden)), str(steps),
                     os.path.join(tmp, "out.csv")])
        cli = [sys.executable, "-m", "gdstudio", "run", "--dataset", "circles",
               "--n-samples", "500", "--model", "mlp", "--hidden",
               ",".join(map(str, hidden)), "--activation", "tanh", "--loss", "logloss",
               "--optimizer", "adam", "--lr", "0.01", "--steps", str(steps), "--json"]
        if "cli" in kinds:
            results[f"cli_{name}_{steps}"] = _run(cli)
        if "cli_csv" in kinds:
            with tempfile.TemporaryDirectory() as tmp:
                results[f"cli_csv_{name}_{steps}"] = _run(
                    [*cli, "--csv", os.path.join(tmp, "out.csv")])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
