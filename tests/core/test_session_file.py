"""Session files: the format round-trips bit for bit, replays reproduce it, and damaged or
hostile files are refused with one line (core only, no Qt)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core.lessons import Lesson
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.session import Session
from gdstudio.core.session_file import (
    MAX_ARRAY_BYTES,
    Difference,
    ReplayDifference,
    RunHistory,
    SessionFileError,
    SessionSnapshot,
    first_difference,
    read_session,
    write_session,
)
from gdstudio.core.trainer import Trainer

ROSENBROCK = Scenario(kind="surface", surface="rosenbrock", optimizer="gd",
                      learning_rate=0.001, max_steps=5000)


def _snapshot(steps=(300, 120), scenario: Scenario = ROSENBROCK) -> tuple[Session, SessionSnapshot]:
    session = Session(scenario)
    session.add_run(optimizer="momentum", learning_rate=0.0005, init=[-1.0, 1.5])
    trainers = session.make_trainers()
    for trainer, n in zip(trainers, steps):
        trainer.run(n)
    lesson = Lesson(name="", title={"en": session.display_title}, summary={"en": "s"},
                    scenario=session.scenario, pages=())
    return session, SessionSnapshot(lesson, tuple(RunHistory.from_trainer(t) for t in trainers),
                                    focus=1)


def _write(tmp_path: Path, snapshot: SessionSnapshot, name: str = "s.gdsession") -> Path:
    path = tmp_path / name
    write_session(snapshot, path, saved_as=path)
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rewrite(path: Path, members: dict[str, bytes]) -> Path:
    out = path.with_name("bad.gdsession")
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def _npy(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def test_round_trip_is_bit_for_bit(tmp_path):
    session, snapshot = _snapshot()
    path = _write(tmp_path, snapshot)
    back = read_session(path)
    assert back.lesson.scenario == session.scenario
    assert back.focus == 1 and back.page is None and len(back.runs) == 2
    for saved, read in zip(snapshot.runs, back.runs):
        assert read.steps == saved.steps and read.status == saved.status
        for name in ("loss", "grad_norm", "theta_steps", "theta", "theta_now"):
            a, b = getattr(saved, name), getattr(read, name)
            assert a.dtype == b.dtype and a.shape == b.shape
            assert a.tobytes() == b.tobytes()
        assert first_difference(saved, read) is None
    assert [r.steps for r in back.runs] == [300, 120]
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["format"] == "gdstudio-session" and manifest["version"] == 1
    assert [r["steps"] for r in manifest["runs"]] == [300, 120]


def test_replaying_the_saved_scenario_reproduces_the_histories(tmp_path):
    _, snapshot = _snapshot()
    back = read_session(_write(tmp_path, snapshot))
    session = Session()
    session.open(back.lesson.scenario, check=back.check)
    for k, saved in enumerate(back.runs):
        trainer = session.make_trainer(k)
        trainer.run(saved.steps)
        assert first_difference(saved, RunHistory.from_trainer(trainer)) is None


def test_first_difference_names_the_step(tmp_path):
    _, snapshot = _snapshot()
    saved = snapshot.runs[0]
    loss = saved.loss.copy()
    loss[17] = np.nextafter(loss[17], np.inf)  # one bit
    changed = RunHistory(saved.status, loss, saved.grad_norm, None, saved.theta_steps,
                         saved.theta, saved.theta_now)
    assert first_difference(saved, changed) == ReplayDifference(Difference.LOSS, 17)
    theta = saved.theta.copy()
    theta[40, 1] += 1e-12
    moved = RunHistory(saved.status, saved.loss, saved.grad_norm, None, saved.theta_steps,
                       theta, saved.theta_now)
    d = first_difference(saved, moved)
    assert d.what == Difference.THETA and d.step == 40
    short = RunHistory(saved.status, saved.loss[:11], saved.grad_norm[:11], None,
                       saved.theta_steps[:11], saved.theta[:11], saved.theta[10])
    d = first_difference(saved, short)
    assert d.what == Difference.STEPS and d.step == 10


def test_a_long_thinned_path_round_trips_and_compares_on_common_steps(tmp_path):
    session = Session(ROSENBROCK.replace(max_steps=None))
    sc = session.run(0)
    trainer = Trainer(session.setup.problem, sc.make_optimizer(), sc.make_schedule(),
                      history_budget_bytes=20_000, recent_rows=100)  # the θ path is thinned
    trainer.run(3000)
    saved = RunHistory.from_trainer(trainer)
    assert len(saved.theta_steps) < 3001
    lesson = Lesson(name="", title={"en": "t"}, summary={"en": "s"},
                    scenario=session.scenario, pages=())
    back = read_session(_write(tmp_path, SessionSnapshot(lesson, (saved,))))
    replay = session.setup.make_trainer(session.run(0))  # unthinned: every θ
    replay.run(3000)
    assert first_difference(back.runs[0], RunHistory.from_trainer(replay)) is None


def test_check_refuses_histories_of_another_problem(tmp_path):
    _, snapshot = _snapshot()
    back = read_session(_write(tmp_path, snapshot))
    other = prepare(Scenario(kind="data", dataset="penguins", model="polynomial", degree=3))
    with pytest.raises(SessionFileError) as info:
        back.check(other)
    assert info.value.key == "runs[0].theta" and "parameters" in str(info.value)


def _refused(path: Path, key_start: str) -> str:
    with pytest.raises(SessionFileError) as info:
        read_session(path)
    message = str(info.value)
    assert info.value.key.startswith(key_start), (info.value.key, message)
    assert "\n" not in message and message
    return message


def test_files_that_are_not_sessions(tmp_path):
    text = tmp_path / "scenario.gdsession"
    text.write_text(ROSENBROCK.to_toml(), encoding="utf-8")
    assert "not a GD Studio session file" in _refused(text, "file")
    assert "cannot read" in _refused(tmp_path / "missing.gdsession", "file")
    assert "not a regular file" in _refused(tmp_path, "file")
    _, snapshot = _snapshot()
    good = _write(tmp_path, snapshot)
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        truncated = tmp_path / f"cut{cut}.gdsession"
        truncated.write_bytes(data[:cut])
        _refused(truncated, "")


def test_manifest_problems(tmp_path):
    _, snapshot = _snapshot()
    good = _write(tmp_path, snapshot)
    members = _members(good)
    manifest = json.loads(members["manifest.json"])

    def with_manifest(**changes) -> Path:
        return _rewrite(good, {**members, "manifest.json": json.dumps({**manifest, **changes})
                               .encode()})

    assert "newer GD Studio" in _refused(with_manifest(version=2), "manifest.version")
    _refused(with_manifest(version="1"), "manifest.version")
    _refused(with_manifest(format="something-else"), "manifest.format")
    _refused(with_manifest(focus=5), "manifest.focus")
    _refused(with_manifest(focus=-1), "manifest.focus")
    _refused(with_manifest(runs=[]), "manifest.runs")
    _refused(with_manifest(runs=manifest["runs"][:1]), "manifest.runs")
    _refused(with_manifest(runs=[{"steps": 3}, manifest["runs"][1]]), "manifest.runs[0]")
    _refused(with_manifest(runs=[{**manifest["runs"][0], "status": ["x"]},
                                 manifest["runs"][1]]), "manifest.runs[0]")
    _refused(with_manifest(runs=[{**manifest["runs"][0], "steps": 10**15},
                                 manifest["runs"][1]]), "runs[0]")
    _refused(_rewrite(good, {**members, "manifest.json": b"{not json"}), "manifest")
    _refused(_rewrite(good, {k: v for k, v in members.items() if k != "manifest.json"}),
             "manifest")
    _refused(_rewrite(good, {k: v for k, v in members.items() if k != "scenario.toml"}),
             "scenario")
    _refused(_rewrite(good, {**members, "scenario.toml": b'[optimizer]\nname = "sgdd"\n'}),
             "scenario")


def test_array_problems(tmp_path):
    _, snapshot = _snapshot()
    good = _write(tmp_path, snapshot)
    members = _members(good)
    n = snapshot.runs[0].steps + 1

    def with_member(name: str, data: bytes | None) -> Path:
        changed = dict(members)
        if data is None:
            del changed[name]
        else:
            changed[name] = data
        return _rewrite(good, changed)

    _refused(with_member("runs/0/loss.npy", None), "runs[0].loss")
    _refused(with_member("runs/0/loss.npy", _npy(np.zeros(n - 1))), "runs[0].loss")
    _refused(with_member("runs/0/loss.npy", _npy(np.zeros(n, np.float32))), "runs[0].loss")
    _refused(with_member("runs/0/loss.npy", _npy(np.zeros((n, 1)))), "runs[0].loss")
    _refused(with_member("runs/0/loss.npy", b"not an array at all"), "runs[0].loss")
    _refused(with_member("runs/1/theta.npy", _npy(np.zeros((3, 3)))), "runs[1].theta")
    _refused(with_member("runs/0/theta_now.npy", _npy(np.zeros(3))), "runs[0].theta")
    # a pickle: an object array is never loaded
    pickled = _npy(np.array([{"evil": 1}] * n, dtype=object), allow_pickle=True)
    assert "expected" in _refused(with_member("runs/0/loss.npy", pickled), "runs[0].loss")
    # values that cannot be a history
    bad_loss = snapshot.runs[0].loss.copy()
    bad_loss[3] = np.nan
    _refused(with_member("runs/0/loss.npy", _npy(bad_loss)), "runs[0].loss")
    steps = snapshot.runs[0].theta_steps.copy()
    steps[[1, 2]] = steps[[2, 1]]
    _refused(with_member("runs/0/theta_steps.npy", _npy(steps)), "runs[0].theta_steps")
    # a header (and manifest) claiming a huge array: refused from the header alone
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False,
                                                  "shape": (10**10,)})
    manifest = json.loads(members["manifest.json"])
    manifest["runs"][0]["steps"] = 10**10 - 1
    huge = _rewrite(good, {**members, "manifest.json": json.dumps(manifest).encode(),
                           "runs/0/loss.npy": header.getvalue() + b"\0" * 64})
    assert "too large" in _refused(huge, "runs[0].loss")
    # a member shorter than its header says
    _refused(with_member("runs/0/loss.npy", _npy(np.zeros(n))[:-8]), "runs[0].loss")


def test_a_member_that_unpacks_to_more_than_the_limit_is_refused_unread(tmp_path):
    _, snapshot = _snapshot()
    good = _write(tmp_path, snapshot)
    members = _members(good)
    bomb = tmp_path / "bomb.gdsession"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            if name != "manifest.json":
                z.writestr(name, data)
        z.writestr("manifest.json", b" " * (2_000_000))  # 2 MB of blanks, a few kB packed
    assert bomb.stat().st_size < 100_000
    assert "too large" in _refused(bomb, "manifest")
    assert MAX_ARRAY_BYTES == 1 << 30


def test_write_refuses_an_inconsistent_snapshot(tmp_path):
    _, snapshot = _snapshot()
    broken = SessionSnapshot(snapshot.lesson, snapshot.runs[:1], focus=0)
    with pytest.raises(SessionFileError):
        write_session(broken, tmp_path / "x.gdsession", saved_as=tmp_path / "x.gdsession")
    assert not (tmp_path / "x.gdsession").exists()


def test_a_csv_beside_the_file_is_named_relative_to_it(tmp_path):
    csv = tmp_path / "data.csv"
    csv.write_text("x,y\n" + "\n".join(f"{i},{2 * i + 1}" for i in range(12)) + "\n",
                   encoding="utf-8")
    scenario = Scenario(kind="data", dataset=str(csv), x=["x"], y="y", model="linear",
                        learning_rate=0.05)
    session = Session(scenario)
    trainer = session.make_trainer(0)
    trainer.run(25)
    lesson = Lesson(name="", title={"en": "t"}, summary={"en": "s"},
                    scenario=session.scenario, pages=())
    path = _write(tmp_path, SessionSnapshot(lesson, (RunHistory.from_trainer(trainer),)))
    assert b'dataset = "data.csv"' in _members(path)["scenario.toml"]
    back = read_session(path)
    assert Path(back.lesson.scenario.dataset) == csv.resolve()
