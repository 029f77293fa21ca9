"""The update card: the numbers of the focus run's next update, in the real window."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.explain import explain_update
from gdstudio.core.scenario import Scenario
from gdstudio.core.session import Session
from gdstudio.gui.app_window import MainWindow

TIMEOUT = 20_000


@pytest.fixture
def window(qtbot):
    scenario = Scenario(kind="surface", surface="rosenbrock", optimizer="adam",
                        learning_rate=0.05, max_steps=500)
    w = MainWindow(scenario)
    qtbot.addWidget(w)
    w.resize(1200, 900)
    w.show()
    qtbot.waitUntil(lambda: w.batches_received > 0 and w.card.explanation is not None,
                    timeout=TIMEOUT)
    yield w
    w.close()


def at_step(window: MainWindow, k: int):
    return window.traces[0].current.step == k and window.card.explanation is not None \
        and window.card.explanation.step == k


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam", "rmsprop"])
def test_the_card_shows_the_core_numbers_of_the_next_update(qtbot, window, optimizer):
    window.session.edit_run(0, optimizer=optimizer,
                            learning_rate=0.001 if optimizer != "adam" else 0.05)
    for _ in range(4):
        window.step()
    qtbot.waitUntil(lambda: at_step(window, 4), timeout=TIMEOUT)
    shown = window.card.explanation
    trainer = Session(window.session.run(0)).make_trainer(0)
    trainer.run(4)
    expected = explain_update(trainer, 4)
    np.testing.assert_array_equal(shown.theta, expected.theta)
    np.testing.assert_array_equal(shown.delta, expected.delta)
    np.testing.assert_array_equal(shown.theta_next, expected.theta_next)
    assert shown.equations == expected.equations
    text = window.card.table.toPlainText()
    assert "∂L/∂θ" in text and "L(θk)" in text.replace("\u2009", "")
    window.step()
    qtbot.waitUntil(lambda: at_step(window, 5), timeout=TIMEOUT)
    np.testing.assert_array_equal(window.traces[0].current.theta, expected.theta_next)
    window.step_back()  # the numbers of step 4 come back exactly
    qtbot.waitUntil(lambda: at_step(window, 4), timeout=TIMEOUT)
    np.testing.assert_array_equal(window.card.explanation.delta, expected.delta)
    assert window.card.explanation.equations == expected.equations


def test_stages_walk_one_update_in_three_presses(qtbot, window):
    window.card.stages_box.setChecked(True)
    assert window.card.stage == 0 and window.landscape_plot.highlighted == "grad"
    assert "① Compute the gradient" in window.card.equations.toPlainText()
    window.step()
    assert window.card.stage == 1 and window.traces[0].current.step == 0
    assert "m ←" in window.card.equations.toPlainText()
    window.step()
    assert window.card.stage == 2 and window.landscape_plot.highlighted == "next"
    assert "x ←" in window.card.equations.toPlainText()
    window.step()  # the third press moves
    qtbot.waitUntil(lambda: at_step(window, 1), timeout=TIMEOUT)
    assert window.card.stage == 0
    window.card.stages_box.setChecked(False)
    assert window.landscape_plot.highlighted is None


def test_one_parameter_problems_show_the_slope_at_a_point(qtbot):
    w = MainWindow(Scenario(kind="surface", surface="parabola", optimizer="gd",
                            learning_rate=0.25, max_steps=50))
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.batches_received > 0, timeout=TIMEOUT)
        assert w.landscape.one_d and w.landscape.views.currentWidget() is w.landscape.slope
        w.step()
        w.step()
        qtbot.waitUntil(lambda: w.traces[0].current.step == 2, timeout=TIMEOUT)
        w.redraw_now()
        slope = w.landscape.slope
        x0 = w.traces[0].current.theta[0]
        assert x0 == 0.5  # η = 0.25 halves x each step: 2 → 1 → 0.5
        xs, ys = slope.tangent.getData()
        assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(2 * x0)  # L′(x) = 2x
        ax, ay = slope.step_arrow.getData()
        assert ax[1] - ax[0] == pytest.approx(-0.25 * 2 * x0)  # −η·L′(θ)
        assert "slope L′(θ) = 1" in slope.label.textItem.toPlainText()
        lx, ly = slope._paths[0][0].getData()
        np.testing.assert_array_equal(lx, [2.0, 1.0, 0.5])
    finally:
        w.close()


def test_a_line_through_the_origin_has_one_parameter(qtbot):
    w = MainWindow(Scenario(kind="data", dataset="linear", model="linear", bias=False,
                            learning_rate=0.1, max_steps=50))
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.batches_received > 0, timeout=TIMEOUT)
        assert w.session.setup.problem.param_names == ("w",)
        assert w.landscape.one_d and not w.panel.bias.isChecked()
        w.panel.bias.setChecked(True)  # the intercept back: two parameters, a plane
        qtbot.waitUntil(lambda: not w.landscape.one_d, timeout=TIMEOUT)
        assert w.session.setup.problem.param_names == ("w", "b")
    finally:
        w.close()


def test_randomise_start_is_seeded(qtbot, window):
    panel = window.panel
    panel.start_seed.setValue(5)
    panel.random_start.click()
    first = list(window.session.run(0).init)
    assert panel.start_seed.value() == 6
    panel.start_seed.setValue(5)
    panel.random_start.click()
    assert window.session.run(0).init == first
    (x0, x1), (y0, y1) = window.session.setup.surface.bounds
    assert x0 <= first[0] <= x1 and y0 <= first[1] <= y1


def test_network_view_follows_a_clicked_point_forward_and_backward(qtbot):
    from PySide6.QtCore import QPointF, Qt

    from gdstudio.core.network import forward_backward

    w = MainWindow(Scenario(kind="data", dataset="xor", model="mlp", hidden=[4, 4],
                            loss="logloss", optimizer="adam", learning_rate=0.05,
                            max_steps=100))
    qtbot.addWidget(w)
    w.resize(1300, 900)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.batches_received > 0, timeout=TIMEOUT)
        w.step()
        qtbot.waitUntil(lambda: w.traces[0].current.step == 1, timeout=TIMEOUT)
        assert w.data_tabs.isTabEnabled(1)
        w.data_tabs.setCurrentIndex(0)
        w.redraw_now()
        setup = w.session.setup
        i = 7
        x, y = setup.train.X[i]
        plot = w.data_plot
        pos = plot.mapFromScene(plot.plot_item.vb.mapViewToScene(QPointF(x, y)))
        with qtbot.waitSignal(plot.pointClicked, timeout=TIMEOUT) as clicked:
            qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert clicked.args == [i]
        assert f"#{i}" in w.status_label.text() and "share of ∇L" in w.status_label.text()
        w.data_tabs.setCurrentIndex(1)
        w.network.mode.setCurrentIndex(2)  # backward
        w.redraw_now()
        t = w.network.trace
        theta = w.traces[0].current.theta
        expected = forward_backward(setup.model, setup.problem.loss_fn, theta,
                                    setup.features(setup.train.X[i:i + 1])[0],
                                    setup.train.y[i])
        for got, want in zip(t.delta, expected.delta):
            np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(t.grad, expected.grad)
        assert "Backpropagation" in w.network.caption.text()
        assert len(w.network.graph.adjacency) == 2 * 4 + 4 * 4 + 4 * 1
    finally:
        w.close()


def test_the_mountain_says_so_without_opengl_and_the_rest_works(qtbot, window):
    mountain = window.landscape.mountain
    window.landscape.tabs.setCurrentWidget(mountain)
    assert not mountain.available and mountain.view is None  # offscreen: no OpenGL
    assert "OpenGL" in mountain.message.text() and mountain.message.isVisible()
    window.step()
    qtbot.waitUntil(lambda: window.traces[0].current.step == 1, timeout=TIMEOUT)
    window.landscape.tabs.setCurrentIndex(0)


def test_a_large_model_shows_the_chosen_layers_first_rows(qtbot):
    w = MainWindow(Scenario(kind="data", dataset="xor", model="mlp", hidden=[4, 4],
                            loss="logloss", optimizer="adam", learning_rate=0.05,
                            max_steps=100))
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.card.explanation is not None, timeout=TIMEOUT)
        w.redraw_now()
        card = w.card
        assert card.layer.isVisibleTo(w)
        assert [card.layer.itemText(i) for i in range(card.layer.count())] == \
            ["W1", "b1", "W2", "b2", "W3", "b3"]
        card.layer.setCurrentText("W2")
        text = card.table.toPlainText()
        assert "W2[0,0]" in text and "W1[0,0]" not in text
        assert "per layer" in text and "b3" in text
    finally:
        w.close()


def test_a_stopped_run_shows_the_update_that_stopped_it(qtbot, window):
    """Once a run has stopped, the card shows its last update (θ₄ → θ₅ for a run that
    stopped at step 5), with the core's numbers, instead of two empty panes; stepping
    back shows the next update again."""
    window.session.edit_run(0, optimizer="gd", learning_rate=0.001)
    window.session.edit(0, max_steps=5)
    qtbot.waitUntil(lambda: window.traces[0].current.step == 0
                    and window.batches_received > 0, timeout=TIMEOUT)
    window.run_to_stop()
    qtbot.waitUntil(lambda: window.traces[0].current.step == 5 and window.card.is_last,
                    timeout=TIMEOUT)
    shown = window.card.explanation
    assert shown.step == 4
    trainer = Session(window.session.run(0)).make_trainer(0)
    trainer.run(5)
    expected = explain_update(trainer, 4)
    np.testing.assert_array_equal(shown.delta, expected.delta)
    np.testing.assert_array_equal(shown.theta_next, window.traces[0].current.theta)
    assert "last update" in window.card.title.text()
    assert "∂L/∂θ" in window.card.table.toPlainText()
    assert "next" not in window.landscape_plot._arrow_vectors  # no next step after a stop
    window.step_back()
    qtbot.waitUntil(lambda: at_step(window, 4) and not window.card.is_last, timeout=TIMEOUT)
    assert "what Step" in window.card.title.text()
