"""The bad-input corpus (tests/data/bad/cases.toml) through ``gdstudio run``, and the
runner's answers to signals, full disks and crashes."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from gdstudio import cli
from gdstudio.cli import run_main

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))["case"]
SENTINEL = "an existing file that a failed run must not touch\n"


def _argv(case: dict, out: Path) -> list[str]:
    return [a.replace("FILE", str(BAD)).replace("OUT", str(out)) for a in case["args"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_corpus(case, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    argv = _argv(case, out)
    existing = out / "existing.csv"
    if "--csv" not in argv and "--png" not in argv:
        existing.write_text(SENTINEL, encoding="utf-8")
        argv += ["--csv", str(existing)]
    code = run_main(argv)
    stdout, stderr = capsys.readouterr()
    assert code == case["exit"], stderr
    assert case["message"] in stdout + stderr, stdout + stderr
    for text in case.get("forbid", []):
        assert text not in stdout + stderr
    assert "Traceback" not in stderr
    if case["exit"] == 0:
        return
    left = sorted(p.name for p in out.iterdir())
    if existing.exists():
        assert existing.read_text(encoding="utf-8") == SENTINEL or case["exit"] == 1
        left.remove("existing.csv")
    assert left == [], "a failed run created files"


def test_the_corpus_covers_every_file():
    used = {a.split("FILE/")[1] for c in CASES for a in c["args"] if "FILE/" in a}
    files = {p.name for p in BAD.iterdir() if p.name != "cases.toml"}
    assert files <= used, files - used
    assert len(CASES) >= 50


def test_a_big_scenario_file_is_refused_by_name(tmp_path, capsys):
    path = tmp_path / "big.toml"
    path.write_text("[optimizer]\n" + "".join(f"k{i} = {i}\n" for i in range(120_000)))
    assert path.stat().st_size > 1_000_000
    start = time.perf_counter()
    code = run_main([str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "at most 1 MB" in err
    assert time.perf_counter() - start < 2


def test_many_keys_validate_in_linear_time(tmp_path, capsys):
    path = tmp_path / "keys.toml"
    path.write_text("[optimizer]\nname = \"adam\"\n"
                    + "".join(f"k{i} = {i}\n" for i in range(50_000)))
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    code = run_main([str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "optimizer.k0" in err
    assert time.perf_counter() - start < 2


def test_scenario_dataset_is_relative_to_the_scenario_file(tmp_path, monkeypatch, capsys):
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "data.csv").write_text("x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
    (lesson / "s.toml").write_text('[problem]\ndataset = "data.csv"\nx = ["x"]\ny = "y"\n')
    monkeypatch.chdir(tmp_path)  # not the scenario's folder
    code = run_main([str(lesson / "s.toml"), "--steps", "5"])
    out, err = capsys.readouterr()
    assert code == 0, err and "data data: finished" in out
    # the user's own --dataset on the command line is not restricted
    (tmp_path / "mine.csv").write_text("x,y\n1,2\n2,4.1\n3,5.9\n")
    code = run_main([str(lesson / "s.toml"), "--dataset", "mine.csv", "--x", "x", "--y", "y",
                     "--steps", "5"])
    assert code == 0, capsys.readouterr().err


def test_full_disk_leaves_the_old_file(tmp_path, monkeypatch, capsys):
    target = tmp_path / "run.csv"
    target.write_text(SENTINEL)
    real = cli._AtomicFile.write
    calls = []

    def failing(self, text):
        calls.append(1)
        if len(calls) > 2:
            assert self.file is not None
            self.file.close()
            self.file = None
            os.unlink(self.tmp)
            raise cli._OutputError(f"{self.flag}: cannot write {self.path}: "
                                   "No space left on device")
        real(self, text)

    monkeypatch.setattr(cli._AtomicFile, "write", failing)
    code = run_main(["--steps", "20000", "--csv", str(target)])
    err = capsys.readouterr().err
    assert code == 3 and "No space left on device" in err
    assert target.read_text() == SENTINEL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.csv"]


def test_enospc_from_the_file_becomes_exit_3(tmp_path, monkeypatch, capsys):
    target = tmp_path / "run.csv"

    class Full:
        def write(self, text):
            raise OSError(28, "No space left on device")

        def close(self):
            pass

    real_init = cli._AtomicFile.__init__

    def init(self, path, flag):
        real_init(self, path, flag)
        self.file.close()
        self.file = Full()

    monkeypatch.setattr(cli._AtomicFile, "__init__", init)
    code = run_main(["--steps", "10", "--csv", str(target)])
    err = capsys.readouterr().err
    assert code == 3 and "No space left on device" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_internal_error_prints_one_line_and_a_report(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "_execute", boom)
    code = run_main(["--steps", "5"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL == 4
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "internal error: RuntimeError: simulated bug — full report written to" in err
    report = Path(err.rsplit("written to ", 1)[1].strip())
    assert "Traceback" in report.read_text() and "simulated bug" in report.read_text()
    report.unlink()


def test_jpeg_is_a_real_jpeg(tmp_path, capsys):
    path = tmp_path / "pic.jpg"
    assert run_main(["--steps", "20", "--png", str(path)]) == 0
    assert path.read_bytes()[:3] == b"\xff\xd8\xff"


def test_streamed_csv_matches_the_history(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "CHUNK", 7)  # many chunks
    path = tmp_path / "run.csv"
    assert run_main(["--steps", "50", "--csv", str(path)]) == 0
    lines = path.read_text().splitlines()
    assert len(lines) == 52 and [int(line.split(",")[0]) for line in lines[1:]] == list(range(51))


def test_none_max_steps_with_a_criterion_runs_to_it(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text('[problem]\nsurface = "booth"\n[optimizer]\nlearning_rate = 0.05\n'
                    '[stopping]\nmax_steps = "none"\ngrad_tol = 1e-6\n')
    assert run_main([str(path)]) == 0
    assert "converged" in capsys.readouterr().out


def _long_run(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    out = tmp_path / "long.csv"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gdstudio", "run", "--surface", "rosenbrock", "--optimizer",
         "adam", "--lr", "0.001", "--steps", "10000000", "--csv", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the first chunk's rows
        tmp = [p for p in tmp_path.iterdir() if p.name.startswith(".long.csv.")]
        if tmp and tmp[0].stat().st_size > 10_000:
            return proc, out
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the run wrote no rows within 60 s")


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_cleanly(tmp_path, sig, code):
    proc, out = _long_run(tmp_path)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and "stopped by" in stderr
    with open(out, newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    n_columns = len(lines[0])
    assert lines[0] == ["step", "epoch", "loss", "lr", "grad_norm", "x", "y", "grad_x", "grad_y"]
    assert len(lines) > 2 and all(len(line) == n_columns for line in lines)
    steps = [int(line[0]) for line in lines[1:]]
    assert steps == list(range(len(steps)))
    assert [p.name for p in tmp_path.iterdir()] == ["long.csv"]  # no temporary left


def test_parameter_names_with_commas_are_quoted_in_the_header(tmp_path, capsys):
    path = tmp_path / "mlp.csv"
    assert run_main(["--dataset", "moons", "--model", "mlp", "--loss", "logloss", "--hidden",
                     "3", "--steps", "4", "--csv", str(path)]) == 0
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][5] == "W1[0,0]" and len(rows[0]) == 5 + 2 * 13
    assert all(len(row) == len(rows[0]) for row in rows) and len(rows) == 6
    assert "… (13 parameters" in capsys.readouterr().out  # the summary shortens θ


def test_the_suggested_learning_rate_works(capsys):
    argv = ["--dataset", "linear", "--model", "polynomial", "--degree", "12", "--steps", "50"]
    assert run_main([*argv, "--lr", "0.5"]) == 1
    err = capsys.readouterr().err
    assert "the loss went from 2.767 at step 0 to 8.4·10⁷ at step 1" in err
    suggested = err.split("such as --lr ")[1].split(" ")[0]
    assert float(suggested) < 0.05  # η/10 would still diverge here
    assert run_main([*argv, "--lr", suggested]) == 0


@pytest.mark.parametrize(("lr", "then"), [
    ("1e30", "reached 5.8·10¹³⁰ at step 1, beyond the divergence limit"),
    ("1e200", "became infinite at step 1"),
])
def test_divergence_states_what_the_loss_did(lr, then, capsys):
    assert run_main(["--surface", "rosenbrock", "--lr", lr, "--steps", "10"]) == 1
    err = capsys.readouterr().err
    assert "the loss was 12.5 at step 0 and then " + then in err
    assert "--lr 0.001 (a trial run of 50 steps with it did not diverge)" in err
    if "reached" in then:
        assert "infinite" not in err  # "infinite" only when it was
