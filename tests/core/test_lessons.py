"""Lessons: the format (pages, per-language text, questions, actions, show), errors with
key and line, the bundled library played page by page, save as lesson."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from gdstudio.core.lessons import (
    CONTROL_GROUPS,
    Action,
    LessonError,
    Page,
    Question,
    list_lessons,
    load_lesson,
    parse_lesson,
    render_markup,
    save_lesson,
)
from gdstudio.core.scenario import Scenario, load_scenario, prepare
from gdstudio.core.scenario import list_lessons as list_scenario_lessons
from gdstudio.core.stability import gd_stability_limit

BUNDLED = [info.name for info in list_lessons()]

GOOD = '''title = { en = "A lesson", zh_TW = "一課" }
summary = "One line."

[problem]
kind = "surface"
surface = "parabola"

[optimizer]
learning_rate = 0.25

[[pages]]
title = "First"
text = { en = "**Bold** and *italics*: θ ← θ − η·L′(θ)", zh_TW = "粗體" }
do = "Run 2 steps"
action = { run_steps = 2 }
show = ["learning_rate", "run_controls"]
question.kind = "number"
question.text = "x after 2 steps?"
question.answer = 0.5
question.tolerance = 0.01
question.why = "2 → 1 → 0.5"

[[pages]]
title = "Second"
text = "Plain English only."
action = { set = { learning_rate = 0.19, momentum = 0.5, optimizer = "momentum" } }
question.kind = "choice"
question.text = "Which?"
question.choices = ["a", { en = "b", zh_TW = "乙" }]
question.answer = 1
'''


def test_parse_a_lesson():
    lesson = parse_lesson(GOOD)
    assert lesson.title_for("zh_TW") == "一課" and lesson.title_for("fr") == "A lesson"
    assert lesson.summary_for() == "One line."
    assert lesson.scenario.surface == "parabola" and lesson.scenario.title == "A lesson"
    first, second = lesson.pages
    assert lesson.text_for(first, "zh_TW") == "粗體"
    assert lesson.text_for(second, "zh_TW") == "Plain English only."  # falls back to English
    assert lesson.text_for(0, "en", "do") == "Run 2 steps"
    assert first.show == ("learning_rate", "run_controls") and second.show is None
    assert first.action == Action(run_steps=2)
    assert first.question.check(0.505) and not first.question.check(0.52)
    assert not first.question.check("abc") and not first.question.check(float("nan"))
    assert second.question.check(1) and not second.question.check(0)
    assert not second.question.check(True)
    sc = second.action.apply(lesson.scenario)
    assert sc.optimizer == "momentum" and sc.learning_rate == 0.19
    assert sc.hyperparameters == {"momentum": 0.5}
    assert second.action.is_done(sc) and not second.action.is_done(lesson.scenario)
    assert first.action.is_done(lesson.scenario, steps_run=2)
    assert not first.action.is_done(lesson.scenario, steps_run=1)


def test_render_markup():
    assert render_markup("**a** *b* <c> \\*") == "<p><b>a</b> <i>b</i> &lt;c&gt; *</p>"
    assert render_markup("one\n\ntwo\nlines") == "<p>one</p><p>two lines</p>"
    with pytest.raises(ValueError):
        render_markup("**open")


@pytest.mark.parametrize("change, key, line", [
    ('question.answer = 0.5\nquestion.tolerance = 0.01', "pages[1].question.answer", 30),
    ('show = ["learning_rate", "run_controls"]', "pages[0].show", 16),
    ('action = { run_steps = 2 }', "pages[0].action.bogus", 15),
    ('text = "Plain English only."', "pages[1].text.fr", 25),
    ("learning_rate = 0.25", "optimizer.learning_rate", 9),
    ('title = "Second"', "pages[1].title", 24),
])
def test_a_bad_key_names_the_key_and_the_line(change, key, line):
    bad = {
        "pages[1].question.answer": 'question.answer = 0.5\nquestion.tolerance = 0.01',
        "pages[0].show": 'show = ["learning_rate", "joystick"]',
        "pages[0].action.bogus": "action = { bogus = 2 }",
        "pages[1].text.fr": 'text = { en = "x", fr = "y" }',
        "optimizer.learning_rate": "learning_rate = -1",
        "pages[1].title": "title = 5",
    }[key]
    text = GOOD.replace(change, bad, 1) if key != "pages[1].question.answer" else \
        GOOD.replace("question.answer = 1\n", "question.answer = 7\n")
    with pytest.raises(LessonError) as err:
        parse_lesson(text, path="x.toml")
    expected_key = "pages[1].question.answer" if key == "pages[1].question.answer" else key
    assert err.value.key == expected_key
    want = line if key != "pages[1].question.answer" else \
        text.splitlines().index("question.answer = 7") + 1
    assert err.value.line == want, str(err.value)
    assert f"line {want}" in str(err.value) and "x.toml" in str(err.value)


def test_a_syntax_error_gives_line_and_column():
    with pytest.raises(LessonError) as err:
        parse_lesson(GOOD.replace('do = "Run 2 steps"', 'do = "Run 2 steps'))
    assert err.value.key == "toml" and err.value.line == 14 and "line 14" in str(err.value)


@pytest.mark.parametrize("bad, key", [
    ('[[pages]]\ntitle = "t"\ntext = "**x"\n', "pages[0].text.en"),
    ('[[pages]]\ntitle = "t"\n', "pages[0].text"),
    ('[[pages]]\ntitle = { zh_TW = "t" }\ntext = "x"\n', "pages[0].title"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\naction = { set = { colour = 1 } }\n',
     "pages[0].action.set.colour"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\naction = { set = { learning_rate = -1 } }\n',
     "pages[0].action.set.learning_rate"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\naction = { run_steps = 0 }\n',
     "pages[0].action.run_steps"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\nquestion = { kind = "essay", text = "?" }\n',
     "pages[0].question.kind"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\nquestion = { kind = "choice", text = "?", '
     'choices = ["a"], answer = 0 }\n', "pages[0].question.choices"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\nquestion = { kind = "number", text = "?", '
     'answer = 1, tolerance = -1 }\n', "pages[0].question.tolerance"),
    ('[[pages]]\ntitle = "t"\ntext = "x"\ncolour = "red"\n', "pages[0].colour"),
])
def test_bad_pages(bad, key):
    base = '[problem]\nkind = "surface"\nsurface = "parabola"\n'
    with pytest.raises(LessonError) as err:
        parse_lesson(base + bad)
    assert err.value.key == key
    assert err.value.line is not None and err.value.line >= 4


def test_load_scenario_reads_a_lesson_file_and_ignores_its_pages(tmp_path):
    path = tmp_path / "l.toml"
    path.write_text(GOOD, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.surface == "parabola" and sc.title == "A lesson"


def test_the_library():
    names = BUNDLED
    assert len([n for n in names if n[:2].isdigit()]) >= 14
    assert {"rosenbrock_race", "penguins_linear", "mlp_circles"} <= set(names)
    assert names == list_scenario_lessons()
    for info in list_lessons():
        if info.name[:2].isdigit():
            assert info.title_for("zh_TW") != info.title_for("en")
            assert info.summary_for("en") and info.summary_for("zh_TW") != info.summary_for()
            assert "\n" not in info.summary_for()


def _trainers(scenario):
    setup = prepare(scenario)
    return setup, [setup.make_trainer(run) for run in scenario.run_scenarios()]


def play(name):
    """Play a lesson as a student would: for each page apply its action; yields
    (page, setup, trainers) after the action."""
    lesson = load_lesson(name)
    scenario = lesson.scenario
    setup, trainers = _trainers(scenario)
    for page in lesson.pages:
        action = page.action
        if action is not None:
            if action.set:
                scenario = action.apply(scenario)
            if action.set or action.reset:
                setup, trainers = _trainers(scenario)
            with np.errstate(all="ignore"):
                for t in trainers:
                    if action.run_steps:
                        t.run(action.run_steps)
                    if action.run_to_stop:
                        t.run_to_stop()
            assert action.is_done(scenario, steps_run=action.run_steps or 0)
        yield page, setup, trainers


@pytest.mark.parametrize("name", BUNDLED)
def test_every_lesson_plays(name):
    lesson = load_lesson(name)
    for page in lesson.pages:
        for field in ("title", "text"):
            assert lesson.text_for(page, "en", field)
            if name[:2].isdigit():
                assert lesson.text_for(page, "zh_TW", field) != lesson.text_for(page, "en", field)
            render_markup(lesson.text_for(page, "zh_TW", field))
        assert page.show is None or set(page.show) <= set(CONTROL_GROUPS)
    for _ in play(name):
        pass


def test_lesson_02_numbers():
    pages = list(play("02_slope_at_a_point"))
    assert pages[1][0].question.check(float(pages[1][2][0].theta[0]))  # 0.5 after 2 steps
    assert pages[2][2][0].theta[0] == 2.0 and pages[2][2][0].loss == 4.0  # bounces
    assert pages[3][0].question.check(float(pages[3][2][0].theta[0]))  # −3.456


def test_lesson_03_numbers():
    pages = list(play("03_the_update_rule"))
    t = pages[2][2][0]
    assert t.history.loss[0] == 4.0 and list(t.history.grad[0]) == [2.0, 4.0]
    assert pages[2][0].question.check(float(t.history.theta[1][1]))  # y after one step
    assert pages[3][0].question.check(float(t.history.theta[3][0]))  # x after three


def test_lesson_04_race():
    (p0, setup, ts), (p1, _, ts2) = list(play("04_learning_rate"))
    losses = [t.history.loss[100] for t in ts2]
    assert int(np.argmin(losses)) == p0.question.answer
    assert math.isclose(gd_stability_limit(setup.problem, ts[0].theta0), p1.question.answer)
    assert [t.status for t in ts2] == ["finished"] * 3 + ["diverged"]
    assert ts2[3].diverged_at == 196


def test_lesson_06_stopping():
    pages = list(play("06_stopping_conditions"))
    assert pages[0][0].question.check(float(pages[0][2][0].theta[0]))
    assert pages[1][2][0].step_count == 411 and pages[1][2][0].stop_reason == "grad_tol"
    assert pages[2][2][0].step_count == 298 and pages[2][2][0].stop_reason == "loss_tol"


def test_lesson_14_step_decay():
    pages = list(play("14_learning_rate_schedules"))
    t = pages[1][2][0]
    assert pages[1][0].question.check(float(t.lr_at(700)))


def test_save_as_lesson_round_trip(tmp_path):
    scenario = load_lesson("04_learning_rate").scenario
    page = Page(title={"en": "Mine", "zh_TW": "我的"}, text={"en": "**Try** it"},
                action=Action(set={"learning_rate": 0.05}, run_steps=10),
                question=Question("number", {"en": "?"}, 1.0, tolerance=0.5),
                show=("learning_rate",))
    path = tmp_path / "mine.toml"
    path.write_text("old", encoding="utf-8")
    save_lesson(scenario, path, [page], title={"en": "T", "zh_TW": "題"},
                summary={"en": "S"})
    assert [p.name for p in tmp_path.iterdir()] == ["mine.toml"]  # no temporary file left
    lesson = load_lesson(path)
    assert lesson.pages == (page,)
    assert lesson.scenario.runs == scenario.runs and len(lesson.scenario.runs) == 3
    assert lesson.title_for("zh_TW") == "題" and lesson.summary_for() == "S"
    save_lesson(scenario, path)  # no pages: a lesson a teacher can add pages to
    assert load_lesson(path).pages == () and load_scenario(path).runs == scenario.runs


def test_save_lesson_leaves_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "keep.toml"
    path.write_text("old", encoding="utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        save_lesson(Scenario(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.toml"]


def test_a_missing_lesson_names_the_bundled_ones():
    with pytest.raises(LessonError) as err:
        load_lesson("nope")
    assert err.value.key == "file" and "02_slope_at_a_point" in str(err.value)


def test_the_documented_example_parses():
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "lessons.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    lesson = parse_lesson(example)
    assert len(lesson.pages) == 2 and lesson.pages[1].question.answer == 2
    assert lesson.text_for(1, "zh_TW", "title") == "A step too far"
    assert lesson.pages[1].question.choices[2]["zh_TW"] == "在 2 和 −2 之間來回"


def test_every_bundled_lesson_and_scenario_has_its_title_and_summary_in_both_languages():
    """The Lessons menu and `gdstudio --list-lessons --lang zh_TW` list every bundled file
    in Chinese too (three scenario files were English only)."""
    from gdstudio.core.lessons import list_lessons

    for info in list_lessons():
        for text in (info.title, info.summary):
            assert set(text) >= {"en", "zh_TW"}, info.name
            assert text["zh_TW"].strip() and text["zh_TW"] != text["en"], info.name
