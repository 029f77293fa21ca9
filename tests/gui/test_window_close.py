"""The window never blocks on a background job: closing it during a long landscape
computation returns at once and leaves no thread behind.

An MLP 2-64-64-1 on 500 points has 4,417 parameters; one grid point of its landscape
costs ~10 ms, so a whole grid takes minutes. Before the cancel flag, closing waited up
to 5 s for it (LandscapeJob.shutdown) and then left the computation running in the
pool, which raised into Qt Concurrent when it finished after the window was gone.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from gdstudio.core.landscape import (
    LandscapeCancelled,
    LandscapeRequest,
    axes_plane,
    loss_grid,
    random_plane,
)
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.landscape_thread import LandscapeJob

BIG_MLP = Scenario(kind="data", dataset="circles", n_samples=500, model="mlp",
                   hidden=[64, 64], loss="logloss", optimizer="adam", learning_rate=0.01,
                   max_steps=1000)
#: What the test allows; the figure measured on a shared 2-core machine is ~10-40 ms.
CLOSE_LIMIT_S = 0.5


def test_loss_grid_stops_between_small_chunks():
    setup = prepare(BIG_MLP)
    problem = setup.problem
    theta = setup.make_trainer(setup.scenario).theta0
    plane = random_plane(problem, np.asarray(theta), seed=0)
    calls = []

    def stop() -> bool:
        calls.append(time.perf_counter())
        return len(calls) > 3

    t0 = time.perf_counter()
    with pytest.raises(LandscapeCancelled):
        loss_grid(problem, plane, (-1, 1), (-1, 1), 121, should_stop=stop)
    assert time.perf_counter() - t0 < 2.0  # 3 small chunks, not 14,641 points
    assert len(calls) == 4


def test_loss_grid_with_a_flag_that_never_stops_gives_the_same_grid():
    problem = prepare(Scenario()).problem
    plane = axes_plane(problem)
    a = loss_grid(problem, plane, (-2, 2), (-1, 3), 31)
    b = loss_grid(problem, plane, (-2, 2), (-1, 3), 31, should_stop=lambda: False)
    np.testing.assert_array_equal(a.loss, b.loss)


def test_landscape_job_shutdown_cancels_a_long_computation(qtbot):
    setup = prepare(BIG_MLP)
    problem = setup.problem
    plane = random_plane(problem, np.asarray(setup.make_trainer(setup.scenario).theta0))
    job = LandscapeJob()
    job.request(LandscapeRequest(problem, plane, (-1, 1), (-1, 1), resolution=121))
    qtbot.wait(300)
    assert job.busy
    t0 = time.perf_counter()
    job.shutdown()
    elapsed = time.perf_counter() - t0
    assert elapsed < CLOSE_LIMIT_S, f"shutdown took {elapsed:.3f} s"
    assert job._pool.activeThreadCount() == 0


def test_a_newer_request_cancels_a_long_one(qtbot):
    setup = prepare(BIG_MLP)
    big = setup.problem
    plane = random_plane(big, np.asarray(setup.make_trainer(setup.scenario).theta0))
    small = prepare(Scenario()).problem
    job = LandscapeJob()
    results = []
    job.finished.connect(results.append)
    try:
        job.request(LandscapeRequest(big, plane, (-1, 1), (-1, 1), resolution=121, tag="big"))
        qtbot.wait(200)
        job.request(LandscapeRequest(small, axes_plane(small), (-2, 2), (-1, 3), resolution=31,
                                     tag="small"))
        qtbot.waitUntil(lambda: not job.busy, timeout=5_000)  # not minutes
        assert [r.request.tag for r in results] == ["small"]
    finally:
        job.shutdown()


def test_closing_the_window_during_a_big_landscape_returns_at_once(qtbot, capsys):
    window = MainWindow(BIG_MLP)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.batches_received > 0, timeout=20_000)
    window.landscape.replan()
    qtbot.wait(300)
    assert window.landscape.busy  # minutes of work under way
    window.play()
    qtbot.wait(100)
    t0 = time.perf_counter()
    window.close()
    elapsed = time.perf_counter() - t0
    with capsys.disabled():
        print(f"\nclosing the window during a 2-64-64-1 landscape took {elapsed * 1000:.0f} ms")
    assert elapsed < CLOSE_LIMIT_S, f"closing took {elapsed:.3f} s"
    assert not window.controller.is_running
    assert window.landscape.job._pool.activeThreadCount() == 0
