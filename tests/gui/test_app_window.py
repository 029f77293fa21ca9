"""The main window end to end: real training thread, real plots, offscreen Qt."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdstudio.core.scenario import Scenario, load_scenario
from gdstudio.gui import training_thread as worker
from gdstudio.gui.app_window import MainWindow, default_scenario
from gdstudio.gui.launch import take_screenshot
from gdstudio.gui.plot_style import run_color
from gdstudio.gui.training_thread import StepBatch

ROSENBROCK = Scenario(kind="surface", surface="rosenbrock", optimizer="gd",
                      learning_rate=0.001, max_steps=2000)
TIMEOUT = 15_000


@pytest.fixture
def window(open_window):
    return open_window(ROSENBROCK)


def step_of(window: MainWindow, run: int = 0) -> int:
    return window.traces[run].current.step


def curve_length(window: MainWindow, run: int = 0) -> int:
    x, _ = window.loss_plot._curves[run][0].getOriginalDataset()
    return 0 if x is None else len(x)


def path_length(window: MainWindow, run: int = 0) -> int:
    x, _ = window.landscape_plot._paths[run][0].getData()
    return 0 if x is None else len(x)


def wait_drawn(qtbot, window: MainWindow, steps: int, run: int = 0) -> None:
    qtbot.waitUntil(lambda: step_of(window, run) == steps and curve_length(window, run) ==
                    steps + 1, timeout=TIMEOUT)


# ------------------------------------------------------------------ start-up
def test_default_window_shows_penguins_ready(open_window):
    window = open_window()
    assert window.session.run(0).dataset == "penguins" and window.session.run(0).model == "linear"
    assert window.session.focus_run.learning_rate == 0.1 and window.session.run(0).standardize
    assert window.status == "ready" and step_of(window) == 0 and curve_length(window) == 1
    assert window.data_plot.isVisible() and window.data_plot.mode == "curve"
    assert window.landscape_plot.plane.labels == ("w", "b")
    assert "0.1" in window.traces[0].name
    assert window.panel.epoch_label.text().startswith("1 epoch = 1 step")


# ------------------------------------------------------------------ commands
def test_step_step_back_and_reset_with_keys(qtbot, window):
    for k in range(1, 4):
        qtbot.keyClick(window, Qt.Key.Key_Right)
        wait_drawn(qtbot, window, k)
    assert path_length(window) == 4
    qtbot.keyClick(window, Qt.Key.Key_Left)
    wait_drawn(qtbot, window, 2)
    assert path_length(window) == 3
    np.testing.assert_allclose(window.traces[0].current.theta, window.traces[0].theta.data[2])
    qtbot.keyClick(window, Qt.Key.Key_R)
    wait_drawn(qtbot, window, 0)
    assert window.status == "ready"


def test_play_and_pause_with_space(qtbot, window):
    window.speed.setValue(300)
    window.controller.set_speed(300)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.playing and window.act_play.text() == "Pause"
    qtbot.waitUntil(lambda: step_of(window) >= 20, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.controller.playing and window.act_play.text() == "Play"
    qtbot.waitUntil(lambda: window.status == "paused", timeout=TIMEOUT)
    k = step_of(window)
    qtbot.waitUntil(lambda: curve_length(window) == k + 1, timeout=TIMEOUT)
    assert "Paused at step" in window.status_label.text()


def test_space_plays_even_when_a_spin_box_has_focus(qtbot, window):
    spin = window.panel.learning_rate.spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=TIMEOUT)
    qtbot.keyClick(spin, Qt.Key.Key_Space)
    assert window.controller.playing
    qtbot.keyClick(spin, Qt.Key.Key_Space)
    assert not window.controller.playing
    assert window.panel.learning_rate.value() == 0.001  # the value was not edited


def test_toolbar_actions_and_run_to_stop(qtbot, open_window):
    window = open_window(ROSENBROCK.replace(max_steps=150))
    window.act_step.trigger()
    wait_drawn(qtbot, window, 1)
    window.act_back.trigger()
    wait_drawn(qtbot, window, 0)
    window.act_run.trigger()
    qtbot.waitUntil(lambda: window.status == "finished", timeout=TIMEOUT)
    wait_drawn(qtbot, window, 150)
    assert "150" in window.status_label.text()
    window.act_reset.trigger()
    wait_drawn(qtbot, window, 0)


def test_plots_receive_every_step_of_a_run(qtbot, window):
    window.speed.setValue(math.inf)
    window.controller.set_speed(math.inf)
    window.play()
    qtbot.waitUntil(lambda: step_of(window) >= 300, timeout=TIMEOUT)
    window.pause()
    qtbot.waitUntil(lambda: window.status in ("paused", "finished"), timeout=TIMEOUT)
    k = step_of(window)
    wait_drawn(qtbot, window, k)
    trace = window.traces[0]
    assert len(trace) == k + 1 and path_length(window) == k + 1
    np.testing.assert_array_equal(trace.steps.data, np.arange(k + 1))
    assert np.all(np.isfinite(trace.loss.data))


# ------------------------------------------------------------------ controls
def test_changing_the_optimizer_resets_the_run(qtbot, window):
    for _ in range(5):
        window.step()
    wait_drawn(qtbot, window, 5)
    combo = window.panel.optimizer
    combo.setCurrentIndex(combo.findData("momentum"))
    assert window.session.focus_run.optimizer == "momentum"
    wait_drawn(qtbot, window, 0)
    assert window.traces[0].name.startswith("Momentum")
    assert "Momentum β" in [window.panel.hp_form.itemAt(i, window.panel.hp_form.ItemRole.LabelRole)
                            .widget().text() for i in range(window.panel.hp_form.rowCount())
                            if window.panel.hp_form.itemAt(
                                i, window.panel.hp_form.ItemRole.LabelRole) is not None]


def test_learning_rate_slider_and_spin_box_stay_in_sync(qtbot, window):
    lr = window.panel.learning_rate
    lr.spin.setValue(0.01)
    assert window.session.focus_run.learning_rate == 0.01
    assert lr.slider.value() == lr._to_tick(0.01)
    lr.slider.setValue(lr._to_tick(0.0001))
    assert window.session.focus_run.learning_rate == pytest.approx(1e-4)
    assert lr.spin.value() == pytest.approx(1e-4)


def test_loss_change_recomputes_the_landscape(qtbot, open_window):
    window = open_window(default_scenario())
    before = window.landscape_plot.image.image.copy()
    combo = window.panel.loss
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findData("mae"))
    assert window.setup.problem.loss_fn.name == "mae"
    after = window.landscape_plot.image.image.copy()
    assert after.shape == before.shape and not np.allclose(after, before)
    assert "MAE" in window.landscape.title.text()
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findData("huber"))
    assert window.panel.form_problem.isRowVisible(window.panel.huber_delta)
    assert not np.allclose(window.landscape_plot.image.image, after)


def test_invalid_value_is_shown_inline_and_nothing_breaks(qtbot, window):
    window.panel.init_mode.setCurrentIndex(window.panel.init_mode.findData("typed"))
    window.panel.init.setText("1, 2, 3")
    window.panel.init.setModified(True)
    window.panel.init.editingFinished.emit()
    assert window.panel.error_label.isVisible()
    assert "init.theta" in window.panel.error_label.text()
    assert window.session.run(0).init is None  # the last valid state is still in use
    window.step()
    wait_drawn(qtbot, window, 1)


def test_click_on_the_landscape_sets_the_start_point(qtbot, window):
    window.landscape_plot.startPointClicked.emit(0.5, -0.5)
    assert window.session.run(0).init == [0.5, -0.5]
    qtbot.waitUntil(lambda: len(window.traces[0].theta) == 1 and np.allclose(
        window.traces[0].theta.data[0], [0.5, -0.5]), timeout=TIMEOUT)
    assert window.panel.init.text() == "0.5, -0.5"


def test_classification_dataset_picks_a_classifier(window_ready, qtbot, window):
    panel = window.panel
    panel.kind.setCurrentIndex(panel.kind.findData("data"))
    qtbot.waitUntil(lambda: window_ready(window), timeout=TIMEOUT)
    i = panel.dataset.findData("moons")
    panel.dataset.setCurrentIndex(i)
    panel.dataset.activated.emit(i)
    assert window.session.run(0).dataset == "moons"
    assert window.session.run(0).model == "logistic" and window.session.run(0).loss == "logloss"
    qtbot.waitUntil(lambda: window_ready(window), timeout=TIMEOUT)
    assert window.data_plot.mode == "boundary"
    assert window.landscape.plane_header.isVisibleTo(window)  # 3 parameters: a plane is chosen


# ------------------------------------------------------------------ comparison
def test_comparison_runs_advance_together(qtbot, window):
    assert window.add_run({"optimizer": "momentum", "learning_rate": 0.0005})
    assert window.add_run({"optimizer": "adam", "learning_rate": 0.05})
    assert len(window.traces) == 3 and window.panel.run_list.count() == 3
    assert [t.color for t in window.traces] == [run_color(k) for k in range(3)]
    assert [t.style.symbol for t in window.traces] == ["o", "s", "t1"]
    for _ in range(7):
        window.step()
    for run in range(3):
        wait_drawn(qtbot, window, 7, run)
    assert {len(t) for t in window.traces} == {8}
    assert window.traces[2].current.velocity is not None  # Adam's first moment
    window.step_back()
    for run in range(3):
        wait_drawn(qtbot, window, 6, run)
    assert window.remove_run(1)
    assert len(window.traces) == 2 and window.traces[1].name.startswith("Adam")
    qtbot.waitUntil(lambda: window.batches_received > 0 and step_of(window, 1) == 0,
                    timeout=TIMEOUT)


def test_focus_run_is_edited_by_the_controls(qtbot, window):
    window.add_run({"optimizer": "adam", "learning_rate": 0.05})
    assert window.focus == 1 and window.panel.optimizer.currentData() == "adam"
    window.panel.learning_rate.spin.setValue(0.02)
    assert window.session.run(1).learning_rate == 0.02
    assert window.session.run(0).learning_rate == 0.001
    window.panel.run_list.setCurrentRow(0)
    assert window.focus == 0 and window.panel.optimizer.currentData() == "gd"


def test_mini_batch_runs_show_both_gradients(qtbot, open_window):
    window = open_window(default_scenario().replace(batch_size=8))
    window.step()
    wait_drawn(qtbot, window, 1)
    cur = window.traces[0].current
    assert cur.full_grad is not None and cur.grad is not None
    assert window.landscape_plot.arrows["full_grad"].visible
    assert window.landscape_plot.arrows["grad"].visible
    assert "43 steps" in window.panel.epoch_label.text()


# ------------------------------------------------------------------ divergence, errors
def test_divergence_shows_the_banner_and_stays_usable(qtbot, open_window):
    window = open_window(ROSENBROCK.replace(learning_rate=0.1))
    window.run_to_stop()
    qtbot.waitUntil(lambda: window.status == "diverged", timeout=TIMEOUT)
    qtbot.waitUntil(window.banner.isVisible, timeout=TIMEOUT)
    assert "η" in window.banner.text()
    trace = window.traces[0]
    assert np.all(np.isfinite(trace.loss.data)) and np.all(np.isfinite(trace.path.data))
    x, y = window.loss_plot._curves[0][0].getOriginalDataset()
    assert np.all(np.isfinite(y))
    assert "Diverged" in window.status_label.text()
    window.panel.learning_rate.spin.setValue(0.001)  # the student lowers η
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=TIMEOUT)
    window.step()
    wait_drawn(qtbot, window, 1)


def test_bad_csv_keeps_the_old_dataset_and_reports_the_core_message(
        qtbot, open_window, tmp_path, monkeypatch):
    window = open_window(default_scenario())
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,height\nalice,1.6\nbob,1.8\ncarol,1.7\n", encoding="utf-8")
    assert not window.load_csv(str(bad), ["name"], "height")
    assert len(errors) == 1
    assert "name" in errors[0][1] and "bad.csv" in errors[0][1]
    assert window.session.run(0).dataset == "penguins" and window.setup.dataset.name == "penguins"
    window.step()
    wait_drawn(qtbot, window, 1)


def test_good_csv_loads_with_chosen_columns(qtbot, open_window, tmp_path):
    window = open_window(default_scenario())
    good = tmp_path / "good.csv"
    rows = "\n".join(f"{x},{2 * x + 1 + (x % 3) * 0.1}" for x in range(20))
    good.write_text("x,y\n" + rows + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        assert window.load_csv(str(good), ["x"], "y")
    assert window.setup.dataset.n_samples == 20
    assert window.panel.dataset.currentData() == str(good)


def test_open_and_save_scenario(qtbot, window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    path = tmp_path / "lesson.toml"
    assert window.save_scenario(str(path))
    assert load_scenario(path).surface == "rosenbrock"
    other = tmp_path / "other.toml"
    other.write_text('[problem]\nkind = "surface"\nsurface = "himmelblau"\n'
                     '[optimizer]\nname = "adam"\nlearning_rate = 0.05\n', encoding="utf-8")
    assert window.open_scenario(str(other))
    assert window.session.run(0).surface == "himmelblau"
    assert window.panel.optimizer.currentData() == "adam"
    broken = tmp_path / "broken.toml"
    broken.write_text('[optimizer]\nname = "sgdd"\n', encoding="utf-8")
    assert not window.open_scenario(str(broken))
    assert errors and "optimizer.name" in errors[0]
    assert window.session.run(0).surface == "himmelblau"


def test_export_history_csv_png_and_svg(qtbot, window, tmp_path):
    for _ in range(3):
        window.step()
    wait_drawn(qtbot, window, 3)
    csv_path = tmp_path / "history.csv"
    assert window.export_history(str(csv_path))
    lines = csv_path.read_text().strip().splitlines()
    assert lines[0].startswith("step,epoch,loss,lr,grad_norm,x,y,grad_x,grad_y")
    assert len(lines) == 1 + 4
    rows = [list(map(float, ln.split(","))) for ln in lines[1:]]
    np.testing.assert_array_equal([r[2] for r in rows], window.traces[0].loss.data)
    np.testing.assert_array_equal([r[5:7] for r in rows], window.traces[0].theta.data)
    png, svg = tmp_path / "loss.png", tmp_path / "land.svg"
    assert window.export_plot(window.loss_plot, str(png))
    assert png.stat().st_size > 1000 and png.read_bytes()[:4] == b"\x89PNG"
    assert window.export_plot(window.landscape_plot, str(svg))
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    errors = []
    window.show_error = lambda title, text: errors.append(text)
    existing = tmp_path / "keep.png"
    existing.write_bytes(b"old")
    assert not window.export_plot(window.loss_plot, str(tmp_path / "x.jpg"))
    assert not window.export_plot(window.loss_plot, str(tmp_path / "missing" / "x.png"))
    assert len(errors) == 2 and existing.read_bytes() == b"old"

# ------------------------------------------------------------------ lifetime, entry points
def test_closing_mid_run_leaves_no_thread(qtbot):
    window = MainWindow(ROSENBROCK)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.batches_received > 0, timeout=TIMEOUT)
    window.play()
    qtbot.waitUntil(lambda: step_of(window) > 3, timeout=TIMEOUT)
    window.close()
    assert not window.controller.is_running
    assert worker.active_threads() == []


def test_apply_batch_handles_a_million_steps(qtbot, window):
    m = 1_000_000
    trace = window.traces[0]
    steps = np.arange(1, m + 1)
    theta = np.column_stack((np.linspace(-1.5, 1.0, m), np.linspace(2.0, 1.0, m)))
    from gdstudio.gui.training_thread import RunBatch

    batch = StepBatch([RunBatch(
        run=0, truncate_to=None, steps=steps, epoch=steps, loss=np.linspace(5, 0.1, m),
        test_loss=None,
        lr=np.full(m, 0.001), grad_norm=np.ones(m), theta=theta, current_theta=theta[-1],
        current_grad=np.ones(2), full_grad=None, velocity=None, step_count=m, epoch_now=m,
        loss_now=0.1, lr_now=0.001, status="running", diverged_at=None)], 1e5, 1)
    window._last_flush = 0.0
    window.apply_batch(batch)
    assert len(trace) == m + 1 and curve_length(window) == m + 1
    assert len(window.landscape_plot._paths[0][0].getData()[0]) <= 20_001


def test_take_screenshot_writes_a_png(qtbot, tmp_path):
    out = tmp_path / "shot.png"
    scenario = tmp_path / "rosen.toml"
    scenario.write_text(ROSENBROCK.to_toml(), encoding="utf-8")
    code = take_screenshot(str(out), steps=20, scenario_path=str(scenario),
                           runs=[{"optimizer": "momentum"}], size=(1000, 700))
    assert code == 0 and out.stat().st_size > 10_000
    assert worker.active_threads() == []


def test_take_screenshot_reports_failure(tmp_path, capsys):
    code = take_screenshot(str(tmp_path / "x.png"), steps=1,
                           scenario_path=str(tmp_path / "missing.toml"))
    assert code == 1 and "screenshot failed" in capsys.readouterr().err


def test_about_mentions_the_version(qtbot, window, monkeypatch):
    import gdstudio
    from gdstudio.gui import app_window

    seen = []
    monkeypatch.setattr(app_window.QMessageBox, "about",
                        lambda parent, title, text: seen.append(text))
    window.act_about.trigger()
    assert gdstudio.__version__ in seen[0]


# ------------------------------------------------------------------ control widgets
def test_unusable_scenario_falls_back_to_the_default(qtbot, open_window, tmp_path):
    window = open_window(Scenario(kind="data", dataset=str(tmp_path / "missing.csv"),
                                  x=["a"], y="b"))
    assert window.session.run(0).dataset == "penguins"
    assert "could not be opened" in window.panel.error_label.text()


def test_sci_spin_box_and_speed_control(qtbot):
    from gdstudio.gui.widgets import SciSpinBox, SpeedControl

    spin = SciSpinBox(0.0, 1.0, 0.0, special="off", first=1e-6)
    qtbot.addWidget(spin)
    assert spin.text() == "off"
    spin.stepBy(1)
    assert spin.value() == 1e-6 and spin.text() == "1e-06"
    spin.stepBy(2)
    assert spin.value() == pytest.approx(1e-4)
    spin.lineEdit().setText("2.5e-3")
    spin.interpretText()
    assert spin.value() == pytest.approx(2.5e-3)
    speed = SpeedControl(20.0)
    qtbot.addWidget(speed)
    seen = []
    speed.speedChanged.connect(seen.append)
    speed.slider.setValue(speed.slider.maximum())
    assert seen == [math.inf] and speed.label.text() == "max speed"
    speed.slider.setValue(0)
    assert seen[-1] == 1.0


def test_column_chooser_dialog(qtbot):
    from gdstudio.gui.widgets import ColumnChooserDialog

    dialog = ColumnChooserDialog(["a", "b", "c"], x=["a", "b"], y="c")
    qtbot.addWidget(dialog)
    assert dialog.selection() == (["a", "b"], "c")
    dialog.features.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.target.setCurrentIndex(0)
    assert dialog.selection() == (["b"], "a")


def test_every_panel_control_has_a_tooltip(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    panel = window.panel
    widgets = [w for cls in (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractButton)
               for w in panel.findChildren(cls)
               if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    missing = [w for w in widgets if not (w.toolTip() or w.parent().toolTip())]
    assert widgets and not missing
    for act in (window.act_play, window.act_step, window.act_back, window.act_reset,
                window.act_run):
        assert act.toolTip() and not act.shortcut().isEmpty()


def test_lesson_with_comparison_runs_opens_and_saves_them(window_ready, qtbot, window,
                                                         tmp_path):
    assert window.open_scenario("rosenbrock_race")
    assert [t.name.split(",")[0] for t in window.traces] == [
        "Gradient descent", "Momentum", "Adam"]
    qtbot.waitUntil(lambda: window_ready(window), timeout=TIMEOUT)
    window.set_focus_run(2)
    window.panel.learning_rate.spin.setValue(0.05)
    path = tmp_path / "race.toml"
    assert window.save_scenario(str(path))
    saved = load_scenario(path)
    assert [r["optimizer"] for r in saved.runs] == ["momentum", "adam"]
    assert saved.runs[1]["learning_rate"] == 0.05 and saved.learning_rate == 0.001


def test_mouse_click_and_hover_on_the_landscape(qtbot, window):
    from PySide6.QtCore import QPointF

    plot = window.landscape_plot
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        window.landscape.replan()  # the view is final once this landscape is shown
    vb = plot.plot_item.vb
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF(0.5, -0.5)))
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.waitUntil(lambda: "L ≈" in window.landscape.hover.text(), timeout=TIMEOUT)
    import re

    text = window.landscape.hover.text().replace("−", "-")
    x, y = (float(v) for v in re.findall(r"[xy] = (-?[0-9.]+)", text))
    pixel = max(abs(v) for v in vb.viewPixelSize())
    assert abs(x - 0.5) <= 2 * pixel and abs(y + 0.5) <= 2 * pixel
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.session.run(0).init is not None, timeout=TIMEOUT)
    np.testing.assert_allclose(window.session.run(0).init, [0.5, -0.5], atol=0.05)
