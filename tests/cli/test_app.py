"""The `gdstudio` command: dispatch, and a clear message where no window can open."""

import pytest

from gdstudio import __version__
from gdstudio.app import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_no_display_gives_a_clear_message_instead_of_a_qt_abort(monkeypatch, capsys):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "no display" in err and "--screenshot" in err and "gdstudio run" in err


def test_run_subcommand_is_dispatched(capsys):
    assert main(["run", "--surface", "booth", "--lr", "0.05", "--steps", "20", "--json"]) == 0
    assert '"steps": 20' in capsys.readouterr().out


def test_the_window_screenshot_in_traditional_chinese(tmp_path):
    """``gdstudio --lang zh_TW --screenshot`` renders the window in 繁體中文 (a fresh
    process: the language is the process's)."""
    import os
    import subprocess
    import sys

    out = tmp_path / "zh.png"
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "--lang", "zh_TW",
                           "--screenshot", str(out), "--steps", "3"],
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000


def test_an_unknown_language_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "--screenshot", "x.png"])
    assert exit_info.value.code == 2
    assert "zh_TW" in capsys.readouterr().err
