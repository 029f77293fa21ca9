"""Traditional Chinese in the controls: the control panel, the readout, the update card,
the lesson pane, the sweep and network views switch language live and back exactly, and
switching changes nothing in the session; every core name is listed for translation."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from gdstudio.core.datasets import BUNDLED_DATASETS, SYNTHETIC_DATASETS
from gdstudio.core.datasets.bundled import _BUNDLED
from gdstudio.core.expressions import ExpressionSurface
from gdstudio.core.losses import LOSS_NAMES, get_loss
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer
from gdstudio.core.scenario import Scenario
from gdstudio.core.schedules import SCHEDULE_NAMES
from gdstudio.core.session import Session
from gdstudio.core.status import Status
from gdstudio.core.surfaces import ALL_SURFACE_NAMES, get_surface
from gdstudio.gui import names
from gdstudio.gui.control_panel import ControlPanel
from gdstudio.gui.i18n import current_language, read_ts, set_language, ts_path
from gdstudio.gui.tooltips import TOOLTIPS
from gdstudio.paths import get_resource_path

TIMEOUT = 20_000


def texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text ``root`` shows (labels, buttons, group titles, combo items and their
    tooltips, placeholders, special values, tooltips, rich text), in a stable order."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        kind = type(w).__name__
        if w.toolTip():
            out.append((f"{kind} tip", w.toolTip()))
        if isinstance(w, QLabel):
            out.append((kind, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((kind, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                out.append((kind, w.itemText(i)))
                out.append((f"{kind} item tip", str(w.itemData(i, 3) or "")))  # ToolTipRole
        elif isinstance(w, QLineEdit):
            out.append((kind, w.placeholderText()))
        elif isinstance(w, QTextBrowser):
            out.append((kind, w.toPlainText()))
        if isinstance(w, QAbstractSpinBox):
            out.append((kind, w.specialValueText()))
            out.append((kind, getattr(w, "prefix", lambda: "")()))
    return out


def switch(qtbot, lang: str, arrived) -> None:
    """Speak ``lang``; wait until the posted LanguageChange has been handled."""
    assert set_language(lang)
    qtbot.waitUntil(arrived, timeout=TIMEOUT)


@pytest.fixture
def english(qtbot):
    """English before and after the test, whatever happens in it."""
    set_language("en")
    yield
    set_language("en")
    qtbot.wait(10)  # deliver the LanguageChange to what is still alive


def combo_state(root: QWidget) -> list[tuple[int, object]]:
    return [(c.currentIndex(), c.currentData()) for c in root.findChildren(QComboBox)]


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# -- the core's names ---------------------------------------------------------------------
def test_every_core_name_is_listed_and_translated():
    listed = set(names.CORE_TITLES)
    titles = ([get_loss(n).title for n in LOSS_NAMES]
              + [make_optimizer(n).title for n in OPTIMIZER_NAMES]
              + [get_surface(n).title for n in ALL_SURFACE_NAMES]
              + [ExpressionSurface.title])
    assert [t for t in titles if t not in listed] == []
    assert set(MODEL_NAMES) <= set(names.MODEL_TITLES)
    assert set(SCHEDULE_NAMES) <= set(names.SCHEDULE_TITLES)
    assert set(ACTIVATION_NAMES) <= set(names.ACTIVATION_TITLES)
    assert set(SYNTHETIC_DATASETS) <= set(names.SYNTHETIC_TITLES)
    assert set(BUNDLED_DATASETS) == set(names.BUNDLED_TITLES)
    assert all(names.BUNDLED_TITLES[k] == _BUNDLED[k].title for k in BUNDLED_DATASETS)
    assert {str(s) for s in Status} <= set(names.STATUS_TITLES)
    assert set(SCHEDULE_NAMES) <= set(names.RUN_SCHEDULE_WORDS)
    catalogue = read_ts(ts_path("zh_TW"))
    every = [*listed, *names.MODEL_TITLES.values(), *names.SCHEDULE_TITLES.values(),
             *names.ACTIVATION_TITLES.values(), *names.SYNTHETIC_TITLES.values(),
             *names.BUNDLED_TITLES.values(), *names.TASK_TITLES.values(),
             *names.STATUS_TITLES.values(), *names.RUN_SCHEDULE_WORDS.values()]
    assert [t for t in every if not catalogue.get(("Names", t))] == []
    assert [t for t in TOOLTIPS.values() if not catalogue.get(("Tooltips", t))] == []


def test_run_names_are_composed_as_the_core_composes_them(english):
    for changes in ({}, {"optimizer": "momentum", "batch_size": 32},
                    {"optimizer": "gd", "batch_size": 1}, {"schedule": "inverse_time"},
                    {"optimizer": "newton", "schedule": "warmup"},
                    {"optimizer": "rmsprop", "hyperparameters": {"momentum": 0.5}}):
        session = Session(dataclasses.replace(Scenario(), **changes))
        assert names.run_name(session.run(0)) == session.run_name(0)


# -- the control panel --------------------------------------------------------------------
def test_the_control_panel_speaks_chinese_and_back(qtbot, english):
    scenario = Scenario(kind="data", dataset="moons", model="mlp", loss="logloss",
                        optimizer="adam", schedule="cosine", batch_size=8)
    session = Session(scenario)
    session.add_run(optimizer="momentum")
    session.set_focus(0)
    panel = ControlPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    events: list[str] = []
    for name in ("problem_changed", "runs_changed", "run_changed", "focus_changed",
                 "title_changed"):
        getattr(session, name).connect(lambda *_a, name=name: events.append(name))
    before_runs = session.runs
    english_texts = texts(panel)
    combos = combo_state(panel)
    problem_box = panel.boxes["problem"]
    assert problem_box.title() == "Problem"

    switch(qtbot, "zh_TW", lambda: problem_box.title() == "問題")
    assert current_language() == "zh_TW"
    chinese = texts(panel)
    assert len(chinese) == len(english_texts)
    changed = [(e, c) for e, c in zip(english_texts, chinese) if e != c]
    assert len(changed) > 100
    assert panel.boxes["optimizer"].title() == "梯度下降"
    assert panel.optimizer.currentText() == "Adam"
    assert panel.loss.currentText() == "對數損失（二元交叉熵）"
    assert panel.model.currentText() == "神經網路 (MLP)"
    assert panel.kind.currentText() == "用模型擬合資料"
    assert panel.schedule.currentText() == "餘弦退火"
    assert panel.max_steps.specialValueText() == "不限"
    assert "訓練週期" in panel.epoch_label.text()
    assert has_chinese(panel.learning_rate.toolTip())
    assert has_chinese(panel.dataset_info.text())
    assert panel.run_list.item(1).text().startswith("執行 2：動量，η = ")
    assert "偏差校正" in [w.text() for w in panel.hp_box.findChildren(QAbstractButton)]
    assert combo_state(panel) == combos
    assert session.runs == before_runs and events == []

    switch(qtbot, "en", lambda: problem_box.title() == "Problem")
    assert texts(panel) == english_texts
    assert combo_state(panel) == combos
    assert session.runs == before_runs and events == []
    # the panel still edits the session (by item data, whatever the item's text)
    panel.activation.setCurrentIndex(panel.activation.findData("relu"))
    assert session.run(0).activation == "relu"


def test_forms_built_while_chinese_go_back_to_english(qtbot, english):
    session = Session(Scenario(optimizer="gd"))
    panel = ControlPanel(session)
    qtbot.addWidget(panel)
    switch(qtbot, "zh_TW", lambda: panel.boxes["problem"].title() == "問題")
    session.edit_run(0, optimizer="adam")  # its form is built in Chinese
    session.edit_shared(schedule="step")
    labels = [w.text() for w in panel.hp_box.findChildren(QLabel)]
    assert "權重衰減 λ" in labels
    assert "倍率 γ" in [w.text() for w in panel.sched_box.findChildren(QLabel)]
    switch(qtbot, "en", lambda: panel.boxes["problem"].title() == "Problem")
    assert "Weight decay λ" in [w.text() for w in panel.hp_box.findChildren(QLabel)]
    assert "Factor γ" in [w.text() for w in panel.sched_box.findChildren(QLabel)]
    assert "Bias correction" in [w.text() for w in panel.hp_box.findChildren(QAbstractButton)]


# -- the window's views -------------------------------------------------------------------
@pytest.fixture
def window(qtbot, english):
    from gdstudio.gui.app_window import MainWindow

    w = MainWindow(Scenario(kind="surface", surface="rosenbrock", optimizer="adam",
                            learning_rate=0.05, max_steps=500))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: w.batches_received > 0 and w.card.explanation is not None,
                    timeout=TIMEOUT)
    yield w
    w.close()


def test_card_readout_lesson_and_sweep_speak_chinese_and_back(qtbot, window):
    for _ in range(3):
        window.step()
    qtbot.waitUntil(lambda: window.card.explanation is not None
                    and window.card.explanation.step == 3, timeout=TIMEOUT)
    assert window.open_scenario(str(get_resource_path("lessons", "03_the_update_rule.toml")))
    qtbot.waitUntil(lambda: window.batches_received > 0
                    and window.card.explanation is not None, timeout=TIMEOUT)
    window.step()
    qtbot.waitUntil(lambda: window.card.explanation is not None
                    and window.card.explanation.step == 1, timeout=TIMEOUT)
    pane, card, readout, sweep = (window.lesson_pane, window.card, window.readout,
                                  window.sweep)
    # the worker's status after the step has arrived (the readout says "paused")
    qtbot.waitUntil(lambda: "paused" in readout.label.text(), timeout=TIMEOUT)
    assert pane.lesson is not None
    views = (pane, card, readout, sweep, window.network)
    before = [texts(v) for v in views]
    runs = window.session.runs
    lesson = pane.lesson
    assert pane.counter.text() == f"page 1 of {len(lesson.pages)}"

    switch(qtbot, "zh_TW", lambda: pane.check_button.text() == "核對")
    assert pane.counter.text() == f"第 1 頁，共 {len(lesson.pages)} 頁"
    assert lesson.title_for("zh_TW") in pane.title.text()
    assert pane.text.toPlainText().strip() != "" and has_chinese(pane.text.toPlainText())
    assert card.stages_box.text() == "分階段"
    assert "更新" in card.title.text() and "「單步」" in card.title.text()
    assert "步數 k" in readout.label.text() and "損失" in readout.label.text()
    assert sweep.button.text() == "掃描 η"
    after = [texts(v) for v in views]
    for view, old, new in zip(views, before, after):
        assert old != new, type(view).__name__
    assert window.session.runs == runs

    switch(qtbot, "en", lambda: pane.check_button.text() == "Check")
    assert [texts(v) for v in views] == before
    assert window.session.runs == runs


def test_a_revealed_answer_follows_the_language(qtbot, window):
    from gdstudio.core.lessons import load_lesson

    lesson = load_lesson(str(get_resource_path("lessons", "03_the_update_rule.toml")))
    pane = window.lesson_pane
    pane.set_lesson(lesson)
    page = next(i for i, p in enumerate(lesson.pages) if p.question is not None)
    pane.show_page(page)
    q = lesson.pages[page].question
    if q.kind == "choice":
        pane.choice_group.button(0).setChecked(True)
    else:
        pane.number.setText("1")
    pane.check()
    english_reveal = pane.reveal.text()
    switch(qtbot, "zh_TW", lambda: pane.check_button.text() == "核對")
    assert "答案是" in pane.reveal.text()
    switch(qtbot, "en", lambda: pane.check_button.text() == "Check")
    assert pane.reveal.text() == english_reveal
