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
