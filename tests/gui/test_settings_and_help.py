"""Remembered settings (a temporary settings file), the user guide, shortcuts, About."""

from __future__ import annotations

import math

from PySide6.QtCore import QSettings

from gdstudio.core.scenario import Scenario
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.help import licence_lines, show_shortcuts, show_user_guide
from gdstudio.gui.settings import Preferences

SCENARIO = Scenario(kind="surface", surface="himmelblau", optimizer="gd", learning_rate=0.01)


def _prefs(tmp_path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "gdstudio.ini"), QSettings.Format.IniFormat))


def test_settings_survive_a_restart(qtbot, tmp_path):
    first = MainWindow(SCENARIO, preferences=_prefs(tmp_path))
    qtbot.addWidget(first)
    first.resize(760, 540)
    first.show()
    size = (first.size().width(), first.size().height())
    first.speed.setValue(math.inf)
    first.act_log.trigger()  # off
    first.act_scale.trigger()  # off
    assert not first.act_log.isChecked()
    lesson = tmp_path / "mine.toml"
    lesson.write_text(SCENARIO.to_toml(), encoding="utf-8")
    assert first.open_scenario(str(lesson))
    first.close()
    second = MainWindow(SCENARIO, preferences=_prefs(tmp_path))
    qtbot.addWidget(second)
    try:
        assert math.isinf(second.speed.value())
        assert not second.act_log.isChecked() and not second.act_scale.isChecked()
        # the offscreen screen is 800 px wide: the restored width is clamped to it
        assert second.preferences.geometry() is not None and second.size().height() == size[1]
        assert second.preferences.recent_files() == [str(lesson.resolve())]
        assert second.preferences.value("files/last", "", str) == str(lesson)
        assert [a.text() for a in second.recent_menu.actions()] == ["mine.toml"]
        second.reset_settings()
        assert second.preferences.recent_files() == []
    finally:
        second.close()


def test_without_preferences_nothing_is_written(qtbot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    w.close()
    assert w.preferences is None and list(tmp_path.iterdir()) == []


def test_user_guide_shortcuts_and_licences(qtbot):
    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    try:
        guide = show_user_guide(w, modal=False)
        text = guide.browser.toPlainText()
        assert "Initialise" in text and "Repeat until a stopping condition" in text
        keys = show_shortcuts(w, w.actions(), modal=False).browser.toPlainText()
        assert "Space" in keys and "Play" in keys and "Step back" in keys
        lines = licence_lines()
        assert any(line.startswith("penguins:") for line in lines) and len(lines) >= 5
    finally:
        w.close()
