"""The bugs of one state kept in several places, each driven through the real window.

Each test names the defect it guards: the play control stuck on "Pause", a stale lesson
title, tracebacks from a landscape computed for an old problem, a landscape that does
not follow the runs, and an η change on one run restarting every run.
"""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdstudio.core.scenario import Scenario, load_scenario
from gdstudio.gui.app_window import MainWindow, default_scenario

TIMEOUT = 20_000
ROSENBROCK = Scenario(kind="surface", surface="rosenbrock", optimizer="gd",
                      learning_rate=0.001, max_steps=150)


def rows(window: MainWindow, k: int) -> int:
    return len(window.traces[k])


# ------------------------------------------------------------------ the play control
def test_play_comes_back_after_a_run_finishes(qtbot, open_window):
    window = open_window(ROSENBROCK)
    window.act_run.trigger()
    assert window.act_play.text() == "Pause"
    qtbot.waitUntil(lambda: window.status == "finished", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.act_play.text() == "Play", timeout=TIMEOUT)
    assert not window.session.playing and not window.controller.playing
    qtbot.keyClick(window, Qt.Key.Key_Space)  # nothing left to play: it says so
    qtbot.waitUntil(lambda: window.act_play.text() == "Play", timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: window.status == "ready", timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.act_play.text() == "Pause"
    qtbot.waitUntil(lambda: window.traces[0].current.step > 0, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.act_play.text() == "Play"


def test_play_comes_back_after_a_divergence_at_max_speed(qtbot, open_window):
    window = open_window(ROSENBROCK.replace(learning_rate=0.1, max_steps=100_000))
    window.speed.slider.setValue(window.speed.slider.maximum())  # max speed
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.status == "diverged", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.act_play.text() == "Play", timeout=TIMEOUT)
    assert window.banner.isVisible()
    text = window.banner.text()
    assert "diverged at step" in text and "the loss reached" in text
    assert "infinite" not in text or "became infinite" in text
    assert "η = " in text and "0.1" in text


# ------------------------------------------------------------------ the title
@pytest.mark.parametrize("change", ["surface", "kind", "model", "dataset", "csv"])
def test_title_and_card_follow_every_problem_change(window_ready, qtbot, open_window,
                                                   tmp_path, change):
    lesson = load_scenario("rosenbrock_race") if change in ("surface", "kind") else \
        default_scenario()
    window = open_window(lesson)
    old = lesson.title
    assert old in window.windowTitle() and old in window.panel.lesson_label.text()
    panel = window.panel
    if change == "surface":
        panel.surface.setCurrentIndex(panel.surface.findData("saddle"))
    elif change == "kind":
        panel.kind.setCurrentIndex(panel.kind.findData("data"))
    elif change == "model":
        panel.model.setCurrentIndex(panel.model.findData("polynomial"))
    elif change == "dataset":
        i = panel.dataset.findData("sine")
        panel.dataset.setCurrentIndex(i)
        panel.dataset.activated.emit(i)
    else:
        path = tmp_path / "heights.csv"
        path.write_text("height,weight\n" + "\n".join(
            f"{150 + i},{50 + 0.9 * i + (i % 3)}" for i in range(30)) + "\n", encoding="utf-8")
        assert window.load_csv(str(path), ["height"], "weight")
    qtbot.waitUntil(lambda: window_ready(window), timeout=TIMEOUT)
    assert old not in window.windowTitle()
    assert old not in panel.lesson_label.text()
    assert window.session.display_title in window.windowTitle()
    saved = window.session.scenario
    assert saved.title != old
    path = tmp_path / "saved.toml"
    assert window.save_scenario(str(path))
    assert old not in path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ rapid switching
def test_rapid_model_and_dataset_switches_while_training_raise_nothing(qtbot, open_window):
    window = open_window(default_scenario())
    errors: list[str] = []
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    sys.excepthook = lambda *exc: errors.append(repr(exc[1]))
    threading.excepthook = lambda args: errors.append(repr(args.exc_value))
    rng = np.random.default_rng(0)
    panel = window.panel
    try:
        window.speed.slider.setValue(window.speed.slider.maximum())
        window.play()
        choices = [("dataset", "moons"), ("dataset", "penguins"), ("dataset", "circles"),
                   ("dataset", "sine"), ("model", "mlp"), ("model", "linear"),
                   ("model", "polynomial"), ("model", "logistic"), ("dataset", "xor")]
        for i in range(200):
            what, value = choices[rng.integers(len(choices))]
            if what == "dataset":
                j = panel.dataset.findData(value)
                panel.dataset.setCurrentIndex(j)
                panel.dataset.activated.emit(j)
            else:
                panel.model.setCurrentIndex(panel.model.findData(value))
            if i % 10 == 0:
                window.play()
            if i % 4 == 0:  # faster than the window repaints: events pile up between
                qtbot.wait(1)
        qtbot.waitUntil(lambda: not window.landscape.busy, timeout=TIMEOUT)
        qtbot.wait(50)
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
        window.pause()
    assert errors == []
    assert "cannot compute" not in window.landscape.status.text()
    # the state is consistent: the traces, the plots and the session agree
    p = window.session.setup.problem.n_params
    assert all(t.n_params == p for t in window.traces)
    assert len(window.traces) == window.session.n_runs


# ------------------------------------------------------------------ the landscape follows
def test_the_landscape_frames_the_path_again_after_divergence_and_reset(qtbot, open_window):
    window = open_window(ROSENBROCK.replace(learning_rate=0.1, max_steps=5000))
    window.run_to_stop()
    qtbot.waitUntil(lambda: window.status == "diverged", timeout=TIMEOUT)
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        window.landscape.replan()  # what F does: the view may grow to the blown-up run
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        window.panel.learning_rate.spin.setValue(0.001)  # a good η: the run restarts
    (a0, a1), (b0, b1) = window.landscape_plot.grid_extent()
    assert a1 - a0 < 20 and b1 - b0 < 20  # around θ₀ = (−1.5, 2) and the valley
    assert a0 < -1.5 < a1 and b0 < 2 < b1
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        window.reset()


def test_the_landscape_follows_a_run_that_leaves_it(qtbot, open_window):
    window = open_window(Scenario(kind="surface", surface="saddle", optimizer="gd",
                                  learning_rate=0.05, max_steps=80))
    first = window.landscape_plot.grid_extent()
    window.run_to_stop()
    qtbot.waitUntil(lambda: window.status in ("finished", "diverged"), timeout=TIMEOUT)
    theta = window.traces[0].current.theta

    def shown() -> bool:
        extent = window.landscape_plot.grid_extent()
        (a0, a1), (b0, b1) = extent
        return not window.landscape.busy and a0 <= theta[0] <= a1 and b0 <= theta[1] <= b1

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    assert window.landscape_plot.grid_extent() != first


def test_a_pinned_view_stays(qtbot, open_window):
    window = open_window(Scenario(kind="surface", surface="saddle", optimizer="gd",
                                  learning_rate=0.05, max_steps=80))
    window.act_pin.trigger()
    assert window.landscape.pin.isChecked()
    first = window.landscape_plot.grid_extent()
    window.run_to_stop()
    qtbot.waitUntil(lambda: window.status in ("finished", "diverged"), timeout=TIMEOUT)
    qtbot.wait(100)
    assert window.landscape_plot.grid_extent() == first and not window.landscape.busy


# ------------------------------------------------------------------ one run's η
def test_changing_one_runs_learning_rate_leaves_the_other_runs_untouched(qtbot, open_window):
    window = open_window(load_scenario("rosenbrock_race"))
    for _ in range(20):
        window.step()
    qtbot.waitUntil(lambda: all(rows(window, k) == 21 for k in range(3)), timeout=TIMEOUT)
    before = [window.traces[k].loss.data.copy() for k in (0, 2)]
    kept = [window.traces[k] for k in (0, 2)]
    window.set_focus_run(1)
    window.panel.learning_rate.spin.setValue(0.0002)
    qtbot.waitUntil(lambda: rows(window, 1) == 1, timeout=TIMEOUT)
    assert window.session.run(1).learning_rate == 0.0002
    assert [window.traces[k] for k in (0, 2)] == kept
    for k, loss in zip((0, 2), before):
        assert rows(window, k) == 21
        np.testing.assert_array_equal(window.traces[k].loss.data, loss)
    assert "η = 2·10⁻⁴" in window.traces[1].name
    window.step()  # the runs go on together from where each stands
    qtbot.waitUntil(lambda: rows(window, 1) == 2 and rows(window, 0) == 22, timeout=TIMEOUT)


def test_continue_from_here_starts_the_new_settings_at_the_current_theta(qtbot, open_window):
    window = open_window(load_scenario("rosenbrock_race"))
    for _ in range(30):
        window.step()
    qtbot.waitUntil(lambda: rows(window, 0) == 31, timeout=TIMEOUT)
    theta = window.traces[0].current.theta.copy()
    panel = window.panel
    panel.on_change.setCurrentIndex(panel.on_change.findData("continue"))
    panel.optimizer.setCurrentIndex(panel.optimizer.findData("adam"))
    qtbot.waitUntil(lambda: rows(window, 0) == 1 and window.traces[0].current.theta is not None
                    and window.traces[0].name.startswith("Adam"), timeout=TIMEOUT)
    np.testing.assert_array_equal(window.traces[0].theta.data[0], theta)
    np.testing.assert_allclose(window.session.run(0).init, theta)
    assert rows(window, 1) == 31  # the others keep their histories
