"""Every ``gdstudio run`` example in README.md runs as written and exits 0."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pytest

from gdstudio.cli import run_main

README = Path(__file__).resolve().parents[2] / "README.md"


def _examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("gdstudio run")]


def _my_csv(folder: Path) -> None:
    """A typical two-column CSV: heights (cm) and weights (kg) of 120 people."""
    rng = np.random.default_rng(11)
    height = rng.normal(170, 9, 120)
    weight = 0.9 * height - 85 + rng.normal(0, 6, 120)
    folder.joinpath("my.csv").write_text(
        "height,weight\n" + "".join(f"{h:.1f},{w:.1f}\n" for h, w in zip(height, weight)),
        encoding="utf-8")


def test_the_readme_has_examples():
    assert len(_examples()) >= 3


@pytest.mark.parametrize("line", _examples())
def test_readme_example_runs(line, tmp_path, monkeypatch, capsys):
    _my_csv(tmp_path)
    monkeypatch.chdir(tmp_path)  # outputs such as penguins.csv land in the temp folder
    code = run_main(shlex.split(line)[2:])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err and out
