"""The wheel and the sdist (``python -m build``, via packaging/linux/build.sh) carry every
resource and run from another directory in a fresh venv.

Marked ``packaging``; skip locally with ``-m "not packaging"``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]


def _resource_files() -> list[str]:
    """Every file under resources/ (lessons, datasets, icons, translations …), relative."""
    root = REPO / "resources"
    files = sorted(str(f.relative_to(root)) for f in root.rglob("*")
                   if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc")
    assert "lessons/rosenbrock_race.toml" in files
    return files


def test_wheel_holds_every_resource(linux_build):
    names = set(zipfile.ZipFile(linux_build.wheel).namelist())
    missing = [f for f in _resource_files() if f"gdstudio/resources/{f}" not in names]
    assert not missing, f"not in the wheel: {missing}"
    # the compiled catalogue, built from the committed .ts before the wheel
    assert "gdstudio/resources/translations/gdstudio_zh_TW.qm" in names


def test_sdist_holds_every_resource(linux_build):
    with tarfile.open(linux_build.sdist) as tar:
        names = set(tar.getnames())
    prefix = f"gdstudio-{linux_build.version}/resources/"
    missing = [f for f in _resource_files() if prefix + f not in names]
    assert not missing, f"not in the sdist: {missing}"


def _clean_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(var, None)
    return env


def _check_installed(venv: Path, cwd: Path) -> None:
    env = _clean_env()
    gdstudio = venv / "bin" / "gdstudio"
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "from gdstudio.paths import get_resource_path as g; print(g())"],
        cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where
    assert not Path(where).resolve().is_relative_to(REPO), where
    for lesson in ("rosenbrock_race", "penguins_linear"):  # penguins: a bundled dataset
        proc = subprocess.run([str(gdstudio), "run", lesson, "--steps", "10", "--json"],
                              cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        assert result["steps"] == 10 and result["status"] == "finished", result
    for f in _resource_files():
        assert (Path(where) / f).is_file(), f"{f} not installed"


def test_wheel_and_sdist_install_and_run_elsewhere(linux_build, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
           "--disable-pip-version-check"]
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    subprocess.run([*pip, str(linux_build.wheel)], cwd=cwd, env=_clean_env(), check=True,
                   timeout=900)
    _check_installed(venv, cwd)
    # The sdist, over the same venv (its dependencies are there already).
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(linux_build.sdist)], cwd=cwd,
                   env=_clean_env(), check=True, timeout=900)
    _check_installed(venv, cwd)
