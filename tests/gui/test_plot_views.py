"""Plots, buffers and the off-thread landscape job (no training thread involved)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdstudio.core.landscape import (
    LandscapeRequest,
    axes_plane,
    compute_landscape,
    pca_plane,
)
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.gui.data_plot import DataPlot
from gdstudio.gui.landscape_plot import LandscapePlot
from gdstudio.gui.landscape_thread import LandscapeJob
from gdstudio.gui.loss_plot import LossCurvePlot
from gdstudio.gui.plot_style import RUN_COLORS, run_color
from gdstudio.gui.readout import Readout
from gdstudio.gui.run_trace import GrowingBuffer, RunTrace
from gdstudio.gui.training_thread import RunBatch


def make_batch(run: int, start: int, m: int, p: int = 2, *, loss=None, test=False,
               full_grad=False, velocity=False, status="running") -> RunBatch:
    """A RunBatch with rows start … start+m-1 of a made-up run."""
    steps = np.arange(start, start + m)
    theta = np.column_stack([np.linspace(-1, 1, m) + k for k in range(p)]) if m else \
        np.zeros((0, p))
    loss = np.exp(-steps / 50.0) if loss is None else np.asarray(loss, float)
    cur = theta[-1] if m else np.zeros(p)
    return RunBatch(
        run=run, truncate_to=None, steps=steps, epoch=steps, loss=loss,
        test_loss=loss * 1.1 if test else None, lr=np.full(m, 0.1),
        grad_norm=np.full(m, 0.5), theta=theta, current_theta=cur.copy(),
        current_grad=np.ones(p), full_grad=np.full(p, 0.5) if full_grad else None,
        velocity=np.full(p, 0.2) if velocity else None,
        step_count=start + m - 1 if m else start, epoch_now=start + m - 1 if m else start,
        loss_now=float(loss[-1]) if m else 1.0, lr_now=0.1, status=status, diverged_at=None)


# ---------------------------------------------------------------- helpers
def test_run_palette_has_eight_colours_and_wraps():
    assert len(RUN_COLORS) == 8 and len(set(RUN_COLORS)) == 8
    assert run_color(0) == "#0072B2" and run_color(7) == "#882255"
    assert run_color(8) == run_color(0)


def test_growing_buffer_doubles_and_truncates():
    buf = GrowingBuffer((2,), capacity=4)
    buf.append(np.ones((3, 2)))
    assert len(buf) == 3 and buf.capacity == 4
    buf.append(np.zeros((6, 2)))
    assert len(buf) == 9 and buf.capacity == 16
    assert buf.data[:3].sum() == 6 and buf.data[3:].sum() == 0
    buf.truncate(2)
    assert buf.data.shape == (2, 2)
    buf.keep(np.array([False, True]))
    assert buf.data.shape == (1, 2)


def test_run_trace_append_truncate_and_current_values():
    trace = RunTrace("run", "#E69F00", 2, has_test=True)
    trace.set_plane(None)
    trace.append_batch(make_batch(0, 0, 10, test=True))
    assert len(trace) == 10 and len(trace.theta) == 10
    assert trace.current.step == 9 and trace.test_loss.data.shape == (10,)
    np.testing.assert_allclose(trace.log_loss.data, np.log10(trace.loss.data))
    trace.truncate(4)  # a rewind to step 3: rows 0 … 3 stay
    assert len(trace) == 4 and trace.current.step == 3
    np.testing.assert_allclose(trace.current.theta, trace.theta.data[3])
    np.testing.assert_allclose(trace.current.prev_theta, trace.theta.data[2])
    trace.truncate(0)
    assert len(trace) == 0 and trace.min_loss == math.inf


def test_run_trace_projects_on_the_plane():
    problem = prepare(Scenario()).problem
    trace = RunTrace("run", "#E69F00", 2, has_test=False)
    trace.set_plane(axes_plane(problem))
    trace.append_batch(make_batch(0, 0, 5))
    np.testing.assert_allclose(trace.path.data, trace.theta.data)
    np.testing.assert_allclose(trace.project_vector(np.array([1.0, 2.0])), [1.0, 2.0])


def test_run_trace_thins_theta_of_long_runs_of_large_models():
    p = 50
    trace = RunTrace("run", "#E69F00", p, has_test=False, max_floats=50 * 3000)
    for start in range(0, 20_000, 1000):
        trace.append_batch(make_batch(0, start, 1000, p=p))
    assert len(trace) == 20_000  # every loss is kept
    assert len(trace.theta) <= trace.max_rows and trace.stride > 1
    steps = trace.theta_steps.data
    assert steps[0] == 0 and np.all(np.diff(steps) > 0)


# ---------------------------------------------------------------- landscape job








def test_landscape_job_computes_off_the_gui_thread(qtbot):
    problem = prepare(Scenario()).problem
    job = LandscapeJob()
    try:
        req = LandscapeRequest(problem, axes_plane(problem), (-2, 2), (-1, 3), resolution=31)
        with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
            job.request(req)
        result = blocker.args[0]
        assert result.request is req and result.grid.loss.shape == (31, 31)
        assert not job.busy
    finally:
        job.shutdown()
    job.shutdown()  # idempotent


def test_landscape_job_only_delivers_the_newest_request(qtbot):
    problem = prepare(Scenario()).problem
    job = LandscapeJob()
    results = []
    job.finished.connect(results.append)
    try:
        reqs = [LandscapeRequest(problem, axes_plane(problem), (-2, 2), (-1, 3), resolution=31,
                                 tag=i) for i in range(5)]
        for req in reqs:
            job.request(req)
        qtbot.waitUntil(lambda: not job.busy, timeout=10_000)
        assert [r.request.tag for r in results] == [4]
    finally:
        job.shutdown()


# ---------------------------------------------------------------- widgets
def test_loss_curve_plot_draws_every_run_with_log_y(qtbot):
    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    traces = [RunTrace(f"run {i}", run_color(i), 2, has_test=(i == 0)) for i in range(2)]
    plot.set_runs(traces)
    traces[0].append_batch(make_batch(0, 0, 200, test=True))
    traces[1].append_batch(make_batch(1, 0, 150))
    plot.refresh(traces)
    train0, test0 = plot._curves[0]
    assert len(train0.getOriginalDataset()[0]) == 200
    assert len(test0.getOriginalDataset()[0]) == 200
    assert len(plot._curves[1][0].getOriginalDataset()[0]) == 150
    assert plot.log_y
    np.testing.assert_allclose(train0.getOriginalDataset()[1], np.log10(traces[0].loss.data))
    plot.set_log_y(False)
    plot.refresh(traces)
    assert not plot.log_y
    np.testing.assert_allclose(train0.getOriginalDataset()[1], traces[0].loss.data)


def test_loss_curve_falls_back_to_linear_for_negative_losses(qtbot):
    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    plot.set_runs([trace])
    trace.append_batch(make_batch(0, 0, 10, loss=np.linspace(1, -1, 10)))
    plot.refresh([trace])
    assert not plot.log_y


def test_landscape_plot_shows_grid_path_one_head_and_arrows(qtbot):
    setup = prepare(Scenario())
    plane = axes_plane(setup.problem)
    plot = LandscapePlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    result = compute_landscape(LandscapeRequest(setup.problem, plane, (-2, 2), (-1, 3),
                                                resolution=41))
    plot.set_plane(plane, "Rosenbrock")
    plot.set_result(result)
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    trace.set_plane(plane)
    plot.set_runs([trace])
    trace.append_batch(make_batch(0, 0, 30, full_grad=True, velocity=True))
    plot.refresh([trace])
    line, casing, head = plot._paths[0]
    assert len(line.getData()[0]) == 30 and len(casing.getData()[0]) == 30
    assert len(head.data) == 1  # one head marker, never a scatter of the whole path
    assert plot.arrows["grad"].visible and plot.arrows["full_grad"].visible
    assert plot.arrows["velocity"].visible and plot.arrows["update"].visible
    np.testing.assert_allclose(plot.arrows["update"].end, trace.theta.data[-1])
    assert plot.loss_at(1.0, 1.0) == pytest.approx(0.0, abs=1.0)
    assert plot.loss_at(10.0, 10.0) is None
    clicks = []
    plot.startPointClicked.connect(lambda a, b: clicks.append((a, b)))
    assert plot.grid_extent() == ((-2.0, 2.0), (-1.0, 3.0))


def _arrow_plot(qtbot, grad):
    setup = prepare(Scenario())
    plane = axes_plane(setup.problem)
    plot = LandscapePlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    plot.set_plane(plane, "Rosenbrock")
    plot.set_result(compute_landscape(LandscapeRequest(setup.problem, plane, (-2, 2),
                                                       (-1, 3), resolution=21)))
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    trace.set_plane(plane)
    plot.set_runs([trace])
    batch = make_batch(0, 0, 5)
    batch.current_grad = np.asarray(grad, dtype=float)
    trace.append_batch(batch)  # η = 0.1 in make_batch
    plot.refresh([trace])
    return plot, trace


def test_arrows_are_honest_steps_to_scale(qtbot):
    plot, trace = _arrow_plot(qtbot, [3.0, -4.0])
    theta = trace.current.theta
    grad = plot.arrows["grad"]
    np.testing.assert_allclose(grad.start, theta)
    np.testing.assert_allclose(grad.end - grad.start, [-0.3, 0.4])  # −η·g, η = 0.1
    np.testing.assert_allclose(plot.arrows["uphill"].end - theta, [0.3, -0.4])
    c0, c1 = plot.arrows["component_0"], plot.arrows["component_1"]
    np.testing.assert_allclose(c0.end - theta, [-0.3, 0.0])
    np.testing.assert_allclose(c1.end - theta, [0.0, 0.4])
    assert grad.line.opacity() == 1.0
    plot.arrows_to_scale = False  # the old fixed-length direction arrow
    plot.refresh([trace])
    d = plot.arrows["grad"].end - plot.arrows["grad"].start
    assert np.dot(d, [-0.6, 0.8]) == pytest.approx(np.linalg.norm(d))  # same direction
    assert np.linalg.norm(d) > 0.5  # readable, not to scale


def test_arrows_fade_under_the_gradient_tolerance(qtbot):
    plot, trace = _arrow_plot(qtbot, [1e-9, 0.0])
    plot.fade_below = 1e-6
    plot.refresh([trace])
    assert plot.arrows["grad"].line.opacity() == pytest.approx(0.25)
    assert plot.arrows["update"].line.opacity() == 1.0


def test_landscape_plot_projects_paths_of_many_parameters(qtbot):
    setup = prepare(Scenario(kind="data", dataset="moons", model="logistic", loss="logloss"))
    trainer = setup.make_trainer()
    trainer.run(20)
    plane = pca_plane(trainer.history.theta)
    trace = RunTrace("run", run_color(0), 3, has_test=False)
    trace.set_plane(plane)
    table = trainer.table()
    rb = make_batch(0, 0, 21, p=3)
    rb.theta = table["theta"]
    rb.current_theta = trainer.theta.copy()
    trace.append_batch(rb)
    np.testing.assert_allclose(trace.path.data, plane.project(table["theta"]))


def test_data_plot_modes(qtbot):
    plot = DataPlot()
    qtbot.addWidget(plot)
    cases = {
        "curve": Scenario(kind="data", dataset="penguins"),
        "boundary": Scenario(kind="data", dataset="moons", model="mlp", hidden=[4],
                             loss="logloss"),
        "parity": Scenario(kind="data", dataset="diabetes", x=["bmi", "bp"]),
    }
    for mode, sc in cases.items():
        setup = prepare(sc)
        trace = RunTrace("run", run_color(0), setup.problem.n_params, has_test=False)
        plot.set_setup(setup, [trace])
        assert plot.mode == mode
        rb = make_batch(0, 0, 1, p=setup.problem.n_params)
        rb.current_theta = setup.problem.default_theta(np.random.default_rng(0))
        trace.append_batch(rb)
        plot.refresh([trace])
    plot.set_setup(None, [])
    assert plot.mode == "none"


def test_readout_shows_names_and_original_units(qtbot):
    setup = prepare(Scenario(kind="data", dataset="penguins", standardize=True))
    readout = Readout()
    qtbot.addWidget(readout)
    trace = RunTrace("GD", run_color(0), 2, has_test=False)
    rb = make_batch(0, 0, 3)
    rb.current_theta = np.array([700.0, 4200.0])
    trace.append_batch(rb)
    readout.update_from(trace, setup, "paused")
    text = readout.label.text()
    for piece in ("step k", "epoch", "‖∇L(θ)‖", "η", "w = ", "b = ", "original units",
                  "paused"):
        assert piece in text


def test_loss_curve_x_axis_in_steps_epochs_and_examples():
    trace = RunTrace("sgd", run_color(0), 2, has_test=False, n_train=10, batch_size=4)
    assert trace.steps_per_epoch == 3  # batches of 4, 4, 2
    trace.append_batch(make_batch(0, 0, 8))
    np.testing.assert_array_equal(trace.x_values("step"), np.arange(8))
    np.testing.assert_allclose(trace.x_values("epoch"), np.arange(8) / 3)
    np.testing.assert_array_equal(trace.x_values("examples"), [0, 4, 8, 10, 14, 18, 20, 24])
    surface = RunTrace("gd", run_color(0), 2, has_test=False)
    surface.append_batch(make_batch(0, 0, 3))
    np.testing.assert_array_equal(surface.x_values("epoch"), np.arange(3))


def test_data_view_rings_the_mini_batch_and_draws_residuals(qtbot):
    setup = prepare(Scenario(kind="data", dataset="penguins", standardize=True,
                             batch_size=8, learning_rate=0.05))
    trainer = setup.make_trainer()
    trainer.run(3)
    from gdstudio.gui.training_thread import run_batch

    rb = run_batch(0, trainer)
    expected = trainer.batch_rows(3)
    np.testing.assert_array_equal(rb.batch_rows, expected)
    trace = RunTrace("sgd", run_color(0), 2, has_test=False, n_train=setup.problem.n_train,
                     batch_size=8)
    plot = DataPlot()
    qtbot.addWidget(plot)
    plot.set_setup(setup, [trace])
    trace.append_batch(rb)
    plot.refresh([trace], 0)
    x, y = plot.batch_marker.getData()
    np.testing.assert_array_equal(x, setup.train.X[expected, 0])
    np.testing.assert_array_equal(y, setup.train.y[expected])
    seg_x, seg_y = plot.residual_lines.getData()
    assert len(seg_x) == 2 * setup.problem.n_train
    np.testing.assert_array_equal(seg_y[0::2], setup.train.y)
    pred = setup.model.predict(trainer.theta, setup.features(setup.train.X))
    np.testing.assert_allclose(seg_y[1::2], pred)
    assert "MSE = mean of squared residuals" in plot.plot_item.titleLabel.text


@pytest.mark.parametrize("height, labelled", [(900, True), (140, False)])
def test_loss_axis_labels_2_and_5_only_where_they_have_room(qtbot, height, labelled):
    """1.3 decades of loss: a tall plot labels 2·10⁶ and 5·10⁶ between the powers of ten;
    a short one only the powers, so no two labels overlap."""
    from PySide6.QtGui import QFontMetricsF

    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    plot.resize(400, height)
    plot.show()
    qtbot.waitExposed(plot)
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    plot.set_runs([trace])
    trace.append_batch(make_batch(0, 0, 50, loss=np.geomspace(2e7, 1e6, 50)))
    plot.refresh([trace])
    plot.plot_item.vb.setYRange(6.0, 7.3, padding=0)
    axis = plot.plot_item.getAxis("left")
    qtbot.waitUntil(lambda: axis.geometry().height() > 0)
    values = [math.log10(2e6), math.log10(5e6), 7.0]
    labels = axis.tickStrings(values, 1.0, 1.0)
    assert labels[2] == "10⁷"
    assert labels[:2] == (["2·10⁶", "5·10⁶"] if labelled else ["", ""])
    line = QFontMetricsF(axis.style["tickFont"]).height()
    assert (axis.geometry().height() / 1.3 >= 4 * line) == labelled  # four lines a decade


@pytest.mark.parametrize("size", [25.0, 50.0, 120.0, 600.0])
def test_vertical_axis_labels_never_overlap(qapp, size):
    """A vertical house axis spreads its labelled ticks to a round spacing at least 1.15
    lines apart on a short axis, and keeps pyqtgraph's ticks where they have room."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetricsF

    from gdstudio.gui.plot_style import HouseAxis

    axis = HouseAxis("left")
    line = QFontMetricsF(axis.style.get("tickFont") or axis.font()).height()
    lo, hi = -1271.4, 8164.2
    levels = axis.tickSpacing(lo, hi, size)
    major = levels[0][0]
    assert size * major / (hi - lo) >= 1.15 * line
    mantissa = major / 10 ** math.floor(math.log10(major))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))
    plain_levels = pg.AxisItem("left").tickSpacing(lo, hi, size)
    if size * plain_levels[0][0] / (hi - lo) >= 1.15 * line:
        assert levels == plain_levels  # room enough: pyqtgraph's own ticks
    else:
        assert major > plain_levels[0][0]
