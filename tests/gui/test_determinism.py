"""The window, the session's headless trainer and ``gdstudio run --csv`` make the very
same history (bit for bit) for the same scenario and seed, mini-batch SGD included."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from gdstudio.cli import run_main
from gdstudio.core.scenario import Scenario, load_scenario, save_scenario
from gdstudio.core.session import Session
from gdstudio.gui.app_window import MainWindow

TIMEOUT = 30_000
N = 60

SCENARIOS = {
    "minibatch_momentum": Scenario(
        kind="data", dataset="linear", n_samples=120, noise=0.3, model="linear", loss="mse",
        optimizer="momentum", learning_rate=0.05, batch_size=8, seed=7, max_steps=10_000,
        test_fraction=0.25),
    "sgd_logistic": Scenario(
        kind="data", dataset="penguins", optimizer="gd", learning_rate=0.1, batch_size=1,
        seed=3, max_steps=10_000),
    "minibatch_mlp_adam": load_scenario("mlp_circles").replace(batch_size=16, seed=11),
    "rosenbrock_adam": Scenario(kind="surface", surface="rosenbrock", optimizer="adam",
                                learning_rate=0.01, max_steps=10_000),
}


def _window_history(qtbot, scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    window = MainWindow(scenario)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.batches_received > 0, timeout=TIMEOUT)
        window.controller.step_by(N)  # through the real training thread
        qtbot.waitUntil(lambda: len(window.traces[0]) == N + 1, timeout=TIMEOUT)
        trace = window.traces[0]
        assert trace.stride == 1 and list(trace.steps.data) == list(range(N + 1))
        return trace.loss.data.copy(), trace.theta.data.copy()
    finally:
        window.close()


def _cli_history(tmp_path, scenario: Scenario) -> tuple[np.ndarray, np.ndarray, list[str]]:
    toml = tmp_path / "scenario.toml"
    save_scenario(scenario, toml)
    out = tmp_path / "run.csv"
    assert run_main([str(toml), "--steps", str(N), "--csv", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    first = header.index("grad_norm") + 1
    last = next((i for i, h in enumerate(header) if i >= first and h.startswith("grad_")),
                header.index("test_loss") if "test_loss" in header else len(header))
    loss = np.array([float(r[header.index("loss")]) for r in body])
    theta = np.array([[float(v) for v in r[first:last]] for r in body])
    return loss, theta, header[first:last]


@pytest.mark.parametrize("name", SCENARIOS)
def test_window_session_and_runner_make_identical_histories(qtbot, tmp_path, name):
    scenario = SCENARIOS[name]
    w_loss, w_theta = _window_history(qtbot, scenario)

    trainer = Session(scenario).make_trainer(0)
    trainer.run(N)
    table = trainer.table(0, N + 1)
    s_loss, s_theta = np.asarray(table["loss"]), np.asarray(table["theta"])

    c_loss, c_theta, names = _cli_history(tmp_path, scenario)
    assert len(names) == trainer.problem.n_params

    for other_loss, other_theta in ((s_loss, s_theta), (c_loss, c_theta)):
        assert other_loss.shape == w_loss.shape and other_theta.shape == w_theta.shape
        np.testing.assert_array_equal(w_loss, other_loss)  # the same floats, not close
        np.testing.assert_array_equal(w_theta, other_theta)
