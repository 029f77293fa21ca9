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
