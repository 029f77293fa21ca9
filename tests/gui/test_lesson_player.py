"""The lesson player in the real window: pages, hidden controls, questions, actions."""

from __future__ import annotations

import pytest

from gdstudio.core.lessons import list_lessons, load_lesson

TIMEOUT = 20_000


@pytest.fixture
def window(open_window):
    return open_window(size=(1400, 900))


@pytest.mark.parametrize("name", [info.name for info in list_lessons()])
def test_every_bundled_lesson_opens_in_the_window(qtbot, window, name):
    assert window.open_scenario(name)
    lesson = load_lesson(name)
    assert window.session.display_title == lesson.scenario.title or lesson.scenario.title == ""
    if lesson.pages:
        assert window.lesson_dock.isVisibleTo(window)
        assert window.lesson_pane.counter.text() == f"page 1 of {len(lesson.pages)}"
    qtbot.waitUntil(lambda: window.batches_received > 0 and
                    window.traces[0].current.theta is not None, timeout=TIMEOUT)


def test_a_page_hides_the_controls_it_does_not_need_and_asks_first(qtbot, window):
    assert window.open_scenario("02_slope_at_a_point")
    pane, panel = window.lesson_pane, window.panel
    pane.show_page(1)
    page = pane.page
    assert page.show == ("learning_rate", "run_controls")
    assert not panel.boxes["init"].isVisibleTo(window)
    assert not panel.boxes["stopping"].isVisibleTo(window)
    assert panel.form_optimizer.isRowVisible(panel.learning_rate)
    assert not panel.form_optimizer.isRowVisible(panel.optimizer)
    assert window.act_play.isVisible()  # run_controls are on this page's list
    assert not pane.next.isEnabled()  # the action is not done yet
    pane.number.setText("0.6")
    assert pane.check() is False and "0.5" in pane.reveal.text()
    pane.number.setText("0.5")
    assert pane.check() is True and "Right" in pane.reveal.text()
    pane.do_button.click()  # run 2 steps
    qtbot.waitUntil(lambda: window.traces[0].current.step == 2, timeout=TIMEOUT)
    window.redraw_now()
    assert window.traces[0].current.theta[0] == 0.5
    assert pane.next.isEnabled()
    pane.next.click()
    assert pane.index == 2
    pane.show_page(0)
    if pane.page.show is not None and "run_controls" not in pane.page.show:
        assert not window.act_play.isVisible()
    window.set_lesson(None)  # closing the lesson shows every control again
    assert panel.boxes["init"].isVisibleTo(window) and window.act_play.isVisible()


def test_save_as_lesson_round_trips_and_a_damaged_lesson_changes_nothing(window, tmp_path,
                                                                        modal_dialogs):
    assert window.open_scenario("04_learning_rate")
    before = window.session.scenario
    path = tmp_path / "mine.toml"
    assert window.save_lesson(str(path))
    again = load_lesson(str(path))
    assert len(again.pages) == len(load_lesson("04_learning_rate").pages)
    assert [r["learning_rate"] for r in again.scenario.runs] == \
        [r["learning_rate"] for r in before.runs]
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text(encoding="utf-8").replace("[[pages]]", "[[pages]]\nx = ",
                                                           1), encoding="utf-8")
    assert not window.open_scenario(str(bad))
    assert modal_dialogs and "line" in modal_dialogs[-1]
    assert window.session.scenario.runs == before.runs


def test_the_sweep_view_plots_loss_against_eta_and_a_click_sets_it(qtbot, window):
    from PySide6.QtCore import Qt

    from gdstudio.core.scenario import Scenario

    window.open_scenario_object(Scenario(kind="surface", surface="quadratic",
                                         condition=10.0, optimizer="gd",
                                         learning_rate=0.01, max_steps=100))
    sweep = window.sweep
    sweep.lr_min.setValue(1e-3)
    sweep.lr_max.setValue(1.0)
    sweep.num.setValue(12)
    sweep.steps.setValue(50)
    window.start_sweep()
    qtbot.waitUntil(lambda: sweep.result is not None and not sweep.busy, timeout=TIMEOUT)
    result = sweep.result
    assert len(result.learning_rates) == 12
    limit = result.stability_limit
    assert limit == pytest.approx(2 / 10.0)  # λ_max of ½(x² + 10y²) is 10
    diverged = result.status == "diverged"
    assert all(diverged[result.learning_rates > 1.01 * limit])
    assert not any(diverged[result.learning_rates < 0.99 * limit])
    assert "diverged" in sweep.status.text() and "2/λmax" in sweep.status.text()
    i = 5
    spot = sweep.points.points()[i]
    plot = sweep.plot
    pos = plot.mapFromScene(plot.getPlotItem().vb.mapViewToScene(spot.pos()))
    with qtbot.waitSignal(sweep.learningRateChosen, timeout=TIMEOUT):
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.session.focus_run.learning_rate == float(f"{result.learning_rates[i]:.3g}")


def test_a_function_typed_as_text(qtbot, window):
    from gdstudio.core.scenario import Scenario

    window.open_scenario_object(Scenario(kind="surface", surface="rosenbrock"))
    panel = window.panel
    panel.surface.setCurrentIndex(panel.surface.findData("expression"))
    assert panel.form_problem.isRowVisible(panel.expression)
    assert window.session.run(0).expression == panel.expression.text() != ""  # a start
    panel.expression.setText("x**2 + 10*y**2")
    panel.expression.setModified(True)
    panel.expression.editingFinished.emit()
    sc = window.session.run(0)
    assert (sc.surface, sc.expression) == ("expression", "x**2 + 10*y**2")
    assert "∂f/∂x" in panel.formula.text() and "∂f/∂y" in panel.formula.text()
    qtbot.waitUntil(lambda: window.batches_received > 0 and
                    window.traces[0].current.grad is not None, timeout=TIMEOUT)
    panel.expression.setText("__import__('os').system('ls')")
    panel.expression.setModified(True)
    panel.expression.editingFinished.emit()
    assert panel.error_label.isVisible()
    assert panel.error_label.text().startswith("Function f(x, y): unknown name;")
    assert "at position 1 ('__import__')" in panel.error_label.text()
    assert window.session.run(0).expression == "x**2 + 10*y**2"


def test_the_lessons_menu_lists_every_lesson_by_title(window):
    window._fill_lessons()
    titles = [a.text() for a in window.lessons_menu_actions]
    infos = list_lessons()
    assert titles == [info.title_for("en") for info in infos]
    assert all(a.toolTip() for a in window.lessons_menu_actions)
    window.lessons_menu_actions[1].trigger()
    assert window.lesson is not None and window.lesson.name == infos[1].name


def test_a_sweep_shows_its_progress_and_refuses_reversed_rates(qtbot, window):
    from gdstudio.core.scenario import Scenario

    window.open_scenario_object(Scenario(kind="surface", surface="rosenbrock",
                                         optimizer="adam", learning_rate=0.01))
    sweep = window.sweep
    sweep.lr_min.setValue(1.0)
    sweep.lr_max.setValue(1e-3)
    window.start_sweep()
    assert not sweep.busy and sweep.progress.isHidden()
    assert sweep.status.text() == ("cannot sweep: the first learning rate must not be "
                                   "larger than the second")
    sweep.lr_min.setValue(1e-4)
    sweep.num.setValue(64)
    sweep.steps.setValue(50_000)
    with qtbot.waitSignal(sweep._done.progressed, timeout=TIMEOUT) as progressed:
        window.start_sweep()
    k, end = progressed.args
    assert end == 50_000 and 0 < k <= end and k % 64 == 0
    assert sweep.busy and not sweep.progress.isHidden()
    assert sweep.progress.maximum() == end  # (later reports may have come in already)
    assert k <= sweep.progress.value() < end and sweep.progress.value() % 64 == 0
    qtbot.waitUntil(lambda: sweep.result is not None and not sweep.busy, timeout=60_000)
    assert sweep.progress.isHidden()
