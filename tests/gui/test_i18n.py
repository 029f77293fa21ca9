"""The window's two languages: the catalogue is complete, up to date with the code and
consistent (placeholders, markup, mnemonics, the glossary's terms, Traditional script);
switching language is live, reversible and remembered."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import QLocale, QSettings

from gdstudio.core.scenario import Scenario
from gdstudio.gui import i18n
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.settings import Preferences

TS = i18n.ts_path("zh_TW")
ENTRIES = i18n.read_ts(TS)
SCENARIO = Scenario(kind="surface", surface="himmelblau", optimizer="gd", learning_rate=0.01)


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Every string the code marks is in the committed .ts, and nothing else is (run
    ``python -m gdstudio.gui.i18n update`` after changing a text)."""
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    i18n.lupdate(fresh)
    assert set(i18n.read_ts(fresh)) == set(ENTRIES)


def test_the_catalogue_is_not_empty():
    contexts = {context for context, _ in ENTRIES}
    assert {"Menus", "MainWindow", "Messages", "Help"} <= contexts
    assert len(ENTRIES) > 100


@pytest.mark.parametrize("key", sorted(ENTRIES), ids=lambda k: f"{k[0]}:{k[1][:40]}")
def test_every_entry_is_translated_consistently(key):
    source, text = key[1], ENTRIES[key]
    assert text, f"untranslated: {key}"
    placeholders = re.compile(r"\{[a-z_0-9]*\}")
    assert sorted(placeholders.findall(text)) == sorted(placeholders.findall(source))
    tags = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
    assert sorted(tags.findall(text)) == sorted(tags.findall(source))
    mnemonic = re.search(r"&([^&\s])", re.sub(r"&&|&#?[a-z0-9]+;", "", source))
    if mnemonic:
        assert f"(&{mnemonic.group(1).upper()})" in text


# a few characters written differently in Simplified Chinese (the catalogue is Traditional)
_SIMPLIFIED = set("这们个说时为学习损数据设计执开关图选择显练络训输参从动导终")
# English term → the glossary's zh_TW term (docs/glossary.md)
_TERMS = {"learning rate": "學習率", "gradient": "梯度", "loss": "損失", "epoch": "訓練週期",
          "converged": "收斂", "diverged": "發散", "momentum": "動量", "mini-batch": "小批次",
          "backpropagation": "反向傳播", "optimizer": "最佳化器", "stopping": "停止"}


def test_traditional_script_and_the_glossary_terms():
    simplified = {key: text for key, text in ENTRIES.items()
                  if text and set(text) & _SIMPLIFIED}
    assert not simplified
    for (context, source), text in ENTRIES.items():
        for term, zh in _TERMS.items():
            words = re.sub(r"\{[a-z_0-9]*\}", "", source)  # not the placeholders' names
            if re.search(rf"\b{re.escape(term)}\b", words, re.IGNORECASE):
                assert zh in (text or ""), (context, source, text, zh)


@pytest.mark.parametrize("name, expected", [("zh_TW", "zh_TW"), ("zh_HK", "zh_TW"),
                                            ("zh_Hant_SG", "zh_TW"), ("zh_CN", "en"),
                                            ("en_US", "en"), ("de_DE", "en")])
def test_the_default_language_follows_the_system_locale(name, expected):
    assert i18n.system_language(QLocale(name)) == expected


def test_an_unknown_language_changes_nothing(qtbot):
    assert not i18n.set_language("xx")
    assert i18n.current_language() == "en"


def _visible_texts(w: MainWindow) -> dict[str, str]:
    return {"file": w.file_menu.title(), "play": w.act_play.text(),
            "step tip": w.act_step.toolTip(), "dock": w.dock.windowTitle(),
            "card": w.card_dock.windowTitle(), "tab": w.data_tabs.tabText(0),
            "status": w.status_label.text(), "language": w.language_menu.title()}


def test_switching_language_is_live_and_reversible(qtbot, tmp_path):
    prefs = Preferences(QSettings(str(tmp_path / "gdstudio.ini"), QSettings.Format.IniFormat))
    w = MainWindow(SCENARIO, preferences=prefs)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.last_status is not None)  # the worker's first status
    english = _visible_texts(w)
    assert english["file"] == "&File" and english["play"] == "Play"
    w.language_actions["zh_TW"].trigger()
    qtbot.waitUntil(lambda: w.file_menu.title() == "檔案(&F)")
    chinese = _visible_texts(w)
    assert chinese["play"] == "播放" and chinese["dock"] == "設定"
    assert chinese["card"] == "這次更新" and chinese["language"] == "語言"
    assert chinese["step tip"].startswith("走一步梯度下降")
    assert all(chinese[k] != english[k] for k in english), chinese
    assert w.language_actions["zh_TW"].isChecked()
    assert prefs.value("view/language", "", str) == "zh_TW"
    # the next start speaks it too
    assert Preferences(QSettings(str(tmp_path / "gdstudio.ini"),
                                 QSettings.Format.IniFormat)).value(
        "view/language", "", str) == "zh_TW"
    w.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: w.file_menu.title() == "&File")
    assert _visible_texts(w) == english
    assert prefs.value("view/language", "", str) == "en"


def test_the_status_line_follows_the_language(qtbot):
    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.controller.statusChanged, timeout=10_000):
        w.step()
    qtbot.waitUntil(lambda: "1" in w.status_label.text())
    english = w.status_label.text()
    i18n.set_language("zh_TW")
    qtbot.waitUntil(lambda: w.status_label.text() != english)
    assert "第 1 步" in w.status_label.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: w.status_label.text() == english)


def test_the_user_guide_and_lessons_menu_in_chinese(qtbot):
    from gdstudio.gui.help import show_user_guide

    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    i18n.set_language("zh_TW")
    qtbot.waitUntil(lambda: w.file_menu.title() == "檔案(&F)")
    guide = show_user_guide(w, modal=False)
    assert "梯度下降的五個步驟" in guide.browser.toPlainText()
    guide.close()
    w._fill_lessons()
    titles = [a.text() for a in w.lessons_menu_actions]
    assert titles and any("損失" in t for t in titles)


def test_a_lessons_title_follows_the_language(qtbot):
    """The window title and the settings pane's lesson card show the lesson's own
    zh_TW title (its file has one), and its English one again after switching back."""
    from gdstudio.core.lessons import load_lesson

    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    assert w.open_scenario("03_the_update_rule")
    lesson = load_lesson("03_the_update_rule")
    english, chinese = lesson.title_for("en"), lesson.title_for("zh_TW")
    assert english != chinese
    assert w.windowTitle().startswith(english) and english in w.panel.lesson_label.text()
    i18n.set_language("zh_TW")
    qtbot.waitUntil(lambda: w.windowTitle().startswith(chinese))
    assert chinese in w.panel.lesson_label.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: w.windowTitle().startswith(english))
    assert english in w.panel.lesson_label.text()


def test_the_equation_words_are_listed_and_shown_in_chinese(qtbot):
    """Every word of the core's equations is in the catalogue, and the card of a
    momentum run's first update reads in Chinese, with the same symbols and numbers."""
    import re as _re

    from gdstudio.core.explain import WORDS
    from gdstudio.gui.update_card import EQUATION_WORDS, localised

    assert EQUATION_WORDS == WORDS
    w = MainWindow(Scenario(kind="surface", surface="quadratic", optimizer="nesterov",
                            learning_rate=0.01))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.card.explanation is not None, timeout=10_000)
    english = w.card.equations.toPlainText()
    assert "(first update: v ← g)" in english and "(look-ahead)" in english
    i18n.set_language("zh_TW")
    qtbot.waitUntil(lambda: w.card.equations.toPlainText() != english)
    chinese = w.card.equations.toPlainText()
    assert "（第一次更新" in chinese or "(第一次更新" in chinese
    assert "前瞻" in chinese
    assert not _re.findall(r"[A-Za-z]{3,}", chinese.replace("Nesterov", "").replace("λmax", ""))
    assert localised("12 parameters") == "12 個參數"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: w.card.equations.toPlainText() == english)


def test_every_expression_error_is_in_the_catalogue_with_the_cores_english():
    from gdstudio.core import expressions
    from gdstudio.gui.messages import EXPRESSION_MESSAGES, EXPRESSION_WHERE

    assert EXPRESSION_MESSAGES == expressions.MESSAGES
    assert EXPRESSION_WHERE == (expressions.WHERE_POSITION, expressions.WHERE_TOKEN,
                                expressions.WHERE_END)


@pytest.mark.parametrize("text, english, chinese", [
    ("x^^2", "a value (a number, x, y, a function or '(') is expected here at position 3 "
     "('^')", "這裡需要一個值（數字、x、y、函數或 '('）（第 3 個字元：'^'）"),
    ("(x + y", "expected a closing parenthesis ')' at the end of the expression",
     "缺少右括號 ')'（在函數結尾）"),
    ("x**999", "a constant exponent must be a number from −64 to 64 at position 4 ('999')",
     "常數指數必須介於 −64 到 64 之間（第 4 個字元：'999'）"),
])
def test_an_expression_error_in_both_languages(qtbot, text, english, chinese):
    """The settings pane's message for a mistyped function: the core's English, and the
    same error (code, position, token) in Chinese after a switch."""
    from gdstudio.gui.messages import error_text

    w = MainWindow(Scenario(kind="surface", surface="expression", expression="x**2 + y**2"))
    qtbot.addWidget(w)
    panel = w.panel

    def type_in(expr):
        panel.expression.setText(expr)
        panel.expression.setModified(True)
        panel.expression.editingFinished.emit()
        return panel.error_label.text()

    assert type_in(text) == "Function f(x, y): " + english
    i18n.set_language("zh_TW")
    assert type_in(text + " ") == "函數 f(x, y)：" + chinese
    from gdstudio.core.expressions import ExpressionError, parse_expression

    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert error_text(info.value) == chinese
    i18n.set_language("en")
    assert str(info.value) == english == error_text(info.value)


def test_a_scenario_file_without_pages_shows_its_own_translation(qtbot):
    """rosenbrock_race has no pages: its title and summary still follow the language, in
    the settings card and the window title."""
    w = MainWindow(SCENARIO)
    qtbot.addWidget(w)
    assert w.open_scenario("rosenbrock_race")
    assert not w.lesson_dock.isVisibleTo(w)
    english = (w.panel.lesson_label.text(), w.windowTitle())
    assert "Three optimizers race" in english[0] and "Three optimizers race" in english[1]
    i18n.set_language("zh_TW")
    qtbot.waitUntil(lambda: w.windowTitle() != english[1])
    assert "三種最佳化器在 Rosenbrock 山谷中競賽" in w.windowTitle()
    assert "三種最佳化器" in w.panel.lesson_label.text()
    assert "每個參數" in w.panel.lesson_label.text()  # the summary, in Chinese
    i18n.set_language("en")
    qtbot.waitUntil(lambda: (w.panel.lesson_label.text(), w.windowTitle()) == english)
