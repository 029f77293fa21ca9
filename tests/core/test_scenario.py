"""Scenario: TOML round trip, validation by key, prepare() and trainers made from it."""

from __future__ import annotations

import dataclasses
import math
import tomllib

import numpy as np
import pytest

from gdstudio.core.datasets import DatasetError
from gdstudio.core.optimizers import Adam, GradientDescent
from gdstudio.core.problems import DataProblem, SurfaceProblem
from gdstudio.core.scenario import (
    Scenario,
    ScenarioError,
    list_lessons,
    load_scenario,
    parse_batch_size,
    prepare,
    save_scenario,
)
from gdstudio.core.surfaces import get_surface

SURFACE_SCENARIO = Scenario(
    title="Adam in a ravine — κ = 25",
    description="Compare with plain GD.\nSecond line: θ, η, ∇L.",
    seed=7,
    kind="surface",
    surface="quadratic",
    condition=25.0,
    optimizer="adam",
    learning_rate=0.05,
    hyperparameters={"beta1": 0.8, "beta2": 0.99, "eps": 1e-7},
    schedule="cosine",
    schedule_params={"t_max": 200.0, "eta_min": 0.001},
    init=[-1.5, 2.0],
    max_steps=500,
    loss_tol=1e-12,
    grad_tol=1e-6,
)

DATA_SCENARIO = Scenario(
    title="MLP on penguins",
    seed=3,
    kind="data",
    dataset="penguins",
    x=["flipper_length_mm"],
    y="body_mass_g",
    model="mlp",
    hidden=[8, 4],
    activation="relu",
    loss="huber",
    huber_delta=2.5,
    standardize=False,
    test_fraction=0.2,
    optimizer="momentum",
    learning_rate=0.01,
    batch_size=16,
    hyperparameters={"momentum": 0.8, "weight_decay": 1e-4},
    schedule="step",
    schedule_params={"step_size": 50.0, "gamma": 0.5},
    max_steps=None,
    max_epochs=5.0,
)


# -- TOML round trip ----------------------------------------------------------------
@pytest.mark.parametrize("scenario", [
    SURFACE_SCENARIO,
    DATA_SCENARIO,
    Scenario(),
    Scenario(kind="data", dataset="sine", n_samples=50, noise=0.3, model="polynomial",
             degree=5, loss="mae", init=[0.0, 0.0, 0.0, 0.0, 0.0, 1.0], batch_size=1,
             optimizer="rmsprop", hyperparameters={"rho": 0.95}, schedule="warmup",
             schedule_params={"warmup_steps": 10.0, "start_factor": 0.1}, max_steps=None,
             max_epochs=None),
    Scenario(kind="data", dataset="blobs", model="logistic", loss="logloss",
             optimizer="adamw", hyperparameters={"weight_decay": 0.01}),
], ids=["surface", "data", "defaults", "polynomial", "logistic"])
def test_toml_round_trip(tmp_path, scenario):
    scenario.validate()
    path = tmp_path / "lesson.toml"
    save_scenario(scenario, path)
    loaded = load_scenario(path)
    assert loaded == scenario
    assert Scenario.from_toml(scenario.to_toml()) == scenario
    # the file is plain TOML in the documented layout
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"title", "description", "seed", "problem", "optimizer", "schedule",
                         "init", "stopping"}
    assert data["optimizer"]["name"] == scenario.optimizer
    assert data["optimizer"]["batch_size"] == (scenario.batch_size or "full")


def test_toml_layout_of_a_surface_scenario():
    data = tomllib.loads(SURFACE_SCENARIO.to_toml())
    assert data["problem"] == {"kind": "surface", "surface": "quadratic", "condition": 25.0}
    assert data["optimizer"] == {"name": "adam", "learning_rate": 0.05, "batch_size": "full",
                                 "beta1": 0.8, "beta2": 0.99, "eps": 1e-7}
    assert data["schedule"] == {"name": "cosine", "t_max": 200.0, "eta_min": 0.001}
    assert data["init"] == {"theta": [-1.5, 2.0]}
    assert data["stopping"] == {"max_steps": 500, "loss_tol": 1e-12, "grad_tol": 1e-6}
    assert data["title"] == SURFACE_SCENARIO.title  # unicode kept


def test_toml_layout_of_a_data_scenario():
    data = tomllib.loads(DATA_SCENARIO.to_toml())
    problem = data["problem"]
    assert problem["dataset"] == "penguins" and problem["x"] == ["flipper_length_mm"]
    assert problem["hidden"] == [8, 4] and problem["activation"] == "relu"
    assert problem["huber_delta"] == 2.5
    assert "degree" not in problem  # only the settings of the chosen model
    assert data["optimizer"]["batch_size"] == 16
    assert data["stopping"] == {"max_steps": "none", "max_epochs": 5.0}  # no step limit
    assert "init" not in data


def test_minimal_toml_uses_the_defaults():
    assert Scenario.from_toml("") == Scenario()
    sc = Scenario.from_toml('[problem]\ndataset = "linear"\n')
    assert sc.kind == "data" and sc.dataset == "linear"
    sc = Scenario.from_toml('[problem]\ndataset = "penguins"\nx = "flipper_length_mm"\n')
    assert sc.x == ["flipper_length_mm"]
    sc = Scenario.from_toml('[optimizer]\nname = "adam"\nbeta1 = 0\n')
    assert sc.hyperparameters == {"beta1": 0.0} and isinstance(sc.hyperparameters["beta1"],
                                                               float)


def test_stopping_criteria_can_be_switched_off():
    assert Scenario.from_toml("[stopping]\nloss_tol = 1e-9\n").max_steps == 1000  # default
    sc = Scenario.from_toml('[stopping]\nmax_steps = "none"\nloss_tol = 1e-9\n')
    assert sc.max_steps is None and sc.loss_tol == 1e-9
    assert sc.make_stopping().max_steps is None


def test_load_scenario_accepts_a_bom(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + 'title = "caf\u00e9"\n'.encode())
    assert load_scenario(path).title == "café"


# -- validation ---------------------------------------------------------------------
BAD_TOML = [
    ('[optimizer]\nname = "adam"\nbeta1 = 1.5\n', "optimizer.beta1", ["[0, 1)"]),
    ('[optimizer]\nname = "adam"\neps = -1.0\n', "optimizer.eps", ["> 0"]),
    ('[optimizer]\nname = "nesterov"\nmomentum = 0.0\n', "optimizer.momentum", ["> 0"]),
    ('[optimizer]\nname = "gd"\nbeta1 = 0.9\n', "optimizer.beta1", ["weight_decay"]),
    ('[optimizer]\nname = "adam"\nbeta1 = "high"\n', "optimizer.beta1", ["number"]),
    ('[optimizer]\nname = "lbfgs"\n', "optimizer.name", ["adam", "momentum"]),
    ('[optimizer]\nlearning_rate = 0\n', "optimizer.learning_rate", ["> 0"]),
    ('[optimizer]\nlearning_rate = "fast"\n', "optimizer.learning_rate", ["number"]),
    ('[optimizer]\nbatch_size = 0\n', "optimizer.batch_size", ["full"]),
    ('[optimizer]\nbatch_size = 2.5\n', "optimizer.batch_size", ["full"]),
    ('[optimizer]\nbatch_size = "half"\n', "optimizer.batch_size", ["full"]),
    ('[optimizer]\nbatch_size = true\n', "optimizer.batch_size", ["full"]),
    ('[problem]\nkind = "data"\nloss = "l3"\n', "problem.loss", ["mse", "hinge"]),
    ('[problem]\ndataset = "linear"\nmodel = "logistic"\nloss = "mse"\n', "problem.loss",
     ["logloss or hinge"]),
    ('[problem]\ndataset = "blobs"\nmodel = "linear"\nloss = "hinge"\n', "problem.loss",
     ["mse, mae or huber"]),
    ('[problem]\nsurface = "banana"\n', "problem.surface", ["rosenbrock", "himmelblau"]),
    ('[problem]\nkind = "table"\n', "problem.kind", ["surface", "data"]),
    ('[problem]\nmodel = "svm"\n', "problem.model", ["linear", "mlp"]),
    ('[problem]\nactivation = "gelu"\n', "problem.activation", ["tanh", "relu"]),
    ('[problem]\ncondition = 0.5\n', "problem.condition", ["≥ 1"]),
    ('[problem]\nhuber_delta = 0\n', "problem.huber_delta", ["> 0"]),
    ('[problem]\nhidden = []\n', "problem.hidden", ["[16, 16]"]),
    ('[problem]\nhidden = [16, 0]\n', "problem.hidden", ["≥ 1"]),
    ('[problem]\ndegree = 0\n', "problem.degree", ["≥ 1"]),
    ('[problem]\nn_samples = 1\n', "problem.n_samples", ["≥ 2"]),
    ('[problem]\ntest_fraction = 1.0\n', "problem.test_fraction", ["[0, 1)"]),
    ('[problem]\nstandardize = "yes"\n', "problem.standardize", ["type"]),
    ('[problem]\nx = []\n', "problem.x", ["column names"]),
    ('[problem]\nx = [1, 2]\n', "problem.x", ["column names"]),
    ('[problem]\ny = 3\n', "problem.y", ["type"]),
    ('[problem]\ndataset = "penguins"\nsurfce = "booth"\n', "problem.surfce",
     ["surface", "dataset"]),
    ('[schedule]\nname = "cyclic"\n', "schedule.name", ["cosine", "step"]),
    ('[schedule]\nname = "step"\ngamma = -1.0\n', "schedule.gamma", ["> 0"]),
    ('[schedule]\nname = "step"\nstep_size = 0.5\n', "schedule.step_size", ["whole number"]),
    ('[schedule]\nname = "step"\ngamma = 0.5\nt_max = 10\n', "schedule.t_max",
     ["step_size, gamma"]),
    ('[schedule]\nname = "cosine"\nt_max = "long"\n', "schedule.t_max", ["number"]),
    ('[stopping]\nmax_steps = -1\n', "stopping.max_steps", ["≥ 0"]),
    ('[stopping]\nmax_steps = 1.5\n', "stopping.max_steps", ["whole number"]),
    ('[stopping]\nmax_steps = "10"\n', "stopping.max_steps", ["whole number"]),
    ('[stopping]\nmax_epochs = "five"\n', "stopping.max_epochs", ["number"]),
    ('[stopping]\nloss_tol = -1e-9\n', "stopping.loss_tol", ["≥ 0"]),
    ('[stopping]\ngrad_tol = "tiny"\n', "stopping.grad_tol", ["number"]),
    ('[stopping]\npatience = 3\n', "stopping.patience", ["max_steps", "grad_tol"]),
    ('[init]\ntheta = [1.0, "a"]\n', "init.theta", ["numbers"]),
    ('[init]\ntheta = 5\n', "init.theta", ["list"]),
    ('[init]\ntheta = [true, 1.0]\n', "init.theta", ["numbers"]),
    ('[init]\nstart = [1.0, 2.0]\n', "init.start", ["theta"]),
    ('[plots]\nshow = true\n', "plots", ["problem", "optimizer", "stopping"]),
    ('colour = "red"\n', "colour", ["problem", "optimizer"]),
    ('problem = "rosenbrock"\n', "problem", ["table"]),
    ('seed = -1\n', "seed", ["≥ 0"]),
    ('seed = 1.5\n', "seed", ["whole number"]),
    ('title = 3\n', "title", ["type"]),
    ('[optimizer\nname = "adam"\n', "toml", ["TOML"]),
    ('title = "unterminated\n', "toml", ["TOML"]),
]


@pytest.mark.parametrize(("text", "key", "phrases"), BAD_TOML,
                         ids=[f"{key}-{i}" for i, (_, key, _) in enumerate(BAD_TOML)])
def test_validation_errors_name_the_key(text, key, phrases):
    with pytest.raises(ScenarioError) as info:
        Scenario.from_toml(text)
    assert info.value.key == key
    message = str(info.value)
    assert message.startswith(f"{key}: ")
    for phrase in phrases:
        assert phrase in message


def test_unreadable_file_has_key_file(tmp_path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "missing.toml")
    assert info.value.key == "file" and "missing.toml" in str(info.value)
    bad = tmp_path / "binary.toml"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x80")
    with pytest.raises(ScenarioError) as info:
        load_scenario(bad)
    assert info.value.key in ("file", "toml")


def test_replace_validates():
    sc = Scenario()
    assert sc.replace(optimizer="adam", learning_rate=0.1).optimizer == "adam"
    assert sc.optimizer == "gd"  # the original is unchanged
    with pytest.raises(ScenarioError) as info:
        sc.replace(optimizer="adam", hyperparameters={"beta1": 2.0})
    assert info.value.key == "optimizer.beta1"
    with pytest.raises(ScenarioError) as info:
        sc.replace(batch_size=0)
    assert info.value.key == "optimizer.batch_size"
    with pytest.raises(ScenarioError) as info:
        sc.replace(max_steps=-5)
    assert info.value.key == "stopping.max_steps"
    with pytest.raises(ScenarioError) as info:
        sc.replace(kind="data", dataset="linear", optimizer="newton", model="mlp")
    assert info.value.key == "optimizer.name"
    with pytest.raises(ScenarioError) as info:
        sc.replace(init=[1.0, math.nan])
    assert info.value.key == "init.theta"


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("full", None), ("FULL", None), (" full ", None), (1, 1), ("1", 1),
    (32, 32), ("16", 16), (8.0, 8),
])
def test_parse_batch_size(value, expected):
    assert parse_batch_size(value) == expected


@pytest.mark.parametrize("value", [0, -1, "0", "abc", 2.5, "2.5", True, False, "", [4]])
def test_parse_batch_size_rejects(value):
    with pytest.raises(ScenarioError) as info:
        parse_batch_size(value)
    assert info.value.key == "optimizer.batch_size"


# -- prepare ------------------------------------------------------------------------
def test_prepare_surface():
    setup = prepare(Scenario(surface="quadratic", condition=25.0))
    assert isinstance(setup.problem, SurfaceProblem)
    assert setup.surface.name == "quadratic" and setup.surface.condition == 25.0
    assert setup.problem.param_names == ("x", "y")
    assert setup.dataset is None and setup.model is None and setup.standardizer is None
    np.testing.assert_array_equal(setup.problem.hessian(np.zeros(2)), np.diag([1.0, 25.0]))
    trainer = setup.make_trainer()
    assert trainer.theta.tolist() == list(get_surface("quadratic").start)
    assert setup.original_units(trainer.theta) is None


def test_prepare_surface_with_init_and_stopping():
    setup = prepare(Scenario(surface="booth", init=[1.0, -2.0], max_steps=7,
                             learning_rate=0.01))
    trainer = setup.make_trainer()
    assert trainer.theta.tolist() == [1.0, -2.0]
    trainer.run_to_stop()
    assert trainer.step_count == 7 and trainer.status == "finished"


def test_prepare_data_standardises_on_the_training_set():
    sc = Scenario(kind="data", dataset="penguins", test_fraction=0.25, seed=5, standardize=True)
    setup = prepare(sc)
    assert isinstance(setup.problem, DataProblem)
    n = setup.dataset.n_samples
    n_test = math.ceil(0.25 * n)
    assert len(setup.test.y) == n_test and len(setup.train.y) == n - n_test
    assert setup.problem.n_train == n - n_test and setup.problem.has_test
    # the split is a partition of the dataset's rows
    rows = np.c_[setup.dataset.X, setup.dataset.y]
    parts = np.r_[np.c_[setup.train.X, setup.train.y], np.c_[setup.test.X, setup.test.y]]
    np.testing.assert_array_equal(np.sort(rows, axis=0), np.sort(parts, axis=0))
    # standardiser fitted on the training features only, applied to both parts
    mean, std = setup.train.X.mean(axis=0), setup.train.X.std(axis=0)
    np.testing.assert_allclose(setup.standardizer.mean, mean, rtol=1e-12)
    np.testing.assert_allclose(setup.standardizer.scale, std, rtol=1e-12)
    np.testing.assert_allclose(setup.problem.X, (setup.train.X - mean) / std, rtol=1e-12)
    np.testing.assert_allclose(setup.problem.X_test, (setup.test.X - mean) / std, rtol=1e-12)
    np.testing.assert_allclose(setup.problem.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(setup.problem.X.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(setup.problem.y, setup.train.y)  # targets in their units
    np.testing.assert_allclose(setup.features(setup.test.X), setup.problem.X_test, rtol=1e-15)
    # the same seed gives the same split
    again = prepare(sc)
    np.testing.assert_array_equal(again.test.X, setup.test.X)


def test_prepare_data_without_standardising():
    setup = prepare(Scenario(kind="data", dataset="penguins", standardize=False))
    assert setup.standardizer is None and setup.test is None
    assert not setup.problem.has_test
    np.testing.assert_array_equal(setup.problem.X, setup.dataset.X)
    np.testing.assert_array_equal(setup.features(setup.dataset.X), setup.dataset.X)
    assert setup.original_units(np.array([1.0, 2.0])) is None


@pytest.mark.parametrize("scenario", [
    Scenario(kind="data", dataset="penguins", standardize=True),
    Scenario(kind="data", dataset="iris", model="logistic", loss="logloss", test_fraction=0.3,
             standardize=True),
    Scenario(kind="data", dataset="blobs", model="logistic", loss="hinge", standardize=True),
], ids=["linear", "logistic-2-features", "logistic-hinge"])
def test_original_units_give_the_same_predictions(scenario):
    setup = prepare(scenario)
    rng = np.random.default_rng(0)
    theta = rng.normal(size=setup.problem.n_params)
    original = setup.original_units(theta)
    assert list(original) == list(setup.problem.param_names)
    X = setup.dataset.X  # original units, train and test alike
    w = np.array(list(original.values())[:-1])
    b = original["b"]
    out, _ = setup.model.forward(theta, setup.features(X))
    np.testing.assert_allclose(X @ w + b, out, rtol=1e-10, atol=1e-9)


def test_original_units_is_none_for_other_models():
    setup = prepare(Scenario(kind="data", dataset="sine", model="polynomial", degree=3))
    assert setup.original_units(np.ones(setup.problem.n_params)) is None
    setup = prepare(Scenario(kind="data", dataset="blobs", model="mlp", loss="logloss",
                             hidden=[3]))
    assert setup.problem.param_names[0] == "W1[0,0]"
    assert setup.original_units(np.ones(setup.problem.n_params)) is None


def test_prepare_data_columns_and_parameter_names():
    setup = prepare(Scenario(kind="data", dataset="iris", model="logistic", loss="logloss"))
    assert setup.dataset.feature_names == ("petal_length_cm", "petal_width_cm")
    assert setup.problem.param_names == ("w1", "w2", "b")
    setup = prepare(Scenario(kind="data", dataset="sine", model="polynomial", degree=3))
    assert setup.problem.param_names == ("w1", "w2", "w3", "b")


def test_prepare_errors_name_the_key(tmp_path):
    with pytest.raises(ScenarioError) as info:
        prepare(Scenario(kind="data", dataset="nosuch"))
    assert info.value.key == "problem.dataset"
    assert "penguins" in str(info.value) and "linear" in str(info.value)
    with pytest.raises(ScenarioError) as info:
        prepare(Scenario(kind="data", dataset="linear", x=["a"], y="b"))
    assert info.value.key == "problem.x"
    with pytest.raises(ScenarioError) as info:  # the MLP's task comes from the data
        prepare(Scenario(kind="data", dataset="linear", model="mlp", loss="logloss"))
    assert info.value.key == "problem.loss"
    path = tmp_path / "d.csv"
    path.write_text("a,b\n1,2\n2,4\n3,7\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="'nope'"):
        prepare(Scenario(kind="data", dataset=str(path), x=["nope"], y="b"))
    with pytest.raises(DatasetError):
        prepare(Scenario(kind="data", dataset=str(path), x=["a"], y="b", test_fraction=0.9))


# -- trainers from a setup ----------------------------------------------------------
def test_make_trainer_with_a_replaced_scenario_shares_the_problem():
    sc = Scenario(kind="data", dataset="linear", learning_rate=0.1, max_steps=20)
    setup = prepare(sc)
    gd = setup.make_trainer()
    adam = setup.make_trainer(sc.replace(optimizer="adam", learning_rate=0.05,
                                         hyperparameters={"beta1": 0.5}, batch_size=10,
                                         seed=2, max_steps=5))
    assert gd.problem is setup.problem and adam.problem is setup.problem
    assert isinstance(gd.optimizer, GradientDescent) and isinstance(adam.optimizer, Adam)
    assert adam.optimizer.hyperparameters["beta1"] == 0.5
    assert adam.batch_size == 10 and adam.seed == 2
    assert adam.schedule.learning_rate == 0.05
    gd.run_to_stop()
    adam.run_to_stop()
    assert gd.step_count == 20 and adam.step_count == 5
    assert gd.optimizer is not adam.optimizer
    # the same θ₀ for the same seed: the default init comes from the model and the seed
    np.testing.assert_array_equal(gd.history.theta[0], setup.make_trainer().theta0)
    # the trainers do not disturb each other: a fresh GD run gives the same path
    again = setup.make_trainer()
    again.run_to_stop()
    np.testing.assert_array_equal(again.history.theta, gd.history.theta)


def test_make_trainer_errors_name_the_key():
    setup = prepare(Scenario(surface="rosenbrock"))
    with pytest.raises(ScenarioError) as info:
        setup.make_trainer(Scenario(surface="rosenbrock", init=[1.0, 2.0, 3.0]))
    assert info.value.key == "init.theta" and "x, y" in str(info.value)
    data = prepare(Scenario(kind="data", dataset="blobs", model="logistic", loss="logloss"))
    with pytest.raises(ScenarioError) as info:  # Newton needs an exact Hessian
        # dataclasses.replace skips the scenario's validation, to reach the trainer's own
        data.make_trainer(dataclasses.replace(data.scenario, optimizer="newton"))
    assert info.value.key == "optimizer.name"


# -- comparison runs and bundled lessons ---------------------------------------------------
RACE = """
[problem]
surface = "rosenbrock"
[optimizer]
name = "momentum"
learning_rate = 0.001
momentum = 0.8
[[runs]]
learning_rate = 0.002
[[runs]]
name = "adam"
learning_rate = 0.02
beta1 = 0.85
"""


def test_runs_inherit_what_they_do_not_say_and_round_trip():
    sc = Scenario.from_toml(RACE)
    runs = sc.run_scenarios()
    assert [(r.optimizer, r.learning_rate, r.hyperparameters) for r in runs] == [
        ("momentum", 0.001, {"momentum": 0.8}),
        ("momentum", 0.002, {"momentum": 0.8}),
        ("adam", 0.02, {"beta1": 0.85}),
    ]
    assert all(r.runs == [] for r in runs)
    assert Scenario.from_toml(sc.to_toml()) == sc


@pytest.mark.parametrize("old,new,key", [
    ("beta1 = 0.85", "momentum = 0.5", "runs[1].momentum"),  # Adam has no momentum
    ("beta1 = 0.85", "beta1 = 1.5", "runs[1].beta1"),
    ("learning_rate = 0.002", "learning_rate = -1.0", "runs[0].learning_rate"),
    ("learning_rate = 0.002", "batch_size = 0", "runs[0].batch_size"),
])
def test_run_errors_name_the_run(old, new, key):
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml(RACE.replace(old, new))
    assert err.value.key == key


def test_at_most_eight_runs():
    text = RACE + "".join("[[runs]]\nlearning_rate = 0.001\n" for _ in range(6))
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml(text)
    assert err.value.key == "runs"


@pytest.mark.parametrize("name", list_lessons())
def test_bundled_lessons_load_and_run(name):
    sc = load_scenario(name)
    setup = prepare(sc)
    for run in sc.run_scenarios():
        trainer = setup.make_trainer(run)
        trainer.run(50)
        assert trainer.status != "diverged"


def test_lessons_are_bundled():
    assert {"rosenbrock_race", "penguins_linear", "mlp_circles"} <= set(list_lessons())


def test_a_missing_scenario_file_names_the_bundled_lessons(tmp_path):
    with pytest.raises(ScenarioError) as err:
        load_scenario(tmp_path / "nope.toml")
    assert err.value.key == "file" and "rosenbrock_race" in str(err.value)
