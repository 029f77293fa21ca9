"""TrainingController / TrainingWorker: batches, commands, pacing, lifecycle.

Everything goes through the controller (queued signals to the worker thread) and is
awaited with ``qtbot.waitSignal`` / ``waitUntil`` / ``qtbot.wait`` (which keep the
event loop running), never with ``time.sleep``. The trainers are only read from the
test once the worker has reported a paused or stopped state.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.status import Status, StopReason
from gdstudio.gui.training_thread import (
    FRAME_INTERVAL_S,
    PlayerEvent,
    PlayerStatus,
    StepBatch,
    TrainingController,
)


def make_trainer(optimizer: str = "adam", learning_rate: float = 0.01,
                 max_steps: int | None = None, surface: str = "rosenbrock", **changes):
    scenario = Scenario(kind="surface", surface=surface, optimizer=optimizer,
                        learning_rate=learning_rate, max_steps=max_steps, **changes)
    return prepare(scenario).make_trainer()


class Collector:
    """Applies batches the way the main window does, and checks them on the way."""

    def __init__(self, controller: TrainingController) -> None:
        self.batches: list[StepBatch] = []
        self.times: list[float] = []
        self.statuses: list[tuple[str, PlayerStatus]] = []
        self.errors: list[str] = []
        self.rows: dict[int, dict[str, list]] = {}
        self.generation = 0
        self.problems: list[str] = []
        controller.batchReady.connect(self.on_batch)
        controller.statusChanged.connect(
            lambda ps: self.statuses.append((state_word(ps), ps)))
        controller.errorOccurred.connect(self.errors.append)

    def on_batch(self, batch: StepBatch) -> None:
        self.times.append(time.perf_counter())
        self.batches.append(batch)
        if batch.generation < self.generation:
            self.problems.append("a batch of an older generation reached the GUI")
            return
        if batch.generation > self.generation:
            self.generation = batch.generation
            self.rows = {}
        for run in batch.runs:
            rows = self.rows.setdefault(run.run, {"steps": [], "theta": [], "loss": [],
                                                  "lr": [], "grad_norm": []})
            if run.truncate_to is not None:
                keep = int(np.searchsorted(self.steps(run.run), run.truncate_to))
                for key in rows:
                    rows[key] = _cut(rows[key], keep)
            expected = len(self.steps(run.run))
            if len(run.steps) and run.steps[0] != expected:
                self.problems.append(f"run {run.run}: rows start at {run.steps[0]}, "
                                     f"expected {expected}")
            if len(run.steps) and not np.array_equal(
                    run.steps, np.arange(run.steps[0], run.steps[0] + len(run.steps))):
                self.problems.append(f"run {run.run}: steps not contiguous")
            for key in rows:
                rows[key].append(getattr(run, key))
            last = self.steps(run.run)[-1] if len(self.steps(run.run)) else None
            if last is not None and last != run.step_count:
                self.problems.append(f"run {run.run}: last row {last} but step_count "
                                     f"{run.step_count}")

    def steps(self, run: int = 0) -> np.ndarray:
        return self.column("steps", run)

    def column(self, key: str, run: int = 0) -> np.ndarray:
        parts = self.rows.get(run, {}).get(key, [])
        return np.concatenate(parts) if parts else np.empty(0)

    def n_rows(self) -> int:
        return sum(len(b.runs[0].steps) for b in self.batches if b.runs)

    @property
    def status(self) -> str | None:
        return self.statuses[-1][0] if self.statuses else None


def state_word(ps: PlayerStatus) -> str:
    """"running" while playing, "paused" when stopped mid-run, else the status."""
    if ps.playing:
        return "running"
    return "paused" if ps.status == Status.RUNNING else str(ps.status)


def _cut(parts: list[np.ndarray], keep: int) -> list[np.ndarray]:
    out, n = [], 0
    for part in parts:
        if n >= keep:
            break
        out.append(part[: keep - n])
        n += len(out[-1])
    return out


def wait_status(qtbot, collector: Collector, *statuses: str, timeout: int = 10_000) -> str:
    qtbot.waitUntil(lambda: collector.status in statuses, timeout=timeout)
    return collector.status  # type: ignore[return-value]


def assert_matches_history(collector: Collector, trainer, run: int = 0) -> None:
    assert not collector.problems, collector.problems
    table = trainer.table()
    np.testing.assert_array_equal(collector.steps(run), np.arange(len(trainer.history)))
    np.testing.assert_array_equal(collector.column("theta", run), table["theta"])
    np.testing.assert_array_equal(collector.column("loss", run), table["loss"])
    np.testing.assert_array_equal(collector.column("grad_norm", run), table["grad_norm"])
    np.testing.assert_array_equal(collector.column("lr", run), table["lr"])


@pytest.fixture
def collector(controller):
    return Collector(controller)


def test_set_runs_sends_row_zero(qtbot, controller, collector):
    trainer = make_trainer(max_steps=100)
    with qtbot.waitSignal(controller.batchReady, timeout=5000) as blocker:
        controller.set_runs([trainer])
    batch = blocker.args[0]
    assert isinstance(batch, StepBatch)
    assert all(r.truncate_to == 0 for r in batch.runs)
    assert batch.generation == 1 and len(batch.runs) == 1
    run = batch.runs[0]
    assert run.run == 0 and run.steps.tolist() == [0] and run.theta.shape == (1, 2)
    np.testing.assert_array_equal(run.current_theta, trainer.theta0)
    assert run.current_grad.shape == (2,) and run.full_grad is None
    assert run.velocity is None  # Adam's first moment is created by the first update
    assert (run.step_count, run.epoch_now, run.status, run.diverged_at) == (0, 0, "ready", None)
    assert run.lr_now == pytest.approx(0.01) and math.isfinite(run.loss_now)
    assert wait_status(qtbot, collector, "ready") == "ready"
    assert not controller.playing


def test_play_streams_the_exact_history(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.play()
    assert controller.playing
    qtbot.waitUntil(lambda: collector.n_rows() > 5000, timeout=10_000)
    controller.pause()
    wait_status(qtbot, collector, "paused")
    assert not controller.playing
    assert_matches_history(collector, trainer)
    assert collector.batches[-1].runs[0].step_count == trainer.step_count
    rates = [b.steps_per_s for b in collector.batches[1:]]
    assert max(rates) > 1000  # measured rate while playing
    # the batches are throttled: far fewer batches than steps
    assert len(collector.batches) < trainer.step_count / 20


def test_pause_stops_batches_promptly(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.play()
    qtbot.waitUntil(lambda: len(collector.batches) >= 5, timeout=10_000)
    start = time.perf_counter()
    controller.pause()
    wait_status(qtbot, collector, "paused")
    latency = time.perf_counter() - start
    n_batches, step = len(collector.batches), trainer.step_count
    qtbot.wait(200)
    assert len(collector.batches) == n_batches
    assert trainer.step_count == step
    assert collector.steps()[-1] == step  # pending rows were flushed on pause
    assert latency < 0.25, f"pause took {latency * 1000:.0f} ms"  # goal 50 ms: benchmark


def test_step_step_back_and_reset(qtbot, controller, collector):
    trainer = make_trainer(max_steps=100)
    controller.set_runs([trainer])
    qtbot.waitUntil(lambda: len(collector.batches) == 1)
    for k in (1, 2, 3):
        with qtbot.waitSignal(controller.batchReady) as blocker:
            controller.step()
        run = blocker.args[0].runs[0]
        assert all(r.truncate_to is None for r in blocker.args[0].runs)
        assert run.steps.tolist() == [k] and run.step_count == k
    wait_status(qtbot, collector, "paused")
    theta2 = collector.column("theta")[2].copy()

    with qtbot.waitSignal(controller.batchReady) as blocker:
        controller.step_back()
    batch = blocker.args[0]
    assert batch.runs[0].truncate_to == 3  # keep rows 0..2
    assert len(batch.runs[0].steps) == 0 and batch.runs[0].step_count == 2
    np.testing.assert_array_equal(batch.runs[0].current_theta, theta2)
    assert collector.steps().tolist() == [0, 1, 2]

    with qtbot.waitSignal(controller.batchReady):
        controller.step()  # stepping forward again reproduces the same row
    assert_matches_history(collector, trainer)

    with qtbot.waitSignal(controller.batchReady) as blocker:
        controller.reset()
    batch = blocker.args[0]
    assert batch.runs[0].truncate_to == 0 and batch.runs[0].steps.tolist() == [0]
    assert collector.steps().tolist() == [0]
    assert wait_status(qtbot, collector, "ready") == "ready"

    # step back at step 0: nothing to undo, no batch
    n = len(collector.batches)
    with qtbot.waitSignal(controller.statusChanged):
        controller.step_back()
    qtbot.wait(50)
    assert len(collector.batches) == n and collector.status == "ready"


def test_step_back_while_playing_then_replay_is_exact(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.play()
    qtbot.waitUntil(lambda: collector.n_rows() > 300, timeout=10_000)
    controller.step_back()
    wait_status(qtbot, collector, "paused")
    assert collector.batches[-1].runs[0].truncate_to == trainer.step_count + 1
    controller.play()
    qtbot.waitUntil(lambda: collector.n_rows() > 600, timeout=10_000)
    controller.pause()
    wait_status(qtbot, collector, "paused")
    assert_matches_history(collector, trainer)


@pytest.mark.parametrize(("changes", "expected"), [
    ({"max_steps": 3000}, "finished"),
    ({"surface": "quadratic", "optimizer": "gd", "learning_rate": 0.05, "max_steps": 100_000,
      "grad_tol": 1e-6}, "converged"),
])
def test_run_to_stop_reaches_the_stopping_criterion(qtbot, controller, collector, changes,
                                                     expected):
    trainer = make_trainer(**changes)
    controller.set_runs([trainer])
    controller.run_to_stop()
    assert wait_status(qtbot, collector, "finished", "converged", "diverged") == expected
    assert trainer.status == expected
    qtbot.waitUntil(lambda: not controller.playing)
    assert_matches_history(collector, trainer)
    final = collector.statuses[-1][1]
    assert final.status == expected and not final.playing
    if expected == "finished":
        assert trainer.step_count == 3000
        assert final.runs[0].stop_reason == StopReason.MAX_STEPS
    else:
        assert final.runs[0].stop_reason == StopReason.GRAD_TOL
    # play after the end: nothing happens, the final status is repeated
    n = len(collector.batches)
    controller.play()
    qtbot.waitUntil(lambda: not controller.playing)
    assert len(collector.batches) == n and collector.status == expected


def test_several_runs_advance_in_lockstep(qtbot, controller, collector):
    trainers = [make_trainer("adam", 0.01), make_trainer("momentum", 0.0005),
                make_trainer("gd", 0.001), make_trainer("rmsprop", 0.001)]
    controller.set_runs(trainers)
    controller.play()
    qtbot.waitUntil(lambda: collector.n_rows() > 2000, timeout=10_000)
    controller.pause()
    wait_status(qtbot, collector, "paused")
    for batch in collector.batches:
        assert len(batch.runs) == 4
        for run in batch.runs[1:]:
            np.testing.assert_array_equal(run.steps, batch.runs[0].steps)
    assert len({t.step_count for t in trainers}) == 1
    for i, trainer in enumerate(trainers):
        assert_matches_history(collector, trainer, run=i)


def test_a_run_that_stops_early_leaves_the_others_going(qtbot, controller, collector):
    short = make_trainer(max_steps=50)
    long = make_trainer(max_steps=400)
    controller.set_runs([short, long])
    controller.run_to_stop()
    assert wait_status(qtbot, collector, "finished") == "finished"
    assert short.step_count == 50 and long.step_count == 400
    assert_matches_history(collector, short, run=0)
    assert_matches_history(collector, long, run=1)
    # step back rewinds only the runs at the front
    with qtbot.waitSignal(controller.batchReady) as blocker:
        controller.step_back()
    batch = blocker.args[0]
    assert [r.truncate_to for r in batch.runs] == [400, 400]
    assert short.step_count == 50 and long.step_count == 399


def test_divergence_is_reported_with_step_and_advice(qtbot, controller, collector):
    trainer = make_trainer("gd", 0.1, max_steps=10_000)
    controller.set_runs([trainer])
    controller.play()
    assert wait_status(qtbot, collector, "diverged", "finished", "converged") == "diverged"
    final = collector.statuses[-1][1]
    assert trainer.diverged_at is not None and not final.playing
    report = final.runs[0]
    assert (report.status, report.stop_reason) == (Status.DIVERGED, StopReason.DIVERGED)
    assert report.diverged_at == trainer.diverged_at and report.learning_rate == 0.1
    assert report.diverged_loss == trainer.diverged_loss and abs(report.diverged_loss) > 1e8
    run = collector.batches[-1].runs[0]
    assert run.status == "diverged" and run.diverged_at == trainer.diverged_at
    assert np.all(np.isfinite(collector.column("loss")))
    qtbot.waitUntil(lambda: not controller.playing)
    assert_matches_history(collector, trainer)


def test_divergence_of_one_run_among_several(qtbot, controller, collector):
    good, bad = make_trainer("adam", 0.01, max_steps=2000), make_trainer("gd", 0.1)
    controller.set_runs([good, bad])
    controller.play()
    assert wait_status(qtbot, collector, "diverged", "finished") == "diverged"
    events = [ps for _s, ps in collector.statuses if ps.event == PlayerEvent.RUN_DIVERGED]
    assert events and events[0].run == 1 and events[0].playing
    assert events[0].runs[1].diverged_at == bad.diverged_at
    final = collector.statuses[-1][1]
    assert final.status == Status.DIVERGED and not final.playing
    assert [r.stop_reason for r in final.runs] == [StopReason.MAX_STEPS, StopReason.DIVERGED]
    assert good.step_count == 2000


def test_speed_paces_the_steps(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.set_speed(50.0)
    controller.play()
    wait_status(qtbot, collector, "running")
    start = time.perf_counter()
    qtbot.wait(600)
    controller.pause()
    wait_status(qtbot, collector, "paused")
    elapsed = time.perf_counter() - start
    # the first step is immediate, then 50 per second
    assert 0.5 * 50 * elapsed <= trainer.step_count <= 50 * elapsed + 5
    play_batches = len(collector.batches) - 1
    assert play_batches <= trainer.step_count + 1
    assert play_batches <= 60 * elapsed + 3
    assert_matches_history(collector, trainer)


def test_slow_speed_one_step_per_second(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.set_speed(1.0)
    controller.play()
    qtbot.waitUntil(lambda: collector.n_rows() >= 2, timeout=2000)  # first step at once
    arrived = time.perf_counter()
    qtbot.waitUntil(lambda: collector.n_rows() >= 3, timeout=3000)
    gap = time.perf_counter() - arrived
    controller.pause()
    wait_status(qtbot, collector, "paused")
    assert 0.7 < gap < 1.5, gap
    assert [ps.speed for s, ps in collector.statuses if s == "running"][0] == 1.0


def test_at_most_60_batches_per_second_at_full_speed(qtbot, controller, collector):
    trainer = make_trainer()
    controller.set_runs([trainer])
    controller.set_speed(math.inf)
    controller.play()
    wait_status(qtbot, collector, "running")
    start = time.perf_counter()
    first = len(collector.batches)
    qtbot.wait(1000)
    n = len(collector.batches) - first
    elapsed = time.perf_counter() - start
    controller.pause()
    wait_status(qtbot, collector, "paused")
    assert n <= elapsed / FRAME_INTERVAL_S + 2, f"{n} batches in {elapsed:.2f} s"
    assert n >= 10  # and the GUI does get regular updates
    assert trainer.step_count > 10 * n  # many steps per batch, never one signal per step


def test_mini_batch_runs_report_full_gradient_and_velocity(qtbot, controller, collector):
    scenario = Scenario(kind="data", dataset="linear", model="linear", loss="mse",
                        optimizer="momentum", learning_rate=0.01, batch_size=8, max_steps=500)
    trainer = prepare(scenario).make_trainer()
    controller.set_runs([trainer])
    controller.step()
    controller.step()
    qtbot.waitUntil(lambda: collector.n_rows() == 3)
    run = collector.batches[-1].runs[0]
    p = trainer.problem.n_params
    assert run.full_grad is not None and run.full_grad.shape == (p,)
    assert run.velocity is not None and run.velocity.shape == (p,)
    assert run.current_grad.shape == (p,) and run.theta.shape == (1, p)
    assert not np.allclose(run.full_grad, run.current_grad)  # SGD noise is visible
    assert run.epoch.shape == (1,) and run.test_loss is None


def test_set_runs_starts_a_new_generation(qtbot, controller, collector):
    controller.set_runs([make_trainer()])
    controller.play()
    qtbot.waitUntil(lambda: len(collector.batches) >= 3, timeout=10_000)
    second = make_trainer("gd", 0.001, max_steps=10)
    controller.set_runs([second])
    assert not controller.playing
    qtbot.waitUntil(lambda: collector.generation == 2, timeout=5000)
    assert controller.generation == 2
    assert all(r.truncate_to == 0 for r in collector.batches[-1].runs)
    wait_status(qtbot, collector, "ready")
    assert not collector.problems
    controller.run_to_stop()
    assert wait_status(qtbot, collector, "finished") == "finished"
    assert_matches_history(collector, second)


def test_errors_are_reported_and_the_thread_survives(qtbot, controller, collector):
    with qtbot.waitSignal(controller.errorOccurred, timeout=5000) as blocker:
        controller.set_speed(0.0)
    assert "speed" in blocker.args[0]
    with qtbot.waitSignal(controller.errorOccurred, timeout=5000):
        controller.set_runs([object()])  # not a trainer
    assert controller.is_running
    with qtbot.waitSignal(controller.statusChanged) as blocker:
        controller.play()  # the bad runs were dropped: nothing to play
    assert state_word(blocker.args[0]) == "ready" and not collector.errors[2:]
    trainer = make_trainer(max_steps=20)
    controller.set_runs([trainer])
    controller.run_to_stop()
    assert wait_status(qtbot, collector, "finished") == "finished"


def test_shutdown_mid_run_stops_the_thread(qtbot, collector, controller):
    controller.set_runs([make_trainer()])
    controller.play()
    qtbot.waitUntil(lambda: len(collector.batches) >= 3, timeout=10_000)
    assert controller.is_running
    start = time.perf_counter()
    controller.shutdown()
    assert time.perf_counter() - start < 1.0
    assert not controller.is_running and not controller.playing
    controller.shutdown()  # idempotent
    n = len(collector.batches)
    controller.play()  # ignored after shutdown
    qtbot.wait(100)
    assert len(collector.batches) == n


def test_step_by_sends_n_steps_as_one_batch(qtbot, controller, collector):
    trainer = make_trainer(max_steps=1000)
    controller.set_runs([trainer])
    qtbot.waitUntil(lambda: len(collector.batches) == 1)
    with qtbot.waitSignal(controller.batchReady) as blocker:
        controller.step_by(250)
    run = blocker.args[0].runs[0]
    assert run.steps.tolist() == list(range(1, 251)) and run.step_count == 250
    wait_status(qtbot, collector, "paused")
    with qtbot.waitSignal(controller.batchReady) as blocker:
        controller.step_by(5000)  # stops at max_steps
    assert blocker.args[0].runs[0].step_count == 1000
    wait_status(qtbot, collector, "finished")
    assert_matches_history(collector, trainer)
