"""``gdstudio run``: the headless runner's contract (CSV, JSON, summary, exit codes).

Most tests call :func:`gdstudio.cli.run_main` in-process; two run the real entry points
(``python -m gdstudio`` and the ``gdstudio`` console script) in a subprocess.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdstudio.cli import run_main
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.surfaces import get_surface

BASE_COLUMNS = ["step", "epoch", "loss", "lr", "grad_norm"]


# -- helpers ------------------------------------------------------------------------
def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = run_main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def numeric(rows: list[list[str]]) -> np.ndarray:
    return np.array([[float(v) for v in row] for row in rows])


def write_csv_file(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def regression_csv(tmp_path: Path) -> tuple[Path, np.ndarray, np.ndarray]:
    """A CSV with two numeric features, a text column and a noisy linear target."""
    rng = np.random.default_rng(7)
    X = rng.uniform(-1, 1, size=(40, 2))
    y = 3.0 * X[:, 0] - 2.0 * X[:, 1] + 0.5 + 0.1 * rng.standard_normal(40)
    names = ["alpha", "beta", "gamma", "epsilon"]
    rows = [[repr(float(a)), repr(float(b)), names[i % 4], repr(float(t))]
            for i, ((a, b), t) in enumerate(zip(X, y))]
    path = write_csv_file(tmp_path / "data.csv", ["x1", "x2", "name", "target"], rows)
    return path, X, y


@pytest.fixture
def classification_csv(tmp_path: Path) -> Path:
    """One numeric feature and a 0/1 label that overlap (not separable)."""
    rng = np.random.default_rng(3)
    x = np.r_[rng.normal(-1, 1, 30), rng.normal(1, 1, 30)]
    label = np.r_[np.zeros(30, int), np.ones(30, int)]
    return write_csv_file(tmp_path / "cls.csv", ["size", "label"],
                          [[repr(float(a)), b] for a, b in zip(x, label)])


# -- CSV ----------------------------------------------------------------------------
def test_csv_plain_gd_on_a_surface_follows_the_update_rule(tmp_path, capsys):
    out = tmp_path / "run.csv"
    lr = 0.001
    code, stdout, err = run(capsys, "--surface", "rosenbrock", "--optimizer", "gd",
                            "--lr", lr, "--steps", 25, "--csv", out)
    assert code == 0, err
    assert "finished after 25 steps" in stdout and str(out) in stdout  # summary too
    header, rows = read_csv(out)
    assert header == [*BASE_COLUMNS, "x", "y", "grad_x", "grad_y"]
    assert len(rows) == 25 + 1
    table = numeric(rows)
    surface = get_surface("rosenbrock")
    np.testing.assert_array_equal(table[:, 0], np.arange(26))
    np.testing.assert_array_equal(table[:, 1], np.arange(26))  # one step = one epoch
    np.testing.assert_array_equal(table[:, 3], lr)
    # step 0 is the start point, before any update
    assert tuple(table[0, 5:7]) == surface.start
    for k in range(26):
        x, y = table[k, 5:7]
        gx, gy = surface.gradient(x, y)
        assert tuple(table[k, 7:9]) == (gx, gy)
        assert table[k, 2] == pytest.approx(surface.value(x, y), rel=1e-14)
        assert table[k, 4] == pytest.approx(math.hypot(gx, gy), rel=1e-14)
        if k < 25:  # row k+1 = row k − η ∇L(row k)
            assert table[k + 1, 5] == pytest.approx(x - lr * gx, rel=1e-14, abs=1e-300)
            assert table[k + 1, 6] == pytest.approx(y - lr * gy, rel=1e-14, abs=1e-300)


def test_csv_numbers_by_hand_on_the_quadratic(tmp_path, capsys):
    # f = ½(x² + 10 y²), ∇f = (x, 10 y), start (−9, 3), η = 0.1:
    # θ1 = (−9 + 0.9, 3 − 3) = (−8.1, 0), θ2 = (−7.29, 0)
    out = tmp_path / "q.csv"
    assert run(capsys, "--surface", "quadratic", "--lr", "0.1", "--steps", "2",
               "--csv", out)[0] == 0
    header, rows = read_csv(out)
    table = numeric(rows)
    assert header[5:] == ["x", "y", "grad_x", "grad_y"]
    np.testing.assert_allclose(table[:, 5:7], [[-9, 3], [-8.1, 0], [-7.29, 0]], rtol=1e-15)
    # ∇f = (x, 10 y): the gradient the update after each row used
    np.testing.assert_allclose(table[:, 7:9], [[-9, 30], [-8.1, 0], [-7.29, 0]], rtol=1e-15)
    np.testing.assert_allclose(table[:, 2], [85.5, 0.5 * 8.1**2, 0.5 * 7.29**2], rtol=1e-15)
    np.testing.assert_allclose(table[:, 4], [math.hypot(9, 30), 8.1, 7.29], rtol=1e-15)


def test_csv_floats_round_trip_exactly(tmp_path, capsys):
    out = tmp_path / "rt.csv"
    argv = ["--surface", "beale", "--optimizer", "adam", "--lr", "0.01", "--steps", "40"]
    assert run(capsys, *argv, "--csv", out)[0] == 0
    header, rows = read_csv(out)
    # the same run in-process: every number of the CSV reads back bit for bit
    trainer = prepare(Scenario(surface="beale", optimizer="adam", learning_rate=0.01,
                               max_steps=40)).make_trainer()
    trainer.run_to_stop()
    table = trainer.table()
    for k, row in enumerate(rows):
        assert int(row[0]) == k and int(row[1]) == table["epoch"][k]
        assert float(row[2]) == table["loss"][k]
        assert float(row[3]) == table["lr"][k]
        assert float(row[4]) == table["grad_norm"][k]
        assert [float(v) for v in row[5:7]] == table["theta"][k].tolist()
        for text in row[2:]:  # shortest representation that round-trips
            assert text == repr(float(text))


def test_csv_one_feature_linear_regression_has_w_b_columns(tmp_path, capsys):
    out = tmp_path / "lin.csv"
    code, _, err = run(capsys, "--dataset", "linear", "--model", "linear", "--steps", "5",
                       "--lr", "0.1", "--csv", out)
    assert code == 0, err
    header, rows = read_csv(out)
    assert header == [*BASE_COLUMNS, "w", "b", "grad_w", "grad_b"]
    assert len(rows) == 6
    table = numeric(rows)
    problem = prepare(Scenario(kind="data", dataset="linear")).problem
    for row in table:  # loss is the full training-set loss at that θ
        assert row[2] == pytest.approx(problem.loss(row[5:7]), rel=1e-12)
        assert row[4] == pytest.approx(np.linalg.norm(problem.loss_and_grad(row[5:7])[1]),
                                       rel=1e-12)


def test_csv_one_feature_logistic_regression_has_w_b_columns(tmp_path, capsys,
                                                              classification_csv):
    out = tmp_path / "log.csv"
    code, _, err = run(capsys, "--dataset", classification_csv, "--x", "size", "--y", "label",
                       "--model", "logistic", "--loss", "logloss", "--init", "0,0",
                       "--lr", "0.5", "--steps", "30", "--csv", out)
    assert code == 0, err
    header, rows = read_csv(out)
    assert header == [*BASE_COLUMNS, "w", "b", "grad_w", "grad_b"]
    table = numeric(rows)
    assert len(table) == 31
    assert table[0, 2] == pytest.approx(math.log(2), rel=1e-14)  # θ = 0: p = ½ everywhere
    assert table[-1, 2] < table[0, 2]
    assert table[-1, 5] > 0  # larger size → class 1


def test_csv_multi_feature_names(tmp_path, capsys, regression_csv):
    path, _, _ = regression_csv
    out = tmp_path / "m.csv"
    assert run(capsys, "--dataset", path, "--x", "x1,x2", "--y", "target", "--steps", "2",
               "--csv", out)[0] == 0
    assert read_csv(out)[0] == [*BASE_COLUMNS, "w1", "w2", "b", "grad_w1", "grad_w2",
                                 "grad_b"]


def test_steps_zero_writes_only_the_start_row(tmp_path, capsys):
    out = tmp_path / "zero.csv"
    code, _, err = run(capsys, "--surface", "himmelblau", "--steps", "0", "--csv", out)
    assert code == 0, err
    _, rows = read_csv(out)
    assert len(rows) == 1
    assert [float(v) for v in rows[0][5:7]] == list(get_surface("himmelblau").start)


def test_sgd_batch_size_one(tmp_path, capsys):
    out = tmp_path / "sgd.csv"
    n, lr = 20, 0.05
    code, _, err = run(capsys, "--dataset", "linear", "--n-samples", n, "--batch-size", "1",
                       "--lr", lr, "--steps", 45, "--seed", "3", "--csv", out)
    assert code == 0, err
    table = numeric(read_csv(out)[1])
    assert len(table) == 46
    np.testing.assert_array_equal(table[:, 1], np.arange(46) // n)  # epochs of n steps
    setup = prepare(Scenario(kind="data", dataset="linear", n_samples=n, seed=3))
    problem = setup.problem
    theta0 = table[0, 5:7]
    # loss is still the full training loss; the update uses one example's gradient
    assert table[0, 2] == pytest.approx(problem.loss(theta0), rel=1e-12)
    first_row = np.random.default_rng([3, 0]).permutation(n)[:1]
    g = problem.batch_grad(theta0, first_row)
    assert table[0, 4] == pytest.approx(np.linalg.norm(g), rel=1e-12)
    np.testing.assert_allclose(table[1, 5:7], theta0 - lr * g, rtol=1e-13)
    full = np.linalg.norm(problem.loss_and_grad(theta0)[1])
    assert table[0, 4] != pytest.approx(full, rel=1e-6)


def test_batch_size_full_is_batch_gd(tmp_path, capsys):
    paths = {}
    for label, extra in (("default", []), ("full", ["--batch-size", "full"]),
                         ("huge", ["--batch-size", "100000"])):
        paths[label] = tmp_path / f"{label}.csv"
        assert run(capsys, "--dataset", "linear", "--steps", "10", "--lr", "0.1", *extra,
                   "--csv", paths[label])[0] == 0
    texts = {k: p.read_text() for k, p in paths.items()}
    assert texts["full"] == texts["default"] == texts["huge"]
    table = numeric(read_csv(paths["full"])[1])
    np.testing.assert_array_equal(table[:, 1], np.arange(11))  # every step an epoch


def test_minibatch_epochs(tmp_path, capsys):
    out = tmp_path / "mb.csv"
    assert run(capsys, "--dataset", "linear", "--n-samples", "50", "--batch-size", "16",
               "--steps", "12", "--csv", out)[0] == 0
    table = numeric(read_csv(out)[1])
    np.testing.assert_array_equal(table[:, 1], np.arange(13) // 4)  # ⌈50/16⌉ = 4 batches


@pytest.mark.parametrize(("argv", "expected"), [
    (["--schedule", "step", "--step-size", "2", "--gamma", "0.5"],
     [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]),
    (["--schedule", "exponential", "--gamma", "0.9"], [0.1 * 0.9**k for k in range(7)]),
    (["--schedule", "cosine", "--t-max", "4", "--eta-min", "0.02"],
     [0.02 + 0.08 * (1 + math.cos(math.pi * min(k, 4) / 4)) / 2 for k in range(7)]),
    (["--schedule", "warmup", "--warmup-steps", "3", "--start-factor", "0.25"],
     [0.1 * (0.25 + 0.75 * min(k, 3) / 3) for k in range(7)]),
    (["--schedule", "inverse_time", "--decay-rate", "0.5", "--decay-steps", "2"],
     [0.1 / (1 + 0.5 * k / 2) for k in range(7)]),
])
def test_schedule_with_parameters(tmp_path, capsys, argv, expected):
    out = tmp_path / "s.csv"
    code, _, err = run(capsys, "--surface", "quadratic", "--lr", "0.1", "--steps", "6", *argv,
                       "--csv", out)
    assert code == 0, err
    table = numeric(read_csv(out)[1])
    np.testing.assert_allclose(table[:, 3], expected, rtol=1e-14)
    # each update uses its row's learning rate: x ← x − η_k x on ½(x² + 10y²)
    np.testing.assert_allclose(table[1:, 5], table[:-1, 5] * (1 - table[:-1, 3]), rtol=1e-14)


def test_test_fraction_adds_the_test_loss(tmp_path, capsys):
    out = tmp_path / "t.csv"
    argv = ["--dataset", "linear", "--n-samples", "40", "--test-fraction", "0.25",
            "--steps", "8", "--lr", "0.1"]
    code, _, err = run(capsys, *argv, "--csv", out)
    assert code == 0, err
    header, rows = read_csv(out)
    assert header == [*BASE_COLUMNS, "w", "b", "grad_w", "grad_b", "test_loss"]
    table = numeric(rows)
    setup = prepare(Scenario(kind="data", dataset="linear", n_samples=40, test_fraction=0.25))
    assert setup.problem.n_train == 30 and len(setup.test.y) == 10
    for row in table:
        theta = row[5:7]
        assert row[2] == pytest.approx(setup.problem.loss(theta), rel=1e-12)
        assert row[9] == pytest.approx(setup.problem.test_loss(theta), rel=1e-12)
    code, stdout, _ = run(capsys, *argv, "--json")
    assert code == 0
    result = json.loads(stdout)
    assert result["final_test_loss"] == pytest.approx(table[-1, 9], rel=1e-15)
    # without a split there is no test-loss column
    assert run(capsys, "--dataset", "linear", "--steps", "1", "--csv", out)[0] == 0
    assert "test_loss" not in read_csv(out)[0]


# -- JSON and the human summary -----------------------------------------------------
def test_json_keys_and_values(tmp_path, capsys):
    out = tmp_path / "j.csv"
    code, stdout, err = run(capsys, "--surface", "rosenbrock", "--optimizer", "momentum",
                            "--lr", "0.0005", "--momentum", "0.8", "--steps", "200",
                            "--json", "--csv", out)
    assert code == 0, err
    result = json.loads(stdout)  # exactly one JSON object on stdout
    assert stdout.strip().count("\n") == 0
    assert {"status", "steps", "final_loss", "theta", "elapsed_s",
            "steps_per_s"} <= set(result)
    assert result["status"] == "finished"
    assert result["steps"] == 200
    last = numeric(read_csv(out)[1])[-1]
    assert result["final_loss"] == last[2]
    assert result["theta"] == {"x": last[5], "y": last[6]}
    assert list(result["theta"]) == ["x", "y"]
    assert result["elapsed_s"] > 0
    assert result["steps_per_s"] == pytest.approx(200 / result["elapsed_s"], rel=1e-9)


def test_json_for_a_data_problem_names_the_parameters(capsys):
    code, stdout, _ = run(capsys, "--dataset", "linear", "--steps", "3", "--json")
    assert code == 0
    result = json.loads(stdout)
    assert list(result["theta"]) == ["w", "b"]
    assert math.isfinite(result["final_loss"])


def test_stopping_criterion_still_exits_zero(capsys):
    code, stdout, err = run(capsys, "--surface", "quadratic", "--lr", "0.1", "--steps", "5000",
                            "--grad-tol", "1e-3", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["status"] == "converged"
    assert 0 < result["steps"] < 5000
    x, y = result["theta"].values()
    assert math.hypot(x, 10 * y) < 1e-3


def test_human_summary(capsys):
    code, stdout, err = run(capsys, "--surface", "rosenbrock", "--optimizer", "adam",
                            "--lr", "0.01", "--steps", "50")
    assert code == 0, err
    assert err == ""
    assert "Adam" in stdout and "Rosenbrock" in stdout
    assert "finished" in stdout and "50 steps" in stdout
    assert "loss" in stdout and "x =" in stdout and "y =" in stdout
    assert len(stdout.splitlines()) <= 5
    with pytest.raises(json.JSONDecodeError):
        json.loads(stdout)


def test_human_summary_of_a_standardised_fit_gives_original_units(capsys):
    code, stdout, _ = run(capsys, "--dataset", "penguins", "--standardize", "--steps", "20",
                          "--lr", "0.1")
    assert code == 0
    assert "original units" in stdout and "w =" in stdout


def test_help_returns_zero(capsys):
    code, stdout, _ = run(capsys, "--help")
    assert code == 0
    for flag in ("--steps", "--csv", "--png", "--json", "--batch-size", "--schedule",
                 "--test-fraction", "--standardize"):
        assert flag in stdout


# -- divergence ---------------------------------------------------------------------
def test_diverged_run_writes_the_csv_up_to_the_divergence(tmp_path, capsys):
    out = tmp_path / "div.csv"
    code, stdout, err = run(capsys, "--surface", "quadratic", "--lr", "0.25", "--steps", "500",
                            "--csv", out)
    assert code == 1
    assert "diverged after" in stdout
    _, rows = read_csv(out)
    table = numeric(rows)
    k = len(rows)  # rows 0 … k−1 were recorded; update k blew up
    assert 3 < k < 500
    assert np.all(np.isfinite(table))
    np.testing.assert_array_equal(table[:, 0], np.arange(k))
    assert f"step {k}" in err
    assert "smaller" in err and "--lr" in err
    # the JSON report says the same
    code, stdout, _ = run(capsys, "--surface", "quadratic", "--lr", "0.25", "--steps", "500",
                          "--json")
    assert code == 1
    result = json.loads(stdout)
    assert result["status"] == "diverged"
    assert result["steps"] == k - 1
    assert result["final_loss"] == table[-1, 2]


def test_immediate_divergence_keeps_the_start_row(tmp_path, capsys):
    out = tmp_path / "div1.csv"
    code, _, err = run(capsys, "--surface", "rosenbrock", "--lr", "1", "--steps", "10",
                       "--csv", out)
    assert code == 1
    _, rows = read_csv(out)
    assert len(rows) == 1 and rows[0][0] == "0"
    assert "step 1" in err and "smaller" in err


# -- bad input ----------------------------------------------------------------------
BAD_INPUT = {
    "unknown optimizer": (["--optimizer", "sgdx"], ["sgdx", "adam", "momentum", "nesterov"]),
    "unknown surface": (["--surface", "banana"], ["banana", "rosenbrock", "himmelblau"]),
    "unknown model": (["--dataset", "linear", "--model", "svm"], ["svm", "polynomial", "mlp"]),
    "unknown loss": (["--dataset", "linear", "--loss", "l3"], ["l3", "mse", "huber"]),
    "unknown schedule": (["--schedule", "cyclic"], ["cyclic", "cosine", "exponential"]),
    "beta1 for gd": (["--optimizer", "gd", "--beta1", "0.9"], ["beta1", "weight_decay"]),
    "momentum for adam": (["--optimizer", "adam", "--momentum", "0.9"],
                          ["momentum", "beta1", "beta2"]),
    "rho for momentum": (["--optimizer", "momentum", "--rho", "0.9"], ["rho", "dampening"]),
    "beta1 out of range": (["--optimizer", "adam", "--beta1", "1.5"], ["beta1", "[0, 1)"]),
    "batch size 0": (["--batch-size", "0"], ["batch_size", "full", "whole number"]),
    "batch size text": (["--batch-size", "half"], ["batch_size", "full", "half"]),
    "batch size fraction": (["--batch-size", "2.5"], ["batch_size", "full", "2.5"]),
    "init too long": (["--surface", "rosenbrock", "--init", "1,2,3"], ["x, y", "2 value"]),
    "init too short": (["--dataset", "linear", "--init", "1"], ["w, b", "2 value"]),
    "init not numbers": (["--init", "a,b"], ["--init", "numbers"]),
    "learning rate zero": (["--lr", "0"], ["--lr", "> 0"]),
    "negative steps": (["--steps", "-3"], ["--steps", "[0, 10,000,000]"]),
    "schedule parameter without a schedule": (["--gamma", "0.5"],
                                              ["--schedule", "step", "cosine"]),
    "parameter of another schedule": (["--schedule", "step", "--t-max", "5"],
                                      ["t_max", "step_size, gamma"]),
    "test fraction": (["--dataset", "linear", "--test-fraction", "1.5"],
                      ["--test-fraction", "[0, 1)"]),
    "model for the wrong task": (["--dataset", "linear", "--model", "logistic"],
                                 ["logistic regression is a classifier", "numeric"]),
    "classification loss on regression data": (
        ["--dataset", "linear", "--model", "mlp", "--loss", "logloss"],
        ["regression", "classification"]),
    "newton without a hessian": (
        ["--dataset", "blobs", "--model", "logistic", "--loss", "logloss",
         "--optimizer", "newton"], ["Newton", "Hessian"]),
    "surface and dataset": (["--surface", "booth", "--dataset", "linear"],
                            ["--surface", "--dataset"]),
    "unknown dataset": (["--dataset", "nosuch"], ["nosuch", "linear", "penguins", ".csv"]),
    "columns for a synthetic dataset": (["--dataset", "linear", "--x", "a", "--y", "b"],
                                        ["synthetic", "x and y"]),
    "missing scenario file": (["no_such_scenario.toml"], ["no_such_scenario.toml"]),
    "missing dataset file": (["--dataset", "no_such.csv", "--x", "a", "--y", "b"],
                             ["no_such.csv", "no such file"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_exits_2_names_the_problem_and_writes_nothing(tmp_path, capsys,
                                                                monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    argv, expected = BAD_INPUT[case]
    steps = [] if "--steps" in argv else ["--steps", "5"]
    code, stdout, err = run(capsys, *argv, *steps, "--csv", "out.csv", "--png", "out.png")
    assert code == 2
    assert stdout == ""
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_missing_csv_column(tmp_path, capsys, regression_csv):
    path, _, _ = regression_csv
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "--dataset", path, "--x", "x1,nope", "--y", "target",
                       "--steps", "3", "--csv", out)
    assert code == 2
    assert "'nope'" in err
    for column in ("x1", "x2", "name", "target"):  # the valid choices
        assert f"'{column}'" in err
    assert not out.exists()
    code, _, err = run(capsys, "--dataset", path, "--x", "x1", "--y", "price", "--steps", "3",
                       "--csv", out)
    assert code == 2 and "'price'" in err and "'target'" in err
    assert not out.exists()


def test_csv_without_columns_lists_them(tmp_path, capsys, regression_csv):
    path, _, _ = regression_csv
    code, _, err = run(capsys, "--dataset", path, "--steps", "3")
    assert code == 2
    for column in ("x1", "x2", "name", "target"):
        assert f"'{column}'" in err


def test_csv_text_feature(tmp_path, capsys, regression_csv):
    path, _, _ = regression_csv
    out = tmp_path / "out.csv"
    code, stdout, err = run(capsys, "--dataset", path, "--x", "x1,name", "--y", "target",
                            "--steps", "3", "--csv", out, "--json")
    assert code == 2
    assert stdout == ""
    assert "'name'" in err and "non-numeric" in err and "line " in err
    assert "alpha" not in err  # a cell's content is never quoted
    assert not out.exists()


def test_output_folder_must_exist(tmp_path, capsys):
    out = tmp_path / "missing" / "out.csv"
    code, _, err = run(capsys, "--steps", "2", "--csv", out)
    assert code == 3 and "--csv" in err and "does not exist" in err
    assert not out.parent.exists()


def test_bad_scenario_file_names_the_key(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('[optimizer]\nname = "adam"\nbeta1 = 2.0\n', encoding="utf-8")
    code, _, err = run(capsys, path, "--steps", "2", "--csv", tmp_path / "o.csv")
    assert code == 2 and "optimizer.beta1" in err
    path.write_text('[optimizer\nname = "adam"\n', encoding="utf-8")
    code, _, err = run(capsys, path, "--steps", "2")
    assert code == 2 and "toml" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


# -- scenario files and data files ---------------------------------------------------
SCENARIO_TOML = """\
title = "Adam on Rosenbrock"
seed = 4

[problem]
surface = "rosenbrock"

[optimizer]
name = "adam"
learning_rate = 0.01
beta1 = 0.8

[init]
theta = [-1.0, 1.5]

[stopping]
max_steps = 30
"""


def test_scenario_file_with_overrides(tmp_path, capsys):
    path = tmp_path / "lesson.toml"
    path.write_text(SCENARIO_TOML, encoding="utf-8")
    out = tmp_path / "s.csv"
    # the file alone: its own max_steps, init and hyperparameters
    code, stdout, err = run(capsys, path, "--json", "--csv", out)
    assert code == 0, err
    result = json.loads(stdout)
    assert result["steps"] == 30
    table = numeric(read_csv(out)[1])
    assert table[0, 5:7].tolist() == [-1.0, 1.5]
    reference = prepare(Scenario(surface="rosenbrock", optimizer="adam", learning_rate=0.01,
                                 hyperparameters={"beta1": 0.8}, init=[-1.0, 1.5],
                                 max_steps=30)).make_trainer()
    reference.run_to_stop()
    assert result["theta"] == dict(zip("xy", reference.theta.tolist()))
    # overrides win over the file; the file's other settings stay
    code, stdout, err = run(capsys, path, "--lr", "0.02", "--beta2", "0.99", "--steps", "7",
                            "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["steps"] == 7
    reference = prepare(Scenario(surface="rosenbrock", optimizer="adam", learning_rate=0.02,
                                 hyperparameters={"beta1": 0.8, "beta2": 0.99},
                                 init=[-1.0, 1.5], max_steps=7)).make_trainer()
    reference.run_to_stop()
    assert result["theta"] == dict(zip("xy", reference.theta.tolist()))
    # another optimizer drops the file's hyperparameters it does not have
    code, stdout, err = run(capsys, path, "--optimizer", "momentum", "--lr", "0.0005",
                            "--steps", "3", "--json")
    assert code == 0, err
    # another problem from the command line
    code, stdout, err = run(capsys, path, "--surface", "booth", "--init", "0,0", "--steps", "3",
                            "--json")
    assert code == 0, err


def test_data_scenario_file_with_another_dataset(tmp_path, capsys, regression_csv):
    data, _, _ = regression_csv
    path = tmp_path / "data.toml"
    path.write_text(f'[problem]\ndataset = "{data.as_posix()}"\nx = ["x1", "x2"]\n'
                    'y = "target"\n\n[optimizer]\nlearning_rate = 0.1\n', encoding="utf-8")
    code, stdout, err = run(capsys, path, "--steps", "3", "--json")
    assert code == 0, err
    assert list(json.loads(stdout)["theta"]) == ["w1", "w2", "b"]
    # the file's columns belong to its CSV, not to another dataset named on the command line
    code, stdout, err = run(capsys, path, "--dataset", "linear", "--steps", "3", "--json")
    assert code == 0, err
    assert list(json.loads(stdout)["theta"]) == ["w", "b"]


def test_dataset_csv_path_converges_to_least_squares(tmp_path, capsys, regression_csv):
    path, X, y = regression_csv
    code, stdout, err = run(capsys, "--dataset", path, "--x", "x1,x2", "--y", "target",
                            "--no-standardize", "--lr", "0.5", "--steps", "3000", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    expected = np.linalg.lstsq(np.c_[X, np.ones(len(X))], y, rcond=None)[0]
    got = [result["theta"][k] for k in ("w1", "w2", "b")]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    assert "theta_original_units" not in result  # nothing to convert


def test_gd_on_mse_linear_regression_converges_to_lstsq(capsys):
    code, stdout, err = run(capsys, "--dataset", "linear", "--model", "linear", "--loss", "mse",
                            "--no-standardize", "--optimizer", "gd", "--lr", "0.5",
                            "--steps", "3000", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    train = prepare(Scenario(kind="data", dataset="linear", standardize=False)).train
    expected = np.linalg.lstsq(np.c_[train.X, np.ones(len(train.X))], train.y, rcond=None)[0]
    np.testing.assert_allclose([result["theta"]["w"], result["theta"]["b"]], expected,
                               rtol=1e-9)
    mse = np.mean((train.X[:, 0] * expected[0] + expected[1] - train.y) ** 2)
    assert result["final_loss"] == pytest.approx(mse, rel=1e-9)


def test_standardised_fit_reports_least_squares_in_original_units(capsys):
    code, stdout, err = run(capsys, "--dataset", "penguins", "--standardize", "--lr", "0.5",
                            "--steps", "400", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    train = prepare(Scenario(kind="data", dataset="penguins", standardize=True)).train
    expected = np.linalg.lstsq(np.c_[train.X, np.ones(len(train.X))], train.y, rcond=None)[0]
    original = result["theta_original_units"]
    np.testing.assert_allclose([original["w"], original["b"]], expected, rtol=1e-8)


# -- PNG ----------------------------------------------------------------------------
def test_png_is_written(tmp_path, capsys):
    assert importlib.util.find_spec("gdstudio.gui.render") is not None
    out = tmp_path / "run.png"
    code, _, err = run(capsys, "--surface", "rosenbrock", "--lr", "0.001", "--steps", "50",
                       "--png", out)
    assert code == 0, err
    data = out.read_bytes()
    assert len(data) > 100 and data.startswith(b"\x89PNG\r\n\x1a\n")


# -- the real entry points ----------------------------------------------------------
def test_python_dash_m_entry_point(tmp_path):
    out = tmp_path / "m.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "gdstudio", "run", "--surface", "quadratic", "--lr", "0.1",
         "--steps", "4", "--csv", str(out), "--json"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "finished" and result["steps"] == 4
    assert len(read_csv(out)[1]) == 5


def test_console_script_entry_point(tmp_path):
    exe = shutil.which("gdstudio")
    if exe is None:
        pytest.skip("the gdstudio console script is not installed on PATH")
    out = tmp_path / "c.csv"
    proc = subprocess.run([exe, "run", "--surface", "quadratic", "--lr", "0.25", "--steps",
                           "500", "--csv", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1
    assert "diverged at step" in proc.stderr and "smaller" in proc.stderr
    assert out.exists()
    proc = subprocess.run([exe, "run", "--optimizer", "sgdx", "--csv", str(tmp_path / "x.csv")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2 and "adam" in proc.stderr
    assert not (tmp_path / "x.csv").exists()


def test_no_standardize_keeps_theta_in_data_units(tmp_path, capsys):
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 3, 60)
    y = 1.5 * x - 2 + rng.normal(scale=0.1, size=60)
    path = tmp_path / "raw.csv"
    path.write_text("x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(x.tolist(), y.tolist())))
    code, stdout, err = run(capsys, "--dataset", str(path), "--x", "x", "--y", "y", "--lr", "0.1",
                            "--steps", "5000", "--json", "--no-standardize")
    assert code == 0, err
    result = json.loads(stdout)
    expected = np.linalg.lstsq(np.c_[x, np.ones(60)], y, rcond=None)[0]
    np.testing.assert_allclose([result["theta"]["w"], result["theta"]["b"]], expected, rtol=1e-9)
    assert "theta_original_units" not in result and result["theta_units"] == "original"
    # the default standardises: θ in z-score units, converted back for the report
    code, stdout, err = run(capsys, "--dataset", str(path), "--x", "x", "--y", "y", "--lr", "0.1",
                            "--steps", "5000", "--json")
    result = json.loads(stdout)
    assert code == 0 and result["theta_units"] == "standardized"
    original = result["theta_original_units"]
    np.testing.assert_allclose([original["w"], original["b"]], expected, rtol=1e-9)


def test_divergence_on_raw_features_suggests_standardising(capsys):
    code, _, err = run(capsys, "--dataset", "penguins", "--lr", "0.1", "--steps", "50",
                       "--no-standardize")
    assert code == 1
    # the real numbers, and a learning rate that a trial run found to work
    assert "the loss went from 1.8·10⁷ at step 0 to 1.2·10¹⁵ at step 1" in err
    assert "--lr 1e-05 (a trial run of 50 steps with it did not diverge)" in err
    assert "--standardize" in err


def test_adam_without_bias_correction(capsys):
    # one step from θ₀: m = 0.1 g, v = 0.001 g², θ₁ = θ₀ − η m / (√v + ε)
    code, stdout, err = run(capsys, "--surface", "booth", "--init", "0,0", "--optimizer", "adam",
                            "--lr", "0.1", "--no-bias-correction", "--steps", "1", "--json")
    assert code == 0, err
    theta = json.loads(stdout)["theta"]
    # Booth f = (x + 2y − 7)² + (2x + y − 5)²: ∇f(0, 0) = (2·(−7) + 4·(−5), 4·(−7) + 2·(−5))
    g = np.array([-34.0, -38.0])
    expected = -0.1 * (0.1 * g) / (np.sqrt(0.001 * g * g) + 1e-8)
    np.testing.assert_allclose([theta["x"], theta["y"]], expected, rtol=1e-12)
    code, _, err = run(capsys, "--surface", "booth", "--no-bias-correction", "--steps", "1")
    assert code == 2 and "only adam and adamw" in err


@pytest.mark.parametrize("args", [
    ["--surface", "rosenbrock", "--optimizer", "adam", "--lr", "0.01"],
    ["--dataset", "moons", "--model", "mlp", "--hidden", "3", "--lr", "0.1"],
])
def test_csv_gradient_columns_equal_finite_differences(tmp_path, capsys, args):
    out = tmp_path / "g.csv"
    assert run(capsys, *args, "--steps", "5", "--csv", out)[0] == 0
    header, rows = read_csv(out)
    table = numeric(rows)
    p = sum(1 for h in header if h.startswith("grad_") and h != "grad_norm")
    theta, grad = table[:, 5:5 + p], table[:, 5 + p:5 + 2 * p]
    assert header[5 + p:5 + 2 * p] == [f"grad_{n}" for n in header[5:5 + p]]
    from gdstudio.cli import build_parser, scenario_from_args

    problem = prepare(scenario_from_args(build_parser().parse_args([*args]))).problem
    h = 1e-6
    for k in (0, len(table) - 1):
        fd = [(problem.loss(theta[k] + h * e) - problem.loss(theta[k] - h * e)) / (2 * h)
              for e in np.eye(p)]
        np.testing.assert_allclose(grad[k], fd, rtol=1e-5, atol=1e-7)
        assert table[k, 4] == pytest.approx(np.linalg.norm(grad[k]), rel=1e-12)


def test_csv_last_row_under_sgd_holds_the_full_batch_gradient(tmp_path, capsys):
    out = tmp_path / "sgd.csv"
    assert run(capsys, "--dataset", "penguins", "--batch-size", "1", "--lr", "0.01",
               "--steps", "4", "--csv", out)[0] == 0
    header, rows = read_csv(out)
    table = numeric(rows)
    problem = prepare(Scenario(kind="data", dataset="penguins")).problem
    last = table[-1]
    np.testing.assert_allclose(last[7:9], problem.loss_and_grad(last[5:7])[1], rtol=1e-12)
    first_rows = np.random.default_rng([0, 0]).permutation(problem.n_train)[:1]
    np.testing.assert_allclose(table[0, 7:9], problem.batch_grad(table[0, 5:7], first_rows),
                               rtol=1e-12)


@pytest.mark.parametrize("dataset", ["penguins", "cars", "diabetes", "anscombe1"])
def test_a_first_run_on_a_bundled_dataset_converges_with_the_defaults(capsys, dataset):
    """``gdstudio run --dataset NAME`` and nothing else: η = 0.1 on standardised features
    converges (loss_tol) well before the step limit (issue: a first hour without
    surprises)."""
    code, stdout, err = run(capsys, "--dataset", dataset, "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["status"] == "converged" and result["steps"] < 200
    assert result["theta_units"] == "standardized" and "theta_original_units" in result
