"""`gdstudio run --expression`: a function typed as text on the command line."""

from __future__ import annotations

import json

import pytest

from gdstudio.app import main


def test_run_an_expression(capsys):
    assert main(["run", "--expression", "x**2 + 10*y**2", "--lr", "0.05", "--steps", "100",
                 "--init", "1,1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["steps"] == 100 and set(result["theta"]) == {"x", "y"}
    assert result["theta"]["x"] == pytest.approx(0.9**100) and result["theta"]["y"] == 0.0


def test_one_variable(capsys):
    assert main(["run", "--expression", "x^2", "--lr", "0.25", "--init", "2", "--steps", "2",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["theta"] == {"x": 0.5}


@pytest.mark.parametrize("text, where", [
    ("x y", "position 3 ('y')"),
    ("__import__('os').system('ls')", "position 1 ('__import__')"),
    ("x**9999999", "position 4 ('9999999')"),
    ("х + y", "position 1"),
])
def test_a_bad_expression_is_bad_input(text, where, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["run", "--expression", text, "--csv", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--expression" in err and where in err
    assert not out.exists()


def test_expression_and_surface_together_are_refused(capsys):
    assert main(["run", "--expression", "x**2", "--surface", "booth"]) == 2


def test_leaving_the_domain_diverges_with_a_clear_message(capsys):
    assert main(["run", "--expression", "log(x)", "--init", "1", "--lr", "0.5",
                 "--steps", "10"]) == 1
    assert "left the domain of f" in capsys.readouterr().err


def test_sweep_an_expression(capsys):
    assert main(["sweep", "--expression", "x**2 + 10*y**2", "--num", "4", "--steps", "50",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stability_limit"] == pytest.approx(0.1)


def test_a_scenario_file_with_an_expression(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text('[problem]\nkind = "surface"\nsurface = "expression"\n'
                    'expression = "(x - 1)**2 + (y + 2)**2"\n[optimizer]\nlearning_rate = 0.25\n'
                    '[stopping]\nmax_steps = 200\n', encoding="utf-8")
    assert main(["run", str(path), "--json"]) == 0
    theta = json.loads(capsys.readouterr().out)["theta"]
    assert theta["x"] == pytest.approx(1.0) and theta["y"] == pytest.approx(-2.0)
