"""A seeded random walk through the real main window, checking invariants after each action.

Used by ``tests/gui/test_fuzz.py`` (≥ 2,000 actions in CI; ≥ 20,000 with the
``fuzz_long`` marker). Every action is what a student can do: the transport commands,
any control of the control panel set to any valid or edge value (mid-run too), runs
added, removed and selected, lessons and bad files opened, the window resized, closed
and opened again. A walk is reproducible from its seed: :attr:`GuiFuzzer.log` holds
the actions taken, and a failure names the seed and the last actions.

Invariants checked after every action (:meth:`GuiFuzzer.check`):

* no exception escaped on any thread (``sys.excepthook``/``threading.excepthook``
  recorders; the worker's ``errorOccurred`` counts as one too);
* the window has one trace, one loss curve and one landscape path per session run;
* every trace's history is consistent: steps contiguous from 0, every per-step buffer
  of the same length, all finite, θ rows a subset of the steps;
* once drawn (no redraw pending): the loss curves hold exactly ``trace.loss`` (or its
  log) against the trace's x values, and each path as many points as the trace's path;
* after the event loop settles with the thread paused (every ``settle_every``
  actions): the session's status and playing flag equal the last PlayerStatus, and each
  trace's current step and status equal the worker's report for that run.
"""

from __future__ import annotations

import math
import os
import random
import sys
import threading
import time
import tomllib
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
)

from gdstudio.core.scenario import MAX_RUNS, dataset_outside_folder, list_lessons
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.landscape_plot import MAX_PATH_POINTS

BAD_DIR = Path(__file__).resolve().parents[1] / "data" / "bad"
#: Files only the runner refuses: a 0/1 target with its default linear model (the
#: window picks a classifier, as the session's rule says), and no stopping criterion
#: (the window plays until paused; its "Steps ≥" box has "no limit" too).
#: Data too large for the loss (|y| ≈ 10¹²²) are refused by the runner's own check
#: (cli._check_data), which the window does not have.
OPENS_IN_WINDOW = {"binary_target.csv", "max_steps_none.toml", "huge_but_finite_data.csv"}


def bad_inputs() -> tuple[list[tuple[str, list[str], str, bool]], list[tuple[str, bool]]]:
    """The bad-input corpus (``tests/data/bad/cases.toml``) as window inputs.

    Returns ``(csv_cases, scenario_cases)``: ``(path, x, y, should_fail)`` for every
    CSV case and ``(path, should_fail)`` for every scenario file case.
    """
    cases = tomllib.loads((BAD_DIR / "cases.toml").read_text("utf-8"))["case"]
    csvs: list[tuple[str, list[str], str, bool]] = []
    scenarios: list[tuple[str, bool]] = []
    for case in cases:
        args = [a.replace("FILE/", f"{BAD_DIR}/") for a in case["args"]]
        fail = case["exit"] == 2
        if args and args[0].endswith(".toml"):
            scenarios.append((args[0], fail))
        elif "--dataset" in args and "--x" in args and "--task" not in args:
            x = args[args.index("--x") + 1].strip('"')
            y = args[args.index("--y") + 1]
            path = args[args.index("--dataset") + 1]
            if x.count(",") and not x.startswith('"'):
                continue
            csvs.append((path, [x], y, fail))
    return csvs, scenarios


#: GDSTUDIO_FUZZ_TRACE=1 prints every action as it is taken (to find a crash).
_TRACE = bool(os.environ.get("GDSTUDIO_FUZZ_TRACE"))


class FuzzFailure(AssertionError):
    """An invariant broke; the message names the seed and the last actions."""


class GuiFuzzer:
    """Drives a real :class:`MainWindow` at random (seeded) and checks invariants.

    Args:
        qtbot: pytest-qt's bot (windows are registered with it).
        seed: the walk's seed.
        tmp_path: a folder for saved scenarios and exports.
        settle_every: check the status against the worker after this many actions.
        heavy: let the sample-count box reach its maximum (100,000 points).
    """

    SIZES = ((1024, 700), (1600, 1000), (320, 240), (120, 90), (1200, 800))

    def __init__(self, qtbot: Any, seed: int, tmp_path: Path, settle_every: int = 40,
                 heavy: bool = False) -> None:
        self.qtbot = qtbot
        self.seed = seed
        self.rng = random.Random(seed)
        self.tmp_path = tmp_path
        self.settle_every = settle_every
        #: also the largest synthetic datasets (slow: seconds per step and per edit)
        self.heavy = heavy
        self.log: deque[str] = deque(maxlen=25)
        self.actions = 0
        self.errors: list[str] = []
        self.shown_errors: list[tuple[str, str]] = []
        self.counts: dict[str, int] = {}
        self.times: dict[str, float] = {}
        self.windows: list[MainWindow] = []
        self.csv_cases, self.scenario_cases = bad_inputs()
        self.lessons = list_lessons()
        self.window = self._open()
        self._table: list[tuple[float, Callable[[], None]]] = [
            (8, self.a_play), (6, self.a_pause), (12, self.a_step), (8, self.a_step_back),
            (4, self.a_reset), (4, self.a_run_to_stop), (3, self.a_toggle_play),
            (3, self.a_speed), (12, self.a_combo), (12, self.a_spin), (3, self.a_lr_slider),
            (3, self.a_hidden_text), (4, self.a_init_text), (2, self.a_checkbox),
            (3, self.a_add_run), (2, self.a_remove_run), (3, self.a_focus),
            (1, self.a_lesson), (1.5, self.a_bad_file), (1, self.a_resize),
            (2, self.a_view_option), (1, self.a_landscape_click), (0.6, self.a_save_reopen),
            (0.4, self.a_export), (0.25, self.a_close_reopen), (1, self.a_wait),
        ]
        self._weights = [w for w, _ in self._table]

    # -- windows ---------------------------------------------------------------------
    def _open(self, scenario: Any = None) -> MainWindow:
        window = MainWindow(scenario)  # closed and deleted by the walk itself
        window.resize(1200, 800)
        window.show()
        window.controller.errorOccurred.connect(
            lambda msg: self.errors.append(f"worker error: {msg}"))
        # Paint only when settling (plots still get their data every frame): painting
        # every plot after every action would make the walk several times slower.
        window.setUpdatesEnabled(False)
        self.windows.append(window)
        return window

    def close(self) -> None:
        """Close every window the walk opened; fail if a thread is left running."""
        for window in self.windows:
            window.close()
            if window.controller.is_running:
                self.errors.append("the training thread outlived its window")
            window.deleteLater()
        self.windows = []
        QApplication.processEvents()

    # -- the walk --------------------------------------------------------------------
    def run(self, n: int, deadline_s: float | None = None) -> int:
        """Take up to ``n`` random actions (stopping early after ``deadline_s``)."""
        t0 = time.perf_counter()
        for _ in range(n):
            if deadline_s is not None and time.perf_counter() - t0 > deadline_s:
                break
            action = self.rng.choices(self._table, weights=self._weights)[0][1]
            name = action.__name__[2:]
            self.counts[name] = self.counts.get(name, 0) + 1
            self.actions += 1
            t_action = time.perf_counter()
            try:
                action()
                QApplication.processEvents()
                self.check()
                if self.actions % self.settle_every == 0:
                    self.settle_and_check()
                self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - t_action
            except FuzzFailure:
                raise
            except Exception as exc:  # the action itself raised: a defect in the window
                self.fail(f"action {name} raised {type(exc).__name__}: {exc}\n"
                          + traceback.format_exc())
        return self.actions

    def profile(self) -> str:
        """Time per kind of action (slowest first)."""
        rows = sorted(self.times.items(), key=lambda kv: -kv[1])
        return ", ".join(f"{k} {self.counts[k]}× {v:.1f} s" for k, v in rows)

    def note(self, text: str) -> None:
        self.log.append(f"{self.actions}: {text[:160]}")
        if _TRACE:
            print(self.log[-1], file=sys.stderr, flush=True)

    def fail(self, message: str) -> None:
        raise FuzzFailure(f"seed {self.seed}, action {self.actions}: {message}\n"
                          "last actions:\n  " + "\n  ".join(self.log))

    # -- invariants ------------------------------------------------------------------
    def check(self) -> None:
        """The invariants that hold after every action (see the module docstring)."""
        w = self.window
        if self.errors:
            self.fail("exception: " + self.errors[0])
        n = w.session.n_runs
        if len(w.traces) != n or len(w.loss_plot._curves) != n or \
                len(w.landscape_plot._paths) != n:
            self.fail(f"{n} session runs but {len(w.traces)} traces, "
                      f"{len(w.loss_plot._curves)} curves, {len(w.landscape_plot._paths)} paths")
        if w.panel.run_list.count() != n:
            self.fail(f"{n} runs but {w.panel.run_list.count()} in the run list")
        if not 0 <= w.session.focus < n:
            self.fail(f"focus {w.session.focus} of {n} runs")
        for k, trace in enumerate(w.traces):
            self._check_trace(k, trace)
        self._check_panel()
        if not w._needs_redraw:
            self._check_drawn()

    def _check_trace(self, k: int, t: Any) -> None:
        steps = t.steps.data
        m = len(steps)
        if not np.array_equal(steps, np.arange(m)):
            self.fail(f"run {k}: steps not contiguous from 0: {steps[:5]}…{steps[-5:]}")
        lengths = {len(t.loss), len(t.log_loss), len(t.grad_norm)}
        if t.test_loss is not None:
            lengths.add(len(t.test_loss))
        if lengths != {m}:
            self.fail(f"run {k}: buffers of different lengths {lengths} for {m} steps")
        for name, buf in (("loss", t.loss), ("grad_norm", t.grad_norm),
                          ("test_loss", t.test_loss), ("theta", t.theta)):
            if buf is not None and not np.all(np.isfinite(buf.data)):
                self.fail(f"run {k}: non-finite {name} in the history")
        kept = t.theta_steps.data
        if len(kept) != len(t.theta) or (len(kept) and (
                not np.all(np.diff(kept) > 0) or kept[-1] >= max(m, 1) or kept[0] < 0)):
            self.fail(f"run {k}: θ rows {kept[:5]} do not match the {m} steps")
        if m and t.current.step != steps[-1]:
            self.fail(f"run {k}: current step {t.current.step} but last row {steps[-1]}")

    def _check_panel(self) -> None:
        """The control panel shows the session's focus run (it keeps no copy)."""
        p, sc = self.window.panel, self.window.session.focus_run
        shown = {"kind": p.kind.currentData(), "optimizer": p.optimizer.currentData(),
                 "schedule": p.schedule.currentData(), "seed": p.seed.value(),
                 "max_steps": p.max_steps.value() or None,
                 "focus": p.run_list.currentRow()}
        want = {"kind": sc.kind, "optimizer": sc.optimizer, "schedule": sc.schedule,
                "seed": sc.seed, "max_steps": sc.max_steps, "focus": self.window.session.focus}
        if sc.kind == "data":
            shown.update(dataset=p.dataset.currentData(), model=p.model.currentData(),
                         loss=p.loss.currentData())
            want.update(dataset=sc.dataset, model=sc.model, loss=sc.loss)
        else:
            shown["surface"], want["surface"] = p.surface.currentData(), sc.surface
        if shown != want:
            diff = {k: (shown[k], want[k]) for k in shown if shown[k] != want[k]}
            self.fail(f"the panel does not show the focus run (panel, session): {diff}")
        if not math.isclose(p.learning_rate.value(), sc.learning_rate, rel_tol=1e-3):
            self.fail(f"the panel shows η = {p.learning_rate.value()}, the focus run has "
                      f"{sc.learning_rate}")

    def _check_drawn(self) -> None:
        w = self.window
        log = w.loss_plot._log
        for k, (trace, (curve, _test)) in enumerate(zip(w.traces, w.loss_plot._curves)):
            x, y = curve.getOriginalDataset()
            want_y = trace.log_loss.data if log else trace.loss.data
            want_x = trace.x_values(w.loss_plot.x_unit)
            if x is None:
                x = y = np.zeros(0)
            if not (np.array_equal(y, want_y) and np.array_equal(x, want_x)):
                self.fail(f"run {k}: the loss curve ({len(y)} points) is not the trace's "
                          f"loss ({len(want_y)} rows)")
        for k, (trace, (line, _casing, _head)) in enumerate(zip(w.traces, w.landscape_plot._paths)):
            px, _py = line.getData()
            got = 0 if px is None else len(px)
            want = 0 if trace.current.theta is None else min(len(trace.path), MAX_PATH_POINTS)
            if got != want:
                self.fail(f"run {k}: the path has {got} points, the trace {want}")

    def settle(self, timeout_ms: int = 15_000) -> None:
        """Pause and run the event loop until the worker has answered every command."""
        w = self.window
        w.pause()
        w.controller.step_by(0)  # a no-op command that always answers with a status
        gate = w.controller._gate

        def answered() -> bool:
            QApplication.processEvents()
            s = w.last_status
            return s is not None and s.handled >= gate.posted and \
                gate.received >= gate.emitted

        self.qtbot.waitUntil(answered, timeout=timeout_ms)
        QApplication.processEvents()

    def settle_and_check(self) -> None:
        """Settle, then the session's status must equal the worker's last report."""
        self.settle()
        w = self.window
        s = w.last_status
        assert s is not None
        if w.session.playing or w.controller.playing or s.playing:
            self.fail(f"paused, but playing: session {w.session.playing}, controller "
                      f"{w.controller.playing}, worker {s.playing}")
        if w.session.status != s.status:
            self.fail(f"session status {w.session.status} but the worker says {s.status}")
        if len(s.runs) != w.session.n_runs:
            self.fail(f"the worker has {len(s.runs)} runs, the session {w.session.n_runs}")
        for r in s.runs:
            t = w.traces[r.index]
            if t.current.step != r.step or str(t.current.status) != str(r.status):
                self.fail(f"run {r.index}: trace at step {t.current.step} ({t.current.status}),"
                          f" worker at {r.step} ({r.status})")
            if len(t) != r.step + 1:
                self.fail(f"run {r.index}: {len(t)} rows for step {r.step}")
        w.redraw_now()
        self._check_drawn()
        w.setUpdatesEnabled(True)  # paint everything once
        w.repaint()
        QApplication.processEvents()
        w.setUpdatesEnabled(False)

    # -- actions ---------------------------------------------------------------------
    def a_play(self) -> None:
        self.note("play")
        self.window.play()

    def a_pause(self) -> None:
        self.note("pause")
        self.window.pause()

    def a_step(self) -> None:
        self.note("step")
        self.window.step()

    def a_step_back(self) -> None:
        self.note("step back")
        self.window.step_back()

    def a_reset(self) -> None:
        self.note("reset")
        self.window.reset()

    def a_run_to_stop(self) -> None:
        self.note("run to stop")
        self.window.run_to_stop()

    def a_toggle_play(self) -> None:
        self.note("toggle play (Space)")
        self.window.act_play.trigger()

    def a_speed(self) -> None:
        slider = self.window.speed.slider
        tick = self.rng.choice([slider.minimum(), slider.maximum(), slider.maximum() - 1,
                                self.rng.randint(slider.minimum(), slider.maximum())])
        self.note(f"speed tick {tick}")
        slider.setValue(tick)

    def _visible(self, widgets: list) -> list:
        panel = self.window.panel
        shown = [w for w in widgets if w.isVisibleTo(panel) and w.isEnabled()]
        return shown if shown and self.rng.random() < 0.9 else widgets

    def a_combo(self) -> None:
        w = self.window
        combos = [c for c in w.panel.findChildren(QComboBox) if c.count()]
        combos += [w.landscape.plane_mode, w.landscape.plane_i, w.landscape.plane_j]
        combos = [c for c in combos if c.count()]
        combo = self.rng.choice(self._visible(combos))
        items = [i for i in range(combo.count()) if combo.itemText(i)]
        i = self.rng.choice(items)
        self.note(f"combo {combo.objectName() or combo.itemText(0)!r} → {combo.itemText(i)!r}")
        if combo is w.panel.dataset:
            combo.setCurrentIndex(i)
            combo.activated.emit(i)
        else:
            combo.setCurrentIndex(i)

    def a_spin(self) -> None:
        spins = [s for s in self.window.panel.findChildren(QAbstractSpinBox)
                 if isinstance(s, QSpinBox | QDoubleSpinBox)]
        spin = self.rng.choice(self._visible(spins))
        lo, hi = spin.minimum(), spin.maximum()
        if spin is self.window.panel.n_samples and not self.heavy:
            hi = 2000  # 100,000 points make every step and landscape take seconds
        r = self.rng.random()
        if r < 0.25:
            self.note(f"spin {spin.toolTip()[:30]!r} stepBy")
            spin.stepBy(self.rng.choice([-1, 1, 5, -5]))
            return
        if r < 0.45:
            value: float = lo
        elif r < 0.6:
            value = hi
        elif isinstance(spin, QSpinBox):
            value = self.rng.choice([self.rng.randint(lo, min(hi, 1000)), lo + 1, 7, 13, 33])
        else:
            pos = max(lo, 1e-12)
            value = self.rng.choice([self.rng.uniform(lo, hi),
                                     math.exp(self.rng.uniform(math.log(pos), math.log(hi))),
                                     lo + (hi - lo) * 1e-9, 0.5, 1.0])
        value = min(max(value, lo), hi)
        self.note(f"spin {spin.toolTip()[:30]!r} = {value!r}")
        spin.setValue(value)

    def a_lr_slider(self) -> None:
        lr = self.window.panel.learning_rate
        tick = self.rng.choice([0, lr.TICKS, self.rng.randint(0, lr.TICKS)])
        self.note(f"η slider tick {tick}")
        lr.slider.setValue(tick)

    def _type(self, edit: Any, text: str) -> None:
        edit.setText(text)
        edit.setModified(True)
        edit.editingFinished.emit()

    def a_hidden_text(self) -> None:
        text = self.rng.choice(["0", "abc", "1000,1000", "", "3", "16, 16", "256", "-1",
                                "2,2,2,2", "4;4", "1", "257", " 8 ", "1e3", "٣"])
        self.note(f"hidden text {text!r}")
        self._type(self.window.panel.hidden, text)

    def a_init_text(self) -> None:
        n = self.window.session.setup.problem.n_params
        r = self.rng.random()
        if r < 0.4:
            values = [self.rng.uniform(-3, 3) for _ in range(n)]
            text = ", ".join(f"{v:.3g}" for v in values)
        elif r < 0.55:
            text = ", ".join(["1"] * self.rng.choice([1, max(n - 1, 1), n + 1, 3]))
        else:
            text = self.rng.choice(["abc", "", "nan", "inf, 1", "1e308, 1e308", "−1.5, 2",
                                    "1,,2", "1e400", ", ".join(["1e6"] * n),
                                    ", ".join(["-0"] * n)])
        panel = self.window.panel
        if self.rng.random() < 0.7:
            i = panel.init_mode.findData("typed")
            panel.init_mode.setCurrentIndex(i)
        self.note(f"init text {text!r}")
        self._type(panel.init, text)

    def a_checkbox(self) -> None:
        boxes = self.window.panel.findChildren(QCheckBox)
        box = self.rng.choice(self._visible(boxes))
        self.note(f"checkbox {box.text()!r} toggled")
        box.toggle()

    def a_add_run(self) -> None:
        w = self.window
        if w.session.n_runs >= MAX_RUNS and self.rng.random() < 0.7:
            return self.a_remove_run()
        if self.rng.random() < 0.5:
            self.note("add run (button)")
            w.panel.add_run_button.click()
        else:
            changes = self.rng.choice([None, {"optimizer": "adam"}, {"learning_rate": 0.5},
                                       {"optimizer": "momentum", "learning_rate": 1e-4},
                                       {"batch_size": 4}, {"optimizer": "newton"}])
            self.note(f"add run {changes}")
            w.add_run(changes)

    def a_remove_run(self) -> None:
        w = self.window
        k = self.rng.randrange(w.session.n_runs)
        if self.rng.random() < 0.5:
            w.panel.run_list.setCurrentRow(k)
            self.note(f"remove run {k} (button)")
            w.panel.remove_run_button.click()
        else:
            self.note(f"remove run {k}")
            w.remove_run(k)

    def a_focus(self) -> None:
        w = self.window
        k = self.rng.randrange(w.session.n_runs)
        self.note(f"focus run {k}")
        if self.rng.random() < 0.5:
            w.panel.run_list.setCurrentRow(k)
        else:
            w.set_focus_run(k)

    def a_lesson(self) -> None:
        name = self.rng.choice(self.lessons)
        self.note(f"open lesson {name}")
        if not self.window.open_scenario(name):
            self.fail(f"the bundled lesson {name} did not open: {self.shown_errors[-1:]}")

    def a_bad_file(self) -> None:
        w = self.window
        before = (w.session.scenario, w.session.n_runs, w.session.setup_id, list(w.traces))
        errors = len(self.shown_errors)
        if self.rng.random() < 0.5:
            path, x, y, fail = self.rng.choice(self.csv_cases)
            self.note(f"load CSV {Path(path).name} {x} → {y}")
            ok = w.load_csv(path, x, y)
        else:
            path, fail = self.rng.choice(self.scenario_cases)
            self.note(f"open scenario {Path(path).name}")
            ok = w.open_scenario(path)
        if ok and fail and Path(path).name not in OPENS_IN_WINDOW:
            self.fail(f"{path}: a bad file was opened")
        if not ok:
            if len(self.shown_errors) != errors + 1:
                self.fail(f"{path}: {len(self.shown_errors) - errors} errors shown, not 1")
            after = (w.session.scenario, w.session.n_runs, w.session.setup_id, list(w.traces))
            if after != before:
                self.fail(f"{path}: a failed open changed the session or the traces")

    def a_resize(self) -> None:
        size = self.rng.choice(self.SIZES)
        self.note(f"resize {size}")
        self.window.resize(*size)

    def a_view_option(self) -> None:
        w = self.window
        acts = [w.act_log, w.act_arrows, w.act_scale, w.act_residuals, w.act_batch,
                w.act_fit_view, w.act_pin, *w.x_unit_actions.values()]
        act = self.rng.choice(acts)
        self.note(f"view {act.text()!r}")
        act.trigger()

    def a_landscape_click(self) -> None:
        w = self.window
        ext = w.landscape_plot.grid_extent()
        if ext is None:
            return
        (a0, a1), (b0, b1) = ext
        a, b = self.rng.uniform(a0, a1), self.rng.uniform(b0, b1)
        self.note(f"click landscape at {a:.3g}, {b:.3g}")
        w.landscape._on_clicked(a, b)

    def a_save_reopen(self) -> None:
        w = self.window
        path = self.tmp_path / f"saved_{self.actions}.toml"
        self.note(f"save and reopen {path.name}")
        if not w.save_scenario(str(path)):
            self.fail(f"cannot save the scenario: {self.shown_errors[-1:]}")
        n = w.session.n_runs
        outside = dataset_outside_folder(w.session.scenario, path)
        if outside:  # the rule for scenario files: their CSV beside them
            if "another folder" not in w.status_label.text():
                self.fail(f"saved with a CSV elsewhere, no warning: {w.status_label.text()}")
            return
        if not w.open_scenario(str(path)):
            self.fail(f"a saved scenario does not open again: {self.shown_errors[-1:]}\n"
                      + path.read_text("utf-8"))
        if w.session.n_runs != n:
            self.fail(f"saved {n} runs, reopened {w.session.n_runs}")

    def a_export(self) -> None:
        kind = self.rng.choice(["history", "png", "svg"])
        self.note(f"export {kind}")
        w = self.window
        if kind == "history":
            ok = w.export_history(str(self.tmp_path / "history.csv"))
        else:
            ok = w.export_plot(w.loss_plot, str(self.tmp_path / f"loss.{kind}"))
        if not ok:
            self.fail(f"cannot export ({kind}): {self.shown_errors[-1:]}")

    def a_close_reopen(self) -> None:
        self.note("close and reopen")
        old = self.window
        old.close()
        if old.controller.is_running:
            self.fail("the training thread outlived its window")
        self.windows.remove(old)
        old.deleteLater()
        scenario = self.rng.choice([None, *self.lessons])
        self.window = self._open(None)
        if scenario is not None:
            self.window.open_scenario(scenario)

    def a_wait(self) -> None:
        ms = self.rng.choice([1, 5, 20, 50])
        self.note(f"wait {ms} ms")
        self.qtbot.wait(ms)


class ExceptionRecorder:
    """Records exceptions reaching ``sys.excepthook`` / ``threading.excepthook``."""

    def __init__(self, sink: list[str]) -> None:
        self.sink = sink
        self._old: tuple[Any, Any] | None = None

    def __enter__(self) -> ExceptionRecorder:
        self._old = (sys.excepthook, threading.excepthook)

        def hook(tp: Any, value: Any, tb: Any) -> None:
            self.sink.append("".join(traceback.format_exception(tp, value, tb)))

        def thread_hook(args: Any) -> None:
            self.sink.append(f"thread {args.thread}: " + "".join(traceback.format_exception(
                args.exc_type, args.exc_value, args.exc_traceback)))

        sys.excepthook = hook
        threading.excepthook = thread_hook
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._old is not None
        sys.excepthook, threading.excepthook = self._old
