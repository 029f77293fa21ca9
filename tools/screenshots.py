"""Render the README's screenshots of the real window (offscreen; the 3-D mountain needs a
real OpenGL display: run under ``xvfb-run``). Usage::

    python tools/screenshots.py docs/screenshots            # everything but the mountain
    xvfb-run -a python tools/screenshots.py docs/screenshots --mountain
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _settle(app, seconds: float = 0.4) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--mountain", action="store_true", help="only the 3-D view (Xvfb)")
    args = parser.parse_args()
    if not args.mountain:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gdstudio.gui.qtapp import application

    app = application()
    from gdstudio.core.lessons import load_lesson
    from gdstudio.core.scenario import Scenario, load_scenario
    from gdstudio.gui.app_window import MainWindow
    from gdstudio.gui.launch import _wait

    args.out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, scenario: Scenario, steps: int, prepare=None, size=(1500, 950),
             lesson: str | None = None) -> None:
        w = MainWindow(scenario)
        w.resize(*size)
        w.show()
        if lesson:
            w.set_lesson(load_lesson(lesson))
        _wait(lambda: w.batches_received > 0 and not w.landscape.busy, 30)
        if steps:
            w.controller.step_by(steps)
            _wait(lambda: w.traces[0].current.step >= steps or
                  w.traces[0].current.status in ("finished", "converged", "diverged"), 60)
        w.landscape.replan()
        _wait(lambda: not w.landscape.busy, 30)
        if prepare:
            prepare(w)
        _settle(app)
        w.redraw_now()
        _settle(app)
        w.grab().save(str(args.out / name))
        w.dispose()
        print("wrote", args.out / name, flush=True)

    if args.mountain:
        def mountain(w):
            w.landscape.tabs.setCurrentIndex(1)
            _settle(app, 1.0)
        shot("mountain.png", load_scenario("rosenbrock_race"), 400, mountain)
        return 0
    shot("rosenbrock_race.png", load_scenario("rosenbrock_race"), 1000)
    shot("penguins_linear.png", load_scenario("penguins_linear"), 40)
    shot("mlp_boundary.png", load_scenario("mlp_circles"), 600)
    shot("update_card_adam.png", Scenario(title="Adam on Rosenbrock", surface="rosenbrock",
                                          optimizer="adam", learning_rate=0.05,
                                          max_steps=3000), 12)

    def stages(w):
        w.card.stages_box.setChecked(True)
        w.step()
    shot("update_card_stages.png", Scenario(title="Momentum, in stages", surface="rosenbrock",
                                            optimizer="momentum", learning_rate=0.001,
                                            max_steps=3000), 20, stages)
    shot("slope_1d.png", load_scenario("02_slope_at_a_point"), 2)

    def network(w):
        w.data_tabs.setCurrentIndex(1)
        w._on_point_clicked(5)
        w.network.mode.setCurrentIndex(2)
    shot("network_backward.png", Scenario(title="A network on XOR", kind="data",
                                          dataset="xor", model="mlp", hidden=[4, 4],
                                          loss="logloss", optimizer="adam",
                                          learning_rate=0.05, max_steps=3000), 300, network)
    shot("sgd_batches.png", Scenario(title="Mini-batch SGD on the penguins", kind="data",
                                     dataset="penguins", standardize=True,
                                     learning_rate=0.05, batch_size=16, max_steps=2000), 25)

    def question(w):
        w.lesson_pane.choice_group.button(2).setChecked(True)
        w.lesson_pane.check()
    shot("lesson_question.png", load_scenario("04_learning_rate"), 0, question,
         lesson="04_learning_rate")

    def sweep(w):
        w.sweep.num.setValue(48)
        w.sweep.steps.setValue(100)
        w.start_sweep()
        _wait(lambda: w.sweep.result is not None and not w.sweep.busy, 60)
    shot("lr_sweep.png", load_scenario("04_learning_rate"), 0, sweep)

    # projector mode at 1024×768 and the window in 繁體中文: the real command, whose
    # language and style are the whole process's
    import subprocess

    for name, extra in (("projector_mode.png", ["--steps", "200", "--size", "1024x768",
                                                "--projector", "rosenbrock_race"]),
                        ("window_zh_TW.png", ["--lang", "zh_TW", "--steps", "25",
                                              "04_learning_rate"])):
        subprocess.run([sys.executable, "-m", "gdstudio", "--screenshot",
                        str(args.out / name), *extra], check=True)
        print("wrote", args.out / name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
