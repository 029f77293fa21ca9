"""`gdstudio --list-lessons`, and lessons run headless with `gdstudio run LESSON`."""

import json

from gdstudio.app import main


def test_list_lessons(capsys):
    assert main(["--list-lessons"]) == 0
    out = capsys.readouterr().out
    assert "02_slope_at_a_point  The slope at a point" in out
    assert "rosenbrock_race" in out and "\n    On L(x) = x²" in out


def test_list_lessons_in_traditional_chinese(capsys):
    assert main(["--list-lessons", "--lang", "zh_TW"]) == 0
    assert "02_slope_at_a_point  某一點的斜率" in capsys.readouterr().out


def test_a_lesson_runs_headless(capsys):
    assert main(["run", "02_slope_at_a_point", "--steps", "2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["theta"] == {"x": 0.5} and result["final_loss"] == 0.25
