"""Defects the GUI fuzzer (test_fuzz.py) found, each driven through the real window.

Each test names what was broken.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from gdstudio.core.scenario import Scenario
from gdstudio.gui.app_window import MainWindow

BAD_DIR = Path(__file__).resolve().parents[1] / "data" / "bad"
TIMEOUT = 20_000
ROSENBROCK = Scenario(kind="surface", surface="rosenbrock", optimizer="nesterov",
                      learning_rate=0.001, max_steps=150, schedule="step")


@pytest.fixture
def open_window(qtbot):
    windows = []

    def make(scenario: Scenario | None = None) -> MainWindow:
        window = MainWindow(scenario)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.batches_received > 0, timeout=TIMEOUT)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def test_stepping_a_hyperparameter_spin_box_keeps_it_alive(open_window):
    """Stepping "Momentum β" (its arrows, or a wheel turn) changed the run, the panel
    rebuilt the optimizer's form during the spin box's own valueChanged, deleting it,
    and Qt crashed (segmentation fault) on returning into it."""
    window = open_window(ROSENBROCK)
    panel = window.panel
    for _ in range(3):
        spin = panel._hp_widgets["momentum"]
        assert isinstance(spin, QDoubleSpinBox)
        spin.stepBy(1)
        assert panel._hp_widgets["momentum"] is spin  # the same widget, still alive
        assert window.session.focus_run.hyperparameters["momentum"] == pytest.approx(
            spin.value())
    panel._hp_widgets["weight_decay"].stepBy(1)
    assert window.session.focus_run.hyperparameters.get("weight_decay", 0) > 0


def test_stepping_a_schedule_spin_box_keeps_it_alive(open_window):
    """The same crash with the schedule's parameters ("Every (steps)", "Factor γ")."""
    window = open_window(ROSENBROCK)
    panel = window.panel
    spin = panel._sched_widgets["step_size"]
    assert isinstance(spin, QSpinBox)
    before = spin.value()
    spin.stepBy(1)
    assert panel._sched_widgets["step_size"] is spin
    assert window.session.run(0).schedule_params["step_size"] == before + 1
    panel._sched_widgets["gamma"].stepBy(-1)
    assert panel.schedule.currentData() == "step"
    # another optimizer or schedule still gets its own form
    panel.optimizer.setCurrentIndex(panel.optimizer.findData("adam"))
    assert "beta1" in panel._hp_widgets and "momentum" not in panel._hp_widgets
    panel.schedule.setCurrentIndex(panel.schedule.findData("constant"))
    assert not panel._sched_widgets and not panel.sched_box.isVisibleTo(panel)


def _curve_rows(window: MainWindow, k: int) -> int:
    x, _ = window.loss_plot._curves[k][0].getOriginalDataset()
    return 0 if x is None else len(x)


def test_other_runs_stay_drawn_when_one_run_restarts(qtbot, open_window):
    """A change to one run (its η) made new, empty loss curves for every run, and nothing
    asked for a redraw: the other runs' curves stayed blank until the next batch came."""
    window = open_window(ROSENBROCK.replace(optimizer="gd"))
    window.add_run({"learning_rate": 0.002})
    window.controller.step_by(5)
    qtbot.waitUntil(lambda: all(len(t) == 6 for t in window.traces), timeout=TIMEOUT)
    window.redraw_now()
    assert _curve_rows(window, 0) == 6
    window.session.edit_run(1, learning_rate=0.003)  # run 1 restarts; run 0 keeps 6 rows
    assert len(window.traces[0]) == 6
    assert window._needs_redraw or _curve_rows(window, 0) == 6
    qtbot.waitUntil(lambda: not window._needs_redraw, timeout=TIMEOUT)
    assert _curve_rows(window, 0) == 6


def test_rows_of_a_replaced_trainer_never_reach_its_new_trace(qtbot, open_window):
    """A run changed while playing (its η) got a new, empty trace at once, but batches
    the worker had sent before it received the new trainer still carried the old
    trainer's rows (steps 5, 6, …): they were appended to the new trace, which then
    started at step 5, and the landscape was re-framed around the old path."""
    from gdstudio.gui.training_thread import StepBatch, run_batch

    window = open_window(ROSENBROCK.replace(optimizer="gd"))
    window.add_run({"learning_rate": 0.002})
    qtbot.waitUntil(lambda: all(len(t) == 1 for t in window.traces), timeout=TIMEOUT)
    old = window.session.make_trainer(1)
    old.run(6)
    stale = StepBatch([run_batch(0, window.session.make_trainer(0), 1),
                       run_batch(1, old, 5)], 0.0, window.controller.generation)
    window.session.edit_run(1, learning_rate=0.003)  # the worker gets a new trainer
    window.apply_batch(stale)  # … after these rows were already on their way
    assert len(window.traces[1]) == 0
    qtbot.waitUntil(lambda: len(window.traces[1]) == 1, timeout=TIMEOUT)
    assert list(window.traces[1].steps.data) == [0]
    window.controller.step_by(3)
    qtbot.waitUntil(lambda: len(window.traces[1]) == 4, timeout=TIMEOUT)
    assert list(window.traces[1].steps.data) == [0, 1, 2, 3]


def test_a_saved_scenario_with_a_csv_beside_it_opens_again(qtbot, open_window, tmp_path):
    """Saving wrote the CSV's absolute path; the scenario file reader keeps a dataset
    inside the file's folder, so a saved scenario whose folder was moved (or any
    scenario saved elsewhere) could not be opened again. Now the path is written
    relative to the folder, and a CSV elsewhere is said at once when saving."""
    import shutil

    from gdstudio.core.scenario import load_scenario

    folder = tmp_path / "lesson"
    folder.mkdir()
    csv = folder / "heights.csv"
    shutil.copy(BAD_DIR / "sep_line.csv", csv)
    window = open_window()
    assert window.load_csv(str(csv), ["height"], "weight")
    saved = folder / "mine.toml"
    assert window.save_scenario(str(saved))
    assert 'dataset = "heights.csv"' in saved.read_text("utf-8")
    moved = tmp_path / "moved"
    shutil.move(folder, moved)
    assert load_scenario(moved / "mine.toml").dataset == str((moved / "heights.csv").resolve())
    assert window.open_scenario(str(moved / "mine.toml"))
    assert window.session.run(0).dataset == str((moved / "heights.csv").resolve())
    (tmp_path / "other").mkdir()
    elsewhere = tmp_path / "other" / "elsewhere.toml"
    assert window.save_scenario(str(elsewhere))
    assert "another folder" in window.status_label.text()


def test_cyclic_garbage_is_collected_only_in_the_gui_thread(qtbot):
    """The long fuzz run deadlocked: a collection started in the training thread freed a
    pyqtgraph context menu (a parentless QMenu in a reference cycle, left by a closed
    window) there, while the GUI thread was destroying another widget. run_gui now runs
    the cyclic collector only from a timer in the GUI thread."""
    import gc
    import threading

    from gdstudio.gui.qtapp import GuiThreadGarbageCollector

    freed_in: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_in.append(threading.current_thread().name)

    was_enabled = gc.isenabled()  # off in the GUI tests: their own GUI-thread collector
    collector = GuiThreadGarbageCollector(interval_ms=20)
    try:
        n = gc.get_threshold()[0] + 100  # enough to pass the first generation's threshold
        for _ in range(n):
            Cycle()

        def allocate() -> None:  # would start collections here with automatic gc
            junk = [[i] for i in range(200_000)]
            del junk

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert freed_in == []
        qtbot.waitUntil(lambda: len(freed_in) == n, timeout=5_000)
        assert set(freed_in) == {threading.main_thread().name}
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled  # the automatic collector as it was
