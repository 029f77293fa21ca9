"""Time a GD Studio executable from process start to its first shown frame.

    python packaging/startup_time.py [--runs N] COMMAND [ARGS...]

runs ``COMMAND ARGS --startup-probe`` N times (default 7) with QT_QPA_PLATFORM=offscreen
unless set, times each until the "shown" line arrives on stdout (the window has been
shown and the event loop has run once), and prints min / median / max in seconds.
The first run is a warm-up (disk cache) and is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def one_run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    elapsed = time.perf_counter() - start
    proc.communicate(timeout=60)
    if not line.startswith("shown") or proc.returncode != 0:
        raise SystemExit(f"{cmd[0]}: no 'shown' line (got {line!r}, exit {proc.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if not args.command:
        parser.error("give the command to time, e.g. dist/gdstudio/gdstudio")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    cmd = [*args.command, "--startup-probe"]
    one_run(cmd, env)  # warm-up
    times = [one_run(cmd, env) for _ in range(args.runs)]
    print(f"startup to first frame over {args.runs} runs: min {min(times):.3f} s, "
          f"median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
