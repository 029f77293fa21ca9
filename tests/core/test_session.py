"""The session model: one owner of problem, runs, focus and playback; narrow events."""

from __future__ import annotations

import numpy as np
import pytest

from gdstudio.core.scenario import MAX_RUNS, Scenario, ScenarioError, load_scenario
from gdstudio.core.session import Session, describe_run, suit_task
from gdstudio.core.status import Status

ROSENBROCK = Scenario(title="Rosenbrock's valley", kind="surface", surface="rosenbrock",
                      optimizer="gd", learning_rate=0.001, max_steps=200)


class Recorder:
    """Connects to every signal of a session and records (name, args)."""

    def __init__(self, session: Session) -> None:
        self.events: list[tuple] = []
        for name in ("problem_changed", "run_changed", "runs_changed", "focus_changed",
                     "title_changed", "playback_changed"):
            getattr(session, name).connect(
                lambda *args, name=name: self.events.append((name, *args)))

    def names(self) -> list[str]:
        return [e[0] for e in self.events]


@pytest.fixture
def race() -> Session:
    return Session(load_scenario("rosenbrock_race"))


def test_opens_a_lesson_with_its_runs_and_title(race):
    assert race.n_runs == 3 and race.focus == 0
    assert [race.run(k).optimizer for k in range(3)] == ["gd", "momentum", "adam"]
    assert race.title and race.display_title == race.title
    assert race.setup.surface is not None and race.setup.surface.name == "rosenbrock"


def test_a_run_change_replaces_that_run_only(race):
    rec = Recorder(race)
    before = [race.run(k) for k in range(3)]
    race.edit_run(1, learning_rate=0.0002)
    assert rec.events == [("run_changed", 1, None)]
    assert race.run(1).learning_rate == 0.0002
    assert race.run(0) is before[0] and race.run(2) is before[2]


def test_continue_from_here_makes_the_current_theta_the_start(race):
    rec = Recorder(race)
    race.edit_run(2, start=np.array([0.5, 0.25]), learning_rate=0.02)
    name, k, start = rec.events[0]
    assert (name, k) == ("run_changed", 2)
    np.testing.assert_array_equal(start, [0.5, 0.25])
    assert race.run(2).init == [0.5, 0.25] and race.run(2).learning_rate == 0.02
    trainer = race.make_trainer(2)
    np.testing.assert_array_equal(trainer.theta0, [0.5, 0.25])
    assert race.run(0).init != [0.5, 0.25]


def test_an_invalid_change_raises_with_its_key_and_changes_nothing(race):
    rec = Recorder(race)
    with pytest.raises(ScenarioError) as info:
        race.edit_run(1, hyperparameters={"momentum": 1.5})
    assert info.value.key == "optimizer.momentum"
    with pytest.raises(ScenarioError) as info:
        race.edit_run(0, init=[1.0, 2.0, 3.0])
    assert info.value.key == "init.theta"
    with pytest.raises(ScenarioError) as info:
        race.edit_problem(surface="no_such_surface")
    assert info.value.key == "problem.surface"
    assert rec.events == [] and race.run(1).hyperparameters == {"momentum": 0.9}


def test_a_new_optimizer_starts_from_its_own_defaults(race):
    race.edit_run(1, optimizer="adam")
    assert race.run(1).hyperparameters == {}
    race.edit_run(1, optimizer="rmsprop", hyperparameters={"rho": 0.9})
    assert race.run(1).hyperparameters == {"rho": 0.9}


def test_a_problem_change_restarts_every_run_and_clears_the_lesson_title(race):
    rec = Recorder(race)
    old_id = race.setup_id
    race.edit_problem(surface="saddle")
    assert rec.names() == ["title_changed", "problem_changed"]
    assert race.setup_id == old_id + 1 and race.setup.surface.name == "saddle"
    assert all(race.run(k).surface == "saddle" for k in range(3))
    assert race.title == "" and "Rosenbrock" not in race.display_title
    saved = race.scenario
    assert saved.surface == "saddle" and "Rosenbrock" not in saved.title
    assert len(saved.runs) == 2


@pytest.mark.parametrize("dataset, model, loss", [
    ("moons", "logistic", "logloss"), ("penguins_species", "logistic", "logloss"),
    ("sine", "linear", "mse"), ("penguins", "linear", "mse")])
def test_the_dataset_task_chooses_model_and_loss(dataset, model, loss):
    session = Session(Scenario(kind="data", dataset="linear", model="linear", loss="mae"))
    session.edit_problem(dataset="moons")
    session.edit_problem(dataset=dataset)
    sc = session.run(0)
    assert (sc.model, sc.loss) == (model, loss if dataset != "sine" else "mse")


def test_an_mlp_keeps_its_model_and_takes_a_loss_for_the_task():
    session = Session(Scenario(kind="data", dataset="moons", model="mlp", loss="logloss",
                               hidden=[4]))
    session.edit_problem(dataset="sine")
    assert (session.run(0).model, session.run(0).loss) == ("mlp", "mse")


def test_logistic_regression_on_a_numeric_target_is_refused():
    session = Session(Scenario(kind="data", dataset="penguins", standardize=True))
    with pytest.raises(ScenarioError) as info:
        session.edit_problem(model="logistic")
    assert info.value.key == "problem.model"
    assert session.run(0).model == "linear"


def test_suit_task_rules():
    assert suit_task("classification", "linear", "mse") == ("logistic", "logloss")
    assert suit_task("classification", "mlp", "hinge") == ("mlp", "hinge")
    assert suit_task("regression", "logistic", "hinge") == ("linear", "mse")
    assert suit_task("regression", "polynomial", "huber") == ("polynomial", "huber")


def test_a_new_model_gets_a_loss_it_can_train_with():
    session = Session(Scenario(kind="data", dataset="moons", model="logistic",
                               loss="logloss"))
    session.edit_problem(model="mlp")
    assert session.run(0).loss == "logloss"


def test_shared_changes_restart_all_runs(race):
    rec = Recorder(race)
    race.edit_shared(max_steps=50)
    assert rec.names() == ["runs_changed"]
    assert all(race.run(k).max_steps == 50 for k in range(3))
    race.edit_shared(schedule="step")
    assert race.run(0).schedule_params == {}


def test_a_new_seed_redraws_synthetic_data():
    session = Session(Scenario(kind="data", dataset="moons", model="logistic",
                               loss="logloss"))
    x_before = session.setup.dataset.X.copy()
    rec = Recorder(session)
    session.edit_shared(seed=7)
    assert "problem_changed" in rec.names()
    assert not np.array_equal(session.setup.dataset.X, x_before)


def test_add_remove_and_focus(race):
    rec = Recorder(race)
    k = race.add_run(optimizer="rmsprop", learning_rate=0.01)
    assert k == 3 and race.focus == 3 and race.run(3).optimizer == "rmsprop"
    assert rec.names() == ["runs_changed", "focus_changed"]
    race.set_focus(1)
    race.remove_run(0)
    assert race.focus == 0 and race.run(0).optimizer == "momentum"
    with pytest.raises(IndexError):
        race.set_focus(9)
    while race.n_runs > 1:
        race.remove_run(race.n_runs - 1)
    with pytest.raises(ScenarioError):
        race.remove_run(0)


def test_run_limit_is_the_core_limit(race):
    while race.n_runs < MAX_RUNS:
        race.add_run()
    with pytest.raises(ScenarioError) as info:
        race.add_run()
    assert info.value.key == "runs"


def test_save_round_trips_runs_with_their_own_start(race, tmp_path):
    race.edit_run(2, init=[0.0, 0.0])
    text = race.scenario.to_toml()
    again = Session(Scenario.from_toml(text))
    assert again.n_runs == 3 and again.run(2).init == [0.0, 0.0]
    assert again.run(1).init == race.run(1).init
    assert [again.run(k).optimizer for k in range(3)] == ["gd", "momentum", "adam"]


def test_playback_is_announced_once_per_change(race):
    rec = Recorder(race)
    race.set_playback(True, Status.RUNNING)
    race.set_playback(True, Status.RUNNING)
    race.set_playback(False, Status.FINISHED)
    assert rec.events == [("playback_changed", True, Status.RUNNING),
                          ("playback_changed", False, Status.FINISHED)]


def test_describe_run_uses_one_number_format():
    assert describe_run(Scenario(optimizer="adam", learning_rate=0.01)) == "Adam, η = 0.01"
    assert describe_run(Scenario(optimizer="gd", learning_rate=1e-5, batch_size=1,
                                 kind="data")) == "SGD, η = 10⁻⁵"
    assert "β = 0.9" in describe_run(Scenario(optimizer="momentum"))


def test_a_chosen_model_or_loss_that_cannot_fit_the_task_is_refused():
    session = Session(Scenario(kind="data", dataset="moons", model="logistic",
                               loss="logloss"))
    with pytest.raises(ScenarioError) as info:
        session.edit_problem(model="linear")
    assert info.value.key == "problem.model" and "task = regression" in str(info.value)
    with pytest.raises(ScenarioError) as info:
        session.edit_problem(loss="mse")
    assert info.value.key == "problem.loss" and "logloss or hinge" in str(info.value)
    assert (session.run(0).model, session.run(0).loss) == ("logistic", "logloss")


def test_the_runner_applies_the_same_rules_as_the_window():
    from gdstudio.cli import build_parser, scenario_from_args

    args = build_parser().parse_args(["--dataset", "moons", "--steps", "5"])
    sc = scenario_from_args(args)
    window = Session(Scenario())
    window.edit_problem(dataset="moons")
    assert (sc.model, sc.loss) == (window.run(0).model, window.run(0).loss) == \
        ("logistic", "logloss")
    args = build_parser().parse_args(["--optimizer", "momentum", "--steps", "5"])
    assert scenario_from_args(args).hyperparameters == {}


def test_edit_routes_each_field_to_its_scope(race):
    rec = Recorder(race)
    race.edit(1, learning_rate=0.0003, max_steps=77)
    assert rec.names() == ["runs_changed", "run_changed"]
    assert race.run(1).learning_rate == 0.0003
    assert all(race.run(k).max_steps == 77 for k in range(3))
    assert race.run(0).learning_rate != 0.0003
    with pytest.raises(KeyError):
        race.edit(0, no_such_field=1)


def test_adopt_problem_takes_a_result_computed_elsewhere_unless_stale():
    from gdstudio.core.session import with_problem_changes

    session = Session(Scenario(kind="surface", surface="quadratic"))
    base = session.run(0)
    candidate, dataset = with_problem_changes(base, {"kind": "data", "dataset": "penguins"})
    assert session.adopt_problem(base, candidate, dataset)
    assert session.run(0).dataset == "penguins" and session.setup.dataset is dataset

    base = session.run(0)
    candidate, dataset = with_problem_changes(base, {"noise": 0.5, "dataset": "moons"})
    session.edit_shared(seed=base.seed + 1)  # the user changed something meanwhile
    assert not session.adopt_problem(base, candidate, dataset)
    assert session.run(0).dataset == "penguins"
    assert not session.adopt_problem(session.run(0), session.run(0), None)  # no change
