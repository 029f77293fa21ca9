"""Files are written whole or not at all, with the permissions a plain open() gives."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from gdstudio.core.atomic import atomic_output, write_text
from gdstudio.core.lessons import save_lesson
from gdstudio.core.scenario import Scenario, save_scenario

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_file_gets_the_mode_open_would_give(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_text(tmp_path / "a.toml", "x = 1\n")
        with open(tmp_path / "plain.toml", "w") as f:
            f.write("x = 1\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.toml") == 0o666 & ~umask == _mode(tmp_path / "plain.toml")


@posix_only
def test_saved_scenarios_and_lessons_are_readable_by_the_class(tmp_path):
    old = os.umask(0o022)
    try:
        save_scenario(Scenario(), tmp_path / "s.toml")
        save_lesson(Scenario(), tmp_path / "l.toml")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "s.toml") == 0o644
    assert _mode(tmp_path / "l.toml") == 0o644


@posix_only
def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert _mode(target) == 0o640


def test_a_failure_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "plot.png"
    target.write_bytes(b"old picture")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        assert tmp.endswith(".png") and os.path.dirname(tmp) == str(tmp_path)
        with open(tmp, "wb") as f:
            f.write(b"half")
        raise RuntimeError("the export failed")
    assert target.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plot.png"]


def test_a_missing_folder_is_an_oserror_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_text(tmp_path / "missing" / "a.toml", "x = 1\n")
    assert list(tmp_path.iterdir()) == []


def test_text_is_utf8_with_unix_newlines(tmp_path):
    write_text(tmp_path / "a.toml", 'title = "梯度下降"\nx = 1\n')
    assert (tmp_path / "a.toml").read_bytes() == 'title = "梯度下降"\nx = 1\n'.encode()
