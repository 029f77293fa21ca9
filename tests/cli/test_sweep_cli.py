"""`gdstudio sweep`: CSV, JSON and PNG outputs, exit statuses, atomic files."""

from __future__ import annotations

import csv
import json

import pytest

from gdstudio.app import main
from gdstudio.core.scenario import Scenario, prepare


def test_csv_rows_agree_with_single_runs(tmp_path, capsys):
    out = tmp_path / "sweep.csv"
    code = main(["sweep", "--surface", "quadratic", "--lr-min", "0.001", "--lr-max", "1",
                 "--num", "7", "--steps", "200", "--csv", str(out)])
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["lr", "status", "steps", "final_loss"]
    assert len(rows) == 7 and rows[0]["lr"] == "0.001" and rows[-1]["lr"] == "1.0"
    assert {r["status"] for r in rows} == {"finished", "diverged"}
    setup = prepare(Scenario(kind="surface", surface="quadratic"))
    for row in rows:
        trainer = setup.make_trainer(setup.scenario.replace(
            learning_rate=float(row["lr"]), max_steps=200))
        trainer.run_to_stop()
        assert row["status"] == trainer.status and int(row["steps"]) == trainer.step_count
        assert float(row["final_loss"]) == pytest.approx(float(trainer.history.row(-1)[2]),
                                                         rel=1e-12)
    summary = capsys.readouterr().out
    assert "7 learning rates" in summary and "2/λ_max = 0.2" in summary


def test_json_for_a_data_problem(capsys):
    code = main(["sweep", "--dataset", "penguins", "--optimizer", "momentum", "--num", "5",
                 "--lr-min", "1e-3", "--lr-max", "3", "--steps", "100", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["runs"]) == 5 and result["optimizer"] == "momentum"
    assert result["stability_limit"] == pytest.approx(1.0)
    assert result["runs"][-1]["status"] == "diverged"
    assert result["best_lr"] in [r["lr"] for r in result["runs"]]


def test_a_lesson_file_and_an_mlp(capsys):
    assert main(["sweep", "mlp_circles", "--num", "3", "--steps", "20", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["steps"] for r in result["runs"]] == [20, 20, 20]


def test_png(tmp_path, capsys):
    out = tmp_path / "sweep.png"
    assert main(["sweep", "--surface", "rosenbrock", "--optimizer", "adam", "--num", "6",
                 "--steps", "100", "--png", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.png"]


@pytest.mark.parametrize("argv, code", [
    (["--lr", "0.1"], 2),
    (["--lr-min", "1", "--lr-max", "0.1"], 2),
    (["--num", "0"], 2),
    (["--num", "5000"], 2),
    (["--lr-min", "-1"], 2),
    (["--lr-min", "nan"], 2),
    (["--surface", "nope"], 2),
    (["--png", "x.gif"], 2),
    (["--csv", "/nonexistent-folder/x.csv"], 3),
    (["--lr-min", "3", "--lr-max", "5", "--num", "3", "--surface", "quadratic"], 1),
])
def test_exit_statuses(argv, code, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["sweep", "--steps", "50", *argv]) == code
    assert capsys.readouterr().err.startswith("gdstudio sweep:")


def test_bad_input_leaves_an_existing_csv_alone(tmp_path, capsys):
    out = tmp_path / "keep.csv"
    out.write_text("old", encoding="utf-8")
    assert main(["sweep", "--lr-min", "2", "--lr-max", "1", "--csv", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_help(capsys):
    assert main(["sweep", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--lr-min" in out and "--num" in out and "gdstudio sweep" in out


def _readme_sweeps() -> list[str]:
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[2] / "README.md"
    blocks = re.findall(r"```sh\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("gdstudio sweep")]


def test_the_readme_has_sweep_examples():
    assert len(_readme_sweeps()) >= 3


@pytest.mark.parametrize("line", _readme_sweeps())
def test_readme_sweep_example_runs(line, tmp_path, monkeypatch, capsys):
    import shlex

    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(line)[1:]) == 0, capsys.readouterr().err


def test_sigint_writes_nothing(tmp_path, monkeypatch, capsys):
    import signal

    import gdstudio.core.sweep as sweep_module

    out = tmp_path / "s.csv"
    real = sweep_module.sweep_learning_rates

    def interrupted(*args, **kwargs):
        kwargs["should_stop"] = lambda: True
        signal.raise_signal(signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr("gdstudio.cli_sweep.sweep_learning_rates", interrupted)
    assert main(["sweep", "--surface", "booth", "--steps", "1000", "--csv", str(out)]) == 130
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert "SIGINT" in capsys.readouterr().err
