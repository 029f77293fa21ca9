"""Shared fixture of the packaging tests: one run of packaging/linux/build.sh per session.

The build (wheel, sdist, frozen app, .deb; ~3-4 minutes) runs once. If dist/ already
holds a build newer than every source, packaging and resource file (e.g. .ci/run or a
developer ran build.sh just before), it is reused instead. Skip all of these locally
with ``pytest -m "not packaging"``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import gdstudio

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
BUILD_SH = REPO / "packaging" / "linux" / "build.sh"
SOURCES = ("gdstudio", "resources", "packaging", "pyproject.toml")


@dataclass(frozen=True)
class LinuxBuild:
    version: str
    wheel: Path
    sdist: Path
    bundle: Path  # dist/gdstudio, the frozen one-folder app
    deb: Path


def _artefacts() -> LinuxBuild:
    v = gdstudio.__version__
    return LinuxBuild(version=v, wheel=DIST / f"gdstudio-{v}-py3-none-any.whl",
                      sdist=DIST / f"gdstudio-{v}.tar.gz", bundle=DIST / "gdstudio",
                      deb=DIST / f"gdstudio_{v}_amd64.deb")


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = REPO / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _fresh(build: LinuxBuild) -> bool:
    parts = [build.wheel, build.sdist, build.deb, build.bundle / "gdstudio"]
    if not all(p.exists() for p in parts):
        return False
    oldest_output = min(p.stat().st_mtime for p in parts)
    return oldest_output > _newest_source_mtime()


@pytest.fixture(scope="session")
def linux_build() -> LinuxBuild:
    if not sys.platform.startswith("linux") or shutil.which("dpkg") is None:
        pytest.skip("the Linux packaging build needs a Debian-like Linux (dpkg)")
    build = _artefacts()
    if not _fresh(build):
        proc = subprocess.run(["bash", str(BUILD_SH)], cwd=REPO, capture_output=True,
                              text=True, timeout=1500)
        if proc.returncode != 0:
            pytest.fail(f"build.sh failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n"
                        f"{proc.stderr[-4000:]}")
    for p in (build.wheel, build.sdist, build.deb, build.bundle / "gdstudio"):
        assert p.exists(), f"build.sh did not produce {p}"
    return build
