"""Scenario limits, problem.task and scenario-file hardening."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from gdstudio.cli import _row_norms
from gdstudio.core.scenario import LIMITS, Scenario, ScenarioError, load_scenario, prepare


@pytest.mark.parametrize(("toml", "key", "text"), [
    ("[problem]\ndegree = 13\n", "problem.degree", "from 1 to 12"),
    ("[problem]\nhidden = [257]\n", "problem.hidden", "100,000 parameters"),
    ("[problem]\nhidden = [250, 250, 250]\n", "problem.hidden", "the limit is 100,000"),
    ("[problem]\nn_samples = 2000000\n", "problem.n_samples", "1,000,000"),
    ("[problem]\nnoise = 1e300\n", "problem.noise", "1e+06"),
    ("[problem]\ncondition = 1e300\n", "problem.condition", "1e+08"),
    ("seed = 4294967296\n", "seed", "4,294,967,295"),
    ("[stopping]\nmax_steps = 1000000000\n", "stopping.max_steps", "10,000,000"),
    ('[schedule]\nname = "cosine"\nt_max = inf\n', "schedule.t_max", "finite"),
    ('[schedule]\nname = "step"\nstep_size = 1e12\n', "schedule.step_size", "1,000,000,000"),
    ('[schedule]\nname = "inverse_time"\ndecay_rate = inf\n', "schedule.decay_rate", "finite"),
    ('[schedule]\nname = "cosine"\nt_max = 5\neta_min = inf\n', "schedule.eta_min", "finite"),
    ('[optimizer]\nname = "adam"\neps = 0.0\n', "optimizer.eps", "> 0"),
    ('[optimizer]\nname = "adam"\nbeta1 = inf\n', "optimizer.beta1", "finite"),
    ('[problem]\ntask = "ranking"\n', "problem.task", "regression"),
])
def test_limits_name_the_toml_key(toml, key, text):
    with pytest.raises(ScenarioError) as info:
        Scenario.from_toml(toml)
    assert info.value.key == key and text in str(info.value)


def test_task_round_trips_and_is_checked():
    sc = Scenario.from_toml('[problem]\ndataset = "penguins"\ntask = "regression"\n')
    assert sc.task == "regression"
    assert Scenario.from_toml(sc.to_toml()).task == "regression"
    assert Scenario.from_toml('[problem]\ndataset = "penguins"\ntask = "auto"\n').task is None
    with pytest.raises(ScenarioError, match="problem.task.*classifier"):
        Scenario(kind="data", model="logistic", loss="logloss", task="regression").validate()
    with pytest.raises(ScenarioError, match="problem.task.*moons.*classification"):
        Scenario(kind="data", dataset="moons", task="regression").validate()


def test_task_override_reaches_the_csv_loader(tmp_path):
    path = tmp_path / "pass.csv"
    path.write_text("hours,passed\n1,0\n2,0\n3,1\n4,1\n5,1\n")
    auto = Scenario(kind="data", dataset=str(path), x=["hours"], y="passed",
                    model="logistic", loss="logloss")
    assert prepare(auto).dataset.task == "classification"
    regression = Scenario(kind="data", dataset=str(path), x=["hours"], y="passed",
                          task="regression")
    setup = prepare(regression)
    assert setup.dataset.task == "regression" and setup.dataset.y.tolist() == [0, 0, 1, 1, 1]


def test_standardize_is_the_default():
    assert Scenario().standardize is True
    assert prepare(Scenario(kind="data", dataset="penguins")).standardizer is not None


@pytest.mark.parametrize(("content", "text"), [
    (b"title = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    (b'title = "\xff\xfe"\n', "not UTF-8"),
])
def test_scenario_file_problems(tmp_path, content, text):
    path = tmp_path / "s.toml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError, match=text):
        load_scenario(path)


def test_scenario_file_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "s.toml"
    path.write_text('title = "x"\n' + "# padding\n" * 20)
    monkeypatch.setitem(LIMITS, "scenario_bytes", 100)
    with pytest.raises(ScenarioError, match="at most 0.0001 MB"):
        load_scenario(path)


def test_scenario_dataset_path_is_relative_to_its_folder_and_stays_inside(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.csv").write_text("a,b\n1,2\n2,3\n")
    (tmp_path / "sub" / "s.toml").write_text('[problem]\ndataset = "d.csv"\n')
    assert load_scenario(tmp_path / "sub" / "s.toml").dataset == str(tmp_path / "sub" / "d.csv")
    (tmp_path / "sub" / "bad.toml").write_text('[problem]\ndataset = "../x.csv"\n')
    with pytest.raises(ScenarioError, match="problem.dataset.*outside"):
        load_scenario(tmp_path / "sub" / "bad.toml")
    (tmp_path / "sub" / "link.csv").symlink_to(tmp_path / "x.csv")
    (tmp_path / "sub" / "sym.toml").write_text('[problem]\ndataset = "link.csv"\n')
    with pytest.raises(ScenarioError, match="outside"):
        load_scenario(tmp_path / "sub" / "sym.toml")


def test_gradient_norms_near_1e300_do_not_overflow():
    grad = np.array([[1e300, 1e300], [3.0, 4.0], [0.0, 0.0], [1e-200, 1e-200]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = _row_norms(grad)
    np.testing.assert_allclose(norms, [np.sqrt(2) * 1e300, 5.0, 0.0, np.sqrt(2) * 1e-200])
