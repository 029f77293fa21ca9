"""File → Save session / Open session and File → Export run as GIF, end to end: real
windows, the real training thread, offscreen Qt."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from gdstudio.core.lessons import Lesson
from gdstudio.core.scenario import Scenario, load_scenario, prepare
from gdstudio.core.session_file import (
    Difference,
    RunHistory,
    SessionFileError,
    SessionSnapshot,
    read_session,
    write_session,
)
from gdstudio.core.status import Status
from gdstudio.gui import session_files
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.launch import run_gui
from gdstudio.gui.run_gif import GIF_SIZE, frame_steps, render_frames
from gdstudio.gui.settings import Preferences

ROSENBROCK = Scenario(kind="surface", surface="rosenbrock", optimizer="gd",
                      learning_rate=0.001, max_steps=5000)
TIMEOUT = 20_000


def ready(window: MainWindow) -> bool:
    return window.batches_received > 0 and not window.landscape.busy and \
        (window.landscape.one_d or window.landscape_plot.result is not None)


@pytest.fixture
def make_window(qtbot):
    windows = []

    def make(scenario: Scenario | None = ROSENBROCK, **kwargs) -> MainWindow:
        window = MainWindow(scenario, **kwargs)
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: ready(window), timeout=TIMEOUT)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        assert not window.controller.is_running


def steps_of(window: MainWindow) -> list[int]:
    return [t.current.step for t in window.traces]


def step_to(qtbot, window: MainWindow, n: int) -> None:
    target = [s + n for s in steps_of(window)]
    window.controller.step_by(n)
    qtbot.waitUntil(lambda: steps_of(window) == target, timeout=TIMEOUT)


@pytest.fixture
def trained(qtbot, make_window) -> MainWindow:
    """Two runs at different steps (run 2 restarted with a new η), run 1 the focus."""
    window = make_window()
    assert window.add_run({"optimizer": "momentum", "learning_rate": 0.0005})
    qtbot.waitUntil(lambda: len(window.traces) == 2 and steps_of(window) == [0, 0],
                    timeout=TIMEOUT)
    step_to(qtbot, window, 40)
    window.session.edit_run(1, learning_rate=0.0007)
    qtbot.waitUntil(lambda: steps_of(window) == [40, 0], timeout=TIMEOUT)
    window.controller.step_by(25)
    qtbot.waitUntil(lambda: steps_of(window) == [65, 25], timeout=TIMEOUT)
    window.set_focus_run(0)
    return window


def state(window: MainWindow) -> tuple:
    """What a failed open must leave exactly as it was."""
    return (window.session.scenario, window.session.focus, window.session.setup_id,
            tuple(id(t) for t in window.traces), tuple(steps_of(window)),
            window.windowTitle(), window.lesson)


def open_and_wait(qtbot, window: MainWindow, path: Path) -> list:
    with qtbot.waitSignal(window.session_files.restored, timeout=TIMEOUT) as blocker:
        assert window.open_session(str(path))
    return blocker.args[0]


# ------------------------------------------------------------------ round trip
def test_a_saved_session_opens_in_a_fresh_window_exactly_as_it_was(qtbot, trained,
                                                                   make_window, tmp_path):
    path = tmp_path / "lesson.gdsession"
    assert trained.save_session(str(path))
    assert trained.status_label.text() == f"Saved {path}"
    fresh = make_window(None)  # the default problem: penguins
    differences = open_and_wait(qtbot, fresh, path)
    assert differences == [None, None]
    assert fresh.session.scenario == trained.session.scenario
    assert fresh.session.focus == 0 and steps_of(fresh) == [65, 25]
    for old, new in zip(trained.traces, fresh.traces):
        for name in ("loss", "grad_norm", "theta", "theta_steps"):
            a, b = getattr(old, name).data, getattr(new, name).data
            assert a.tobytes() == b.tobytes(), name
        assert old.current.theta.tobytes() == new.current.theta.tobytes()
        assert old.current.status == new.current.status
    assert "exactly as saved" in fresh.status_label.text()
    assert fresh.windowTitle() == trained.windowTitle()
    # the opened runs go on as the saved ones would have
    step_to(qtbot, fresh, 3)
    step_to(qtbot, trained, 3)
    assert fresh.traces[1].loss.data.tobytes() == trained.traces[1].loss.data.tobytes()


def test_a_lesson_and_its_page_come_back(qtbot, make_window, tmp_path):
    window = make_window()
    assert window.open_scenario("03_the_update_rule")
    assert window.lesson is not None and len(window.lesson.pages) > 2
    window.lesson_pane.show_page(2)
    path = tmp_path / "lesson.gdsession"
    assert window.save_session(str(path))
    assert read_session(path).page == 2
    fresh = make_window()
    open_and_wait(qtbot, fresh, path)
    assert fresh.lesson is not None and fresh.lesson_pane.index == 2
    assert [p.title for p in fresh.lesson.pages] == [p.title for p in window.lesson.pages]


def test_a_replay_that_differs_is_reported(qtbot, trained, make_window, tmp_path):
    path = tmp_path / "s.gdsession"
    assert trained.save_session(str(path))
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    saved = read_session(path).runs[1]
    loss = saved.loss.copy()
    loss[7] *= 1.0 + 1e-15  # what the run would show if the data had changed
    import io

    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, loss)
    members["runs/1/loss.npy"] = buffer.getvalue()
    changed = tmp_path / "changed.gdsession"
    with zipfile.ZipFile(changed, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    fresh = make_window()
    differences = open_and_wait(qtbot, fresh, changed)
    assert differences[0] is None
    assert differences[1].what == Difference.LOSS and differences[1].step == 7
    assert "Run 2 differs from the saved run from step 7" in fresh.status_label.text()
    assert fresh.banner.isVisible()


# ------------------------------------------------------------------ atomic, damaged
def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(trained, tmp_path,
                                                                 monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(trained, "show_error", lambda title, text: errors.append(text))
    path = tmp_path / "s.gdsession"
    path.write_bytes(b"the old session")

    def half_written(snapshot, out, saved_as):
        Path(out).write_bytes(b"PK half")
        raise OSError("disk full")

    monkeypatch.setattr(session_files, "write_session", half_written)
    assert not trained.save_session(str(path))
    assert path.read_bytes() == b"the old session"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.gdsession"]
    assert errors == [f"{path}: cannot write in {tmp_path}: disk full"]  # file and reason
    assert not trained.save_session(str(tmp_path / "missing" / "s.gdsession"))
    assert "does not exist" in errors[-1]


def _damaged_files(good: Path, tmp_path: Path) -> dict[str, Path]:
    with zipfile.ZipFile(good) as z:
        members = {name: z.read(name) for name in z.namelist()}
    manifest = json.loads(members["manifest.json"])

    def variant(name: str, **changes: bytes | None) -> Path:
        out = tmp_path / f"{name}.gdsession"
        with zipfile.ZipFile(out, "w") as z:
            for member, data in {**members, **changes}.items():
                if data is not None:
                    z.writestr(member, data)
        return out

    truncated = tmp_path / "truncated.gdsession"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    text = tmp_path / "text.gdsession"
    text.write_text(ROSENBROCK.to_toml(), encoding="utf-8")
    newer = json.dumps({**manifest, "version": 99}).encode()
    import io

    pickled = io.BytesIO()
    np.lib.format.write_array(pickled, np.array([object()] * 3, dtype=object),
                              allow_pickle=True)
    other_problem = Scenario(kind="surface", surface="himmelblau").to_toml().encode()
    return {
        "truncated": truncated, "text": text,
        "newer version": variant("newer", **{"manifest.json": newer}),
        "missing loss": variant("missing", **{"runs/0/loss.npy": None}),
        "pickle": variant("pickle", **{"runs/0/loss.npy": pickled.getvalue()}),
        "wrong shape": variant("shape", **{"runs/1/theta_now.npy": _npy(np.zeros(5))}),
        "fewer runs than histories": variant("runs", **{"scenario.toml": other_problem}),
    }


def _npy(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array)
    return buffer.getvalue()


def test_damaged_files_change_nothing(qtbot, trained, make_window, tmp_path, monkeypatch):
    good = tmp_path / "good.gdsession"
    assert trained.save_session(str(good))
    window = make_window(Scenario(kind="surface", surface="himmelblau", optimizer="adam",
                                  learning_rate=0.05))
    step_to(qtbot, window, 5)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    before = state(window)
    for kind, path in _damaged_files(good, tmp_path).items():
        errors.clear()
        assert not window.open_session(str(path)), kind
        assert len(errors) == 1, kind
        title, text = errors[0]
        assert title == "Cannot open the session" and text and "\n" not in text, kind
        assert "Traceback" not in text
        assert state(window) == before, kind
    # a session whose histories do not fit its own problem (θ of 3 numbers)
    with zipfile.ZipFile(good) as z:
        members = {name: z.read(name) for name in z.namelist()}
    for k in (0, 1):
        members[f"runs/{k}/theta_now.npy"] = _npy(np.zeros(3))
        n = len(read_session(good).runs[k].theta_steps)
        members[f"runs/{k}/theta.npy"] = _npy(np.zeros((n, 3)))
    misfit = tmp_path / "misfit.gdsession"
    with zipfile.ZipFile(misfit, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    errors.clear()
    assert not window.open_session(str(misfit))
    assert "parameters" in errors[0][1] and state(window) == before
    step_to(qtbot, window, 1)  # still usable


# ------------------------------------------------------------------ menus, recent, CLI
def test_menus_have_shortcuts_and_tips(trained):
    file_menu = trained.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    for act, text, keys in ((trained.act_open_session, "Open session…", "Ctrl+Alt+O"),
                            (trained.act_save_session, "Save session…", "Ctrl+Shift+S"),
                            (trained.act_export_gif, "Export run as GIF…", "Ctrl+Shift+G")):
        assert act.text() == text and text in texts
        assert act.shortcut() == QKeySequence(keys)
        assert act.toolTip().startswith(act.statusTip()) and len(act.statusTip()) > 20


def test_saved_and_opened_sessions_are_recent_files(qtbot, make_window, tmp_path):
    prefs = Preferences(QSettings(str(tmp_path / "gdstudio.ini"), QSettings.Format.IniFormat))
    window = make_window(ROSENBROCK, preferences=prefs)
    step_to(qtbot, window, 12)
    path = tmp_path / "mine.gdsession"
    assert window.save_session(str(path))
    assert prefs.recent_files() == [str(path.resolve())]
    recent = window.recent_menu.actions()
    assert [a.text() for a in recent] == ["mine.gdsession"]
    step_to(qtbot, window, 5)
    with qtbot.waitSignal(window.session_files.restored, timeout=TIMEOUT):
        recent[0].trigger()
    assert steps_of(window) == [12]


def test_a_damaged_session_on_the_command_line_is_one_line_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.gdsession"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert run_gui(str(bad)) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("gdstudio: ") and "\n" not in err and "bad.gdsession" in err


def test_is_session_file(tmp_path):
    toml = tmp_path / "a.toml"
    toml.write_text("[problem]\n", encoding="utf-8")
    zipped = tmp_path / "b.bin"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("manifest.json", "{}")
    assert not session_files.is_session_file(toml)
    assert session_files.is_session_file(zipped)
    assert session_files.is_session_file(tmp_path / "new.GDSESSION")
    with pytest.raises(SessionFileError):
        read_session(zipped)


# ------------------------------------------------------------------ the worker's replay
def test_replay_brings_each_run_to_its_own_step(qtbot, controller):
    from gdstudio.core.scenario import prepare

    setup = prepare(ROSENBROCK)
    trainers = [setup.make_trainer(), setup.make_trainer(ROSENBROCK.replace(max_steps=30))]
    controller.set_runs(trainers)
    with qtbot.waitSignal(controller.replayed, timeout=TIMEOUT) as blocker:
        controller.replay_to([9000, 50])
    assert blocker.args[0] == [5000, 30]  # each stops at its own max_steps


# ------------------------------------------------------------------ replay progress, cancel
def _session_file(path: Path, scenario: Scenario, runs: list[RunHistory]) -> Path:
    lesson = Lesson(name="", title={"en": "long"}, summary={"en": "long"},
                    scenario=scenario, pages=())
    write_session(SessionSnapshot(lesson, tuple(runs)), path, saved_as=path)
    return path


def _record(signal) -> list:
    seen: list = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def _long_mlp_session(tmp_path: Path, steps: int = 30_000) -> Path:
    """Two MLP runs saved at ``steps``: a replay of ten seconds or more (only a cancel
    ends it in time). The histories only say how far to replay (a cancelled replay
    compares nothing)."""
    scenario = load_scenario("mlp_circles").replace(
        max_steps=steps, runs=[{"optimizer": "gd", "learning_rate": 0.1}])
    p = prepare(scenario).problem.n_params
    fake = RunHistory(Status.FINISHED, np.zeros(steps + 1), np.zeros(steps + 1), None,
                      np.zeros(1, dtype=np.int64), np.zeros((1, p)), np.zeros(p))
    return _session_file(tmp_path / "mlp.gdsession", scenario, [fake, fake])


def test_a_long_replay_reports_its_progress_and_ends_exactly_as_saved(qtbot, make_window,
                                                                      tmp_path):
    scenario = ROSENBROCK.replace(max_steps=40_000,
                                  runs=[{"optimizer": "momentum", "learning_rate": 0.0005}])
    setup = prepare(scenario)
    histories = []
    for steps, run in zip((40_000, 15_000), scenario.run_scenarios()):
        trainer = setup.make_trainer(run)
        assert trainer.run(steps) == steps
        histories.append(RunHistory.from_trainer(trainer))
    path = _session_file(tmp_path / "long.gdsession", scenario, histories)
    window = make_window()
    progress = _record(window.controller.replayProgress)
    cancelled = _record(window.session_files.cancelled)
    assert open_and_wait(qtbot, window, path) == [None, None]
    assert steps_of(window) == [40_000, 15_000]
    assert "exactly as saved" in window.status_label.text() and not cancelled
    done = [p[0] for p in progress]
    assert done == sorted(done) and done[0] == 0
    assert {p[1] for p in progress} == {55_000}  # the total over both runs
    assert progress[-1] == (55_000, 55_000, 40_000, 40_000)
    steps = [p[2] for p in progress]
    assert steps == sorted(steps)
    assert not window.session_files.progress.isVisible()


def test_the_landscape_is_computed_once_after_the_replay(qtbot, make_window, tmp_path,
                                                        monkeypatch):
    """Opening a session draws the landscape once, around the replayed paths: none is
    computed for the runs at θ₀ while the replay moves them."""
    scenario = ROSENBROCK.replace(max_steps=3000)
    trainer = prepare(scenario).make_trainer(scenario)
    trainer.run(3000)
    path = _session_file(tmp_path / "one.gdsession", scenario,
                         [RunHistory.from_trainer(trainer)])
    window = make_window(Scenario(kind="surface", surface="himmelblau"))
    requested = []
    job = window.landscape.job
    real = job.request
    monkeypatch.setattr(job, "request", lambda r: (requested.append(steps_of(window)),
                                                   real(r)))
    assert open_and_wait(qtbot, window, path) == [None]
    assert requested == [[3000]]
    qtbot.waitUntil(lambda: ready(window), timeout=TIMEOUT)
    assert requested == [[3000]]


def test_cancelling_a_long_replay_leaves_the_runs_level_and_says_so(qtbot, make_window,
                                                                    tmp_path):
    """Esc in the progress dialog: the runs stay where the replay got to, at one step,
    the status bar says it is not the saved state, nothing is compared, and the window
    goes on from there."""
    steps = 30_000
    path = _long_mlp_session(tmp_path, steps)
    window = make_window()
    files = window.session_files
    restored = _record(files.restored)
    progress = _record(window.controller.replayProgress)
    assert window.open_session(str(path))
    dialog = files.progress
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.minimumDuration() == session_files.PROGRESS_DELAY_MS
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)  # after ~0.5 s
    qtbot.waitUntil(lambda: len(progress) > 1 and progress[-1][0] > 0, timeout=TIMEOUT)
    assert "2 runs, step " in dialog.labelText() and f"of {steps:,}" in dialog.labelText()
    assert 0 < dialog.value() < dialog.maximum() == 2 * steps
    # the status bar says which session is opening (the worker's "Ready" does not replace it)
    assert window.status_label.text().startswith("Opening mlp.gdsession: bringing every run")
    with qtbot.waitSignal(files.cancelled, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    reached = blocker.args[0]
    assert reached[0] == reached[1] and 0 < reached[0] < steps  # level, short of the end
    assert steps_of(window) == reached  # the rows came before
    assert not dialog.isVisible() and not restored
    text = window.status_label.text()
    assert "was cancelled" in text and "not the saved state" in text
    assert f"up to step {reached[0]:,} of {steps:,}" in text and "exactly" not in text
    assert window.banner.isVisible() and files.pending is None
    assert progress[-1][0] == 2 * reached[0] < progress[-1][1]
    # a consistent, usable window: it trains on from there, and opens the file again
    assert not window.controller.playing
    step_to(qtbot, window, 3)
    assert steps_of(window) == [reached[0] + 3] * 2
    assert window.open_session(str(path)) and files.progress is dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    with qtbot.waitSignal(files.cancelled, timeout=TIMEOUT):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not restored and "was cancelled" in window.status_label.text()


def test_closing_the_window_during_a_long_replay(qtbot, make_window, tmp_path):
    window = make_window()
    assert window.open_session(str(_long_mlp_session(tmp_path)))
    qtbot.waitUntil(window.session_files.progress.isVisible, timeout=TIMEOUT)
    window.close()  # the replay ends at the stop command; no warning, no thread left
    assert not window.controller.is_running


def test_replay_rounds_keep_the_runs_level_and_a_cancel_ends_them(qtbot, controller):
    setup = prepare(ROSENBROCK.replace(max_steps=10_000_000))
    controller.set_runs([setup.make_trainer(), setup.make_trainer()])
    progress = _record(controller.replayProgress)
    with qtbot.waitSignal(controller.replayed, timeout=TIMEOUT) as blocker:
        controller.replay_to([10_000_000, 20])
        qtbot.waitUntil(lambda: bool(progress) and progress[-1][0] > 20, timeout=TIMEOUT)
        controller.cancel_replay()
    first, second = blocker.args[0]
    assert second == 20 and 20 < first < 10_000_000
    assert progress[-1] == (first + 20, 10_000_020, first, 10_000_000)
    done = [p[0] for p in progress]
    assert done == sorted(done)


# ------------------------------------------------------------------ GIF
def test_export_run_as_gif(qtbot, trained, tmp_path):
    path = tmp_path / "descent.gif"
    assert trained.export_gif(str(path))
    assert trained.status_label.text() == f"Saved {path}"
    with Image.open(path) as gif:
        assert gif.format == "GIF" and gif.size == GIF_SIZE
        assert gif.n_frames == len(frame_steps(65)) == 60
        assert gif.info["loop"] == 0
        gif.seek(0)
        first = np.asarray(gif.convert("RGB")).copy()
        gif.seek(gif.n_frames - 1)
        last = np.asarray(gif.convert("RGB"))
        assert (first != last).any()  # the path and the curve grew
    # a short run: a frame per step; run 2 (25 steps) by index
    short = tmp_path / "short.gif"
    assert trained.export_gif(str(short), run=1)
    with Image.open(short) as gif:
        assert gif.n_frames == 26


def test_gif_cancel_and_errors_write_nothing(qtbot, trained, tmp_path, monkeypatch):
    assert render_frames(trained, 0, progress=lambda done, total: done < 3) == []
    errors: list[str] = []
    monkeypatch.setattr(trained, "show_error", lambda title, text: errors.append(text))
    assert not trained.export_gif(str(tmp_path / "missing" / "x.gif"))
    assert errors and "does not exist" in errors[0]
    assert list(tmp_path.iterdir()) == []


def test_gif_of_a_one_parameter_problem(qtbot, make_window, tmp_path):
    window = make_window(Scenario(kind="data", dataset="penguins", model="linear",
                                  bias=False, learning_rate=0.1))
    assert window.session.setup.problem.n_params == 1
    step_to(qtbot, window, 8)
    path = tmp_path / "slope.gif"
    assert window.export_gif(str(path))
    with Image.open(path) as gif:
        assert gif.n_frames == 9 and gif.size == GIF_SIZE


def test_a_session_with_a_csv_beside_it_opens_and_one_elsewhere_is_flagged(
        qtbot, make_window, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    csv = data / "line.csv"
    csv.write_text("x,y\n" + "\n".join(f"{i},{3 * i - 2 + (i % 3) * 0.2}" for i in range(20))
                   + "\n", encoding="utf-8")
    window = make_window(None)
    with qtbot.waitSignal(window.landscapeReady, timeout=TIMEOUT):
        assert window.load_csv(str(csv), ["x"], "y")
    step_to(qtbot, window, 15)
    beside = data / "s.gdsession"
    assert window.save_session(str(beside))
    assert window.status_label.text() == f"Saved {beside}"
    (tmp_path / "other").mkdir()
    elsewhere = tmp_path / "other" / "s.gdsession"
    assert window.save_session(str(elsewhere))
    assert "will not open again" in window.status_label.text()
    fresh = make_window()
    assert open_and_wait(qtbot, fresh, beside) == [None]
    assert steps_of(fresh) == [15] and Path(fresh.session.run(0).dataset) == csv.resolve()
    errors: list[str] = []
    monkeypatch.setattr(fresh, "show_error", lambda title, text: errors.append(text))
    before = state(fresh)
    assert not fresh.open_session(str(elsewhere))
    assert "outside" in errors[0] and state(fresh) == before
